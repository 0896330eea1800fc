"""Rencana aksi page: my approved SKP's RHK with their rencana aksi per period; add and remove."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from kinerja import htmx
from kinerja.akses import aktor, pegawai_required
from kinerja.errors import NotFound
from kinerja.formulir import AksiForm, aksi, kirim, status_formulir
from kinerja.organisasi.permissions import pegawai_id_of
from kinerja.rencana_aksi import bp, queries, rules, services
from kinerja.rencana_aksi.forms import RencanaAksiForm, UbahRencanaAksiForm
from kinerja.waktu import today_local


def _choices(form: RencanaAksiForm, skp) -> None:
    form.rhk_id.choices = [("", "— Pilih RHK —")] + [(r.id, f"{r.jenis}: {r.uraian[:100]}") for r in skp.rhk]
    form.kode.choices = [("", "— Pilih periode —")] + [
        (p.kode, p.nama) for p in rules.periode_tahun(skp.tahun, queries.pola_tahun(skp.tahun))]


def _daftar(skp) -> dict:
    """The table of the page (also the htmx answer after an edit)."""
    rhk = queries.progres_skp(skp) if skp else []
    return {"skp": skp, "rhk": rhk, "hapus_form": AksiForm(formdata=None),
            "dibekukan": queries.dibekukan_ids(skp, rhk) if skp else set()}


def _page(form: RencanaAksiForm | None = None, status: int = 200):
    tahun = today_local().year
    skp = queries.skp_sendiri(pegawai_id_of(aktor()), tahun)
    if skp is not None:
        form = form or RencanaAksiForm(formdata=None)
        _choices(form, skp)
    return render_template("rencana_aksi/index.html", title="Rencana Aksi", tahun=tahun, form=form,
                           per_bulan=rules.per_bulan(queries.pola_tahun(tahun)), **_daftar(skp)), status


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


def _milik(rencana_aksi_id: int):
    try:
        return services.milik_sendiri(aktor(), rencana_aksi_id)
    except NotFound:
        abort(404)


def _form_ubah(ra, form: UbahRencanaAksiForm, status: int = 200):
    for f in form:  # the form opens next to the "Tambah" form on the same page: ids of its own
        f.id = f"ubah-{f.name}"
    response = htmx.render("rencana_aksi/ubah.html", "rencana_aksi/partials/_ubah.html", status=status,
                           title="Ubah Rencana Aksi", ra=ra, form=form)
    if status == 422 and htmx.is_htmx_request():  # the refused form goes back where it was, not over the table
        response.headers["HX-Retarget"] = "#ubah-ra"
        response.headers["HX-Reswap"] = "innerHTML"
    return response


@bp.get("/<int:rencana_aksi_id>/ubah")
@pegawai_required
def ubah_form(rencana_aksi_id: int):
    ra = _milik(rencana_aksi_id)
    return _form_ubah(ra, UbahRencanaAksiForm(formdata=None, obj=ra))


@bp.post("/<int:rencana_aksi_id>/ubah")
@pegawai_required
def ubah(rencana_aksi_id: int):
    ra = _milik(rencana_aksi_id)
    form = UbahRencanaAksiForm()
    hasil = kirim(form, lambda: services.ubah(aktor(), ra.id, services.DataUbah(
        form.uraian.data, form.target.data, form.satuan.data)))
    if not hasil:
        return _form_ubah(ra, form, status_formulir())
    if htmx.is_htmx_request():
        return htmx.render_fragment("rencana_aksi/partials/_daftar.html", trigger="rencanaAksiDiubah",
                                    pesan="Rencana aksi diubah.", **_daftar(ra.rhk.skp))
    flash("Rencana aksi diubah.", "success")
    return redirect(url_for("rencana_aksi.index"))


@bp.post("/<int:rencana_aksi_id>/hapus")
@pegawai_required
def hapus(rencana_aksi_id: int):
    try:
        hasil = aksi(lambda: services.hapus(aktor(), rencana_aksi_id))
    except NotFound:
        abort(404)
    if hasil:
        pesan = "Rencana aksi dihapus."
        if hasil.nilai.dilepas:
            pesan += (f" {hasil.nilai.dilepas} aktivitas yang belum disetujui tidak lagi menunjuk rencana aksi ini; "
                      "pilih rencana aksi lain bila perlu.")
        flash(pesan, "success")
    return redirect(url_for("rencana_aksi.index"))
