"""Demo mutasi and Plt (issue #11 §1–§2), in the current year:

- **Putri Ayu Lestari** (Seksi Pengelolaan Informasi Publik) is promoted on 1 July to Pranata Humas
  Ahli Muda directly under the Kepala Bidang IKP: her first SKP runs 1 January–30 June (evaluated in
  Semester I by her old Kepala Seksi), her second 1 July–31 December, approved by the Kepala Bidang,
  with its Semester II evaluation; her daily entries from 1 July link to the new SKP.
- A **Plt Kepala Seksi Statistik Sektoral** for a month around today: the Kepala Seksi Persandian
  dan Keamanan Informasi acts; while it runs the seksi's staff have him as their atasan.

Not the README's logins (other demo steps build on those).  Idempotent; skipped before 1 July.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from kinerja.extensions import db
from kinerja.models import Aktivitas, Akun, Evaluasi, Jabatan, Pegawai, PenugasanPlt, Periode, Rhk, Skp, UnitKerja
from kinerja.waktu import today_local

NIP_PROMOSI = "199610152022032008"  # Putri Ayu Lestari (kinerja/demo/organisasi.py NAMED)
JABATAN_BARU = "Pranata Humas Ahli Muda"
EKSPEKTASI = "Menyelesaikan tugas tepat waktu dan berkoordinasi aktif dengan tim kehumasan."


def load(result, ctx, seed: int = 2026, scale: int | None = None) -> None:
    hari_ini = today_local()
    admin = ctx.admin or db.session.execute(select(Akun).where(Akun.is_admin.is_(True)).limit(1)).scalar_one()
    result.lines.append(f"{_promosi(admin, hari_ini)} {_plt(admin, hari_ini)}")  # one line: `make run` stays short


def _akun(pegawai_id: int) -> Akun | None:
    return db.session.execute(select(Akun).where(Akun.pegawai_id == pegawai_id)).scalar_one_or_none()


def _promosi(admin, hari_ini: date) -> str:  # noqa: C901  one demo story, top to bottom
    from kinerja.evaluasi.services import open_evaluasi_skp
    from kinerja.mutasi.services import MutasiData, catat_mutasi
    from kinerja.skp.services import approve_skp, create_skp_lanjutan, submit_skp

    tahun = hari_ini.year
    efektif = date(tahun, 7, 1)
    if hari_ini < efektif:
        return "Promosi demo dilewati: 1 Juli tahun ini belum tiba."
    putri = db.session.execute(select(Pegawai).where(Pegawai.nip == NIP_PROMOSI)).scalar_one_or_none()
    if putri is None or putri.unit is None or putri.unit.induk_id is None:
        return "Promosi demo dilewati: pegawai demo tidak ditemukan."
    if db.session.execute(select(Skp.id).where(Skp.pegawai_id == putri.id, Skp.tahun == tahun,
                                               Skp.tanggal_mulai == efektif)).first():
        return "Promosi demo sudah ada; tidak dibuat ulang."
    lama = db.session.execute(select(Skp).where(Skp.pegawai_id == putri.id, Skp.tahun == tahun)).scalar_one_or_none()
    bidang = db.session.get(UnitKerja, putri.unit.induk_id)
    kabid = db.session.execute(select(Pegawai).where(Pegawai.unit_id == bidang.id, Pegawai.pimpinan.is_(True))
                               ).scalar_one_or_none()
    if lama is None or lama.versi == 0 or kabid is None:
        return "Promosi demo dilewati: SKP lama belum disetujui atau kepala bidang tidak ada."
    jabatan = db.session.execute(select(Jabatan).where(Jabatan.nama == JABATAN_BARU)).scalar_one_or_none()
    if jabatan is None:
        jabatan = Jabatan(nama=JABATAN_BARU, jenis="Fungsional", jenjang="Ahli Muda")
        db.session.add(jabatan)
        db.session.flush()
    catat_mutasi(admin, putri.id, MutasiData(jenis="Promosi", tanggal=efektif, jabatan_id=jabatan.id, unit_id=bidang.id,
                                             atasan_id=kabid.id, golongan="III/b", nomor_sk=f"800/{tahun}/BKPSDM/071",
                                             keterangan="Kenaikan jenjang jabatan fungsional."), hari_ini=hari_ini)
    akun_putri, akun_kabid = _akun(putri.id), _akun(kabid.id)
    hasil = create_skp_lanjutan(akun_putri, tahun)
    baru = hasil.skp
    # The new atasan's RHK this SKP intervenes (the links were cleared: the atasan changed).
    rhk_kabid = db.session.execute(
        select(Rhk).join(Skp, Rhk.skp_id == Skp.id).where(Skp.pegawai_id == kabid.id, Skp.tahun == tahun, Skp.versi > 0)
        .order_by(Rhk.urutan)).scalars().all()
    if rhk_kabid:
        for i, r in enumerate(baru.rhk):
            r.rhk_atasan_id = rhk_kabid[i % len(rhk_kabid)].id
        db.session.commit()
    submit_skp(akun_putri, baru.id)
    approve_skp(akun_kabid, baru.id, {n: EKSPEKTASI for n in range(1, 8)})
    # Daily entries link to the SKP active on their date: from 1 July, the new SKP's RHK (same order).
    lama_rhk = {r.id: r.urutan for r in lama.rhk}
    baru_rhk = {r.urutan: r.id for r in baru.rhk}
    for a in db.session.execute(select(Aktivitas).where(Aktivitas.pegawai_id == putri.id, Aktivitas.tanggal >= efektif,
                                                        Aktivitas.rhk_id.in_(list(lama_rhk)))).scalars():
        a.rhk_id = baru_rhk.get(lama_rhk[a.rhk_id])
    db.session.commit()
    # Both evaluations: Semester I rates the first SKP (opened by the evaluasi demo), Semester II the new one.
    s2 = db.session.execute(select(Periode).where(Periode.kode == "S2", Periode.tanggal_mulai == efektif)
                            ).scalar_one_or_none()
    evaluasi = db.session.execute(select(Evaluasi).where(Evaluasi.pegawai_id == putri.id)).scalars().all()
    if s2 is not None:
        for ev in evaluasi:  # an S2 evaluation of the old SKP, if the period was already open
            if ev.periode_id == s2.id and ev.skp_id == lama.id and ev.status == "Draft":
                db.session.delete(ev)
        db.session.commit()
        open_evaluasi_skp(admin, s2.id, baru.id)
    return (f"Promosi demo: {putri.nama} 1 Juli {tahun} → {JABATAN_BARU} (atasan {kabid.nama}); "
            f"SKP {lama.tanggal_mulai:%d/%m}–{lama.tanggal_selesai:%d/%m} dan {baru.tanggal_mulai:%d/%m}–"
            f"{baru.tanggal_selesai:%d/%m}, keduanya dengan evaluasi.")


def _plt(admin, hari_ini: date) -> str:
    from kinerja.mutasi.services import PenugasanData, buat_penugasan

    seksi = db.session.execute(select(UnitKerja).where(UnitKerja.nama == "Seksi Statistik Sektoral")).scalar_one_or_none()
    pejabat = db.session.execute(
        select(Pegawai).join(UnitKerja, Pegawai.unit_id == UnitKerja.id)
        .where(UnitKerja.nama == "Seksi Persandian dan Keamanan Informasi", Pegawai.pimpinan.is_(True))
    ).scalar_one_or_none()
    if seksi is None or pejabat is None:
        return "Plt demo dilewati: seksi demo tidak ditemukan."
    if db.session.execute(select(PenugasanPlt.id).where(PenugasanPlt.unit_id == seksi.id)).first():
        return "Plt demo sudah ada; tidak dibuat ulang."
    mulai = hari_ini - timedelta(days=14)
    p = buat_penugasan(admin, PenugasanData(
        jenis="Plt", pejabat_id=pejabat.id, unit_id=seksi.id, pegawai_id=None, tanggal_mulai=mulai,
        tanggal_selesai=mulai + timedelta(days=29), nomor_sk=f"800/{hari_ini.year}/SPT/112",
        keterangan="Kepala seksi definitif menjalani tugas belajar."))
    return f"Plt demo: {pejabat.nama} Plt. Kepala {seksi.nama} {p.tanggal_mulai:%d/%m}–{p.tanggal_selesai:%d/%m}."
