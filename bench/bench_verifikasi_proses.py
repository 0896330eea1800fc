"""Benchmark: in-process server time of one verifikasi inbox GET (issue #17 "Cheaper pages").

No HTTP server, no client threads: Flask's test client calls the WSGI app in this process, so the
figure is the app's own CPU per page (routing, queries, Jinja, forms), nothing else.  The database is
a fresh SQLite file with the normal demo data, plus Diajukan entries so that Dewi Lestari's inbox
(Kepala Seksi Pengembangan Aplikasi) starts with ``BENCH_PENDING`` (default 40) more entries, five per
pegawai and day, older than the demo's: the first page shows about 40 rows.  Figures are the wall time
and the process CPU time per GET (the CPU figure is the one that does not depend on what else runs on
the machine).

    python bench/bench_verifikasi_proses.py                 # BENCH_PENDING=36 BENCH_REQUESTS=200
    python bench/bench_verifikasi_proses.py --profile       # + a pyinstrument profile of the same GETs
    BENCH_INSTANCE=/tmp/bv python bench/bench_verifikasi_proses.py   # keep (and reuse) the database there
"""

from __future__ import annotations

import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from datetime import time as jam
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PENDING = int(os.environ.get("BENCH_PENDING", "40"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
URL = os.environ.get("BENCH_URL", "/verifikasi/")
ATASAN_NIP = "198505172010012015"  # Dewi Lestari (README)
PASSWORD = "kinerja-demo-2026"
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _environment(instance: Path) -> None:
    for key in [k for k in os.environ if k.startswith("KINERJA_")]:
        del os.environ[key]
    os.environ.update(KINERJA_ENV="production", KINERJA_INSTANCE_PATH=str(instance),
                      KINERJA_DATABASE_URL=f"sqlite:///{instance / 'kinerja.db'}", KINERJA_SECURE_COOKIES="0",
                      KINERJA_SECRET_KEY=secrets.token_hex(32), KINERJA_BASE_URL="http://127.0.0.1/")


def _fill_inbox(pending: int) -> tuple[int, int]:
    """``pending`` more submitted entries for the atasan's subordinates, five per pegawai per day (a
    realistic day), on days older than the demo's so they fill the inbox's first page."""
    from sqlalchemy import func, insert, select

    from kinerja.extensions import db
    from kinerja.models import Aktivitas, Pegawai
    from kinerja.waktu import today_local, utcnow

    atasan_id = db.session.execute(select(Pegawai.id).where(Pegawai.nip == ATASAN_NIP)).scalar_one()
    members = db.session.execute(select(Pegawai.id).where(Pegawai.atasan_id == atasan_id, Pegawai.aktif.is_(True))
                                 .order_by(Pegawai.id)).scalars().all()
    today, now, rows = today_local(), utcnow(), []
    for n in range(pending):
        group, slot = divmod(n, 5)
        pid = members[group % len(members)]
        rows.append(dict(pegawai_id=pid, tanggal=today - timedelta(days=40 + group // len(members)),
                         jam_mulai=jam(8 + slot), jam_selesai=jam(8 + slot, 50), durasi_menit=50,
                         uraian=f"Menyusun bahan rapat koordinasi pengembangan aplikasi ke-{n + 1}",
                         volume=Decimal(1), satuan="dokumen", tugas_atasan=True, status="Diajukan",
                         diajukan_at=now, versi=1, hari_libur=False, created_at=now, updated_at=now))
    if rows:
        db.session.execute(insert(Aktivitas), rows)
        db.session.commit()
    total = db.session.execute(select(func.count(Aktivitas.id)).where(
        Aktivitas.pegawai_id.in_(members), Aktivitas.status == "Diajukan")).scalar_one()
    return len(rows), total


def _login(client) -> None:
    html = client.get("/login").get_data(as_text=True)
    token = CSRF_RE.search(html).group(1)
    r = client.post("/login", data={"csrf_token": token, "identitas": ATASAN_NIP, "kata_sandi": PASSWORD})
    if r.status_code != 302:
        raise SystemExit(f"login gagal: {r.status_code}")


def main() -> int:
    profile = "--profile" in sys.argv
    keep = os.environ.get("BENCH_INSTANCE")
    with tempfile.TemporaryDirectory(prefix="bench-verifikasi-proses-") as tmp:
        instance = Path(keep or tmp)
        instance.mkdir(parents=True, exist_ok=True)
        reuse = (instance / "kinerja.db").exists()
        _environment(instance)
        import logging

        from kinerja import create_app
        from kinerja.demo import load_demo
        from kinerja.extensions import db

        logging.disable(logging.INFO)
        app = create_app("production")
        with app.app_context():
            started = time.perf_counter()
            if not reuse:
                db.create_all()
                load_demo()
                _fill_inbox(PENDING)
            from sqlalchemy import func, select

            from kinerja.models import Aktivitas, Pegawai
            atasan = select(Pegawai.id).where(Pegawai.nip == ATASAN_NIP).scalar_subquery()
            menunggu = db.session.execute(select(func.count(Aktivitas.id)).join(Pegawai, Aktivitas.pegawai_id == Pegawai.id)
                                          .where(Pegawai.atasan_id == atasan, Aktivitas.status == "Diajukan")).scalar_one()
            print(f"basis data: demo + {PENDING} aktivitas; {menunggu} Diajukan di kotak Dewi Lestari "
                  f"(dibangun dalam {time.perf_counter() - started:.1f} s)")
        client = app.test_client()
        _login(client)
        first = client.get("/verifikasi/")
        html = first.get_data(as_text=True)
        if first.status_code != 200 or "Setujui Terpilih" not in html:
            raise SystemExit(f"kotak verifikasi tidak terbuka: {first.status_code}")
        rows = len(re.findall(r'data-baris="\d+"|class="baris-aktivitas', html))
        print(f"halaman pertama: {rows} baris, {len(html) // 1024} KB HTML")
        for _ in range(20):  # warm-up: template cache, connection pool
            client.get("/verifikasi/")
        times, cpu = [], []
        for _ in range(REQUESTS):
            t0, c0 = time.perf_counter(), time.process_time()
            client.get(URL)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"GET {URL} dalam proses, {REQUESTS} permintaan: CPU median {statistics.median(cpu):.1f} ms "
              f"(rata-rata {statistics.fmean(cpu):.1f} ms); waktu median {statistics.median(times):.1f} ms, "
              f"p95 {p95:.1f} ms")
        if profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            profiler.start()
            for _ in range(50):
                client.get("/verifikasi/")
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
