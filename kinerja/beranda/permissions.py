"""What the home page shows to whom — the only place that decides it (panels decide their own
visibility in their feature's permissions)."""

from __future__ import annotations

from kinerja.akses import is_admin, pegawai_id_of


def can_see_admin_summary(user) -> bool:
    """Counts and data problems of the whole organisation: the admin."""
    return is_admin(user)


def has_profile(user) -> bool:
    """An own profile and direct subordinates: accounts linked to a pegawai."""
    return pegawai_id_of(user) is not None
