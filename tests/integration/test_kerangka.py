"""The page frame in Python (``kinerja/kerangka.py``): every page is byte for byte what the Jinja
``base.html`` it replaced made (kept as ``tests/support/base_jinja_lama.html``) — signed in or not, with
the search box, notifications, flashed messages, the Bantuan link, an error page, htmx from the CDN or
not — and every text in it is escaped."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, DictLoader

from kinerja.extensions import db
from kinerja.kerangka import menu_utama
from kinerja.models import Instansi, Notifikasi
from kinerja.tautan import alamat_dasar
from tests.integration.test_aktivitas import login

LAMA = (Path(__file__).parents[1] / "support" / "base_jinja_lama.html").read_text()


@contextmanager
def base_lama(app):
    """Pages rendered through the old Jinja frame while inside."""
    env = app.jinja_env
    loader = env.loader
    env.loader = ChoiceLoader([DictLoader({"base.html": LAMA}), loader])
    env.globals["menu_utama"] = menu_utama  # the old template called these; the frame does now
    env.globals["alamat_dasar"] = alamat_dasar
    env.cache.clear()
    try:
        yield
    finally:
        env.loader = loader
        del env.globals["menu_utama"], env.globals["alamat_dasar"]
        env.cache.clear()


def _dua_kali(app, browser, url: str, flash: list | None = None) -> tuple[str, str]:
    """The page from the frame in Python, then from the old template (same session, same token)."""
    halaman = []
    for lama in (False, True):
        if flash is not None:
            with browser.client.session_transaction() as sess:
                sess["_flashes"] = list(flash)
        with base_lama(app) if lama else _tanpa():
            r = browser.client.get(url)
        halaman.append(r.get_data(as_text=True))
    return halaman[0], halaman[1]


@contextmanager
def _tanpa():
    yield


def _instansi() -> Instansi:
    return db.session.query(Instansi).order_by(Instansi.id).first()  # the one the app shows (find_instansi)


def _notifikasi(factory, pegawai, n: int) -> None:
    akun = factory.akun_of(pegawai)
    db.session.add_all([Notifikasi(penerima_id=akun.id, pesan=f"Pesan {i}") for i in range(n)])
    db.session.flush()


@pytest.mark.parametrize("url", ["/aktivitas", "/", "/skp/", "/panduan", "/halaman-yang-tidak-ada"])
def test_a_staff_members_pages_are_unchanged(app, browser, org, url):
    login(browser, org.staf1)
    baru, lama = _dua_kali(app, browser, url)
    assert baru == lama
    assert "Keluar" in baru and 'role="search"' not in baru


def test_an_atasans_page_with_search_box_notifications_and_flashes_is_unchanged(app, browser, org, factory):
    _notifikasi(factory, org.kasi, 3)
    login(browser, org.kasi)
    baru, lama = _dua_kali(app, browser, "/verifikasi/",
                           flash=[("message", 'Tersimpan <b>"tebal"</b> & rapi'), ("error", "Gagal"), ("warning", "Awas")])
    assert baru == lama
    assert 'role="search"' in baru
    assert 'aria-label="3 belum dibaca">3</span>' in baru
    assert 'alert-info" role="status">Tersimpan &lt;b&gt;&#34;tebal&#34;&lt;/b&gt; &amp; rapi</div>' in baru
    assert 'alert-danger" role="status">Gagal' in baru and 'alert-warning" role="status">Awas' in baru


def test_the_login_and_error_pages_of_an_anonymous_visitor_are_unchanged(app, client, org):
    from tests.conftest import Browser

    tamu = Browser(client)
    for url in ("/login", "/tidak-ada"):
        baru, lama = _dua_kali(app, tamu, url)
        assert baru == lama
        assert "Keluar" not in baru and "data-idle-timeout" not in baru


@pytest.mark.parametrize("cdn", [True, False])
def test_htmx_from_the_cdn_or_the_local_copy_as_before(app, browser, org, monkeypatch, cdn):
    monkeypatch.setitem(app.config, "HTMX_CDN", cdn)
    login(browser, org.staf1)
    baru, lama = _dua_kali(app, browser, "/aktivitas")
    assert baru == lama
    assert ("data-cdn=" in baru) is cdn


def test_user_text_in_the_frame_is_escaped(app, browser, org):
    instansi = _instansi()
    instansi.nama_dinas, instansi.nama_pemda = 'Dinas <i>"Uji"</i> & Co', "Pemda <b>"
    org.staf1.nama = "Staf <script>alert(1)</script>"
    db.session.flush()
    login(browser, org.staf1)
    baru, lama = _dua_kali(app, browser, "/aktivitas")
    assert baru == lama
    assert "<script>alert(1)" not in baru and "Staf &lt;script&gt;alert(1)&lt;/script&gt;" in baru
    assert "Dinas &lt;i&gt;&#34;Uji&#34;&lt;/i&gt; &amp; Co</span>" in baru
    assert "Pemda &lt;b&gt; · Dinas &lt;i&gt;" in baru


def test_without_a_dinas_name_the_title_says_kinerja_as_before(app, browser, org):
    _instansi().nama_dinas = ""
    db.session.flush()
    login(browser, org.staf1)
    baru, lama = _dua_kali(app, browser, "/aktivitas")
    assert baru == lama
    assert "<title>Aktivitas Harian · kinerja</title>" in baru and "brand-dinas" not in baru
