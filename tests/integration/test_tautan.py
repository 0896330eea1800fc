"""#17: templates' url_for remembers addresses per process, without ever showing a wrong one."""

import re

from flask import render_template_string


def _asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]*/static/[^"]+)"', html)


def test_links_follow_the_mount_prefix_after_being_remembered(client):
    plain = _asset_urls(client.get("/login").get_data(as_text=True))
    assert plain and all(u.startswith("/static/") for u in plain)
    mounted = client.get("/login", base_url="http://localhost/kinerja").get_data(as_text=True)
    urls = _asset_urls(mounted)
    assert urls and all(u.startswith("/kinerja/static/") for u in urls), urls
    # and the plain mount still gets its own addresses
    assert _asset_urls(client.get("/login").get_data(as_text=True)) == plain


def test_values_of_different_types_are_different_addresses(app):
    with app.test_request_context("/"):
        tpl = "{{ url_for('akun.login', x=a) }}|{{ url_for('akun.login', x=b) }}"
        satu, benar = render_template_string(tpl, a=1, b=True).split("|")
    assert satu.endswith("x=1") and benar.endswith("x=True")


def test_objects_are_converted_afresh_on_every_call(app):
    class Berubah:
        n = 0

        def __str__(self):
            Berubah.n += 1
            return f"v{Berubah.n}"

    nilai = Berubah()
    with app.test_request_context("/"):
        a = render_template_string("{{ url_for('akun.login', q=v) }}", v=nilai)
        b = render_template_string("{{ url_for('akun.login', q=v) }}", v=nilai)
    assert a != b


def test_external_and_anchor_addresses_are_built_each_time(app):
    with app.test_request_context("/", base_url="http://localhost"):
        a = render_template_string("{{ url_for('akun.login', _external=True) }}")
    with app.test_request_context("/", base_url="https://localhost"):
        b = render_template_string("{{ url_for('akun.login', _external=True) }}")
    assert a.startswith("http://localhost/") and b.startswith("https://localhost/")


def test_debug_mode_shows_a_changed_static_file_at_once(app, monkeypatch, tmp_path):
    import os

    nama = "css/_uji_tautan.css"
    path = os.path.join(app.static_folder, nama)
    monkeypatch.setitem(app.config, "DEBUG", True)
    try:
        with open(path, "w") as fh:
            fh.write("a{}")
        with app.test_request_context("/"):
            awal = render_template_string("{{ url_for('static', filename=f) }}", f=nama)
        with open(path, "w") as fh:
            fh.write("b{color:red}")
        os.utime(path, (1, 1))  # a different mtime, whatever the clock's resolution
        with app.test_request_context("/"):
            baru = render_template_string("{{ url_for('static', filename=f) }}", f=nama)
    finally:
        os.remove(path)
    assert awal != baru


def test_remembered_addresses_are_bounded(app, monkeypatch):
    from kinerja import tautan

    ingatan = app.extensions["kinerja.tautan"]
    monkeypatch.setattr(tautan, "BATAS", len(ingatan))  # full: nothing more is kept
    with app.test_request_context("/"):
        render_template_string("{{ url_for('akun.login', q='belum-pernah-dibangun') }}")
    assert not any("belum-pernah-dibangun" in str(k) for k in ingatan)


def test_the_layout_addresses_are_those_url_for_builds(app):
    """``alamat_dasar``: the fourteen addresses of base.html in one call, per mount prefix."""
    from dataclasses import asdict

    from flask import url_for

    from kinerja.tautan import alamat_dasar

    for base_url in ("http://localhost", "http://localhost/kinerja"):
        with app.test_request_context("/", base_url=base_url):
            alamat = asdict(alamat_dasar())
            assert alamat["beranda"] == url_for("beranda.index") and alamat["keluar"] == url_for("akun.logout")
            assert alamat["js_app"] == app.extensions["kinerja.url_for"]("static", filename="js/app.js")
            assert all(a.startswith(url_for("beranda.index")) for a in alamat.values()), alamat


def test_a_logged_in_page_shows_the_layout_links_under_its_prefix(browser, org):
    from tests.integration.test_aktivitas import login

    login(browser, org.staf1)
    html = browser.get("/aktivitas", base_url="http://localhost/kinerja").get_data(as_text=True)
    for tautan in ('href="/kinerja/notifikasi/"', 'action="/kinerja/logout"', 'data-ping-url="/kinerja/'):
        assert tautan in html, tautan
    assert 'action="/logout"' in browser.get("/aktivitas").get_data(as_text=True)


def test_debug_mode_does_not_remember_the_layout_addresses(app, monkeypatch):
    from kinerja.tautan import alamat_dasar

    monkeypatch.setitem(app.config, "DEBUG", True)
    monkeypatch.setitem(app.extensions, "kinerja.alamat_dasar", {})
    with app.test_request_context("/"):
        alamat_dasar()
    assert app.extensions["kinerja.alamat_dasar"] == {}
