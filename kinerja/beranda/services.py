"""What the home page shows, per role.  Features add their own panels with ``kait.add_panel``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload

from kinerja import kait
from kinerja.extensions import baris, db
from kinerja.models import Akun, Pegawai, UnitKerja
from kinerja.sekaligus import Bacaan, baca_sekaligus


@dataclass
class Panel:
    """A home-page panel contributed by a feature: a template and its context."""

    template: str
    context: dict


# Feature packages append callables (actor) -> Panel | None.


@dataclass(frozen=True, slots=True)
class Bawahan:
    """A direct subordinate as the Beranda shows it (and the verifikasi panel reads it)."""

    id: int
    nama: str
    nip: str
    nama_jabatan: str
    hari_kerja_per_minggu: int  # of the unit (5 without one)


def direct_subordinates(pegawai_id: int) -> list[Bawahan]:
    from kinerja import kait
    from kinerja.atasan import (
        ada_penugasan,
        bawahan_efektif_ids,
        bertindak_sebagai,
        ingat_bawahan,
        kondisi_bawahan,
        punya_bawahan_tercatat,
    )
    from kinerja.percache import known, remember
    from kinerja.waktu import today_local

    hari_ini = today_local()
    fakta = tuple(kait.fakta_bawahan())  # the features' facts about each subordinate (kinerja.kait.add_fakta_bawahan)
    if ada_penugasan() and punya_bawahan_tercatat(pegawai_id) is False and not bertindak_sebagai(pegawai_id):
        result = []  # a Plt/Plh elsewhere: nobody below him on record, and he acts for nobody
    elif ada_penugasan():  # no query when no Plt/Plh runs near today (the account query's fact)
        # Those on record (active or not) and those he may act for: kinerja.atasan picks the effective ones.
        result = db.session.execute(_bawahan_select(fakta, hari_ini, kondisi_bawahan(pegawai_id)),
                                    {"hari_ini": hari_ini}).all()
        ingat_bawahan(pegawai_id, [row[0] for row in result])
        efektif = bawahan_efektif_ids(pegawai_id)
        result = [(Bawahan(p.id, p.nama, p.nip, p.nama_jabatan, p.unit.hari_kerja_per_minggu if p.unit else 5), *rest)
                  for p, *rest in result if p.id in efektif and p.aktif]
    elif known(f"mungkin_verifikator:{pegawai_id}", True) in (False, 0):
        result = []  # the account query found no active subordinate (kinerja.verifikasi's fact)
    else:
        result = [(Bawahan(*row[:5]), *row[5:]) for row in baris(_bawahan_baris_stmt(fakta, hari_ini),
                                                                 {"pegawai_id": pegawai_id, "hari_ini": hari_ini})]
    rows = [row[0] for row in result]
    # The panels after this one ask again: "active subordinates?" (verifikasi, dialog) and "who has not
    # logged today?" (verifikasi): answered from this one query, as are the registered facts.
    remember(f"bawahan_aktif:{pegawai_id}", rows)
    remember(f"bawahan_mengisi:{pegawai_id}:{hari_ini}", {row[0].id for row in result if row[1]})
    for i, (key, _) in enumerate(fakta, start=2):
        remember(f"{key}:{pegawai_id}:{hari_ini}", {row[0].id: row[i] for row in result})
    return rows


def _mengisi():
    from sqlalchemy import exists

    from kinerja.models import Aktivitas

    return exists().where(Aktivitas.pegawai_id == Pegawai.id, Aktivitas.tanggal == bindparam("hari_ini"))


@lru_cache(maxsize=4)
def _bawahan_baris_stmt(fakta: tuple, hari_ini):
    """The active direct subordinates on record as plain rows (``Bawahan``'s fields), "logged today?" and the
    features' facts; built once per process and day: parameters pegawai_id and hari_ini."""
    from kinerja.models import Jabatan

    return (select(Pegawai.id, Pegawai.nama, Pegawai.nip, func.coalesce(Jabatan.nama, ""),
                   func.coalesce(UnitKerja.hari_kerja_per_minggu, 5), _mengisi(),
                   *(build(Pegawai, hari_ini) for _, build in fakta))
            .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id).outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_id)
            .where(Pegawai.atasan_id == bindparam("pegawai_id"), Pegawai.aktif.is_(True)).order_by(Pegawai.nama))


def _bawahan_select(fakta: tuple, hari_ini, kondisi):
    """While a Plt/Plh runs: the pegawai (ORM objects, for kinerja.atasan) under ``kondisi``, with the same facts."""
    return (select(Pegawai, _mengisi(), *(build(Pegawai, hari_ini) for _, build in fakta))
            .where(kondisi).options(joinedload(Pegawai.jabatan), joinedload(Pegawai.unit)).order_by(Pegawai.nama))


def load_profile(pegawai_id: int) -> Pegawai:
    from sqlalchemy import inspect
    from sqlalchemy.orm.util import identity_key

    loaded = db.session.identity_map.get(identity_key(Pegawai, pegawai_id))  # the user loader's join
    if loaded is not None and not inspect(loaded).expired and not {"jabatan", "unit", "atasan"} & inspect(loaded).unloaded:
        return loaded
    return db.session.execute(
        select(Pegawai).where(Pegawai.id == pegawai_id)
        .options(joinedload(Pegawai.jabatan), joinedload(Pegawai.unit), joinedload(Pegawai.atasan))
    ).scalar_one()


class TanpaAtasan(NamedTuple):
    id: int
    nama: str
    nip: str


class UnitTanpaPimpinan(NamedTuple):
    id: int
    nama: str


@dataclass
class AdminSummary:
    pegawai_aktif: int
    unit_kerja: int
    tanpa_unit: int
    tanpa_jabatan: int
    tanpa_akun: int
    tanpa_atasan: list[TanpaAtasan]  # active, no atasan, not the head of a root unit
    unit_tanpa_pimpinan: list[UnitTanpaPimpinan]


BATAS_MASALAH = 20  # names listed per kind of data problem


def admin_summary() -> AdminSummary:
    """Counts and data problems for the admin's home page, in one statement (kinerja.sekaligus)."""
    jumlah, tanpa_atasan, unit = _admin_summary_stmts()
    (counts,), pegawai, units = baca_sekaligus(
        Bacaan(jumlah), Bacaan(tanpa_atasan, olah=lambda rows: [TanpaAtasan(*r) for r in rows]),
        Bacaan(unit, olah=lambda rows: [UnitTanpaPimpinan(*r) for r in rows]))
    return AdminSummary(*counts, tanpa_atasan=pegawai, unit_tanpa_pimpinan=units)


@lru_cache(maxsize=1)
def _admin_summary_stmts():
    """``admin_summary``'s reads, built once per process: the counts (in AdminSummary's order), the first
    20 active pegawai without an atasan and the first 20 active units without an active head, by name."""
    aktif = Pegawai.aktif.is_(True)

    def hitung(*where):
        return select(func.count(Pegawai.id)).where(aktif, *where).scalar_subquery()

    punya_akun = select(Akun.id).where(Akun.pegawai_id == Pegawai.id).exists()
    counts = select(
        hitung().label("pegawai_aktif"),
        select(func.count(UnitKerja.id)).where(UnitKerja.aktif.is_(True)).scalar_subquery().label("unit_kerja"),
        hitung(Pegawai.unit_id.is_(None)).label("tanpa_unit"),
        hitung(Pegawai.jabatan_id.is_(None)).label("tanpa_jabatan"),
        hitung(~punya_akun).label("tanpa_akun"),
    )
    # The top of the tree (the head of a root unit) legitimately has no atasan: left out before the LIMIT.
    puncak = Pegawai.pimpinan.is_(True) & Pegawai.unit_id.is_not(None) & UnitKerja.induk_id.is_(None)
    tanpa_atasan = (select(Pegawai.id, Pegawai.nama, Pegawai.nip)
                    .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_id)
                    .where(aktif, Pegawai.atasan_id.is_(None), ~puncak)
                    .order_by(Pegawai.nama, Pegawai.id).limit(BATAS_MASALAH))
    has_head = select(Pegawai.unit_id).where(Pegawai.pimpinan.is_(True), aktif).where(Pegawai.unit_id.is_not(None))
    units_without_head = (select(UnitKerja.id, UnitKerja.nama)
                          .where(UnitKerja.aktif.is_(True), UnitKerja.id.not_in(has_head))
                          .order_by(UnitKerja.nama, UnitKerja.id).limit(BATAS_MASALAH))
    return counts, tanpa_atasan, units_without_head


def panels_for(actor: Akun, pinned: bool = False) -> list[Panel]:
    result = []
    for build in kait.panels(pinned):
        panel = build(actor)
        if panel is not None:
            result.append(panel)
    return result
