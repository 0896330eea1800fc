"""Optional two-factor login (TOTP) from /akun: enrol, log in with a code or a recovery code, turn off."""

from __future__ import annotations

import re
import time

import pyotp
import pytest

from kinerja.extensions import db
from kinerja.models import AuditEvent, KodePemulihan
from tests.integration.test_akun_throttle import WRONG, Peramban
from tests.support.factories import PASSWORD


def _audit(aksi: str) -> int:
    return db.session.query(AuditEvent).filter_by(aksi=aksi).count()


def _secret(page: str) -> str:
    match = re.search(r'<code[^>]*id="kunci-totp"[^>]*>([A-Z2-7 ]+)</code>', page)
    assert match, "no secret on the page"
    return match.group(1).replace(" ", "")


def _next_code(secret: str) -> str:
    """A code for the next time step (the current one was used to enrol and is never accepted twice)."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def enrol(browser) -> tuple[str, list[str]]:
    page = browser.get("/akun/dua-langkah")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'src="data:image/svg+xml' in html
    secret = _secret(html)
    r = browser.post("/akun/dua-langkah", {"kode": pyotp.TOTP(secret).now()})
    assert r.status_code == 200, r.get_data(as_text=True)
    codes = re.findall(r"<li>([a-z2-9]{5}-[a-z2-9]{5})</li>", r.get_data(as_text=True))
    return secret, codes


@pytest.fixture
def peramban(app):
    def make(ip: str = "10.0.0.1") -> Peramban:
        return Peramban(app.test_client(), ip)

    return make


@pytest.fixture
def enrolled(peramban, org):
    b = peramban("10.0.0.2")
    assert b.login(org.staf1.nip, PASSWORD).status_code == 302
    secret, codes = enrol(b)
    b.logout()
    return secret, codes


def _password_step(b, ident=None, org=None):
    r = b.login(ident, PASSWORD)
    assert r.status_code == 302 and r.headers["Location"].endswith("/login/kode"), r.headers.get("Location")
    return r


def _code(b, kode: str):
    """The second login step; a complete login starts a new session (and CSRF token), as in a browser."""
    r = b.post("/login/kode", {"kode": kode})
    if r.status_code == 302:
        b._token = None
    return r


def test_enrol_shows_qr_and_recovery_codes_once(browser, org):
    browser.login(org.staf1.nip, PASSWORD)
    secret, codes = enrol(browser)
    assert len(codes) == 10 and len(set(codes)) == 10
    akun = db.session.query(KodePemulihan).filter_by(dipakai_at=None).count()
    assert akun == 10
    assert all(code.replace("-", "") not in row.kode_hash for row in db.session.query(KodePemulihan) for code in codes)
    assert _audit("akun.2fa_aktif") == 1
    page = browser.get("/akun").get_data(as_text=True)
    assert "Sisa kode pemulihan: 10" in page and codes[0] not in page


def test_enrol_with_a_wrong_code_is_refused(browser, org):
    browser.login(org.staf1.nip, PASSWORD)
    browser.get("/akun/dua-langkah")
    r = browser.post("/akun/dua-langkah", {"kode": "000000"})
    assert r.status_code == 422 and "Kode tidak cocok" in r.get_data(as_text=True)
    assert _audit("akun.2fa_aktif") == 0


def test_enrol_needs_csrf_and_login(browser, client, org):
    assert client.get("/akun/dua-langkah").status_code == 302
    browser.login(org.staf1.nip, PASSWORD)
    browser.get("/akun/dua-langkah")
    assert browser.post("/akun/dua-langkah", {"kode": "123456"}, csrf=False).status_code == 400
    assert browser.post("/akun/dua-langkah/nonaktifkan", {"nonaktif-kata_sandi": PASSWORD}, csrf=False).status_code == 400


def test_login_asks_for_the_code_after_the_password(peramban, org, enrolled):
    secret, _ = enrolled
    b = peramban()
    _password_step(b, org.staf1.nip)
    assert b.get("/").status_code == 302  # not logged in yet
    r = _code(b, "123456")
    assert r.status_code == 422 and "Kode verifikasi salah" in r.get_data(as_text=True)
    r = _code(b, _next_code(secret))
    assert r.status_code == 302 and r.headers["Location"] == "/"
    assert b.get("/").status_code == 200
    assert _audit("login.sandi_benar") == 1 and _audit("login.kode_gagal") == 1
    event = db.session.query(AuditEvent).filter_by(aksi="login.berhasil").order_by(AuditEvent.id.desc()).first()
    assert "totp" in event.sesudah


def test_a_code_is_never_accepted_twice(peramban, org, enrolled):
    secret, _ = enrolled
    code = _next_code(secret)
    first = peramban()
    _password_step(first, org.staf1.nip)
    assert _code(first, code).status_code == 302
    second = peramban("10.0.0.3")
    _password_step(second, org.staf1.nip)
    assert _code(second, code).status_code == 422


def test_recovery_code_works_once(peramban, org, enrolled):
    _, codes = enrolled
    b = peramban()
    _password_step(b, org.staf1.nip)
    assert _code(b, codes[0].upper()).status_code == 302
    assert _audit("akun.2fa_kode_pemulihan_dipakai") == 1
    b.logout()
    _password_step(b, org.staf1.nip)
    assert _code(b, codes[0]).status_code == 422


def test_code_attempts_are_throttled_but_not_for_a_trusted_browser(peramban, org, enrolled):
    secret, codes = enrolled
    own = peramban("10.0.0.5")
    _password_step(own, org.staf1.nip)
    assert _code(own, codes[1]).status_code == 302  # now a trusted browser
    own.logout()
    attacker = peramban("203.0.113.9")  # knows the password, not the phone
    _password_step(attacker, org.staf1.nip)
    for _ in range(5):
        _code(attacker, "000000")
    r = _code(attacker, codes[2])
    assert r.status_code == 422 and "Terlalu banyak percobaan" in r.get_data(as_text=True)
    assert _audit("login.kode_ditolak_terkunci") == 1
    _password_step(own, org.staf1.nip)
    assert _code(own, _next_code(secret)).status_code == 302


def test_code_page_without_the_password_step_goes_back_to_login(browser, org, enrolled):
    r = browser.get("/login/kode")
    assert r.status_code == 302 and r.headers["Location"].endswith("/login")
    assert _code(browser, "123456").status_code == 302


@pytest.mark.parametrize("kode", ["²²²²²²", "١٢٣٤٥٦", "12345\x00", "<script>", "9" * 40])
def test_odd_codes_get_a_clear_answer(peramban, org, enrolled, kode):
    b = peramban()
    _password_step(b, org.staf1.nip)
    r = _code(b, kode)
    assert r.status_code == 422 and "Kode verifikasi salah" in r.get_data(as_text=True)


def test_code_step_needs_csrf(peramban, org, enrolled):
    secret, _ = enrolled
    b = peramban()
    _password_step(b, org.staf1.nip)
    assert b.post("/login/kode", {"kode": _next_code(secret)}, csrf=False).status_code == 400
    assert b.get("/").status_code == 302


def test_turning_off_needs_password_and_code(peramban, org, enrolled):
    secret, codes = enrolled
    b = peramban()
    _password_step(b, org.staf1.nip)
    _code(b, codes[0])
    r = b.post("/akun/dua-langkah/nonaktifkan", {"nonaktif-kata_sandi": WRONG, "nonaktif-kode": codes[1]})
    assert r.status_code == 422 and _audit("sandi_ulang.gagal") == 1
    r = b.post("/akun/dua-langkah/nonaktifkan", {"nonaktif-kata_sandi": PASSWORD, "nonaktif-kode": "000000"})
    assert r.status_code == 422 and "Kode verifikasi salah" in r.get_data(as_text=True)
    r = b.post("/akun/dua-langkah/nonaktifkan", {"nonaktif-kata_sandi": PASSWORD, "nonaktif-kode": _next_code(secret)})
    assert r.status_code == 302
    assert _audit("akun.2fa_nonaktif") == 1 and db.session.query(KodePemulihan).count() == 0
    b.logout()
    assert b.login(org.staf1.nip, PASSWORD).headers["Location"] == "/"


def test_someone_else_cannot_turn_off_my_second_factor(peramban, org, factory, enrolled):
    other = peramban("10.0.0.8")
    other.login(org.staf2.nip, PASSWORD)
    r = other.post("/akun/dua-langkah/nonaktifkan", {"nonaktif-kata_sandi": PASSWORD, "nonaktif-kode": "123456"})
    assert r.status_code == 422 and "belum aktif" in r.get_data(as_text=True)
    assert factory.akun_of(org.staf1).totp_aktif


def test_admin_must_enrol_first_in_production(app, monkeypatch, peramban, org):
    monkeypatch.setitem(app.config, "WAJIB_2FA_ADMIN", True)
    admin = peramban()
    assert admin.login("admin", PASSWORD).status_code == 302
    r = admin.get("/admin")
    assert r.status_code == 302 and r.headers["Location"].endswith("/akun/dua-langkah")
    assert admin.get("/").headers["Location"].endswith("/akun/dua-langkah")
    enrol(admin)
    assert admin.get("/admin").status_code == 200
    staf = peramban("10.0.0.9")
    staf.login(org.staf1.nip, PASSWORD)
    assert staf.get("/").status_code == 200  # only admins are required to


def test_admin_password_reset_clears_second_factor_and_trusted_browsers(org, factory, enrolled):
    from kinerja.akun.services import reset_password
    from kinerja.models import PerangkatTepercaya

    akun = factory.akun_of(org.staf1)
    assert akun.totp_aktif and db.session.query(PerangkatTepercaya).filter_by(akun_id=akun.id).count() == 1
    reset_password(org.admin, akun.id)
    assert not akun.totp_aktif
    assert db.session.query(PerangkatTepercaya).filter_by(akun_id=akun.id).count() == 0


def test_an_enrolled_admin_costs_one_account_query_per_page_in_production(app, monkeypatch, peramban, org,
                                                                          count_queries):
    """With two-step verification required for admins, every admin request asks whether it is on: that
    answer comes with the account query (no second query for the TOTP secret)."""
    monkeypatch.setitem(app.config, "WAJIB_2FA_ADMIN", True)
    admin = peramban()
    assert admin.login("admin", PASSWORD).status_code == 302
    enrol(admin)
    assert admin.get("/admin").status_code == 200
    with count_queries() as q:
        assert admin.get("/admin").status_code == 200
    akun = [s for s in q.statements if s.startswith("SELECT akun.")]
    assert len(akun) == 1 and "akun.session_version" in akun[0], akun  # no second load of left-out columns
