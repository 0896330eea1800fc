from flask import render_template
from flask_login import login_required

from kinerja.akses import aktor
from kinerja.beranda import bp
from kinerja.beranda.permissions import can_see_admin_summary, has_profile
from kinerja.beranda.services import admin_summary, direct_subordinates, load_profile, panels_for
from kinerja.waktu import today_local


@bp.get("/")
@login_required
def index():
    user = aktor()  # the account itself: every panel reads it, and the proxy costs on each attribute
    profil = load_profile(user.pegawai_id) if has_profile(user) else None
    bawahan = direct_subordinates(user.pegawai_id) if has_profile(user) else []
    ringkasan = admin_summary() if can_see_admin_summary(user) else None
    return render_template(
        "beranda/index.html", title="Beranda", profil=profil, bawahan=bawahan, ringkasan=ringkasan,
        panels=panels_for(user), disematkan=panels_for(user, pinned=True), hari_ini=today_local(),
    )
