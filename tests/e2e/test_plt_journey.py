"""Plt journey (issue #11 §2): the demo's Plt Kepala Seksi Statistik Sektoral (the Kepala Seksi
Persandian dan Keamanan Informasi, for a month around today) opens SKP Tim and the Kepatuhan grid and
finds the staff of the seksi he acts for beside his own.

Read-only: the admin's list of penugasan gives his NIP; no other journey logs in as him."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.journey import expect_beranda, login, logout

SEKSI_PLT = "Seksi Statistik Sektoral"


def test_plt_kepala_seksi_melihat_skp_tim_dan_kepatuhan_staf_seksi(tab):
    page = tab.page

    # --- the admin's list of penugasan: who acts as Plt of the seksi
    login(tab, "admin")
    page.goto("/mutasi/penugasan")
    baris = page.locator("tr", has_text=SEKSI_PLT).filter(has_text="Berjalan")
    if baris.count() == 0:
        pytest.skip("Data demo tanpa Plt berjalan (langkah demo mutasi dilewati sebelum 1 Juli).")
    tab.visit.check("penugasan-plt-demo")
    nip = re.sub(r"\D", "", baris.first.locator("td").nth(1).locator("div").first.inner_text())
    logout(tab)

    # --- the Plt: SKP Tim lists the seksi's staff (with their unit) beside his own
    login(tab, nip, check_form=False)
    expect_beranda(page)
    page.goto("/skp/tim")
    expect(page.get_by_role("heading", level=1, name="SKP Bawahan")).to_be_visible()
    staf = page.locator("tbody tr", has_text=SEKSI_PLT)
    expect(staf.first).to_be_visible()
    nama = [staf.nth(i).locator("td").first.inner_text().strip().splitlines()[0] for i in range(staf.count())]
    assert nama, "SKP Tim Plt tanpa staf seksi yang ia pimpin"
    expect(page.locator("tbody tr", has_text="Seksi Persandian dan Keamanan Informasi").first).to_be_visible()
    tab.visit.check("plt-skp-tim")

    # --- the Kepatuhan grid: the same staff, today's column included
    page.goto("/verifikasi/kepatuhan")
    expect(page.get_by_role("heading", level=1, name="Kepatuhan Pengisian Aktivitas")).to_be_visible()
    grid = page.locator("main")
    for n in nama:
        expect(grid).to_contain_text(n)
    tab.visit.check("plt-kepatuhan")
