"""Demo: rencana aksi on the README pegawai's approved SKP of this year (issue #11 §4)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from kinerja.extensions import db
from kinerja.models import Aktivitas, Pegawai, RencanaAksi, Rhk, Skp, TahunKinerja
from kinerja.rencana_aksi import rules
from kinerja.waktu import today_local

README_NIP = "199203112019031007"  # Andi Pratama
LANGKAH = ("Mengumpulkan dan memeriksa bahan", "Menyusun draf dan membahasnya dengan atasan",
           "Menyelesaikan dan menyerahkan hasil")


def load_rencana_aksi(result, ctx, seed: int = 2026, scale: int | None = None) -> None:
    if db.session.execute(select(RencanaAksi.id).limit(1)).first():
        result.lines.append("Rencana aksi demo sudah ada; tidak dibuat ulang.")
        return
    today = today_local()
    skp = db.session.execute(
        select(Skp).join(Pegawai, Pegawai.id == Skp.pegawai_id)
        .where(Pegawai.nip == README_NIP, Skp.tahun == today.year, Skp.versi > 0).order_by(Skp.id.desc()).limit(1)
    ).scalar_one_or_none()
    if skp is None:
        result.lines.append("Rencana aksi demo dilewati: pegawai README belum punya SKP disetujui tahun ini.")
        return
    pola = db.session.execute(select(TahunKinerja.pola).where(TahunKinerja.tahun == today.year)).scalar_one_or_none()
    periode = rules.periode_tahun(today.year, pola)
    rhk = list(db.session.execute(select(Rhk).where(Rhk.skp_id == skp.id).order_by(Rhk.urutan, Rhk.id).limit(2)).scalars())
    dibuat = 0
    for r in rhk:
        for i, p in enumerate(periode):
            db.session.add(RencanaAksi(rhk_id=r.id, kode=p.kode, tanggal_mulai=p.mulai, tanggal_selesai=p.selesai,
                                       uraian=f"{LANGKAH[i % len(LANGKAH)]} ({p.nama})", target=Decimal(60 if len(periode) == 4 else 20),
                                       satuan="keluaran"))
            dibuat += 1
    db.session.flush()
    # His entries on those RHK point at the rencana aksi of their date.
    aksi = list(db.session.execute(select(RencanaAksi).where(RencanaAksi.rhk_id.in_([r.id for r in rhk]))).scalars())
    for a in db.session.execute(select(Aktivitas).where(Aktivitas.rhk_id.in_([r.id for r in rhk]))).scalars():
        a.rencana_aksi_id = next((ra.id for ra in aksi if ra.rhk_id == a.rhk_id
                                  and ra.tanggal_mulai <= a.tanggal <= ra.tanggal_selesai), None)
    db.session.commit()
    result.lines.append(f"Rencana aksi demo: {dibuat} rencana aksi pada SKP {today.year} Andi Pratama.")
