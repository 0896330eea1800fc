"""Who may see and decide an absence: the pegawai himself, his direct atasan, the admin."""

from __future__ import annotations

from kinerja.extensions import db
from kinerja.models import Pegawai
from kinerja.organisasi.permissions import is_admin, pegawai_id_of


def _atasan_of(pegawai_id: int) -> int | None:
    """The effective atasan: the one on record, or a Plt/Plh while it runs (kinerja.atasan)."""
    from kinerja.atasan import atasan_efektif_id

    p = db.session.get(Pegawai, pegawai_id)
    return atasan_efektif_id(p) if p else None


def can_view(actor, k) -> bool:
    """The pegawai, his atasan on record and his effective atasan (a Plt/Plh), the admin."""
    pid = pegawai_id_of(actor)
    if is_admin(actor) or (pid is not None and pid == k.pegawai_id):
        return True
    p = db.session.get(Pegawai, k.pegawai_id)
    return pid is not None and p is not None and (pid == p.atasan_id or pid == _atasan_of(k.pegawai_id))


def can_decide(actor, k) -> bool:
    pid = pegawai_id_of(actor)
    return is_admin(actor) or (pid is not None and pid == _atasan_of(k.pegawai_id))
