from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from kinerja.akses import aktor
from kinerja.errors import NotFound
from kinerja.extensions import db
from kinerja.formulir import kirim, status_formulir
from kinerja.models import Notifikasi, Pegawai
from kinerja.notifikasi import bp
from kinerja.notifikasi.forms import PreferensiForm, SurelForm
from kinerja.notifikasi.permissions import require_own_notifikasi
from kinerja.notifikasi.services import list_notifikasi, mark_read, pilihan_lengkap, simpan_preferensi, ubah_surel
from kinerja.notifikasi.surel import smtp_aktif


@bp.get("/")
@login_required
def daftar():
    items = list_notifikasi(current_user)
    return render_template("notifikasi/daftar.html", items=items, title="Notifikasi")


@bp.post("/<int:notifikasi_id>/buka")
@login_required
def buka(notifikasi_id: int):
    item = db.session.get(Notifikasi, notifikasi_id)
    require_own_notifikasi(current_user, item)
    tautan = item.tautan
    mark_read(current_user, notifikasi_id)
    return redirect(tautan if tautan and tautan.startswith("/") and not tautan.startswith("//") else url_for("notifikasi.daftar"))


@bp.post("/baca-semua")
@login_required
def baca_semua():
    mark_read(current_user)
    return redirect(url_for("notifikasi.daftar"))


def _pengaturan_page(form=None, surel_form=None, status: int = 200):
    user = aktor()
    pegawai = user.pegawai
    if form is None:
        form = PreferensiForm(formdata=None, data={f"saluran_{k}": v for k, v in pilihan_lengkap(user.id).items()})
    if surel_form is None and pegawai is not None:
        surel_form = SurelForm(formdata=None, data={"surel": pegawai.email or ""})
    return render_template("notifikasi/pengaturan.html", form=form, surel_form=surel_form, pegawai=pegawai,
                           smtp_aktif=smtp_aktif(), title="Pengaturan Notifikasi"), status


@bp.get("/pengaturan")
@login_required
def pengaturan():
    return _pengaturan_page()


@bp.post("/pengaturan")
@login_required
def simpan_pengaturan():
    form = PreferensiForm()
    if kirim(form, lambda: simpan_preferensi(aktor(), form.pilihan)):
        flash("Pengaturan notifikasi tersimpan.", "success")
        return redirect(url_for("notifikasi.pengaturan"))
    return _pengaturan_page(form=form, status=status_formulir())


@bp.post("/surel")
@login_required
def simpan_surel():
    """The pegawai's own e-mail address ("Surel"); the admin edits anyone's on Admin › Pegawai."""
    user = aktor()
    pegawai = db.session.get(Pegawai, user.pegawai_id) if user.pegawai_id else None
    if pegawai is None:
        raise NotFound()
    form = SurelForm()
    if kirim(form, lambda: ubah_surel(user, pegawai, form.surel.data)):
        flash("Surel tersimpan." if pegawai.email else "Surel dihapus; notifikasi hanya tampil di aplikasi.", "success")
        return redirect(url_for("notifikasi.pengaturan"))
    return _pengaturan_page(surel_form=form, status=status_formulir())
