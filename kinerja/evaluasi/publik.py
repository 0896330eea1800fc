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


def _context(ev, form, hasil=None, diperiksa: bool = False) -> dict:
    riwayat = ev.riwayat_dokumen or []
    return {
        "title": "Verifikasi Dokumen",
        "ev": ev,
        "nama": (ev.snapshot_pegawai or {}).get("nama") or ev.pegawai.nama,
        "nip_samaran": mask_nip((ev.snapshot_pegawai or {}).get("nip") or ev.pegawai.nip),
        "dokumen": [(NAMA_JENIS["C"], ev.dokumen_c_sha256), (NAMA_JENIS["B"], ev.dokumen_b_sha256)],
        "diganti": len(riwayat) > 1,
        "form": form,
        "hasil": hasil,
        "diperiksa": diperiksa and hasil is None,
    }


@bp.get("/<kode>")
def verifikasi(kode: str):
    ev = services.find_by_kode(kode)
    if ev is None:
        abort(404)
    return render_template("evaluasi/verifikasi.html", **_context(ev, CekDokumenForm()))


@bp.post("/<kode>")
def cek(kode: str):
    ev = services.find_by_kode(kode)
    if ev is None:
        abort(404)
    form = CekDokumenForm()
    if not form.validate_on_submit():
        return render_template("evaluasi/verifikasi.html", **_context(ev, form)), 422
    with form.berkas.data.stream as stream:
        content = stream.read(BATAS_UNGGAH + 1)
    if len(content) > BATAS_UNGGAH:
        form.berkas.errors = ["Berkas lebih dari 5 MB; dokumen evaluasi tidak sebesar itu."]
        return render_template("evaluasi/verifikasi.html", **_context(ev, form)), 422
    hasil = services.check_document(ev, content)
    current_app.logger.info("verifikasi dokumen evaluasi %s: %s", ev.id, hasil or "tidak cocok")
    return render_template("evaluasi/verifikasi.html", **_context(ev, CekDokumenForm(formdata=None), hasil, diperiksa=True))
