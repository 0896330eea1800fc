"""CPU per request on PostgreSQL, split between the app and its PostgreSQL backend (#17).

    .venv/bin/python bench/bench_pg_cpu.py [--database-url postgresql+psycopg://…/kinerja_bench_10k]
                                           [--role staf] [--n 300] [--root <another checkout>]

The production app in this process (Flask test client, no HTTP server) with ONE pooled connection, so
that one PostgreSQL backend serves every request: its CPU is read from ``/proc/<backend pid>/stat``
before and after ``--n`` requests of each page (``/healthz``, the day view, the Beranda, the inbox),
next to this process's own CPU.  The database is the one ``bench_skala.py`` builds (10,000 pegawai);
without it, or without PostgreSQL, the benchmark says so and is skipped.  ``--root`` measures another
code tree on the same database (e.g. ``git worktree add /tmp/lama <rev>``) for a before/after pair.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/kinerja_bench_10k"
PAGES = ("/healthz", "/aktivitas", "/", "/verifikasi/")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("KINERJA_BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--root", type=Path, default=HERE.parent)
    parser.add_argument("--role", default="kepala seksi", help="admin, kepala OPD, kepala bidang, kepala seksi, staf")
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    if not _data_ready(args.database_url):
        return 0
    app, client, db, text = app_masuk(args.database_url, args.root, args.role, "kinerja-bench-pg-")
    with app.app_context(), db.engine.connect() as conn:
        backend = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    print(f"   peran: {args.role}  {args.n} permintaan per halaman, satu koneksi (backend {backend})")
    for page in PAGES:
        for _ in range(20):  # warm: psycopg prepares a statement on its fifth use
            assert client.get(page).status_code == 200, page
        app_started, pg_started = time.process_time(), _cpu(backend)
        for _ in range(args.n):
            client.get(page)
        app_ms = (time.process_time() - app_started) / args.n * 1000
        pg_ms = (_cpu(backend) - pg_started) / args.n * 1000
        print(f"   GET {page:<14} CPU aplikasi {app_ms:5.2f} ms  CPU backend PostgreSQL {pg_ms:5.2f} ms  "
              f"jumlah {app_ms + pg_ms:5.2f} ms per permintaan", flush=True)
    return 0


def app_masuk(database_url: str, root: Path, role: str, prefix: str, **config):
    """The production app of the code tree ``root`` in this process, with ONE pooled connection (and that
    tree's own engine options: its pool ping), and a test client logged in as ``role`` (explain_daftar's
    roles).  (app, client, db, text)."""
    os.environ.update(KINERJA_DATABASE_URL=database_url, KINERJA_SECRET_KEY=secrets.token_hex(32),
                      KINERJA_AUDIT_KEY=secrets.token_hex(32), KINERJA_BASE_URL="http://localhost/",
                      KINERJA_INSTANCE_PATH=tempfile.mkdtemp(prefix=prefix))
    sys.path.insert(0, str(root.resolve()))
    sys.path.insert(1, str(HERE))
    os.chdir(root)
    create_app, db, roles, text = _imports()
    app = create_app("production", WAJIB_2FA_ADMIN=False, DB_POOL_SIZE=1, DB_POOL_OVERFLOW=0, **config)
    with app.app_context():
        user_id = roles(db)[role].get_id()
        db.session.remove()
    client = app.test_client()
    with client.session_transaction() as sess:
        sess["_user_id"], sess["_fresh"] = user_id, True
        sess["login_at"] = sess["last_seen"] = int(time.time())
    return app, client, db, text


def _imports():
    """The app of the checkout first on sys.path; explain_daftar's ``roles`` only afterwards (it puts
    this checkout first on sys.path)."""
    from sqlalchemy import text

    from kinerja import create_app
    from kinerja.extensions import db

    print(f"kode: {Path(sys.modules['kinerja'].__file__).parent.parent}")
    from explain_daftar import roles

    return create_app, db, roles, text


def _cpu(pid: int) -> float:
    """User + system CPU seconds of a process (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _data_ready(url: str) -> bool:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError, ProgrammingError

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            pegawai = conn.execute(text("SELECT count(*) FROM pegawai")).scalar_one()
    except (OperationalError, ProgrammingError) as exc:
        print(f"PostgreSQL atau data skala tidak ada ({str(exc).splitlines()[0]}); jalankan bench_skala.py dulu. DILEWATI.")
        return False
    finally:
        engine.dispose()
    if not Path("/proc/self/stat").exists():
        print("/proc tidak ada (bukan Linux): CPU backend tidak terbaca. DILEWATI.")
        return False
    if pegawai < 1000:
        print(f"basis data hanya berisi {pegawai} pegawai; jalankan bench_skala.py dulu. DILEWATI.")
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
