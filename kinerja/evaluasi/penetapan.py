"""Penetapan Predikat Kinerja (DOMAIN.md §4): per unit and period, the capaian kinerja organisasi set
from above, the pegawai under the unit's pimpinan with their predikat, and the distribution against
the expected pattern; signed electronically (with QR) by whoever set the capaian."""

from __future__ import annotations

import logging
import secrets

from sqlalchemy import select

from kinerja.akun import sandi
from kinerja.audit.services import record
from kinerja.dokumen.identitas import snapshot
from kinerja.dokumen.pdf import logo_data_uri, render_pdf, sha256_hex
from kinerja.errors import DomainError, NotFound, PermissionDenied
from kinerja.evaluasi import queries
from kinerja.evaluasi.grafik import kurva_data_uri, qr_svg_data_uri
from kinerja.evaluasi.permissions import can_set_capaian, can_sign_penetapan_unit, can_view_unit
from kinerja.extensions import db
from kinerja.models import CapaianOrganisasi, Periode, UnitKerja
from kinerja.organisasi.permissions import is_admin
from kinerja.waktu import tanggal_waktu, to_local, today_local, utcnow

log = logging.getLogger(__name__)

JUDUL = "PENETAPAN PREDIKAT KINERJA"
NAMA_JENIS = "Penetapan Predikat Kinerja"


def _load(actor, unit_id: int, periode_id: int) -> tuple[UnitKerja, Periode]:
    unit, periode = db.session.get(UnitKerja, unit_id), db.session.get(Periode, periode_id)
    if unit is None or periode is None or not can_view_unit(actor, unit, periode.id):
        raise NotFound()
    return unit, periode


def verifikasi_url(kode: str, base_url: str | None) -> str:
    from kinerja.evaluasi.dokumen import verifikasi_url as _url

    return _url(kode, base_url)


def konteks(unit: UnitKerja, periode: Periode, item: CapaianOrganisasi | None, base_url: str | None,
            ttd: tuple | None = None) -> dict:
    """``ttd``: (signing time, verification code) of the signed version; None for a DRAFT."""
    from kinerja.organisasi.services import get_instansi

    waktu_ttd, kode = ttd if ttd is not None else (None, None)
    inst = get_instansi()
    pimpinan = queries.kurva_pimpinan(unit.id, periode.id)
    daftar = queries.unit_evaluasi(unit.id, periode.id)
    kepala = _kepala(unit, min(periode.tanggal_selesai, today_local()))
    penetap = (item.penetap if item is not None else None) or {}
    url = verifikasi_url(kode, base_url) if kode else None
    elektronik = (f"Ditandatangani secara elektronik pada {tanggal_waktu(waktu_ttd, inst.zona_waktu)}"
                  if waktu_ttd is not None else None)
    return {
        "judul_dokumen": JUDUL, "inst": inst, "logo": logo_data_uri(), "unit": unit, "periode": periode,
        "periode_label": periode.nama.upper(), "kepala": kepala,
        "capaian": item.capaian if item is not None else None,
        "kurva": pimpinan.hasil, "kurva_uri": kurva_data_uri(pimpinan.hasil), "rincian": pimpinan.rincian,
        "daftar": [{"nama": ev.pegawai.nama, "nip": ev.pegawai.nip, "unit": ev.unit.nama if ev.unit else "",
                    "predikat": ev.predikat} for ev in daftar],
        "penetap": penetap, "dicatat_admin": bool(penetap.get("dicatat_admin")),
        "ttd": {"nama": penetap.get("nama"), "nip": penetap.get("nip"), "jabatan": penetap.get("jabatan"),
                "elektronik": elektronik,
                "tanggal": to_local(waktu_ttd, inst.zona_waktu).date() if waktu_ttd is not None else None},
        "qr": qr_svg_data_uri(url) if url else None, "verifikasi_url": url,
        "draft": waktu_ttd is None, "kota": inst.kota_ttd,
    }


def _kepala(unit: UnitKerja, tanggal) -> dict | None:
    """The unit's pimpinan as of the period's last day (today while it runs), with his jabatan then; a
    post vacant that day prints its Plt/Plh ("Plt. Kepala …") when one acted for the unit."""
    from kinerja.atasan import penugasan_berjalan
    from kinerja.dokumen.identitas import snapshot_bertindak, terapkan_riwayat

    kepala, riwayat = queries.kepala_unit_pada(unit.id, tanggal)
    if kepala is not None:
        return terapkan_riwayat(snapshot(kepala), kepala, riwayat)
    tugas = next((t for t in penugasan_berjalan(tanggal) if t.unit_id == unit.id), None)
    return snapshot_bertindak(tugas) if tugas is not None else None


def _item(unit_id: int, periode_id: int) -> CapaianOrganisasi | None:
    return queries.capaian_langsung(unit_id, periode_id)


def document_penetapan(actor, unit_id: int, periode_id: int, base_url: str | None = None) -> tuple[bytes, str]:
    """The signed file when there is one; else a DRAFT rendered now (no QR, no verification address)."""
    from kinerja.dokumen.arsip import baca as stored_file
    from kinerja.dokumen.arsip import render_context as _render_context

    unit, periode = _load(actor, unit_id, periode_id)
    item = _item(unit.id, periode.id)
    nama = f"penetapan-predikat-{unit.id}-{periode.kode}.pdf"
    if item is not None and item.dokumen_berkas:
        content = stored_file(item.dokumen_berkas)
        if content is not None:
            return content, nama
    with _render_context():
        return render_pdf("dokumen/penetapan_predikat.html", **konteks(unit, periode, item, base_url)), nama


def can_sign_penetapan(actor, unit: UnitKerja, item: CapaianOrganisasi | None) -> bool:
    """Whoever sets the capaian signs (the admin only records it, so never signs electronically)."""
    return item is not None and item.ttd_at is None and can_sign_penetapan_unit(actor, unit)


def sign_penetapan(actor, unit_id: int, periode_id: int, kata_sandi: str, base_url: str | None = None):
    from kinerja.dokumen.arsip import render_context as _render_context
    from kinerja.dokumen.arsip import simpan as write_file

    unit, periode = _load(actor, unit_id, periode_id)
    item = _item(unit.id, periode.id)
    if item is None:
        raise DomainError(None, "Tetapkan dulu capaian kinerja organisasi unit ini.")
    if item.ttd_at is not None:
        raise DomainError(None, "Penetapan Predikat Kinerja unit ini sudah ditandatangani.")
    if not can_set_capaian(actor, unit) or is_admin(actor):
        raise PermissionDenied("Penetapan Predikat Kinerja ditandatangani oleh pejabat yang menetapkan capaian "
                               "kinerja organisasi unit ini.")
    if not sandi.cocok(actor.password_hash, kata_sandi or ""):
        raise DomainError("kata_sandi", "Kata sandi salah. Masukkan kata sandi akun Anda untuk menandatangani.")
    now = utcnow()
    kode = item.kode or secrets.token_urlsafe(12)
    with _render_context():
        content = render_pdf("dokumen/penetapan_predikat.html", **konteks(unit, periode, item, base_url, (now, kode)))
    nama = f"penetapan-{item.id}-{secrets.token_hex(4)}.pdf"
    write_file(nama, content)
    item.kode, item.ttd_at, item.dokumen_berkas, item.dokumen_sha256 = kode, now, nama, sha256_hex(content)
    record(actor, "evaluasi.ttd_penetapan", "unit_kerja", unit.id,
           sesudah={"periode_id": periode.id, "capaian": item.capaian, "dokumen_sha256": item.dokumen_sha256})
    db.session.commit()
    log.info("penetapan predikat unit %s periode %s ditandatangani oleh akun %s", unit.id, periode.id, actor.id)
    return item


def find_by_kode(kode: str) -> CapaianOrganisasi | None:
    if not kode or len(kode) > 32 or not all(c.isalnum() or c in "-_" for c in kode):
        return None
    item = db.session.execute(select(CapaianOrganisasi).where(CapaianOrganisasi.kode == kode)).scalar_one_or_none()
    return item if item is not None and item.dokumen_sha256 else None


def status_penetapan(item: CapaianOrganisasi | None) -> str:
    if item is None:
        return "Capaian belum ditetapkan"
    return "Ditandatangani" if item.ttd_at is not None else "Belum ditandatangani"



