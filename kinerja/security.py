"""Security headers on every response type, fragments and downloads included."""

from __future__ import annotations

import time

from flask import current_app, has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import generate_csrf
from itsdangerous import BadSignature

from kinerja.konteks import aplikasi, glob, sesi


def content_security_policy(htmx_cdn_url: str | None) -> str:
    """The CSP; ``htmx_cdn_url`` None (KINERJA_HTMX_CDN=0) names no CDN at all."""
    directives = {
        "default-src": "'self'",
        # Exactly the pinned htmx file on its CDN (when used), and our own files.
        "script-src": f"'self' {htmx_cdn_url}" if htmx_cdn_url else "'self'",
        "style-src": "'self'",
        # Bootstrap's form controls draw their arrows and ticks with data: SVGs.
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "frame-ancestors": "'none'",
        "form-action": "'self'",
    }
    return "; ".join(f"{k} {v}" for k, v in directives.items())


class SessionInterface(SecureCookieSessionInterface):
    """The session cookie is Secure whenever the request came over HTTPS, whatever the config says.

    A signed cookie read once is remembered per process (issue #17): the same cookie string under the same
    keys always verifies to the same data and the same signing time, so the next request with it skips the
    serializer, base64, HMAC and JSON work (about a twentieth of a logged-in page).  The age is checked
    against the session lifetime on every request, as itsdangerous does; a cookie that fails verification is
    never remembered.  Only sessions of plain values (text, numbers, booleans) are remembered, and each
    request gets its own copy: a list in the session (flashed messages) can be changed in place."""

    def get_cookie_secure(self, app) -> bool:
        return super().get_cookie_secure(app) or (has_request_context() and request.is_secure)

    def open_session(self, app, request):
        nilai = request.cookies.get(self.get_cookie_name(app))
        if not nilai or not app.secret_key:
            return super().open_session(app, request)
        umur_maks = int(app.permanent_session_lifetime.total_seconds())
        kunci = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()), nilai)
        ingat = _sesi_terbaca.get(kunci)
        if ingat is None:
            try:
                data, ditandatangani = self.get_signing_serializer(app).loads(
                    nilai, max_age=umur_maks, return_timestamp=True)
            except BadSignature:  # bad, expired or from the future: an empty session, as Flask gives
                return self.session_class()
            ingat = (data, int(ditandatangani.timestamp()))
            if all(type(v) in _NILAI_POLOS for v in data.values()):
                if len(_sesi_terbaca) >= BATAS_SESI:
                    _sesi_terbaca.clear()
                _sesi_terbaca[kunci] = ingat
        else:
            umur = int(time.time()) - ingat[1]
            if umur > umur_maks or umur < 0:
                return self.session_class()
        return self.session_class(ingat[0])


BATAS_SESI = 4096  # verified session cookies remembered per process; forgotten all at once when full
_NILAI_POLOS = frozenset((str, int, bool, float, type(None)))
_sesi_terbaca: dict[tuple, tuple[dict, int]] = {}


def apply_security_headers(response):
    headers = response.headers
    headers["Content-Security-Policy"] = current_app.config["CSP"]
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if request.is_secure:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if request.endpoint != "static" and "Cache-Control" not in headers:
        # Pages carry personal data: never keep them in shared or browser caches.
        headers["Cache-Control"] = "no-store"
    return response


BATAS_TOKEN = 4096  # signed tokens remembered per process; forgotten all at once when full
_token_bertanda: dict[tuple[str, str], str] = {}


def token_csrf() -> str:
    """The request's signed CSRF token, as ``csrf_token()`` in templates and in the quick-entry form.

    flask_wtf's ``generate_csrf`` signs the session's raw token once per request (JSON, base64, HMAC) and
    keeps it in ``g``; every call reads its configuration, ``g`` and the session through some eight proxies,
    and a page asks four times.  Here the later calls read ``g`` once, and the signed token of a raw token is
    remembered across requests: with ``WTF_CSRF_TIME_LIMIT = None`` a token never expires by its timestamp
    (the session's own limits apply), so every signature of the same raw token is as good as a new one.
    A new session (login, logout) has a new raw token and so a new signed one.  (With another
    ``WTF_CSRF_FIELD_NAME`` than ours, or a time limit, every call goes to ``generate_csrf``.)"""
    memo = vars(glob())
    token = memo.get("csrf_token")
    if token is not None:
        return token
    config = aplikasi().config
    if config.get("WTF_CSRF_FIELD_NAME", "csrf_token") != "csrf_token" or config.get("WTF_CSRF_TIME_LIMIT"):
        return generate_csrf()
    kunci_rahasia = config.get("WTF_CSRF_SECRET_KEY") or config["SECRET_KEY"]
    mentah = sesi().get("csrf_token")
    token = _token_bertanda.get((kunci_rahasia, mentah)) if isinstance(mentah, str) else None
    if token is None:
        token = generate_csrf()
        if len(_token_bertanda) >= BATAS_TOKEN:
            _token_bertanda.clear()
        _token_bertanda[(kunci_rahasia, sesi()["csrf_token"])] = token
    else:
        memo["csrf_token"] = token  # where generate_csrf keeps it: flask_wtf's own later calls find it
    return token
