"""Benchmark: in-process CPU of the verifikasi inbox for EVERY atasan of ``bench_verifikasi.py``'s data.

``bench_verifikasi_proses.py`` measures one inbox (Dewi Lestari, demo data): a plan that scans every
submitted entry of the kabupaten does not show there.  Found that way in session 21: an IN list that
SQLite compiled as ``… IN (…) = 1`` (no index) tripled the inbox's cost on this data (8.6 → 25.8 ms per
page) while Dewi's inbox looked unchanged.  Here the data is ``bench_verifikasi.py``'s (scale 200, about
50 submitted entries in each of 25 inboxes, every other entry of the year approved), and each atasan's
inbox is requested in turn; the figure is the CPU per request, the mean over all of them and the slowest
atasan.  No HTTP server: Flask's test client in this process.

    .venv/bin/python bench/bench_verifikasi_semua.py [--putaran 5] [--root <another checkout>]
    BENCH_INSTANCE=/tmp/bv25 .venv/bin/python bench/bench_verifikasi_semua.py   # keep (and reuse) the data
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--putaran", type=int, default=5, help="rounds over every inbox (after one to warm up)")
    parser.add_argument("--root", type=Path, default=HERE.parent, help="the code tree to measure (A/B)")
    args = parser.parse_args()
    keep = os.environ.get("BENCH_INSTANCE")
    with tempfile.TemporaryDirectory(prefix="bench-verifikasi-semua-") as tmp:
        instance = Path(keep or tmp)
        instance.mkdir(parents=True, exist_ok=True)
        daftar = instance / "atasan.json"
        sys.path.insert(0, str(HERE))
        if not daftar.exists():
            import bench_verifikasi

            atasan, info = bench_verifikasi.build(instance)
            daftar.write_text(json.dumps(atasan))
            _, seconds, entries, inboxes = info.split()
            print(f"basis data: {entries} aktivitas Diajukan di {inboxes} kotak verifikasi, dibangun dalam {seconds} s")
        atasan = json.loads(daftar.read_text())
        return _ukur(args.root.resolve(), instance, atasan, args.putaran)


def _ukur(root: Path, instance: Path, atasan: list[str], putaran: int) -> int:
    from load_server import server_env

    os.environ.update(server_env(instance))
    sys.path.insert(0, str(root))
    os.chdir(root)
    import logging

    from sqlalchemy import select

    from kinerja import create_app
    from kinerja.extensions import db
    from kinerja.models import Akun, Pegawai

    logging.disable(logging.INFO)
    app = create_app("production")
    klien = []
    with app.app_context():
        for nip in atasan:
            akun = db.session.execute(select(Akun).join(Pegawai, Akun.pegawai_id == Pegawai.id)
                                      .where(Pegawai.nip == nip)).scalar_one()
            client = app.test_client()
            with client.session_transaction() as sesi:
                sesi["_user_id"], sesi["_fresh"] = akun.get_id(), True
                sesi["login_at"] = sesi["last_seen"] = int(time.time())
            klien.append((nip, client))
        db.session.remove()
    cpu: dict[str, list[float]] = {nip: [] for nip in atasan}
    for n in range(putaran + 1):
        for nip, client in klien:
            mulai = time.process_time()
            jawaban = client.get("/verifikasi/")
            if jawaban.status_code != 200:
                raise SystemExit(f"kotak verifikasi {nip}: {jawaban.status_code}")
            if n:  # the first round warms caches and the connection
                cpu[nip].append((time.process_time() - mulai) * 1000)
    per_atasan = {nip: statistics.fmean(v) for nip, v in cpu.items()}
    terlambat = max(per_atasan, key=per_atasan.get)
    print(f"kode: {root}")
    print(f"GET /verifikasi/ dalam proses, {len(atasan)} atasan × {putaran} putaran: CPU rata-rata "
          f"{statistics.fmean(per_atasan.values()):.2f} ms per permintaan; median atasan "
          f"{statistics.median(per_atasan.values()):.2f} ms; paling lambat {per_atasan[terlambat]:.2f} ms ({terlambat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
