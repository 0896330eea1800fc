"""Python steps per request of one page, counted exactly (#17): where a page's Python work goes.

    .venv/bin/python bench/jejak_opcode.py [--database-url postgresql+psycopg://…/kinerja_bench_10k]
                                           [--page /aktivitas] [--role staf] [--n 20] [--top 30]

``bench_instruksi.py`` counts all instructions of a request but cannot say which Python function spent
them.  This traces the interpreter (``sys.settrace`` with opcode events) over ``--n`` requests of the
production app in process (Flask test client, logged in as ``--role`` on the data ``bench_skala.py``
builds) and prints the opcodes and function calls per request, then the functions with the most opcodes,
inclusive (with what they call) and self.  The counts do not depend on the machine's load; a generator
(a Jinja template) is counted once per resumption.  The test client's own work is in the counts too.
Without PostgreSQL or the data set the benchmark says so and is skipped.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/kinerja_bench_10k"


def _nama(code) -> str:
    nama = code.co_filename
    for awalan in (str(HERE.parent) + "/", "site-packages/"):
        if awalan in nama:
            nama = nama.split(awalan, 1)[1]
    return f"{nama}:{code.co_firstlineno}({code.co_name})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("KINERJA_BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--page", default="/aktivitas")
    parser.add_argument("--role", default="staf", help="admin, kepala OPD, kepala bidang, kepala seksi, staf")
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    from bench_pg_cpu import _data_ready, app_masuk

    if not _data_ready(args.database_url):
        return 0
    _app, client, _db, _text = app_masuk(args.database_url, HERE.parent, args.role, "kinerja-jejak-opcode-")
    for _ in range(50):  # statements prepared, caches filled
        assert client.get(args.page).status_code == 200, args.page

    sendiri: collections.Counter = collections.Counter()
    inklusif: collections.Counter = collections.Counter()
    panggilan: collections.Counter = collections.Counter()
    tumpukan: list[list] = []  # [name, opcodes so far, frame]

    def jejak(frame, event, _arg):
        if event == "call":
            frame.f_trace_opcodes = True
            nama = _nama(frame.f_code)
            panggilan[nama] += 1
            tumpukan.append([nama, 0, frame])
        elif event == "opcode" and tumpukan:
            tumpukan[-1][1] += 1
            sendiri[tumpukan[-1][0]] += 1
        elif event == "return" and tumpukan and tumpukan[-1][2] is frame:
            nama, n, _ = tumpukan.pop()
            inklusif[nama] += n
            if tumpukan:
                tumpukan[-1][1] += n
        return jejak

    sys.settrace(jejak)
    for _ in range(args.n):
        client.get(args.page)
    sys.settrace(None)
    total = sum(sendiri.values())
    print(f"== {args.page} sebagai {args.role}: {total / args.n:,.0f} langkah Python (opcode) dan "
          f"{sum(panggilan.values()) / args.n:,.0f} panggilan fungsi per permintaan ({args.n} permintaan)".replace(",", "."))
    for judul, hitungan in (("inklusif", inklusif), ("sendiri", sendiri)):
        print(f"-- {judul}: opcode per permintaan, bagian, panggilan per permintaan")
        for nama, n in hitungan.most_common(args.top):
            print(f"   {n / args.n:9,.0f} {n / total * 100:5.1f} % {panggilan[nama] / args.n:7.1f}  {nama}".replace(",", "."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
