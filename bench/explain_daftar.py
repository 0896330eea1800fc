"""EXPLAIN review of every list page on PostgreSQL (#17): no page may scan the whole `aktivitas` table.

Standalone, against a database built with ``flask demo-data --scale 10000``:

    KINERJA_DATABASE_URL=postgresql+psycopg://…/kinerja_skala_bench .venv/bin/python bench/explain_daftar.py \
        [--markdown docs/EXPLAIN_10000.md]

Every GET page without path arguments (plus the day view of a date and a verification inbox filter)
is requested in-process as five roles (admin, Kepala OPD, kepala bidang, kepala seksi, staf).  Each
SQL statement that reads ``aktivitas`` is EXPLAINed with its real parameters; a ``Seq Scan on
aktivitas`` fails the run.  The markdown file lists query, plan summary and time per page.
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
    from kinerja.waktu import today_local

    urls = sorted({r.rule for r in app.url_map.iter_rules()
                   if "GET" in r.methods and not r.arguments and not SKIP.search(r.rule)})
    today = today_local()
    return urls + [f"/aktivitas?tanggal={today.isoformat()}", "/verifikasi?status=Diajukan"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    if not os.environ.get("KINERJA_DATABASE_URL", "").startswith("postgresql"):
        raise SystemExit("KINERJA_DATABASE_URL harus menunjuk ke PostgreSQL dengan data --scale 10000")

    from sqlalchemy import event, func, select, text

    from kinerja import create_app
    from kinerja.extensions import db
    from kinerja.models import Aktivitas, Pegawai

    app = create_app("development", WTF_CSRF_ENABLED=False, WAJIB_2FA_ADMIN=False)
    statements: list[tuple[str, object, float]] = []

    with app.app_context():
        n_pegawai = db.session.execute(select(func.count(Pegawai.id))).scalar_one()
        n_aktivitas = db.session.execute(select(func.count(Aktivitas.id))).scalar_one()
        who = {name: (a.id, a.get_id()) for name, a in roles(db).items()}
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        urls = pages(app)

    def before(*args):
        args[4]._mulai = time.perf_counter()  # (conn, cursor, statement, parameters, context, executemany)

    def after(*args):
        statements.append((args[2], args[3], (time.perf_counter() - args[4]._mulai) * 1000))

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
            statements.clear()
            started = time.perf_counter()
            response = client.get(url)
            ms = (time.perf_counter() - started) * 1000
            response.close()
            if response.status_code != 200:
                continue
            report.append({"role": role, "url": url, "ms": ms, "queries": list(statements)})
    with app.app_context():
        event.remove(db.engine, "before_cursor_execute", before)
        event.remove(db.engine, "after_cursor_execute", after)
        return _explain(db, report, n_pegawai, n_aktivitas, args.markdown)


def _explain(db, report, n_pegawai, n_aktivitas, markdown: Path | None) -> int:
    seq_pages: dict[str, list[str]] = defaultdict(list)
    def angka(n: int) -> str:
        return f"{n:,}".replace(",", ".")

    lines = [f"# EXPLAIN daftar halaman pada {angka(n_pegawai)} pegawai, {angka(n_aktivitas)} aktivitas (PostgreSQL)",
             "", "Dibuat oleh `bench/explain_daftar.py` (lihat docstring).  Setiap kueri yang membaca `aktivitas` "
             "di-EXPLAIN dengan parameter sebenarnya; kolom *scan* meringkas cara tiap tabel dibaca.", "",
             "| Peran | Halaman | Waktu (ms) | Kueri | Kueri `aktivitas`: scan (rencana); Seq Scan tabel besar lain |", "|---|---|---:|---:|---|"]
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
            # Whole-table reads of the big tables (other than aktivitas) are listed for review.
            besar_seq |= {m.group(2) for m in SCAN.finditer(plan)
                          if m.group(1) == "Seq Scan" and m.group(2) in BESAR and m.group(2) != "aktivitas"}
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
        lines.append(f"| {page['role']} | `{page['url']}` | {page['ms']:.0f} | {len(page['queries'])} | {ringkas} |")
        print(f"{page['role']:<14} {page['url']:<48} {page['ms']:7.0f} ms {len(page['queries']):3d} kueri  {ringkas}")
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
