"""The session cookie is written when the session changes, not on every page: ``last_seen`` (the idle
timeout) moves at most every ``LANGKAH_LAST_SEEN`` seconds, so quick entries one after another answer
without signing a new cookie (~0.1 ms each), and the idle timeout still counts from the last activity."""

from __future__ import annotations

import time

from kinerja.web import LANGKAH_LAST_SEEN
from tests.support.factories import PASSWORD


def _kuki_sesi(response) -> list[str]:
    return [v for v in response.headers.getlist("Set-Cookie") if v.startswith("kinerja_session=")]


def test_pages_in_quick_succession_do_not_rewrite_the_cookie(browser, org):
    browser.login(org.staf1.nip, PASSWORD)
    browser.get("/aktivitas")
    r = browser.get("/aktivitas")
    assert r.status_code == 200 and _kuki_sesi(r) == []


def test_activity_after_the_step_moves_last_seen_and_rewrites_the_cookie(browser, org):
    browser.login(org.staf1.nip, PASSWORD)
    lalu = int(time.time()) - LANGKAH_LAST_SEEN - 1
    with browser.client.session_transaction() as s:
        s["last_seen"] = lalu
    r = browser.get("/aktivitas")
    assert r.status_code == 200 and len(_kuki_sesi(r)) == 1
    with browser.client.session_transaction() as s:
        assert s["last_seen"] >= int(time.time()) - 2


def test_activity_within_the_step_keeps_last_seen(browser, org):
    browser.login(org.staf1.nip, PASSWORD)
    lalu = int(time.time()) - LANGKAH_LAST_SEEN + 10
    with browser.client.session_transaction() as s:
        s["last_seen"] = lalu
    assert browser.get("/aktivitas").status_code == 200
    with browser.client.session_transaction() as s:
        assert s["last_seen"] == lalu


def test_a_session_without_last_seen_gets_one(browser, org):
    browser.login(org.staf1.nip, PASSWORD)
    with browser.client.session_transaction() as s:
        del s["last_seen"]
    assert browser.get("/aktivitas").status_code == 200
    with browser.client.session_transaction() as s:
        assert s["last_seen"] >= int(time.time()) - 2


def test_a_change_to_the_session_is_still_written(browser, org):
    """A flash message (a change) is written at once, and read on the next page."""
    browser.login(org.staf1.nip, PASSWORD)
    browser.get("/aktivitas")
    r = browser.post("/logout", {})
    assert r.status_code in (302, 303) and _kuki_sesi(r)


def test_a_page_after_the_first_does_not_verify_the_cookie_again(browser, org, monkeypatch):
    """The signed cookie is remembered once verified (#17): the next pages with the same cookie skip the
    signature check and still know who is logged in."""
    from kinerja.security import SessionInterface

    browser.login(org.staf1.nip, PASSWORD)
    browser.get("/aktivitas")  # the first page after login may still write the session (CSRF token)
    assert _kuki_sesi(browser.get("/aktivitas")) == []
    diverifikasi = []
    asli = SessionInterface.get_signing_serializer
    monkeypatch.setattr(SessionInterface, "get_signing_serializer",
                        lambda self, app: diverifikasi.append(1) or asli(self, app))
    r = browser.get("/aktivitas")
    assert r.status_code == 200 and org.staf1.nama in r.get_data(as_text=True)
    assert diverifikasi == []
