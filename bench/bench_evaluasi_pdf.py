"""Benchmark: render time of one evaluation document (forms B and C), QUALITY.md P5 (median ≤ 0.5 s warm).

Standalone: builds a throwaway SQLite database in a temporary folder, one signed evaluation with
three RHK and all feedback, then renders each form ``--runs`` times after a warm-up.

    .venv/bin/python bench/bench_evaluasi_pdf.py [--runs 9] [--out DIR]

``--out DIR`` also writes the PDFs (signed, draft, basah, after keberatan) for a visual check.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_TMP = tempfile.mkdtemp(prefix="kinerja-bench-evaluasi-")
os.environ["KINERJA_INSTANCE_PATH"] = _TMP


def build(app):
    from kinerja.evaluasi import services
    from kinerja.extensions import db
    from kinerja.models import Iki, Rhk
    from kinerja.skp.queries import isi_skp
    from tests.support.evaluasi import buat_periode, buat_skp, evaluasi_of, isi_realisasi, nilai, tetapkan_capaian
    from tests.support.factories import PASSWORD, Factory

    factory = Factory()
    org = factory.org()
    periode = buat_periode()
    for name in ("kasi", "staf1", "staf2"):
        skp = buat_skp(getattr(org, name))
        rhk = Rhk(skp_id=skp.id, jenis="Utama", urutan=3, uraian="Terkelolanya arsip digital layanan "
                  "informasi publik yang mudah ditelusuri oleh masyarakat dan pimpinan",
                  intervensi_teks="Meningkatnya keterbukaan informasi publik")
        db.session.add(rhk)
        db.session.flush()
        db.session.add(Iki(rhk_id=rhk.id, aspek="Kuantitas", indikator="Jumlah arsip digital yang terkelola",
                           target_teks="300 berkas", target_angka=300, satuan="berkas", urutan=1))
        db.session.flush()
        db.session.refresh(skp)
        skp.riwayat[-1].isi = isi_skp(skp)  # the approved version holds the third RHK too
    db.session.commit()
    services.open_evaluasi(org.admin, periode.id)
    tetapkan_capaian(org, org.seksi, periode.id)  # by the kepala bidang (issue #10 §2)
    evs = {}
    for name, (h, p) in {"staf1": ("Sesuai Ekspektasi", "Di Atas Ekspektasi"),
                         "staf2": ("Di Bawah Ekspektasi", "Sesuai Ekspektasi")}.items():
        ev = evaluasi_of(getattr(org, name), periode)
        isi_realisasi(factory, ev)
        nilai(factory, ev, h, p)
        evs[name] = ev
    ev = evs["staf1"]
    services.sign_evaluasi(factory.akun_of(org.staf1), ev.id, PASSWORD, "https://kinerja.bukitintan.go.id/")
    services.sign_evaluasi(factory.akun_of(org.kasi), ev.id, PASSWORD, "https://kinerja.bukitintan.go.id/")
    return org, factory, ev, evaluasi_of(org.kasi, periode)  # the kasi's evaluation is still a draft


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    from kinerja import create_app
    from kinerja.config import TestConfig
    from kinerja.evaluasi import dokumen, services
    from kinerja.extensions import db

    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{_TMP}/bench.db",
                     UPLOAD_DIR=os.path.join(_TMP, "uploads"))
    with app.app_context():
        db.create_all()
        org, factory, ev, draft_ev = build(app)
        base = "https://kinerja.bukitintan.go.id/"
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            for jenis in ("B", "C"):
                (args.out / f"ttd-{jenis}.pdf").write_bytes(dokumen.stored(ev, jenis))
                (args.out / f"basah-{jenis}.pdf").write_bytes(dokumen.render(ev, jenis, base, basah=True))
                (args.out / f"draft-{jenis}.pdf").write_bytes(dokumen.render(draft_ev, jenis, base))
        print(f"Dokumen evaluasi: {len(ev.rhk_snapshot)} RHK, 7 perilaku; {args.runs} kali per formulir setelah pemanasan")
        for jenis, nama in (("B", "Form B EVALUASI KINERJA PEGAWAI"), ("C", "Form C DOKUMEN EVALUASI KINERJA PEGAWAI")):
            dokumen.render(ev, jenis, base, kode=ev.kode)  # warm-up (fonts, templates); with its QR code
            times = []
            pages = 0
            for _ in range(args.runs):
                start = time.perf_counter()
                content = dokumen.render(ev, jenis, base, kode=ev.kode)
                times.append(time.perf_counter() - start)
            from io import BytesIO

            from pypdf import PdfReader

            pages = len(PdfReader(BytesIO(content)).pages)
            median = statistics.median(times)
            verdict = "OK" if median <= 0.5 else "MELEBIHI TARGET"
            print(f"{nama}: median {median:.3f} s (min {min(times):.3f}, maks {max(times):.3f}), "
                  f"{pages} halaman, {len(content) / 1024:.0f} KB — target ≤ 0,5 s: {verdict}")
        if args.out:
            akun = factory.akun_of
            services.file_keberatan(akun(org.staf1), ev.id, "Realisasi saya melebihi target; mohon ditinjau kembali.")
            services.explain_keberatan(akun(org.kasi), ev.id, "Penilaian sudah sesuai bukti dukung yang ada.")
            services.decide_keberatan(akun(org.kabid), ev.id, "ubah", "Di Atas Ekspektasi", "Di Atas Ekspektasi",
                                      "Bukti menunjukkan hasil di atas target.", base)
            (args.out / "keberatan-C.pdf").write_bytes(dokumen.stored(ev, "C"))
            print(f"PDF ditulis ke {args.out}")


if __name__ == "__main__":
    main()
