"""Read side of verification: the inbox, the detail page, the compliance grid, the home panel.

Every page loads what it shows in a fixed number of queries, whatever the number of entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import exists, func, select
from sqlalchemy.orm import joinedload, selectinload

from kinerja.extensions import db
from kinerja.models import Aktivitas, AuditEvent, DelegasiVerifikasi, Ketidakhadiran, KomentarAktivitas, Pegawai
from kinerja.organisasi.permissions import pegawai_id_of, subordinate_ids_query
from kinerja.verifikasi import permissions, rules
from kinerja.waktu import today_local

GRUP_PER_HALAMAN = 10


# ------------------------------------------------------------------ inbox


@dataclass
class GrupInbox:
    """One pegawai's submitted entries of one day."""

    pegawai: Pegawai
    tanggal: date
    entri: list[Aktivitas]

    @property
    def total_menit(self) -> int:
        return sum(a.durasi_menit or 0 for a in self.entri)


@dataclass
class HalamanGrup:
    """Enough of Flask-SQLAlchemy's Pagination for the ``pagination`` macro."""

    page: int
    per_page: int
    total: int
    items: list = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max((self.total + self.per_page - 1) // self.per_page, 1) if self.total else 0

    def iter_pages(self, left_edge=2, left_current=2, right_current=4, right_edge=2):
        last = 0
        for num in range(1, self.pages + 1):
            if (num <= left_edge or self.page - left_current <= num <= self.page + right_current
                    or num > self.pages - right_edge):
                if last + 1 != num:
                    yield None
                yield num
                last = num


@dataclass
class Inbox:
    halaman: HalamanGrup
    jumlah_entri: int
    tertua: date | None

    @property
    def grup(self) -> list[GrupInbox]:
        return self.halaman.items


def inbox(actor, page: int = 1, per_page: int = GRUP_PER_HALAMAN, hari_ini: date | None = None,
          pegawai_id: int | None = None) -> Inbox:
    """Submitted entries the actor verifies, grouped by pegawai and day, oldest first (3 queries).

    ``pegawai_id`` narrows the inbox to one pegawai (still within the actor's scope)."""
    pid = pegawai_id_of(actor)
    if pid is None:
        return Inbox(HalamanGrup(1, per_page, 0), 0, None)
    scope = permissions.verifiable_pegawai_clause(pid, hari_ini)
    grup_stmt = (
        select(Aktivitas.pegawai_id, Aktivitas.tanggal, func.count(Aktivitas.id).label("n"))
        .join(Pegawai, Aktivitas.pegawai_id == Pegawai.id)
        .where(scope, Aktivitas.status == rules.DIAJUKAN,
               *([Aktivitas.pegawai_id == pegawai_id] if pegawai_id else []))
        .group_by(Aktivitas.pegawai_id, Aktivitas.tanggal, Pegawai.nama)
    )
    sub = grup_stmt.subquery()
    total, jumlah, tertua = db.session.execute(
        select(func.count(), func.coalesce(func.sum(sub.c.n), 0), func.min(sub.c.tanggal)).select_from(sub)
    ).one()
    page = max(page, 1)
    halaman = HalamanGrup(page, per_page, total)
    if total and (page - 1) * per_page >= total:
        halaman.page = page = halaman.pages
    pasangan = db.session.execute(
        grup_stmt.order_by(Aktivitas.tanggal, Pegawai.nama, Aktivitas.pegawai_id)
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    if pasangan:
        kunci = [(row.pegawai_id, row.tanggal) for row in pasangan]
        # pegawai IN (…) AND tanggal BETWEEN … uses ix_aktivitas_pegawai_tanggal; a tuple IN does not on SQLite.
        entri = db.session.execute(
            select(Aktivitas)
            .where(Aktivitas.pegawai_id.in_({k[0] for k in kunci}),
                   Aktivitas.tanggal.between(min(k[1] for k in kunci), max(k[1] for k in kunci)),
                   Aktivitas.status == rules.DIAJUKAN)
            .options(joinedload(Aktivitas.pegawai).joinedload(Pegawai.jabatan), joinedload(Aktivitas.rhk),
                     selectinload(Aktivitas.bukti))
            .order_by(Aktivitas.jam_mulai, Aktivitas.id)
        ).scalars().all()
        by_key: dict[tuple[int, date], list[Aktivitas]] = {k: [] for k in kunci}
        for a in entri:
            if (a.pegawai_id, a.tanggal) in by_key:
                by_key[(a.pegawai_id, a.tanggal)].append(a)
        halaman.items = [GrupInbox(items[0].pegawai, key[1], items) for key, items in by_key.items() if items]
    return Inbox(halaman, int(jumlah or 0), tertua)


def pilihan_pegawai(actor, hari_ini: date | None = None) -> list[tuple[int, str]]:
    """The pegawai whose entries the actor verifies (the inbox filter)."""
    pid = pegawai_id_of(actor)
    if pid is None:
        return []
    return [tuple(row) for row in db.session.execute(
        select(Pegawai.id, Pegawai.nama).where(permissions.verifiable_pegawai_clause(pid, hari_ini), Pegawai.aktif.is_(True))
        .order_by(Pegawai.nama)
    ).all()]


def load_baris(aktivitas_id: int) -> Aktivitas | None:
    """One inbox row after a change, with what the row shows."""
    return db.session.execute(
        select(Aktivitas).where(Aktivitas.id == aktivitas_id)
        .options(joinedload(Aktivitas.pegawai), joinedload(Aktivitas.rhk), selectinload(Aktivitas.bukti),
                 joinedload(Aktivitas.diverifikasi_oleh))
    ).scalar_one_or_none()


# ------------------------------------------------------------------ detail


@dataclass
class Detail:
    aktivitas: Aktivitas
    riwayat: list[AuditEvent]
    can_verify: bool
    can_comment: bool


def detail(actor, aktivitas_id: int) -> Detail | None:
    """The entry with its thread and history, or None when the actor may not see it."""
    aktivitas = db.session.execute(
        select(Aktivitas).where(Aktivitas.id == aktivitas_id)
        .options(
            joinedload(Aktivitas.pegawai).joinedload(Pegawai.jabatan), joinedload(Aktivitas.pegawai).joinedload(Pegawai.unit),
            joinedload(Aktivitas.rhk), joinedload(Aktivitas.diverifikasi_oleh), selectinload(Aktivitas.bukti),
            selectinload(Aktivitas.komentar).joinedload(KomentarAktivitas.penulis),
        )
    ).scalar_one_or_none()
    if aktivitas is None or not permissions.can_view_aktivitas(actor, aktivitas):
        return None
    riwayat = list(db.session.execute(
        select(AuditEvent).where(AuditEvent.objek_tipe == "aktivitas", AuditEvent.objek_id == str(aktivitas.id))
        .order_by(AuditEvent.id)
    ).scalars())
    pid = pegawai_id_of(actor)
    return Detail(aktivitas, riwayat, permissions.can_verify(pid, aktivitas),
                  permissions.can_comment(actor, aktivitas))


# ------------------------------------------------------------------ compliance


@dataclass(frozen=True)
class Sel:
    tanggal: date
    status: str
    absen: str | None = None  # an approved absence that day; dinas luar with entries keeps their status

    @property
    def label(self) -> str:
        if self.absen and self.status != self.absen:
            return f"{rules.LABEL_SEL[self.absen]}, {rules.LABEL_SEL[self.status]}"
        return rules.LABEL_SEL[self.status]

    @property
    def singkatan(self) -> str:
        if self.absen and self.status != self.absen:
            return f"{rules.SINGKATAN_SEL[self.absen]} {rules.SINGKATAN_SEL[self.status]}"
        return rules.SINGKATAN_SEL[self.status]


@dataclass
class BarisKepatuhan:
    pegawai: Pegawai
    sel: list[Sel]
    langsung: bool
    belum_hari_ini: bool


@dataclass
class Kepatuhan:
    hari: list[date]
    baris: list[BarisKepatuhan]
    hari_ini: date
    hari_ini_kerja: bool

    @property
    def belum_mengisi(self) -> list[Pegawai]:
        return [b.pegawai for b in self.baris if b.belum_hari_ini]


def holidays_between(start: date, end: date) -> frozenset[date]:
    # Imported late: kinerja.kalender imports the aktivitas package, which may still be loading.
    from kinerja.kalender import holidays_between as _between

    return _between(start, end)


def absen_between(pegawai_ids, start: date, end: date) -> dict[int, dict[date, str]]:
    from kinerja.kalender import absen_pegawai_between

    return absen_pegawai_between(pegawai_ids, start, end)


def kepatuhan(actor, semua: bool = False, jumlah_hari: int = 10, hari_ini: date | None = None) -> Kepatuhan:
    """The last working days × my subordinates; each cell the worst state of that day, or the approved
    absence (C/DL/S/TB) (5 queries)."""
    hari_ini = hari_ini or today_local()
    pid = pegawai_id_of(actor)
    if pid is None:
        return Kepatuhan([], [], hari_ini, False)
    ids = subordinate_ids_query(pid, direct_only=not semua)
    pegawai = list(db.session.execute(
        select(Pegawai).where(Pegawai.id.in_(ids), Pegawai.aktif.is_(True))
        .options(joinedload(Pegawai.unit), joinedload(Pegawai.jabatan)).order_by(Pegawai.nama, Pegawai.id)
    ).unique().scalars())
    libur = holidays_between(hari_ini - timedelta(days=jumlah_hari * 7), hari_ini)
    minggu = {p.id: (p.unit.hari_kerja_per_minggu if p.unit else 5) for p in pegawai}
    hari = rules.hari_kerja_terakhir(hari_ini, jumlah_hari, max(minggu.values(), default=5), libur)
    statuses: dict[tuple[int, date], set[str]] = {}
    if pegawai and hari:
        rows = db.session.execute(
            select(Aktivitas.pegawai_id, Aktivitas.tanggal, Aktivitas.status)
            .where(Aktivitas.pegawai_id.in_(ids), Aktivitas.tanggal >= hari[0], Aktivitas.tanggal <= hari[-1])
            .group_by(Aktivitas.pegawai_id, Aktivitas.tanggal, Aktivitas.status)
        ).all()
        for pegawai_id, tgl, status in rows:
            statuses.setdefault((pegawai_id, tgl), set()).add(status)
    absen = absen_between([p.id for p in pegawai], hari[0], max(hari[-1], hari_ini)) if pegawai and hari else {}
    baris = []
    for p in pegawai:
        mine = absen.get(p.id, {})
        sel = [Sel(h, rules.status_sel(statuses.get((p.id, h), ()), rules.is_hari_kerja(h, minggu[p.id], libur),
                                       mine.get(h)), mine.get(h)) for h in hari]
        belum = (rules.is_hari_kerja(hari_ini, minggu[p.id], libur)
                 and rules.status_sel(statuses.get((p.id, hari_ini), ()), True, mine.get(hari_ini)) == rules.KOSONG)
        baris.append(BarisKepatuhan(p, sel, p.atasan_id == pid, belum))
    baris.sort(key=lambda b: (not b.belum_hari_ini, not b.langsung, b.pegawai.nama))
    hari_ini_kerja = any(rules.is_hari_kerja(hari_ini, m, libur) for m in minggu.values()) if minggu else \
        rules.is_hari_kerja(hari_ini, 5, libur)
    return Kepatuhan(hari, baris, hari_ini, hari_ini_kerja)


# ------------------------------------------------------------------ home panel


@dataclass
class PanelVerifikasi:
    menunggu: int
    tertua: date | None
    belum_mengisi: list[Pegawai]
    hari_ini_kerja: bool


def panel(actor, hari_ini: date | None = None) -> PanelVerifikasi | None:
    pid = pegawai_id_of(actor)
    if pid is None or not permissions.user_is_verifikator(actor):
        return None
    hari_ini = hari_ini or today_local()
    menunggu, tertua = db.session.execute(
        select(func.count(Aktivitas.id), func.min(Aktivitas.tanggal))
        .join(Pegawai, Aktivitas.pegawai_id == Pegawai.id)
        .where(permissions.verifiable_pegawai_clause(pid, hari_ini), Aktivitas.status == rules.DIAJUKAN)
    ).one()
    libur = holidays_between(hari_ini, hari_ini)
    bawahan = db.session.execute(
        select(Pegawai).where(
            Pegawai.atasan_id == pid, Pegawai.aktif.is_(True),
            ~exists().where(Aktivitas.pegawai_id == Pegawai.id, Aktivitas.tanggal == hari_ini),
            # Not obliged to log today: an approved cuti, dinas luar, sakit or tugas belajar.
            ~exists().where(Ketidakhadiran.pegawai_id == Pegawai.id, Ketidakhadiran.status == "Disetujui",
                            Ketidakhadiran.tanggal_mulai <= hari_ini, Ketidakhadiran.tanggal_selesai >= hari_ini),
        ).options(joinedload(Pegawai.unit)).order_by(Pegawai.nama)
    ).unique().scalars().all()
    belum = [p for p in bawahan if rules.is_hari_kerja(hari_ini, p.unit.hari_kerja_per_minggu if p.unit else 5, libur)]
    return PanelVerifikasi(menunggu, tertua, belum, rules.is_hari_kerja(hari_ini, 6, libur))


# ------------------------------------------------------------------ delegation list (admin)


def list_delegasi(page: int = 1, per_page: int = 25):
    stmt = (select(DelegasiVerifikasi)
            .options(joinedload(DelegasiVerifikasi.unit), joinedload(DelegasiVerifikasi.verifikator))
            .order_by(DelegasiVerifikasi.aktif.desc(), DelegasiVerifikasi.tanggal_selesai.desc(), DelegasiVerifikasi.id.desc()))
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)
