"""Demo: the top of the tree (DOMAIN.md §6.5b).  The Sekretaris Daerah (an account "sekda") is the
pejabat penilai of the Kepala Dinas and the Bupati (no NIP, no account) the atasan pejabat penilai.
The Sekda sets the dinas's capaian, the Kepala Dinas those of the bidang, each signs the Penetapan
Predikat Kinerja, and the Kepala Dinas's Semester I evaluation is rated and signed.

Two steps: ``load`` (order 15, before the SKP and the evaluations, so that the evaluations of the
Kepala Dinas's direct reports name the Sekda as atasan pejabat penilai) and ``load_penilaian``
(order 45, after the evaluations).  Idempotent: nothing is added twice.
"""

from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy import select

from kinerja.evaluasi import penetapan, queries, rules, services
from kinerja.extensions import db
from kinerja.models import Akun, Evaluasi, PejabatLuar, Periode, UnitKerja
from kinerja.waktu import today_local

SEKDA = ("Drs. H. Sutrisno Wibowo, M.Si.", "196805121990031007", "IV/d Pembina Utama Madya", "Sekretaris Daerah")
BUPATI = ("H. Darmawan Saputra, S.H., M.H.", None, None, "Bupati Bukitintan")
INSTANSI = "Pemerintah Kabupaten Bukitintan"
MAKS_PENETAPAN = 6  # each signature renders one PDF


def load(result, ctx, seed: int = 2026, scale: int | None = None) -> None:
    if db.session.execute(select(PejabatLuar.id).limit(1)).first():
        result.lines.append("Pejabat luar instansi demo sudah ada; tidak dibuat ulang.")
        return
    sekda, bupati = (PejabatLuar(nama=n, nip=nip, pangkat_golongan=pg, jabatan=j, instansi=INSTANSI, aktif=True)
                     for n, nip, pg, j in (SEKDA, BUPATI))
    db.session.add_all([sekda, bupati])
    db.session.flush()
    akun_sekda = Akun(username="sekda", pejabat_luar_id=sekda.id, password_hash=ctx.password_hash,
                      harus_ganti_sandi=False, aktif=True)
    db.session.add(akun_sekda)
    kepala = ctx.kepala
    kepala.penilai_luar_id, kepala.atasan_penilai_luar_id = sekda.id, bupati.id
    db.session.commit()
    result.lines.append(f"Pejabat luar instansi: {sekda.nama} ({sekda.jabatan}, akun: sekda) menilai "
                        f"{kepala.nama}; atasan pejabat penilai {bupati.nama}.")


def load_penilaian(result, ctx, seed: int = 2026, scale: int | None = None) -> None:
    """The Sekda's and the Kepala Dinas's part of Semester I: capaian, Penetapan, the Kepala Dinas's evaluation."""
    from kinerja.demo import DEMO_PASSWORD

    akun_sekda = db.session.execute(select(Akun).where(Akun.username == "sekda")).scalar_one_or_none()
    kepala = ctx.kepala
    if akun_sekda is None or kepala.penilai_luar_id != akun_sekda.pejabat_luar_id:
        return
    sekda = akun_sekda.pejabat_luar
    admin = ctx.admin or db.session.execute(select(Akun).where(Akun.is_admin.is_(True)).limit(1)).scalar_one()

    tahun = today_local().year
    periode = db.session.execute(
        select(Periode).where(Periode.kode == "S1", Periode.tanggal_mulai >= date(tahun, 1, 1),
                              Periode.tanggal_mulai <= date(tahun, 12, 31))).scalar_one_or_none()
    if periode is None:
        return
    services.open_evaluasi(admin, periode.id)  # fills in the Sekda / Bupati on the opened evaluations
    akun = dict(db.session.execute(select(Akun.pegawai_id, Akun).where(Akun.pegawai_id.is_not(None))).all())
    akun_kepala = akun.get(kepala.id)
    base = current_app.config.get("KINERJA_BASE_URL") or "http://127.0.0.1:5000/"
    def belum_ditandatangani(unit_id: int) -> bool:
        item = queries.capaian_langsung(unit_id, periode.id)
        return item is None or item.ttd_at is None

    if kepala.unit_id is None or akun_kepala is None:
        return
    if belum_ditandatangani(kepala.unit_id):
        services.set_capaian_organisasi(akun_sekda, kepala.unit_id, periode.id, "Baik")
    bidang = list(db.session.execute(select(UnitKerja).where(UnitKerja.induk_id == kepala.unit_id)
                                     .order_by(UnitKerja.nama)).scalars())
    for i, unit in enumerate(bidang):
        if belum_ditandatangani(unit.id):
            services.set_capaian_organisasi(akun_kepala, unit.id, periode.id, "Baik")
            if i < MAKS_PENETAPAN:
                penetapan.sign_penetapan(akun_kepala, unit.id, periode.id, DEMO_PASSWORD, base)
    ev = db.session.execute(select(Evaluasi).where(Evaluasi.periode_id == periode.id,
                                                   Evaluasi.pegawai_id == kepala.id)).scalar_one_or_none()
    if ev is None or ev.status != rules.DRAFT or ev.penilai_luar_id != sekda.id:
        return
    hari = periode.batas_pengisian
    services.save_realisasi(akun_kepala, ev.id, [
        services.RealisasiInput(rhk.id, f"Tercapai: {rhk.uraian[:90]}; didukung laporan kinerja bidang.")
        for rhk in ev.skp.rhk], today=hari)
    services.submit_realisasi(akun_kepala, ev.id, today=hari)
    services.save_penilaian(akun_sekda, ev.id, services.PenilaianInput(
        rating_hasil_kerja=None, rating_perilaku_kerja=rules.DI_ATAS,
        umpan_balik_rhk={r.id: "Sasaran dinas tercapai sesuai Perjanjian Kinerja." for r in ev.skp.rhk},
        umpan_balik_perilaku={n: "Menjadi teladan bagi jajaran." for n in range(1, 8)},
        catatan_rekomendasi="Pertahankan; ikuti pelatihan kepemimpinan transformasional."))
    services.finalize_evaluasi(akun_sekda, ev.id)
    services.sign_evaluasi(akun_kepala, ev.id, DEMO_PASSWORD, base)
    services.sign_evaluasi(akun_sekda, ev.id, DEMO_PASSWORD, base)
    penetapan.sign_penetapan(akun_sekda, kepala.unit_id, periode.id, DEMO_PASSWORD, base)
    result.lines.append(f"Evaluasi Semester I {kepala.nama}: dinilai dan ditandatangani {sekda.jabatan}; "
                        "Penetapan Predikat Kinerja dinas dan tiap bidang ditandatangani.")
