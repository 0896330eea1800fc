from flask import render_template
from flask_login import current_user, login_required

from kinerja.beranda import bp
from kinerja.beranda.services import admin_summary, direct_subordinates, load_profile, panels_for
from kinerja.waktu import today_local


@bp.get("/")
@login_required
def index():
    user = current_user
    profil = load_profile(user.pegawai_id) if user.pegawai_id else None
    bawahan = direct_subordinates(user.pegawai_id) if user.pegawai_id else []
    ringkasan = admin_summary() if user.is_admin else None
    return render_template(
        "beranda/index.html", title="Beranda", profil=profil, bawahan=bawahan, ringkasan=ringkasan,
        panels=panels_for(user), disematkan=panels_for(user, pinned=True), hari_ini=today_local(),
    )
