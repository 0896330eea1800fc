"""Who may see and decide an absence: the pegawai himself, his direct atasan, the admin."""

from __future__ import annotations

from kinerja.extensions import db
from kinerja.models import Pegawai
from kinerja.organisasi.permissions import is_admin, pegawai_id_of


def _atasan_of(pegawai_id: int) -> int | None:
    p = db.session.get(Pegawai, pegawai_id)
    return p.atasan_id if p else None


def can_view(actor, k) -> bool:
    pid = pegawai_id_of(actor)
    return is_admin(actor) or (pid is not None and (pid == k.pegawai_id or pid == _atasan_of(k.pegawai_id)))


def can_decide(actor, k) -> bool:
    pid = pegawai_id_of(actor)
    return is_admin(actor) or (pid is not None and pid == _atasan_of(k.pegawai_id))
