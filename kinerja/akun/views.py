from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from kinerja import kait
from kinerja.akses import aktor
from kinerja.akun import bp, dua_langkah
from kinerja.akun.forms import (
    AktifkanDuaLangkahForm,
    GantiSandiForm,
    KodeForm,
    LoginForm,
    NonaktifkanDuaLangkahForm,
)
from kinerja.akun.services import LoginError, authenticate, change_password, end_sessions, remember_device
from kinerja.extensions import db
from kinerja.formulir import kirim, status_formulir
from kinerja.models import Akun

# How long the second login step may take after the right password.
LANGKAH_KEDUA_DETIK = 300


def _safe_next(target: str | None) -> str | None:
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _complete_login(akun: Akun, next_url: str | None):
    """Sign the browser in, and mark it as a trusted device for this account (device cookie)."""
    session.clear()
    login_user(akun)
    session.permanent = True
    session["login_at"] = session["last_seen"] = int(time.time())
    cookie = remember_device(akun)
    target = url_for("akun.ganti_sandi") if akun.harus_ganti_sandi else (_safe_next(next_url) or url_for("beranda.index"))
    response = redirect(target)
    response.set_cookie(cookie.name, cookie.value, max_age=cookie.max_age, httponly=True, samesite="Lax",
                        secure=current_app.config["SESSION_COOKIE_SECURE"] or request.is_secure)
    return response


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
            if not akun.totp_aktif:
                return _complete_login(akun, request.args.get("next"))
            session.clear()
            session["langkah_kedua"] = {"akun": akun.id, "versi": akun.session_version, "mulai": int(time.time()),
                                        "next": _safe_next(request.args.get("next"))}
            return redirect(url_for("akun.login_kode"))
    elif request.method == "POST":
        status = 422
    return render_template("akun/login.html", form=form, title="Masuk"), status


def _pending_akun() -> Akun | None:
    pending = session.get("langkah_kedua")
    if not isinstance(pending, dict) or int(time.time()) - int(pending.get("mulai", 0)) > LANGKAH_KEDUA_DETIK:
        return None
    akun = db.session.get(Akun, pending.get("akun"))
    if akun is None or akun.session_version != pending.get("versi") or not akun.is_active or not akun.totp_aktif:
        return None
    return akun


@bp.route("/login/kode", methods=["GET", "POST"])
def login_kode():
    """The second login step (two-factor login): a code from the app, or a recovery code."""
    if current_user.is_authenticated:
        return redirect(url_for("beranda.index"))
    akun = _pending_akun()
    if akun is None:
        session.pop("langkah_kedua", None)
        flash("Masukkan NIP/nama pengguna dan kata sandi terlebih dahulu.", "info")
        return redirect(url_for("akun.login"))
    form = KodeForm()
    status = 200
    if form.validate_on_submit():
        try:
            dua_langkah.verify_login_code(akun, form.kode.data)
        except dua_langkah.CodeError as err:
            form.kode.errors = [err.message]
            status = 422
        else:
            next_url = session["langkah_kedua"].get("next")
            return _complete_login(akun, next_url)
    elif request.method == "POST":
        status = 422
    return render_template("akun/login_kode.html", form=form, title="Verifikasi Dua Langkah"), status


@bp.post("/logout")
@login_required
def logout():
    end_sessions(current_user._get_current_object())
    logout_user()
    session.clear()
    flash("Anda telah keluar.", "info")
    return redirect(url_for("akun.login"))


def _akun_page(status: int = 200, **forms):
    user = aktor()
    return render_template(
        "akun/akun.html", form=forms.get("form") or GantiSandiForm(),
        nonaktif_form=forms.get("nonaktif_form") or NonaktifkanDuaLangkahForm(prefix="nonaktif"),
        sisa_kode=dua_langkah.remaining_recovery_codes(user) if user.totp_aktif else 0, title="Akun Saya",
        bagian_tambahan=kait.sections("akun", user),
    ), status


@bp.get("/akun")
@login_required
def akun():
    return _akun_page()


@bp.route("/akun/dua-langkah", methods=["GET", "POST"])
@login_required
def dua_langkah_aktifkan():
    """Enrol: a QR code and the secret (kept in the session until a code proves it), then recovery codes."""
    user = aktor()
    if user.totp_aktif:
        flash("Verifikasi dua langkah sudah aktif.", "info")
        return redirect(url_for("akun.akun"))
    secret = session.get("totp_baru")
    if not secret:
        secret = session["totp_baru"] = dua_langkah.new_secret()
    form = AktifkanDuaLangkahForm()
    hasil = kirim(form, lambda: dua_langkah.enroll(user, secret, form.kode.data))
    if hasil:
        session.pop("totp_baru", None)
        return render_template("akun/kode_pemulihan.html", codes=hasil.nilai, title="Kode Pemulihan")
    uri = dua_langkah.provisioning_uri(user, secret, _issuer())
    return render_template("akun/dua_langkah.html", form=form, qr=dua_langkah.qr_data_uri(uri),
                           secret=dua_langkah.format_secret(secret),
                           title="Aktifkan Verifikasi Dua Langkah"), status_formulir()


def _issuer() -> str:
    from sqlalchemy import select

    from kinerja.models import Instansi

    inst = db.session.execute(select(Instansi).limit(1)).scalar()
    return f"kinerja {inst.nama_dinas}"[:60] if inst and inst.nama_dinas else current_app.config["TOTP_ISSUER"]


@bp.post("/akun/dua-langkah/nonaktifkan")
@login_required
def dua_langkah_nonaktifkan():
    form = NonaktifkanDuaLangkahForm(prefix="nonaktif")
    if kirim(form, lambda: dua_langkah.disable(aktor(), form.kata_sandi.data, form.kode.data)):
        flash("Verifikasi dua langkah dimatikan.", "success")
        return redirect(url_for("akun.akun"))
    return _akun_page(422, nonaktif_form=form)


@bp.route("/akun/kata-sandi", methods=["GET", "POST"])
@login_required
def ganti_sandi():
    form = GantiSandiForm()
    hasil = kirim(form, lambda: change_password(current_user._get_current_object(), form.sandi_lama.data,
                                                form.sandi_baru.data))
    if hasil:
        # The session version moved on: sign this browser in again, others are out.
        login_user(hasil.nilai)
        session["login_at"] = session["last_seen"] = int(time.time())
        flash("Kata sandi berhasil diganti. Sesi di perangkat lain telah diakhiri.", "success")
        return redirect(url_for("akun.akun"))
    return render_template("akun/ganti_sandi.html", form=form, title="Ganti Kata Sandi"), status_formulir()


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
