"""Password hashes (scrypt), a bounded number at once per process.

A production hash (``PASSWORD_HASH_METHOD``, scrypt N=32768 r=8) holds 32 MiB while it runs.  With eight
server threads a login rush ran several at once: the app processes of ``bench/bench_skala.py`` peaked at
252 MB during its burst of logins against 125 MB under steady load (QUALITY P7: ≤ 250 MB per process).
At most ``PASSWORD_HASH_CONCURRENCY`` hashes (new or checked) run at once in a process; the others wait
their turn, which costs little — hashing is CPU-bound, so the cores were the limit anyway.
"""

from __future__ import annotations

import threading

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

_GILIRAN: dict[int, threading.BoundedSemaphore] = {}
_BUAT_GILIRAN = threading.Lock()


def _giliran() -> threading.BoundedSemaphore:
    n = max(1, int(current_app.config.get("PASSWORD_HASH_CONCURRENCY", 2)))
    with _BUAT_GILIRAN:
        return _GILIRAN.setdefault(n, threading.BoundedSemaphore(n))


def buat(sandi: str) -> str:
    """A new hash of ``sandi`` with the configured method."""
    with _giliran():
        return generate_password_hash(sandi, method=current_app.config["PASSWORD_HASH_METHOD"])


def cocok(hash_tersimpan: str, sandi: str) -> bool:
    """Whether ``sandi`` matches the stored hash (a malformed hash matches nothing)."""
    with _giliran():
        return check_password_hash(hash_tersimpan, sandi)
