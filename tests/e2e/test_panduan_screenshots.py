"""The guide's screenshots come from the pages themselves, with the demo data.

``make panduan-screenshots`` (KINERJA_PANDUAN_REFRESH=1) logs in as each demo role, visits the pages the
guide shows, crops the page region and saves it as ``static/panduan/<nama>.png`` (palette PNG, < 150 KB).
Without the variable the same capture runs into a temporary folder (so CI proves every screenshot can
still be taken from today's pages, and nothing is skipped) and the guide's committed screenshots are
checked to exist.  Either way every guide page is checked with axe-core.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kinerja.panduan import isi
from tests.e2e.journey import ATASAN_NIP, PEGAWAI_NIP, login

STATIC = Path(__file__).resolve().parents[2] / "static" / "panduan"
LOGIN = {"pegawai": PEGAWAI_NIP, "atasan": ATASAN_NIP, "admin": "admin"}
TINGGI_MAKS = 760
UKURAN_MAKS = 150 * 1024
REFRESH = os.environ.get("KINERJA_PANDUAN_REFRESH") == "1"


def _save(png: bytes, path: Path) -> None:
    """Palette PNG: screenshots of forms and tables need few colours and stay small."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    for colours in (128, 64, 32):
        buffer = io.BytesIO()
        image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT).save(buffer, format="PNG", optimize=True)
        if buffer.tell() < UKURAN_MAKS:
            break
    path.write_bytes(buffer.getvalue())


def _capture(tab, gambar: isi.Gambar, folder: Path) -> Path:
    page = tab.page
    page.goto(gambar.path)
    page.wait_for_load_state("load")
    if gambar.klik:
        page.locator("main").get_by_role("link", name=gambar.klik).first.click()
        page.wait_for_load_state("load")
    page.mouse.move(0, 0)
    region = page.locator(gambar.region).first
    expect(region).to_be_visible()
    box = region.bounding_box()
    clip = {"x": box["x"], "y": box["y"], "width": box["width"], "height": min(box["height"], TINGGI_MAKS)}
    path = folder / f"{gambar.nama}.png"
    _save(page.screenshot(clip=clip, full_page=True), path)
    return path


@pytest.mark.parametrize("peran", sorted(LOGIN))
def test_screenshots_can_be_taken_from_the_pages(tab, peran, tmp_path):
    folder = STATIC if REFRESH else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    tab.page.set_viewport_size({"width": 1100, "height": 900})
    login(tab, LOGIN[peran], check_form=False)
    for gambar in isi.GAMBAR.values():
        if gambar.login == peran:
            path = _capture(tab, gambar, folder)
            assert path.stat().st_size < UKURAN_MAKS, path.name


def test_guide_pages_pass_axe_and_show_existing_screenshots(tab):
    page = tab.page
    login(tab, PEGAWAI_NIP, check_form=False)
    page.goto("/panduan")
    expect(page.get_by_role("heading", level=1, name="Panduan")).to_be_visible()
    tab.visit.check("panduan")
    for bagian in isi.BAGIAN:
        page.goto(f"/panduan/{bagian.slug}")
        expect(page.get_by_role("heading", level=1, name=bagian.judul)).to_be_visible()
        for img in page.locator("img[src^='/static/panduan/']").all():
            nama = img.get_attribute("src").split("?", 1)[0].rsplit("/", 1)[-1]  # ?v=: fingerprint (#17)
            path = STATIC / nama
            assert path.is_file(), f"{nama} belum dibuat: jalankan make panduan-screenshots"
            assert path.stat().st_size < UKURAN_MAKS
            assert img.evaluate("el => el.complete && el.naturalWidth > 0"), f"{nama} tidak termuat"
        tab.visit.check(f"panduan-{bagian.slug}")
    # Every page's "Bantuan" link opens its section.
    page.goto("/aktivitas")
    page.get_by_role("link", name="Bantuan").click()
    expect(page.get_by_role("heading", level=1, name="Mencatat Aktivitas Harian")).to_be_visible()
