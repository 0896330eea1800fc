from kinerja.extensions import db
from kinerja.models import AuditEvent
from tests.support.factories import PASSWORD


def test_login_with_nip_shows_beranda(browser, org):
    r = browser.login(org.staf1.nip, PASSWORD)
    assert r.status_code == 302
    page = browser.get("/").get_data(as_text=True)
    assert "Beranda" in page and "Staf Satu" in page


def test_wrong_password_is_generic_and_audited(browser, org):
    r = browser.login(org.staf1.nip, "salah-salah-salah")
    assert r.status_code == 422
    assert "NIP/nama pengguna atau kata sandi salah." in r.get_data(as_text=True)
    assert db.session.query(AuditEvent).filter_by(aksi="login.gagal").count() == 1


def test_lockout_after_five_failures(browser, org):
    for _ in range(5):
        browser.login(org.staf1.nip, "salah-salah-salah")
    r = browser.login(org.staf1.nip, PASSWORD)
    assert r.status_code == 422
    assert "Terlalu banyak percobaan" in r.get_data(as_text=True)


def test_login_without_csrf_is_refused(browser, org):
    r = browser.post("/login", {"identitas": org.staf1.nip, "kata_sandi": PASSWORD}, csrf=False)
    assert r.status_code == 400
    assert "Sesi formulir kedaluwarsa, muat ulang halaman." in r.get_data(as_text=True)


def test_logout_ends_every_session(make_browser, org):
    a, b = make_browser(), make_browser()
    a.login(org.staf1.nip, PASSWORD)
    b.login(org.staf1.nip, PASSWORD)
    assert a.get("/").status_code == 200
    a.logout()
    assert b.get("/").status_code == 302


def test_healthz(client):
    r = client.get("/healthz")
    assert r.get_json() == {"status": "ok"}
