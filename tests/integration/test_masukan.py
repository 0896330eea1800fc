"""Bad input gets a clear answer, never a 500 (issue #9 §4): ids, years, dates, control characters."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from kinerja.extensions import db
from kinerja.formulir import PESAN_TANGGAL_RENTANG
from kinerja.models import Aktivitas
from kinerja.waktu import today_local
from tests.integration.test_aktivitas import approved_skp, login
from tests.support.evaluasi import tetapkan_capaian

HUGE = ("18446744073709551616", "9223372036854775808", "2147483648")


@pytest.mark.parametrize("big", HUGE)
@pytest.mark.parametrize("path", ["/aktivitas/{}", "/skp/{}", "/evaluasi/{}", "/admin/pegawai/{}", "/admin/unit/{}",
                                  "/dialog/{}", "/skp/1/versi/{}", "/admin/tahun-kinerja/{}"])
def test_path_ids_beyond_the_database_range_are_404(browser, org, path, big):
    login(browser, org.admin)
    assert browser.get(path.format(big)).status_code == 404


@pytest.mark.parametrize("big", HUGE)
def test_post_to_huge_ids_is_404(browser, org, big):
    login(browser, org.staf1)
    assert browser.post(f"/aktivitas/{big}/hapus").status_code == 404
    assert browser.post(f"/skp/rhk/{big}/hapus").status_code == 404


@pytest.mark.parametrize("tahun", ["0", "10000", "99999", "2147483647"])
def test_reports_for_impossible_years_are_404(browser, org, tahun):
    login(browser, org.kasi)
    for url in (f"/laporan/lkh/{org.staf1.id}/{tahun}/1.pdf", f"/laporan/lkh/{org.staf1.id}/{tahun}/1.xlsx",
                f"/laporan/tim/{tahun}/1.xlsx"):
        assert browser.get(url).status_code == 404, url


@pytest.mark.parametrize("value", ["²", "-3", "18446744073709551616", "2147483648", "١٢"])
@pytest.mark.parametrize("url", ["/aktivitas?pegawai={}", "/verifikasi/?pegawai={}", "/verifikasi/?halaman={}",
                                 "/dialog/diikuti?halaman={}", "/admin/audit/?halaman={}", "/admin/pegawai?unit={}",
                                 "/admin/pegawai?halaman={}", "/evaluasi/?periode={}", "/skp/tim?tahun={}"])
def test_query_numbers_never_fail(browser, org, url, value):
    login(browser, org.admin if "admin" in url else org.kasi)
    assert browser.get(url.format(value)).status_code in (200, 302, 404)


@pytest.fixture
def staf(browser, org):
    approved_skp(org.staf1, today_local("Asia/Jakarta").year)
    login(browser, org.staf1)
    return org.staf1


def _entry(**overrides):
    today = today_local("Asia/Jakarta")
    data = {"tanggal": today.isoformat(), "jam_mulai": "08:00", "jam_selesai": "09:00",
            "uraian": "Menyusun laporan", "volume": "1", "satuan": "laporan", "rhk": "atasan"}
    data.update(overrides)
    return data


def _count() -> int:
    return db.session.execute(select(func.count(Aktivitas.id))).scalar_one()


@pytest.mark.parametrize("tanggal", ["0001-01-01", "9999-12-31"])
def test_entry_with_a_date_outside_the_calendar_is_422_with_a_message(browser, staf, tanggal):
    r = browser.post("/aktivitas", _entry(tanggal=tanggal), htmx=True)
    assert r.status_code == 422
    assert PESAN_TANGGAL_RENTANG in r.get_data(as_text=True)
    assert _count() == 0


@pytest.mark.parametrize("rhk", ["18446744073709551616", "2147483648", "²"])
def test_entry_with_a_huge_rhk_id_is_422(browser, staf, rhk):
    r = browser.post("/aktivitas", _entry(rhk=rhk), htmx=True)
    assert r.status_code == 422
    assert "Rencana hasil kerja ini tidak ada" in r.get_data(as_text=True)


@pytest.mark.parametrize("tanggal", ["0001-01-01", "9999-12-31", "²", ""])
@pytest.mark.parametrize("url", ["/aktivitas/salin-kemarin", "/aktivitas/ajukan"])
def test_day_actions_with_an_unusable_date_are_422_with_a_message(browser, staf, url, tanggal):
    r = browser.post(url, {"tanggal": tanggal}, htmx=True)
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "Tanggal:" in html and "alert-danger" in html


def test_day_action_without_htmx_redirects_with_the_message(browser, staf):
    r = browser.post("/aktivitas/salin-kemarin", {"tanggal": "9999-12-31"})
    assert r.status_code == 302
    assert PESAN_TANGGAL_RENTANG in browser.get(r.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize("field", ["satuan", "tautan_bukti"])
@pytest.mark.parametrize("bad", ["a\x00b", "x\x01", "\x7f", "tab\there", "baris\nbaru"])
def test_control_characters_in_single_line_fields_are_refused(browser, staf, field, bad):
    r = browser.post("/aktivitas", _entry(**{field: bad}), htmx=True)
    assert r.status_code == 422
    assert "karakter kontrol" in r.get_data(as_text=True)
    assert _count() == 0


@pytest.mark.parametrize("bad", ["a\x00b", "x\x1b[31m", "\x0b"])
def test_control_characters_in_multi_line_fields_are_refused(browser, staf, bad):
    r = browser.post("/aktivitas", _entry(uraian=bad), htmx=True)
    assert r.status_code == 422
    assert "karakter kontrol" in r.get_data(as_text=True)
    assert _count() == 0


def test_multi_line_fields_keep_tabs_and_line_breaks(browser, staf):
    r = browser.post("/aktivitas", _entry(uraian="Satu\r\nDua\tTiga"), htmx=True)
    assert r.status_code == 200
    assert _count() == 1


def test_every_text_field_of_every_form_refuses_nul(app):
    """The check lives in the shared base: any form, present or future, gets it."""
    from wtforms import StringField

    from kinerja.formulir import FormulirDasar, tolak_karakter_kontrol

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    checked = 0
    with app.test_request_context(method="POST"):
        for cls in subclasses(FormulirDasar):
            try:
                form = cls(meta={"csrf": False})
            except TypeError:
                continue  # forms that need arguments are covered through their routes
            for field in form:
                if isinstance(field, StringField):
                    assert tolak_karakter_kontrol in field.validators, (cls.__name__, field.name)
                    checked += 1
    assert checked > 20


# ------------------------------------------------------------------ Host header and the verification address

EVIL = "kinerja-verifikasi.evil.example"


@pytest.fixture
def siap_ttd(factory, org):
    """staf1's evaluation rated, finalised and signed by staf1: only the penilai (kasi) still signs."""
    from kinerja.evaluasi import services
    from tests.support.evaluasi import PASSWORD as SANDI
    from tests.support.evaluasi import buat_skenario, isi_realisasi, nilai

    s = buat_skenario(factory, org)
    ev = s.ev["staf1"]
    tetapkan_capaian(org, org.seksi, s.periode.id, "Baik")
    isi_realisasi(factory, ev)
    nilai(factory, ev)
    services.sign_evaluasi(factory.akun_of(org.staf1), ev.id, SANDI)
    return ev


def _tanda_tangan_kasi(make_browser, org, ev, host: str):
    """The penilai signs through a request whose Host header says ``host`` (his own session and token)."""
    b = make_browser()
    login(b, org.kasi)
    token = b.token()
    session = b.client.get_cookie("kinerja_session")
    b.client.set_cookie(session.key, session.value, domain=host)
    r = b.post(f"/evaluasi/{ev.id}/tanda-tangan", {"kata_sandi": "kalimat-rahasia-uji-2026"}, headers={"Host": host})
    assert token and "Sesi formulir kedaluwarsa" not in r.get_data(as_text=True)
    return b, r


def test_a_forged_host_header_is_refused_outside_production(make_browser, org, siap_ttd):
    from kinerja.models import Evaluasi

    _b, r = _tanda_tangan_kasi(make_browser, org, siap_ttd, EVIL)
    assert r.status_code == 400
    assert db.session.get(Evaluasi, siap_ttd.id).dokumen_c_sha256 is None


def test_the_signed_pdf_carries_the_configured_address_whatever_the_host(app, make_browser, org, siap_ttd,
                                                                          monkeypatch):
    from tests.integration.test_evaluasi_views import pdf_text

    # As in production: no TRUSTED_HOSTS (nginx may pass any Host), the address from KINERJA_BASE_URL.
    monkeypatch.setitem(app.config, "TRUSTED_HOSTS", None)
    monkeypatch.setitem(app.config, "KINERJA_BASE_URL", "https://kinerja.bukitintankab.go.id/")
    b, r = _tanda_tangan_kasi(make_browser, org, siap_ttd, EVIL)
    assert r.status_code == 302
    text = pdf_text(b.get(f"/evaluasi/{siap_ttd.id}/cetak/dokumen").data)
    assert EVIL not in text
    assert f"kinerja.bukitintankab.go.id/v/{siap_ttd.kode}" in text.replace(" ", "")


def test_production_refuses_to_start_without_a_public_address(monkeypatch):
    from kinerja import create_app
    from kinerja.config import ConfigError, ProductionConfig

    monkeypatch.setenv("KINERJA_SECRET_KEY", "kunci-produksi-yang-panjang-dan-acak")
    monkeypatch.setattr(ProductionConfig, "KINERJA_BASE_URL", None)
    with pytest.raises(ConfigError, match="KINERJA_BASE_URL belum diisi"):
        create_app(ProductionConfig)
    monkeypatch.setattr(ProductionConfig, "KINERJA_BASE_URL", "kinerja.bukitintankab.go.id")
    with pytest.raises(ConfigError, match="KINERJA_BASE_URL tidak valid"):
        create_app(ProductionConfig)


def test_trusted_hosts_outside_production():
    from kinerja.config import resolve_trusted_hosts

    hosts = resolve_trusted_hosts({"KINERJA_BASE_URL": "https://kinerja.bukitintankab.go.id/"}, "development")
    assert {"localhost", "127.0.0.1", "kinerja.bukitintankab.go.id"} <= set(hosts)
    assert resolve_trusted_hosts({"KINERJA_BASE_URL": "https://a.go.id/"}, "production") is None


def test_trusted_hosts_from_the_environment(monkeypatch):
    from kinerja.config import resolve_trusted_hosts

    monkeypatch.setenv("KINERJA_TRUSTED_HOSTS", "kinerja.go.id, .bukitintankab.go.id")
    assert resolve_trusted_hosts({"KINERJA_BASE_URL": "https://a.go.id/"}, "production") == [
        "kinerja.go.id", ".bukitintankab.go.id"]


def test_the_verification_address_ignores_the_request_host(app):
    from kinerja.alamat import alamat_dasar

    with app.test_request_context("/", base_url=f"http://{EVIL}/"):
        assert alamat_dasar() == app.config["KINERJA_BASE_URL"]
        assert EVIL not in alamat_dasar()


# ------------------------------------------------------------------ htmx without the CDN (issue #9 §5)


def test_pages_load_htmx_through_the_loader_with_the_cdn_and_the_local_copy(client, app):
    html = client.get("/login").get_data(as_text=True)
    assert re.search(r'src="/static/js/htmx-loader\.js\?v=[0-9a-f]{12}"', html)  # fingerprinted (#17)
    assert f'data-cdn="{app.config["HTMX_CDN_URL"]}"' in html and f'data-integrity="{app.config["HTMX_INTEGRITY"]}"' in html
    assert re.search(r'data-local="/static/vendor/htmx/htmx-2\.0\.11\.min\.js\?v=[0-9a-f]{12}"', html)
    assert 'data-timeout="1000"' in html
    assert f'<script src="{app.config["HTMX_CDN_URL"]}"' not in html  # never a parser-blocking CDN script
    loader = client.get("/static/js/htmx-loader.js")
    assert loader.status_code == 200
    loader.close()


def test_kinerja_htmx_cdn_setting():
    from kinerja.config import htmx_cdn_enabled

    assert htmx_cdn_enabled({}) is True
    assert htmx_cdn_enabled({"KINERJA_HTMX_CDN": "1"}) is True
    assert htmx_cdn_enabled({"KINERJA_HTMX_CDN": "0"}) is False
    assert htmx_cdn_enabled({"KINERJA_HTMX_CDN": "false"}) is False


def test_without_the_cdn_only_the_local_copy_is_served_and_the_csp_names_no_cdn():
    from kinerja import create_app
    from kinerja.config import TestConfig

    lokal = create_app(TestConfig, HTMX_CDN=False, SQLALCHEMY_DATABASE_URI="sqlite://")
    with lokal.app_context():
        db.create_all()
        r = lokal.test_client().get("/login")
        db.session.remove()
        db.engine.dispose()
    html = r.get_data(as_text=True)
    csp = r.headers["Content-Security-Policy"]
    assert "cdn.jsdelivr" not in csp and "script-src 'self';" in csp
    assert "cdn.jsdelivr" not in html and "htmx-loader.js" not in html
    assert re.search(r'<script src="/static/vendor/htmx/htmx-2\.0\.11\.min\.js\?v=[0-9a-f]{12}"></script>', html)


@pytest.mark.parametrize("url", ["/admin/pegawai?q=a%00b", "/admin/audit/?aktor=%01", "/laporan/?q=x%00"])
def test_control_characters_in_the_query_string_are_400_with_a_message(browser, org, url):
    login(browser, org.admin)
    r = browser.get(url)
    assert r.status_code == 400
    assert "karakter kontrol" in r.get_data(as_text=True)


def test_login_with_a_nul_is_422_with_a_message(browser, org):
    r = browser.post("/login", {"identitas": "adm\x00in", "kata_sandi": "x\x00"})
    assert r.status_code == 422
    assert "karakter kontrol" in r.get_data(as_text=True)


@pytest.mark.parametrize("tahun", ["18446744073709551616", "9223372036854775808", "2147483648"])
def test_integer_form_fields_beyond_the_database_range_are_422(browser, org, tahun):
    login(browser, org.staf1)
    r = browser.post("/skp/buat", {"tahun": tahun, "pendekatan": "Kuantitatif"})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "Angka terlalu besar" in html or "tidak" in html
