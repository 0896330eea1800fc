"""The guide's pages and the checklist's dismissal."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import login_required

from kinerja.akses import aktor
from kinerja.panduan import bp, isi, services


@bp.get("")
@login_required
def index():
    return render_template("panduan/index.html", title="Panduan", bagian=isi.BAGIAN)


@bp.get("/<slug>")
@login_required
def bagian(slug: str):
    item = isi.BAGIAN_PER_SLUG.get(slug)
    if item is None:
        abort(404)
    return render_template("panduan/bagian.html", title=item.judul, item=item, bagian=isi.BAGIAN,
                           konten=f"panduan/bagian/{item.slug}.html", gambar_info=isi.GAMBAR)


@bp.post("/daftar-periksa/tutup")
@login_required
def tutup_checklist():
    services.dismiss_checklist(aktor())
    flash("Daftar periksa disembunyikan. Panduan tetap tersedia di menu Panduan.", "info")
    return redirect(url_for("beranda.index"))
