"""Demo: a handful of cuti and dinas luar days in the current year (issue #11 §3)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from kinerja.extensions import db
from kinerja.kalender.rules import CUTI, DINAS_LUAR, SAKIT
from kinerja.models import Aktivitas, Ketidakhadiran, Pegawai
from kinerja.waktu import today_local, utcnow

README_NIP = "199203112019031007"  # Andi Pratama


def _senin_lalu(today: date, minggu: int) -> date:
    return today - timedelta(days=today.weekday() + 7 * minggu)


def load_ketidakhadiran(result, ctx, seed: int = 2026, scale: int | None = None) -> None:
    if db.session.execute(select(Ketidakhadiran.id).limit(1)).first():
        result.lines.append("Ketidakhadiran demo sudah ada; tidak dibuat ulang.")
        return
    today = today_local()
    pegawai = list(db.session.execute(
        select(Pegawai).where(Pegawai.aktif.is_(True), Pegawai.atasan_id.is_not(None)).order_by(Pegawai.id).limit(6)
    ).scalars())
    andi = db.session.execute(select(Pegawai).where(Pegawai.nip == README_NIP)).scalar_one_or_none()
    rows = []
    if andi is not None:
        rows += [(andi, CUTI, _senin_lalu(today, 3), _senin_lalu(today, 3) + timedelta(days=1), "Cuti tahunan", "Disetujui"),
                 (andi, DINAS_LUAR, _senin_lalu(today, 1) + timedelta(days=2), _senin_lalu(today, 1) + timedelta(days=3),
                  "Rapat koordinasi di provinsi", "Disetujui"),
                 (andi, CUTI, _senin_lalu(today, -2), _senin_lalu(today, -2) + timedelta(days=2), "Cuti tahunan (keluarga)",
                  "Diajukan")]
        # A colleague under the same atasan (not Siti, who plans next year's SKP in the README): sakit and
        # cuti inside the Kepatuhan grid's last ten working days, so Dewi Lestari's grid shows S and C.
        rekan = db.session.execute(
            select(Pegawai).where(Pegawai.atasan_id == andi.atasan_id, Pegawai.id != andi.id,
                                  Pegawai.nip != "199508242020122011", Pegawai.aktif.is_(True))
            .order_by(Pegawai.id).limit(1)).scalar_one_or_none()
        if rekan is not None:
            rows += [(rekan, SAKIT, _senin_lalu(today, 1) + timedelta(days=1), _senin_lalu(today, 1) + timedelta(days=1),
                      "Surat keterangan dokter", "Disetujui"),
                     (rekan, CUTI, _senin_lalu(today, 1) + timedelta(days=4), _senin_lalu(today, 1) + timedelta(days=4),
                      "Cuti tahunan", "Disetujui")]
    dipakai = {r[0].id for r in rows}
    lain = [p for p in pegawai if p.id not in dipakai]
    for i, p in enumerate(lain[:4]):
        start = _senin_lalu(today, 2 + i)
        jenis = (CUTI, DINAS_LUAR, SAKIT, DINAS_LUAR)[i]
        rows.append((p, jenis, start + timedelta(days=1), start + timedelta(days=1 + i % 2), None, "Disetujui"))
    for p, jenis, mulai, selesai, ket, status in rows:
        if mulai.year != today.year:
            continue
        db.session.add(Ketidakhadiran(pegawai_id=p.id, jenis=jenis, tanggal_mulai=mulai, tanggal_selesai=selesai,
                                      keterangan=ket, status=status, sumber="admin" if status == "Disetujui" else "pengajuan",
                                      diputus_at=utcnow() if status == "Disetujui" else None))
    db.session.flush()
    # Nobody logs work on a cuti or sakit day: remove the generated entries on those days (dinas luar keeps them).
    for k in db.session.execute(select(Ketidakhadiran).where(Ketidakhadiran.status == "Disetujui",
                                                             Ketidakhadiran.jenis != DINAS_LUAR)).scalars():
        for a in db.session.execute(select(Aktivitas).where(
                Aktivitas.pegawai_id == k.pegawai_id,
                Aktivitas.tanggal.between(k.tanggal_mulai, k.tanggal_selesai))).scalars():
            db.session.delete(a)
    db.session.commit()
    result.lines.append(f"Ketidakhadiran demo: {len(rows)} catatan cuti/dinas luar/sakit.")
