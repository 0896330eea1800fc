"""Tahun Kinerja pages (admin only): list and create years, adjust each period's batas pengisian."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from kinerja.akses import admin_required, aktor
from kinerja.extensions import db
from kinerja.formulir import AksiForm, kirim
from kinerja.htmx import is_htmx_request, render_fragment
from kinerja.models import Periode
from kinerja.periode import bp, services
from kinerja.periode.forms import BatasPengisianForm, TahunKinerjaForm, TtdLebihAwalForm
from kinerja.periode.rules import BATAS_PENGISIAN_HARI, POLA_LABEL
from kinerja.waktu import today_local


def _render_daftar(form: TahunKinerjaForm, status: int = 200):
    return render_template("periode/daftar.html", title="Tahun Kinerja", form=form, pola_label=POLA_LABEL,
                           daftar=services.list_tahun_kinerja(aktor()), batas_hari=BATAS_PENGISIAN_HARI), status


@bp.get("")
@admin_required
def index():
    return _render_daftar(TahunKinerjaForm(formdata=None, tahun=today_local().year))


@bp.post("")
@admin_required
def buat():
    form = TahunKinerjaForm()
    hasil = kirim(form, lambda: services.create_tahun_kinerja(aktor(), form.tahun.data, form.pola.data))
    if hasil:
        tk = hasil.nilai
        flash(f"Tahun kinerja {tk.tahun} dibuat dengan {len(tk.periode)} periode.", "success")
        return redirect(url_for("periode.detail", tahun=tk.tahun))
    return _render_daftar(form, 422)


def _batas_forms(tk) -> dict[int, BatasPengisianForm]:
    return {p.id: BatasPengisianForm(formdata=None, prefix=f"p{p.id}", batas_pengisian=p.batas_pengisian)
            for p in tk.periode}


@bp.get("/<int:tahun>")
@admin_required
def detail(tahun: int):
    tk = services.get_tahun_kinerja(aktor(), tahun)
    ttd_forms = {p.id: TtdLebihAwalForm(formdata=None, prefix=f"t{p.id}", izinkan=bool(p.ttd_lebih_awal))
                 for p in tk.periode}
    return render_template("periode/detail.html", title=f"Tahun Kinerja {tahun}", tk=tk, forms=_batas_forms(tk),
                           ttd_forms=ttd_forms, pola_label=POLA_LABEL, aksi_form=AksiForm())


@bp.post("/periode/<int:periode_id>/ttd-awal")
@admin_required
def ttd_awal(periode_id: int):
    """The per-period checkbox: evaluations may be signed before the period ends (audited)."""
    periode = db.get_or_404(Periode, periode_id)
    form = TtdLebihAwalForm(prefix=f"t{periode.id}")
    if not form.validate_on_submit():
        abort(400)
    izinkan = bool(form.izinkan.data)
    periode = services.set_ttd_lebih_awal(aktor(), periode_id, izinkan)
    flash(f"{periode.nama}: tanda tangan sebelum periode berakhir {'diizinkan' if izinkan else 'tidak diizinkan'}.",
          "success")
    return redirect(url_for("periode.detail", tahun=periode.tahun_kinerja.tahun))


@bp.post("/periode/<int:periode_id>/batas")
@admin_required
def ubah_batas(periode_id: int):
    periode = db.get_or_404(Periode, periode_id)
    form = BatasPengisianForm(prefix=f"p{periode.id}")
    status, tersimpan = 422, False
    hasil = kirim(form, lambda: services.update_batas_pengisian(aktor(), periode_id, form.batas_pengisian.data))
    if hasil:
        periode = hasil.nilai
        status, tersimpan = 200, True
    if is_htmx_request():
        ttd_form = TtdLebihAwalForm(formdata=None, prefix=f"t{periode.id}", izinkan=bool(periode.ttd_lebih_awal))
        return render_fragment("periode/partials/_baris.html", status, p=periode, form=form, tersimpan=tersimpan,
                               ttd_form=ttd_form)
    if tersimpan:
        flash(f"Batas pengisian {periode.nama} tersimpan.", "success")
    else:
        flash(" ".join(form.batas_pengisian.errors) or "Batas pengisian tidak valid.", "danger")
    return redirect(url_for("periode.detail", tahun=periode.tahun_kinerja.tahun))


@bp.post("/<int:tahun>/aktif")
@admin_required
def atur_aktif(tahun: int):
    if not AksiForm().validate_on_submit():
        abort(400)
    aktif = request.form.get("aktif") == "1"
    services.set_tahun_aktif(aktor(), tahun, aktif)
    flash(f"Tahun kinerja {tahun} {'dibuka' if aktif else 'ditutup'} untuk pembuatan SKP.", "success")
    return redirect(url_for("periode.detail", tahun=tahun))
