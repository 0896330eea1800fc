"""Demo evaluations: Semester I of the demo year, evaluated for most staff, in every state.

Needs approved SKPs (kinerja/demo/skp.py) and the year's periods; without them it does nothing
and says so.  Idempotent: when Semester I already has evaluations, nothing is added.
"""

from __future__ import annotations

import random
from datetime import date

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from kinerja.evaluasi import rules, services
from kinerja.extensions import db
from kinerja.models import Akun, Evaluasi, Periode, Skp, UnitKerja
from kinerja.waktu import today_local

README_PEGAWAI = "199203112019031007"  # Andi Pratama
MAKS_DITANDATANGANI = 10  # each signature pair renders two PDFs; keep the demo quick
MAKS_DIPROSES = 60  # with --scale, only the first evaluations are walked through the workflow
S, A, B = rules.SESUAI, rules.DI_ATAS, rules.DI_BAWAH
# The target state of the i-th evaluation (cycled), so that every state appears.
TAHAPAN = ("selesai", "selesai", "draft", "diajukan", "dinilai", "final", "ttd_pegawai", "selesai", "selesai",
           "selesai", "final", "dinilai")


def _ratings(rng: random.Random) -> tuple[str, str]:
    return rng.choices([(S, S), (S, A), (A, A), (B, S), (A, B), (B, B)], weights=[45, 20, 15, 12, 5, 3])[0]


def load(result, ctx, seed: int = 2026, scale: int | None = None) -> None:
    tahun = today_local().year
    periode = db.session.execute(
        select(Periode).where(Periode.kode == "S1", Periode.tanggal_mulai >= date(tahun, 1, 1),
                              Periode.tanggal_mulai <= date(tahun, 12, 31))
    ).scalar_one_or_none()
    disetujui = db.session.execute(
        select(func.count(Skp.id)).where(Skp.tahun == tahun, Skp.versi > 0)).scalar_one()
    if periode is None or not disetujui:
        result.lines.append("Evaluasi demo dilewati: belum ada periode Semester I atau SKP yang disetujui.")
        return
    if db.session.execute(select(Evaluasi.id).where(Evaluasi.periode_id == periode.id).limit(1)).first():
        result.lines.append("Evaluasi demo Semester I sudah ada; tidak dibuat ulang.")
        return
    admin = ctx.admin or db.session.execute(select(Akun).where(Akun.is_admin.is_(True)).limit(1)).scalar_one()
    services.open_evaluasi(admin, periode.id)
    root = db.session.execute(select(UnitKerja).where(UnitKerja.induk_id.is_(None)).order_by(UnitKerja.id)).scalars().first()
    services.set_capaian_organisasi(admin, root.id, periode.id, "Baik")  # every unit inherits it
    evaluations = list(db.session.execute(
        select(Evaluasi).where(Evaluasi.periode_id == periode.id, Evaluasi.penilai_id.is_not(None))
        .options(selectinload(Evaluasi.pegawai), selectinload(Evaluasi.rhk_snapshot))
        .order_by(Evaluasi.unit_id, Evaluasi.id)
    ).scalars())
    # The README's pegawai comes first and ends signed by both (issue #15: the demo shows the whole cycle).
    evaluations.sort(key=lambda ev: ev.pegawai.nip != README_PEGAWAI)
    evaluations = evaluations[:MAKS_DIPROSES]
    akun = dict(db.session.execute(select(Akun.pegawai_id, Akun)).all())
    # One unit whose predikat all come out "Baik": its kurva departs from the Baik pattern.
    menyimpang = next((ev.unit_id for ev in evaluations if ev.unit and "Pengembangan Aplikasi" in ev.unit.nama),
                      evaluations[0].unit_id if evaluations else None)
    rng = random.Random(seed)
    base = current_app.config.get("KINERJA_BASE_URL") or "http://127.0.0.1:5000/"
    hari = periode.batas_pengisian  # the demo fills realisasi "on time"
    if today_local() <= periode.tanggal_selesai:  # a demo made before the period ends may still sign
        periode.ttd_lebih_awal = True
    ditandatangani, keberatan = 0, None
    counts: dict[str, int] = {}
    for i, ev in enumerate(evaluations):
        target = "selesai" if ev.pegawai.nip == README_PEGAWAI else TAHAPAN[i % len(TAHAPAN)]
        if target == "selesai" and ditandatangani >= MAKS_DITANDATANGANI:
            target = "final"
        pegawai_akun, penilai_akun = akun.get(ev.pegawai_id), akun.get(ev.penilai_id)
        if pegawai_akun is None or penilai_akun is None or not ev.rhk_snapshot:
            continue
        counts[target] = counts.get(target, 0) + 1
        if target == "draft":
            continue
        services.save_realisasi(pegawai_akun, ev.id, [
            services.RealisasiInput(rhk.rhk_id, f"Terlaksana sesuai rencana: {rhk.uraian[:80]}, dengan bukti dari "
                                                "laporan kinerja harian.") for rhk in ev.rhk_snapshot], today=hari)
        services.submit_realisasi(pegawai_akun, ev.id, today=hari)
        if target == "diajukan":
            continue
        hasil, perilaku = (S, S) if ev.unit_id == menyimpang else _ratings(rng)
        services.save_penilaian(penilai_akun, ev.id, services.PenilaianInput(
            rating_hasil_kerja=hasil, rating_perilaku_kerja=perilaku,
            umpan_balik_rhk={r.rhk_id: rng.choice(["Hasil sesuai target, pertahankan.", "Dokumentasi bukti dukung lengkap.",
                                               "Perlu percepatan pada triwulan berikut."]) for r in ev.rhk_snapshot},
            umpan_balik_perilaku={n: rng.choice(["Sesuai ekspektasi.", "Sangat membantu rekan kerja.",
                                                 "Tingkatkan ketepatan waktu."]) for n in range(1, 8)},
            catatan_rekomendasi="Ikuti pelatihan yang mendukung tugas jabatan pada semester berikutnya.",
        ))
        if target == "dinilai":
            continue
        services.finalize_evaluasi(penilai_akun, ev.id)
        if target == "final":
            continue
        # One keberatan filed WITHOUT the pegawai's signature (PP 30/2019), decided by the atasan penilai.
        tanpa_ttd = (target == "selesai" and keberatan is None and ev.pegawai.nip != README_PEGAWAI and ev.atasan_penilai_id is not None
                     and ev.atasan_penilai_id in akun
                     and not ev.kepala_unit and ev.predikat != rules.SANGAT_BAIK)
        if not tanpa_ttd:
            services.sign_evaluasi(pegawai_akun, ev.id, _demo_password(), base)
            if target == "ttd_pegawai":
                continue
        services.sign_evaluasi(penilai_akun, ev.id, _demo_password(), base)
        ditandatangani += 1
        if tanpa_ttd:
            keberatan = ev
            services.file_keberatan(pegawai_akun, ev.id, "Realisasi saya melampaui target dan didukung bukti "
                                                         "aktivitas harian; mohon predikat ditinjau kembali.",
                                    today=ev.tanggal_diterima)
            services.explain_keberatan(penilai_akun, ev.id, "Penilaian sudah mempertimbangkan seluruh bukti dukung.")
            services.decide_keberatan(akun[ev.atasan_penilai_id], ev.id, "ubah", A, A,
                                      "Bukti dukung menunjukkan hasil di atas ekspektasi.", base)
    ringkas = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    result.lines.append(f"Evaluasi demo Semester I: {len(evaluations)} pegawai ({ringkas}); "
                        f"{ditandatangani} ditandatangani, {1 if keberatan else 0} keberatan diputus.")


def _demo_password() -> str:
    from kinerja.demo import DEMO_PASSWORD

    return DEMO_PASSWORD
