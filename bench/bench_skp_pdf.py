"""Benchmark: time to render the printed SKP (form A + lampiran) as PDF.

Standalone: ``.venv/bin/python bench/bench_skp_pdf.py [--runs 9] [--simpan DIR]``.
Uses a temporary SQLite database (create_all), builds the shortest SKP (1 RHK: form A needs two
A4 pages, plus the lampiran page) and a long one (enough RHK × 3 IKI for 6 pages), then prints the
median of warm runs for each, in seconds.
Each run does what GET /skp/<id>/cetak does: load the SKP, build the context, render the PDF.
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
_TMP = tempfile.mkdtemp(prefix="kinerja-bench-skp-")
os.environ["KINERJA_INSTANCE_PATH"] = _TMP

RHK_TEKS = [
    "Meningkatnya kualitas layanan informasi publik melalui PPID yang responsif dan terdokumentasi",
    "Tersedianya website pemerintah daerah yang mutakhir, aman, dan mudah diakses masyarakat",
    "Terbangunnya aplikasi SPBE terintegrasi untuk layanan administrasi pemerintahan",
    "Terjaminnya keamanan informasi pada sistem elektronik perangkat daerah",
    "Tersedianya data statistik sektoral yang akurat dan tepat waktu",
]


def _build(app, ukuran: list[int]):
    from decimal import Decimal

    from kinerja.akun.services import hash_password
    from kinerja.extensions import db
    from kinerja.models import Akun, Iki, Instansi, Jabatan, Pegawai, PerilakuSkp, Rhk, Skp, UnitKerja
    from kinerja.skp.rules import lampiran_bawaan

    db.create_all()
    db.session.add(Instansi(nama_pemda="Pemerintah Kabupaten Bukitintan", nama_dinas="Dinas Komunikasi dan Informatika",
                            alamat="Jl. Merdeka No. 12, Bukitintan", kota_ttd="Bukitintan"))
    unit = UnitKerja(nama="Seksi Pengembangan Aplikasi", hari_kerja_per_minggu=5)
    atasan = Pegawai(nip="198505172010012015", nama="Dewi Lestari, S.Kom.", golongan="III/d", unit=unit,
                     jabatan=Jabatan(nama="Kepala Seksi Pengembangan Aplikasi", jenis="Pengawas"))
    pegawai = []
    jabatan = Jabatan(nama="Pranata Komputer Ahli Pertama", jenis="Fungsional")
    for i in range(len(ukuran)):
        nip = f"19920311201903100{i + 1}"
        pegawai.append(Pegawai(nip=nip, nama=f"Pegawai Uji {i + 1}, S.Kom.", golongan="III/b", unit=unit, atasan=atasan,
                               jabatan=jabatan))
    admin = Akun(username="admin", password_hash=hash_password("bench-bench-bench"), is_admin=True, harus_ganti_sandi=False)
    db.session.add_all([atasan, *pegawai, admin])
    db.session.flush()
    skps = []
    for p, jumlah in zip(pegawai, ukuran, strict=True):
        skp = Skp(pegawai=p, tahun=2026, pendekatan="Kuantitatif", jenis_form="JA_JF", status="Draft", versi=0,
                  dalam_revisi=False, disetujui_oleh_admin=False, **lampiran_bawaan())
        for n in range(1, 8):
            skp.perilaku.append(PerilakuSkp(nomor=n, ekspektasi="Menyelesaikan tugas tepat waktu dan membantu rekan kerja."))
        for n in range(jumlah):
            r = Rhk(jenis="Utama" if n < max(jumlah - 2, 1) else "Tambahan", uraian=f"{RHK_TEKS[n % 5]} ({n + 1})",
                    urutan=n + 1, intervensi_teks=f"Terselenggaranya layanan e-government yang andal ({n % 4 + 1})")
            for k, aspek in enumerate(("Kuantitas", "Kualitas", "Waktu")):
                r.iki.append(Iki(aspek=aspek, indikator=f"Indikator {aspek.lower()} untuk RHK {n + 1}: dokumen dan layanan",
                                 target_teks=f"{(k + 1) * 4} dokumen", target_angka=Decimal((k + 1) * 4), satuan="dokumen",
                                 urutan=k))
            skp.rhk.append(r)
        db.session.add(skp)
        skps.append(skp)
    db.session.commit()
    return admin, [s.id for s in skps]


def _render(admin, skp_id):
    from kinerja.dokumen.pdf import logo_data_uri, render_pdf
    from kinerja.organisasi.services import find_instansi
    from kinerja.skp import services
    from kinerja.skp.rules import LAMPIRAN_JUDUL

    ctx = services.cetak_context(admin, skp_id)
    return render_pdf("dokumen/form_a_skp.html", instansi=find_instansi(), logo=logo_data_uri(), lampiran_judul=LAMPIRAN_JUDUL,
                      judul_dokumen=f"SKP {ctx['skp'].tahun}", **ctx)


def _pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="warm runs per document (default 9, minimum 7)")
    parser.add_argument("--simpan", help="also write skp-pendek.pdf and skp-panjang.pdf into this folder")
    args = parser.parse_args()
    runs = max(args.runs, 7)

    from kinerja import create_app
    from kinerja.config import TestConfig
    from kinerja.extensions import db

    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{_TMP}/bench.db", UPLOAD_DIR=f"{_TMP}/uploads")
    with app.test_request_context("/"):
        # Several sizes (RHK × 3 IKI); keep the first that prints on each page count.  Form A alone
        # (kop, identitas, one RHK, the seven perilaku, signatures) already needs two A4 pages, so the
        # shortest SKP is 3 pages with its lampiran; the "2-page" figure is that shortest document.
        ukuran = [1, 2, 20, 22, 24, 26, 28]
        admin, ids = _build(app, ukuran)
        halaman = {}
        for jumlah, skp_id in zip(ukuran, ids, strict=True):
            halaman.setdefault(_pages(_render(admin, skp_id)), (jumlah, skp_id))
        terpendek = min(halaman)
        if 6 not in halaman:
            if args.simpan:
                for n, (_, skp_id) in halaman.items():
                    (Path(args.simpan) / f"skp-{n}-halaman.pdf").write_bytes(_render(admin, skp_id))
            sys.exit(f"ukuran tidak menghasilkan 2 dan 6 halaman: {sorted(halaman)}")
        hasil = {}
        for nama, target in (("terpendek", terpendek), ("6-halaman", 6)):
            jumlah, skp_id = halaman[target]
            pdf = _render(admin, skp_id)  # warm-up (fonts, templates)
            if args.simpan:
                Path(args.simpan).mkdir(parents=True, exist_ok=True)
                (Path(args.simpan) / f"skp-{nama}.pdf").write_bytes(pdf)
            nama = f"{nama} ({jumlah} RHK x 3 IKI)"
            times = []
            for _ in range(runs):
                db.session.expire_all()
                start = time.perf_counter()
                _render(admin, skp_id)
                times.append(time.perf_counter() - start)
            hasil[nama] = (_pages(pdf), statistics.median(times), min(times), max(times))
    print(f"SKP PDF render, median of {runs} warm runs (seconds)")
    for nama, (pages, med, lo, hi) in hasil.items():
        print(f"{nama:28s} pages={pages} median={med:.3f} min={lo:.3f} max={hi:.3f}")
    (_, pendek, *_), (_, panjang, *_) = hasil.values()
    print(f"ratio 6-halaman/terpendek={panjang / pendek:.2f}")


if __name__ == "__main__":
    main()
