"""Who may see and change an aktivitas harian — the only place that decides it.

- **See** an entry (its row, its evidence files, its detail page): the pegawai, everyone above them
  in the atasan chain, a delegated verifikator who verifies it today (that part belongs to
  verifikasi, registered with ``kait.add_aktivitas_viewer``), and the admin.  Everybody else
  is told it does not exist (404), on every method.
- **See a whole log** (day, week, month of a pegawai): the pegawai, the atasan chain and the admin
  (``can_view_log``); a delegate sees single entries through Verifikasi.
- **Change** (edit, delete, duplicate, submit): only the pegawai who owns it.  Someone who may see it
  but is not the owner gets 403 with a neutral message.
"""

from __future__ import annotations

from kinerja import kait
from kinerja.errors import NotFound, PermissionDenied
from kinerja.organisasi.permissions import can_view_pegawai, pegawai_id_of


def can_keep_log(user) -> bool:
    """Only accounts linked to a pegawai keep a daily log (the navigation link, the entry forms)."""
    return pegawai_id_of(user) is not None


def can_view_log(user, pegawai_id: int) -> bool:
    return can_view_pegawai(user, pegawai_id)


def is_owner(user, item) -> bool:
    own = pegawai_id_of(user)
    return own is not None and own == item.pegawai_id


def can_view_aktivitas(user, item) -> bool:
    """The pegawai, the atasan chain, the admin, and whoever another feature registers through
    ``kait.add_aktivitas_viewer`` (verifikasi: a delegate who verifies it today)."""
    return is_owner(user, item) or can_view_pegawai(user, item.pegawai_id) or kait.aktivitas_viewer(user, item)


def require_visible(user, item) -> None:
    """NotFound for a missing entry or one ``user`` may not see."""
    if item is None or not can_view_aktivitas(user, item):
        raise NotFound()


def require_owner(user, item) -> None:
    """NotFound unless ``user`` may see it; 403 (neutral message) unless ``user`` owns it."""
    if item is not None and is_owner(user, item):
        return
    require_visible(user, item)
    raise PermissionDenied()
