"""Every page at 390 px (issue #15): for each README login, every page reachable from the navigation
(the menu, then the links on each of those pages) is opened on a 390 px phone and must not scroll
sideways: ``document.documentElement.scrollWidth ≤ 390``.  Wide tables scroll inside their own
container or become cards, never the page.  Also: Kepatuhan shows today's column on a 1366 px screen.

Links are de-duplicated by shape (digits → N), so 40 pegawai pages count as one; downloads (PDF,
Excel, evidence files), logout and state-changing links are not followed.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.journey import ADMIN, login, nav

LEBAR = 390
LOGIN = [ADMIN, "197203151998031004", "198002142005012004", "198505172010012015", "199203112019031007"]
# Not a page: files, prints, exports, the public QR check of a document, the guide's screenshots.
BUKAN_HALAMAN = re.compile(r"(\.pdf|\.xlsx|\.png|\.jpg|/static/|/unduh|/cetak|/pdf|/excel|/ekspor|/rekap/|/bukti/|"
                           r"/lampiran/|/berkas|/dokumen/|/v/|/logout|/keluar)", re.I)


def _bentuk(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _tautan(page, selector: str) -> list[str]:
    hrefs = page.eval_on_selector_all(selector, "els => els.filter(a => !a.hasAttribute('download')).map(a => a.href)")
    hasil = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(page.url).netloc:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not BUKAN_HALAMAN.search(path):
            hasil.append(path)
    return hasil


def _lebar(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("identitas", LOGIN)
def test_no_page_scrolls_sideways_at_390_px(phone_tab, identitas):
    page = phone_tab.page
    login(phone_tab, identitas, check_form=False)
    folder = ARTIFACTS / f"lebar-{identitas}"
    folder.mkdir(parents=True, exist_ok=True)
    menu = _tautan(page, 'nav[aria-label="Navigasi utama"] a[href]')
    assert len(menu) >= 3, menu
    antre, bentuk_dilihat, terlalu_lebar, dikunjungi = list(dict.fromkeys(menu)), set(), [], []
    while antre:
        path = antre.pop(0)
        bentuk = _bentuk(path)
        if bentuk in bentuk_dilihat:
            continue
        bentuk_dilihat.add(bentuk)
        response = page.goto(path)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        page.wait_for_load_state("load")
        dikunjungi.append(path)
        lebar = _lebar(page)
        if lebar > LEBAR:
            nama = re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_") or "beranda"
            page.screenshot(path=str(folder / f"{nama}.png"), full_page=True)
            terlalu_lebar.append(f"{path}: {lebar} px")
        if path in menu:  # one level below the menu: the links on each menu page
            antre.extend(p for p in _tautan(page, "main a[href]") if _bentuk(p) not in bentuk_dilihat)
        phone_tab.visit.watch.assert_clean(path)
    print(f"\n{identitas}: {len(dikunjungi)} halaman pada {LEBAR} px")
    assert len(dikunjungi) >= len(set(map(_bentuk, menu))) - 1
    assert not terlalu_lebar, f"Halaman yang bergeser ke samping pada {LEBAR} px ({identitas}):\n" + "\n".join(terlalu_lebar)


def test_kepatuhan_shows_todays_column_on_a_laptop(chromium, live_server, request):
    from tests.e2e.conftest import Tab, _new_page

    context, page, visit = _new_page(chromium, live_server, request, viewport={"width": 1366, "height": 800})
    try:
        tab = Tab(page, visit)
        login(tab, "198002142005012004", check_form=False)
        nav(page).get_by_role("link", name="Verifikasi").click()
        page.get_by_role("link", name="Kepatuhan Pengisian").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Kepatuhan")
        tab.visit.check("kepatuhan-1366")
        assert _lebar(page) <= 1366
        last = page.locator("#kepatuhan thead th").last
        box = last.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 1366, f"kolom terakhir di luar layar: {box}"
        # The last column is the latest working day shown (today on a working day), visible without scrolling.
        scroller = page.locator("#kepatuhan .table-responsive")
        if scroller.count():
            assert scroller.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), "tabel kepatuhan perlu digeser"
    finally:
        context.close()
