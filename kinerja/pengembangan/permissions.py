"""Who may see and act on the development plan of an evaluation."""

from __future__ import annotations

from kinerja.evaluasi.permissions import can_view_evaluasi, is_pegawai_of, is_penilai_of  # noqa: F401
from kinerja.organisasi.permissions import is_admin, pegawai_id_of


def can_edit_rencana(user, ev, rencana) -> bool:
    """Propose or remove items: the penilai and the pegawai, until both have agreed."""
    return (is_penilai_of(user, ev) or is_pegawai_of(user, ev)) and not (rencana and rencana.disepakati)


def can_confirm(user, rencana, atasan_id: int | None) -> bool:
    """The atasan confirms a finished item: the rencana's penilai or the pegawai's current atasan."""
    own = pegawai_id_of(user)
    return own is not None and own in {rencana.penilai_id, atasan_id}


def can_record_tindak_lanjut(user) -> bool:
    return is_admin(user)
