"""Beranda: in-process server time and query count per role (#17), optionally profiled with pyinstrument.

    .venv/bin/python bench/bench_beranda.py [--scale 200] [--requests 40] [--profile /tmp/beranda.html]
    KINERJA_DATABASE_URL=postgresql+psycopg://…/kinerja_skala_bench .venv/bin/python bench/bench_beranda.py
    .venv/bin/python bench/bench_beranda.py --root /tmp/kinerja-main     # the same, with another code tree

Without KINERJA_DATABASE_URL a fresh SQLite database with ``load_demo(scale=N)`` is built.  Each role
(admin, Kepala OPD, kepala bidang, kepala seksi, staf) requests ``/`` through the Flask test client
(no network, no server threads): the median CPU time of the request's thread (robust when other
processes share the cores; on SQLite it includes the database work), the median and p95 of the wall
time, and the queries per request.
``--root`` runs another checkout of the code (e.g. ``git archive main``) for a before/after comparison
on the same database.  ``--vs REV`` (default ``2223beb``, before issue #17's work) does that comparison:
the database is built once, then ``--runs`` (default 3) runs alternate between REV's tree (``git
archive``) and this one, each in a fresh process; printed are the median CPU per role of each side and
the ratio now / baseline (target #17: ≤ 0.33).  ``--vs none`` measures only this tree.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASELINE = "2223beb"  # before issue #17's work
BARIS_RE = re.compile(r"^(BERANDA .+?)\s+CPU median\s+([\d.]+) ms", re.M)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE.parent)
    parser.add_argument("--scale", type=int, default=200)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--profile", type=Path, help="pyinstrument HTML of one role's requests (--profile-role)")
    parser.add_argument("--profile-role", default="kepala seksi", help="the role --profile records (default kepala seksi)")
    parser.add_argument("--vs", default=BASELINE, help="baseline revision to compare with, or 'none'")
    parser.add_argument("--runs", type=int, default=3, help="alternating runs per side with --vs")
    args = parser.parse_args()
    if args.vs != "none" and "--root" not in sys.argv:
        return bandingkan(args)
    sys.path.insert(0, str(args.root.resolve()))
    os.chdir(args.root)
    if not os.environ.get("KINERJA_DATABASE_URL"):
        instance = Path(tempfile.mkdtemp(prefix="kinerja-bench-beranda-"))
        os.environ["KINERJA_INSTANCE_PATH"] = str(instance)
        os.environ["KINERJA_DATABASE_URL"] = f"sqlite:///{instance / 'kinerja.db'}"
        _build(args.scale)

    from sqlalchemy import event

    from kinerja import create_app
    from kinerja.extensions import db

    sys.path.insert(0, str(HERE))
    from explain_daftar import roles

    app = create_app("development", WAJIB_2FA_ADMIN=False)
    with app.app_context():
        who = {name: a.get_id() for name, a in roles(db).items()}
    counter = {"n": 0}

    def count(conn, cursor, statement, *_):
        if statement.strip().upper() != "BEGIN":  # SQLite's explicit BEGIN (kinerja.database) is no query
            counter["n"] += 1

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", count)
    print(f"kode: {args.root}  basis data: {os.environ['KINERJA_DATABASE_URL'].split('@')[-1]}")
    for role, user_id in who.items():
        client = app.test_client()
        with client.session_transaction() as sess:
            sess["_user_id"], sess["_fresh"] = user_id, True
            sess["login_at"] = sess["last_seen"] = int(time.time())
        for _ in range(3):
            client.get("/").close()
        profiler = None
        if args.profile and role == args.profile_role:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            profiler.start()
        times, cpu, queries = [], [], 0
        for _ in range(args.requests):
            counter["n"] = 0
            started, started_cpu = time.perf_counter(), time.thread_time()
            response = client.get("/")
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
            assert response.status_code == 200, response.status_code
            response.close()
            queries = counter["n"]
        if profiler is not None:
            profiler.stop()
            args.profile.write_text(profiler.output_html())
            print(profiler.output_text(unicode=True, color=False, show_all=False)[:int(os.environ.get("PROFIL_CHARS", "4000"))])
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"BERANDA {role:<14} CPU median {statistics.median(cpu):6.1f} ms  waktu median {statistics.median(times):6.1f} ms"
              f"  p95 {p95:6.1f} ms  kueri {queries:3d}")
    return 0


def bandingkan(args) -> int:
    """Alternate runs on the baseline tree and on this one against one database; medians and ratios."""
    sys.path.insert(0, str(args.root.resolve()))
    if not os.environ.get("KINERJA_DATABASE_URL"):
        instance = Path(tempfile.mkdtemp(prefix="kinerja-bench-beranda-"))
        os.environ["KINERJA_INSTANCE_PATH"] = str(instance)
        os.environ["KINERJA_DATABASE_URL"] = f"sqlite:///{instance / 'kinerja.db'}"
        _build(args.scale)
    from banding import bandingkan as banding

    banding(args.vs, args.runs, lambda root: [__file__, "--root", root, "--vs", "none", "--requests", str(args.requests)],
            BARIS_RE, "Beranda")
    return 0


def _build(scale: int) -> None:
    from kinerja import create_app
    from kinerja.demo import load_demo
    from kinerja.extensions import db

    started = time.perf_counter()
    app = create_app("development")
    with app.app_context():
        db.create_all()
        load_demo(scale=scale)
    print(f"data demo skala {scale} dibuat dalam {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
