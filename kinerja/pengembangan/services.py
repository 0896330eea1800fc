"""Pengembangan use cases: the rencana pengembangan kompetensi, evidence and confirmation, form B.1.8,
tindak lanjut.  Each takes the acting user, checks, audits and commits once."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from kinerja import unggahan
from kinerja.audit.services import record
from kinerja.dokumen.identitas import snapshot
from kinerja.errors import DomainError, NotFound, PermissionDenied
from kinerja.extensions import db
from kinerja.formulir import get_by_id
from kinerja.models import (
    Evaluasi,
    KegiatanPengembangan,
    Pegawai,
    RencanaPengembangan,
    TindakLanjutEvaluasi,
    UmpanBalikBimbingan,
)
from kinerja.notifikasi.services import notify_pegawai
from kinerja.pengembangan import permissions, rules
from kinerja.waktu import to_local, utcnow

log = logging.getLogger(__name__)
FOLDER = "pengembangan"
BELUM_TTD = "Rencana pengembangan disusun setelah evaluasi ditandatangani pejabat penilai."
SUDAH_SEPAKAT = "Rencana sudah disepakati dan ditandatangani; isinya tidak dapat diubah lagi."


def _zona() -> str:
    from kinerja.organisasi.services import find_instansi

    inst = find_instansi()
    return inst.zona_waktu if inst else "Asia/Jakarta"


def get_evaluasi(actor, evaluasi_id: int) -> Evaluasi:
    ev = get_by_id(Evaluasi, evaluasi_id)
    if ev is None or not permissions.can_view_evaluasi(actor, ev):
        raise NotFound()
    return ev


def rencana_of(evaluasi_id: int) -> RencanaPengembangan | None:
    return db.session.execute(select(RencanaPengembangan).where(
        RencanaPengembangan.evaluasi_id == evaluasi_id)).scalar_one_or_none()


def _editable(actor, evaluasi_id: int) -> tuple[Evaluasi, RencanaPengembangan | None]:
    """The evaluation (signed) and its rencana (None before first use) for an editing party.

    Nothing is written here: services check everything first, then ``_ensure`` the rencana.
    """
    ev = get_evaluasi(actor, evaluasi_id)
    if not is_pihak(actor, ev):  # permission before state (issue #9 §2)
        raise PermissionDenied("Hanya pejabat penilai dan pegawai yang dinilai yang menyusun rencana ini.")
    if not rules.sudah_ditandatangani(ev.ttd_penilai_at):
        raise DomainError(None, BELUM_TTD)
    rencana = rencana_of(ev.id)
    if not permissions.can_edit_rencana(actor, ev, rencana):
        raise DomainError(None, SUDAH_SEPAKAT)
    return ev, rencana


def is_pihak(actor, ev: Evaluasi) -> bool:
    return permissions.is_penilai_of(actor, ev) or permissions.is_pegawai_of(actor, ev)


def _ensure(ev: Evaluasi, rencana: RencanaPengembangan | None) -> RencanaPengembangan:
    if rencana is None:
        rencana = RencanaPengembangan(evaluasi_id=ev.id, pegawai_id=ev.pegawai_id, penilai_id=ev.penilai_id,
                                      kompetensi=[], kode=secrets.token_hex(16))
        db.session.add(rencana)
        db.session.flush()
    return rencana


def _reset_signatures(rencana: RencanaPengembangan) -> None:
    """A change after one party signed asks both to sign again."""
    rencana.ttd_penilai_at = rencana.ttd_pegawai_at = None


def save_kompetensi(actor, evaluasi_id: int, rows) -> RencanaPengembangan:
    if not permissions.is_penilai_of(actor, get_evaluasi(actor, evaluasi_id)):
        raise PermissionDenied("Evaluasi kompetensi diisi oleh pejabat penilai.")
    ev, rencana = _editable(actor, evaluasi_id)
    kompetensi = rules.check_kompetensi(rows)
    rencana = _ensure(ev, rencana)
    sebelum = list(rencana.kompetensi or [])
    rencana.kompetensi = kompetensi
    _reset_signatures(rencana)
    record(actor, "pengembangan.kompetensi", "rencana_pengembangan", rencana.id, sebelum=sebelum,
           sesudah=rencana.kompetensi)
    db.session.commit()
    return rencana


def add_kegiatan(actor, evaluasi_id: int, data: rules.KegiatanData) -> KegiatanPengembangan:
    ev, rencana = _editable(actor, evaluasi_id)
    clean = rules.check_kegiatan(data, to_local(ev.ttd_penilai_at, _zona()).date())
    rencana = _ensure(ev, rencana)
    item = KegiatanPengembangan(rencana_id=rencana.id, pegawai_id=ev.pegawai_id, kesenjangan=clean.kesenjangan,
                                jenis=clean.jenis, uraian=clean.uraian, jp=clean.jp, target_tanggal=clean.target_tanggal,
                                status=rules.DIRENCANAKAN)
    db.session.add(item)
    _reset_signatures(rencana)
    db.session.flush()
    record(actor, "pengembangan.kegiatan_tambah", "kegiatan_pengembangan", item.id,
           sesudah={"rencana": rencana.id, "jenis": item.jenis, "jp": item.jp, "kesenjangan": item.kesenjangan})
    db.session.commit()
    return item


def delete_kegiatan(actor, kegiatan_id: int) -> int:
    item = get_by_id(KegiatanPengembangan, kegiatan_id)
    if item is None:
        raise NotFound()
    ev, rencana = _editable(actor, item.rencana.evaluasi_id)
    record(actor, "pengembangan.kegiatan_hapus", "kegiatan_pengembangan", item.id,
           sebelum={"jenis": item.jenis, "jp": item.jp, "kesenjangan": item.kesenjangan})
    db.session.delete(item)
    _reset_signatures(rencana)
    db.session.commit()
    return ev.id


def sign_rencana(actor, evaluasi_id: int, base_url: str | None = None) -> RencanaPengembangan:
    """The penilai or the pegawai agrees; when both have, the B.1.9 document is generated and stored."""
    from kinerja.pengembangan import dokumen

    ev, rencana = _editable(actor, evaluasi_id)
    if rencana is None or not rencana.kegiatan:
        raise DomainError(None, "Tambahkan paling sedikit satu kegiatan pengembangan sebelum menyetujui.")
    now = utcnow()
    if permissions.is_penilai_of(actor, ev):
        if rencana.ttd_penilai_at is not None:
            raise DomainError(None, "Anda sudah menyetujui rencana ini.")
        rencana.ttd_penilai_at, pihak, lain = now, "penilai", ev.pegawai_id
    else:
        if rencana.ttd_pegawai_at is not None:
            raise DomainError(None, "Anda sudah menyetujui rencana ini.")
        rencana.ttd_pegawai_at, pihak, lain = now, "pegawai", ev.penilai_id
    if rencana.disepakati:
        rencana.snapshot_pegawai = snapshot(ev.pegawai)
        rencana.snapshot_penilai = snapshot(ev.penilai)
        dokumen.terbitkan_b19(rencana, ev, base_url)
    elif lain is not None:
        notify_pegawai(lain, "Rencana pengembangan kompetensi menunggu persetujuan Anda.",
                       f"/pengembangan/evaluasi/{ev.id}", jenis="pengembangan")
    record(actor, "pengembangan.setujui", "rencana_pengembangan", rencana.id,
           sesudah={"pihak": pihak, "disepakati": rencana.disepakati, "sha256": rencana.dokumen_sha256})
    db.session.commit()
    return rencana


@dataclass(frozen=True)
class Bukti:
    nama_asli: str | None
    data: bytes


def submit_bukti(actor, kegiatan_id: int, bukti: Bukti, tanggal_selesai: date | None) -> KegiatanPengembangan:
    """The pegawai reports an item done with its certificate/evidence; the atasan then confirms."""
    item = get_by_id(KegiatanPengembangan, kegiatan_id)
    if item is None:
        raise NotFound()
    ev = get_evaluasi(actor, item.rencana.evaluasi_id)
    if not permissions.is_pegawai_of(actor, ev):
        raise PermissionDenied("Bukti diunggah oleh pegawai yang bersangkutan.")
    if not item.rencana.disepakati:
        raise DomainError(None, "Rencana belum disepakati kedua pihak.")
    if item.status == rules.SELESAI:
        raise DomainError(None, "Kegiatan ini sudah dikonfirmasi atasan.")
    if tanggal_selesai is None:
        raise DomainError("tanggal_selesai", "Isi tanggal kegiatan selesai.")
    if tanggal_selesai > to_local(utcnow(), _zona()).date():
        raise DomainError("tanggal_selesai", "Tanggal selesai tidak boleh di masa depan.")
    berkas = unggahan.check("bukti", bukti.nama_asli, bukti.data, unggahan.max_bytes())
    lama = unggahan.path_of(FOLDER, item.bukti_nama_simpan)
    item.bukti_nama_asli, item.bukti_nama_simpan, item.bukti_mime = berkas.nama_asli, berkas.nama_simpan, berkas.mime
    item.tanggal_selesai, item.status, item.catatan_atasan = tanggal_selesai, rules.MENUNGGU, ""
    record(actor, "pengembangan.bukti", "kegiatan_pengembangan", item.id,
           sesudah={"berkas": berkas.nama_asli, "tanggal_selesai": tanggal_selesai.isoformat()})
    from kinerja.atasan import atasan_efektif_id

    atasan = atasan_efektif_id(db.session.get(Pegawai, ev.pegawai_id)) or item.rencana.penilai_id  # a Plt/Plh too
    if atasan is not None:
        notify_pegawai(atasan, f"{ev.pegawai.nama} melaporkan kegiatan pengembangan selesai; mohon konfirmasi.",
                       f"/pengembangan/evaluasi/{ev.id}", jenis="pengembangan")
    unggahan.commit_with_files(db.session, FOLDER, [berkas])
    if lama is not None:
        unggahan.remove([lama])
    return item


def confirm_kegiatan(actor, kegiatan_id: int, setuju: bool, catatan: str = "") -> KegiatanPengembangan:
    item = get_by_id(KegiatanPengembangan, kegiatan_id)
    if item is None:
        raise NotFound()
    ev = get_evaluasi(actor, item.rencana.evaluasi_id)
    if not permissions.can_confirm(actor, item.rencana, db.session.get(Pegawai, ev.pegawai_id)):
        raise PermissionDenied("Kegiatan dikonfirmasi oleh atasan pegawai.")
    if item.status != rules.MENUNGGU:
        raise DomainError(None, "Kegiatan ini tidak sedang menunggu konfirmasi.")
    catatan = (catatan or "").strip()[:300]
    if not setuju and not catatan:
        raise DomainError("catatan", "Tuliskan catatan mengapa bukti dikembalikan.")
    if setuju:
        item.status, item.dikonfirmasi_at, item.catatan_atasan = rules.SELESAI, utcnow(), catatan
    else:
        item.status, item.catatan_atasan = rules.DIRENCANAKAN, catatan
    notify_pegawai(ev.pegawai_id, "Kegiatan pengembangan Anda dikonfirmasi atasan." if setuju
                   else f"Bukti kegiatan pengembangan dikembalikan: {catatan}", f"/pengembangan/evaluasi/{ev.id}",
                   jenis="pengembangan")
    record(actor, "pengembangan.konfirmasi" if setuju else "pengembangan.kembalikan", "kegiatan_pengembangan",
           item.id, sesudah={"status": item.status, "catatan": catatan, "jp": item.jp})
    db.session.commit()
    return item


def bukti_of(actor, kegiatan_id: int) -> KegiatanPengembangan:
    item = get_by_id(KegiatanPengembangan, kegiatan_id)
    if item is None:
        raise NotFound()
    get_evaluasi(actor, item.rencana.evaluasi_id)
    if not item.bukti_nama_simpan:
        raise NotFound()
    return item


def umpan_balik_of(evaluasi_id: int) -> UmpanBalikBimbingan | None:
    return db.session.execute(select(UmpanBalikBimbingan).where(
        UmpanBalikBimbingan.evaluasi_id == evaluasi_id)).scalar_one_or_none()


def submit_umpan_balik(actor, evaluasi_id: int, nilai, base_url: str | None = None) -> UmpanBalikBimbingan:
    """Form B.1.8: the pegawai rates the nine statements and signs; the document is stored."""
    from kinerja.pengembangan import dokumen

    ev = get_evaluasi(actor, evaluasi_id)
    if not permissions.is_pegawai_of(actor, ev):
        raise PermissionDenied("Umpan balik bimbingan kinerja diisi oleh pegawai yang dinilai.")
    if not rules.sudah_ditandatangani(ev.ttd_penilai_at):
        raise DomainError(None, "Umpan balik bimbingan kinerja diisi setelah evaluasi ditandatangani pejabat penilai.")
    if umpan_balik_of(ev.id) is not None:
        raise DomainError(None, "Umpan balik bimbingan kinerja sudah diisi dan ditandatangani.")
    ub = UmpanBalikBimbingan(evaluasi_id=ev.id, pegawai_id=ev.pegawai_id, nilai=rules.check_nilai_bimbingan(nilai),
                             kode=secrets.token_hex(16), ttd_pegawai_at=utcnow(), snapshot_pegawai=snapshot(ev.pegawai),
                             snapshot_penilai=snapshot(ev.penilai))
    db.session.add(ub)
    db.session.flush()
    dokumen.terbitkan_b18(ub, ev, base_url)
    record(actor, "pengembangan.umpan_balik_bimbingan", "umpan_balik_bimbingan", ub.id,
           sesudah={"evaluasi": ev.id, "nilai": ub.nilai, "sha256": ub.dokumen_sha256})
    db.session.commit()
    return ub


def record_tindak_lanjut(actor, evaluasi_id: int, data: rules.TindakLanjutData) -> TindakLanjutEvaluasi:
    ev = get_evaluasi(actor, evaluasi_id)
    if not permissions.can_record_tindak_lanjut(actor):
        raise PermissionDenied("Penghargaan dan sanksi dicatat oleh admin kepegawaian.")
    if not rules.sudah_ditandatangani(ev.ttd_penilai_at):
        raise DomainError(None, "Tindak lanjut dicatat setelah evaluasi ditandatangani.")
    jenis, uraian, tanggal, nomor_sk = rules.check_tindak_lanjut(data.jenis, data.uraian, data.tanggal, data.nomor_sk)
    tl = TindakLanjutEvaluasi(evaluasi_id=ev.id, jenis=jenis, uraian=uraian, tanggal=tanggal, nomor_sk=nomor_sk,
                              dicatat_oleh_id=actor.id)
    db.session.add(tl)
    db.session.flush()
    notify_pegawai(ev.pegawai_id, f"{jenis} atas hasil evaluasi kinerja Anda telah dicatat ({nomor_sk}).",
                   f"/pengembangan/evaluasi/{ev.id}", jenis="pengembangan")
    record(actor, "pengembangan.tindak_lanjut", "tindak_lanjut_evaluasi", tl.id,
           sesudah={"evaluasi": ev.id, "jenis": jenis, "tanggal": tanggal.isoformat(), "nomor_sk": nomor_sk})
    db.session.commit()
    return tl


def document_for(actor, evaluasi_id: int, jenis: str, base_url: str | None = None) -> tuple[bytes, str, int]:
    """Form B.1.9 ("b19") or B.1.8 ("b18") of an evaluation: the stored signed file, or a draft rendered now.

    The view audits reading another person's document (``audit.services.record_read``).
    """
    from kinerja.pengembangan import dokumen

    ev = get_evaluasi(actor, evaluasi_id)
    if jenis == "b19":
        rencana = rencana_of(ev.id)
        if rencana is None:
            raise NotFound()
        content = dokumen.stored(rencana.dokumen_berkas) if rencana.disepakati else None
        content = content or dokumen.render("b19", dokumen.konteks_b19(rencana, ev, base_url))
        nama = f"rencana-pengembangan-{ev.pegawai.nip}-{ev.periode.kode}.pdf"
    elif jenis == "b18":
        ub = umpan_balik_of(ev.id)
        if ub is None:
            raise NotFound()
        content = dokumen.stored(ub.dokumen_berkas) or dokumen.render("b18", dokumen.konteks_b18(ub, ev, base_url))
        nama = f"umpan-balik-bimbingan-{ev.pegawai.nip}-{ev.periode.kode}.pdf"
    else:
        raise NotFound()
    return content, nama, ev.pegawai_id
