"""The queue: one huey instance for the whole process, configured from the app in ``init_app``.

- ``KINERJA_REDIS_URL`` set → ``RedisHuey`` storage (several app servers, one queue);
- otherwise → ``SqliteHuey`` storage in ``instance/antrian.db`` (nothing to install);
- ``JOBS_IMMEDIATE`` (tests) → immediate mode: ``antrekan`` runs the task at once, in-process.

Tasks are registered on this instance at import time (``@tugas``), so the consumer (``flask jobs``
or ``huey_consumer app.huey``) finds them by name.  The instance carries only a
``Pekerjaan`` id; everything else is in the database (``kinerja.jobs.layanan``).
"""

from __future__ import annotations

from pathlib import Path

from huey import Huey
from huey.storage import RedisStorage, SqliteStorage

# Immediate (memory) until init_app says otherwise: importing never creates files or connections.
huey = Huey("kinerja", immediate=True, results=False, utc=True)

_negara: dict = {"app": None, "uraian": "segera (dalam proses)"}


def konfigurasi(app) -> None:
    """Point the queue at the storage the app's configuration names (see module docstring)."""
    _negara["app"] = app
    nama = app.config.get("JOBS_NAMA") or "kinerja"
    huey.name = nama
    if app.config.get("JOBS_IMMEDIATE"):
        huey.storage_class = SqliteStorage
        huey.storage_kwargs = {}
        huey.immediate = True
        _negara["uraian"] = "segera (dalam proses, mode uji)"
        return
    url = app.config.get("REDIS_URL")
    if url:
        huey.storage_class = RedisStorage
        huey.storage_kwargs = {"url": url}
        _negara["uraian"] = f"Redis ({_tanpa_sandi(url)}, antrean {nama!r})"
    else:
        berkas = Path(app.config.get("JOBS_SQLITE_PATH") or Path(app.instance_path) / "antrian.db")
        berkas.parent.mkdir(parents=True, exist_ok=True)
        huey.storage_class = SqliteStorage
        huey.storage_kwargs = {"filename": str(berkas)}
        _negara["uraian"] = f"SQLite ({berkas})"
    huey._immediate = False
    huey.storage = huey.create_storage()


def app_antrian():
    """The app the consumer runs tasks in (the last one configured)."""
    return _negara["app"]


def uraian() -> str:
    """Where the queue lives, for the admin page and ``flask jobs``."""
    return _negara["uraian"]


def _tanpa_sandi(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = f"{parts.username or ''}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)
