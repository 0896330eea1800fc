"""Who may do what with an SKP: ``can_*`` predicates (bool) and the reason a step is refused."""

from __future__ import annotations

from kinerja.errors import PermissionDenied
from kinerja.models import Skp
from kinerja.organisasi.permissions import is_admin
from kinerja.skp import rules


def pegawai_id_of(actor) -> int | None:
    return getattr(actor, "pegawai_id", None)


def require_owner_of(actor, pegawai_id: int, message: str = "Hanya pemilik SKP yang dapat mengubahnya.") -> None:
    """PermissionDenied(``message``) unless ``actor`` is the pegawai who owns the SKP."""
    if pegawai_id_of(actor) is None or pegawai_id_of(actor) != pegawai_id:
        raise PermissionDenied(message)


def can_edit(actor, skp: Skp) -> bool:
    return pegawai_id_of(actor) is not None and pegawai_id_of(actor) == skp.pegawai_id and rules.dapat_diubah(skp.status)


def approval_denial(actor, skp: Skp) -> str | None:
    """Why ``actor`` may not approve/return ``skp`` (None: they may)."""
    own = pegawai_id_of(actor)
    if own is not None and own == skp.pegawai_id:
        return "Anda tidak dapat menyetujui atau mengembalikan SKP Anda sendiri."
    atasan_id = skp.pegawai.atasan_id
    if atasan_id is None:
        # The top of the tree: the penilai outside the dinas through their account, or the admin
        # recording the approval given on paper.
        luar = getattr(actor, "pejabat_luar_id", None)
        if is_admin(actor) or (luar is not None and luar == skp.pegawai.penilai_luar_id):
            return None
        return ("SKP pimpinan tertinggi disetujui oleh pejabat penilainya di luar instansi, atau dicatat admin "
                "kepegawaian bila disetujui di atas kertas.")
    if own is None or own != atasan_id:
        return "Hanya atasan langsung (pejabat penilai) pegawai ini yang dapat menyetujui atau mengembalikan SKP-nya."
    return None


def can_approve(actor, skp: Skp) -> bool:
    return approval_denial(actor, skp) is None
