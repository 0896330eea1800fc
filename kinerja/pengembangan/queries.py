"""Read side of pengembangan: JP per year (also for the dasbor), the lists, the previous plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from kinerja.extensions import db
from kinerja.models import Evaluasi, KegiatanPengembangan, Pegawai, Periode, RencanaPengembangan, TindakLanjutEvaluasi
from kinerja.organisasi.permissions import pegawai_id_of
from kinerja.pengembangan import rules


def _tahun(stmt, tahun: int):
    return stmt.where(KegiatanPengembangan.tanggal_selesai >= date(tahun, 1, 1),
                      KegiatanPengembangan.tanggal_selesai <= date(tahun, 12, 31))


def jp_per_pegawai(tahun: int, pegawai_ids=None) -> dict[int, int]:
    """pegawai id → confirmed JP finished in ``tahun`` (for the dasbor; one query)."""
    stmt = _tahun(select(KegiatanPengembangan.pegawai_id, func.sum(KegiatanPengembangan.jp))
                  .where(KegiatanPengembangan.status == rules.SELESAI), tahun)
    if pegawai_ids is not None:
        stmt = stmt.where(KegiatanPengembangan.pegawai_id.in_(pegawai_ids))
    return {pid: int(total or 0) for pid, total in db.session.execute(stmt.group_by(KegiatanPengembangan.pegawai_id))}


def capaian_jp(pegawai_id: int, tahun: int) -> rules.CapaianJp:
    return rules.capaian_jp(jp_per_pegawai(tahun, [pegawai_id]).get(pegawai_id, 0))


def kegiatan_pegawai(pegawai_id: int) -> list[KegiatanPengembangan]:
    return list(db.session.execute(
        select(KegiatanPengembangan).where(KegiatanPengembangan.pegawai_id == pegawai_id)
        .options(joinedload(KegiatanPengembangan.rencana).joinedload(RencanaPengembangan.evaluasi)
                 .joinedload(Evaluasi.periode))
        .order_by(KegiatanPengembangan.target_tanggal.desc(), KegiatanPengembangan.id.desc()).limit(100)
    ).unique().scalars())


def menunggu_konfirmasi(actor) -> list[KegiatanPengembangan]:
    """Items of the actor's staff waiting for the actor's confirmation (one query)."""
    own = pegawai_id_of(actor)
    if own is None:
        return []
    from kinerja.atasan import ada_penugasan, bawahan_efektif_ids, dialihkan_ids

    milik = (Pegawai.atasan_id == own) | (RencanaPengembangan.penilai_id == own)
    if ada_penugasan():  # a Plt/Plh runs: the effective atasan confirms (pengembangan.permissions.can_confirm)
        milik = (Pegawai.id.in_(bawahan_efektif_ids(own))
                 | ((RencanaPengembangan.penilai_id == own) & Pegawai.id.not_in(dialihkan_ids(own))))
    return list(db.session.execute(
        select(KegiatanPengembangan).join(Pegawai, Pegawai.id == KegiatanPengembangan.pegawai_id)
        .join(RencanaPengembangan, RencanaPengembangan.id == KegiatanPengembangan.rencana_id)
        .where(KegiatanPengembangan.status == rules.MENUNGGU, milik)
        .options(joinedload(KegiatanPengembangan.rencana).joinedload(RencanaPengembangan.pegawai))
        .order_by(KegiatanPengembangan.tanggal_selesai).limit(50)
    ).unique().scalars())


def evaluasi_siap(actor) -> list[Evaluasi]:
    """Signed evaluations where the actor is the penilai or the pegawai (the plans to make or follow)."""
    own = pegawai_id_of(actor)
    if own is None:
        return []
    return list(db.session.execute(
        select(Evaluasi).where(Evaluasi.ttd_penilai_at.is_not(None),
                               (Evaluasi.pegawai_id == own) | (Evaluasi.penilai_id == own))
        .options(joinedload(Evaluasi.pegawai), joinedload(Evaluasi.periode))
        .order_by(Evaluasi.ttd_penilai_at.desc()).limit(50)
    ).unique().scalars())


def rencana_ids(evaluasi_ids) -> dict[int, RencanaPengembangan]:
    if not evaluasi_ids:
        return {}
    return {r.evaluasi_id: r for r in db.session.execute(
        select(RencanaPengembangan).where(RencanaPengembangan.evaluasi_id.in_(evaluasi_ids))
        .options(selectinload(RencanaPengembangan.kegiatan))).scalars()}


def tindak_lanjut(evaluasi_id: int) -> list[TindakLanjutEvaluasi]:
    return list(db.session.execute(select(TindakLanjutEvaluasi).where(TindakLanjutEvaluasi.evaluasi_id == evaluasi_id)
                                   .order_by(TindakLanjutEvaluasi.tanggal, TindakLanjutEvaluasi.id)).scalars())


@dataclass
class RencanaSebelumnya:
    periode: str
    evaluasi_id: int
    kegiatan: list[KegiatanPengembangan]
    jp_rencana: int
    jp_tercapai: int


def rencana_sebelumnya(ev: Evaluasi) -> RencanaSebelumnya | None:
    """The plan agreed after the pegawai's previous evaluation: what was planned and what was achieved."""
    row = db.session.execute(
        select(RencanaPengembangan, Periode.nama, Periode.tanggal_mulai)
        .join(Evaluasi, Evaluasi.id == RencanaPengembangan.evaluasi_id)
        .join(Periode, Periode.id == Evaluasi.periode_id)
        .where(RencanaPengembangan.pegawai_id == ev.pegawai_id, Evaluasi.id != ev.id,
               Periode.tanggal_selesai < ev.periode.tanggal_selesai)
        .options(selectinload(RencanaPengembangan.kegiatan))
        .order_by(Periode.tanggal_selesai.desc()).limit(1)
    ).first()
    if row is None:
        return None
    rencana, nama, mulai = row
    return RencanaSebelumnya(
        f"{nama} {mulai.year}", rencana.evaluasi_id, list(rencana.kegiatan),
        sum(k.jp for k in rencana.kegiatan), sum(k.jp for k in rencana.kegiatan if k.status == rules.SELESAI))
