"""Cetak Massal pages: the form and my recent prints, one print's live progress, cancel, download."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, send_file, url_for
from flask_login import login_required

from kinerja.akses import aktor, is_admin
from kinerja.cetak import bp, rules, services
from kinerja.cetak.forms import CetakForm
from kinerja.errors import PermissionDenied
from kinerja.formulir import aksi, kirim, pilihan, status_formulir
from kinerja.htmx import is_htmx_request, render_fragment
from kinerja.waktu import tanggal


def _form(form: CetakForm | None = None) -> CetakForm:
    actor = aktor()
    form = form or CetakForm()
    periode = services.pilihan_periode()
    form.periode_id.choices = pilihan(periode)
    units = services.pilihan_unit(actor)
    semua = "Seluruh dinas" if is_admin(actor) else "Seluruh unit saya"
    form.unit_id.choices = pilihan([("", semua), *units])
    form.bulan.choices = pilihan([("", "— Pilih bulan —"),
                                  *[(b, tanggal(date(2000, b, 1), "MMMM")) for b in range(1, 13)]])
    return form


def _halaman(form: CetakForm, status: int = 200):
    actor = aktor()
    return render_template("cetak/index.html", title="Cetak Massal", form=form, daftar=services.daftar(actor),
                           simpan_hari=rules.SIMPAN_HARI), status


@bp.route("", methods=["GET", "POST"])
@login_required
def index():
    if not services.can_use(aktor()):
        raise PermissionDenied(services.PESAN_BUKAN_PIMPINAN)
    form = _form()
    hasil = kirim(form, lambda: services.mulai_cetak(aktor(), form.data_layanan()))
    if hasil:
        return redirect(url_for("cetak.detail", pekerjaan_id=hasil.nilai.id))
    return _halaman(form, status_formulir())


@bp.get("/<int:pekerjaan_id>")
@login_required
def detail(pekerjaan_id: int):
    row = services.get_cetak(aktor(), pekerjaan_id)
    if is_htmx_request():
        return render_fragment("cetak/partials/_kemajuan.html", p=row, ada_berkas=services.path_hasil(row) is not None)
    return render_template("cetak/detail.html", title="Cetak Massal", p=row,
                           ada_berkas=services.path_hasil(row) is not None)


@bp.post("/<int:pekerjaan_id>/batal")
@login_required
def batal(pekerjaan_id: int):
    if aksi(lambda: services.batalkan(aktor(), pekerjaan_id), "warning"):
        flash("Cetak Massal dibatalkan.", "success")
    return redirect(url_for("cetak.detail", pekerjaan_id=pekerjaan_id))


@bp.get("/<int:pekerjaan_id>/unduh")
@login_required
def unduh(pekerjaan_id: int):
    path, nama = services.berkas_unduhan(aktor(), pekerjaan_id)
    mimetype = "application/pdf" if path.suffix == ".pdf" else "application/zip"
    return send_file(path, mimetype=mimetype, as_attachment=True, download_name=nama, max_age=0)
