"""Pengumuman journey: the admin publishes a mandatory announcement, the README pegawai sees it pinned on the
Beranda and marks it read, and the admin's read count goes up by one."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.journey import ADMIN, PEGAWAI_NIP, expect_beranda, field, login, logout, nav

JUDUL = "Rapat koordinasi evaluasi semester"
ISI = "Seluruh pegawai hadir pada **Jumat pukul 08.00**.\n- Bawa laptop\n- Siapkan realisasi SKP"


def _hitungan(page) -> tuple[int, int]:
    text = page.get_by_test_id("hitungan-baca").inner_text()
    match = re.fullmatch(r"dibaca (\d+) dari (\d+)", text.strip())
    assert match, text
    return int(match.group(1)), int(match.group(2))


def test_admin_publishes_pegawai_reads_count_goes_up(tab):
    page = tab.page

    # --- the admin writes and publishes ("Terbitkan")
    login(tab, ADMIN, check_form=False)
    expect_beranda(page)
    nav(page).get_by_role("link", name="Pengumuman").click()
    expect(page.get_by_role("heading", level=1, name="Pengumuman")).to_be_visible()
    tab.visit.check("pengumuman-daftar-admin")
    page.get_by_role("link", name="Tulis Pengumuman").first.click()
    expect(page.get_by_role("heading", level=1, name="Tulis Pengumuman")).to_be_visible()
    tab.visit.check("pengumuman-tulis")
    field(page, "Judul").fill(JUDUL)
    field(page, "Isi").fill(ISI)
    field(page, "Wajib dibaca").check()
    page.get_by_role("button", name="Terbitkan").click()

    expect(page.get_by_role("heading", level=1, name=JUDUL)).to_be_visible()
    expect(page.get_by_text("Pengumuman diterbitkan dan dikirim ke penerima.")).to_be_visible()
    expect(page.locator(".isi-pengumuman strong")).to_have_text("Jumat pukul 08.00")
    expect(page.locator(".isi-pengumuman li")).to_have_count(2)
    dibaca_awal, total = _hitungan(page)
    assert dibaca_awal == 0 and total > 1
    expect(page.locator(".belum-membaca")).to_contain_text("Andi Pratama")
    tab.visit.check("pengumuman-terbit")
    url = page.url
    logout(tab)

    # --- the README pegawai sees it pinned on the Beranda and marks it read
    login(tab, PEGAWAI_NIP, check_form=False)
    expect_beranda(page)
    panel = page.get_by_role("region", name="Pengumuman Belum Dibaca")
    expect(panel).to_contain_text(JUDUL)
    tab.visit.check("beranda-pengumuman")
    panel.get_by_role("button", name=f"Tandai Sudah Dibaca: {JUDUL}").click()
    expect_beranda(page)
    expect(page.get_by_text("Pengumuman ditandai sudah dibaca.")).to_be_visible()
    expect(page.get_by_role("link", name=JUDUL)).to_have_count(0)
    tab.visit.check("beranda-setelah-dibaca")
    logout(tab)

    # --- the admin's count went up by one, and Andi left the "not yet" list
    login(tab, ADMIN, check_form=False)
    page.goto(url)
    assert _hitungan(page) == (dibaca_awal + 1, total)
    expect(page.locator(".belum-membaca")).not_to_contain_text("Andi Pratama")
    tab.visit.check("pengumuman-hitungan")
