"""Aktivitas harian use cases and queries (C2).

Every use case takes the acting account (:class:`kinerja.models.Akun`) first, checks the
rules in :mod:`kinerja.aktivitas.rules`, writes, records an audit event per changed entry and
commits once.  Errors: :class:`DomainError` (``field`` names the form field: ``tanggal``,
``jam_mulai``, ``jam_selesai``, ``uraian``, ``volume``, ``satuan``, ``rhk``, ``bukti``,
``tautan_bukti``, or None), :class:`KonflikError` (a concurrent change; answer 409),
:class:`PermissionDenied` (403) and :class:`NotFound` (404), as ``kinerja.aktivitas.permissions`` decides.

Queries for other features (verifikasi, laporan, beranda): :func:`entries_for_day`,
:func:`entries_between`, :func:`month_summary`, :func:`rhk_choices`, :func:`progress_bulan`.
They do not check permissions: the caller scopes ``pegawai_id``.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import bindparam, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from kinerja import kalender
from kinerja.aktivitas import bukti, permissions, rules
from kinerja.aktivitas.queries import (
    TUGAS_ATASAN,
    IsiAktivitas,
    Pengaturan,
    entries_for_day,
    pengaturan,
    rhk_choices,
)
from kinerja.audit.services import Kejadian, record, record_many
from kinerja.errors import PESAN_BUKAN_PEGAWAI, DomainError, KonflikError, NotFound, PermissionDenied
from kinerja.extensions import baris, db
from kinerja.format import jam
from kinerja.formulir import parse_id, parse_ids
from kinerja.kalender import rules as kalender_rules
from kinerja.models import Aktivitas, Pegawai, RencanaAksi
from kinerja.notifikasi.services import notify_pegawai
from kinerja.waktu import tanggal as format_tanggal
from kinerja.waktu import today_local, utcnow

log = logging.getLogger(__name__)

EDITABLE = rules.DAPAT_DIUBAH
PESAN_TERKUNCI = "Aktivitas yang sudah diajukan atau disetujui tidak dapat diubah."
PESAN_KONFLIK = "Aktivitas ini baru saja diubah di tempat lain. Muat ulang halaman."


# ------------------------------------------------------------------ inputs


@dataclass
class AktivitasData:
    """What the entry form carries (already shaped by the form; the rules are checked here).

    ``rhk``: an RHK id (int or digit string) of the pegawai's approved SKP, or ``"atasan"``
    for work outside the SKP ("Tugas dari atasan").
    """

    tanggal: date | None
    jam_mulai: time | None
    jam_selesai: time | None
    uraian: str | None
    volume: Decimal | str | None
    satuan: str | None
    rhk: int | str | None
    tautan_bukti: str | None = None
    # Optional (issue #11 §4): a rencana aksi id of that RHK whose period holds ``tanggal``.
    rencana_aksi: int | str | None = None


# ------------------------------------------------------------------ helpers


def _own_pegawai_id(actor) -> int:
    pegawai_id = getattr(actor, "pegawai_id", None)
    if pegawai_id is None:
        raise PermissionDenied(PESAN_BUKAN_PEGAWAI)
    return pegawai_id


def _load_own(actor, aktivitas_id: int, *, for_update: bool = True) -> Aktivitas:
    """The actor's own entry: NotFound when it is missing or out of the actor's sight, 403 when the
    actor may see it but it is someone else's (``kinerja.aktivitas.permissions``)."""
    stmt = select(Aktivitas).where(Aktivitas.id == aktivitas_id).options(selectinload(Aktivitas.bukti))
    item = db.session.execute(stmt).scalar_one_or_none()
    permissions.require_owner(actor, item)
    return item


def _load_own_editable(actor, aktivitas_id: int, versi: int | None) -> Aktivitas:
    """The actor's own entry, still at ``versi`` (when given) and still Draft/Dikembalikan."""
    item = _load_own(actor, aktivitas_id)
    if versi is not None and item.versi != versi:
        raise KonflikError(PESAN_KONFLIK)
    _require_editable(item)
    return item


def _require_editable(item: Aktivitas) -> None:
    if item.status not in EDITABLE:
        raise DomainError(None, PESAN_TERKUNCI)


def _today(atur: Pengaturan, today: date | None) -> date:
    return today or today_local(atur.zona_waktu)


def _kalender_for(pegawai_id: int, *days: date) -> kalender_rules.KalenderKerja:
    return kalender.kalender_pegawai(pegawai_id, min(days), max(days))


# Built once per process and sent through ``baris`` (on PostgreSQL without SQLAlchemy's execution path): every
# save, edit and copy runs both, and building them per call cost more Python than the rest of the check (#17).
_KUNCI_PEGAWAI = select(Pegawai.id).where(Pegawai.id == bindparam("pegawai_id")).with_for_update()
_SLOT_HARI = (select(Aktivitas.id, Aktivitas.jam_mulai, Aktivitas.jam_selesai, Aktivitas.durasi_menit)
              .where(Aktivitas.pegawai_id == bindparam("pegawai_id"), Aktivitas.tanggal == bindparam("tanggal")))


def _lock_pegawai(pegawai_id: int) -> None:
    """Serialise writers of one pegawai's day on PostgreSQL (SQLite writes are already serial)."""
    baris(_KUNCI_PEGAWAI, {"pegawai_id": pegawai_id}).all()


def _slots(pegawai_id: int, tanggal: date) -> list[tuple[rules.Slot, int]]:
    """The pegawai's entries of the day (id, times) and their minutes, entries still pending in the session
    included (flushed first, as the ORM's autoflush would)."""
    db.session.flush()
    rows = baris(_SLOT_HARI, {"pegawai_id": pegawai_id, "tanggal": tanggal}).all()
    return [(rules.Slot(r.id, r.jam_mulai, r.jam_selesai), r.durasi_menit) for r in rows]


def _resolve_rhk(pegawai_id: int, tanggal: date, value) -> tuple[int | None, bool]:
    """(rhk_id, tugas_atasan) for a form value; refuses RHK outside the pegawai's approved SKP."""
    if value in (None, ""):
        raise DomainError("rhk", "Pilih rencana hasil kerja, atau \"Tugas dari atasan\".")
    if value == TUGAS_ATASAN:
        return None, True
    rhk_id = parse_id(value) or 0
    found = rhk_id if any(c.id == rhk_id for c in rhk_choices(pegawai_id, tanggal)) else None
    if found is None:
        raise DomainError("rhk", f"Rencana hasil kerja ini tidak ada pada SKP {tanggal.year} Anda yang sudah "
                                 "disetujui. Pilih dari daftar.")
    return found, False


def _resolve_rencana_aksi(rhk_id: int | None, tanggal: date, value, strict: bool = True) -> int | None:
    """The rencana aksi id for a form value: it must belong to the chosen RHK and its period hold ``tanggal``."""
    if value in (None, ""):
        return None
    ra_id = parse_id(value)
    ra = db.session.get(RencanaAksi, ra_id) if ra_id else None
    if ra is None or rhk_id is None or ra.rhk_id != rhk_id or not ra.tanggal_mulai <= tanggal <= ra.tanggal_selesai:
        if not strict:
            return None
        raise DomainError("rencana_aksi", "Rencana aksi ini bukan bagian dari rencana hasil kerja yang dipilih untuk "
                                          "periode tanggal ini. Pilih dari daftar atau kosongkan.")
    return ra.id


def _check_absen(kal: kalender_rules.KalenderKerja, tanggal: date) -> None:
    """Cuti, sakit and tugas belajar days are not logged; dinas luar is work and may be."""
    jenis = kal.absen.get(tanggal)
    if jenis and jenis not in kalender_rules.BOLEH_DICATAT:
        raise DomainError("tanggal", f"Pada tanggal ini Anda tercatat {jenis} (disetujui), jadi tidak ada aktivitas "
                                     "yang dicatat. Dinas luar tetap dapat dicatat.")


@dataclass
class _Nilai(IsiAktivitas):
    rhk_id: int | None
    tugas_atasan: bool
    tautan_bukti: str | None
    hari_libur: bool
    rencana_aksi_id: int | None = None


def _validate(pegawai_id: int, data: AktivitasData, atur: Pengaturan, today: date,  # noqa: PLR0913  one validation step for create, update and duplicate
              ignore_id: int | None = None, kal: kalender_rules.KalenderKerja | None = None,
              salinan: bool = False) -> _Nilai:
    if not isinstance(data.tanggal, date) or isinstance(data.tanggal, datetime):
        raise DomainError("tanggal", "Isi tanggal aktivitas.")
    kal = kal or _kalender_for(pegawai_id, data.tanggal, today)
    libur = rules.check_tanggal(data.tanggal, today, atur.masa_tenggang_hari_kerja, kal.hari_kerja_per_minggu, kal.libur)
    _check_absen(kal, data.tanggal)
    durasi = rules.duration_minutes(data.jam_mulai, data.jam_selesai)
    uraian = rules.clean_uraian(data.uraian)
    volume = rules.clean_volume(data.volume)
    satuan = rules.clean_satuan(data.satuan)
    tautan = rules.clean_tautan(data.tautan_bukti)
    rhk_id, tugas_atasan = _resolve_rhk(pegawai_id, data.tanggal, data.rhk)
    rencana_aksi_id = _resolve_rencana_aksi(rhk_id, data.tanggal, data.rencana_aksi, strict=not salinan)
    _lock_pegawai(pegawai_id)
    others = [(slot, menit) for slot, menit in _slots(pegawai_id, data.tanggal) if slot.id != ignore_id]
    rules.check_overlap(data.jam_mulai, data.jam_selesai, [slot for slot, _ in others])
    rules.check_daily_cap(sum(menit for _, menit in others), durasi, atur.batas_menit_harian)
    return _Nilai(data.tanggal, _hm(data.jam_mulai), _hm(data.jam_selesai), durasi, uraian, volume, satuan,
                  rhk_id, tugas_atasan, tautan, libur, rencana_aksi_id)


def _hm(value: time) -> time:
    return time(value.hour, value.minute)


def _snapshot(item: Aktivitas) -> dict:
    return {
        "pegawai_id": item.pegawai_id, "tanggal": item.tanggal.isoformat(),
        "jam": f"{jam(item.jam_mulai)}-{jam(item.jam_selesai)}",
        "durasi_menit": item.durasi_menit, "uraian": item.uraian, "volume": str(item.volume),
        "satuan": item.satuan, "rhk_id": item.rhk_id, "rencana_aksi_id": item.rencana_aksi_id,
        "tugas_atasan": bool(item.tugas_atasan),
        "tautan_bukti": item.tautan_bukti, "status": item.status,
        "bukti": [b.nama_simpan for b in item.bukti],
    }


def _apply(item: Aktivitas, nilai: _Nilai) -> None:
    for name in ("tanggal", "jam_mulai", "jam_selesai", "durasi_menit", "uraian", "volume", "satuan",
                 "rhk_id", "tugas_atasan", "tautan_bukti", "hari_libur", "rencana_aksi_id"):
        setattr(item, name, getattr(nilai, name))


# ------------------------------------------------------------------ transactions


@contextmanager
def _transaction():
    """Roll back on unexpected failures; a lost optimistic-lock race becomes KonflikError.

    Rule violations are raised before the session is changed, so they need no rollback.
    """
    try:
        yield
    except StaleDataError:
        db.session.rollback()
        raise KonflikError(PESAN_KONFLIK) from None
    except (DomainError, PermissionDenied, NotFound):
        raise  # raised before anything was changed: the session is clean
    except BaseException:
        db.session.rollback()
        raise


def _commit_with_files(upload_dir, berkas: list[bukti.Berkas], remove_after: list[str] = ()) -> None:
    """Write the new files, commit; if the commit fails remove them again (nothing half-written).

    ``remove_after``: files of deleted evidence, removed only once the commit succeeded.
    """
    written: list[str] = []
    try:
        bukti.write_files(upload_dir, berkas, written)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        bukti.remove_files(written)
        raise KonflikError(PESAN_KONFLIK) from None
    except BaseException:
        db.session.rollback()
        bukti.remove_files(written)
        raise
    bukti.remove_files(remove_after)


# ------------------------------------------------------------------ use cases


def create_aktivitas(actor, data: AktivitasData, files=(), *, today: date | None = None,  # noqa: PLR0913  keyword-only test/CLI hooks (today, upload_dir, max_bytes)
                     upload_dir=None, max_bytes: int | None = None) -> Aktivitas:
    """Log one entry for the actor (status Draft), with optional evidence files and link.

    ``files``: :class:`kinerja.aktivitas.bukti.BuktiUpload` items.  Checks: no future date, grace window, times, no
    overlap with the actor's other entries that day, the daily cap, the RHK belongs to the
    actor's approved SKP of that year.  Files are checked by content before anything is
    written and stored only when the database work succeeded.
    """
    pegawai_id = _own_pegawai_id(actor)
    atur = pengaturan()
    today = _today(atur, today)
    berkas = bukti.prepare_bukti(files, bukti.max_bytes_or_default(max_bytes))
    with _transaction():
        nilai = _validate(pegawai_id, data, atur, today)
        item = Aktivitas(pegawai_id=pegawai_id, status=rules.DRAFT, bukti=[])
        _apply(item, nilai)
        bukti.attach(item, berkas)
        db.session.add(item)
        db.session.flush()
        record(actor, "aktivitas.buat", "aktivitas", item.id, sesudah=_snapshot(item))
        ids = (item.id, actor.id)  # read before the commit expires them (no reload just to log)
    _commit_with_files(bukti.upload_dir_or_default(upload_dir), berkas)
    log.info("aktivitas %s dibuat oleh akun %s", *ids)
    return item


def update_aktivitas(actor, aktivitas_id: int, data: AktivitasData, files=(), *, versi: int | None = None,  # noqa: PLR0913  keyword-only test/CLI hooks (versi, today, upload_dir, max_bytes)
                     hapus_bukti_ids=(), today: date | None = None, upload_dir=None,
                     max_bytes: int | None = None) -> Aktivitas:
    """Change the actor's own Draft/Dikembalikan entry (both the old and the new date must be in
    their grace window).  ``versi``: the version the form was loaded with; a different current
    version raises :class:`KonflikError`.  ``hapus_bukti_ids``: evidence files to remove.
    """
    atur = pengaturan()
    today = _today(atur, today)
    berkas = bukti.prepare_bukti(files, bukti.max_bytes_or_default(max_bytes))
    upload_dir = bukti.upload_dir_or_default(upload_dir)
    with _transaction():
        item = _load_own_editable(actor, aktivitas_id, versi)
        kal = _kalender_for(item.pegawai_id, item.tanggal, data.tanggal if isinstance(data.tanggal, date) else today,
                            today)
        rules.check_grace(item.tanggal, today, atur.masa_tenggang_hari_kerja, kal.hari_kerja_per_minggu, kal.libur)
        before = _snapshot(item)
        nilai = _validate(item.pegawai_id, data, atur, today, ignore_id=item.id, kal=kal)
        hapus = set(parse_ids(hapus_bukti_ids))
        removed = [b for b in item.bukti if b.id in hapus]
        if len(item.bukti) - len(removed) + len(berkas) > bukti.MAX_BUKTI_PER_AKTIVITAS:
            raise DomainError("bukti", f"Paling banyak {bukti.MAX_BUKTI_PER_AKTIVITAS} berkas per aktivitas.")
        old_paths = [p for p in (bukti.bukti_path(upload_dir, b) for b in removed) if p]
        _apply(item, nilai)
        for b in removed:
            item.bukti.remove(b)
        bukti.attach(item, berkas)
        item.updated_at = utcnow()  # also bumps versi when only the evidence changed
        db.session.flush()
        record(actor, "aktivitas.ubah", "aktivitas", item.id, sebelum=before, sesudah=_snapshot(item))
    _commit_with_files(upload_dir, berkas, remove_after=old_paths)
    return item


def delete_aktivitas(actor, aktivitas_id: int, *, versi: int | None = None, upload_dir=None) -> date:
    """Delete the actor's own Draft/Dikembalikan entry and its files; returns its date."""
    upload_dir = bukti.upload_dir_or_default(upload_dir)
    with _transaction():
        item = _load_own_editable(actor, aktivitas_id, versi)
        tanggal = item.tanggal
        paths = [p for p in (bukti.bukti_path(upload_dir, b) for b in item.bukti) if p]
        record(actor, "aktivitas.hapus", "aktivitas", item.id, sebelum=_snapshot(item))
        db.session.delete(item)
        db.session.flush()
    _commit_with_files(upload_dir, [], remove_after=paths)
    return tanggal


def _free_slot(slots: list[rules.Slot], durasi: int, after: time) -> tuple[time, time] | None:
    """The first gap of ``durasi`` minutes at or after ``after`` (or after the day's last entry)."""
    start = rules.to_minutes(after)
    for slot in sorted(slots, key=lambda s: rules.to_minutes(s.jam_mulai)):
        s, e = rules.to_minutes(slot.jam_mulai), rules.to_minutes(slot.jam_selesai)
        if e <= start:
            continue
        if s >= start + durasi:
            break
        start = max(start, e)
    end = start + durasi
    if end > rules.MENIT_SEHARI - 1:
        return None
    return time(start // 60, start % 60), time(end // 60, end % 60)


def duplicate_aktivitas(actor, aktivitas_id: int, *, tanggal: date | None = None, today: date | None = None) -> Aktivitas:
    """Copy one of the actor's entries (any status) as a Draft on ``tanggal`` (default: the same day),
    placed in the first free slot of the same length after the original's start.  Evidence files
    are not copied (the link is).  Returns the new entry, ready to be opened for editing.
    """
    atur = pengaturan()
    today = _today(atur, today)
    with _transaction():
        source = _load_own(actor, aktivitas_id)
        target = tanggal or source.tanggal
        slots = [slot for slot, _ in _slots(source.pegawai_id, target)]
        free = _free_slot(slots, source.durasi_menit, source.jam_mulai if target == source.tanggal else time(0, 0))
        if free is None:
            raise DomainError(None, "Tidak ada waktu kosong yang cukup pada hari itu untuk menyalin aktivitas ini.")
        data = AktivitasData(target, free[0], free[1], source.uraian, source.volume, source.satuan,
                             TUGAS_ATASAN if source.tugas_atasan or source.rhk_id is None else source.rhk_id,
                             source.tautan_bukti, source.rencana_aksi_id)
        nilai = _validate(source.pegawai_id, data, atur, today, salinan=True)
        item = Aktivitas(pegawai_id=source.pegawai_id, status=rules.DRAFT, bukti=[])
        _apply(item, nilai)
        db.session.add(item)
        db.session.flush()
        record(actor, "aktivitas.duplikat", "aktivitas", item.id, sesudah=_snapshot(item) | {"dari": source.id})
        db.session.commit()
    return item


@dataclass
class HasilSalin:
    """The outcome of "Salin dari Kemarin"."""

    sumber: date
    disalin: list[Aktivitas] = field(default_factory=list)
    dilewati: list[str] = field(default_factory=list)  # "08:00–10:00 Rapat … (bertumpang tindih)"

    def pesan(self) -> str:
        if not self.disalin and not self.dilewati:
            return f"Tidak ada aktivitas pada {format_tanggal(self.sumber, 'EEEE, d MMMM yyyy')} untuk disalin."
        text = f"{len(self.disalin)} aktivitas disalin dari {format_tanggal(self.sumber, 'EEEE, d MMMM yyyy')} sebagai Draft."
        if self.dilewati:
            text += " Dilewati: " + "; ".join(self.dilewati) + "."
        return text


def copy_from_previous_day(actor, tanggal: date, *, today: date | None = None) -> HasilSalin:
    """Copy the actor's entries of the previous working day before ``tanggal`` to ``tanggal`` as
    Draft (same times, RHK, volume, satuan, link; no files), skipping those that overlap an
    entry already there or would pass the daily cap; the result says what was skipped.
    """
    pegawai_id = _own_pegawai_id(actor)
    atur = pengaturan()
    today = _today(atur, today)
    with _transaction():
        kal = _kalender_for(pegawai_id, tanggal, today)
        rules.check_tanggal(tanggal, today, atur.masa_tenggang_hari_kerja, kal.hari_kerja_per_minggu, kal.libur)
        _check_absen(kal, tanggal)
        sumber = kalender_rules.previous_working_day(tanggal, kal.hari_kerja_per_minggu, kal.libur)
        hasil = HasilSalin(sumber)
        _lock_pegawai(pegawai_id)
        existing = _slots(pegawai_id, tanggal)
        slots = [slot for slot, _ in existing]
        total = sum(menit for _, menit in existing)
        rhk_ok = {c.id for c in rhk_choices(pegawai_id, tanggal)}
        for src in entries_for_day(pegawai_id, sumber):
            label = f"{jam(src.jam_mulai)}–{jam(src.jam_selesai)} {_pendek(src.uraian)}"
            if rules.find_overlap(src.jam_mulai, src.jam_selesai, slots) is not None:
                hasil.dilewati.append(f"{label} (bertumpang tindih)")
                continue
            if total + src.durasi_menit > atur.batas_menit_harian:
                hasil.dilewati.append(f"{label} (melebihi batas menit harian)")
                continue
            item = Aktivitas(pegawai_id=pegawai_id, status=rules.DRAFT, tanggal=tanggal, jam_mulai=src.jam_mulai,
                             jam_selesai=src.jam_selesai, durasi_menit=src.durasi_menit, uraian=src.uraian,
                             volume=src.volume, satuan=src.satuan,
                             rhk_id=src.rhk_id if src.rhk_id in rhk_ok else None,
                             rencana_aksi_id=_resolve_rencana_aksi(src.rhk_id if src.rhk_id in rhk_ok else None,
                                                                   tanggal, src.rencana_aksi_id, strict=False),
                             tugas_atasan=src.tugas_atasan or src.rhk_id not in rhk_ok,
                             tautan_bukti=src.tautan_bukti, hari_libur=not kal.is_working_day(tanggal), bukti=[])
            db.session.add(item)
            slots.append(rules.Slot(None, src.jam_mulai, src.jam_selesai))
            total += src.durasi_menit
            hasil.disalin.append(item)
        db.session.flush()
        record_many(actor, [Kejadian("aktivitas.salin", "aktivitas", item.id,
                                     sesudah=_snapshot(item) | {"dari": sumber.isoformat()}) for item in hasil.disalin])
        db.session.commit()
    return hasil


def _pendek(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def submit_aktivitas(actor, ids, *, today: date | None = None) -> list[Aktivitas]:
    """Submit (Diajukan) the actor's own Draft/Dikembalikan entries ``ids`` for verification.

    All or nothing: an id that is missing or out of sight raises NotFound, someone else's that the
    actor may see PermissionDenied (``kinerja.aktivitas.permissions``); a locked
    entry or a day past its grace window raises DomainError.  Returns the submitted entries.
    """
    pegawai_id = _own_pegawai_id(actor)
    wanted = parse_ids(ids)
    if not wanted:
        raise DomainError(None, "Pilih aktivitas yang akan diajukan.")
    atur = pengaturan()
    today = _today(atur, today)
    with _transaction():
        items = list(db.session.execute(
            select(Aktivitas).where(Aktivitas.id.in_(wanted)).order_by(Aktivitas.tanggal, Aktivitas.jam_mulai)
        ).scalars())
        if len(items) != len(wanted):
            raise NotFound()
        for item in items:
            permissions.require_owner(actor, item)  # 404 out of sight, 403 someone else's
        return _submit(actor, pegawai_id, items, atur, today)


def submit_day(actor, tanggal: date, *, today: date | None = None) -> list[Aktivitas]:
    """Submit every Draft/Dikembalikan entry of the actor on ``tanggal`` ("Ajukan")."""
    pegawai_id = _own_pegawai_id(actor)
    atur = pengaturan()
    today = _today(atur, today)
    with _transaction():
        items = list(db.session.execute(
            select(Aktivitas).where(Aktivitas.pegawai_id == pegawai_id, Aktivitas.tanggal == tanggal,
                                    Aktivitas.status.in_(EDITABLE))
            .order_by(Aktivitas.jam_mulai)
        ).scalars())
        if not items:
            raise DomainError(None, "Tidak ada aktivitas Draft atau Dikembalikan pada hari ini untuk diajukan.")
        return _submit(actor, pegawai_id, items, atur, today)


def _submit(actor, pegawai_id: int, items: list[Aktivitas], atur: Pengaturan, today: date) -> list[Aktivitas]:
    if any(i.status not in EDITABLE for i in items):
        raise DomainError(None, "Sebagian aktivitas terpilih sudah diajukan atau disetujui. Muat ulang halaman.")
    days = sorted({i.tanggal for i in items})
    kal = _kalender_for(pegawai_id, days[0], days[-1], today)
    for day in days:
        rules.check_grace(day, today, atur.masa_tenggang_hari_kerja, kal.hari_kerja_per_minggu, kal.libur)
    now = utcnow()
    kejadian = []
    for item in items:
        kejadian.append(Kejadian("aktivitas.ajukan", "aktivitas", item.id, sebelum={"status": item.status},
                                 sesudah={"status": rules.DIAJUKAN, "tanggal": item.tanggal.isoformat()}))
        item.status = rules.DIAJUKAN
        item.diajukan_at = now
    _beri_tahu_atasan(actor, pegawai_id, items)
    record_many(actor, kejadian)  # last: the chain's head stays locked until the commit
    db.session.commit()
    return items


def _beri_tahu_atasan(actor, pegawai_id: int, items: list[Aktivitas]) -> None:
    """Entries submitted: tell the atasan (e-mail is batched per hour by kinerja.notifikasi.rules)."""
    from kinerja.atasan import ada_penugasan, atasan_efektif_id

    if ada_penugasan():  # the verifier is the Plt/Plh while it runs
        pegawai = db.session.get(Pegawai, pegawai_id)
        atasan_id = atasan_efektif_id(pegawai) if pegawai is not None else None
    else:
        atasan_id = db.session.execute(select(Pegawai.atasan_id).where(Pegawai.id == pegawai_id)).scalar_one_or_none()
    if atasan_id is None:
        return
    hari = sorted({i.tanggal for i in items})
    kapan = format_tanggal(hari[0]) if len(hari) == 1 else f"{format_tanggal(hari[0])}–{format_tanggal(hari[-1])}"
    notify_pegawai(atasan_id, f"{actor.nama_tampilan} mengajukan {len(items)} aktivitas ({kapan}) untuk diverifikasi.",
                   "/verifikasi/", jenis="aktivitas.diajukan")
