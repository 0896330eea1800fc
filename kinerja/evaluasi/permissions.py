"""Who may see and act on an evaluation.  Visible: the pegawai, the atasan chain, admin, and an
official outside the dinas (pejabat luar instansi) for the evaluations they rate or decide."""

from __future__ import annotations

from kinerja.evaluasi import rules
from kinerja.organisasi.permissions import is_admin, is_in_chain_above, pegawai_id_of


def pejabat_luar_id_of(user) -> int | None:
    """The pejabat luar instansi behind an account of an official outside the dinas, else None."""
    return getattr(user, "pejabat_luar_id", None) if getattr(user, "is_authenticated", False) else None


def is_pegawai_of(user, ev) -> bool:
    own = pegawai_id_of(user)
    return own is not None and own == ev.pegawai_id


def is_penilai_of(user, ev) -> bool:
    own = pegawai_id_of(user)
    if own is not None and own == ev.penilai_id:
        return True
    luar = pejabat_luar_id_of(user)
    return luar is not None and luar == getattr(ev, "penilai_luar_id", None)


def is_atasan_penilai_of(user, ev) -> bool:
    own = pegawai_id_of(user)
    if own is not None and own == ev.atasan_penilai_id:
        return True
    luar = pejabat_luar_id_of(user)
    return luar is not None and luar == getattr(ev, "atasan_penilai_luar_id", None)


def can_decide_keberatan(user, ev) -> bool:
    """Only the atasan pejabat penilai decides a keberatan (PP 30/2019 Pasal 59) — never an admin.

    The single predicate for it: officials outside the dinas (their own account, or a paper decision
    recorded on their behalf) extend this function, not its callers.
    """
    return is_atasan_penilai_of(user, ev)


def can_view_evaluasi(user, ev) -> bool:
    if is_admin(user):
        return True
    if is_penilai_of(user, ev) or is_atasan_penilai_of(user, ev):
        return True
    own = pegawai_id_of(user)
    if own is None:
        return False
    if own in (ev.pegawai_id, ev.penilai_id, ev.atasan_penilai_id):
        return True
    return is_in_chain_above(own, ev.pegawai_id)


def can_set_capaian(user, unit) -> bool:
    """The pimpinan of the organisation above the unit — never the unit's own head (DOMAIN.md §4).

    For a unit at the top (the dinas): its head's penilai outside the dinas through their account.
    The admin records a decision on behalf of whoever made it (recorded as such on the Penetapan).
    """
    from kinerja.evaluasi.queries import penetap_capaian

    if is_admin(user):
        return True
    penetap = penetap_capaian(unit.id)
    if penetap == rules.PENETAP_LUAR:
        luar = pejabat_luar_id_of(user)
        return luar is not None and luar == penetap_luar_id(unit.id)
    return penetap is not None and pegawai_id_of(user) == penetap


def penetap_luar_id(unit_id: int) -> int | None:
    """The external penilai of the head of a top unit (who sets that unit's capaian)."""
    from kinerja.evaluasi.queries import kepala_unit

    kepala = kepala_unit(unit_id)
    return kepala.penilai_luar_id if kepala is not None else None


def can_use_evaluasi(user) -> bool:
    """The navigation link: any user with a pegawai record, an official outside the dinas, or admin."""
    return is_admin(user) or pegawai_id_of(user) is not None or pejabat_luar_id_of(user) is not None
