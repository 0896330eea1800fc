"""Reading dialog kinerja: the leader's month, the pegawai's meetings, the unit head's overview, the beranda.

Every list loads what it shows in a fixed number of queries (no N+1; pinned by tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from sqlalchemy import and_, bindparam, case, exists, func, literal, or_, select
from sqlalchemy.orm import aliased, selectinload

from kinerja.dialog import rules
from kinerja.dialog.permissions import can_see_rekap, sees_every_dialog
from kinerja.dialog.services import day_range_utc, zona_instansi
from kinerja.errors import PermissionDenied
from kinerja.extensions import baris, db
from kinerja.models import Dialog, Pegawai, PesertaDialog, TindakLanjut
from kinerja.organisasi.permissions import effective_direct_ids, effective_subordinate_ids_query, pegawai_id_of
from kinerja.waktu import today_local, utcnow

PER_PAGE = 20
MAKS_NAMA = 3


def _open_counts(dialog_ids, today: date) -> dict[int, tuple[int, int]]:
    """dialog id → (open follow-ups, of which overdue) in one query."""
    if not dialog_ids:
        return {}
    terbuka = TindakLanjut.status != "Selesai"
    rows = db.session.execute(
        select(TindakLanjut.dialog_id,
               func.count(TindakLanjut.id).filter(terbuka),
               func.count(TindakLanjut.id).filter(terbuka & (TindakLanjut.batas_waktu < today)))
        .where(TindakLanjut.dialog_id.in_(list(dialog_ids)))
        .group_by(TindakLanjut.dialog_id)
    ).all()
    return {dialog_id: (int(open_ or 0), int(late or 0)) for dialog_id, open_, late in rows}


def _nama_peserta(dialog: Dialog) -> str:
    names = sorted(p.pegawai.nama for p in dialog.peserta)
    label = ", ".join(names[:MAKS_NAMA])
    return f"{label} dan {len(names) - MAKS_NAMA} lainnya" if len(names) > MAKS_NAMA else label


@dataclass(frozen=True)
class BarisDialog:
    dialog: Dialog
    peserta: str
    jumlah_peserta: int
    tindak_lanjut_terbuka: int
    tindak_lanjut_terlambat: int


def _rows(dialogs: list[Dialog], zona: str) -> list[BarisDialog]:
    counts = _open_counts([d.id for d in dialogs], today_local(zona))
    return [BarisDialog(d, _nama_peserta(d), len(d.peserta), *counts.get(d.id, (0, 0))) for d in dialogs]


_LIST_OPTIONS = (selectinload(Dialog.peserta).selectinload(PesertaDialog.pegawai),)


# ------------------------------------------------------------------ the leader, by month

@dataclass(frozen=True)
class DaftarBulan:
    bulan: rules.Bulan
    sebelumnya: rules.Bulan
    berikutnya: rules.Bulan
    baris: list[BarisDialog]

    @property
    def tindak_lanjut_terbuka(self) -> int:
        return sum(b.tindak_lanjut_terbuka for b in self.baris)


def list_dipimpin(actor, bulan: rules.Bulan, zona: str | None = None) -> DaftarBulan:
    own = pegawai_id_of(actor)
    zona = zona or zona_instansi()
    dialogs: list[Dialog] = []
    if own is not None:
        mulai, selesai = day_range_utc(bulan.mulai, bulan.selesai, zona)
        dialogs = list(db.session.execute(
            select(Dialog).where(Dialog.pimpinan_id == own, Dialog.waktu_mulai >= mulai, Dialog.waktu_mulai < selesai)
            .options(*_LIST_OPTIONS).order_by(Dialog.waktu_mulai, Dialog.id)
        ).scalars())
    return DaftarBulan(bulan, bulan.geser(-1), bulan.geser(1), _rows(dialogs, zona))


def list_diikuti(actor, page: int, zona: str | None = None):
    """The meetings the actor took part in, newest first, paginated; items are BarisDialog."""
    own = pegawai_id_of(actor)
    stmt = (
        select(Dialog)
        .where(exists().where(PesertaDialog.dialog_id == Dialog.id, PesertaDialog.pegawai_id == (own or 0)))
        .options(*_LIST_OPTIONS, selectinload(Dialog.pimpinan))
        .order_by(Dialog.waktu_mulai.desc(), Dialog.id.desc())
    )
    pagination = db.paginate(stmt, page=page, per_page=PER_PAGE, error_out=False)
    pagination.items = _rows(list(pagination.items), zona or zona_instansi())
    return pagination


def pernah_memimpin(actor) -> bool:
    own = pegawai_id_of(actor)
    return own is not None and bool(db.session.execute(select(exists().where(Dialog.pimpinan_id == own))).scalar())


# ------------------------------------------------------------------ the unit head's overview

@dataclass(frozen=True)
class BarisRekap:
    pimpinan: Pegawai
    bawahan_langsung: int
    terlaksana: int
    terjadwal: int
    rata_rata: str
    terakhir: datetime | None
    tindak_lanjut_terbuka: int
    tindak_lanjut_terlambat: int


@dataclass(frozen=True)
class Rekap:
    mulai: date
    selesai: date
    baris: list[BarisRekap]  # the page's leaders
    halaman: object = None  # the Pagination of the leaders (25 a page: 1,231 in the 10,000-pegawai kabupaten, #17)


def rekap_pimpinan(actor, today: date | None = None, zona: str | None = None, page: int = 1,
                   per_page: int = 25) -> Rekap:
    """How often each leader in the actor's part of the tree (the actor included) met their staff: one page
    of leaders by name, the figures read for that page only."""
    if not can_see_rekap(actor):
        raise PermissionDenied("Rekap dialog hanya untuk pimpinan unit.")
    zone = zona or zona_instansi()
    today = today or today_local(zone)
    mulai, selesai = rules.rentang_rekap(today)
    awal, akhir = day_range_utc(mulai, selesai, zone)
    staf = aliased(Pegawai)
    memimpin = exists().where(staf.atasan_id == Pegawai.id, staf.aktif.is_(True))
    stmt = select(Pegawai).where(Pegawai.aktif.is_(True), memimpin)
    own, langsung = None, None
    if not sees_every_dialog(actor):  # the actor's tree; while a Plt/Plh runs, the one he acts for
        own = pegawai_id_of(actor)
        langsung = effective_direct_ids(own)
        sendiri = Pegawai.id == own if langsung else and_(Pegawai.id == own, memimpin)
        stmt = select(Pegawai).where(Pegawai.aktif.is_(True), or_(
            sendiri, and_(memimpin, Pegawai.id.in_(effective_subordinate_ids_query(own)))))
    halaman = db.paginate(stmt.options(selectinload(Pegawai.jabatan)).order_by(Pegawai.nama, Pegawai.id),
                          page=page, per_page=per_page, error_out=False)
    leaders = list(halaman.items)
    ids = [p.id for p in leaders] or [0]
    jumlah_bawahan = dict(db.session.execute(
        select(Pegawai.atasan_id, func.count(Pegawai.id)).where(Pegawai.aktif.is_(True), Pegawai.atasan_id.in_(ids))
        .group_by(Pegawai.atasan_id)
    ).all())
    if langsung is not None:  # the actor's own direct subordinates are the effective ones
        jumlah_bawahan[own] = db.session.execute(
            select(func.count(Pegawai.id)).where(Pegawai.aktif.is_(True), Pegawai.id.in_(langsung))).scalar()
    ditutup = Dialog.status == "Ditutup"
    stats = {row[0]: row[1:] for row in db.session.execute(
        select(Dialog.pimpinan_id,
               func.count(Dialog.id).filter(ditutup),
               func.count(Dialog.id).filter(~ditutup),
               func.max(Dialog.waktu_mulai).filter(ditutup))
        .where(Dialog.pimpinan_id.in_(ids), Dialog.waktu_mulai >= awal, Dialog.waktu_mulai < akhir)
        .group_by(Dialog.pimpinan_id)
    ).all()}
    terbuka = TindakLanjut.status != "Selesai"
    followups = {row[0]: row[1:] for row in db.session.execute(
        select(Dialog.pimpinan_id, func.count(TindakLanjut.id),
               func.count(TindakLanjut.id).filter(TindakLanjut.batas_waktu < today))
        .join(Dialog, Dialog.id == TindakLanjut.dialog_id)
        .where(Dialog.pimpinan_id.in_(ids), terbuka)
        .group_by(Dialog.pimpinan_id)
    ).all()}
    baris = []
    for p in leaders:
        held, planned, last = stats.get(p.id, (0, 0, None))
        open_, late = followups.get(p.id, (0, 0))
        baris.append(BarisRekap(p, jumlah_bawahan.get(p.id, 0), int(held or 0), int(planned or 0),
                                rules.rata_rata_per_bulan(int(held or 0)), last, int(open_ or 0), int(late or 0)))
    return Rekap(mulai, selesai, baris, halaman)


# ------------------------------------------------------------------ beranda

@dataclass(frozen=True)
class ItemTindakLanjut:
    item: object  # a row: id, status, dialog_id, uraian, batas_waktu, penanggung_jawab_nama, dialog_judul
    terlambat: bool
    keterangan: str
    milik_saya: bool


@dataclass(frozen=True)
class RingkasanBeranda:
    jadwal: list  # rows: id, judul, waktu_mulai, jenis, pimpinan_id, pimpinan_nama
    tindak_lanjut: list[ItemTindakLanjut]
    belum_ditutup: int
    boleh_memimpin: bool


@lru_cache(maxsize=4)
def _ringkasan_beranda_stmts(limit: int):
    """``ringkasan_beranda``'s two statements, built once per process (building them costs more than running
    them): parameters own, now, awal_hari (the meetings) and own, today (the follow-ups)."""
    own = bindparam("own")
    ikut = exists().where(PesertaDialog.dialog_id == Dialog.id, PesertaDialog.pegawai_id == own)
    belum_sq = (select(func.count(Dialog.id)).where(Dialog.pimpinan_id == own, Dialog.status == "Terjadwal",
                                                    Dialog.waktu_mulai < bindparam("now")).scalar_subquery())
    bawahan_sq = exists().where(Pegawai.atasan_id == own, Pegawai.aktif.is_(True))
    # One query for the next meetings and the two figures: a one-row base outer-joined to the meetings,
    # so the figures come back even when there is no meeting.
    satu = select(literal(1).label("satu")).subquery()
    pimpinan = aliased(Pegawai)  # plain rows: what the panel shows of a meeting
    dipimpin = aliased(Dialog)  # "any open follow-up?": the second statement runs only then
    ada_tindak = exists().where(TindakLanjut.status != "Selesai", TindakLanjut.dialog_id == dipimpin.id,
                                or_(TindakLanjut.penanggung_jawab_id == own, dipimpin.pimpinan_id == own))
    jadwal = (select(belum_sq, bawahan_sq, Dialog.id, Dialog.judul, Dialog.waktu_mulai, Dialog.jenis, Dialog.pimpinan_id,
                     pimpinan.nama.label("pimpinan_nama"), ada_tindak.label("ada_tindak")).select_from(satu)
              .outerjoin(Dialog, and_(Dialog.status == "Terjadwal", Dialog.waktu_mulai >= bindparam("awal_hari"),
                                      or_(Dialog.pimpinan_id == own, ikut)))
              .outerjoin(pimpinan, pimpinan.id == Dialog.pimpinan_id)
              .order_by(Dialog.waktu_mulai, Dialog.id).limit(limit))
    terlambat_dulu = case((TindakLanjut.batas_waktu < bindparam("today"), 0), else_=1)
    pj = aliased(Pegawai)
    tindak = (select(TindakLanjut.id, TindakLanjut.status, TindakLanjut.dialog_id, TindakLanjut.uraian,
                     TindakLanjut.batas_waktu, TindakLanjut.penanggung_jawab_id,
                     pj.nama.label("penanggung_jawab_nama"), Dialog.judul.label("dialog_judul"))
              .join(Dialog, Dialog.id == TindakLanjut.dialog_id).outerjoin(pj, pj.id == TindakLanjut.penanggung_jawab_id)
              .where(TindakLanjut.status != "Selesai",
                     or_(TindakLanjut.penanggung_jawab_id == own, Dialog.pimpinan_id == own))
              .order_by(terlambat_dulu, TindakLanjut.batas_waktu, TindakLanjut.id).limit(limit * 2))
    return jadwal, tindak


def ringkasan_beranda(actor, now: datetime | None = None, limit: int = 5) -> RingkasanBeranda | None:
    """Next meetings (led or attended) and open follow-ups (owned, or of meetings led), overdue first."""
    own = pegawai_id_of(actor)
    if own is None:
        return None
    zone = zona_instansi()
    now = now or utcnow()
    today = today_local(zone)
    awal_hari, _ = day_range_utc(today, today, zone)
    jadwal_stmt, tindak_stmt = _ringkasan_beranda_stmts(limit)
    rows = baris(jadwal_stmt, {"own": own, "now": now, "awal_hari": awal_hari}).all()
    belum_ditutup, boleh = rows[0][0], bool(rows[0][1])
    if not boleh:
        from kinerja.atasan import ada_penugasan, bertindak_atas_ids

        boleh = ada_penugasan() and bool(bertindak_atas_ids(own))  # a Plt/Plh leads the unit's dialog
    jadwal = [row for row in rows if row.id is not None]
    items = baris(tindak_stmt, {"own": own, "today": today}).all() if rows[0].ada_tindak else []
    if not (jadwal or items or belum_ditutup or boleh):
        return None
    tindak_lanjut = [ItemTindakLanjut(t, rules.is_overdue(t.batas_waktu, t.status, today),
                                      rules.sisa_hari_label(t.batas_waktu, t.status, today),
                                      t.penanggung_jawab_id == own) for t in items]
    return RingkasanBeranda(jadwal, tindak_lanjut, belum_ditutup, boleh)
