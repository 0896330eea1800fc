"""Rencana aksi page: my approved SKP's RHK with their rencana aksi per period; add and remove."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from kinerja.akses import aktor, pegawai_required
from kinerja.errors import NotFound
from kinerja.formulir import AksiForm, aksi, kirim, status_formulir
from kinerja.organisasi.permissions import pegawai_id_of
from kinerja.rencana_aksi import bp, queries, rules, services
from kinerja.rencana_aksi.forms import RencanaAksiForm
from kinerja.waktu import today_local


def _choices(form: RencanaAksiForm, skp) -> None:
    form.rhk_id.choices = [("", "— Pilih RHK —")] + [(r.id, f"{r.jenis}: {r.uraian[:100]}") for r in skp.rhk]
    form.kode.choices = [("", "— Pilih periode —")] + [
        (p.kode, p.nama) for p in rules.periode_tahun(skp.tahun, queries.pola_tahun(skp.tahun))]


def _page(form: RencanaAksiForm | None = None, status: int = 200):
    tahun = today_local().year
    skp = queries.skp_sendiri(pegawai_id_of(aktor()), tahun)
    if skp is not None:
        form = form or RencanaAksiForm(formdata=None)
        _choices(form, skp)
    return render_template("rencana_aksi/index.html", title="Rencana Aksi", skp=skp, tahun=tahun, form=form,
                           rhk=queries.progres_skp(skp) if skp else [], hapus_form=AksiForm(formdata=None),
                           per_bulan=rules.per_bulan(queries.pola_tahun(tahun))), status


@bp.get("/")
@pegawai_required
def index():
    return _page()


@bp.post("/tambah")
@pegawai_required
def tambah():
    form = RencanaAksiForm()
    skp = queries.skp_sendiri(pegawai_id_of(aktor()), today_local().year)
    if skp is None:
        abort(404)
    _choices(form, skp)
    try:
        hasil = kirim(form, lambda: services.tambah(aktor(), services.Data(
            form.rhk_id.data, form.kode.data, form.uraian.data, form.target.data, form.satuan.data)))
    except NotFound:
        abort(404)
    if hasil:
        flash("Rencana aksi tersimpan.", "success")
        return redirect(url_for("rencana_aksi.index"))
    return _page(form, status_formulir())


@bp.post("/<int:rencana_aksi_id>/hapus")
@pegawai_required
def hapus(rencana_aksi_id: int):
    try:
        dihapus = aksi(lambda: services.hapus(aktor(), rencana_aksi_id))
    except NotFound:
        abort(404)
    if dihapus:
        flash("Rencana aksi dihapus.", "success")
    return redirect(url_for("rencana_aksi.index"))
