"""Who manages Tahun Kinerja and periods — the only place that decides it: the admin.  Reading
which years are open ("Buat SKP") is for everyone."""

from __future__ import annotations

from kinerja.akses import is_admin, require_admin


def can_manage_periode(user) -> bool:
    return is_admin(user)


def require_manage_periode(actor) -> None:
    require_admin(actor)
