"""Request-level wiring: login loading, timeouts, headers, errors, template helpers."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import lru_cache

from flask import Flask, flash, g, redirect, render_template, request, url_for
from flask_login import logout_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import bindparam, func, select
from werkzeug.exceptions import BadRequest, SecurityError
from werkzeug.local import LocalProxy

from kinerja import kait
from kinerja.audit.context import DEVICE_COOKIE_PREFIX, client_address, device_cookies
from kinerja.database import end_read_transaction, reset_write_intent, set_write_intent
from kinerja.errors import NotFound, PermissionDenied
from kinerja.extensions import baris, db, entitas_dari_baris, kolom_entitas, login_manager
from kinerja.formulir import ada_karakter_kontrol
from kinerja.htmx import add_vary_header, is_htmx_request
from kinerja.kerangka import kaki_halaman, kepala_halaman
from kinerja.konteks import glob, pengguna, permintaan
from kinerja.konteks import sesi as sesi_permintaan
from kinerja.legenda import LEGENDA
from kinerja.models import Akun, Instansi, Notifikasi
from kinerja.nip import format_nip
from kinerja.referensi import pangkat_golongan_label
from kinerja.security import SessionInterface, apply_security_headers, token_csrf
from kinerja.waktu import tanggal_waktu

log = logging.getLogger(__name__)

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# Endpoints a user who must change their password may still reach.
PASSWORD_CHANGE_ALLOWED = {"akun.akun", "akun.logout", "akun.ganti_sandi", "static", "web.healthz", "akun.ping"}
# The idle timeout's clock (session["last_seen"]) moves in steps of this many seconds: between two steps
# the session does not change and its cookie is not signed and sent again (SESSION_REFRESH_EACH_REQUEST off).
LANGKAH_LAST_SEEN = 30
# Endpoints an admin who must first enrol in two-factor login (production) may still reach.
ENROL_ALLOWED = PASSWORD_CHANGE_ALLOWED | {"akun.dua_langkah_aktifkan", "akun.sisa_sesi"}


def init_app(app: Flask) -> None:
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    if not event.contains(Session, "after_commit", _forget_unread_after_commit):
        event.listen(Session, "after_commit", _forget_unread_after_commit)
    app.session_interface = SessionInterface()
    from kinerja.atasan import fakta_bawahan_tercatat

    kait.add_fakta_akun(app, "bawahan_tercatat", fakta_bawahan_tercatat)  # the navigation's "has a team?"
    login_manager.login_view = "akun.login"
    login_manager.login_message = "Silakan masuk terlebih dahulu."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(user_id: str):
        try:
            akun_id, version = (int(part) for part in user_id.split(".", 1))
        except (ValueError, AttributeError):
            return None
        akun = _load_akun(akun_id)
        if akun is None or akun.session_version != version or not akun.is_active:
            return None
        return akun

    from flask import Blueprint, jsonify

    bp = Blueprint("web", __name__)

    @bp.get("/healthz")
    def healthz():
        db.session.execute(select(1)).scalar_one()
        return jsonify(status="ok")

    app.register_blueprint(bp)

    @app.before_request
    def _before():
        g.write_token = set_write_intent(request.method not in SAFE_METHODS)
        g.address_token = client_address.set(request.remote_addr)
        g.device_token = device_cookies.set(
            {k: v for k, v in request.cookies.items() if k.startswith(DEVICE_COOKIE_PREFIX)})
        _refuse_control_characters_in_query()
        return _enforce_session_rules(app)

    app.teardown_request(_teardown)
    app.teardown_appcontext(_end_of_app_context)  # registered after db.init_app, so it runs before its removal

    @app.after_request
    def _after(response):
        apply_security_headers(response)
        add_vary_header(response)
        return response

    _register_error_handlers(app)
    _register_template_helpers(app)


def _end_of_app_context(exc) -> None:
    """Just before Flask-SQLAlchemy removes the session: a request's (or a command's) read transaction ends
    with COMMIT, so PostgreSQL keeps its prepared statements (kinerja.database).  Not at the end of a
    request: a request context inside a command or job (``render_context``) leaves the command its
    transaction, and the command goes on with its session."""
    if exc is None:
        end_read_transaction(db.session())


def _teardown(exc) -> None:
    token = g.pop("write_token", None)
    if token is not None:
        reset_write_intent(token)
    token = g.pop("address_token", None)
    if token is not None:
        client_address.reset(token)
    token = g.pop("device_token", None)
    if token is not None:
        device_cookies.reset(token)


class KarakterKontrolError(BadRequest):
    """The query string holds a control character (PostgreSQL refuses NUL in any text it compares)."""

    pesan = "Alamat halaman berisi karakter kontrol (misalnya NUL) yang tidak dapat diproses. Periksa kata pencarian lalu coba lagi."


def _refuse_control_characters_in_query() -> None:
    """Form fields get a message on the field (FormulirDasar); the query string is checked here, once."""
    if any(ada_karakter_kontrol(k) or ada_karakter_kontrol(v) for k, v in request.args.items(multi=True)):
        raise KarakterKontrolError()


def _enforce_session_rules(app: Flask):
    req = permintaan()
    if req.endpoint in ("static", "web.healthz"):
        return None
    user = pengguna()
    if not user.is_authenticated:
        return None
    endpoint, sesi = req.endpoint, sesi_permintaan()
    now = int(time.time())
    idle_limit = app.config["IDLE_TIMEOUT_MINUTES"] * 60
    absolute_limit = app.config["ABSOLUTE_TIMEOUT_HOURS"] * 3600
    started = sesi.get("login_at", now)
    last_seen = sesi.get("last_seen", now)
    if now - last_seen > idle_limit or now - started > absolute_limit:
        logout_user()
        sesi.clear()
        flash("Sesi Anda berakhir karena terlalu lama tidak aktif. Silakan masuk kembali.", "warning")
        if is_htmx_request() or req.headers.get("HX-Request"):
            from kinerja.htmx import redirect_htmx

            return redirect_htmx(url_for("akun.login"))
        return redirect(url_for("akun.login", next=req.full_path if req.method == "GET" else None))
    if endpoint != "akun.sisa_sesi" and ("last_seen" not in sesi or now - last_seen >= LANGKAH_LAST_SEEN):
        sesi["last_seen"] = now  # a changed session is a new signed cookie: at most every step
    if user.harus_ganti_sandi and endpoint not in PASSWORD_CHANGE_ALLOWED:
        flash("Anda memakai kata sandi sementara. Ganti kata sandi dulu untuk melanjutkan.", "warning")
        return redirect(url_for("akun.ganti_sandi"))
    if (app.config["WAJIB_2FA_ADMIN"] and user.is_admin and not user.totp_aktif
            and endpoint not in ENROL_ALLOWED):
        flash("Akun admin wajib memakai verifikasi dua langkah. Aktifkan dulu untuk melanjutkan.", "warning")
        if req.headers.get("HX-Request"):
            from kinerja.htmx import redirect_htmx

            return redirect_htmx(url_for("akun.dua_langkah_aktifkan"))
        return redirect(url_for("akun.dua_langkah_aktifkan"))
    return None


def _register_input_errors(app: Flask, page) -> None:
    """400s for input no view should see: control characters in the query string, an untrusted Host."""

    @app.errorhandler(KarakterKontrolError)
    def _control_characters(err):
        return page(400, "Permintaan tidak valid", err.pesan)

    @app.errorhandler(SecurityError)
    def _untrusted_host(_err):
        # An untrusted Host header (TRUSTED_HOSTS): no URL can be built for it, answer in plain text.
        return "Permintaan ditolak: alamat host tidak dikenal.", 400, {"Content-Type": "text/plain; charset=utf-8"}


# The error pages: an exception class or HTTP status → (status, title, message).
_HALAMAN_GALAT = {
    CSRFError: (400, "Permintaan ditolak", "Sesi formulir kedaluwarsa, muat ulang halaman."),
    400: (400, "Permintaan tidak valid", "Permintaan tidak dapat diproses. Periksa isian lalu coba lagi."),
    403: (403, "Akses ditolak", "Anda tidak berwenang membuka halaman ini."),
    404: (404, "Tidak ditemukan", "Halaman atau data yang Anda cari tidak ada, atau bukan wewenang Anda."),
    405: (405, "Metode tidak diizinkan", "Tindakan ini tidak dapat dilakukan dengan cara tersebut."),
    413: (413, "Berkas terlalu besar", "Berkas yang diunggah melebihi batas ukuran."),
}


def _register_error_handlers(app: Flask) -> None:
    def _page(status: int, title: str, message: str):
        template = "errors/_fragment.html" if request.headers.get("HX-Request") else "errors/page.html"
        return render_template(template, status=status, title=title, message=message), status

    _register_input_errors(app, _page)

    for kode, (status, title, message) in _HALAMAN_GALAT.items():
        app.register_error_handler(kode, lambda _err, s=status, t=title, m=message: _page(s, t, m))

    def _not_found(_err):
        return _page(404, *_HALAMAN_GALAT[404][1:])

    # Domain exceptions that escape a view become the matching HTTP answer, in one place.
    @app.errorhandler(NotFound)
    def _domain_not_found(_err):
        return _not_found(None)

    @app.errorhandler(PermissionDenied)
    def _domain_denied(err):
        if err.hide:
            return _not_found(None)
        return _page(403, "Akses ditolak", err.message)

    @app.errorhandler(500)
    def _server_error(_err):
        db.session.rollback()
        return _page(500, "Terjadi kesalahan", "Maaf, terjadi kesalahan di server. Tidak ada perubahan yang tersimpan; coba lagi.")


def _register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["nip"] = format_nip
    app.jinja_env.globals["pangkat_golongan_label"] = pangkat_golongan_label
    app.jinja_env.globals["LEGENDA"] = LEGENDA
    app.jinja_env.globals["kepala_halaman"] = kepala_halaman
    app.jinja_env.globals["kaki_halaman"] = kaki_halaman
    app.jinja_env.globals["csrf_token"] = token_csrf  # over flask_wtf's (macros imported without context)

    @app.template_filter("waktu")
    def _waktu(value):
        return tanggal_waktu(value, _zona())

    @app.context_processor
    def _globals():
        # The header's navigation and notification badge are worked out only when a template shows them
        # (full pages): an htmx fragment, e.g. one row after Setujui, reads nothing for them.
        return {
            "instansi": _instansi(),
            "htmx_config": app.config,
            "is_htmx": is_htmx_request(),
            "csrf_token": token_csrf,  # after flask_wtf's context processor, so this one is used
            "notifikasi_belum_dibaca": LocalProxy(lambda: _unread_count() if pengguna().is_authenticated else 0),
            "idle_timeout_seconds": app.config["IDLE_TIMEOUT_MINUTES"] * 60,
            "idle_warning_seconds": app.config["IDLE_WARNING_MINUTES"] * 60,
        }


def _instansi() -> Instansi | None:
    from kinerja.organisasi.services import find_instansi

    return find_instansi()


def _zona() -> str:
    from kinerja.percache import known

    zona = known("zona_waktu")  # from the account query: no reload of the instansi row after a commit
    if zona:
        return zona
    inst = _instansi()
    return inst.zona_waktu if inst else "Asia/Jakarta"


# Pages that never show the account's profile (jabatan and atasan: the Beranda's): their account query
# loads the pegawai with its unit alone — two joined entities fewer on the pages a pegawai opens most.
TANPA_PROFIL = ("aktivitas.",)


# What no page shows from the account's entities: left out of the account query (every request) and loaded,
# all of an entity's at once, when something does read them (the password check, an audit of a change).
# The password hash is then also not read into the server's memory on every request.  (The TOTP secret
# stays: ``Akun.totp_aktif`` reads it on every admin request, ``_enforce_session_rules``.)
_STEMPEL = frozenset({"created_at", "updated_at"})
TANPA_KOLOM = {"akun": _STEMPEL | {"password_hash"}}  # every other entity: _STEMPEL


@lru_cache(maxsize=16)
def _akun_stmt(fakta: tuple[tuple[str, Callable], ...], _hari_utc: date, profil: bool = True):
    """The statement of ``_load_akun``, built once per set of features' facts and UTC day (the facts compare
    with today): building a statement and its cache key costs more CPU than running it, and this one runs
    on every request.  Plain columns and each entity's slice of the row: ``_load_akun`` makes the ORM objects."""
    from kinerja.models import Jabatan, Pegawai, PejabatLuar, UnitKerja

    # Aliases: a feature's fact (a subquery on pegawai, unit_kerja …) must not correlate with these joins.
    # Short ones (pa: pegawai of the account, aa: its atasan …): every column is named with its alias, and
    # the day view's statement stays under 4 KiB, the longest psycopg keeps parsed between executions.
    akun, pegawai, atasan = Akun.__table__, Pegawai.__table__.alias("pa"), Pegawai.__table__.alias("aa")
    unit, jabatan = UnitKerja.__table__.alias("ua"), Jabatan.__table__.alias("ja")
    luar, instansi = PejabatLuar.__table__.alias("la"), Instansi.__table__.alias("ia")
    unread = (select(func.count(Notifikasi.id))
              .where(Notifikasi.penerima_id == akun.c.id, Notifikasi.dibaca_at.is_(None))
              .correlate(akun).scalar_subquery())
    pertama = Instansi.__table__.alias("ip")
    dari = (akun.outerjoin(pegawai, pegawai.c.id == akun.c.pegawai_id)
            .outerjoin(unit, unit.c.id == pegawai.c.unit_id)  # the work week (kinerja.kalender.work_week_of)
            .outerjoin(luar, luar.c.id == akun.c.pejabat_luar_id)
            .outerjoin(instansi, instansi.c.id == select(func.min(pertama.c.id)).scalar_subquery()))
    tabel = {"akun": (Akun, akun), "pegawai": (Pegawai, pegawai), "unit": (UnitKerja, unit),
             "pejabat_luar": (PejabatLuar, luar), "instansi": (Instansi, instansi)}
    if profil:  # the Beranda's profile: jabatan and atasan
        dari = (dari.outerjoin(jabatan, jabatan.c.id == pegawai.c.jabatan_id)
                .outerjoin(atasan, atasan.c.id == pegawai.c.atasan_id))
        tabel |= {"jabatan": (Jabatan, jabatan), "atasan": (Pegawai, atasan)}
    kolom, potongan = [], {}
    for nama, (model, alias) in tabel.items():  # each entity's slice of the row, by name
        tanpa = TANPA_KOLOM.get(nama, _STEMPEL)
        dari_model = kolom_entitas(model, alias, tanpa)
        potongan[nama] = (model, slice(len(kolom), len(kolom) + len(dari_model)), tanpa)
        kolom += dari_model
    stmt = (select(*kolom, unread, *(build(akun.c.pegawai_id) for _, build in fakta))
            .select_from(dari).where(akun.c.id == bindparam("akun_id")))
    return stmt, potongan, len(kolom)


def _load_akun(akun_id: int) -> Akun | None:
    """The account with what nearly every page needs next, in one query: its pegawai (with its unit and, for
    the Beranda profile, jabatan and atasan), the unread-notification count and the instansi row."""
    from kinerja.percache import remember

    fakta = tuple(kait.fakta_akun())  # the features' facts about the pegawai (kinerja.kait.add_fakta_akun)
    profil = not (request.endpoint or "").startswith(TANPA_PROFIL)
    stmt, potongan, n_kolom = _akun_stmt(fakta, datetime.now(UTC).date(), profil)
    row = baris(stmt, {"akun_id": akun_id}).first()
    if row is None:
        return None

    def entitas(nama: str, **terkait):
        model, bagian, tanpa = potongan[nama]
        return entitas_dari_baris(model, row[bagian], tanpa, **terkait)

    # The ORM objects, persistent in the session, linked as a joined eager load would link them.
    profil_pegawai = {"jabatan": entitas("jabatan"), "atasan": entitas("atasan")} if profil else {}
    pegawai = entitas("pegawai", unit=entitas("unit"), **profil_pegawai)
    akun = entitas("akun", pegawai=pegawai, pejabat_luar=entitas("pejabat_luar"))
    instansi = entitas("instansi")
    jumlah = row[n_kolom]
    if akun.pegawai_id is not None:
        for (key, _), value in zip(fakta, row[n_kolom + 1:], strict=True):
            remember(f"{key}:{akun.pegawai_id}", value)
    remember("instansi", instansi)
    if instansi is not None:  # dates and times are shown in it after a commit too, without reloading the row
        remember("zona_waktu", instansi.zona_waktu)
    g.unread_awal = jumlah
    return akun


def _forget_unread_after_commit(session) -> None:
    """A request that changed something (e.g. marked notifications read) counts again at render time."""
    from flask import has_app_context

    if has_app_context():
        g.pop("unread_awal", None)


def _unread_count() -> int:
    memo = vars(glob())  # read from the account query (g.unread_awal) unless a commit came after
    if "unread" not in memo and "unread_awal" in memo:
        memo["unread"] = memo["unread_awal"]
    if "unread" not in memo:
        memo["unread"] = db.session.execute(
            select(func.count(Notifikasi.id)).where(
                Notifikasi.penerima_id == pengguna().id, Notifikasi.dibaca_at.is_(None)
            )
        ).scalar_one()
    return memo["unread"]
