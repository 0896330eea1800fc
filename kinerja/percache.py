"""Per-request memo for small lookups many panels need (the instansi row, holidays).

Only inside a request: services called from the CLI or tests always read fresh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import g, has_request_context

T = TypeVar("T")


def per_request(key: str, load: Callable[[], T]) -> T:
    if not has_request_context():
        return load()
    memo = g.setdefault("_kinerja_memo", {})
    if key not in memo:
        memo[key] = load()
    return memo[key]


def forget(key: str) -> None:
    if has_request_context():
        g.setdefault("_kinerja_memo", {}).pop(key, None)


def remember(key: str, value) -> None:
    """Store a value another part of the same request has already worked out (no-op outside requests)."""
    if has_request_context():
        g.setdefault("_kinerja_memo", {})[key] = value


def known(key: str, default=None):
    """A value remembered earlier in this request, else ``default``."""
    if not has_request_context():
        return default
    return g.setdefault("_kinerja_memo", {}).get(key, default)
