"""Organisation use cases.  Each takes the acting user, checks, writes, audits, commits once."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

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
