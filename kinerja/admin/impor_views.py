"""Admin pages for importing pegawai (CSV/XLSX): upload → "Periksa" (dry run) → "Impor Sekarang".

The checked file is kept under a random token (kinerja.organisasi.impor.unggahan), so the
admin does not upload it twice; the import re-checks it inside its own transaction.
"""

from __future__ import annotations

import re

from flask import abort, current_app, flash, redirect, request, url_for
from flask_login import current_user
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import HiddenField

from kinerja.admin import bp
from kinerja.admin.impor_tugas import JENIS as JENIS_IMPOR
from kinerja.admin.impor_tugas import perlu_latar
from kinerja.admin.permissions import admin_required
from kinerja.akun.surat import jumlah_tanpa_sandi
from kinerja.errors import NotFound
from kinerja.extensions import db
from kinerja.formulir import AksiForm, FormulirDasar
from kinerja.htmx import render
from kinerja.jobs import antrekan
from kinerja.models import Pekerjaan
from kinerja.organisasi.impor import CATATAN_AKUN_BARU, apply_import, check_import
from kinerja.organisasi.impor.unggahan import UnggahanError, delete_upload, load_upload, save_upload

MAX_BYTES = 5 * 1024 * 1024


class ImporForm(FormulirDasar):
    berkas = FileField("Berkas Pegawai (CSV/XLSX)", validators=[
        FileRequired("Pilih berkas CSV atau XLSX."),
        FileAllowed(["csv", "xlsx"], "Hanya berkas .csv atau .xlsx yang dapat diimpor. Berkas .xls lama: simpan "
                                     "ulang sebagai .xlsx."),
    ])


class JalankanForm(FormulirDasar):
    token = HiddenField()


def _page(form: ImporForm, status: int = 200, report=None, token: str | None = None, pesan: str | None = None):
    pratinjau, tersembunyi = report.pratinjau() if report is not None else ([], 0)
    return render("admin/impor.html", "admin/partials/_impor_panel.html", status=status, title="Impor Pegawai",
                  form=form, report=report, pratinjau=pratinjau, tersembunyi=tersembunyi, token=token,
                  jalankan=JalankanForm(token=token) if token else None, pesan=pesan,
                  catatan_akun=CATATAN_AKUN_BARU, max_mb=MAX_BYTES // (1024 * 1024),
                  tanpa_sandi=jumlah_tanpa_sandi(), aksi_form=AksiForm(formdata=None))


@bp.route("/impor", methods=["GET", "POST"])
@admin_required
def impor():
    """GET: the upload form.  POST ("Periksa"): check the file and show the preview."""
    form = ImporForm()
    if request.method == "GET":
        return _page(form)
    if not form.validate_on_submit():
        return _page(form, status=422)
    upload = form.berkas.data
    data = upload.stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        form.berkas.errors = [f"Ukuran berkas maksimal {MAX_BYTES // (1024 * 1024)} MB."]
        return _page(form, status=422)
    actor = current_user._get_current_object()
    nama_berkas = re.split(r"[\\/]", upload.filename or "")[-1] or "berkas"
    report = check_import(actor, data, nama_berkas)
    if report.file_errors:
        return _page(form, status=422, report=report)
    token = None
    if report.valid and (report.dibuat or report.diperbarui):
        token = save_upload(current_app.config["UPLOAD_DIR"], actor.id, data, report.nama_berkas)
    return _page(form, report=report, token=token)


@bp.post("/impor/jalankan")
@admin_required
def impor_jalankan():
    """"Impor Sekarang": import the checked file kept under the posted token."""
    token = JalankanForm().token.data
    actor = current_user._get_current_object()
    upload_dir = current_app.config["UPLOAD_DIR"]
    try:
        data, nama_berkas = load_upload(upload_dir, token, actor.id)
    except UnggahanError as err:
        return _page(ImporForm(), status=err.status, pesan=err.message)
    if perlu_latar(data, nama_berkas):
        # Above IMPOR_BATAS_LATAR rows: a background job, with its progress on its own page.
        pekerjaan = antrekan(JENIS_IMPOR, {"token": token}, peminta=actor, kunci=f"impor:{token}",
                             keterangan=f"Impor {nama_berkas}")
        return redirect(url_for("admin.impor_pekerjaan", pekerjaan_id=pekerjaan.id))
    report = apply_import(actor, data, nama_berkas)
    if not report.applied:
        # The data changed since "Periksa": show what is wrong now; the file stays for a re-check.
        return _page(ImporForm(), status=422, report=report)
    delete_upload(upload_dir, token)
    flash(report.ringkasan(), "success")
    if report.akun_dibuat:
        flash(CATATAN_AKUN_BARU, "info")
    return redirect(url_for("admin.impor"))


@bp.get("/impor/pekerjaan/<int:pekerjaan_id>")
@admin_required
def impor_pekerjaan(pekerjaan_id: int):
    """A large import's progress (htmx polls this page's fragment until the job ends)."""
    row = db.session.get(Pekerjaan, pekerjaan_id)
    if row is None or row.jenis != JENIS_IMPOR:
        raise NotFound()
    return render("admin/impor_pekerjaan.html", "admin/partials/_impor_kemajuan.html", title="Impor Pegawai", p=row)


@bp.post("/impor/surat-akun")
@admin_required
def impor_surat_akun():
    """"Cetak Surat Akun": temporary passwords for the new pegawai and one PDF page each (issue #15).
    The PDF is made once and not stored."""
    from kinerja.akun.surat import cetak_surat_akun
    from kinerja.dokumen.pdf import pdf_response, render_pdf
    from kinerja.formulir import AksiForm
    from kinerja.waktu import today_local

    if not AksiForm().validate_on_submit():
        abort(400)
    alamat = (current_app.config.get("KINERJA_BASE_URL") or request.host_url).rstrip("/") + "/login"

    def render(lembar, aturan):
        return render_pdf("dokumen/surat_akun.html", lembar=lembar, aturan=aturan, alamat_login=alamat,
                          dicetak=today_local(), judul_dokumen="Surat Akun")

    pdf, jumlah = cetak_surat_akun(current_user._get_current_object(), render)
    if not jumlah:
        flash("Semua pegawai baru sudah punya kata sandi sementara; tidak ada surat akun yang dicetak.", "info")
        return redirect(url_for("admin.impor"))
    response = pdf_response(pdf, f"surat-akun-{today_local().isoformat()}.pdf", inline=False)
    response.headers["Cache-Control"] = "no-store"
    return response
