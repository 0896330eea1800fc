"""Verifikasi pages: inbox, Setujui/Kembalikan, Setujui Terpilih, detail + umpan balik, kepatuhan, delegasi."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from kinerja.akses import admin_required, aktor, arg_id, nomor_halaman, pegawai_required
from kinerja.errors import apply_to_form
from kinerja.extensions import db
from kinerja.formulir import aksi, coba, kirim
from kinerja.htmx import is_htmx_request, render, render_fragment
from kinerja.models import UnitKerja
from kinerja.organisasi.services import pilihan_pegawai_aktif
from kinerja.verifikasi import bp, queries, services, tabel
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
    return {"bukti_url": bukti_url, "verdict_choices": VERDICT_PAIRS, "tgl": tabel.tanggal_cepat, "baris_html": tabel.baris,
            "grup_html": tabel.grup}


def _alamat_baris() -> dict:
    """What the inbox rows build their links from, once per page rather than url_for per row:
    ``u`` the blueprint's prefix, ``qs`` the filter as a query string, ``ub`` the evidence prefix."""
    args = _filter_args()
    return {"u": url_for("verifikasi.index"), "qs": ("?" + urlencode(args)) if args else "",
            "ub": bukti_url(0)[:-1]}


def _filter_args() -> dict:
    """The inbox's filter and page, carried by every action so that the list keeps them."""
    args = {}
    if pegawai_id := arg_id("pegawai"):
        args["pegawai"] = pegawai_id
    if (halaman := nomor_halaman()) > 1:
        args["halaman"] = halaman
    return args


def _kembali_ke_inbox():
    return redirect(url_for("verifikasi.index", **_filter_args()), code=303)


# ---------------------------------------------------------------- inbox


def _render_inbox(status: int = 200, hasil=None, fragment_only: bool = False):
    pegawai_id = arg_id("pegawai")
    data = queries.inbox(aktor(), nomor_halaman(), pegawai_id=pegawai_id)
    context = dict(title="Verifikasi", inbox=data, hasil=hasil, pegawai_id=pegawai_id, filter_args=_filter_args(),
                   is_verifikator=user_is_verifikator(current_user), **_alamat_baris())
    if fragment_only:
        return render_fragment("verifikasi/partials/_inbox.html", status=status, trigger=TRIGGER, **context)
    return render("verifikasi/index.html", "verifikasi/partials/_inbox.html", status=status,
                  pilihan_pegawai=data.pilihan, **context)


@bp.get("/")
@pegawai_required
def index():
    return _render_inbox()


def _render_entri(aktivitas_id: int, form: VerifikasiForm | None, status: int = 200, pesan: str | None = None,
                  trigger: str | None = None):
    """One entry of the inbox table (its <tbody>), with the verification form open when ``form`` is given."""
    baris = queries.baris_inbox(aktivitas_id)
    if baris is None:
        abort(404)
    return render_fragment("verifikasi/partials/_entri.html", status=status, trigger=trigger, r=baris,
                           form=form if baris.status == "Diajukan" else None, pesan=pesan, gagal=status != 200,
                           filter_args=_filter_args(), **_alamat_baris())


@bp.get("/aktivitas/<int:aktivitas_id>/formulir")
@pegawai_required
def formulir(aktivitas_id: int):
    """Kesesuaian Bukti, Catatan, Setujui/Kembalikan opened in place in the inbox (htmx); ``tutup=1``
    folds it again.  Without htmx the entry's own page has the same form."""
    services.require_verifier(aktor(), aktivitas_id)
    if not is_htmx_request():
        return redirect(url_for("verifikasi.aktivitas", aktivitas_id=aktivitas_id))
    tutup = request.args.get("tutup") == "1"
    return _render_entri(aktivitas_id, None if tutup else _row_form(aktivitas_id))


def _verify(aktivitas_id: int, kembalikan: bool):
    form = _row_form(aktivitas_id, request.form)
    form.validate()
    if kembalikan:
        hasil = coba(lambda: services.return_aktivitas(aktor(), aktivitas_id, form.catatan.data, form.verdict.data,
                                                       form.versi.data))
        pesan, status = "Aktivitas dikembalikan kepada pegawai.", 200
    else:
        hasil = coba(lambda: services.approve_aktivitas(aktor(), aktivitas_id, form.verdict.data, form.versi.data))
        pesan, status = "Aktivitas disetujui.", 200
    if not hasil:
        apply_to_form(form, hasil.galat)
        pesan, status = hasil.galat.message, 422
    if is_htmx_request():
        if status == 422 and not form.errors:
            form = _row_form(aktivitas_id)  # a state conflict: show the row as it is now
        if request.form.get("tampilan") == "tabel":
            return _render_entri(aktivitas_id, form if form.errors else None, status=status, pesan=pesan,
                                 trigger=TRIGGER if status == 200 else None)
        aktivitas = queries.load_baris(aktivitas_id)
        return render_fragment("verifikasi/partials/_baris.html", status=status, trigger=TRIGGER if status == 200 else None,
                               a=aktivitas, form=form, pesan=pesan, gagal=status != 200)
    if status == 422:
        if form.errors:
            return _render_detail(aktivitas_id, verifikasi_form=form, status=422)
        flash(pesan, "danger")
    else:
        flash(pesan, "success")
    return _kembali_ke_inbox()


@bp.post("/aktivitas/<int:aktivitas_id>/setujui")
@pegawai_required
def setujui(aktivitas_id: int):
    return _verify(aktivitas_id, kembalikan=False)


@bp.post("/aktivitas/<int:aktivitas_id>/kembalikan")
@pegawai_required
def kembalikan(aktivitas_id: int):
    return _verify(aktivitas_id, kembalikan=True)


@bp.post("/setujui-terpilih")
@pegawai_required
def setujui_terpilih():
    """Approve the ticked entries, then show the inbox with the same filter and page as before."""
    form = SetujuiTerpilihForm()
    form.validate()
    disetujui = coba(lambda: services.approve_many(aktor(), [i for i in form.ids.data or [] if i]))
    if not disetujui:
        if is_htmx_request():
            return _render_inbox(status=422, hasil=disetujui.galat.message, fragment_only=True)
        flash(disetujui.galat.message, "danger")
        return _kembali_ke_inbox()
    hasil = disetujui.nilai
    if is_htmx_request():
        return _render_inbox(hasil=hasil, fragment_only=True)
    flash(f"{len(hasil.disetujui)} aktivitas disetujui." +
          (f" {len(hasil.dilewati)} dilewati: " + " ".join(sorted({m for _, m in hasil.dilewati})) if hasil.dilewati else ""),
          "success" if hasil.disetujui else "warning")
    return _kembali_ke_inbox()


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
    services.require_komentar(aktor(), aktivitas_id)
    form = KomentarForm()
    terkirim = kirim(form, lambda: services.add_komentar(aktor(), aktivitas_id, form.isi.data))  # a POST route
    if terkirim:
        if not is_htmx_request():
            flash("Umpan balik terkirim.", "success")
            return redirect(url_for("verifikasi.aktivitas", aktivitas_id=aktivitas_id), code=303)
        form = KomentarForm(formdata=None)
    return _render_detail(aktivitas_id, komentar_form=form, status=200 if terkirim else 422)


# ---------------------------------------------------------------- kepatuhan


@bp.get("/kepatuhan")
@pegawai_required
def kepatuhan():
    semua = request.args.get("semua") == "1"
    data = queries.kepatuhan(aktor(), semua=semua)
    return render("verifikasi/kepatuhan.html", "verifikasi/partials/_kepatuhan_grid.html", title="Kepatuhan Pengisian",
                  k=data, semua=semua)


# ---------------------------------------------------------------- delegasi (admin)


def _delegasi_form(formdata=None) -> DelegasiForm:
    form = DelegasiForm(formdata=formdata) if formdata is not None else DelegasiForm()
    units = db.session.execute(
        db.select(UnitKerja.id, UnitKerja.nama).where(UnitKerja.aktif.is_(True)).order_by(UnitKerja.nama)).all()
    form.unit_id.choices = pilihan([("", "— Pilih unit kerja —")] + [(u.id, u.nama) for u in units])
    # The current choice and 50 names; the field's search narrows them (#17: 10,000 pegawai).
    form.verifikator_id.choices = pilihan([("", "— Pilih pegawai —"),
                                           *pilihan_pegawai_aktif(None, form.verifikator_id.data)])
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
