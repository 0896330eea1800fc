"""Who may see whom.  Every query for another person's records goes through here."""

from __future__ import annotations

from sqlalchemy import exists, literal, select

from kinerja.akses import is_admin, pegawai_id_of, require_admin, require_admin_or_cli  # noqa: F401  (re-exported: callers ask organisasi)
from kinerja.extensions import db
from kinerja.models import Pegawai


def subordinate_ids_query(atasan_id: int, direct_only: bool = False):
    """A SELECT of the ids of the pegawai below ``atasan_id`` (recursive CTE)."""
    if direct_only:
        return select(Pegawai.id).where(Pegawai.atasan_id == atasan_id)
    tree = select(Pegawai.id, literal(1).label("depth")).where(Pegawai.atasan_id == atasan_id).cte(
        "bawahan", recursive=True
    )
    tree = tree.union_all(
        select(Pegawai.id, tree.c.depth + 1).where(Pegawai.atasan_id == tree.c.id).where(tree.c.depth < 50)
    )
    return select(tree.c.id)


def effective_subordinate_ids_query(atasan_id: int, direct_only: bool = False, tanggal=None):
    """``subordinate_ids_query`` as the pages that list subordinates need it (issue #11 §2): while a
    Plt/Plh runs (``kinerja.atasan``), the direct subordinates are those the pegawai is the effective
    atasan of — those whose duties moved to an acting official leave, those he acts for join — and the
    whole tree is everything below them on record.  With no penugasan running: ``subordinate_ids_query``
    (no extra query)."""
    from kinerja.atasan import ada_penugasan, bawahan_efektif_ids

    if not ada_penugasan(tanggal):
        return subordinate_ids_query(atasan_id, direct_only)
    langsung = bawahan_efektif_ids(atasan_id, tanggal)
    if direct_only:
        return select(Pegawai.id).where(Pegawai.id.in_(langsung))
    tree = select(Pegawai.id, literal(1).label("depth")).where(Pegawai.id.in_(langsung)).cte(
        "bawahan_efektif", recursive=True)
    tree = tree.union_all(
        select(Pegawai.id, tree.c.depth + 1).where(Pegawai.atasan_id == tree.c.id, Pegawai.id != atasan_id,
                                                   tree.c.depth < 50))
    return select(tree.c.id).where(tree.c.id != atasan_id)


def effective_direct_ids(atasan_id: int, tanggal=None) -> set[int] | None:
    """The direct subordinates of ``atasan_id`` while a Plt/Plh runs; None when none runs (then
    ``Pegawai.atasan_id`` answers)."""
    from kinerja.atasan import ada_penugasan, bawahan_efektif_ids

    return bawahan_efektif_ids(atasan_id, tanggal) if ada_penugasan(tanggal) else None


def superior_ids_query(pegawai_id: int):
    """A SELECT of the ids above ``pegawai_id``: the atasan, the atasan's atasan, … (recursive CTE)."""
    tree = select(Pegawai.atasan_id.label("id"), literal(1).label("depth")).where(
        Pegawai.id == pegawai_id, Pegawai.atasan_id.is_not(None)).cte("atasan_rantai", recursive=True)
    tree = tree.union_all(
        select(Pegawai.atasan_id, tree.c.depth + 1)
        .where(Pegawai.id == tree.c.id, Pegawai.atasan_id.is_not(None), tree.c.depth < 50)
    )
    return select(tree.c.id)


def subordinate_ids(atasan_id: int, direct_only: bool = False) -> set[int]:
    return set(db.session.execute(subordinate_ids_query(atasan_id, direct_only)).scalars())


def has_subordinates(pegawai_id: int | None) -> bool:
    if pegawai_id is None:
        return False
    return bool(db.session.execute(select(exists().where(Pegawai.atasan_id == pegawai_id, Pegawai.aktif))).scalar())


def is_in_chain_above(actor_pegawai_id: int | None, pegawai_id: int) -> bool:
    """True when ``actor_pegawai_id`` is the atasan, or the atasan's atasan, … of ``pegawai_id``."""
    if actor_pegawai_id is None:
        return False
    return pegawai_id in subordinate_ids(actor_pegawai_id)


def can_view_pegawai(user, pegawai_id: int) -> bool:
    if is_admin(user):
        return True
    own = pegawai_id_of(user)
    if own is None:
        return False
    if own == pegawai_id or is_in_chain_above(own, pegawai_id):
        return True
    from kinerja.atasan import terlihat_lewat_penugasan

    return terlihat_lewat_penugasan(own, pegawai_id)  # a Plt/Plh, while it runs
