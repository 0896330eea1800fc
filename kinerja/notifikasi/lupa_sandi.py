""""Lupa kata sandi?": a one-time, expiring link to set a new password, sent to the pegawai's Surel.

Only when SMTP is configured; otherwise the page says to contact the admin kepegawaian (as the
login page always did).  The answer to a request never says whether the account exists or has an
address (no enumeration).  Only the token's SHA-256 is stored; it works once, for
``BERLAKU_MENIT`` minutes, and a new password ends every session of the account.  At most
``MAKS_PER_JAM`` links per account and ``MAKS_IP_PER_JAM`` requests per client address an hour.
Every issued link, throttled request and use is audited.

The e-mail goes out in the background job "surel.lupa_sandi" (kinerja.jobs) whose only parameter
is the token row's id: the token is HMAC(SECRET_KEY, salt), so the job recomputes it while neither
the database nor the queue ever holds it — and the answer page takes the same time whether or not a
link was issued (no SMTP conversation in the request).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select, update
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from kinerja.akun.rules import password_problem
from kinerja.akun.services import find_akun, hash_password
from kinerja.alamat import alamat_dasar
from kinerja.audit.services import record
from kinerja.errors import DomainError
from kinerja.extensions import db
from kinerja.formulir import FormulirDasar, kirim, status_formulir
from kinerja.jobs import Konteks, antrekan, tugas
from kinerja.models import Akun, LoginThrottle, TokenSandi
from kinerja.notifikasi.surel import kirim_surel, smtp_aktif
from kinerja.waktu import utcnow

log = logging.getLogger(__name__)
bp = Blueprint("lupa_sandi", __name__)

BERLAKU_MENIT = 60
MAKS_PER_JAM = 3
MAKS_IP_PER_JAM = 20
PESAN_TERKIRIM = ("Bila akun tersebut terdaftar dan memiliki surel, tautan untuk mengganti kata sandi telah "
                  "dikirim. Periksa kotak masuk (dan folder spam) Anda; tautan berlaku 60 menit.")
PESAN_TAUTAN_SALAH = "Tautan tidak berlaku: sudah dipakai, kedaluwarsa, atau salah. Minta tautan baru."


class LupaSandiForm(FormulirDasar):
    identitas = StringField("NIP atau Nama Pengguna", validators=[DataRequired("Isi NIP atau nama pengguna."), Length(max=100)])


class AturSandiForm(FormulirDasar):
    sandi_baru = PasswordField("Kata Sandi Baru", validators=[DataRequired("Isi kata sandi baru."), Length(max=256)])
    ulangi_sandi = PasswordField("Ulangi Kata Sandi Baru", validators=[
        DataRequired("Ulangi kata sandi baru."), EqualTo("sandi_baru", "Kedua kata sandi baru tidak sama.")])


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _token(garam: str) -> str:
    mac = hmac.new(current_app.config["SECRET_KEY"].encode(), f"lupa-sandi:{garam}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def _ip_dibatasi(alamat: str | None) -> bool:
    """Count this request against the client address; True when it is over the hourly limit."""
    kunci = f"lupa-sandi:{alamat or '-'}"
    now = utcnow()
    row = db.session.execute(select(LoginThrottle).where(LoginThrottle.kunci == kunci)).scalar_one_or_none()
    if row is None:
        row = LoginThrottle(kunci=kunci, gagal=0, jumlah_kunci=0)
        db.session.add(row)
    elif row.terakhir_gagal is None or now - row.terakhir_gagal > timedelta(hours=1):
        row.gagal = 0
    if row.gagal == 0:
        row.terakhir_gagal = now  # the window starts at the first request
    row.gagal += 1
    return row.gagal > MAKS_IP_PER_JAM


def minta_tautan(identitas: str, alamat_ip: str | None) -> TokenSandi | None:
    """Issue a reset link for the account named by ``identitas`` when it may have one and queue its
    e-mail; return the token row or None.  The caller shows the same message either way.  Commits."""
    if _ip_dibatasi(alamat_ip):
        record(None, "akun.lupa_sandi_dibatasi", "akun", None, aktor_label="anonim", sesudah={"alasan": "alamat"})
        db.session.commit()
        return None
    akun = find_akun(identitas)
    email = akun.pegawai.email if akun is not None and akun.aktif and akun.pegawai is not None else None
    if not email:
        db.session.commit()
        return None
    now = utcnow()
    terbaru = db.session.execute(select(func.count(TokenSandi.id)).where(
        TokenSandi.akun_id == akun.id, TokenSandi.dibuat_at > now - timedelta(hours=1))).scalar_one()
    if terbaru >= MAKS_PER_JAM:
        record(None, "akun.lupa_sandi_dibatasi", "akun", akun.id, aktor_label="anonim", sesudah={"alasan": "akun"})
        db.session.commit()
        return None
    garam = secrets.token_hex(32)
    row = TokenSandi(akun_id=akun.id, token_hash=_hash(_token(garam)), garam=garam, dibuat_at=now,
                     kedaluwarsa_at=now + timedelta(minutes=BERLAKU_MENIT))
    db.session.add(row)
    db.session.flush()
    record(None, "akun.lupa_sandi", "akun", akun.id, aktor_label="anonim", sesudah={"tautan_dikirim": True})
    antrekan(tugas_kirim_tautan, {"token_id": row.id}, kunci=f"surel.lupa_sandi:{row.id}",
             keterangan="tautan ganti kata sandi")  # commits
    db.session.commit()
    return row


@tugas("surel.lupa_sandi", judul="Kirim tautan ganti kata sandi", retries=3, retry_delay=30)
def tugas_kirim_tautan(konteks: Konteks, *, token_id: int) -> dict:
    row = db.session.get(TokenSandi, token_id)
    if row is None or row.dipakai_at is not None or row.kedaluwarsa_at <= utcnow():
        return {"terkirim": 0}
    akun = db.session.get(Akun, row.akun_id)
    if akun is None or akun.pegawai is None or not akun.pegawai.email or not smtp_aktif():
        return {"terkirim": 0}
    tautan = f"{alamat_dasar()}atur-ulang-sandi/{_token(row.garam)}"  # (no request here: no url_for)
    kirim_surel(akun.pegawai.email, "[Kinerja] Tautan mengganti kata sandi",
                f"Yth. {akun.pegawai.nama},\n\nAda permintaan mengganti kata sandi akun Kinerja Anda. "
                f"Buka tautan berikut dalam {BERLAKU_MENIT} menit untuk membuat kata sandi baru "
                f"(hanya dapat dipakai sekali):\n\n{tautan}\n\nBila Anda tidak memintanya, abaikan "
                "pesan ini; kata sandi Anda tidak berubah.\n")
    return {"terkirim": 1}


def _token_berlaku(token: str) -> TokenSandi | None:
    row = db.session.execute(select(TokenSandi).where(TokenSandi.token_hash == _hash(token or ""))).scalar_one_or_none()
    if row is None or row.dipakai_at is not None or row.kedaluwarsa_at <= utcnow():
        return None
    return row


def atur_sandi(token: str, sandi_baru: str) -> Akun:
    """Use a reset link once: set the new password, end every session, void the account's other links."""
    row = _token_berlaku(token)
    akun = db.session.get(Akun, row.akun_id) if row is not None else None
    if akun is None or not akun.aktif:
        raise DomainError(None, PESAN_TAUTAN_SALAH)
    words = [akun.username or ""] + ([akun.pegawai.nip, *akun.pegawai.nama.split()] if akun.pegawai else [])
    problem = password_problem(sandi_baru, tuple(w.lower() for w in words if len(w) >= 4))
    if problem:
        raise DomainError("sandi_baru", problem)
    now = utcnow()
    dipakai = db.session.execute(update(TokenSandi).where(TokenSandi.id == row.id, TokenSandi.dipakai_at.is_(None))
                                 .values(dipakai_at=now)).rowcount
    if dipakai != 1:
        raise DomainError(None, PESAN_TAUTAN_SALAH)
    db.session.execute(update(TokenSandi).where(TokenSandi.akun_id == akun.id, TokenSandi.dipakai_at.is_(None))
                       .values(dipakai_at=now))
    akun.password_hash = hash_password(sandi_baru)
    akun.harus_ganti_sandi = False
    akun.sandi_diganti_at = now
    akun.session_version = (akun.session_version or 1) + 1
    record(akun, "akun.atur_ulang_sandi", "akun", akun.id, sesudah={"lewat": "tautan surel"})
    db.session.commit()
    return akun


# ------------------------------------------------------------------ views


@bp.route("/lupa-kata-sandi", methods=["GET", "POST"])
def lupa():
    if current_user.is_authenticated:
        return redirect(url_for("akun.ganti_sandi"))
    aktif = smtp_aktif()
    form = LupaSandiForm()
    if aktif and form.validate_on_submit():
        minta_tautan(form.identitas.data, request.remote_addr)
        flash(PESAN_TERKIRIM, "info")
        return redirect(url_for("akun.login"))
    return render_template("notifikasi/lupa_sandi.html", form=form, aktif=aktif,
                           title="Lupa Kata Sandi"), status_formulir() if aktif else 200


@bp.route("/atur-ulang-sandi/<token>", methods=["GET", "POST"])
def atur(token: str):
    if len(token) > 100 or _token_berlaku(token) is None:
        return render_template("notifikasi/atur_sandi.html", form=None, title="Atur Ulang Kata Sandi",
                               pesan=PESAN_TAUTAN_SALAH), 404
    form = AturSandiForm()
    if kirim(form, lambda: atur_sandi(token, form.sandi_baru.data)):
        flash("Kata sandi baru tersimpan. Silakan masuk dengan kata sandi baru.", "success")
        return redirect(url_for("akun.login"))
    return render_template("notifikasi/atur_sandi.html", form=form, title="Atur Ulang Kata Sandi",
                           pesan=None), status_formulir()
