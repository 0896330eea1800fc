"""Announcement use cases: write, publish ("Terbitkan"), read receipts, reminders.  Each commits once."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select, update

from kinerja import unggahan
from kinerja.audit.services import record
from kinerja.errors import DomainError, NotFound, PermissionDenied
from kinerja.extensions import db
from kinerja.formulir import get_by_id
from kinerja.models import Akun, LampiranPengumuman, PenerimaPengumuman, Pengumuman
from kinerja.notifikasi.services import notify
from kinerja.organisasi.permissions import is_admin, pegawai_id_of
from kinerja.pengumuman import rules, sasaran
from kinerja.waktu import utcnow

log = logging.getLogger(__name__)
FOLDER = "pengumuman"


@dataclass(frozen=True)
class PengumumanData:
    judul: str
    isi: str
    wajib: bool
    sasaran: sasaran.Sasaran


@dataclass(frozen=True)
class Unggahan:
    nama_asli: str | None
    data: bytes


def _snapshot(p: Pengumuman) -> dict:
    return {"judul": p.judul, "wajib": p.wajib, "status": p.status, "seluruh_dinas": p.seluruh_dinas,
            "unit_id": p.unit_id, "sub_unit": p.sub_unit, "peran": p.peran, "lampiran": len(p.lampiran)}


def is_penulis(actor, p: Pengumuman) -> bool:
    return getattr(actor, "id", None) == p.penulis_id


def can_manage(actor, p: Pengumuman) -> bool:
    """See the read receipts and remind: the author and the admin."""
    return is_admin(actor) or is_penulis(actor, p)


def penerima_of(actor, p: Pengumuman) -> PenerimaPengumuman | None:
    own = pegawai_id_of(actor)
    if own is None or not p.terbit:
        return None
    return db.session.execute(select(PenerimaPengumuman).where(
        PenerimaPengumuman.pengumuman_id == p.id, PenerimaPengumuman.pegawai_id == own)).scalar_one_or_none()


def get_pengumuman(actor, pengumuman_id: int) -> tuple[Pengumuman, PenerimaPengumuman | None]:
    """The announcement and the actor's receipt; NotFound for anyone outside its audience."""
    p = get_by_id(Pengumuman, pengumuman_id)
    if p is None:
        raise NotFound()
    penerima = penerima_of(actor, p)
    if penerima is None and not can_manage(actor, p):
        raise NotFound()
    return p, penerima


def _managed(actor, pengumuman_id: int) -> Pengumuman:
    """For the author's actions: NotFound outside the audience, PermissionDenied for a recipient (issue #9 §2)."""
    p, _ = get_pengumuman(actor, pengumuman_id)
    if not can_manage(actor, p):
        raise PermissionDenied("Hanya penulis pengumuman dan admin yang dapat melakukan ini.")
    return p


def _check_data(data: PengumumanData) -> tuple[str, str]:
    judul, isi = (data.judul or "").strip(), (data.isi or "").strip()
    if not judul:
        raise DomainError("judul", "Judul wajib diisi.")
    if len(judul) > rules.JUDUL_MAKS:
        raise DomainError("judul", f"Judul paling panjang {rules.JUDUL_MAKS} karakter.")
    if not isi:
        raise DomainError("isi", "Isi pengumuman wajib diisi.")
    if len(isi) > rules.ISI_MAKS:
        raise DomainError("isi", f"Isi paling panjang {rules.ISI_MAKS} karakter.")
    return judul, isi


def _prepare(files, sudah: int = 0) -> list[unggahan.Berkas]:
    berkas = [unggahan.check("lampiran", f.nama_asli, f.data, unggahan.max_bytes())
              for f in files or () if f is not None and (f.data or f.nama_asli)]
    if sudah + len(berkas) > rules.LAMPIRAN_MAKS:
        raise DomainError("lampiran", f"Paling banyak {rules.LAMPIRAN_MAKS} lampiran per pengumuman.")
    return berkas


def _apply(p: Pengumuman, data: PengumumanData, target: sasaran.Sasaran, berkas: list[unggahan.Berkas]) -> None:
    """``data``: already checked (judul and isi stripped)."""
    p.judul, p.isi, p.wajib = data.judul, data.isi, bool(data.wajib)
    p.seluruh_dinas, p.unit_id, p.sub_unit, p.peran = target.seluruh_dinas, target.unit_id, target.sub_unit, target.peran
    for b in berkas:
        p.lampiran.append(LampiranPengumuman(nama_asli=b.nama_asli, nama_simpan=b.nama_simpan, mime=b.mime,
                                             ukuran=len(b.data), sha256=unggahan_sha(b.data)))


def unggahan_sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _penerima_ids(target: sasaran.Sasaran) -> list[int]:
    ids = [row.id for row in db.session.execute(sasaran.penerima_query(target))]
    if not ids:
        raise DomainError(None, "Tidak ada pegawai aktif pada sasaran ini. Periksa unit dan peran penerima.")
    return ids


def _publish(actor, p: Pengumuman, ids: list[int]) -> int:
    p.status, p.diterbitkan_at = "Terbit", utcnow()
    db.session.add_all([PenerimaPengumuman(pengumuman_id=p.id, pegawai_id=pid) for pid in ids])
    akun_ids = list(db.session.execute(select(Akun.id).where(Akun.pegawai_id.in_(ids), Akun.aktif.is_(True))).scalars())
    awalan = "Pengumuman wajib dibaca" if p.wajib else "Pengumuman baru"
    tautan = f"/pengumuman/{p.id}"
    for a in akun_ids:
        if a != actor.id:
            notify(a, f"{awalan}: {p.judul}", tautan, jenis="pengumuman")
    return len(ids)


def save_pengumuman(actor, pengumuman_id: int | None, data: PengumumanData, files=(), terbitkan: bool = False) -> Pengumuman:
    """Create or edit a draft (author or admin), optionally publishing it at once."""
    judul, isi = _check_data(data)
    target = sasaran.validate(actor, data.sasaran)
    if pengumuman_id is None:
        p, sebelum = Pengumuman(penulis_id=actor.id, status="Draft"), None
    else:
        p = _managed(actor, pengumuman_id)
        if p.terbit:
            raise DomainError(None, "Pengumuman yang sudah terbit tidak dapat diubah.")
        sebelum = _snapshot(p)
    berkas = _prepare(files, len(p.lampiran))
    ids = _penerima_ids(target) if terbitkan else []  # every check before anything is written
    _apply(p, PengumumanData(judul, isi, data.wajib, target), target, berkas)
    db.session.add(p)
    db.session.flush()
    jumlah = _publish(actor, p, ids) if terbitkan else 0
    record(actor, "pengumuman.terbitkan" if terbitkan else ("pengumuman.buat" if sebelum is None else "pengumuman.ubah"),
           "pengumuman", p.id, sebelum=sebelum, sesudah={**_snapshot(p), "penerima": jumlah})
    unggahan.commit_with_files(db.session, FOLDER, berkas)
    log.info("pengumuman %s disimpan oleh akun %s (terbit=%s, penerima=%s)", p.id, actor.id, terbitkan, jumlah)
    return p


def publish_pengumuman(actor, pengumuman_id: int) -> int:
    p = _managed(actor, pengumuman_id)
    if p.terbit:
        raise DomainError(None, "Pengumuman ini sudah terbit.")
    target = sasaran.validate(actor, sasaran.Sasaran(p.seluruh_dinas, p.unit_id, p.sub_unit, p.peran))
    jumlah = _publish(actor, p, _penerima_ids(target))
    record(actor, "pengumuman.terbitkan", "pengumuman", p.id, sesudah={**_snapshot(p), "penerima": jumlah})
    db.session.commit()
    return jumlah


def delete_draft(actor, pengumuman_id: int) -> None:
    p = _managed(actor, pengumuman_id)
    if p.terbit:
        raise DomainError(None, "Pengumuman yang sudah terbit tidak dapat dihapus.")
    paths = [unggahan.path_of(FOLDER, lamp.nama_simpan) for lamp in p.lampiran]
    record(actor, "pengumuman.hapus", "pengumuman", p.id, sebelum=_snapshot(p))
    db.session.delete(p)
    db.session.commit()
    unggahan.remove([path for path in paths if path is not None])


def mark_read(actor, pengumuman_id: int) -> bool:
    """"Tandai Sudah Dibaca": the actor's own receipt.  False when it was already read."""
    p = get_by_id(Pengumuman, pengumuman_id)
    if p is None:
        raise NotFound()
    penerima = penerima_of(actor, p)
    if penerima is None:
        if can_manage(actor, p):  # the author or the admin sees it, but has no receipt to mark
            raise PermissionDenied("Hanya penerima pengumuman yang dapat menandainya sudah dibaca.")
        raise NotFound()
    if penerima.dibaca_at is not None:
        return False
    changed = db.session.execute(update(PenerimaPengumuman).where(
        PenerimaPengumuman.id == penerima.id, PenerimaPengumuman.dibaca_at.is_(None)).values(dibaca_at=utcnow())).rowcount
    if changed:
        record(actor, "pengumuman.dibaca", "pengumuman", p.id)
    db.session.commit()
    return bool(changed)


def remind_unread(actor, pengumuman_id: int) -> int:
    """Send an in-app reminder to every recipient who has not read it yet; return how many."""
    p = _managed(actor, pengumuman_id)
    if not p.terbit:
        raise DomainError(None, "Terbitkan pengumuman dulu sebelum mengingatkan penerima.")
    akun_ids = list(db.session.execute(
        select(Akun.id).join(PenerimaPengumuman, PenerimaPengumuman.pegawai_id == Akun.pegawai_id)
        .where(PenerimaPengumuman.pengumuman_id == p.id, PenerimaPengumuman.dibaca_at.is_(None), Akun.aktif.is_(True))
    ).scalars())
    for a in akun_ids:
        notify(a, f"Pengingat: mohon baca pengumuman \u201c{p.judul}\u201d", f"/pengumuman/{p.id}", jenis="pengumuman")
    p.diingatkan_at = utcnow()
    record(actor, "pengumuman.ingatkan", "pengumuman", p.id, sesudah={"diingatkan": len(akun_ids)})
    db.session.commit()
    return len(akun_ids)


def lampiran_for(actor, pengumuman_id: int, lampiran_id: int) -> LampiranPengumuman:
    p, _ = get_pengumuman(actor, pengumuman_id)
    lamp = next((item for item in p.lampiran if item.id == lampiran_id), None)
    if lamp is None:
        raise PermissionDenied(hide=True)
    return lamp
