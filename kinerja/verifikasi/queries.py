"""Read side of verification: the inbox, the detail page, the compliance grid, the home panel.

Every page loads what it shows in a fixed number of queries, whatever the number of entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy import bindparam, exists, func, select
from sqlalchemy.orm import aliased, joinedload, selectinload

from kinerja.dalam import dalam
from kinerja.extensions import baris, db
from kinerja.models import (
    Aktivitas,
    AuditEvent,
    BuktiDukung,
    DelegasiVerifikasi,
    Jabatan,
    Ketidakhadiran,
    KomentarAktivitas,
    Pegawai,
    Rhk,
    UnitKerja,
)
from kinerja.organisasi.permissions import effective_direct_ids, effective_subordinate_ids_query, pegawai_id_of
from kinerja.paginasi import HalamanDaftar as HalamanGrup  # items: pegawai-day groups
from kinerja.verifikasi import permissions, rules
from kinerja.waktu import today_local

GRUP_PER_HALAMAN = 15


# ------------------------------------------------------------------ inbox
#
# The inbox is the atasan's busiest page (issue #17: one third of its former server time).  It reads
# plain rows (no ORM objects, no per-row forms): the verifiable pegawai once, the page's groups, the
# page's entries with what a row shows, and their evidence files — 3 queries whatever the page holds.


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ is several times slower
class BarisInbox:
    """What one table row shows of an entry."""

    id: int
    pegawai_id: int
    pegawai_nama: str
    tanggal: date
    jam: str
    durasi_menit: int
    uraian: str
    output: str
    rhk: str
    tautan_bukti: str | None
    status: str
    versi: int
    verdict_bukti: str | None
    catatan_verifikasi: str | None
    diverifikasi_oleh: str | None
    bukti: tuple[tuple[int, str], ...] = ()

    @property
    def kunci(self) -> str:
        """The pegawai-day group: "12-2026-11-03"."""
        return f"{self.pegawai_id}-{self.tanggal.isoformat()}"

    @property
    def tgl(self) -> str:
        return f"{self.tanggal.day}/{self.tanggal.month}"


@dataclass
class GrupHari:
    """One pegawai's submitted entries of one day."""

    pegawai_id: int
    tanggal: date
    entri: list[BarisInbox]

    @property
    def kunci(self) -> str:
        return f"{self.pegawai_id}-{self.tanggal.isoformat()}"

    @property
    def total_menit(self) -> int:
        return sum(a.durasi_menit or 0 for a in self.entri)


@dataclass
class GrupPegawai:
    """One pegawai's days on this page."""

    pegawai_id: int
    nama: str
    nip: str
    jabatan: str
    hari: list[GrupHari]

    @property
    def jumlah(self) -> int:
        return sum(len(h.entri) for h in self.hari)


@dataclass
class Inbox:
    halaman: HalamanGrup
    jumlah_entri: int
    tertua: date | None
    pegawai: list[GrupPegawai] = field(default_factory=list)
    pilihan: list[tuple[int, str]] = field(default_factory=list)

    @property
    def grup(self) -> list[GrupHari]:
        return self.halaman.items


def _output(volume, satuan: str | None) -> str:
    """"2 dokumen" without Babel for whole numbers below 1000 (almost every entry); else ``angka``."""
    from kinerja.format import angka

    if volume is None:
        teks = ""
    elif volume == volume.to_integral_value() and abs(volume) < 1000:
        teks = str(int(volume))
    else:
        teks = angka(volume)
    return f"{teks} {satuan or ''}".strip()


def _jam(a, b) -> str:
    return f"{a.hour:02d}:{a.minute:02d}–{b.hour:02d}:{b.minute:02d}" if a and b else ""


@lru_cache(maxsize=1)
def _baris_stmt():
    """The row SELECT, built once per process (a statement is immutable; building it costs more than
    running it)."""
    verifikator = aliased(Pegawai)
    return (
        select(Aktivitas.id, Aktivitas.pegawai_id, Pegawai.nama, Pegawai.nip, Jabatan.nama.label("jabatan"),
               Aktivitas.tanggal, Aktivitas.jam_mulai, Aktivitas.jam_selesai, Aktivitas.durasi_menit,
               Aktivitas.uraian, Aktivitas.volume, Aktivitas.satuan, Rhk.uraian.label("rhk"), Aktivitas.tugas_atasan,
               Aktivitas.tautan_bukti, Aktivitas.status, Aktivitas.versi, Aktivitas.verdict_bukti,
               Aktivitas.catatan_verifikasi, verifikator.nama.label("verifikator"))
        .join(Pegawai, Aktivitas.pegawai_id == Pegawai.id)
        .outerjoin(Jabatan, Pegawai.jabatan_id == Jabatan.id)
        .outerjoin(Rhk, Aktivitas.rhk_id == Rhk.id)
        .outerjoin(verifikator, Aktivitas.diverifikasi_oleh_id == verifikator.id)
    )


@lru_cache(maxsize=1)
def _bukti_stmt():
    return (select(BuktiDukung.id, BuktiDukung.aktivitas_id, BuktiDukung.nama_asli)
            .where(dalam(BuktiDukung.aktivitas_id, "ids")).order_by(BuktiDukung.id))


def _baris_dari(rows) -> tuple[list[BarisInbox], dict[int, tuple[str, str, str]]]:
    """Plain rows, their evidence files (one query), and each pegawai's (nama, nip, jabatan)."""
    rows = list(rows)
    bukti: dict[int, list[tuple[int, str]]] = {}
    if rows:
        for bid, aid, nama in baris(_bukti_stmt(), {"ids": [r.id for r in rows]}):
            bukti.setdefault(aid, []).append((bid, nama))
    orang = {}
    hasil = []
    # Unpacked in _baris_stmt's column order (faster than Row attribute access, ~50 rows a page).
    for (aid, pid, nama, nip, jabatan, tgl, mulai, selesai, durasi, uraian, volume, satuan, rhk, tugas_atasan,
         tautan, status, versi, verdict, catatan, verifikator) in rows:
        orang[pid] = (nama, nip, jabatan or "")
        hasil.append(BarisInbox(aid, pid, nama, tgl, _jam(mulai, selesai), durasi or 0, uraian, _output(volume, satuan),
                                rhk or ("Tugas dari atasan" if tugas_atasan else "–"), tautan, status, versi, verdict,
                                catatan, verifikator, tuple(bukti.get(aid, ()))))
    return hasil, orang


@lru_cache(maxsize=1)
def _baris_satu_stmt():
    return _baris_stmt().where(Aktivitas.id == bindparam("aktivitas_id"))


def baris_inbox(aktivitas_id: int) -> BarisInbox | None:
    """One table row after a change (2 queries)."""
    rows, _ = _baris_dari(baris(_baris_satu_stmt(), {"aktivitas_id": aktivitas_id}).all())
    return rows[0] if rows else None


@lru_cache(maxsize=2)
def _terverifikasi_stmt(plt: bool):
    """Built once per process (building it cost ~10 % of the inbox); parameters: those of
    ``permissions.verifiable_clause_stmt``."""
    return (select(Pegawai.id, Pegawai.nama, Pegawai.aktif)
            .where(permissions.verifiable_clause_stmt(plt)).order_by(Pegawai.nama, Pegawai.id))


@lru_cache(maxsize=1)
def _grup_stmt():
    return (select(Aktivitas.pegawai_id, Aktivitas.tanggal, func.count(Aktivitas.id))
            .where(dalam(Aktivitas.pegawai_id, "ids"), Aktivitas.status == rules.DIAJUKAN)
            .group_by(Aktivitas.pegawai_id, Aktivitas.tanggal))


@lru_cache(maxsize=1)
def _halaman_stmt():
    # pegawai IN (…) AND tanggal BETWEEN … uses ix_aktivitas_pegawai_tanggal; a tuple IN does not on SQLite.
    return (_baris_stmt()
            .where(dalam(Aktivitas.pegawai_id, "ids"),
                   Aktivitas.tanggal.between(bindparam("dari"), bindparam("sampai")), Aktivitas.status == rules.DIAJUKAN)
            .order_by(Aktivitas.jam_mulai, Aktivitas.id))


def _pegawai_terverifikasi(pid: int, hari_ini: date | None) -> list[tuple[int, str, bool]]:
    """(id, nama, aktif) of every pegawai whose entries the actor verifies, by name."""
    from kinerja.atasan import ada_penugasan, bawahan_efektif_ids

    hari_ini = hari_ini or today_local()
    params = {"pid": pid, "hari": hari_ini}
    plt = ada_penugasan(hari_ini)
    if plt:  # the effective direct subordinates while a Plt/Plh runs (kinerja.atasan)
        params["ids"] = sorted(bawahan_efektif_ids(pid, hari_ini))
    rows = baris(_terverifikasi_stmt(plt), params).all()
    orang = [tuple(r) for r in rows]
    if any(aktif for _, _, aktif in orang):
        # An active pegawai to verify means an active subordinate or a delegation that holds today:
        # the navigation's "is a verifier" is answered without its own query.
        permissions.ingat_verifikator(pid)
    return orang


def inbox(actor, page: int = 1, per_page: int = GRUP_PER_HALAMAN, hari_ini: date | None = None,
          pegawai_id: int | None = None) -> Inbox:
    """Submitted entries the actor verifies, grouped by pegawai (by name) and day (oldest first);
    ``per_page`` pegawai-day groups per page.  ``pegawai_id`` narrows it to one pegawai (still within
    the actor's scope).  ``pilihan`` is the Pegawai filter's list (the active verifiable pegawai)."""
    pid = pegawai_id_of(actor)
    if pid is None:
        return Inbox(HalamanGrup(1, per_page, 0), 0, None)
    orang = _pegawai_terverifikasi(pid, hari_ini)
    pilihan = [(i, nama) for i, nama, aktif in orang if aktif]
    ids = [i for i, _, _ in orang if not pegawai_id or i == pegawai_id]
    if not ids:
        return Inbox(HalamanGrup(1, per_page, 0), 0, None, pilihan=pilihan)
    urutan = {i: n for n, (i, _, _) in enumerate(orang)}
    semua = sorted(baris(_grup_stmt(), {"ids": ids}).all(), key=lambda g: (urutan[g[0]], g[1]))
    halaman = HalamanGrup(max(page, 1), per_page, len(semua))
    if semua and (halaman.page - 1) * per_page >= len(semua):
        halaman.page = halaman.pages
    hasil = Inbox(halaman, sum(g[2] for g in semua), min((g[1] for g in semua), default=None), pilihan=pilihan)
    kunci = [(g[0], g[1]) for g in semua[(halaman.page - 1) * per_page: halaman.page * per_page]]
    if not kunci:
        return hasil
    rows, identitas = _baris_dari(baris(_halaman_stmt(), {
        "ids": sorted({k[0] for k in kunci}), "dari": min(k[1] for k in kunci), "sampai": max(k[1] for k in kunci)}).all())
    per_hari: dict[tuple[int, date], GrupHari] = {k: GrupHari(k[0], k[1], []) for k in kunci}
    for r in rows:
        grup = per_hari.get((r.pegawai_id, r.tanggal))
        if grup is not None:
            grup.entri.append(r)
    halaman.items = [g for g in per_hari.values() if g.entri]
    for g in halaman.items:
        if not hasil.pegawai or hasil.pegawai[-1].pegawai_id != g.pegawai_id:
            hasil.pegawai.append(GrupPegawai(g.pegawai_id, *identitas[g.pegawai_id], []))
        hasil.pegawai[-1].hari.append(g)
    return hasil


def pilihan_pegawai(actor, hari_ini: date | None = None) -> list[tuple[int, str]]:
    """The pegawai whose entries the actor verifies (the inbox filter)."""
    pid = pegawai_id_of(actor)
    if pid is None:
        return []
    return [(i, nama) for i, nama, aktif in _pegawai_terverifikasi(pid, hari_ini) if aktif]


@lru_cache(maxsize=1)
def _stmt_baris():
    """Built once per process (its cache key is remembered on it): every approval and return renders a row."""
    return (select(Aktivitas).where(Aktivitas.id == bindparam("aktivitas_id"))
            .options(joinedload(Aktivitas.pegawai), joinedload(Aktivitas.rhk), selectinload(Aktivitas.bukti),
                     joinedload(Aktivitas.diverifikasi_oleh)))


def load_baris(aktivitas_id: int) -> Aktivitas | None:
    """One inbox row after a change, with what the row shows."""
    return db.session.execute(_stmt_baris(), {"aktivitas_id": aktivitas_id}).scalar_one_or_none()


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
    ids = effective_subordinate_ids_query(pid, direct_only=not semua, tanggal=hari_ini)  # a Plt/Plh too
    langsung_ids = effective_direct_ids(pid, hari_ini)
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
        langsung = p.atasan_id == pid if langsung_ids is None else p.id in langsung_ids
        baris.append(BarisKepatuhan(p, sel, langsung, belum))
    baris.sort(key=lambda b: (not b.belum_hari_ini, not b.langsung, b.pegawai.nama))
    hari_ini_kerja = any(rules.is_hari_kerja(hari_ini, m, libur) for m in minggu.values()) if minggu else \
        rules.is_hari_kerja(hari_ini, 5, libur)
    return Kepatuhan(hari, baris, hari_ini, hari_ini_kerja)


# ------------------------------------------------------------------ home panel


@dataclass
class PanelVerifikasi:
    menunggu: int
    tertua: date | None
    belum_mengisi: list  # kinerja.beranda.services.Bawahan (or rows with its id, nama, hari_kerja_per_minggu)
    hari_ini_kerja: bool


def panel(actor, hari_ini: date | None = None) -> PanelVerifikasi | None:
    pid = pegawai_id_of(actor)
    if pid is None or not permissions.user_is_verifikator(actor):
        return None
    from kinerja.atasan import ada_penugasan, bawahan_efektif_ids

    hari_ini = hari_ini or today_local()
    plt = ada_penugasan(hari_ini)
    params = {"pid": pid, "hari": hari_ini}
    if plt:
        params["ids"] = sorted(bawahan_efektif_ids(pid, hari_ini))
    menunggu, tertua = baris(_panel_stmt(plt), params).one()
    libur = holidays_between(hari_ini, hari_ini)
    from kinerja.percache import known

    bawahan, mengisi = known(f"bawahan_aktif:{pid}"), known(f"bawahan_mengisi:{pid}:{hari_ini}")
    bebas = known(f"bebas_lapor:{pid}:{hari_ini}")
    if bawahan is not None and mengisi is not None and bebas is not None:  # the Beranda loaded them already
        bawahan = [p for p in bawahan if p.id not in mengisi and not bebas.get(p.id)]
    else:
        bawahan = _bawahan_belum_mengisi(pid, hari_ini)
    belum = [p for p in bawahan if rules.is_hari_kerja(hari_ini, p.hari_kerja_per_minggu, libur)]
    return PanelVerifikasi(menunggu, tertua, belum, rules.is_hari_kerja(hari_ini, 6, libur))


@lru_cache(maxsize=2)
def _panel_stmt(plt: bool):
    """The waiting entries' count and oldest date, built once per process (parameters: those of
    ``permissions.verifiable_clause_stmt``)."""
    return (select(func.count(Aktivitas.id), func.min(Aktivitas.tanggal))
            .join(Pegawai, Aktivitas.pegawai_id == Pegawai.id)
            .where(permissions.verifiable_clause_stmt(plt), Aktivitas.status == rules.DIAJUKAN))


def _bawahan_belum_mengisi(pid: int, hari_ini: date) -> list:
    """Rows of id, nama, hari_kerja_per_minggu (the Beranda's ``Bawahan`` fields the panel reads)."""
    return db.session.execute(
        select(Pegawai.id, Pegawai.nama, func.coalesce(UnitKerja.hari_kerja_per_minggu, 5).label("hari_kerja_per_minggu"))
        .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_id)
        .where(
            Pegawai.atasan_id == pid, Pegawai.aktif.is_(True),
            ~exists().where(Aktivitas.pegawai_id == Pegawai.id, Aktivitas.tanggal == hari_ini),
            # Not obliged to log today: an approved cuti, dinas luar, sakit or tugas belajar.
            ~exists().where(Ketidakhadiran.pegawai_id == Pegawai.id, Ketidakhadiran.status == "Disetujui",
                            Ketidakhadiran.tanggal_mulai <= hari_ini, Ketidakhadiran.tanggal_selesai >= hari_ini),
        ).order_by(Pegawai.nama)
    ).all()


# ------------------------------------------------------------------ delegation list (admin)


def list_delegasi(page: int = 1, per_page: int = 25):
    stmt = (select(DelegasiVerifikasi)
            .options(joinedload(DelegasiVerifikasi.unit), joinedload(DelegasiVerifikasi.verifikator))
            .order_by(DelegasiVerifikasi.aktif.desc(), DelegasiVerifikasi.tanggal_selesai.desc(), DelegasiVerifikasi.id.desc()))
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)
