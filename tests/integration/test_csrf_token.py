"""The signed CSRF token (``kinerja.security.token_csrf``): signed once per session's raw token and then
remembered, so a page does not pay the signature on every request; still one token per session, a new one
after login and logout, and every remembered token is accepted."""

from __future__ import annotations

import pytest

from kinerja import security
from kinerja.waktu import today_local
from tests.conftest import csrf_from
from tests.integration.test_aktivitas import form_data, login


def _token(browser, url: str = "/aktivitas") -> str:
    return csrf_from(browser.get(url).get_data(as_text=True))


def test_the_same_session_gets_the_same_token_without_signing_again(browser, org, monkeypatch):
    login(browser, org.staf1)
    pertama = _token(browser)
    ditandatangani = []
    asli = security.generate_csrf
    monkeypatch.setattr(security, "generate_csrf", lambda: ditandatangani.append(1) or asli())
    # Before, each request signed again (a new token every second): the day view, the week view.
    assert _token(browser) == pertama and _token(browser, "/aktivitas/minggu") == pertama
    assert ditandatangani == []


def test_a_remembered_token_is_accepted(browser, org):
    login(browser, org.staf1)
    _token(browser)
    browser._token = _token(browser)  # the remembered one, not the one from the login page
    r = browser.post("/aktivitas", form_data(today_local(), "0800", "0900"), htmx=True)
    assert r.status_code == 200, r.get_data(as_text=True)[:500]


def test_login_and_logout_give_a_new_token(browser, org):
    login(browser, org.staf1)
    sebelum = _token(browser)
    browser.logout()
    sesudah_keluar = _token(browser, "/login")
    login(browser, org.staf1)
    assert len({sebelum, sesudah_keluar, _token(browser)}) == 3


def test_two_sessions_two_tokens(make_browser, org):
    satu, dua = login(make_browser(), org.staf1), login(make_browser(), org.staf1)
    assert _token(satu) != _token(dua)


def test_another_sessions_token_is_refused(make_browser, org):
    satu, dua = login(make_browser(), org.staf1), login(make_browser(), org.staf2)
    dua._token = _token(satu)
    r = dua.post("/aktivitas", form_data(today_local(), "0800", "0900"), htmx=True)
    assert r.status_code == 400 and "Sesi formulir kedaluwarsa" in r.get_data(as_text=True)


def test_the_memory_is_bounded(make_browser, org, monkeypatch):
    monkeypatch.setattr(security, "BATAS_TOKEN", 2)
    monkeypatch.setattr(security, "_token_bertanda", {})
    for _ in range(3):
        _token(login(make_browser(), org.staf1))
    assert len(security._token_bertanda) <= 2


@pytest.mark.parametrize("opsi", [{"WTF_CSRF_TIME_LIMIT": 3600}, {"WTF_CSRF_FIELD_NAME": "token_lain"}])
def test_other_csrf_settings_sign_on_every_request(app, browser, org, monkeypatch, opsi):
    for kunci, nilai in opsi.items():
        monkeypatch.setitem(app.config, kunci, nilai)
    login(browser, org.staf1)
    ditandatangani = []
    asli = security.generate_csrf
    monkeypatch.setattr(security, "generate_csrf", lambda: ditandatangani.append(1) or asli())
    _token(browser, "/")
    _token(browser, "/")
    assert len(ditandatangani) >= 2  # flask_wtf on each page (it signs once per request)

