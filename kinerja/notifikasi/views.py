from flask import redirect, render_template, url_for
from flask_login import current_user, login_required

from kinerja.extensions import db
from kinerja.models import Notifikasi
from kinerja.notifikasi import bp
from kinerja.notifikasi.permissions import require_own_notifikasi
from kinerja.notifikasi.services import list_notifikasi, mark_read


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
