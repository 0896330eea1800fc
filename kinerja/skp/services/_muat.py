"""Loading an SKP (or its RHK) for a change, with the owner/editable check every change shares."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from kinerja.errors import DomainError, NotFound
from kinerja.extensions import db
from kinerja.models import Pegawai, Rhk, Skp
from kinerja.skp import rules
from kinerja.skp.permissions import require_owner_of


def load_skp(skp_id: int, *options) -> Skp:
    skp = db.session.execute(select(Skp).where(Skp.id == skp_id).options(*options)).unique().scalar_one_or_none()
    if skp is None:
        raise NotFound()
    return skp


def load_own_editable(actor, skp_id: int) -> Skp:
    skp = load_skp(skp_id, joinedload(Skp.pegawai).joinedload(Pegawai.atasan))
    require_owner_of(actor, skp.pegawai_id)
    problem = rules.ubah_problem(skp.status)
    if problem:
        raise DomainError(None, problem)
    return skp


def load_rhk_editable(actor, rhk_id: int) -> Rhk:
    rhk = db.session.execute(
        select(Rhk).where(Rhk.id == rhk_id).options(selectinload(Rhk.iki))
    ).scalar_one_or_none()
    if rhk is None:
        raise NotFound()
    load_own_editable(actor, rhk.skp_id)
    return rhk
