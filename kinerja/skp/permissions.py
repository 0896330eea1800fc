"""Who may see and act on an SKP — the only place that decides it.

- **See** (page, versions, PDF, the lists): the pegawai, everyone above them in the atasan chain,
  and the admin.  Everybody else is told the SKP does not exist (404), on every method.
- **Change content** (RHK, IKI, lampiran, pendekatan) and the owner's workflow steps (Ajukan,
  Revisi): only the pegawai who owns the SKP.  Someone who may see it but is not the owner gets
  403 with a neutral message.
- **Approve / return** ("Setujui SKP", "Kembalikan SKP"): the direct atasan (pejabat penilai);
  for the top of the tree (no atasan in the system) the admin.  Nobody approves their own SKP.
"""

from __future__ import annotations

from sqlalchemy import or_, select

from kinerja.errors import NotFound, PermissionDenied
from kinerja.models import Pegawai, Skp
from kinerja.organisasi.permissions import can_view_pegawai, is_admin, pegawai_id_of, subordinate_ids_query
from kinerja.skp import rules


def skp_scope(user):
    """WHERE clause limiting SKP rows to what ``user`` may see (None for admin: everything)."""
    if is_admin(user):
        return None
    own = pegawai_id_of(user)
    if own is None:
        luar = getattr(user, "pejabat_luar_id", None) if getattr(user, "is_authenticated", False) else None
        if luar is not None:  # an official outside the dinas: the SKP of those they evaluate
            return Skp.pegawai_id.in_(select(Pegawai.id).where(Pegawai.penilai_luar_id == luar))
        return Skp.id.is_(None)  # sees nothing
    from kinerja.atasan import ada_penugasan, bertindak_atas_ids

    if ada_penugasan():
        plt = bertindak_atas_ids(own)
        if plt:  # a Plt/Plh sees the SKP of those he acts for
            return or_(Skp.pegawai_id == own, Skp.pegawai_id.in_(subordinate_ids_query(own)), Skp.pegawai_id.in_(plt))
    return or_(Skp.pegawai_id == own, Skp.pegawai_id.in_(subordinate_ids_query(own)))


def can_use_tim(user) -> bool:
    """"SKP Tim" (the team view): any pegawai (it lists their subordinates, maybe none) and the admin."""
    return is_admin(user) or pegawai_id_of(user) is not None


def can_view_skp(user, pegawai_id: int) -> bool:
    """May ``user`` see the SKPs of pegawai ``pegawai_id``?  The atasan chain and admin, and an official
    outside the dinas for the pegawai they are the penilai of (the top of the tree)."""
    if can_view_pegawai(user, pegawai_id):
        return True
    luar = getattr(user, "pejabat_luar_id", None) if getattr(user, "is_authenticated", False) else None
    if luar is None:
        return False
    from kinerja.extensions import db

    pegawai = db.session.get(Pegawai, pegawai_id)
    return pegawai is not None and pegawai.penilai_luar_id == luar


def is_owner(user, pegawai_id: int) -> bool:
    own = pegawai_id_of(user)
    return own is not None and own == pegawai_id


def can_edit_skp(user, skp: Skp) -> bool:
    """The page flag: the owner, while the SKP may be changed (Draft or Ditolak)."""
    return is_owner(user, skp.pegawai_id) and rules.dapat_diubah(skp.status)


def can_revise_skp(user, skp: Skp) -> bool:
    return skp.status == rules.DISETUJUI and is_owner(user, skp.pegawai_id)


def approval_denial(user, skp: Skp) -> str | None:
    """Why ``user`` may not approve/return ``skp`` (None: they may).  Asked only of those who may see it."""
    if is_owner(user, skp.pegawai_id):
        return "Anda tidak dapat menyetujui atau mengembalikan SKP Anda sendiri."
    from kinerja.atasan import atasan_efektif_id

    atasan_id = atasan_efektif_id(skp.pegawai)  # the atasan on record, or a Plt/Plh while it runs
    if atasan_id is None:
        # The top of the tree: the penilai outside the dinas through their account, or the admin
        # recording the approval given on paper.
        luar = getattr(user, "pejabat_luar_id", None)
        if is_admin(user) or (luar is not None and luar == skp.pegawai.penilai_luar_id):
            return None
        return ("SKP pimpinan tertinggi disetujui oleh pejabat penilainya di luar instansi, atau dicatat admin "
                "kepegawaian bila disetujui di atas kertas.")
    own = pegawai_id_of(user)
    if own is None or own != atasan_id:
        return "SKP ini disetujui atau dikembalikan oleh pejabat penilai pegawai yang bersangkutan."
    return None


def can_approve_skp(user, skp: Skp) -> bool:
    return approval_denial(user, skp) is None


def approvable_pegawai_ids_query(user):
    """SELECT of the pegawai whose SKP ``user`` approves (the SQL form of ``approval_denial``): a
    pegawai's direct subordinates; for the admin without a pegawai record, the top of the tree.
    None when ``user`` approves nobody's."""
    from kinerja.atasan import bawahan_efektif_ids

    lingkup = lingkup_persetujuan(user)
    if lingkup is None:
        return None
    own = pegawai_id_of(user)
    return approvable_ids_select(lingkup, own=own, ids=bawahan_efektif_ids(own) if lingkup == "plt" else None)


def lingkup_persetujuan(user) -> str | None:
    """Whose SKP ``user`` approves, as a kind for ``approvable_ids_select``: "bawahan" (direct
    subordinates on record), "plt" (while a Plt/Plh runs: the effective ones), "puncak" (the admin:
    the top of the tree), None (nobody's)."""
    from kinerja.atasan import ada_penugasan

    if pegawai_id_of(user) is not None:
        return "plt" if ada_penugasan() else "bawahan"
    return "puncak" if is_admin(user) else None


def approvable_ids_select(lingkup: str, own=None, ids=None):
    """The SELECT of ``approvable_pegawai_ids_query`` for a kind of ``lingkup_persetujuan``; ``own`` and
    ``ids`` may be bind parameters (a statement built once per process)."""
    if lingkup == "plt":
        return select(Pegawai.id).where(Pegawai.id.in_(ids))
    if lingkup == "bawahan":
        return select(Pegawai.id).where(Pegawai.atasan_id == own, Pegawai.id != own)
    return select(Pegawai.id).where(Pegawai.atasan_id.is_(None))


# ------------------------------------------------------------------ the 404/403 step for services


def require_visible(user, pegawai_id: int | None) -> None:
    """NotFound for a missing SKP (``pegawai_id`` None) or one ``user`` may not see."""
    if pegawai_id is None or not can_view_skp(user, pegawai_id):
        raise NotFound()


def require_owner(user, pegawai_id: int | None) -> None:
    """NotFound unless visible; 403 (neutral message) unless ``user`` owns it."""
    require_visible(user, pegawai_id)
    if not is_owner(user, pegawai_id):
        raise PermissionDenied()


def require_owner_of(user, pegawai_id: int | None, message: str | None = None) -> None:
    """The same as ``require_owner``: 404 out of sight, 403 (neutral, ``message`` is not shown) otherwise."""
    require_owner(user, pegawai_id)


def require_approver(user, skp: Skp) -> None:
    """NotFound unless visible; 403 with the reason unless ``user`` approves this SKP."""
    require_visible(user, skp.pegawai_id)
    denial = approval_denial(user, skp)
    if denial:
        raise PermissionDenied(denial)


# Names used across the SKP package.
can_edit = can_edit_skp
can_approve = can_approve_skp
__all__ = ["approval_denial", "can_approve", "can_approve_skp", "can_edit", "can_edit_skp", "can_revise_skp",
           "can_use_tim", "can_view_skp", "is_owner", "pegawai_id_of", "require_approver", "require_owner", "require_owner_of",
           "require_visible", "skp_scope"]
