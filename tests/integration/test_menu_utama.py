"""The header's navigation: the right links for each account, the current page marked once."""

import re

from tests.integration.test_aktivitas import login


def _menu(html: str) -> list[tuple[str, str, bool]]:
    ul = html.split('<ul class="navbar-nav me-auto">', 1)[1].split("</ul>", 1)[0]
    return [(label, href, "active" in kelas and 'aria-current="page"' in attrs)
            for kelas, attrs, href, label in re.findall(
                r'<a class="([^"]+)"([^>]*) href="([^"]+)">([^<]+)</a>', ul)]


def test_staff_menu_marks_the_current_page_once(browser, org):
    login(browser, org.staf1)
    menu = _menu(browser.get("/aktivitas").get_data(as_text=True))
    labels = [m[0] for m in menu]
    assert labels[:2] == ["Beranda", "Aktivitas Harian"]
    assert "Admin" not in labels and "Dasbor" not in labels
    assert [m[0] for m in menu if m[2]] == ["Aktivitas Harian"]
    assert dict((m[0], m[1]) for m in menu)["Aktivitas Harian"] == "/aktivitas"
    beranda = _menu(browser.get("/").get_data(as_text=True))
    assert [m[0] for m in beranda if m[2]] == ["Beranda"]


def test_head_of_unit_sees_dasbor_and_verifikasi(browser, org):
    login(browser, org.kasi)
    labels = [m[0] for m in _menu(browser.get("/dasbor/").get_data(as_text=True))]
    assert "Dasbor" in labels and "Verifikasi" in labels


def test_admin_menu_and_anonymous_page_have_no_personal_links(browser, factory, client):
    assert 'class="navbar-nav me-auto"' not in client.get("/login").get_data(as_text=True)
    admin = factory.admin()
    login(browser, admin)
    labels = [m[0] for m in _menu(browser.get("/admin/").get_data(as_text=True))]
    assert "Admin" in labels and "Aktivitas Harian" not in labels


def test_a_page_below_a_section_marks_that_section(browser, org):
    login(browser, org.staf1)
    menu = _menu(browser.get("/panduan/aktivitas-harian").get_data(as_text=True))
    assert [m[0] for m in menu if m[2]] == ["Panduan"]
    assert dict((m[0], m[1]) for m in menu)["Panduan"] == "/panduan"


def test_the_menu_follows_the_deployment_prefix_of_each_request(browser, org):
    """Behind a proxy at /kinerja the links carry the prefix; the same page without it (another vhost)
    must not get the prefixed menu back, nor the other way round."""
    login(browser, org.staf1)
    prefixed = _menu(browser.get("/aktivitas", base_url="http://localhost/kinerja/").get_data(as_text=True))
    assert dict((m[0], m[1]) for m in prefixed)["Aktivitas Harian"] == "/kinerja/aktivitas"
    assert [m[0] for m in prefixed if m[2]] == ["Aktivitas Harian"]
    plain = _menu(browser.get("/aktivitas").get_data(as_text=True))
    assert dict((m[0], m[1]) for m in plain)["Aktivitas Harian"] == "/aktivitas"
    assert [m[0] for m in plain if m[2]] == ["Aktivitas Harian"]


def test_each_account_gets_its_own_menu_on_the_same_page(make_browser, org):
    staf, kasi = make_browser(), make_browser()
    login(staf, org.staf1)
    login(kasi, org.kasi)
    for _ in range(2):  # alternately, on the same address
        staf_labels = [m[0] for m in _menu(staf.get("/aktivitas").get_data(as_text=True))]
        kasi_labels = [m[0] for m in _menu(kasi.get("/aktivitas").get_data(as_text=True))]
        assert "Verifikasi" not in staf_labels and "Dasbor" not in staf_labels
        assert "Verifikasi" in kasi_labels and "Dasbor" in kasi_labels
