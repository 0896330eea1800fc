"""Where issued documents live: one folder under ``UPLOAD_DIR``, atomic writes, reads by stored name.

Every feature that stores a signed PDF (evaluasi forms B/C, Penetapan, pengembangan B.1.8/B.1.9)
writes and reads it here, so a reprint serves the bytes that ``/v/<kode>`` verifies.
"""

from __future__ import annotations

import os
import secrets
from contextlib import contextmanager
from pathlib import Path

from flask import current_app, has_request_context


def folder() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"]) / "dokumen"
    path.mkdir(parents=True, exist_ok=True)
    return path


def simpan(name: str, content: bytes) -> None:
    """Write atomically: a reader sees the old file or the whole new one, never half of it.  The
    temporary name is unique, so two app processes on one shared storage never write the same one."""
    path = folder() / os.path.basename(name)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    tmp.write_bytes(content)
    os.replace(tmp, path)


def baca(name: str | None) -> bytes | None:
    """The stored bytes, or None when there is no such file (the name's folder part is ignored)."""
    if not name:
        return None
    path = folder() / os.path.basename(name)
    return path.read_bytes() if path.is_file() else None


@contextmanager
def render_context():
    """render_template needs a request context for our context processors (CLI, bench, demo, jobs)."""
    if has_request_context():
        yield
        return
    with current_app.test_request_context("/"):
        yield
