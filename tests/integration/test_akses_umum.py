"""Route-wide checks: CSRF on every state change, admin pages closed to everyone else, no GET mutations."""

import re

import pytest

from tests.support.factories import PASSWORD


def _url_for_rule(rule) -> str:
    url = rule.rule
    for arg in rule.arguments:
        url = re.sub(rf"<(?:[^:<>]+:)?{arg}>", "1", url)
    return url


def _rules(app, method):
    return [r for r in app.url_map.iter_rules() if method in r.methods and r.endpoint != "static"]


def test_every_post_without_csrf_is_refused(app, browser, org):
    browser.login(org.kasi.nip, PASSWORD)
    rules = _rules(app, "POST")
    assert rules
    for rule in rules:
        r = browser.post(_url_for_rule(rule), {}, csrf=False)
        assert r.status_code == 400, f"{rule.rule} answered {r.status_code} without CSRF token"


def test_every_admin_page_is_closed_to_a_pegawai(app, browser, org):
    browser.login(org.kasi.nip, PASSWORD)
    for rule in _rules(app, "GET"):
        if not rule.rule.startswith("/admin"):
            continue
        r = browser.get(_url_for_rule(rule))
        assert r.status_code in (403, 404), f"{rule.rule} answered {r.status_code} to a non-admin"


def test_every_admin_post_is_closed_to_a_pegawai(app, browser, org):
    browser.login(org.kasi.nip, PASSWORD)
    for rule in _rules(app, "POST"):
        if not rule.rule.startswith("/admin"):
            continue
        r = browser.post(_url_for_rule(rule), {})
        assert r.status_code in (403, 404), f"{rule.rule} answered {r.status_code} to a non-admin"


@pytest.mark.parametrize("method", ["GET"])
def test_anonymous_gets_login_or_public_pages_only(app, client, method):
    # "Lupa kata sandi?" is for those who cannot log in (its reset page answers 404 to a bad token).
    public = {"/login", "/healthz", "/v/<kode>", "/instansi/logo", "/lupa-kata-sandi"}
    for rule in _rules(app, method):
        if rule.rule in public or rule.rule.startswith("/v/"):
            continue
        r = client.get(_url_for_rule(rule))
        assert r.status_code in (302, 401, 404), f"{rule.rule} answered {r.status_code} to an anonymous user"
        if r.status_code == 302:
            assert "/login" in r.headers["Location"]
