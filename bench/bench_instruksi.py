"""Instructions per request of one page on PostgreSQL, counted by valgrind (#17): a figure the machine's load
does not move.

    .venv/bin/python bench/bench_instruksi.py [--database-url postgresql+psycopg://…/kinerja_bench_10k]
                                              [--page /aktivitas] [--role staf] [--n 30] [--vs REV] [--runs 2]

CPU time per request on a shared two-core machine moves by ±30 % from one run to the next (measured in
session 9: the same code gave 5.2 and 7.0 ms per day view a few minutes apart), more than most changes
one wants to judge.  ``valgrind --tool=callgrind`` counts the instructions the app process executes
instead, which do not depend on what else runs.  The production app runs in process (Flask test client,
no HTTP server), logged in as ``--role`` on the data ``bench_skala.py`` builds (10,000 pegawai); the
process runs twice under callgrind, with 0 and with ``--n`` requests after the same warm-up (``--warm``), and the
difference divided by ``--n`` is the count per request (start-up and warm-up cancel out).  PostgreSQL's
own work is not counted (``bench_pg_cpu.py`` measures it).  Repeated runs differ by 1–4 %, and the count
follows the data (a day with more entries renders more), so compare only runs made one after the other.

``--vs REV`` measures the tree of REV too (``git archive``), ``--runs`` times alternately.  Without
valgrind, PostgreSQL or the data set the benchmark says so and is skipped.  One pair of runs takes 1–2
minutes (the program runs some 50 times slower under valgrind).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/kinerja_bench_10k"
COLLECTED = re.compile(r"Collected : (\d+)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("KINERJA_BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--page", default="/aktivitas")
    parser.add_argument("--role", default="staf", help="admin, kepala OPD, kepala bidang, kepala seksi, staf")
    parser.add_argument("--n", type=int, default=30, help="requests counted (after the warm-up)")
    parser.add_argument("--warm", type=int, default=50, help="requests before counting (caches, prepared statements)")
    parser.add_argument("--vs", help="also count the code of this revision, alternately")
    parser.add_argument("--runs", type=int, default=2, help="alternating runs per side with --vs")
    parser.add_argument("--anak", type=int, help=argparse.SUPPRESS)  # inside valgrind: this many requests
    parser.add_argument("--root", type=Path, default=HERE.parent, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.anak is not None:
        return _anak(args)
    if shutil.which("valgrind") is None:
        print("valgrind tidak ada (Debian: apt-get install valgrind); benchmark instruksi DILEWATI.")
        return 0
    from bench_pg_cpu import _data_ready

    if not _data_ready(args.database_url):
        return 0
    print(f"== {args.page} sebagai {args.role}: instruksi proses aplikasi per permintaan (callgrind, {args.n} permintaan)")
    if not args.vs:
        print(f"   kode ini: {_hitung(args, HERE.parent):,} instruksi per permintaan".replace(",", "."))
        return 0
    hasil: dict[str, list[int]] = {"dasar": [], "kini": []}
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-instruksi-") as tmp:
        archive = subprocess.run(["git", "-C", str(HERE.parent), "archive", args.vs], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        for run in range(args.runs):
            for side, root in (("dasar", Path(tmp)), ("kini", HERE.parent)):
                hasil[side].append(_hitung(args, root))
                print(f"   run {run + 1}/{args.runs} {side}: {hasil[side][-1]:,}".replace(",", "."), flush=True)
    dasar, kini = statistics.median(hasil["dasar"]), statistics.median(hasil["kini"])
    print(f"   {args.vs} → kode ini: {dasar:,.0f} → {kini:,.0f} instruksi per permintaan = {kini / dasar:.3f}×"
          .replace(",", "."))
    return 0


def _hitung(args, root: Path) -> int:
    """Instructions per request of the code tree ``root``: two processes under callgrind, side by side."""
    def jalankan(n: int) -> int:
        cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
               "--anak", str(n), "--warm", str(args.warm), "--root", str(root), "--page", args.page, "--role", args.role,
               "--database-url", args.database_url]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=root)
        return int(COLLECTED.search(out.stderr).group(1))

    with ThreadPoolExecutor(2) as pool:
        nol, banyak = pool.map(jalankan, (0, args.n))
    return (banyak - nol) // args.n


def _anak(args) -> int:
    """Inside valgrind: the app of ``--root``, logged in, ``--warm`` requests, then ``--anak`` more."""
    from bench_pg_cpu import app_masuk

    # Under valgrind a request takes some 50 times longer, so a connection would seem to have rested in the
    # pool between two requests and be pinged (DB_PING_AFTER_IDLE_S); under load it is back within milliseconds.
    _app, client, _db, _text = app_masuk(args.database_url, args.root, args.role, "kinerja-bench-instruksi-",
                                         DB_PING_AFTER_IDLE_S=60.0)
    for _ in range(args.warm):  # psycopg prepares a statement on its fifth use; caches fill; the interpreter specialises
        assert client.get(args.page).status_code == 200, args.page
    for _ in range(args.anak):
        client.get(args.page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
