"""Benchmark #17 "Cheaper pages": in-process server time of the day view and of an htmx save.

Standalone: ``.venv/bin/python bench/bench_hari_proses.py [--n 200] [--profile]``.

A fresh SQLite database in a temporary folder (create_all + the normal demo), the production app
object in this process (no HTTP server: only Flask, Jinja, WTForms and SQLAlchemy are timed), the
README pegawai logged in through the test client, a day of 8 entries.  Then ``--n`` times each:
GET /aktivitas (day view, full page), GET /aktivitas with HX-Request (the day fragment) and POST
/aktivitas with HX-Request (one quick-entry save; the new entry is deleted again, untimed, so the
day stays at 8 entries).  Prints mean / p50 / p95 ms per request and the query count of each.
``--profile`` also runs pyinstrument over the day view and prints its call tree (``BENCH_PROFIL=fragmen``: over
the htmx fragment instead; ``BENCH_PROFIL=simpan``: over the htmx save, its deletion included).

``--vs REV`` (default ``2223beb``, the code before issue #17's work) compares: the tree of REV is
unpacked with ``git archive`` and this script runs ``--runs`` times (default 3) alternately on REV's
code (``--root``) and on this tree, each run in a fresh process with its own database; printed are the
median CPU per request of each and the ratio now / baseline (target #17: ≤ 0.33).  ``--vs none`` skips it.
Under load, compare only these alternating runs: CPU time per request grows with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if "--root" in sys.argv:  # the code tree to measure (another checkout, for a before/after comparison)
    ROOT = Path(sys.argv[sys.argv.index("--root") + 1]).resolve()
sys.path.insert(0, str(ROOT))
BASELINE = "2223beb"  # before issue #17's work on the day view (bench/banding.py)

PEGAWAI_NIP = "199203112019031007"  # README login: Andi Pratama
CSRF_RE = re.compile(r'"X-CSRFToken": "([^"]+)"')
ID_RE = re.compile(r'"aktivitasTersimpan": \{"id": (\d+)')


def _setup():
    instance = Path(tempfile.mkdtemp(prefix="kinerja-bench-hari-"))
    os.environ.update(KINERJA_ENV="production", KINERJA_INSTANCE_PATH=str(instance),
                      KINERJA_DATABASE_URL=f"sqlite:///{instance / 'kinerja.db'}", KINERJA_SECURE_COOKIES="0",
                      KINERJA_SECRET_KEY=secrets.token_hex(32), KINERJA_BASE_URL="http://127.0.0.1/")
    import logging

    from sqlalchemy import delete, update

    from kinerja import create_app
    from kinerja.demo import DEMO_PASSWORD, load_demo
    from kinerja.extensions import db
    from kinerja.models import Aktivitas, Instansi, Pegawai

    app = create_app("production")
    logging.getLogger("kinerja").setLevel(logging.WARNING)
    with app.app_context():
        db.create_all()
        load_demo()
        db.session.execute(update(Instansi).values(batas_menit_harian=1440))
        pegawai_id = db.session.execute(db.select(Pegawai.id).where(Pegawai.nip == PEGAWAI_NIP)).scalar_one()
        today = datetime.now(ZoneInfo("Asia/Jakarta")).date()
        db.session.execute(delete(Aktivitas).where(Aktivitas.pegawai_id == pegawai_id, Aktivitas.tanggal == today))
        db.session.commit()
    client = app.test_client()
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    r = client.post("/login", data={"csrf_token": token, "identitas": PEGAWAI_NIP, "kata_sandi": DEMO_PASSWORD})
    assert r.status_code == 302, r.status_code
    token = CSRF_RE.search(client.get("/aktivitas").get_data(as_text=True)).group(1)
    return app, client, token, today.isoformat()


def _entry(today: str, minute: int, uraian: str) -> dict:
    return {"tanggal": today, "jam_mulai": f"{minute // 60:02d}:{minute % 60:02d}",
            "jam_selesai": f"{(minute + 1) // 60:02d}:{(minute + 1) % 60:02d}", "uraian": uraian,
            "volume": "1", "satuan": "dokumen", "rhk": "atasan", "tautan_bukti": ""}


class Counter:
    def __init__(self):
        self.n = 0

    def __call__(self, *args):
        self.n += 1


def _stats(name: str, times: list[float], cpu: list[float], queries: int) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return (f"   {name:<36} p50 {statistics.median(ms):6.2f} ms  p95 {p95:6.2f} ms  "
            f"CPU rata-rata {statistics.mean(cpu) * 1000:6.2f} ms  kueri {queries}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="pyinstrument call tree of the day view")
    parser.add_argument("--root", type=Path, help="measure this code tree instead (see --vs)")
    parser.add_argument("--vs", default=BASELINE, help="baseline revision to compare with, or 'none'")
    parser.add_argument("--runs", type=int, default=3, help="alternating runs per side with --vs")
    args = parser.parse_args()
    if args.root is None and args.vs != "none":
        bandingkan(args)
        return
    app, client, token, today = _setup()
    htmx = {"HX-Request": "true", "X-CSRFToken": token}
    for i in range(8):  # a day of 8 entries
        r = client.post("/aktivitas", data=_entry(today, 420 + i * 60, f"Kegiatan ke-{i + 1} (uji)"), headers=htmx)
        assert r.status_code == 200, r.status_code

    from sqlalchemy import event

    from kinerja.extensions import db
    counter = Counter()
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", counter)

    def timed(fn) -> tuple[list[float], list[float], int]:
        fn()  # warm
        times, cpu = [], []
        for _ in range(args.n):
            counter.n = 0
            started, cpu_started = time.perf_counter(), time.process_time()
            fn()
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        return times, cpu, counter.n

    def day_full():
        r = client.get("/aktivitas")
        assert r.status_code == 200 and "Catat Aktivitas" in r.get_data(as_text=True)

    def day_htmx():
        r = client.get(f"/aktivitas?tanggal={today}", headers={"HX-Request": "true"})
        assert r.status_code == 200

    slot = [0]
    save_times: list[float] = []
    save_cpu: list[float] = []
    save_queries = [0]

    def save():
        m = slot[0]
        slot[0] += 1
        counter.n = 0
        started, cpu_started = time.perf_counter(), time.process_time()
        r = client.post("/aktivitas", data=_entry(today, m, "Pengelolaan website pemda (uji)"), headers=htmx)
        save_times.append(time.perf_counter() - started)
        save_cpu.append(time.process_time() - cpu_started)
        save_queries[0] = counter.n
        new_id = ID_RE.search(r.headers.get("HX-Trigger", "")).group(1)
        client.post(f"/aktivitas/{new_id}/hapus", headers=htmx)

    print(f"== hari dengan 8 aktivitas, {args.n} permintaan per jenis (dalam proses, SQLite)")
    print(_stats("GET /aktivitas (halaman penuh)", *timed(day_full)), flush=True)
    print(_stats("GET /aktivitas (htmx, fragmen hari)", *timed(day_htmx)), flush=True)
    save()  # warm
    save_times.clear()
    save_cpu.clear()
    for _ in range(min(args.n, 400)):
        save()
    print(_stats("POST /aktivitas (htmx, simpan)", save_times, save_cpu, save_queries[0]), flush=True)
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        sasaran = {"fragmen": day_htmx, "simpan": save}.get(os.environ.get("BENCH_PROFIL", ""), day_full)
        for _ in range(50):
            sasaran()
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))


CPU_RE = re.compile(r"^   (.+?)\s+p50 .*CPU rata-rata\s+([\d.]+) ms", re.M)


def bandingkan(args) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from banding import bandingkan as banding

    banding(args.vs, args.runs, lambda root: [__file__, "--n", str(args.n), "--root", root], CPU_RE, "Halaman harian")


if __name__ == "__main__":
    main()
