"""Organisation use cases.  Each takes the acting user, checks, writes, audits, commits once."""

from __future__ import annotations

import io
import logging
import os
import re
import secrets
import warnings
from dataclasses import dataclass
from datetime import date

from PIL import Image, UnidentifiedImageError
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from kinerja.akun.services import generate_temporary_password, hash_password
from kinerja.audit.services import record
from kinerja.errors import DomainError, PermissionDenied
from kinerja.extensions import db
from kinerja.models import Akun, HariLibur, Instansi, Jabatan, Pegawai, UnitKerja
from kinerja.organisasi.rules import (
    NipError,
    atasan_problem,
    golongan_problem,
    normalise_golongan,
    normalise_nip,
    parse_nip,
)
from kinerja.referensi import (
    HARI_KERJA_PER_MINGGU,
    JENIS_HARI_LIBUR,
    JENIS_JABATAN,
    JENJANG_FUNGSIONAL,
    STATUS_KEPEGAWAIAN,
    ZONA_WAKTU,
)

log = logging.getLogger(__name__)


def _require_admin(actor) -> None:
    if actor is None or not getattr(actor, "is_admin", False):
        raise PermissionDenied()


def _atasan_lookup(overrides: dict[int, int | None] | None = None):
    overrides = overrides or {}

    def atasan_of(pid: int) -> int | None:
        if pid in overrides:
            return overrides[pid]
        return db.session.execute(select(Pegawai.atasan_id).where(Pegawai.id == pid)).scalar_one_or_none()

    return atasan_of


# ---------------------------------------------------------------- instansi

def get_instansi() -> Instansi:
    inst = db.session.execute(select(Instansi).limit(1)).scalar_one_or_none()
    if inst is None:
        inst = Instansi(nama_pemda="Pemerintah Kabupaten", nama_dinas="", alamat="", kota_ttd="")
        db.session.add(inst)
        db.session.flush()
    return inst


INSTANSI_FIELDS = ("nama_pemda", "nama_dinas", "alamat", "kota_ttd", "zona_waktu",
                   "target_menit_bulanan", "batas_menit_harian", "masa_tenggang_hari_kerja")


def update_instansi(actor, data: dict) -> Instansi:
    _require_admin(actor)
    inst = get_instansi()
    if data.get("zona_waktu") not in ZONA_WAKTU:
        raise DomainError("zona_waktu", "Pilih zona waktu WIB, WITA, atau WIT.")
    if not (60 <= int(data.get("target_menit_bulanan", 0)) <= 20000):
        raise DomainError("target_menit_bulanan", "Target menit bulanan harus antara 60 dan 20.000.")
    if not (60 <= int(data.get("batas_menit_harian", 0)) <= 1440):
        raise DomainError("batas_menit_harian", "Batas menit harian harus antara 60 dan 1.440.")
    if not (0 <= int(data.get("masa_tenggang_hari_kerja", -1)) <= 10):
        raise DomainError("masa_tenggang_hari_kerja", "Masa tenggang harus 0 sampai 10 hari kerja.")
    before = {f: getattr(inst, f) for f in INSTANSI_FIELDS}
    for f in INSTANSI_FIELDS:
        value = data.get(f)
        setattr(inst, f, value.strip() if isinstance(value, str) else value)
    after = {f: getattr(inst, f) for f in INSTANSI_FIELDS}
    record(actor, "instansi.ubah", "instansi", inst.id, sebelum=before, sesudah=after)
    db.session.commit()
    return inst


def set_logo(actor, nama_file: str | None) -> Instansi:
    _require_admin(actor)
    inst = get_instansi()
    before = inst.logo_nama_file
    inst.logo_nama_file = nama_file
    record(actor, "instansi.logo", "instansi", inst.id, sebelum={"logo": before}, sesudah={"logo": nama_file})
    db.session.commit()
    return inst


# ---------------------------------------------------------------- unit kerja

def _unit_cycle(unit_id: int | None, induk_id: int | None) -> bool:
    current = induk_id
    seen = set()
    while current is not None:
        if current == unit_id or current in seen:
            return True
        seen.add(current)
        current = db.session.execute(select(UnitKerja.induk_id).where(UnitKerja.id == current)).scalar_one_or_none()
    return False


def save_unit(actor, unit_id: int | None, nama: str, singkatan: str | None, induk_id: int | None,
              hari_kerja_per_minggu: int, aktif: bool = True) -> UnitKerja:
    _require_admin(actor)
    nama = (nama or "").strip()
    if not nama:
        raise DomainError("nama", "Nama unit kerja wajib diisi.")
    if hari_kerja_per_minggu not in HARI_KERJA_PER_MINGGU:
        raise DomainError("hari_kerja_per_minggu", "Hari kerja per minggu harus 5 atau 6.")
    if induk_id is not None and db.session.get(UnitKerja, induk_id) is None:
        raise DomainError("induk_id", "Unit induk tidak ditemukan.")
    unit = db.session.get(UnitKerja, unit_id) if unit_id else UnitKerja()
    if unit is None:
        raise DomainError(None, "Unit kerja tidak ditemukan.")
    if unit_id and _unit_cycle(unit_id, induk_id):
        raise DomainError("induk_id", "Unit induk tidak boleh unit itu sendiri atau unit di bawahnya.")
    dup = db.session.execute(
        select(UnitKerja.id).where(func.lower(UnitKerja.nama) == nama.lower(), UnitKerja.id != (unit_id or 0))
    ).first()
    if dup:
        raise DomainError("nama", "Nama unit kerja sudah dipakai.")
    before = None if not unit_id else {"nama": unit.nama, "induk_id": unit.induk_id,
                                       "hari_kerja_per_minggu": unit.hari_kerja_per_minggu, "aktif": unit.aktif}
    unit.nama, unit.singkatan, unit.induk_id = nama, (singkatan or "").strip() or None, induk_id
    unit.hari_kerja_per_minggu, unit.aktif = hari_kerja_per_minggu, aktif
    db.session.add(unit)
    db.session.flush()
    record(actor, "unit.ubah" if unit_id else "unit.buat", "unit_kerja", unit.id, sebelum=before,
           sesudah={"nama": unit.nama, "induk_id": unit.induk_id,
                    "hari_kerja_per_minggu": unit.hari_kerja_per_minggu, "aktif": unit.aktif})
    db.session.commit()
    return unit


# ---------------------------------------------------------------- jabatan

def save_jabatan(actor, jabatan_id: int | None, nama: str, jenis: str, jenjang: str | None) -> Jabatan:
    _require_admin(actor)
    nama = (nama or "").strip()
    if not nama:
        raise DomainError("nama", "Nama jabatan wajib diisi.")
    if jenis not in JENIS_JABATAN:
        raise DomainError("jenis", "Pilih jenis jabatan.")
    jenjang = jenjang or None
    if jenjang and jenjang not in JENJANG_FUNGSIONAL:
        raise DomainError("jenjang", "Jenjang tidak dikenal.")
    if jenjang and jenis != "Fungsional":
        raise DomainError("jenjang", "Jenjang hanya untuk jabatan fungsional.")
    dup = db.session.execute(
        select(Jabatan.id).where(func.lower(Jabatan.nama) == nama.lower(), Jabatan.id != (jabatan_id or 0))
    ).first()
    if dup:
        raise DomainError("nama", "Nama jabatan sudah ada.")
    jab = db.session.get(Jabatan, jabatan_id) if jabatan_id else Jabatan()
    if jab is None:
        raise DomainError(None, "Jabatan tidak ditemukan.")
    before = None if not jabatan_id else {"nama": jab.nama, "jenis": jab.jenis, "jenjang": jab.jenjang}
    jab.nama, jab.jenis, jab.jenjang = nama, jenis, jenjang
    db.session.add(jab)
    db.session.flush()
    record(actor, "jabatan.ubah" if jabatan_id else "jabatan.buat", "jabatan", jab.id, sebelum=before,
           sesudah={"nama": nama, "jenis": jenis, "jenjang": jenjang})
    db.session.commit()
    return jab


# ---------------------------------------------------------------- pegawai

@dataclass
class PegawaiData:
    nip: str
    nama: str
    status: str = "PNS"
    golongan: str | None = None
    jabatan_id: int | None = None
    unit_id: int | None = None
    atasan_id: int | None = None
    pimpinan: bool = False
    email: str | None = None


def _pegawai_snapshot(p: Pegawai) -> dict:
    return {"nip": p.nip, "nama": p.nama, "status": p.status, "golongan": p.golongan,
            "jabatan_id": p.jabatan_id, "unit_id": p.unit_id, "atasan_id": p.atasan_id,
            "pimpinan": p.pimpinan, "aktif": p.aktif, "email": p.email}


def validate_pegawai(data: PegawaiData, pegawai_id: int | None, today: date | None = None) -> tuple[PegawaiData, object]:
    """Check a pegawai record against the rules; return the normalised data and NIP info."""
    nama = (data.nama or "").strip()
    if not nama:
        raise DomainError("nama", "Nama wajib diisi.")
    if len(nama) > 150:
        raise DomainError("nama", "Nama maksimal 150 karakter.")
    if data.status not in STATUS_KEPEGAWAIAN:
        raise DomainError("status", "Status kepegawaian harus PNS, CPNS, atau PPPK.")
    try:
        info = parse_nip(data.nip, data.status, today)
    except NipError as err:
        raise DomainError("nip", str(err)) from err
    golongan = normalise_golongan(data.golongan)
    problem = golongan_problem(data.status, golongan)
    if problem:
        raise DomainError("golongan", problem)
    dup = db.session.execute(select(Pegawai.id).where(Pegawai.nip == info.nip, Pegawai.id != (pegawai_id or 0))).first()
    if dup:
        raise DomainError("nip", "NIP sudah terdaftar untuk pegawai lain.")
    if data.jabatan_id is not None and db.session.get(Jabatan, data.jabatan_id) is None:
        raise DomainError("jabatan_id", "Jabatan tidak ditemukan.")
    if data.unit_id is not None and db.session.get(UnitKerja, data.unit_id) is None:
        raise DomainError("unit_id", "Unit kerja tidak ditemukan.")
    if data.atasan_id is not None:
        atasan = db.session.get(Pegawai, data.atasan_id)
        if atasan is None:
            raise DomainError("atasan_id", "Atasan tidak ditemukan.")
        if not atasan.aktif:
            raise DomainError("atasan_id", "Atasan yang dipilih sudah nonaktif.")
    problem = atasan_problem(pegawai_id, data.atasan_id, _atasan_lookup())
    if problem:
        raise DomainError("atasan_id", problem)
    if data.pimpinan:
        if data.unit_id is None:
            raise DomainError("pimpinan", "Pimpinan unit harus berada di sebuah unit kerja.")
        other = db.session.execute(
            select(Pegawai).where(Pegawai.unit_id == data.unit_id, Pegawai.pimpinan.is_(True),
                                  Pegawai.id != (pegawai_id or 0))
        ).scalar_one_or_none()
        if other is not None:
            raise DomainError("pimpinan", f"Unit ini sudah dipimpin oleh {other.nama}. Lepaskan dulu tanda pimpinannya.")
    email = (data.email or "").strip() or None
    if email and ("@" not in email or len(email) > 150):
        raise DomainError("email", "Alamat e-mail tidak valid.")
    data.nip, data.nama, data.golongan, data.email = info.nip, nama, golongan, email
    return data, info


def _apply(p: Pegawai, data: PegawaiData, info) -> None:
    p.nip, p.nama, p.status, p.golongan = data.nip, data.nama, data.status, data.golongan
    p.jabatan_id, p.unit_id, p.atasan_id, p.pimpinan, p.email = (
        data.jabatan_id, data.unit_id, data.atasan_id, data.pimpinan, data.email)
    p.tanggal_lahir, p.jenis_kelamin = info.tanggal_lahir, info.jenis_kelamin


@dataclass(frozen=True)
class PegawaiBaru:
    pegawai: Pegawai
    sandi_sementara: str


def create_pegawai(actor, data: PegawaiData, today: date | None = None) -> PegawaiBaru:
    """Create a pegawai and their account with a temporary password."""
    _require_admin(actor)
    data, info = validate_pegawai(data, None, today)
    p = Pegawai(aktif=True)
    _apply(p, data, info)
    db.session.add(p)
    db.session.flush()
    sandi = generate_temporary_password()
    db.session.add(Akun(pegawai_id=p.id, password_hash=hash_password(sandi), harus_ganti_sandi=True, aktif=True))
    record(actor, "pegawai.buat", "pegawai", p.id, sesudah=_pegawai_snapshot(p))
    db.session.commit()
    log.info("pegawai %s dibuat oleh akun %s", p.id, actor.id)
    return PegawaiBaru(p, sandi)


def update_pegawai(actor, pegawai_id: int, data: PegawaiData, today: date | None = None) -> Pegawai:
    _require_admin(actor)
    p = db.session.get(Pegawai, pegawai_id)
    if p is None:
        raise DomainError(None, "Pegawai tidak ditemukan.")
    before = _pegawai_snapshot(p)
    data, info = validate_pegawai(data, pegawai_id, today)
    _apply(p, data, info)
    record(actor, "pegawai.ubah", "pegawai", p.id, sebelum=before, sesudah=_pegawai_snapshot(p))
    db.session.commit()
    return p


def set_atasan(actor, pegawai_id: int, atasan_id: int | None) -> Pegawai:
    _require_admin(actor)
    p = db.session.get(Pegawai, pegawai_id)
    if p is None:
        raise DomainError(None, "Pegawai tidak ditemukan.")
    if atasan_id is not None:
        atasan = db.session.get(Pegawai, atasan_id)
        if atasan is None or not atasan.aktif:
            raise DomainError("atasan_id", "Atasan tidak ditemukan atau sudah nonaktif.")
    problem = atasan_problem(pegawai_id, atasan_id, _atasan_lookup())
    if problem:
        raise DomainError("atasan_id", problem)
    before = p.atasan_id
    p.atasan_id = atasan_id
    record(actor, "pegawai.atasan", "pegawai", p.id, sebelum={"atasan_id": before}, sesudah={"atasan_id": atasan_id})
    db.session.commit()
    return p


def set_pegawai_aktif(actor, pegawai_id: int, aktif: bool) -> Pegawai:
    """Deactivate (or reactivate) a pegawai; deactivation ends their sessions."""
    _require_admin(actor)
    p = db.session.get(Pegawai, pegawai_id)
    if p is None:
        raise DomainError(None, "Pegawai tidak ditemukan.")
    if not aktif:
        active_subs = db.session.execute(
            select(func.count(Pegawai.id)).where(Pegawai.atasan_id == p.id, Pegawai.aktif.is_(True))
        ).scalar_one()
        if active_subs:
            raise DomainError(None, f"{p.nama} masih menjadi atasan {active_subs} pegawai aktif. Pindahkan dulu bawahannya ke atasan lain.")
    p.aktif = aktif
    if not aktif:
        p.pimpinan = False
    akun = db.session.execute(select(Akun).where(Akun.pegawai_id == p.id)).scalar_one_or_none()
    if akun is not None:
        akun.aktif = aktif
        akun.session_version = (akun.session_version or 1) + 1
    record(actor, "pegawai.aktifkan" if aktif else "pegawai.nonaktifkan", "pegawai", p.id,
           sebelum={"aktif": not aktif}, sesudah={"aktif": aktif})
    db.session.commit()
    return p


# ---------------------------------------------------------------- kalender

def add_hari_libur(actor, tanggal: date, nama: str, jenis: str, sumber: str = "admin") -> HariLibur:
    _require_admin(actor)
    nama = (nama or "").strip()
    if not nama:
        raise DomainError("nama", "Nama hari libur wajib diisi.")
    if jenis not in JENIS_HARI_LIBUR:
        raise DomainError("jenis", "Pilih jenis hari libur.")
    if db.session.execute(select(HariLibur.id).where(HariLibur.tanggal == tanggal)).first():
        raise DomainError("tanggal", "Tanggal ini sudah tercatat sebagai hari libur.")
    item = HariLibur(tanggal=tanggal, nama=nama[:150], jenis=jenis, sumber=sumber)
    db.session.add(item)
    db.session.flush()
    record(actor, "kalender.tambah", "hari_libur", item.id, sesudah={"tanggal": tanggal.isoformat(), "nama": nama, "jenis": jenis})
    db.session.commit()
    return item


def remove_hari_libur(actor, hari_libur_id: int) -> None:
    _require_admin(actor)
    item = db.session.get(HariLibur, hari_libur_id)
    if item is None:
        raise DomainError(None, "Hari libur tidak ditemukan.")
    record(actor, "kalender.hapus", "hari_libur", item.id,
           sebelum={"tanggal": item.tanggal.isoformat(), "nama": item.nama, "jenis": item.jenis})
    db.session.delete(item)
    db.session.commit()


def national_holidays(year: int) -> list[tuple[date, str, str]]:
    """Indonesian national holidays and cuti bersama from the `holidays` library."""
    import holidays

    result = []
    for tanggal, nama in holidays.Indonesia(years=year, language="id").items():
        result.append((tanggal, nama, "Libur Nasional"))
    for tanggal, nama in holidays.Indonesia(years=year, language="id", categories=("government",)).items():
        result.append((tanggal, nama, "Cuti Bersama"))
    return sorted(result)


def seed_national_holidays(actor, year: int) -> int:
    """Add the year's national holidays and cuti bersama that are not recorded yet."""
    _require_admin(actor)
    if not 2000 <= year <= 2100:
        raise DomainError("tahun", "Tahun harus antara 2000 dan 2100.")
    existing = set(db.session.execute(
        select(HariLibur.tanggal).where(HariLibur.tanggal.between(date(year, 1, 1), date(year, 12, 31)))
    ).scalars())
    added = 0
    for tanggal, nama, jenis in national_holidays(year):
        if tanggal in existing:
            continue
        db.session.add(HariLibur(tanggal=tanggal, nama=nama[:150], jenis=jenis, sumber="pustaka"))
        existing.add(tanggal)
        added += 1
    record(actor, "kalender.muat_nasional", "hari_libur", None, sesudah={"tahun": year, "ditambahkan": added})
    db.session.commit()
    return added


# ---------------------------------------------------------------- admin pages: reading

@dataclass(frozen=True)
class UnitRow:
    """One line of the unit kerja tree: the unit, its depth, its head and its active staff count."""

    unit: UnitKerja
    depth: int
    pimpinan: Pegawai | None
    jumlah_pegawai: int


def _walk_tree(units: list[UnitKerja]) -> list[tuple[UnitKerja, int]]:
    """Depth-first order (by nama) from the roots; units in a broken loop come last, at depth 0."""
    children: dict[int | None, list[UnitKerja]] = {}
    ids = {u.id for u in units}
    for u in units:
        parent = u.induk_id if u.induk_id in ids else None
        children.setdefault(parent, []).append(u)
    for siblings in children.values():
        siblings.sort(key=lambda u: u.nama.lower())
    ordered: list[tuple[UnitKerja, int]] = []
    seen: set[int] = set()
    stack = [(u, 0) for u in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        if unit.id in seen:
            continue
        seen.add(unit.id)
        ordered.append((unit, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(unit.id, [])))
    ordered.extend((u, 0) for u in sorted(units, key=lambda u: u.nama.lower()) if u.id not in seen)
    return ordered


def unit_tree(q: str | None = None) -> list[UnitRow]:
    """The whole unit kerja tree in three queries; with ``q``, matching units and their ancestors."""
    units = list(db.session.execute(select(UnitKerja)).scalars())
    counts = dict(db.session.execute(
        select(Pegawai.unit_id, func.count(Pegawai.id)).where(Pegawai.aktif.is_(True), Pegawai.unit_id.is_not(None))
        .group_by(Pegawai.unit_id)
    ).all())
    heads = {p.unit_id: p for p in db.session.execute(
        select(Pegawai).where(Pegawai.pimpinan.is_(True), Pegawai.aktif.is_(True))
    ).scalars()}
    rows = _walk_tree(units)
    needle = (q or "").strip().lower()
    if needle:
        by_id = {u.id: u for u in units}
        keep: set[int] = set()
        for u in units:
            if needle in u.nama.lower() or needle in (u.singkatan or "").lower():
                current: UnitKerja | None = u
                while current is not None and current.id not in keep:
                    keep.add(current.id)
                    current = by_id.get(current.induk_id)
        rows = [(u, d) for u, d in rows if u.id in keep]
    return [UnitRow(u, d, heads.get(u.id), counts.get(u.id, 0)) for u, d in rows]


def unit_choices(exclude_subtree_of: int | None = None) -> list[tuple[int, str]]:
    """(id, label indented by depth) for select boxes; optionally without one unit and everything below it."""
    rows = _walk_tree(list(db.session.execute(select(UnitKerja)).scalars()))
    result, skip_depth = [], None
    for unit, depth in rows:
        if skip_depth is not None and depth > skip_depth:
            continue
        skip_depth = None
        if unit.id == exclude_subtree_of:
            skip_depth = depth
            continue
        label = ("\u2014 " * depth) + unit.nama + ("" if unit.aktif else " (nonaktif)")
        result.append((unit.id, label))
    return result


def jabatan_choices() -> list[tuple[int, str]]:
    return [(j.id, j.nama) for j in db.session.execute(select(Jabatan).order_by(Jabatan.nama)).scalars()]


def list_jabatan(q: str | None, page: int, per_page: int = 25):
    """A page of jabatan and {jabatan_id: active pegawai holding it} (three queries, whatever the page size)."""
    stmt = select(Jabatan).order_by(Jabatan.nama)
    needle = (q or "").strip()[:100]
    if needle:
        stmt = stmt.where(Jabatan.nama.icontains(needle, autoescape=True))
    result = db.paginate(stmt, page=page, per_page=per_page, error_out=False)
    ids = [j.id for j in result.items]
    counts = dict(db.session.execute(
        select(Pegawai.jabatan_id, func.count(Pegawai.id))
        .where(Pegawai.jabatan_id.in_(ids), Pegawai.aktif.is_(True)).group_by(Pegawai.jabatan_id)
    ).all()) if ids else {}
    return result, counts


def list_pegawai(q: str | None, unit_id: int | None, aktif: bool | None, page: int, per_page: int = 25):
    """A page of pegawai with jabatan, unit and atasan loaded in the same query (no N+1)."""
    stmt = select(Pegawai).options(
        joinedload(Pegawai.jabatan), joinedload(Pegawai.unit), joinedload(Pegawai.atasan)
    ).order_by(Pegawai.nama, Pegawai.id)
    needle = (q or "").strip()[:100]
    if needle:
        conditions = [Pegawai.nama.icontains(needle, autoescape=True)]
        digits = normalise_nip(needle)
        if digits.isdigit():
            conditions.append(Pegawai.nip.contains(digits, autoescape=True))
        stmt = stmt.where(or_(*conditions))
    if unit_id is not None:
        stmt = stmt.where(Pegawai.unit_id == unit_id)
    if aktif is not None:
        stmt = stmt.where(Pegawai.aktif.is_(aktif))
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)


def atasan_candidates(pegawai_id: int | None, unit_id: int | None, selected_id: int | None,
                      q: str | None = None, limit: int = 50) -> list[Pegawai]:
    """Active pegawai to offer as atasan langsung.

    Without ``q``: the selected atasan, the heads of the unit and of every unit above it, then up to
    ``limit`` others by name.  With ``q``: the selected atasan plus up to ``limit`` matches by nama/NIP.
    """
    base = select(Pegawai).where(Pegawai.aktif.is_(True))
    if pegawai_id is not None:
        base = base.where(Pegawai.id != pegawai_id)
    first: list[Pegawai] = []
    if selected_id is not None:
        chosen = db.session.get(Pegawai, selected_id)
        if chosen is not None and chosen.id != pegawai_id:
            first.append(chosen)
    needle = (q or "").strip()[:100]
    if needle:
        conditions = [Pegawai.nama.icontains(needle, autoescape=True)]
        digits = normalise_nip(needle)
        if digits.isdigit():
            conditions.append(Pegawai.nip.contains(digits, autoescape=True))
        others = base.where(or_(*conditions))
    else:
        if unit_id is not None:
            parents = dict(db.session.execute(select(UnitKerja.id, UnitKerja.induk_id)).all())
            chain, current = [], unit_id
            while current is not None and current not in chain:
                chain.append(current)
                current = parents.get(current)
            heads = {p.unit_id: p for p in db.session.execute(
                base.where(Pegawai.pimpinan.is_(True), Pegawai.unit_id.in_(chain))).scalars()}
            first.extend(heads[u] for u in chain if u in heads)
        others = base
    seen = {p.id for p in first}
    if seen:
        others = others.where(Pegawai.id.not_in(seen))
    rest = list(db.session.execute(others.order_by(Pegawai.nama).limit(limit)).scalars())
    unique: list[Pegawai] = []
    for p in first:
        if p not in unique:
            unique.append(p)
    return unique + rest


def list_hari_libur(year: int) -> list[HariLibur]:
    return list(db.session.execute(
        select(HariLibur).where(HariLibur.tanggal.between(date(year, 1, 1), date(year, 12, 31)))
        .order_by(HariLibur.tanggal)
    ).scalars())


# ---------------------------------------------------------------- logo

LOGO_MAX_PIXELS = 2000
LOGO_SUBDIR = "logo"


def _check_logo_image(data: bytes, max_bytes: int):
    """Return a decoded, fully loaded PIL image, or raise DomainError("logo", ...)."""
    if not data:
        raise DomainError("logo", "Pilih berkas logo terlebih dahulu.")
    if len(data) > max_bytes:
        raise DomainError("logo", f"Berkas logo terlalu besar. Maksimal {max_bytes // 1024:,} KB.".replace(",", "."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                fmt, size = probe.format, probe.size
                probe.verify()
            if fmt not in {"PNG", "JPEG"}:
                raise DomainError("logo", "Logo harus berupa gambar PNG atau JPEG.")
            if size[0] > LOGO_MAX_PIXELS or size[1] > LOGO_MAX_PIXELS:
                raise DomainError("logo", f"Ukuran logo maksimal {LOGO_MAX_PIXELS}×{LOGO_MAX_PIXELS} piksel "
                                          f"(berkas ini {size[0]}×{size[1]}).")
            image = Image.open(io.BytesIO(data))
            image.load()
    except DomainError:
        raise
    except UnidentifiedImageError as err:
        raise DomainError("logo", "Berkas ini bukan gambar PNG atau JPEG.") from err
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
        raise DomainError("logo", "Berkas gambar rusak atau tidak dapat dibaca. Simpan ulang gambarnya lalu coba lagi.") from err
    return image


def logo_path(upload_dir, nama_file: str | None):
    """The file of the current logo, or None (names are ours: hex + .png)."""
    if not nama_file or not re.fullmatch(r"[0-9a-f]{32}\.png", nama_file):
        return None
    path = os.path.join(str(upload_dir), LOGO_SUBDIR, nama_file)
    return path if os.path.isfile(path) else None


def store_logo(actor, data: bytes, upload_dir, max_bytes: int) -> Instansi:
    """Check an uploaded logo by content, re-encode it as PNG under a generated name, replace the old one."""
    _require_admin(actor)
    image = _check_logo_image(data, max_bytes)
    if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    folder = os.path.join(str(upload_dir), LOGO_SUBDIR)
    os.makedirs(folder, exist_ok=True)
    nama_file = f"{secrets.token_hex(16)}.png"
    path = os.path.join(folder, nama_file)
    with open(path, "xb") as fh:
        fh.write(buffer.getvalue())
    old = get_instansi().logo_nama_file
    try:
        inst = set_logo(actor, nama_file)
    except Exception:
        db.session.rollback()
        os.remove(path)
        raise
    old_path = logo_path(upload_dir, old)
    if old_path:
        os.remove(old_path)
    log.info("logo instansi diganti oleh akun %s", actor.id)
    return inst


def remove_logo(actor, upload_dir) -> Instansi:
    _require_admin(actor)
    old = get_instansi().logo_nama_file
    inst = set_logo(actor, None)
    old_path = logo_path(upload_dir, old)
    if old_path:
        os.remove(old_path)
    return inst


def find_instansi() -> Instansi | None:
    """The instansi row for reading (``get_instansi`` creates one, for writing)."""
    return db.session.execute(select(Instansi).limit(1)).scalar_one_or_none()


def akun_of_pegawai(pegawai_id: int) -> Akun | None:
    return db.session.execute(select(Akun).where(Akun.pegawai_id == pegawai_id)).scalar_one_or_none()
