"""Pegawai: create, update, atasan, (de)activation, admin lists."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from kinerja.akun.services import generate_temporary_password, hash_password
from kinerja.alamat_surel import periksa_surel
from kinerja.audit.services import record
from kinerja.errors import DomainError
from kinerja.extensions import db
from kinerja.models import Akun, Jabatan, Pegawai, UnitKerja
from kinerja.organisasi.permissions import require_admin
from kinerja.organisasi.rules import (
    NipError,
    atasan_problem,
    golongan_problem,
    normalise_golongan,
    normalise_nip,
    parse_nip,
)
from kinerja.referensi import (
    STATUS_KEPEGAWAIAN,
)

log = logging.getLogger(__name__)




def _atasan_lookup(overrides: dict[int, int | None] | None = None):
    overrides = overrides or {}

    def atasan_of(pid: int) -> int | None:
        if pid in overrides:
            return overrides[pid]
        return db.session.execute(select(Pegawai.atasan_id).where(Pegawai.id == pid)).scalar_one_or_none()

    return atasan_of


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


def validate_pegawai(data: PegawaiData, pegawai_id: int | None, today: date | None = None) -> tuple[PegawaiData, object]:  # noqa: C901  one check per pegawai field, flat and ordered
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
    email, salah = periksa_surel(data.email)
    if salah:
        raise DomainError("email", salah)
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
    require_admin(actor)
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
    require_admin(actor)
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
    require_admin(actor)
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
    require_admin(actor)
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


def cari_nama_nip(q: str | None):
    """WHERE clause: nama contains ``q``, or NIP contains its digits (None for an empty search)."""
    needle = (q or "").strip()[:100]
    if not needle:
        return None
    conditions = [Pegawai.nama.icontains(needle, autoescape=True)]
    digits = normalise_nip(needle)
    if digits.isdigit():
        conditions.append(Pegawai.nip.contains(digits, autoescape=True))
    return or_(*conditions)


def list_pegawai(q: str | None, unit_id: int | None, aktif: bool | None, page: int, per_page: int = 25):
    """A page of pegawai with jabatan, unit and atasan loaded in the same query (no N+1)."""
    stmt = select(Pegawai).options(
        joinedload(Pegawai.jabatan), joinedload(Pegawai.unit), joinedload(Pegawai.atasan)
    ).order_by(Pegawai.nama, Pegawai.id)
    cari = cari_nama_nip(q)
    if cari is not None:
        stmt = stmt.where(cari)
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
    cari = cari_nama_nip(q)
    if cari is not None:
        others = base.where(cari)
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


def pilihan_pegawai_aktif(q: str | None, terpilih: int | None, limit: int = 50) -> list[tuple[int, str]]:
    """(id, "Nama (NIP)") of active pegawai for a select narrowed by a search field (#17: a kabupaten has
    10,000): the current choice first, then up to ``limit`` by name, matching nama/NIP when ``q`` is given."""
    stmt = select(Pegawai.id, Pegawai.nama, Pegawai.nip).where(Pegawai.aktif.is_(True))
    cari = cari_nama_nip(q)
    if cari is not None:
        stmt = stmt.where(cari)
    first = []
    if terpilih is not None:
        first = db.session.execute(select(Pegawai.id, Pegawai.nama, Pegawai.nip).where(Pegawai.id == terpilih)).all()
        stmt = stmt.where(Pegawai.id != terpilih)
    rows = first + db.session.execute(stmt.order_by(Pegawai.nama, Pegawai.id).limit(limit)).all()
    return [(r.id, f"{r.nama} ({r.nip})") for r in rows]


def akun_of_pegawai(pegawai_id: int) -> Akun | None:
    return db.session.execute(select(Akun).where(Akun.pegawai_id == pegawai_id)).scalar_one_or_none()
