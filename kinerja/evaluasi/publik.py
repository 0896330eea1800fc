"""Public verification of signed evaluation documents: /v/<kode> (reached from the QR code, no login).

Shows the document type, name, masked NIP, period, signing times and SHA-256 — no predikat or
other HR content.  An unknown or malformed code is a plain 404.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template

from kinerja.evaluasi import services
from kinerja.evaluasi.dokumen import NAMA_JENIS
from kinerja.evaluasi.forms import CekDokumenForm
from kinerja.organisasi.rules import mask_nip

bp = Blueprint("dokumen_publik", __name__, url_prefix="/v")

BATAS_UNGGAH = 5 * 1024 * 1024


def _context(item, form, hasil=None, cocok=None, diperiksa: bool = False) -> dict:
    """``item``: the document version behind the code; every version of the evaluation is listed."""
    ev = item.evaluasi
    versions = ev.dokumen
    berlaku = versions[-1]
    pengganti = next((v for v in versions if v.versi == item.versi + 1), None)
    return {
        "title": "Verifikasi Dokumen",
        "ev": ev,
        "item": item,
        "berlaku": berlaku,
        "pengganti": pengganti,
        "semua_versi": versions,
        "nama": (ev.snapshot_pegawai or {}).get("nama") or ev.pegawai.nama,
        "nip_samaran": mask_nip((ev.snapshot_pegawai or {}).get("nip") or ev.pegawai.nip),
        "dokumen": [(NAMA_JENIS["C"], item.dokumen_c_sha256), (NAMA_JENIS["B"], item.dokumen_b_sha256)],
        "form": form,
        "hasil": hasil,
        "cocok": cocok,
        "diperiksa": diperiksa and hasil is None,
    }


def _penetapan(kode: str, form, hasil: bool = False, diperiksa: bool = False, status: int = 200):
    """A signed Penetapan Predikat Kinerja behind the code: unit, period, signer's position, hash."""
    from kinerja.evaluasi import penetapan
    from kinerja.extensions import db
    from kinerja.models import Periode

    item = penetapan.find_by_kode(kode)
    if item is None:
        abort(404)
    return render_template("evaluasi/verifikasi_penetapan.html", title="Verifikasi Dokumen", item=item,
                           periode=db.session.get(Periode, item.periode_id), form=form, hasil=hasil,
                           diperiksa=diperiksa), status


def _baca(form) -> bytes | None:
    with form.berkas.data.stream as stream:
        content = stream.read(BATAS_UNGGAH + 1)
    if len(content) > BATAS_UNGGAH:
        form.berkas.errors = ["Berkas lebih dari 5 MB; dokumen evaluasi tidak sebesar itu."]
        return None
    return content


@bp.get("/<kode>")
def verifikasi(kode: str):
    item = services.find_by_kode(kode)
    if item is None:
        return _penetapan(kode, CekDokumenForm())  # a signed Penetapan Predikat Kinerja, or 404
    return render_template("evaluasi/verifikasi.html", **_context(item, CekDokumenForm()))


@bp.post("/<kode>")
def cek(kode: str):
    item = services.find_by_kode(kode)
    if item is None:
        from kinerja.dokumen.pdf import sha256_hex
        from kinerja.evaluasi import penetapan

        item = penetapan.find_by_kode(kode)
        if item is None:
            abort(404)
        form = CekDokumenForm()
        content = _baca(form) if form.validate_on_submit() else None
        if content is None:
            return _penetapan(kode, form, status=422)
        return _penetapan(kode, CekDokumenForm(formdata=None), sha256_hex(content) == item.dokumen_sha256, True)
    form = CekDokumenForm()
    if not form.validate_on_submit():
        return render_template("evaluasi/verifikasi.html", **_context(item, form)), 422
    content = _baca(form)
    if content is None:
        return render_template("evaluasi/verifikasi.html", **_context(item, form)), 422
    hasil, cocok = services.check_document(item, content)
    current_app.logger.info("verifikasi dokumen evaluasi %s versi %s: %s", item.evaluasi_id, item.versi,
                            hasil or "tidak cocok")
    return render_template("evaluasi/verifikasi.html",
                           **_context(item, CekDokumenForm(formdata=None), hasil, cocok, diperiksa=True))
