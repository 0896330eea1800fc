"""Who may verify whose entries (C3).

The direct atasan (``Pegawai.atasan_id``) verifies; an admin's ``DelegasiVerifikasi`` lets another
pegawai verify for a unit while it holds.  Higher atasan in the chain may *view* (detail page,
compliance, LKH) but do not verify.  Nobody verifies their own entries.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from sqlalchemy import and_, bindparam, exists, or_, select, union

from kinerja.dalam import dalam
from kinerja.extensions import db, tetap
from kinerja.models import Aktivitas, DelegasiVerifikasi, Pegawai
from kinerja.organisasi.permissions import can_view_pegawai, is_in_chain_above, pegawai_id_of, superior_ids_query
from kinerja.verifikasi import rules
from kinerja.waktu import today_local


def _today(hari_ini: date | None) -> date:
    return today_local() if hari_ini is None else hari_ini  # also a bind parameter (verifiable_clause_stmt)


def _delegasi_berlaku_where(actor_pegawai_id: int, hari_ini: date):
    return and_(
        DelegasiVerifikasi.verifikator_id == actor_pegawai_id,
        DelegasiVerifikasi.aktif.is_(True),
        DelegasiVerifikasi.tanggal_mulai <= hari_ini,
        DelegasiVerifikasi.tanggal_selesai >= hari_ini,
    )


def delegated_unit_ids_query(actor_pegawai_id: int, hari_ini: date | None = None):
    """SELECT of the unit ids the actor verifies for today through a delegation."""
    return select(DelegasiVerifikasi.unit_id).where(_delegasi_berlaku_where(actor_pegawai_id, _today(hari_ini)))


def verifiers_of_ids_query(pegawai_id: int, hari_ini: date | None = None):
    """SELECT of the ids of whoever verifies ``pegawai_id``'s entries today: the atasan and the
    delegates of the pegawai's unit (never NULL, so that NOT IN stays correct)."""
    hari_ini = _today(hari_ini)
    atasan = select(Pegawai.atasan_id.label("id")).where(Pegawai.id == pegawai_id, Pegawai.atasan_id.is_not(None))
    unit = select(Pegawai.unit_id).where(Pegawai.id == pegawai_id).scalar_subquery()
    delegasi = select(DelegasiVerifikasi.verifikator_id).where(
        DelegasiVerifikasi.unit_id == unit, DelegasiVerifikasi.aktif.is_(True),
        DelegasiVerifikasi.tanggal_mulai <= hari_ini, DelegasiVerifikasi.tanggal_selesai >= hari_ini)
    return union(atasan, delegasi)


def verifiable_pegawai_ids_query(actor_pegawai_id: int, hari_ini: date | None = None):
    """SELECT of the ids of the pegawai whose entries the actor verifies: the direct (or, while a
    Plt/Plh runs, effective) subordinates UNION those of the delegated units.  Two index lookups
    (``pegawai.atasan_id``, ``pegawai.unit_id``) instead of an ``OR`` that reads all of ``pegawai``."""
    from kinerja.atasan import ada_penugasan, bawahan_efektif_ids

    langsung = select(Pegawai.id).where(Pegawai.atasan_id == actor_pegawai_id)
    if ada_penugasan(hari_ini):  # a Plt/Plh runs: the effective subordinates (kinerja.atasan)
        langsung = select(Pegawai.id).where(Pegawai.id.in_(bawahan_efektif_ids(actor_pegawai_id, hari_ini)))
    return _langsung_dan_delegasi(actor_pegawai_id, hari_ini, langsung)


def _langsung_dan_delegasi(actor_pegawai_id, hari_ini, langsung):
    delegasi = select(Pegawai.id).where(
        Pegawai.unit_id.in_(delegated_unit_ids_query(actor_pegawai_id, hari_ini)),
        Pegawai.pimpinan.is_not(True),
        Pegawai.id.not_in(superior_ids_query(actor_pegawai_id)),
        Pegawai.id.not_in(verifiers_of_ids_query(actor_pegawai_id, hari_ini)))
    return union(langsung, delegasi)


@lru_cache(maxsize=2)
def verifiable_clause_stmt(plt: bool):
    """``verifiable_pegawai_clause`` built once per process, with bind parameters ``pid`` and ``hari``; while
    a Plt/Plh runs (``plt``) also ``ids``: the actor's effective direct subordinates (kinerja.atasan)."""
    pid = bindparam("pid")
    langsung = (select(Pegawai.id).where(dalam(Pegawai.id, "ids")) if plt
                else select(Pegawai.id).where(Pegawai.atasan_id == pid))
    return and_(Pegawai.id != pid, Pegawai.id.in_(_langsung_dan_delegasi(pid, bindparam("hari"), langsung)))


def verifiable_pegawai_clause(actor_pegawai_id: int, hari_ini: date | None = None):
    """WHERE clause on ``Pegawai``: the pegawai whose entries the actor verifies — the SQL form of
    ``rules.boleh_memverifikasi`` with ``rules.delegasi_menjangkau`` (kept in step by the tests)."""
    return and_(Pegawai.id != actor_pegawai_id,
                Pegawai.id.in_(verifiable_pegawai_ids_query(actor_pegawai_id, hari_ini)))


def lingkup_delegasi(actor_pegawai_id: int, hari_ini: date | None = None) -> rules.LingkupDelegasi:
    """The delegate's scope data for ``rules.boleh_memverifikasi`` (two queries)."""
    atasan = frozenset(db.session.execute(superior_ids_query(actor_pegawai_id)).scalars())
    verifikator = frozenset(db.session.execute(verifiers_of_ids_query(actor_pegawai_id, hari_ini)).scalars())
    return rules.LingkupDelegasi(atasan=atasan, verifikator=verifikator)


def verifiable_aktivitas_query(actor_pegawai_id: int, hari_ini: date | None = None, status: str | None = rules.DIAJUKAN):
    """The scoped query of entries the actor may verify (joined to their Pegawai)."""
    stmt = select(Aktivitas).join(Pegawai, Aktivitas.pegawai_id == Pegawai.id).where(
        verifiable_pegawai_clause(actor_pegawai_id, hari_ini))
    if status is not None:
        stmt = stmt.where(Aktivitas.status == status)
    return stmt


def active_delegations(actor_pegawai_id: int, hari_ini: date | None = None) -> list[rules.Delegasi]:
    rows = db.session.execute(
        select(DelegasiVerifikasi.unit_id, DelegasiVerifikasi.verifikator_id, DelegasiVerifikasi.tanggal_mulai,
               DelegasiVerifikasi.tanggal_selesai, DelegasiVerifikasi.aktif)
        .where(_delegasi_berlaku_where(actor_pegawai_id, _today(hari_ini)))
    ).all()
    return [rules.Delegasi(*row) for row in rows]


def can_verify(actor_pegawai_id: int | None, aktivitas: Aktivitas, hari_ini: date | None = None) -> bool:
    """May ``actor_pegawai_id`` approve or return ``aktivitas`` (whatever its status)?"""
    if actor_pegawai_id is None:
        return False
    pegawai = aktivitas.pegawai
    hari_ini = _today(hari_ini)
    from kinerja.atasan import atasan_efektif_id

    atasan_id = atasan_efektif_id(pegawai, hari_ini)  # on record, or a Plt/Plh while it runs
    if atasan_id == actor_pegawai_id and pegawai.id != actor_pegawai_id:
        return True  # the common case needs no query
    delegasi = active_delegations(actor_pegawai_id, hari_ini)
    if not delegasi:
        return False
    return rules.boleh_memverifikasi(actor_pegawai_id, pegawai.id, atasan_id, pegawai.unit_id, delegasi, hari_ini,
                                     kepala_unit=bool(pegawai.pimpinan),
                                     lingkup=lingkup_delegasi(actor_pegawai_id, hari_ini))


def is_verifikator(pegawai_id: int | None, hari_ini: date | None = None) -> bool:
    """Has active subordinates, or a delegation that holds today (one query)."""
    if pegawai_id is None:
        return False
    bawahan = exists().where(Pegawai.atasan_id == pegawai_id, Pegawai.aktif.is_(True))
    delegasi = exists().where(_delegasi_berlaku_where(pegawai_id, _today(hari_ini)))
    if bool(db.session.execute(select(or_(bawahan, delegasi))).scalar()):
        return True
    from kinerja.atasan import bertindak_atas_ids

    return bool(bertindak_atas_ids(pegawai_id, hari_ini))  # a Plt/Plh


def fakta_mungkin_verifikator(pegawai_id_kolom):
    """For the account query (kinerja.kait.add_fakta_akun): false only when the pegawai surely verifies
    nobody today — no active subordinate, and no delegation and no Plt/Plh within a day of today (UTC;
    the window covers every time zone of the instansi).  True means "ask ``is_verifikator``"."""
    from datetime import UTC, datetime, timedelta

    from kinerja.models import PenugasanPlt

    hari = datetime.now(UTC).date()  # the account query is built anew each UTC day (web._akun_stmt)
    awal, akhir = tetap(hari - timedelta(days=1)), tetap(hari + timedelta(days=1))
    return or_(
        exists().where(Pegawai.atasan_id == pegawai_id_kolom, Pegawai.aktif.is_(True)),
        exists().where(DelegasiVerifikasi.verifikator_id == pegawai_id_kolom, DelegasiVerifikasi.aktif.is_(True),
                       DelegasiVerifikasi.tanggal_mulai <= akhir, DelegasiVerifikasi.tanggal_selesai >= awal),
        exists().where(PenugasanPlt.pejabat_id == pegawai_id_kolom, PenugasanPlt.tanggal_mulai <= akhir,
                       PenugasanPlt.tanggal_selesai >= awal),
    ).label("mungkin_verifikator")


def ingat_verifikator(pegawai_id: int) -> None:
    """Record for this request that ``pegawai_id`` verifies someone (found by a query that knows)."""
    from flask import g, has_request_context

    if has_request_context():
        g.setdefault("_verifikator", {})[pegawai_id] = True


def user_is_verifikator(user) -> bool:
    """Navigation predicate, cached per request."""
    from kinerja.konteks import ada_permintaan, glob

    pid = pegawai_id_of(user)
    if pid is None:
        return False
    if ada_permintaan():
        from kinerja.percache import known

        cache = vars(glob()).setdefault("_verifikator", {})
        if pid not in cache:
            mungkin = known(f"mungkin_verifikator:{pid}")  # from the account query
            from kinerja.atasan import punya_bawahan_tercatat

            cache[pid] = (mungkin is None or bool(mungkin)) and (
                bool(known(f"bawahan_aktif:{pid}")) or bool(punya_bawahan_tercatat(pid)) or is_verifikator(pid))
        return cache[pid]
    return is_verifikator(pid)


def can_view_aktivitas(user, aktivitas: Aktivitas) -> bool:
    """The pegawai, their atasan chain, a delegate who verifies them, and admin."""
    return can_view_pegawai(user, aktivitas.pegawai_id) or can_verify(pegawai_id_of(user), aktivitas)


def can_comment(user, aktivitas: Aktivitas) -> bool:
    """Umpan balik is written by people with a pegawai record: the pegawai, the chain, a delegate."""
    pid = pegawai_id_of(user)
    if pid is None:
        return False
    return pid == aktivitas.pegawai_id or is_in_chain_above(pid, aktivitas.pegawai_id) or can_verify(pid, aktivitas)
