"""Who may see and act on an evaluation.  Visible: the pegawai, the atasan chain, admin."""

from __future__ import annotations

from kinerja.organisasi.permissions import is_admin, is_in_chain_above, pegawai_id_of


def is_pegawai_of(user, ev) -> bool:
    own = pegawai_id_of(user)
    return own is not None and own == ev.pegawai_id


def is_penilai_of(user, ev) -> bool:
    own = pegawai_id_of(user)
    return own is not None and own == ev.penilai_id


def is_atasan_penilai_of(user, ev) -> bool:
    own = pegawai_id_of(user)
    return own is not None and own == ev.atasan_penilai_id


def can_decide_keberatan(user, ev) -> bool:
    """Only the atasan pejabat penilai decides a keberatan (PP 30/2019 Pasal 59) — never an admin.

    The single predicate for it: officials outside the dinas (their own account, or a paper decision
    recorded on their behalf) extend this function, not its callers.
    """
    return is_atasan_penilai_of(user, ev)


def can_view_evaluasi(user, ev) -> bool:
    if is_admin(user):
        return True
    own = pegawai_id_of(user)
    if own is None:
        return False
    if own in (ev.pegawai_id, ev.penilai_id, ev.atasan_penilai_id):
        return True
    return is_in_chain_above(own, ev.pegawai_id)


def can_set_capaian(user, unit) -> bool:
    """The unit's pimpinan, or admin."""
    if is_admin(user):
        return True
    pegawai = getattr(user, "pegawai", None) if getattr(user, "is_authenticated", False) else None
    return bool(pegawai is not None and pegawai.pimpinan and pegawai.unit_id == unit.id)


def can_use_evaluasi(user) -> bool:
    """The navigation link: any user with a pegawai record, or admin."""
    return is_admin(user) or pegawai_id_of(user) is not None
