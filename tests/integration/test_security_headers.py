"""Security headers on every response type (QUALITY.md, Security → Headers and Sessions)."""

from __future__ import annotations

import pytest

from tests.support.factories import PASSWORD

HTMX_CDN = "https://cdn.jsdelivr.net/npm/htmx.org@2.0.11/dist/htmx.min.js"


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no CSP on {response.request.path}"
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_security_headers(response) -> None:
    csp = csp_directives(response)
    assert csp["script-src"] == ["'self'", HTMX_CDN]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def session_cookie(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("kinerja_session=")]
    assert cookies, f"no session cookie set by {response.request.path}"
    return cookies[-1]


def cookie_flags(cookie: str) -> set[str]:
    return {part.strip().lower() for part in cookie.split(";")[1:]}


# ------------------------------------------------------------------ every response type


def test_full_page(browser):
    response = browser.get("/login")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert_security_headers(response)


def test_htmx_fragment(browser, org):
    browser.login("admin", PASSWORD)
    response = browser.get("/admin/audit/", htmx=True)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<table" in body and "<html" not in body  # the fragment, not the page
    assert "HX-Request" in response.headers["Vary"]
    assert_security_headers(response)


def test_json(client):
    response = client.get("/healthz")
    assert response.is_json and response.get_json() == {"status": "ok"}
    assert_security_headers(response)


def test_static_file(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    assert_security_headers(response)
    response.close()


@pytest.mark.parametrize("htmx", [False, True], ids=["halaman", "fragmen"])
def test_not_found(browser, htmx):
    response = browser.get("/tidak-ada-halaman-ini", htmx=htmx)
    assert response.status_code == 404
    assert "Tidak ditemukan" in response.get_data(as_text=True)
    assert_security_headers(response)


def test_redirect_and_csrf_failure(browser, org):
    redirect = browser.get("/")
    assert redirect.status_code == 302
    assert_security_headers(redirect)
    refused = browser.post("/login", {"identitas": "admin", "kata_sandi": PASSWORD}, csrf=False)
    assert refused.status_code == 400
    assert_security_headers(refused)


def test_no_hsts_over_plain_http(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers


# ------------------------------------------------------------------ cookies and HTTPS


def test_session_cookie_is_httponly_and_lax(browser, org):
    flags = cookie_flags(session_cookie(browser.get("/login")))
    assert "httponly" in flags and "samesite=lax" in flags
    response = browser.login(org.staf1.nip, PASSWORD)
    assert response.status_code == 302
    flags = cookie_flags(session_cookie(response))
    assert "httponly" in flags and "samesite=lax" in flags


def test_https_gets_secure_cookie_and_hsts(client):
    response = client.get("/login", base_url="https://localhost")
    assert response.status_code == 200
    assert_security_headers(response)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    flags = cookie_flags(session_cookie(response))
    assert {"secure", "httponly", "samesite=lax"} <= flags


def test_https_behind_proxy_when_proxy_fix_is_on(app):
    """KINERJA_PROXY_FIX=1: nginx's X-Forwarded-Proto makes the request HTTPS."""
    from kinerja import create_app
    from kinerja.config import TestConfig

    proxied = create_app(TestConfig, PROXY_FIX=True, SQLALCHEMY_DATABASE_URI="sqlite://")
    response = proxied.test_client().get("/login", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.1.2.3"})
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "secure" in cookie_flags(session_cookie(response))

    plain = app.test_client().get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in plain.headers  # headers are ignored without PROXY_FIX

