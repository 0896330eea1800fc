"""Import use cases: check a file against the database (dry run) and import it in one transaction.

The acting user comes first; ``None`` means the command line (recorded as "cli").

Accounts for new pegawai get a random hash that no password can match, with
``harus_ganti_sandi=True``: hashing a temporary password per row would cost ~0.3 s each at the
production scrypt cost, and printing hundreds of passwords is no way to hand them out.  The admin
gives each pegawai a temporary password with "Atur Ulang Kata Sandi" (akun.services.reset_password).
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kinerja.audit.services import record
from kinerja.extensions import db
from kinerja.models import Akun, Jabatan, Pegawai, UnitKerja
from kinerja.organisasi.impor.berkas import Tabel, baca_berkas
from kinerja.organisasi.impor.laporan import AKSI_BARU, AKSI_DIPERBARUI, AKSI_TETAP, BarisHasil, ImporReport
from kinerja.organisasi.impor.rules import (
    BarisData,
    BerkasError,
    cycle_message,
    duplicate_rows,
    find_cycles,
    validate_row,
)
from kinerja.organisasi.permissions import require_admin_or_cli
from kinerja.organisasi.rules import golongan_problem, infer_jenis_jabatan

log = logging.getLogger(__name__)

_CHUNK = 500


def _name_key(text: str) -> str:
    return " ".join(text.split()).lower()


# ------------------------------------------------------------------ what the database holds

@dataclass
class _Lama:
    id: int
    nip: str
    nama: str
    status: str
    golongan: str | None
    jabatan_id: int | None
    unit_id: int | None
    atasan_id: int | None
    email: str | None
    aktif: bool
    pimpinan: bool


@dataclass
class _Data:
    pegawai: dict[str, _Lama]
    nip_by_id: dict[int, str]
    unit_by_key: dict[str, int]
    unit_nama: dict[int, str]
    jabatan_by_key: dict[str, int]
    jabatan_nama: dict[int, str]


def _load() -> _Data:
    pegawai = {
        row.nip: _Lama(*row)
        for row in db.session.execute(select(
            Pegawai.id, Pegawai.nip, Pegawai.nama, Pegawai.status, Pegawai.golongan, Pegawai.jabatan_id,
            Pegawai.unit_id, Pegawai.atasan_id, Pegawai.email, Pegawai.aktif, Pegawai.pimpinan))
    }
    unit_by_key: dict[str, int] = {}
    unit_nama: dict[int, str] = {}
    # Active units first, so that an active unit wins over an inactive one with the same name.
    for uid, nama, _aktif in db.session.execute(
            select(UnitKerja.id, UnitKerja.nama, UnitKerja.aktif).order_by(UnitKerja.aktif.desc(), UnitKerja.id)):
        unit_by_key.setdefault(_name_key(nama), uid)
        unit_nama[uid] = nama
    jabatan_by_key: dict[str, int] = {}
    jabatan_nama: dict[int, str] = {}
    for jid, nama in db.session.execute(select(Jabatan.id, Jabatan.nama).order_by(Jabatan.id)):
        jabatan_by_key.setdefault(_name_key(nama), jid)
        jabatan_nama[jid] = nama
    return _Data(pegawai, {p.id: p.nip for p in pegawai.values()}, unit_by_key, unit_nama,
                 jabatan_by_key, jabatan_nama)


# ------------------------------------------------------------------ the plan

@dataclass
class _Item:
    data: BarisData
    hasil: BarisHasil
    lama: _Lama | None = None
    nilai: dict = field(default_factory=dict)   # final values, see _final_values


@dataclass
class _Rencana:
    items: list[_Item]
    jabatan_baru: dict[str, str]                # key → spelling as first seen


def _read(data: bytes, nama_berkas: str, dry_run: bool) -> tuple[ImporReport, Tabel | None]:
    report = ImporReport(nama_berkas=nama_berkas, dry_run=dry_run)
    try:
        tabel = baca_berkas(data, nama_berkas)
    except BerkasError as err:
        report.file_errors.append(err.message)
        return report, None
    report.keterangan, report.kolom_diabaikan = tabel.keterangan, tabel.kolom.diabaikan
    return report, tabel


def _plan(tabel: Tabel, report: ImporReport, today: date | None, kemajuan=None) -> _Rencana:
    db_data = _load()
    status_lama = {nip: p.status for nip, p in db_data.pegawai.items()}
    items = []
    if kemajuan is not None:
        kemajuan.mulai(len(tabel.rows), keterangan=f"{len(tabel.rows)} baris {report.nama_berkas}")
    for baris, values in tabel.rows:
        if kemajuan is not None:
            kemajuan.maju()
        row = validate_row(baris, values, today, status_lama)
        hasil = BarisHasil(baris, row.nip or row.nip_teks, row.nama, errors=list(row.errors))
        if row.unit and _name_key(row.unit) not in db_data.unit_by_key:
            hasil.errors.append(f"Unit kerja '{row.unit}' tidak ditemukan; buat dulu di Admin → Unit Kerja.")
        items.append(_Item(row, hasil, db_data.pegawai.get(row.nip) if row.nip else None))
    report.rows = [item.hasil for item in items]

    duplicates = duplicate_rows((item.data.baris, item.data.nip) for item in items)
    in_file: dict[str, _Item] = {}
    for item in items:
        if item.data.baris in duplicates:
            item.hasil.errors.append(duplicates[item.data.baris])
        elif item.data.nip:
            in_file[item.data.nip] = item

    _check_atasan(items, in_file, db_data)
    _check_cycles(in_file, db_data)
    jabatan_baru: dict[str, str] = {}
    unit_memo: dict[str, int | None] = {}
    for item in in_file.values():
        _final_values(item, in_file, db_data, jabatan_baru, unit_memo)
    report.jabatan_baru = list(jabatan_baru.values())
    return _Rencana(list(in_file.values()), jabatan_baru)


def _atasan_lama(nip: str, db_data: _Data) -> str | None:
    lama = db_data.pegawai.get(nip)
    return db_data.nip_by_id.get(lama.atasan_id) if lama and lama.atasan_id else None


def _check_atasan(items: list[_Item], in_file: dict[str, _Item], db_data: _Data) -> None:
    for item in items:
        nip_atasan = item.data.nip_atasan
        if nip_atasan is None:
            continue
        lama = db_data.pegawai.get(nip_atasan)
        if lama is None and nip_atasan in in_file:
            continue
        if lama is None:
            item.hasil.errors.append(
                f"Atasan dengan NIP {nip_atasan} tidak ditemukan, baik di basis data maupun di berkas ini.")
        elif not lama.aktif:  # the import never reactivates anybody
            item.hasil.errors.append(f"Atasan dengan NIP {nip_atasan} ({lama.nama}) sudah nonaktif; "
                                     "aktifkan dulu atau pilih atasan lain.")


def _check_cycles(in_file: dict[str, _Item], db_data: _Data) -> None:
    """Cycles in the atasan relation as it would be after the import (file rows override the database)."""
    def atasan_after(nip: str) -> str | None:
        item = in_file.get(nip)
        if item is not None and item.data.nip_atasan:
            return item.data.nip_atasan
        return _atasan_lama(nip, db_data)

    graph = {nip: atasan_after(nip) for nip in (*db_data.pegawai, *in_file)}
    cycles = find_cycles(graph, in_file)
    for nip, cycle in cycles.items():
        # Only cycles the file creates; one already in the database is not this file's fault.
        if nip in in_file and any(m in in_file and in_file[m].data.nip_atasan for m in cycle):
            in_file[nip].hasil.errors.append(cycle_message(cycle))


def _unit_after(nip: str, in_file: dict[str, _Item], db_data: _Data, memo: dict[str, int | None],
                depth: int = 0) -> int | None:
    """The unit a pegawai ends up in: the Unit Kerja cell; else the current unit; else (a new
    pegawai, or one without a unit) the unit of the atasan named in the file."""
    if nip in memo:
        return memo[nip]
    item, lama = in_file.get(nip), db_data.pegawai.get(nip)
    unit_id: int | None
    if item is None:
        unit_id = lama.unit_id if lama else None
    elif item.data.unit:
        unit_id = db_data.unit_by_key.get(_name_key(item.data.unit))
    elif lama is not None and lama.unit_id is not None:
        unit_id = lama.unit_id
    else:
        atasan = item.data.nip_atasan
        unit_id = _unit_after(atasan, in_file, db_data, memo, depth + 1) if atasan and depth < 200 else None
    memo[nip] = unit_id
    return unit_id


def _final_values(item: _Item, in_file: dict[str, _Item], db_data: _Data, jabatan_baru: dict[str, str],
                  unit_memo: dict[str, int | None]) -> None:
    """Fill ``item.nilai`` (the values after the import), ``hasil.aksi`` and ``hasil.perubahan``.

    Empty cells never erase what the database holds; an empty Status means PNS for a new pegawai.
    """
    row, lama, hasil = item.data, item.lama, item.hasil
    jabatan: int | str | None = lama.jabatan_id if lama else None
    if row.jabatan:
        key = _name_key(row.jabatan)
        jabatan = db_data.jabatan_by_key.get(key)
        if jabatan is None:
            jabatan_baru.setdefault(key, " ".join(row.jabatan.split()))
            jabatan = "baru:" + key
    status = row.status or (lama.status if lama else "PNS")
    golongan = row.golongan if row.golongan is not None else (lama.golongan if lama else None)
    if row.golongan is None and golongan and golongan_problem(status, golongan):
        hasil.errors.append(f"Golongan {golongan} yang tercatat tidak berlaku untuk status {status}; "
                            "isi kolom Pangkat/Golongan.")
    unit_id = _unit_after(row.nip, in_file, db_data, unit_memo)
    nilai = {
        "nama": row.nama,
        "status": status,
        "golongan": golongan,
        "jabatan": jabatan,
        "unit_id": unit_id,
        "atasan_nip": row.nip_atasan or (_atasan_lama(row.nip, db_data) if lama else None),
        "email": row.email or (lama.email if lama else None),
        "pimpinan": bool(lama and lama.pimpinan and lama.unit_id == unit_id),
    }
    item.nilai = nilai
    if hasil.errors:
        return
    if lama is None:
        hasil.aksi = AKSI_BARU
        return
    before = {
        "nama": lama.nama, "status": lama.status, "golongan": lama.golongan, "jabatan": lama.jabatan_id,
        "unit_id": lama.unit_id, "atasan_nip": _atasan_lama(row.nip, db_data), "email": lama.email,
        "pimpinan": lama.pimpinan,
    }
    hasil.perubahan = [_describe(key, before[key], nilai[key], db_data, jabatan_baru)
                       for key in nilai if before[key] != nilai[key]]
    hasil.aksi = AKSI_DIPERBARUI if hasil.perubahan else AKSI_TETAP


_LABELS = {"nama": "Nama", "status": "Status", "golongan": "Pangkat/Golongan", "jabatan": "Jabatan",
           "unit_id": "Unit Kerja", "atasan_nip": "NIP Atasan", "email": "E-mail", "pimpinan": "Pimpinan unit"}


def _describe(key: str, before, after, db_data: _Data, jabatan_baru: dict[str, str]) -> str:
    def show(value) -> str:
        if value is None or value == "":
            return "–"
        if key == "unit_id":
            return db_data.unit_nama.get(value, "–")
        if key == "jabatan":
            if isinstance(value, str):
                return jabatan_baru[value.removeprefix("baru:")] + " (baru)"
            return db_data.jabatan_nama.get(value, "–")
        if key == "pimpinan":
            return "ya" if value else "tidak (pindah unit)"
        return str(value)

    return f"{_LABELS[key]}: {show(before)} → {show(after)}"


# ------------------------------------------------------------------ use cases

def check_import(actor, data: bytes, nama_berkas: str, today: date | None = None, kemajuan=None) -> ImporReport:
    """Dry run: validate every row against the file and the database; write nothing."""
    require_admin_or_cli(actor)
    report, tabel = _read(data, nama_berkas, dry_run=True)
    if tabel is not None:
        _plan(tabel, report, today, kemajuan)
    return report


def apply_import(actor, data: bytes, nama_berkas: str, today: date | None = None, kemajuan=None) -> ImporReport:
    """Import everything in one transaction, or nothing while any row is bad.

    ``kemajuan`` (a job's ``Konteks`` or a terminal bar: ``mulai(total)``, ``maju()``) hears of each
    row checked; the rows are then written in one transaction."""
    require_admin_or_cli(actor)
    report, tabel = _read(data, nama_berkas, dry_run=False)
    if tabel is None:
        return report
    rencana = _plan(tabel, report, today, kemajuan)
    if report.errors:
        return report
    try:
        _write(actor, rencana, report)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        log.warning("impor pegawai dibatalkan: data berubah bersamaan")
        report.file_errors.append("Data pegawai berubah di tempat lain saat impor berjalan. Tidak ada yang "
                                  "disimpan; periksa lalu impor lagi.")
        return report
    report.applied = True
    log.info("impor pegawai %s oleh %s: %s dibuat, %s diperbarui", nama_berkas,
             getattr(actor, "id", "cli"), report.dibuat, report.diperbarui)
    return report


def run_import_file(actor, path: str | Path, dry_run: bool = False, kemajuan=None) -> ImporReport:
    """The CLI entry point: read the file at ``path``, then check or import it."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError:
        report = ImporReport(nama_berkas=path.name, dry_run=dry_run)
        report.file_errors.append("Berkas tidak dapat dibaca.")
        return report
    if dry_run:
        return check_import(actor, data, path.name, kemajuan=kemajuan)
    return apply_import(actor, data, path.name, kemajuan=kemajuan)


# ------------------------------------------------------------------ writing

def _unusable_password_hash() -> str:
    """A well-formed hash (so a login attempt costs the same) whose value no password can produce."""
    method = current_app.config["PASSWORD_HASH_METHOD"]
    return f"{method}${secrets.token_urlsafe(12)}$!{secrets.token_hex(32)}"


def _snapshot(p: Pegawai) -> dict:
    return {"nip": p.nip, "nama": p.nama, "status": p.status, "golongan": p.golongan,
            "jabatan_id": p.jabatan_id, "unit_id": p.unit_id, "atasan_id": p.atasan_id,
            "pimpinan": p.pimpinan, "aktif": p.aktif, "email": p.email}


def _write(actor, rencana: _Rencana, report: ImporReport) -> None:
    label = None if actor is not None else "cli"
    jabatan_ids: dict[str, int] = {}
    for key, nama in rencana.jabatan_baru.items():
        jenis, jenjang = infer_jenis_jabatan(nama)
        jab = Jabatan(nama=nama[:200], jenis=jenis, jenjang=jenjang)
        db.session.add(jab)
        db.session.flush()
        jabatan_ids["baru:" + key] = jab.id
        record(actor, "jabatan.buat", "jabatan", jab.id, sesudah={"nama": jab.nama, "jenis": jenis, "jenjang": jenjang},
               aktor_label=label)

    def jabatan_id(value):
        return jabatan_ids[value] if isinstance(value, str) else value

    baru = [item for item in rencana.items if item.hasil.aksi == AKSI_BARU]
    ubah = [item for item in rencana.items if item.hasil.aksi == AKSI_DIPERBARUI]
    created: list[tuple[Pegawai, _Item]] = []
    for item in baru:
        row, nilai = item.data, item.nilai
        p = Pegawai(nip=row.nip, nama=nilai["nama"], status=nilai["status"], golongan=nilai["golongan"],
                    jabatan_id=jabatan_id(nilai["jabatan"]), unit_id=nilai["unit_id"], pimpinan=False, aktif=True,
                    email=nilai["email"], tanggal_lahir=row.tanggal_lahir, jenis_kelamin=row.jenis_kelamin)
        created.append((p, item))
    db.session.add_all(p for p, _ in created)
    db.session.flush()
    id_by_nip: dict[str, int] = dict(db.session.execute(select(Pegawai.nip, Pegawai.id)).tuples().all())
    for p, item in created:
        p.atasan_id = id_by_nip.get(item.nilai["atasan_nip"]) if item.nilai["atasan_nip"] else None
    db.session.add_all(Akun(pegawai_id=p.id, password_hash=_unusable_password_hash(), harus_ganti_sandi=True,
                            aktif=True) for p, _ in created)
    db.session.flush()
    for p, _ in created:
        record(actor, "pegawai.buat", "pegawai", p.id, sesudah=_snapshot(p), aktor_label=label)
    report.akun_dibuat = len(created)

    by_id = {item.lama.id: item for item in ubah if item.lama is not None}
    ids = list(by_id)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        for p in db.session.execute(select(Pegawai).where(Pegawai.id.in_(chunk))).scalars():
            item = by_id[p.id]
            before = _snapshot(p)
            nilai = item.nilai
            p.nama, p.status, p.golongan = nilai["nama"], nilai["status"], nilai["golongan"]
            p.jabatan_id, p.unit_id, p.email = jabatan_id(nilai["jabatan"]), nilai["unit_id"], nilai["email"]
            p.atasan_id = id_by_nip.get(nilai["atasan_nip"]) if nilai["atasan_nip"] else None
            p.pimpinan = nilai["pimpinan"]
            p.tanggal_lahir, p.jenis_kelamin = item.data.tanggal_lahir, item.data.jenis_kelamin
            record(actor, "pegawai.ubah", "pegawai", p.id, sebelum=before, sesudah=_snapshot(p), aktor_label=label)

    record(actor, "pegawai.impor", "pegawai", None, aktor_label=label, sesudah={
        "berkas": report.nama_berkas[:200], "baris": len(report.rows), "dibuat": report.dibuat,
        "diperbarui": report.diperbarui, "tidak_berubah": report.tidak_berubah,
        "jabatan_baru": len(rencana.jabatan_baru),
    })

