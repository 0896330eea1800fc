"""Sosialisasi session use cases (commit once, audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select

from kinerja.audit.services import record
from kinerja.errors import DomainError, NotFound, PermissionDenied
from kinerja.extensions import db
from kinerja.formulir import get_by_id
from kinerja.models import Akun, PesertaSosialisasi, SesiSosialisasi
from kinerja.notifikasi.services import notify
from kinerja.organisasi.permissions import pegawai_id_of
from kinerja.pengumuman import sasaran
from kinerja.sosialisasi import permissions
from kinerja.waktu import utcnow

JENIS = ("Sosialisasi", "Bimtek")


@dataclass(frozen=True)
class SesiData:
    jenis: str
    judul: str
    tanggal: date
    jam: time
    tempat: str
    tautan: str
    materi: str
    sasaran: sasaran.Sasaran


def _zona() -> str:
    from kinerja.organisasi.services import find_instansi

    inst = find_instansi()
    return inst.zona_waktu if inst else "Asia/Jakarta"


def get_sesi(actor, sesi_id: int) -> SesiSosialisasi:
    sesi = get_by_id(SesiSosialisasi, sesi_id)
    if sesi is None:
        raise NotFound()
    if permissions.can_manage(actor, sesi):
        return sesi
    own = pegawai_id_of(actor)
    if own is None or own not in {p.pegawai_id for p in sesi.peserta}:
        raise NotFound()
    return sesi


def create_sesi(actor, data: SesiData) -> SesiSosialisasi:
    from zoneinfo import ZoneInfo

    judul = (data.judul or "").strip()
    if not judul:
        raise DomainError("judul", "Judul sesi wajib diisi.")
    if data.jenis not in JENIS:
        raise DomainError("jenis", "Pilih jenis sesi: Sosialisasi atau Bimtek.")
    if not (data.tempat or "").strip() and not (data.tautan or "").strip():
        raise DomainError("tempat", "Isi tempat atau tautan rapat daring.")
    tautan = (data.tautan or "").strip()
    if tautan and not tautan.lower().startswith(("https://", "http://")):
        raise DomainError("tautan", "Tautan harus diawali https:// atau http://.")
    target = sasaran.validate(actor, data.sasaran)
    peserta = db.session.execute(sasaran.penerima_query(target)).all()
    if not peserta:
        raise DomainError(None, "Tidak ada pegawai aktif pada sasaran ini. Periksa unit dan peran peserta.")
    waktu = datetime.combine(data.tanggal, data.jam, tzinfo=ZoneInfo(_zona()))
    sesi = SesiSosialisasi(jenis=data.jenis, judul=judul, waktu_mulai=waktu, tempat=(data.tempat or "").strip(),
                           tautan=tautan, materi=(data.materi or "").strip(), penyelenggara_id=actor.id,
                           seluruh_dinas=target.seluruh_dinas, unit_id=target.unit_id, sub_unit=target.sub_unit,
                           peran=target.peran)
    sesi.peserta = [PesertaSosialisasi(pegawai_id=row.id, unit_id=row.unit_id) for row in peserta]
    db.session.add(sesi)
    db.session.flush()
    ids = [row.id for row in peserta]
    akun_ids = db.session.execute(select(Akun.id).where(Akun.pegawai_id.in_(ids), Akun.aktif.is_(True))).scalars()
    for akun_id in akun_ids:  # through notify: the invitee's choice for "Pengumuman" decides the e-mail
        if akun_id != actor.id:
            notify(akun_id, f"Undangan {data.jenis.lower()}: {judul}", f"/sosialisasi/{sesi.id}", jenis="sosialisasi")
    record(actor, "sosialisasi.jadwalkan", "sesi_sosialisasi", sesi.id,
           sesudah={"judul": judul, "jenis": data.jenis, "waktu": waktu.isoformat(), "peserta": len(ids)})
    db.session.commit()
    return sesi


def record_attendance(actor, sesi_id: int, hadir_ids) -> int:
    """Set who attended (every other invitee: absent); return how many attended."""
    sesi = get_sesi(actor, sesi_id)  # NotFound outside the invitees
    if not permissions.can_manage(actor, sesi):
        raise PermissionDenied("Kehadiran dicatat oleh penyelenggara sesi.")
    if sesi.waktu_mulai > utcnow():
        raise DomainError(None, "Kehadiran dicatat setelah sesi dimulai.")
    hadir = set(hadir_ids)
    undangan = {p.pegawai_id for p in sesi.peserta}
    if hadir - undangan:
        raise DomainError(None, "Ada pegawai yang bukan peserta sesi ini.")
    sebelum = sorted(p.pegawai_id for p in sesi.peserta if p.hadir)
    now = utcnow()
    for p in sesi.peserta:
        baru = p.pegawai_id in hadir
        if baru != p.hadir:
            p.hadir, p.dicatat_at = baru, now
    record(actor, "sosialisasi.kehadiran", "sesi_sosialisasi", sesi.id, sebelum={"hadir": sebelum},
           sesudah={"hadir": sorted(hadir)})
    db.session.commit()
    return len(hadir)
