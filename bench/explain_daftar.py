"""EXPLAIN review of every list page on PostgreSQL (#17): no page may scan the whole `aktivitas` table.

Standalone, against a database built with ``flask demo-data --scale 10000``:

    KINERJA_DATABASE_URL=postgresql+psycopg://…/kinerja_skala_bench .venv/bin/python bench/explain_daftar.py \
        [--markdown docs/EXPLAIN_10000.md]

Every GET page without path arguments (plus the day view of a date, a verification inbox filter and the
second page or search of the lists paged for #17) is requested in-process as five roles (admin, Kepala
OPD, kepala bidang, kepala seksi, staf).  Each SQL statement that reads ``aktivitas`` is EXPLAINed with
its real parameters; a ``Seq Scan on aktivitas`` fails the run.  The markdown file lists query, plan
summary, size and time per page.

``--baca-saja`` opens every transaction READ ONLY and skips ``ANALYZE`` (a shared data set: nothing is
written); ``--halaman PREFIX`` (repeatable) keeps only the pages starting with a prefix; ``--ulang N``
requests each page N times and reports the lowest CPU time (``time.process_time``) of the app process;
``--rencana`` prints the query, plan and EXPLAIN ANALYZE execution time of every whole-table read of a
big table other than ``aktivitas``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SKIP = re.compile(r"/(unduh|cetak|ekspor|excel|pdf|logout|keluar|ping|healthz)|\.xlsx$|\.pdf$|^/static|^/v$")
BESAR: set[str] = set()  # tables of 5,000 rows or more (pg_class.reltuples), filled at run time
SCAN = re.compile(r"(Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan|Bitmap Index Scan)[^\n]* on (\w+)")


def roles(db):
    from sqlalchemy import exists, select
    from sqlalchemy.orm import aliased

    from kinerja.models import Akun, Pegawai

    bawahan = aliased(Pegawai)
    cucu = aliased(Pegawai)
    punya = exists().where(bawahan.atasan_id == Pegawai.id)
    kadis = db.session.execute(select(Pegawai).where(Pegawai.atasan_id.is_(None), Pegawai.pimpinan.is_(True), punya)
                               .order_by(Pegawai.id)).scalars().first()
    kabid = db.session.execute(select(Pegawai).where(Pegawai.atasan_id == kadis.id, punya).order_by(Pegawai.id)).scalars().first()
    kasi = db.session.execute(select(Pegawai).where(Pegawai.atasan_id == kabid.id, punya,
                                                    ~exists().where(bawahan.atasan_id == Pegawai.id,
                                                                    exists().where(cucu.atasan_id == bawahan.id)))
                              .order_by(Pegawai.id)).scalars().first()
    staf = db.session.execute(select(Pegawai).where(Pegawai.atasan_id == kasi.id, ~punya).order_by(Pegawai.id)).scalars().first()
    akun = {p: db.session.execute(select(Akun).where(Akun.pegawai_id == p.id)).scalar_one() for p in (kadis, kabid, kasi, staf)}
    admin = db.session.execute(select(Akun).where(Akun.username == "admin")).scalar_one()
    return {"admin": admin, "kepala OPD": akun[kadis], "kepala bidang": akun[kabid], "kepala seksi": akun[kasi],
            "staf": akun[staf]}


def pages(app) -> list[str]:
    from sqlalchemy import func, select

    from kinerja.extensions import db
    from kinerja.models import Evaluasi
    from kinerja.waktu import today_local

    # The period with the most evaluations (Semester I of the scale data): its per-unit progress table is full.
    ramai = db.session.execute(select(Evaluasi.periode_id).group_by(Evaluasi.periode_id)
                               .order_by(func.count(Evaluasi.id).desc()).limit(1)).scalar()

    urls = sorted({r.rule for r in app.url_map.iter_rules()
                   if "GET" in r.methods and not r.arguments and not SKIP.search(r.rule)})
    today = today_local()
    return urls + [f"/aktivitas?tanggal={today.isoformat()}", "/verifikasi?status=Diajukan",
                   # #17: the lists that read every pegawai, past their first page or searched
                   "/laporan/?halaman=2", "/dialog/rekap?halaman=2", f"/evaluasi/?periode={ramai}",
                   f"/evaluasi/?periode={ramai}&halaman_unit=2",
                   "/admin/pegawai/opsi?kolom=pejabat_id&cari=budi", "/dialog/baru/peserta?cari=budi"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", type=Path)
    parser.add_argument("--baca-saja", action="store_true", help="READ ONLY transactions, no ANALYZE")
    parser.add_argument("--halaman", action="append", default=[], help="only pages starting with this prefix")
    parser.add_argument("--ulang", type=int, default=1, help="requests per page (lowest CPU time reported)")
    parser.add_argument("--rencana", action="store_true", help="print the query and plan of every Seq Scan of a big table")
    args = parser.parse_args()
    if not os.environ.get("KINERJA_DATABASE_URL", "").startswith("postgresql"):
        raise SystemExit("KINERJA_DATABASE_URL harus menunjuk ke PostgreSQL dengan data --scale 10000")

    from sqlalchemy import event, func, select, text

    from kinerja import create_app
    from kinerja.extensions import db
    from kinerja.models import Aktivitas, Pegawai

    app = create_app("development", WTF_CSRF_ENABLED=False, WAJIB_2FA_ADMIN=False)
    statements: list[tuple[str, object, float]] = []

    if args.baca_saja:
        with app.app_context():
            @event.listens_for(db.engine, "begin")
            def _baca_saja(conn):
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
    with app.app_context():
        n_pegawai = db.session.execute(select(func.count(Pegawai.id))).scalar_one()
        n_aktivitas = db.session.execute(select(func.count(Aktivitas.id))).scalar_one()
        who = {name: (a.id, a.get_id()) for name, a in roles(db).items()}
        if not args.baca_saja:
            db.session.execute(text("ANALYZE"))
        db.session.commit()
        urls = [u for u in pages(app) if not args.halaman or u.startswith(tuple(args.halaman))]

    mulai = [0.0]  # one statement at a time: the rows read through kinerja.baris_cepat have no context object

    def before(*args):
        mulai[0] = time.perf_counter()  # (conn, cursor, statement, parameters, context, executemany)

    def after(*args):
        statements.append((args[2], args[3], (time.perf_counter() - mulai[0]) * 1000))

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", before)
        event.listen(db.engine, "after_cursor_execute", after)
    report: list[dict] = []
    for role, (_, user_id) in who.items():
        client = app.test_client()
        with client.session_transaction() as sess:
            sess["_user_id"], sess["_fresh"] = user_id, True
            sess["login_at"] = sess["last_seen"] = int(time.time())
        for url in urls:
            cpu = []
            for _ in range(max(args.ulang, 1)):
                statements.clear()
                started, cpu0 = time.perf_counter(), time.process_time()
                response = client.get(url)
                cpu.append((time.process_time() - cpu0) * 1000)
                ms = (time.perf_counter() - started) * 1000
                size = len(response.get_data())
                response.close()
            if response.status_code != 200:
                continue
            report.append({"role": role, "url": url, "ms": ms, "cpu": min(cpu), "kb": size / 1024,
                           "queries": list(statements)})
    with app.app_context():
        event.remove(db.engine, "before_cursor_execute", before)
        event.remove(db.engine, "after_cursor_execute", after)
        return _explain(db, report, n_pegawai, n_aktivitas, args.markdown, args.rencana)


def _seq_besar(conn, page, statement, params, plan, rencana: bool) -> set[str]:  # noqa: PLR0913
    """The big tables other than ``aktivitas`` that ``plan`` reads whole (listed for review); with
    ``--rencana`` the query, its plan and its measured execution time (EXPLAIN ANALYZE of a SELECT)."""
    seq = {m.group(2) for m in SCAN.finditer(plan)
           if m.group(1) == "Seq Scan" and m.group(2) in BESAR and m.group(2) != "aktivitas"}
    if not (seq and rencana):
        return seq
    analyze = conn.exec_driver_sql("EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) " + statement, params).scalars().all()
    waktu = next((baris for baris in analyze if baris.startswith("Execution Time")), "")
    print(f"--- {page['role']} {page['url']} ({waktu})\n{statement}\n{params}\n{plan}\n")
    return seq


def _explain(db, report, n_pegawai, n_aktivitas, markdown: Path | None, rencana: bool = False) -> int:  # noqa: PLR0913
    seq_pages: dict[str, list[str]] = defaultdict(list)
    def angka(n: int) -> str:
        return f"{n:,}".replace(",", ".")

    lines = [f"# EXPLAIN daftar halaman pada {angka(n_pegawai)} pegawai, {angka(n_aktivitas)} aktivitas (PostgreSQL)",
             "", "Dibuat oleh `bench/explain_daftar.py` (lihat docstring).  Setiap kueri yang membaca `aktivitas` "
             "di-EXPLAIN dengan parameter sebenarnya; kolom *scan* meringkas cara tiap tabel dibaca.", "",
             "| Peran | Halaman | Waktu (ms) | CPU (ms) | KB | Kueri | Kueri `aktivitas`: scan (rencana); Seq Scan tabel besar lain |",
             "|---|---|---:|---:|---:|---:|---|"]
    conn = db.session.connection()
    global BESAR
    BESAR = set(conn.exec_driver_sql(
        "SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples >= 5000 AND relnamespace = "
        "'public'::regnamespace").scalars())
    seen_plans: dict[str, str] = {}
    for page in report:
        notes = []
        besar_seq = set()
        for statement, params, _ms in page["queries"]:
            if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + statement, params).all())
            besar_seq |= _seq_besar(conn, page, statement, params, plan, rencana)
            if not re.search(r"\baktivitas\b", statement):
                continue
            scans = sorted({f"{m.group(1)} {m.group(2)}" for m in SCAN.finditer(plan) if m.group(2) == "aktivitas"})
            if any(s.startswith("Seq Scan") for s in scans):
                seq_pages[page["url"]].append(statement[:200])
                seen_plans.setdefault(statement[:300], plan)
            notes.append(", ".join(scans) or "tanpa scan aktivitas (subkueri/indeks lain)")
        ringkas = "; ".join(sorted(set(notes))) or "—"
        if besar_seq:
            ringkas += " · Seq Scan " + ", ".join(sorted(besar_seq))
        lines.append(f"| {page['role']} | `{page['url']}` | {page['ms']:.0f} | {page['cpu']:.0f} | {page['kb']:.0f} | "
                     f"{len(page['queries'])} | {ringkas} |")
        print(f"{page['role']:<14} {page['url']:<48} {page['ms']:7.0f} ms {page['cpu']:6.0f} ms CPU {page['kb']:6.0f} KB "
              f"{len(page['queries']):3d} kueri  {ringkas}")
    conn.rollback()
    lines += ["", "## Hasil", ""]
    if seq_pages:
        lines.append("Halaman dengan `Seq Scan on aktivitas`:")
        for url, stmts in seq_pages.items():
            lines.append(f"- `{url}`: {len(stmts)} kueri")
        for stmt, plan in seen_plans.items():
            lines += ["", "```sql", stmt, "```", "```", plan, "```"]
    else:
        lines.append("Tidak ada halaman yang melakukan `Seq Scan on aktivitas`.")
    if markdown:
        markdown.write_text("\n".join(lines) + "\n")
    print("Seq Scan on aktivitas:", "TIDAK ADA" if not seq_pages else ", ".join(seq_pages))
    return 1 if seq_pages else 0


if __name__ == "__main__":
    sys.exit(main())
