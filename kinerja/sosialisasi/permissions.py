"""Who may see and manage a sosialisasi session."""

from __future__ import annotations

from kinerja.organisasi.permissions import is_admin


def can_see_sesi(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def can_manage(user, sesi) -> bool:
    return is_admin(user) or getattr(user, "id", None) == sesi.penyelenggara_id
