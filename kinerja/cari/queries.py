"""The pegawai search, scoped to what the actor may see (one query)."""

from __future__ import annotations

from sqlalchemy import and_, func, select
from sqlalchemy.orm import joinedload

from kinerja.cari.rules import Kueri, escape_like
from kinerja.extensions import db
from kinerja.models import Pegawai
from kinerja.organisasi.permissions import is_admin, pegawai_id_of, subordinate_ids_query

BATAS = 20


def cari_pegawai(actor, kueri: Kueri, batas: int = BATAS) -> list[Pegawai]:
    """Active pegawai whose name contains every word of the query (any order, any case), or whose NIP
    contains the digits.  An atasan finds only the pegawai below them; the admin everyone."""
    if kueri.kosong:
        return []
    stmt = select(Pegawai).where(Pegawai.aktif.is_(True)).options(joinedload(Pegawai.unit), joinedload(Pegawai.jabatan))
    if not is_admin(actor):
        own = pegawai_id_of(actor)
        if own is None:
            return []
        stmt = stmt.where(Pegawai.id.in_(subordinate_ids_query(own)))
    if kueri.nip:
        stmt = stmt.where(Pegawai.nip.like(f"%{escape_like(kueri.nip)}%", escape="\\"))
    else:
        kata = [k for k in kueri.teks.lower().split() if k]
        stmt = stmt.where(and_(*[func.lower(Pegawai.nama).like(f"%{escape_like(k)}%", escape="\\") for k in kata]))
    return list(db.session.execute(stmt.order_by(Pegawai.nama).limit(batas)).unique().scalars())
