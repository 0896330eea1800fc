"""Dasbor journey: the Kepala Dinas opens the Dasbor, reads a definition, drills into a bidang,
sees its trends, downloads a rekap; a pegawai has no Dasbor link."""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.journey import PEGAWAI_NIP, expect_beranda, htmx_settled, login, logout, nav

KEPALA_DINAS_NIP = "197203151998031004"


def test_kepala_dinas_drills_down_and_downloads_a_rekap(tab):
    page = tab.page
    login(tab, KEPALA_DINAS_NIP)
    expect_beranda(page)
    nav(page).get_by_role("link", name="Dasbor").click()
    expect(page.get_by_role("heading", level=1, name=re.compile(r"^Dasbor Dinas"))).to_be_visible()
    expect(page.get_by_role("heading", name="Kepatuhan pencatatan")).to_be_visible()
    # Each figure's definition is one click away.
    page.locator("#def-kepatuhan summary").click()
    expect(page.locator("#def-kepatuhan")).to_contain_text("hari kerja")
    # The trends arrive by htmx: two SVG charts with a data table each.
    expect(page.locator("#tren svg")).to_have_count(2)
    htmx_settled(page)
    page.locator("#tren details summary").first.click()
    tab.visit.check("dasbor-dinas")

    # Drill down into a bidang.
    bidang = page.locator("#tabel-unit tbody th a").filter(has_text=re.compile(r"^Bidang")).first
    nama = bidang.inner_text().strip()
    bidang.click()
    expect(page.get_by_role("heading", level=1, name=f"Dasbor {nama}")).to_be_visible()
    expect(page.get_by_role("navigation", name="Remah roti")).to_contain_text("Dinas")
    expect(page.locator("#tren svg")).to_have_count(2)
    htmx_settled(page)
    tab.visit.check("dasbor-bidang")

    # Download the monthly rekap of this bidang.
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"^Unduh Rekap Capaian Bulanan")).click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    wb = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert wb["Rekap"]["A1"].value == "REKAP CAPAIAN BULANAN"
    assert wb["Rekap"]["C3"].value == nama

    # The evaluation period tab of the same bidang.
    page.get_by_role("link", name="Periode Evaluasi").click()
    expect(page.get_by_role("heading", name=re.compile(r"Distribusi predikat"))).to_be_visible()
    tab.visit.check("dasbor-periode")
    logout(tab)

    login(tab, PEGAWAI_NIP, check_form=False)
    expect_beranda(page)
    expect(nav(page).get_by_role("link", name="Dasbor")).to_have_count(0)
