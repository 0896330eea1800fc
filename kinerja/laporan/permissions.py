"""Who may download which report — the only place that decides it.

- The Laporan page: accounts with a pegawai record and the admin.
- One pegawai's monthly LKH (PDF/XLSX): whoever may see that pegawai's log — the pegawai, the atasan
  chain, the admin (``kinerja.organisasi.permissions.can_view_pegawai``); anybody else: 404.
- The team workbook: pegawai with subordinates (403 for a pegawai without).
- Searching for any pegawai by name: the admin.
"""

from __future__ import annotations

from kinerja.errors import NotFound
from kinerja.organisasi.permissions import can_view_pegawai, is_admin, pegawai_id_of


def can_use_laporan(user) -> bool:
    return is_admin(user) or pegawai_id_of(user) is not None


def can_search_pegawai(user) -> bool:
    return is_admin(user)


def can_view_lkh(user, pegawai_id: int) -> bool:
    return can_view_pegawai(user, pegawai_id)


def require_lkh(user, pegawai_id: int) -> None:
    if not can_view_lkh(user, pegawai_id):
        raise NotFound()
