"""The atasan's view of an SKP year: subordinates' SKPs by status and the matriks peran hasil."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import Integer, and_, bindparam, func, literal, null, select
from sqlalchemy.orm import joinedload, selectinload

from kinerja.errors import PermissionDenied
from kinerja.extensions import baris, db
from kinerja.models import Pegawai, Rhk, Skp
from kinerja.organisasi.permissions import effective_direct_ids, effective_subordinate_ids_query
from kinerja.skp import rules
from kinerja.skp.permissions import (
    approvable_ids_select,
    approvable_pegawai_ids_query,
    can_use_tim,
    lingkup_persetujuan,
)
from kinerja.skp.rules import DIAJUKAN, DISETUJUI, DITOLAK, DRAFT

STATUS_BELUM_DIBUAT = "Belum Dibuat"
URUTAN_STATUS_TIM = (DIAJUKAN, DITOLAK, DRAFT, STATUS_BELUM_DIBUAT, DISETUJUI)


def _own(actor) -> int | None:
    return getattr(actor, "pegawai_id", None)


@dataclass
class BarisTim:
    pegawai: Pegawai
    skp: Skp | None
    langsung: bool

    @property
    def status(self) -> str:
        return self.skp.status if self.skp else STATUS_BELUM_DIBUAT


@dataclass
class HalamanTim:
    tahun: int
    semua: bool
    status: str | None
    baris: list[BarisTim]
    jumlah_status: list[tuple[str, int]]
    skp_saya: Skp | None
    kolom: list[Pegawai] = field(default_factory=list)
    matriks: list = field(default_factory=list)
    adalah_admin: bool = False


def halaman_tim(actor, tahun: int, semua: bool = False, status: str | None = None) -> HalamanTim:
    own = _own(actor)
    if not can_use_tim(actor):
        raise PermissionDenied()
    langsung_ids = None
    if own is not None:  # the effective subordinates: a Plt/Plh's while it runs (kinerja.atasan)
        ids = effective_subordinate_ids_query(own, direct_only=not semua)
        langsung_ids = effective_direct_ids(own)
    elif semua:
        ids = select(Pegawai.id)
    else:  # admin: the top of the tree, whose SKP the admin approves
        ids = select(Pegawai.id).where(Pegawai.atasan_id.is_(None))
    pegawai = list(db.session.execute(
        select(Pegawai).where(Pegawai.id.in_(ids), Pegawai.aktif.is_(True))
        .options(joinedload(Pegawai.jabatan), joinedload(Pegawai.unit)).order_by(Pegawai.nama)
    ).unique().scalars())
    skp_by_pegawai = {s.pegawai_id: s for s in db.session.execute(
        select(Skp).where(Skp.tahun == tahun, Skp.pegawai_id.in_(ids))
        .order_by(Skp.tanggal_mulai)).scalars()}  # after a mutasi: the newest SKP of the year
    def langsung(p: Pegawai) -> bool:
        return own is None or (p.atasan_id == own if langsung_ids is None else p.id in langsung_ids)

    baris = [BarisTim(p, skp_by_pegawai.get(p.id), langsung(p)) for p in pegawai]
    jumlah = {s: 0 for s in URUTAN_STATUS_TIM}
    for b in baris:
        jumlah[b.status] = jumlah.get(b.status, 0) + 1
    if status in URUTAN_STATUS_TIM:
        baris = [b for b in baris if b.status == status]
    baris.sort(key=lambda b: (URUTAN_STATUS_TIM.index(b.status), b.pegawai.nama))
    halaman = HalamanTim(tahun=tahun, semua=semua, status=status if status in URUTAN_STATUS_TIM else None,
                         baris=baris, jumlah_status=list(jumlah.items()), skp_saya=None, adalah_admin=own is None)
    if own is not None:
        if langsung_ids is None:
            kolom = [p for p in pegawai if p.atasan_id == own] if semua else pegawai
        else:  # the matriks follows the RHK links: those on record below him, whoever acts for whom today
            kolom = list(db.session.execute(
                select(Pegawai).where(Pegawai.atasan_id == own, Pegawai.id != own, Pegawai.aktif.is_(True))
                .order_by(Pegawai.nama)).scalars())
        _isi_matriks(halaman, own, tahun, kolom)
    return halaman


def _isi_matriks(halaman: HalamanTim, own: int, tahun: int, langsung: list[Pegawai]) -> None:
    halaman.skp_saya = db.session.execute(
        select(Skp).where(Skp.pegawai_id == own, Skp.tahun == tahun)
        .options(selectinload(Skp.rhk)).order_by(Skp.tanggal_mulai.desc()).limit(1)).scalar_one_or_none()
    if halaman.skp_saya is None:
        return
    rhk_saya = rules.urutkan_rhk(list(halaman.skp_saya.rhk))
    halaman.kolom = langsung
    rows = db.session.execute(
        select(Skp.pegawai_id, Rhk).join(Skp, Rhk.skp_id == Skp.id)
        .where(Skp.tahun == tahun, Rhk.rhk_atasan_id.in_([r.id for r in rhk_saya]),
               Skp.pegawai_id.in_([p.id for p in langsung]))
        .order_by(Rhk.urutan, Rhk.id)
    ).all() if rhk_saya and langsung else []
    halaman.matriks = rules.matriks_peran_hasil(rhk_saya, [p.id for p in langsung],
                                                [(pid, r.rhk_atasan_id, r) for pid, r in rows])


@dataclass(frozen=True)
class SkpRingkas:
    id: int
    status: str
    dalam_revisi: bool


@dataclass(frozen=True)
class RingkasanBeranda:
    skp: SkpRingkas | None  # the actor's SKP of the year (the newest after a mutasi)
    menunggu: int  # SKPs waiting for the actor's approval
    tahun_menunggu: int | None  # the latest year in which one waits


def ringkasan_beranda(actor, tahun: int) -> RingkasanBeranda:
    """My SKP of ``tahun`` and what waits for my approval, in one statement built once per process."""
    from kinerja.atasan import bawahan_efektif_ids

    own = actor.pegawai_id
    lingkup = lingkup_persetujuan(actor)
    params = {"own": own, "tahun": tahun}
    if lingkup == "plt":
        params["ids"] = sorted(bawahan_efektif_ids(own))
    row = baris(_ringkasan_stmt(lingkup, own is not None), params).one()
    skp = SkpRingkas(row.id, row.status, bool(row.dalam_revisi)) if row.id is not None else None
    return RingkasanBeranda(skp, row.menunggu or 0, row.tahun_menunggu)


@lru_cache(maxsize=8)
def _ringkasan_stmt(lingkup: str | None, punya_pegawai: bool):
    own = bindparam("own")
    if lingkup is None:
        menunggu, tahun = literal(0), literal(None, Integer)
    else:
        ids = approvable_ids_select(lingkup, own=own, ids=bindparam("ids", expanding=True))
        diajukan = (Skp.pegawai_id.in_(ids), Skp.status == DIAJUKAN)
        menunggu = select(func.count(Skp.id)).where(*diajukan).scalar_subquery()
        tahun = select(func.max(Skp.tahun)).where(*diajukan).scalar_subquery()
    hitung = (menunggu.label("menunggu"), tahun.label("tahun_menunggu"))
    if not punya_pegawai:  # the admin
        return select(*hitung, null().label("id"), null().label("status"), null().label("dalam_revisi"))
    satu = select(literal(1).label("satu")).subquery()
    return (select(*hitung, Skp.id, Skp.status, Skp.dalam_revisi).select_from(satu)
            .outerjoin(Skp, and_(Skp.pegawai_id == own, Skp.tahun == bindparam("tahun")))
            .order_by(Skp.tanggal_mulai.desc()).limit(1))


def menunggu_persetujuan(actor) -> int:
    """How many SKPs wait for ``actor``'s approval."""
    ids = approvable_pegawai_ids_query(actor)
    if ids is None:
        return 0
    return db.session.execute(select(func.count(Skp.id)).where(Skp.pegawai_id.in_(ids), Skp.status == DIAJUKAN)).scalar_one()
