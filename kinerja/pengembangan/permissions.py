"""Who may see and act on the development plan of an evaluation."""

from __future__ import annotations

from kinerja.evaluasi.permissions import can_view_evaluasi, is_pegawai_of, is_penilai_of  # noqa: F401
from kinerja.organisasi.permissions import is_admin, pegawai_id_of


def can_edit_rencana(user, ev, rencana) -> bool:
    """Propose or remove items: the penilai and the pegawai, until both have agreed."""
    return (is_penilai_of(user, ev) or is_pegawai_of(user, ev)) and not (rencana and rencana.disepakati)


def can_confirm(user, rencana, pegawai) -> bool:
    """The atasan confirms a finished item: the pegawai's effective atasan (a Plt/Plh while it runs,
    ``kinerja.atasan``) or the rencana's penilai — unless his duties toward the pegawai are with an
    acting official today."""
    from kinerja.atasan import atasan_efektif_id, digantikan

    own = pegawai_id_of(user)
    if own is None:
        return False
    if own == atasan_efektif_id(pegawai):
        return True
    return own == rencana.penilai_id and not digantikan(own, pegawai)


def can_record_tindak_lanjut(user) -> bool:
    return is_admin(user)
