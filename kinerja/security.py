"""Security headers on every response type, fragments and downloads included."""

from __future__ import annotations

from flask import current_app, g, has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import generate_csrf


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
    """The session cookie is Secure whenever the request came over HTTPS, whatever the config says."""

    def get_cookie_secure(self, app) -> bool:
        return super().get_cookie_secure(app) or (has_request_context() and request.is_secure)


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


def token_csrf() -> str:
    """The request's signed CSRF token, as ``csrf_token()`` in templates.  flask_wtf's ``generate_csrf``
    signs it once per request and keeps it in ``g``, but every later call still reads its configuration,
    ``g`` and the session through some eight proxies; a page asks four times.  The later calls here read
    ``g`` once.  (With another ``WTF_CSRF_FIELD_NAME`` than ours every call goes to ``generate_csrf``.)"""
    token = g.get("csrf_token")
    return token if token is not None else generate_csrf()
