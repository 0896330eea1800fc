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
