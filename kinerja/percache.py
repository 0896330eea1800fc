"""Per-request memo for small lookups many panels need (the instansi row, holidays).

Only inside a request: services called from the CLI or tests always read fresh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from kinerja.konteks import ada_permintaan, glob

T = TypeVar("T")


def memo_permintaan() -> dict | None:
    """This request's memo (in ``g``), None outside a request."""
    return glob().setdefault("_kinerja_memo", {}) if ada_permintaan() else None


def per_request(key: str, load: Callable[[], T]) -> T:
    memo = memo_permintaan()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]


def forget(key: str) -> None:
    memo = memo_permintaan()
    if memo is not None:
        memo.pop(key, None)


def remember(key: str, value) -> None:
    """Store a value another part of the same request has already worked out (no-op outside requests)."""
    memo = memo_permintaan()
    if memo is not None:
        memo[key] = value


def known(key: str, default=None):
    """A value remembered earlier in this request, else ``default``."""
    memo = memo_permintaan()
    return default if memo is None else memo.get(key, default)
