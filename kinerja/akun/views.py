from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from kinerja.akun import bp
from kinerja.akun.forms import GantiSandiForm, LoginForm
from kinerja.akun.services import LoginError, authenticate, change_password, end_sessions
from kinerja.errors import DomainError, apply_to_form


def _safe_next(target: str | None) -> str | None:
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("beranda.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            akun = authenticate(form.identitas.data, form.kata_sandi.data, request.remote_addr)
        except LoginError as err:
            form.form_errors.append(err.message)
            status = 422
        else:
            session.clear()
            login_user(akun)
            session.permanent = True
            session["login_at"] = session["last_seen"] = int(time.time())
            if akun.harus_ganti_sandi:
                return redirect(url_for("akun.ganti_sandi"))
            return redirect(_safe_next(request.args.get("next")) or url_for("beranda.index"))
    elif request.method == "POST":
        status = 422
    return render_template("akun/login.html", form=form, title="Masuk"), status


@bp.post("/logout")
@login_required
def logout():
    end_sessions(current_user._get_current_object())
    logout_user()
    session.clear()
    flash("Anda telah keluar.", "info")
    return redirect(url_for("akun.login"))


@bp.get("/akun")
@login_required
def akun():
    from kinerja import kait

    return render_template("akun/akun.html", form=GantiSandiForm(), title="Akun Saya",
                           bagian_tambahan=kait.sections("akun", current_user._get_current_object()))


@bp.route("/akun/kata-sandi", methods=["GET", "POST"])
@login_required
def ganti_sandi():
    form = GantiSandiForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = change_password(current_user._get_current_object(), form.sandi_lama.data, form.sandi_baru.data)
        except DomainError as err:
            apply_to_form(form, err)
            status = 422
        else:
            # The session version moved on: sign this browser in again, others are out.
            login_user(user)
            session["login_at"] = session["last_seen"] = int(time.time())
            flash("Kata sandi berhasil diganti. Sesi di perangkat lain telah diakhiri.", "success")
            return redirect(url_for("akun.akun"))
    elif request.method == "POST":
        status = 422
    return render_template("akun/ganti_sandi.html", form=form, title="Ganti Kata Sandi"), status


@bp.post("/akun/ping")
@login_required
def ping():
    """Keep the session alive (the idle warning's "Tetap Masuk")."""
    return "", 204


@bp.get("/akun/sisa-sesi")
@login_required
def sisa_sesi():
    now = int(time.time())
    idle_left = current_app.config["IDLE_TIMEOUT_MINUTES"] * 60 - (now - session.get("last_seen", now))
    return {"sisa_detik": max(idle_left, 0)}
