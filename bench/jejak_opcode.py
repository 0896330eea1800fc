"""Python steps per request of one page, counted exactly (#17): where a page's Python work goes.

    .venv/bin/python bench/jejak_opcode.py [--database-url postgresql+psycopg://…/kinerja_bench_10k]
                                           [--page /aktivitas] [--role staf] [--n 20] [--top 30]
                                           [--tulis simpan|setujui]

``bench_instruksi.py`` counts all instructions of a request but cannot say which Python function spent
them.  This traces the interpreter (``sys.settrace`` with opcode events) over ``--n`` requests of the
production app in process (Flask test client, logged in as ``--role`` on the data ``bench_skala.py``
builds) and prints the opcodes and function calls per request, then the functions with the most opcodes,
inclusive (with what they call) and self.  The counts do not depend on the machine's load; a generator
(a Jinja template) is counted once per resumption.  The test client's own work is in the counts too.
Without PostgreSQL or the data set the benchmark says so and is skipped.

``--tulis simpan`` traces htmx saves of the quick-entry form instead (as the staf, one-minute entries from
00:00 today, as ``bench_skala``'s open loop sends them), ``--tulis setujui`` htmx approvals in the inbox (as
the kepala seksi, of entries this script submits for one of the kasi's staff).  Their entries (uraian
"jejak opcode …") are removed before and after; the audit events of those writes stay, as every write's do.
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
    parser.add_argument("--tulis", choices=("simpan", "setujui"), help="a write instead of --page (and its --role)")
    args = parser.parse_args()
    from bench_pg_cpu import _data_ready, app_masuk

    if not _data_ready(args.database_url):
        return 0
    if args.tulis:
        args.role, args.page = {"simpan": "staf", "setujui": "kepala seksi"}[args.tulis], f"({args.tulis})"
    app, client, db, text = app_masuk(args.database_url, HERE.parent, args.role, "kinerja-jejak-opcode-")
    minta = _penulis(args.tulis, app, client, 30 + args.n) if args.tulis else (lambda: client.get(args.page))
    for _ in range(30 if args.tulis else 50):  # statements prepared, caches filled
        assert minta().status_code == 200, args.page

    sendiri, inklusif, panggilan = _jejaki(minta, args.n)
    if args.tulis:
        _bersihkan(app, db, text)
    total = sum(sendiri.values())
    print(f"== {args.page} sebagai {args.role}: {total / args.n:,.0f} langkah Python (opcode) dan "
          f"{sum(panggilan.values()) / args.n:,.0f} panggilan fungsi per permintaan ({args.n} permintaan)".replace(",", "."))
    for judul, hitungan in (("inklusif", inklusif), ("sendiri", sendiri)):
        print(f"-- {judul}: opcode per permintaan, bagian, panggilan per permintaan")
        for nama, n in hitungan.most_common(args.top):
            print(f"   {n / args.n:9,.0f} {n / total * 100:5.1f} % {panggilan[nama] / args.n:7.1f}  {nama}".replace(",", "."))
    return 0


def _jejaki(minta, n: int) -> tuple[collections.Counter, collections.Counter, collections.Counter]:
    """Opcodes per function (self, inclusive) and calls per function over ``n`` calls of ``minta``."""
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
            nama, jumlah, _ = tumpukan.pop()
            inklusif[nama] += jumlah
            if tumpukan:
                tumpukan[-1][1] += jumlah
        return jejak

    sys.settrace(jejak)
    for _ in range(n):
        minta()
    sys.settrace(None)
    return sendiri, inklusif, panggilan


URAIAN = "jejak opcode {}: menyusun laporan kegiatan"


def _bersihkan(app, db, text) -> None:
    with app.app_context():
        db.session.execute(text("DELETE FROM aktivitas WHERE uraian LIKE 'jejak opcode %'"))
        db.session.commit()


def _penulis(tulis: str, app, client, jumlah: int):
    """A function that sends the next write of ``tulis`` (``jumlah`` of them at most) through the test client."""
    import re
    from datetime import date, time

    from bench_skala import isian_setujui, isian_simpan
    from explain_daftar import roles
    from sqlalchemy import insert, text

    from kinerja.extensions import db
    from kinerja.models import Aktivitas

    _bersihkan(app, db, text)
    token = re.search(r'"X-CSRFToken": "([^"]+)"', client.get("/aktivitas").get_data(as_text=True)).group(1)
    htmx = {"HX-Request": "true", "X-CSRFToken": token}
    hari = date.today()
    if tulis == "simpan":
        with app.app_context():  # the minutes of today the staf's day leaves free (a load test may have logged some)
            sibuk = db.session.execute(text(
                "SELECT jam_mulai, jam_selesai FROM aktivitas WHERE pegawai_id = :p AND tanggal = :t"),
                {"p": roles(db)["staf"].pegawai_id, "t": hari}).all()
        terpakai = {m for a, b in sibuk for m in range(a.hour * 60 + a.minute, b.hour * 60 + b.minute)}
        urutan = iter([m for m in range(24 * 60 - 1) if m not in terpakai][:jumlah])

        def simpan():
            return client.post("/aktivitas", data=isian_simpan(hari.isoformat(), next(urutan), URAIAN.format("simpan")),
                               headers=htmx)
        return simpan

    with app.app_context():
        kasi = roles(db)["kepala seksi"]
        staf = db.session.execute(text("SELECT id FROM pegawai WHERE atasan_id = :k ORDER BY id LIMIT 1"),
                                  {"k": kasi.pegawai_id}).scalar_one()
        ids = db.session.execute(insert(Aktivitas).returning(Aktivitas.id), [
            {"pegawai_id": staf, "tanggal": hari, "jam_mulai": time(m // 60, m % 60), "jam_selesai": time(m // 60, m % 60 + 1),
             "durasi_menit": 1, "uraian": URAIAN.format("setujui"), "volume": 1, "satuan": "halaman",
             "tugas_atasan": True, "status": "Diajukan"} for m in range(jumlah)]).scalars().all()
        db.session.commit()
    antre = iter(ids)

    def setujui():
        aid = next(antre)
        return client.post(f"/verifikasi/aktivitas/{aid}/setujui", data=isian_setujui(aid, 1), headers=htmx)
    return setujui


if __name__ == "__main__":
    sys.exit(main())
