"""Login throttling that cannot lock a legitimate user out (OWASP device cookies), and password re-entry.

Each browser here has its own client address; a browser that logged in as a user before carries that
user's signed device cookie.
"""

from __future__ import annotations

import pytest

from kinerja.extensions import db
from kinerja.models import AuditEvent
from tests.conftest import Browser
from tests.support.evaluasi import tetapkan_capaian
from tests.support.factories import PASSWORD

WRONG = "bukan-kata-sandinya-2026"
LOCKED = "Terlalu banyak percobaan"


class Peramban(Browser):
    """A browser at one client address."""

    def __init__(self, client, ip: str):
        super().__init__(client)
        self.ip = ip

    def _request(self, method, url, **kwargs):
        kwargs.setdefault("environ_base", {})["REMOTE_ADDR"] = self.ip
        return super()._request(method, url, **kwargs)


@pytest.fixture
def peramban(app):
    def make(ip: str = "10.0.0.1") -> Peramban:
        return Peramban(app.test_client(), ip)

    return make


def _audit(aksi: str) -> int:
    return db.session.query(AuditEvent).filter_by(aksi=aksi).count()


def _trusted(peramban, ident: str, ip: str) -> Peramban:
    """A browser that has logged in successfully as ``ident`` before (and logged out)."""
    b = peramban(ip)
    assert b.login(ident, PASSWORD).status_code == 302
    b.logout()
    return b


def _ok(response) -> bool:
    return response.status_code == 302 and "/login" not in response.headers.get("Location", "")


# ------------------------------------------------------------------ findings

def test_failures_elsewhere_do_not_lock_the_admin_out_of_a_trusted_browser(peramban, org):
    own = _trusted(peramban, "admin", "10.0.0.5")
    attacker = peramban("203.0.113.9")
    for _ in range(12):
        attacker.login("admin", WRONG)
    assert LOCKED in attacker.login("admin", PASSWORD).get_data(as_text=True)  # untrusted: locked
    assert _ok(own.login("admin", PASSWORD))  # the real admin's browser: not blocked


def test_failures_behind_one_office_address_do_not_lock_trusted_browsers(peramban, org):
    office = "192.0.2.10"  # one NAT address for the whole office
    trusted = _trusted(peramban, org.staf1.nip, office)
    attacker = peramban(office)
    for i in range(25):
        attacker.login(f"tebakan{i}", WRONG)
    assert _ok(trusted.login(org.staf1.nip, PASSWORD))
    newcomer = peramban(office)  # a browser that never logged in as staf2 stays under the address limit
    assert LOCKED in newcomer.login(org.staf2.nip, PASSWORD).get_data(as_text=True)


def test_own_successful_logins_do_not_reset_the_address_count(peramban, org):
    ip = "198.51.100.7"
    sprayer = peramban(ip)
    for i in range(19):
        sprayer.login(f"korban{i}", WRONG)
        assert _ok(sprayer.login(org.staf3.nip, PASSWORD))  # the sprayer's own account
        sprayer.logout()
    sprayer.login("korban-terakhir", WRONG)  # the 20th failure from this address
    fresh = peramban(ip)
    assert LOCKED in fresh.login(org.staf2.nip, PASSWORD).get_data(as_text=True)


def test_every_attempt_is_audited_with_a_generic_message(peramban, org):
    b = peramban()
    r = b.login(org.staf1.nip, WRONG)
    assert r.status_code == 422 and "NIP/nama pengguna atau kata sandi salah." in r.get_data(as_text=True)
    r = b.login("tidak-ada-orangnya", WRONG)
    assert "NIP/nama pengguna atau kata sandi salah." in r.get_data(as_text=True)
    assert _ok(b.login(org.staf1.nip, PASSWORD))
    assert _audit("login.gagal") == 2 and _audit("login.berhasil") == 1


def test_a_trusted_browser_is_limited_on_its_own(peramban, org):
    """Someone at the user's own browser gets five guesses, then that browser is locked too."""
    own = _trusted(peramban, org.staf1.nip, "10.0.0.5")
    for _ in range(5):
        own.login(org.staf1.nip, WRONG)
    assert LOCKED in own.login(org.staf1.nip, PASSWORD).get_data(as_text=True)
    assert _audit("login.ditolak_terkunci") >= 1


def test_a_forged_or_foreign_device_cookie_is_not_trusted(peramban, org):
    staf3_browser = _trusted(peramban, org.staf3.nip, "10.0.0.6")
    for _ in range(5):
        peramban("203.0.113.9").login(org.staf1.nip, WRONG)
    # The device cookie of another account gives no pass for staf1.
    assert LOCKED in staf3_browser.login(org.staf1.nip, PASSWORD).get_data(as_text=True)
    forged = peramban("10.0.0.7")
    forged.client.set_cookie(f"kinerja_perangkat_{org.staf1.id}", "palsu.tidak.bertanda")
    assert LOCKED in forged.login(org.staf1.nip, PASSWORD).get_data(as_text=True)


# ------------------------------------------------------------------ password re-entry

def test_wrong_current_password_in_ganti_sandi_counts_and_is_audited(peramban, org):
    b = peramban()
    assert _ok(b.login(org.staf1.nip, PASSWORD))
    for _ in range(30):
        r = b.post("/akun/kata-sandi", {"sandi_lama": WRONG, "sandi_baru": "kalimat-baru-yang-panjang-sekali",
                                         "ulangi_sandi": "kalimat-baru-yang-panjang-sekali"})
        assert r.status_code == 422
    r = b.post("/akun/kata-sandi", {"sandi_lama": PASSWORD, "sandi_baru": "kalimat-baru-yang-panjang-sekali",
                                     "ulangi_sandi": "kalimat-baru-yang-panjang-sekali"})
    assert r.status_code == 422 and LOCKED in r.get_data(as_text=True)
    assert _audit("akun.ganti_sandi") == 0
    assert _audit("sandi_ulang.gagal") == 5
    assert _audit("sandi_ulang.ditolak_terkunci") >= 1


def test_wrong_password_when_signing_counts_against_the_same_limits(peramban, org, factory):
    from kinerja.errors import DomainError
    from kinerja.evaluasi import services as ev_services
    from tests.support.evaluasi import buat_skenario, isi_realisasi, nilai

    s = buat_skenario(factory, org)
    ev = s.ev["staf1"]
    # A complete form (signing also needs the unit's capaian kinerja organisasi, issue #9 §1).
    tetapkan_capaian(org, org.seksi, s.periode.id, "Baik")
    isi_realisasi(factory, ev)
    nilai(factory, ev)
    akun = factory.akun_of(org.staf1)
    for _ in range(30):
        with pytest.raises(DomainError) as err:
            ev_services.sign_evaluasi(akun, ev.id, WRONG)
        assert err.value.field == "kata_sandi"
    with pytest.raises(DomainError) as err:
        ev_services.sign_evaluasi(akun, ev.id, PASSWORD)
    assert LOCKED in err.value.message
    assert _audit("sandi_ulang.gagal") == 5
    # The same account key: the login form is locked for untrusted browsers too.
    assert LOCKED in peramban("10.9.9.9").login(org.staf1.nip, PASSWORD).get_data(as_text=True)


def test_device_cookie_is_httponly_signed_and_expires(peramban, org):
    from datetime import timedelta

    from kinerja.models import PerangkatTepercaya
    from kinerja.waktu import utcnow

    b = peramban("10.0.0.5")
    r = b.login(org.staf1.nip, PASSWORD)
    cookie = next(h for h in r.headers.getlist("Set-Cookie") if h.startswith("kinerja_perangkat_"))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=15552000" in cookie
    b.logout()
    for _ in range(5):
        peramban("203.0.113.9").login(org.staf1.nip, WRONG)
    device = db.session.query(PerangkatTepercaya).one()
    device.kedaluwarsa_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert LOCKED in b.login(org.staf1.nip, PASSWORD).get_data(as_text=True)  # an expired device is not trusted


# ------------------------------------------------------------------ concurrency

def _concurrent_failures(url: str, n: int = 10) -> int:
    import threading

    from kinerja import create_app
    from kinerja.akun.services import LoginError, authenticate
    from kinerja.config import TestConfig
    from kinerja.models import LoginThrottle

    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        db.create_all()
    errors: list[BaseException] = []
    barrier = threading.Barrier(n)

    def attempt(i: int) -> None:
        with app.app_context():
            barrier.wait()
            try:
                authenticate(f"tebakan-{i}", WRONG, "192.0.2.99")
            except LoginError:
                pass
            except BaseException as err:  # noqa: BLE001 - reported below
                errors.append(err)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with app.app_context():
        count = db.session.execute(db.select(LoginThrottle.gagal).where(LoginThrottle.kunci == "ip:192.0.2.99")).scalar()
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    assert not errors, errors
    return count


@pytest.mark.no_db
def test_concurrent_failures_from_one_address_are_all_counted(tmp_path):
    import os
    import uuid

    from sqlalchemy import create_engine, text

    base = os.environ.get("KINERJA_TEST_DATABASE_URL", "")
    if not base.startswith("postgresql"):
        assert _concurrent_failures(f"sqlite:///{tmp_path}/serentak.db") == 10
        return
    name = f"kinerja_serentak_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        assert _concurrent_failures(base.rsplit("/", 1)[0] + "/" + name) == 10
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
