"""Who sees a notification — the only place that decides it: its recipient.  Anybody else's
notification does not exist (404)."""

from __future__ import annotations

from kinerja.errors import NotFound


def can_open_notifikasi(user, item) -> bool:
    return item is not None and getattr(user, "is_authenticated", False) and item.penerima_id == user.id


def require_own_notifikasi(user, item) -> None:
    if not can_open_notifikasi(user, item):
        raise NotFound()
