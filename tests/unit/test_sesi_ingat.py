"""``security.SessionInterface``: a session cookie verified once is remembered per process (#17), without
changing what a cookie is worth: the age limit, a bad signature, a new key and in-place changes to the
session all behave as with Flask's own cookie sessions."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
from flask import Flask

from kinerja import security
from kinerja.security import SessionInterface


@pytest.fixture
def aplikasi_kecil():
    app = Flask(__name__)
    app.secret_key = secrets.token_hex(16)
    app.config["SESSION_COOKIE_NAME"] = "kinerja_session"
    app.permanent_session_lifetime = timedelta(hours=12)
    app.session_interface = SessionInterface()
    return app


def _kuki(app, data: dict) -> str:
    return app.session_interface.get_signing_serializer(app).dumps(data)


def _buka(app, kuki: str | None):
    headers = {"Cookie": f"kinerja_session={kuki}"} if kuki is not None else {}
    with app.test_request_context("/", headers=headers) as ctx:  # pushing it opens the session
        return ctx.session


def _hitung_verifikasi(app, monkeypatch) -> list:
    dipanggil = []
    asli = SessionInterface.get_signing_serializer

    def menghitung(self, app_):
        dipanggil.append(1)
        return asli(self, app_)

    monkeypatch.setattr(SessionInterface, "get_signing_serializer", menghitung)
    return dipanggil


def test_the_same_cookie_is_verified_once_and_gives_the_same_data(aplikasi_kecil, monkeypatch):
    app = aplikasi_kecil
    kuki = _kuki(app, {"_user_id": "7.1", "_fresh": True, "last_seen": 5})
    dipanggil = _hitung_verifikasi(app, monkeypatch)
    assert dict(_buka(app, kuki)) == {"_user_id": "7.1", "_fresh": True, "last_seen": 5}
    assert dict(_buka(app, kuki)) == {"_user_id": "7.1", "_fresh": True, "last_seen": 5}
    assert len(dipanggil) == 1


def test_each_request_gets_its_own_session_object(aplikasi_kecil):
    app = aplikasi_kecil
    kuki = _kuki(app, {"a": "1"})
    pertama = _buka(app, kuki)
    pertama["a"] = "diubah"
    kedua = _buka(app, kuki)
    assert kedua["a"] == "1" and not kedua.modified


def test_a_remembered_cookie_expires_with_the_session_lifetime(aplikasi_kecil, monkeypatch):
    app = aplikasi_kecil
    kuki = _kuki(app, {"_user_id": "7.1"})
    assert _buka(app, kuki)["_user_id"] == "7.1"  # remembered now
    sekarang = security.time.time()
    monkeypatch.setattr(security.time, "time", lambda: sekarang + 12 * 3600 + 5)
    assert dict(_buka(app, kuki)) == {}
    monkeypatch.setattr(security.time, "time", lambda: sekarang - 3600)  # signed "in the future"
    assert dict(_buka(app, kuki)) == {}


def test_a_cookie_with_a_bad_signature_is_an_empty_session_and_not_remembered(aplikasi_kecil, monkeypatch):
    app = aplikasi_kecil
    kuki = _kuki(app, {"_user_id": "7.1"})
    palsu = kuki[:-2] + ("AA" if not kuki.endswith("AA") else "BB")
    assert dict(_buka(app, palsu)) == {}
    dipanggil = _hitung_verifikasi(app, monkeypatch)
    assert dict(_buka(app, palsu)) == {}
    assert len(dipanggil) == 1  # verified (and refused) again


def test_a_new_secret_key_refuses_a_remembered_cookie(aplikasi_kecil):
    app = aplikasi_kecil
    kuki = _kuki(app, {"_user_id": "7.1"})
    assert _buka(app, kuki)["_user_id"] == "7.1"
    app.secret_key = secrets.token_hex(16)
    assert dict(_buka(app, kuki)) == {}


def test_a_rotated_key_kept_as_fallback_still_reads_the_cookie(aplikasi_kecil):
    app = aplikasi_kecil
    lama = app.secret_key
    kuki = _kuki(app, {"_user_id": "7.1"})
    app.secret_key = secrets.token_hex(16)
    app.config["SECRET_KEY_FALLBACKS"] = [lama]
    assert _buka(app, kuki)["_user_id"] == "7.1"
    assert _buka(app, kuki)["_user_id"] == "7.1"


def test_a_session_holding_a_list_is_not_remembered_so_changes_in_place_do_not_leak(aplikasi_kecil, monkeypatch):
    app = aplikasi_kecil
    kuki = _kuki(app, {"_flashes": [["message", "Tersimpan."]]})
    pertama = _buka(app, kuki)
    pertama["_flashes"].append(["message", "bocor"])  # what flask.flash does
    dipanggil = _hitung_verifikasi(app, monkeypatch)
    assert _buka(app, kuki)["_flashes"] == [["message", "Tersimpan."]]
    assert len(dipanggil) == 1


def test_no_cookie_gives_an_empty_session(aplikasi_kecil):
    app = aplikasi_kecil
    assert dict(_buka(app, None)) == {}


def test_the_memory_is_bounded(aplikasi_kecil, monkeypatch):
    app = aplikasi_kecil
    monkeypatch.setattr(security, "BATAS_SESI", 3)
    monkeypatch.setattr(security, "_sesi_terbaca", {})
    for i in range(5):
        _buka(app, _kuki(app, {"i": i}))
    assert len(security._sesi_terbaca) <= 3
