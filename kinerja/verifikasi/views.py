"""Verifikasi pages: inbox, Setujui/Kembalikan, Setujui Terpilih, detail + umpan balik, kepatuhan, delegasi."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from kinerja.akses import admin_required, aktor, nomor_halaman
from kinerja.errors import DomainError, apply_to_form
from kinerja.extensions import db
from kinerja.formulir import aksi, kirim
from kinerja.htmx import is_htmx_request, render, render_fragment
from kinerja.models import Pegawai, UnitKerja
from kinerja.organisasi.permissions import is_admin
from kinerja.verifikasi import bp, queries, services
from kinerja.verifikasi.forms import (
    VERDICT_PAIRS,
    DelegasiForm,
    KomentarForm,
    SetujuiTerpilihForm,
    VerifikasiForm,
    pilihan,
)
from kinerja.verifikasi.permissions import user_is_verifikator

TRIGGER = "verifikasi-berubah"





def _row_form(aktivitas_id: int, formdata=None) -> VerifikasiForm:
    return VerifikasiForm(formdata=formdata, prefix=f"a{aktivitas_id}")


def bukti_url(bukti_id: int) -> str:
    """The aktivitas feature's download route for one evidence file (literal path until it exists)."""
    if "aktivitas.bukti" in current_app.view_functions:
        rule = next(current_app.url_map.iter_rules("aktivitas.bukti"))
        if len(rule.arguments) == 1:
            return url_for("aktivitas.bukti", **{next(iter(rule.arguments)): bukti_id})
    return f"/aktivitas/bukti/{bukti_id}"


@bp.context_processor
def _helpers():
    return {"bukti_url": bukti_url, "verdict_choices": VERDICT_PAIRS}


# ---------------------------------------------------------------- inbox


def _render_inbox(status: int = 200, hasil=None, fragment_only: bool = False):
    pegawai_id = request.args.get("pegawai", type=int)
    data = queries.inbox(aktor(), nomor_halaman(), pegawai_id=pegawai_id)
    # Rows start empty: one blank form serves them all (ids and names carry the entry id).
    context = dict(title="Verifikasi", inbox=data, form_kosong=VerifikasiForm(formdata=None), hasil=hasil,
                   pegawai_id=pegawai_id,
                   is_verifikator=user_is_verifikator(current_user))
    if fragment_only:
        return render_fragment("verifikasi/partials/_inbox.html", status=status, trigger=TRIGGER, **context)
    return render("verifikasi/index.html", "verifikasi/partials/_inbox.html", status=status,
                  pilihan_pegawai=queries.pilihan_pegawai(aktor()), **context)


@bp.get("/")
@login_required
def index():
    if current_user.pegawai_id is None:
        if is_admin(current_user):
            return redirect(url_for("verifikasi.delegasi"))
        abort(403)
    return _render_inbox()


def _verify(aktivitas_id: int, kembalikan: bool):
    if current_user.pegawai_id is None:
        abort(403)
    form = _row_form(aktivitas_id, request.form)
    form.validate()
    pesan, status = None, 200
    try:
        if kembalikan:
            services.return_aktivitas(aktor(), aktivitas_id, form.catatan.data, form.verdict.data, form.versi.data)
            pesan = "Aktivitas dikembalikan kepada pegawai."
        else:
            services.approve_aktivitas(aktor(), aktivitas_id, form.verdict.data, form.versi.data)
            pesan = "Aktivitas disetujui."
    except DomainError as err:
        apply_to_form(form, err)
        pesan, status = err.message, 422
    aktivitas = queries.load_baris(aktivitas_id)
    if is_htmx_request():
        if status == 422 and not form.errors:
            form = _row_form(aktivitas_id)  # a state conflict: show the row as it is now
        return render_fragment("verifikasi/partials/_baris.html", status=status, trigger=TRIGGER if status == 200 else None,
                               a=aktivitas, form=form, pesan=pesan, gagal=status != 200)
    if status == 422:
        if form.errors:
            return _render_detail(aktivitas_id, verifikasi_form=form, status=422)
        flash(pesan, "danger")
    else:
        flash(pesan, "success")
    return redirect(url_for("verifikasi.index"), code=303)


@bp.post("/aktivitas/<int:aktivitas_id>/setujui")
@login_required
def setujui(aktivitas_id: int):
    return _verify(aktivitas_id, kembalikan=False)


@bp.post("/aktivitas/<int:aktivitas_id>/kembalikan")
@login_required
def kembalikan(aktivitas_id: int):
    return _verify(aktivitas_id, kembalikan=True)


@bp.post("/setujui-terpilih")
@login_required
def setujui_terpilih():
    if current_user.pegawai_id is None:
        abort(403)
    form = SetujuiTerpilihForm()
    form.validate()
    try:
        hasil = services.approve_many(aktor(), [i for i in form.ids.data or [] if i])
    except DomainError as err:
        if is_htmx_request():
            return _render_inbox(status=422, hasil=err.message, fragment_only=True)
        flash(err.message, "danger")
        return redirect(url_for("verifikasi.index"), code=303)
    if is_htmx_request():
        return _render_inbox(hasil=hasil, fragment_only=True)
    flash(f"{len(hasil.disetujui)} aktivitas disetujui." +
          (f" {len(hasil.dilewati)} dilewati: " + " ".join(sorted({m for _, m in hasil.dilewati})) if hasil.dilewati else ""),
          "success" if hasil.disetujui else "warning")
    return redirect(url_for("verifikasi.index"), code=303)


# ---------------------------------------------------------------- detail + umpan balik


def _render_detail(aktivitas_id: int, komentar_form: KomentarForm | None = None,
                   verifikasi_form: VerifikasiForm | None = None, status: int = 200):
    data = queries.detail(aktor(), aktivitas_id)
    if data is None:
        abort(404)
    return render("verifikasi/detail.html", "verifikasi/partials/_thread.html", status=status, title="Detail Aktivitas",
                  d=data, a=data.aktivitas, komentar_form=komentar_form or KomentarForm(formdata=None),
                  form=verifikasi_form or _row_form(aktivitas_id))


@bp.get("/aktivitas/<int:aktivitas_id>")
@login_required
def aktivitas(aktivitas_id: int):
    return _render_detail(aktivitas_id)


@bp.post("/aktivitas/<int:aktivitas_id>/komentar")
@login_required
def komentar(aktivitas_id: int):
    form = KomentarForm()
    status = 200
    if form.validate():
        try:
            services.add_komentar(aktor(), aktivitas_id, form.isi.data)
        except DomainError as err:
            apply_to_form(form, err)
            status = 422
        else:
            if not is_htmx_request():
                flash("Umpan balik terkirim.", "success")
                return redirect(url_for("verifikasi.aktivitas", aktivitas_id=aktivitas_id), code=303)
            form = KomentarForm(formdata=None)
    else:
        status = 422
    return _render_detail(aktivitas_id, komentar_form=form, status=status)


# ---------------------------------------------------------------- kepatuhan


@bp.get("/kepatuhan")
@login_required
def kepatuhan():
    if current_user.pegawai_id is None:
        abort(403)
    semua = request.args.get("semua") == "1"
    data = queries.kepatuhan(aktor(), semua=semua)
    return render("verifikasi/kepatuhan.html", "verifikasi/partials/_kepatuhan_grid.html", title="Kepatuhan Pengisian",
                  k=data, semua=semua)


# ---------------------------------------------------------------- delegasi (admin)


def _delegasi_form(formdata=None) -> DelegasiForm:
    form = DelegasiForm(formdata=formdata) if formdata is not None else DelegasiForm()
    units = db.session.execute(
        db.select(UnitKerja.id, UnitKerja.nama).where(UnitKerja.aktif.is_(True)).order_by(UnitKerja.nama)).all()
    pegawai = db.session.execute(
        db.select(Pegawai.id, Pegawai.nama, Pegawai.nip).where(Pegawai.aktif.is_(True)).order_by(Pegawai.nama)).all()
    form.unit_id.choices = pilihan([("", "— Pilih unit kerja —")] + [(u.id, u.nama) for u in units])
    form.verifikator_id.choices = pilihan([("", "— Pilih pegawai —")] + [(p.id, f"{p.nama} ({p.nip})") for p in pegawai])
    return form


def _render_delegasi(form: DelegasiForm, status: int = 200):
    return render_template("verifikasi/delegasi.html", title="Delegasi Verifikasi", form=form,
                           page=queries.list_delegasi(nomor_halaman())), status


@bp.get("/delegasi")
@admin_required
def delegasi():
    return _render_delegasi(_delegasi_form())


@bp.post("/delegasi")
@admin_required
def delegasi_tambah():
    form = _delegasi_form()
    hasil = kirim(form, lambda: services.create_delegasi(aktor(), form.unit_id.data, form.verifikator_id.data, form.tanggal_mulai.data,
                                                         form.tanggal_selesai.data, form.keterangan.data))
    if hasil:
        flash("Delegasi verifikasi tersimpan.", "success")
        return redirect(url_for("verifikasi.delegasi"), code=303)
    return _render_delegasi(form, 422)


@bp.post("/delegasi/<int:delegasi_id>/akhiri")
@admin_required
def delegasi_akhiri(delegasi_id: int):
    if aksi(lambda: services.end_delegasi(aktor(), delegasi_id), "warning"):
        flash("Delegasi diakhiri.", "success")
    return redirect(url_for("verifikasi.delegasi"), code=303)
