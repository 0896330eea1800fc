"""Operations: online backup."""

from __future__ import annotations

import os
import sqlite3

from sqlalchemy.engine import Engine


def backup_database(engine: Engine, dest: str) -> str:
    """SQLite: online backup API, then ``integrity_check`` on the copy.

    PostgreSQL: returns the ``pg_dump`` command to run (a server-side dump is
    the consistent way there).
    """
    url = engine.url
    if url.get_backend_name() != "sqlite":
        host = url.host or "localhost"
        user = f" -U {url.username}" if url.username else ""
        port = f" -p {url.port}" if url.port else ""
        return (f"Basis data {url.get_backend_name()}: gunakan\n"
                f"  pg_dump -h {host}{port}{user} -Fc -f {dest} {url.database}")
    if not url.database or url.database == ":memory:":
        raise ValueError("Basis data di memori tidak bisa dicadangkan.")
    if os.path.exists(dest):
        raise ValueError(f"Berkas tujuan {dest} sudah ada; pilih nama lain.")
    source = sqlite3.connect(url.database)
    target = sqlite3.connect(dest)
    try:
        with target:
            source.backup(target, pages=1024)
        result = target.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        target.close()
        source.close()
    if result != "ok":
        raise ValueError(f"Salinan gagal diperiksa: {result}")
    size = os.path.getsize(dest)
    return f"Cadangan tersimpan di {dest} ({size:,} bita), integrity_check: ok."
