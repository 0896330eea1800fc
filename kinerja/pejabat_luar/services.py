"""Pejabat luar instansi: records, their accounts, and their place as penilai of the top of the tree."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select

from kinerja.akun.services import generate_temporary_password, hash_password
from kinerja.audit.services import record
from kinerja.errors import DomainError, NotFound, PermissionDenied
from kinerja.extensions import db
from kinerja.models import Akun, Pegawai, PejabatLuar
from kinerja.nip import normalise_nip
from kinerja.organisasi.permissions import is_admin

log = logging.getLogger(__name__)


def require_admin(actor) -> None:
    if not is_admin(actor):
        raise PermissionDenied()


@dataclass
class DataPejabat:
    nama: str
    jabatan: str
    instansi: str
    nip: str | None = None
    pangkat_golongan: str | None = None
    aktif: bool = True


def _bersih(data: DataPejabat) -> dict:
    nama, jabatan, instansi = (data.nama or "").strip(), (data.jabatan or "").strip(), (data.instansi or "").strip()
    if not nama:
        raise DomainError("nama", "Isi nama pejabat.")
    if not jabatan:
        raise DomainError("jabatan", "Isi jabatan, misalnya Sekretaris Daerah.")
    if not instansi:
        raise DomainError("instansi", "Isi instansi, misalnya Pemerintah Kabupaten Bukitintan.")
    nip = normalise_nip(data.nip or "") or None
    if nip is not None and (not nip.isdigit() or len(nip) != 18):
        raise DomainError("nip", "NIP terdiri dari 18 digit; kosongkan bila pejabat tidak memiliki NIP (misalnya Bupati).")
    return {"nama": nama[:150], "jabatan": jabatan[:200], "instansi": instansi[:200], "nip": nip,
            "pangkat_golongan": (data.pangkat_golongan or "").strip()[:80] or None, "aktif": bool(data.aktif)}


def _isi(p: PejabatLuar) -> dict:
    return {"nama": p.nama, "nip": p.nip, "pangkat_golongan": p.pangkat_golongan, "jabatan": p.jabatan,
            "instansi": p.instansi, "aktif": p.aktif}


def list_pejabat_luar() -> list[PejabatLuar]:
    return list(db.session.execute(select(PejabatLuar).order_by(PejabatLuar.aktif.desc(), PejabatLuar.nama)).scalars())


def get_pejabat_luar(pejabat_id: int) -> PejabatLuar:
    item = db.session.get(PejabatLuar, pejabat_id)
    if item is None:
        raise NotFound()
    return item


def save_pejabat_luar(actor, pejabat_id: int | None, data: DataPejabat) -> PejabatLuar:
    require_admin(actor)
    values = _bersih(data)
    item = get_pejabat_luar(pejabat_id) if pejabat_id is not None else PejabatLuar()
    before = _isi(item) if pejabat_id is not None else None
    for key, value in values.items():
        setattr(item, key, value)
    if pejabat_id is None:
        db.session.add(item)
    db.session.flush()
    record(actor, "pejabat_luar.ubah" if before else "pejabat_luar.buat", "pejabat_luar", item.id,
           sebelum=before, sesudah=_isi(item))
    db.session.commit()
    log.info("pejabat luar %s disimpan oleh akun %s", item.id, actor.id)
    return item


def akun_of(pejabat_id: int) -> Akun | None:
    return db.session.execute(select(Akun).where(Akun.pejabat_luar_id == pejabat_id)).scalar_one_or_none()


@dataclass(frozen=True)
class AkunBaru:
    akun: Akun
    kata_sandi: str


def create_akun(actor, pejabat_id: int, username: str) -> AkunBaru:
    """An account limited to what the official must see and sign; a temporary password to change."""
    require_admin(actor)
    item = get_pejabat_luar(pejabat_id)
    if akun_of(item.id) is not None:
        raise DomainError("username", "Pejabat ini sudah memiliki akun; atur ulang kata sandinya bila lupa.")
    username = (username or "").strip()
    if not username or len(username) > 60 or normalise_nip(username).isdigit() or " " in username:
        raise DomainError("username", "Nama pengguna wajib diisi, tanpa spasi, maksimal 60 karakter, dan bukan angka saja.")
    if db.session.execute(select(Akun.id).where(func.lower(Akun.username) == username.lower())).first():
        raise DomainError("username", "Nama pengguna sudah dipakai.")
    sandi = generate_temporary_password()
    akun = Akun(username=username, pejabat_luar_id=item.id, password_hash=hash_password(sandi), is_admin=False,
                aktif=True, harus_ganti_sandi=True)
    db.session.add(akun)
    db.session.flush()
    record(actor, "pejabat_luar.buat_akun", "akun", akun.id, sesudah={"username": username, "pejabat_luar_id": item.id})
    db.session.commit()
    return AkunBaru(akun, sandi)


# ------------------------------------------------------------------ penilai of the top of the tree

def pegawai_puncak() -> list[Pegawai]:
    """Active pegawai whose atasan is outside the dinas (no atasan in the system)."""
    return list(db.session.execute(
        select(Pegawai).where(Pegawai.aktif.is_(True), Pegawai.atasan_id.is_(None)).order_by(Pegawai.nama)
    ).scalars())


def set_penilai_luar(actor, pegawai_id: int, penilai_luar_id: int | None, atasan_penilai_luar_id: int | None) -> Pegawai:
    require_admin(actor)
    pegawai = db.session.get(Pegawai, pegawai_id)
    if pegawai is None:
        raise NotFound()
    if pegawai.atasan_id is not None:
        raise DomainError("penilai_luar_id", "Pegawai ini punya atasan di dalam dinas; pejabat penilainya adalah "
                                             "atasan itu.")
    for field_name, pid in (("penilai_luar_id", penilai_luar_id), ("atasan_penilai_luar_id", atasan_penilai_luar_id)):
        if pid is not None:
            item = db.session.get(PejabatLuar, pid)
            if item is None or not item.aktif:
                raise DomainError(field_name, "Pilih pejabat luar instansi yang aktif.")
    if atasan_penilai_luar_id is not None and penilai_luar_id is None:
        raise DomainError("atasan_penilai_luar_id", "Tetapkan dulu pejabat penilainya.")
    if atasan_penilai_luar_id is not None and atasan_penilai_luar_id == penilai_luar_id:
        raise DomainError("atasan_penilai_luar_id", "Atasan pejabat penilai harus orang lain daripada pejabat penilai.")
    before = {"penilai_luar_id": pegawai.penilai_luar_id, "atasan_penilai_luar_id": pegawai.atasan_penilai_luar_id}
    pegawai.penilai_luar_id, pegawai.atasan_penilai_luar_id = penilai_luar_id, atasan_penilai_luar_id
    record(actor, "pegawai.penilai_luar", "pegawai", pegawai.id, sebelum=before,
           sesudah={"penilai_luar_id": penilai_luar_id, "atasan_penilai_luar_id": atasan_penilai_luar_id})
    db.session.commit()
    return pegawai
