"""Benchmark: Cetak Massal throughput (issue #13, C8).

1. Rendering unsigned documents with the real consumer (``flask jobs --tipe process``): four Cetak
   Massal jobs of draft evaluation forms, served by 1 and then by 2 worker processes.  Throughput =
   documents / (last job finished − first job started).  Target: 2 workers ≥ 0,8 × twice the single rate;
   each worker process's peak RSS (``VmHWM``, read every 0.5 s) ≤ 250 MB (P6).
2. Zipping 1.000 signed documents (500 evaluations × forms B and C, copied from the archive through
   the same code as the job).  Target: ≤ 30 s.

Standalone: a throwaway SQLite database and SqliteHuey queue in a temporary folder.

    .venv/bin/python bench/bench_cetak.py [--pegawai 6] [--ttd 500]
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(Path(__file__).resolve().parent))
from load_server import RSS_BATAS_MB, rss_puncak_mb  # noqa: E402

_TMP = Path(tempfile.mkdtemp(prefix="kinerja-bench-cetak-"))
os.environ["KINERJA_INSTANCE_PATH"] = str(_TMP / "instance")
DB_URL = f"sqlite:///{_TMP / 'bench.db'}"
BASE = "https://kinerja.bukitintan.go.id/"


def _app():
    from kinerja import create_app
    from kinerja.config import TestConfig

    return create_app(TestConfig, SQLALCHEMY_DATABASE_URI=DB_URL, JOBS_IMMEDIATE=False,
                      UPLOAD_DIR=_TMP / "instance" / "uploads", INSTANCE_DIR=_TMP / "instance")


def build(per_unit: int):
    """org + ``per_unit`` extra staff in Seksi Uji and in Bidang Lain, all with a draft evaluation."""
    from kinerja.evaluasi import services
    from kinerja.extensions import db
    from tests.support.evaluasi import buat_periode, buat_skp
    from tests.support.factories import Factory

    factory = Factory()
    org = factory.org()
    periode = buat_periode()
    for i in range(per_unit):
        factory.pegawai(f"Staf Seksi {i}", atasan=org.kasi, unit=org.seksi)
        factory.pegawai(f"Staf Bidang {i}", atasan=org.kabid2, unit=org.bidang2)
    db.session.flush()
    from kinerja.models import Pegawai

    for p in db.session.query(Pegawai).filter(Pegawai.id != org.kadis.id):
        buat_skp(p)
    db.session.commit()
    services.open_evaluasi(org.admin, periode.id)
    db.session.commit()
    return SimpleNamespace(admin=org.admin.id, kabid=factory.akun_of(org.kabid).id, seksi=org.seksi.id, bidang2=org.bidang2.id, staf1=org.staf1.id,
                           periode=periode.id)


def render_rate(app, ids_: SimpleNamespace, workers: int) -> tuple[float, int]:
    """Documents per second with ``workers`` worker processes of the real consumer."""
    from kinerja.cetak import services as cetak
    from kinerja.extensions import db
    from kinerja.jobs.antrian import huey
    from kinerja.models import Akun, Pekerjaan

    with app.app_context():
        admin = db.session.get(Akun, ids_.admin)
        ids = [cetak.mulai_cetak(admin, {"periode_id": ids_.periode, "unit_id": unit, "sub_unit": False,
                                         "dokumen": [dok], "format": "zip"}).id
               for unit in (ids_.seksi, ids_.bidang2) for dok in ("B", "C")]
    env = {**os.environ, "KINERJA_ENV": "development", "KINERJA_DATABASE_URL": DB_URL,
           "KINERJA_AUDIT_KEY": app.config["AUDIT_KEY"].decode(), "KINERJA_SECRET_KEY": "bench-" + "x" * 40,
           "KINERJA_BASE_URL": BASE}
    env.pop("KINERJA_REDIS_URL", None)
    log = open(_TMP / f"konsumen-{workers}.log", "w")  # noqa: SIM115
    proses = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "jobs", "--workers", str(workers),
                               "--tipe", "process", "--tanpa-berkala"], cwd=ROOT, env=env, stdout=log,
                              stderr=subprocess.STDOUT)
    puncak: dict[int, float] = {}  # worker pid → its peak RSS (MB) as last read
    try:
        while True:
            time.sleep(0.5)
            _catat_rss_pekerja(proses.pid, puncak)
            with app.app_context():
                rows = db.session.query(Pekerjaan).filter(Pekerjaan.id.in_(ids)).all()
                if all(r.akhir for r in rows):
                    break
                db.session.rollback()
        _catat_rss_pekerja(proses.pid, puncak)
    finally:
        proses.terminate()
        proses.wait(timeout=30)
        log.close()
    gagal = [r.galat for r in rows if r.status != "selesai"]
    if gagal:
        raise SystemExit(f"pekerjaan gagal: {gagal}")
    dokumen = sum(r.total for r in rows)
    detik = (max(r.selesai_at for r in rows) - min(r.mulai_at for r in rows)).total_seconds()
    bersamaan = max(sum(1 for o in rows if o.mulai_at <= r.mulai_at < o.selesai_at) for r in rows)
    print(f"  {workers} pekerja: {len(rows)} pekerjaan, paling banyak {bersamaan} berjalan bersamaan, {detik:.1f} s")
    if puncak:
        hasil = "TERPENUHI" if max(puncak.values()) <= RSS_BATAS_MB else "TIDAK TERPENUHI"
        print(f"    RSS puncak per proses pekerja: {' / '.join(f'{mb:.0f}' for mb in puncak.values())} MB — "
              f"P6 ≤ {RSS_BATAS_MB} MB per pekerja: {hasil}")
    else:
        print("    RSS proses pekerja tidak terbaca (bukan Linux)")
    huey.storage.flush_all()
    return dokumen / detik, dokumen


def _catat_rss_pekerja(konsumen: int, puncak: dict[int, float]) -> None:
    """The peak RSS of each worker process the consumer forked (Linux ``/proc``), kept per pid."""
    try:
        anak = Path(f"/proc/{konsumen}/task/{konsumen}/children").read_text().split()
    except OSError:
        return
    for pid in map(int, anak):
        mb = rss_puncak_mb(pid)
        if mb is not None:
            puncak[pid] = max(mb, puncak.get(pid, 0.0))


def zip_signed(app, ids: SimpleNamespace, jumlah_ev: int) -> tuple[float, int, int]:
    """Seconds to zip ``jumlah_ev`` × 2 signed documents through the job's code; (s, documents, bytes)."""
    from kinerja.cetak.bangun import AKTOR_SISTEM, Permintaan, bangun
    from kinerja.dokumen import arsip
    from kinerja.evaluasi import services
    from kinerja.extensions import db
    from kinerja.models import Akun, Evaluasi, Pegawai, Periode, Skp, UnitKerja
    from tests.support.evaluasi import isi_realisasi, nilai, tanda_tangani
    from tests.support.factories import Factory

    with app.app_context():
        factory = Factory()
        periode = db.session.get(Periode, ids.periode)
        services.set_capaian_organisasi(db.session.get(Akun, ids.kabid), ids.seksi, periode.id, "Baik")  # #10 §2
        ev = db.session.query(Evaluasi).filter_by(pegawai_id=ids.staf1, periode_id=periode.id).one()
        isi_realisasi(factory, ev)
        nilai(factory, ev)
        tanda_tangani(factory, ev)
        db.session.commit()
        b, c = arsip.baca(ev.dokumen_b_berkas), arsip.baca(ev.dokumen_c_berkas)
        unit = UnitKerja(nama="Unit Arsip Bench", aktif=True)
        db.session.add(unit)
        db.session.flush()
        folder = arsip.folder()
        for i in range(jumlah_ev):
            p = Pegawai(nip=f"19900101{i:06d}1001", nama=f"Pegawai Arsip {i}", unit_id=unit.id, aktif=True)
            db.session.add(p)
            db.session.flush()
            skp = Skp(pegawai_id=p.id, tahun=periode.tahun, status="Disetujui")
            db.session.add(skp)
            db.session.flush()
            nb, nc = f"bench-{i}-B.pdf", f"bench-{i}-C.pdf"
            (folder / nb).write_bytes(b)
            (folder / nc).write_bytes(c)
            db.session.add(Evaluasi(periode_id=periode.id, pegawai_id=p.id, skp_id=skp.id, unit_id=unit.id,
                                    status="Selesai", kode=secrets.token_urlsafe(12), dokumen_b_berkas=nb,
                                    dokumen_c_berkas=nc))
        db.session.commit()

        class Diam:
            def mulai(self, total, keterangan=""):
                pass

            def maju(self, n=1, keterangan=None):
                pass

        tujuan = _TMP / "ttd.zip"
        mulai = time.perf_counter()
        hasil = bangun(Permintaan(periode.id, ("B", "C"), unit.id, False), AKTOR_SISTEM, BASE, tujuan, Diam())
        detik = time.perf_counter() - mulai
        return detik, hasil["dokumen"], tujuan.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pegawai", type=int, default=6, help="staf tambahan per unit (dokumen per pekerjaan ≈ +3)")
    parser.add_argument("--ttd", type=int, default=500, help="evaluasi bertanda tangan (dokumen = 2 ×)")
    args = parser.parse_args()

    from kinerja.extensions import db

    app = _app()
    with app.app_context():
        db.create_all()
        ids = build(args.pegawai)
    try:
        satu, n1 = render_rate(app, ids, 1)
        dua, n2 = render_rate(app, ids, 2)
        target = 0.8 * 2 * satu
        print(f"Render dokumen belum bertanda tangan (konsumen sungguhan, pekerja proses): 1 pekerja {satu:.2f} dok/s "
              f"({n1} dokumen), 2 pekerja {dua:.2f} dok/s ({n2} dokumen) = {dua / satu:.2f}× — "
              f"target ≥ 0,8 × 2 × {satu:.2f} = {target:.2f} dok/s: {'TERPENUHI' if dua >= target else 'TIDAK TERPENUHI'}"
              f" (inti CPU: {os.cpu_count()}, beban rata-rata saat diukur: {os.getloadavg()[0]:.1f})")
        detik, n, ukuran = zip_signed(app, ids, args.ttd)
        print(f"ZIP {n} dokumen bertanda tangan (disalin dari arsip): {detik:.1f} s, {ukuran / 1024 / 1024:.0f} MB — "
              f"target ≤ 30 s: {'TERPENUHI' if detik <= 30 else 'TIDAK TERPENUHI'}")
    finally:
        shutil.rmtree(_TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
