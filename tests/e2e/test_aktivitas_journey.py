"""Journeys: a pegawai logs two entries today (one with an uploaded file) and submits them;
the quick entry on a phone-sized screen."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.e2e.journey import PEGAWAI_NIP, choose, field, htmx_settled, login, nav

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _isi(page, jam_mulai: str, jam_selesai: str, uraian: str, satuan: str = "dokumen") -> None:
    field(page, "Jam Mulai").fill(jam_mulai)
    field(page, "Jam Selesai").fill(jam_selesai)
    field(page, "Uraian Kegiatan").fill(uraian)
    field(page, "Volume").fill("1")
    field(page, "Satuan").fill(satuan)
    choose(field(page, "Rencana Hasil Kerja"), "Tugas dari atasan")


def test_pegawai_logs_two_entries_with_evidence_and_submits(tab):
    page = tab.page
    token = f"Uji aktivitas {int(time.time())}"
    login(tab, PEGAWAI_NIP)
    nav(page).get_by_role("link", name="Aktivitas Harian").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1, name="Aktivitas Harian")).to_be_visible()
    # The monthly target (6.750, pro rata when the demo gives Andi cuti or dinas luar this month).
    expect(page.get_by_text(re.compile(r"dari target \d{1,2}\.\d{3}"))).to_be_visible()
    tab.visit.check("hari-ini")

    # 1. With an uploaded PDF; Enter in a field saves (a normal submit button).
    _isi(page, "21:00", "21:30", f"{token} A: liputan kegiatan bupati")
    field(page, "Bukti Dukung").set_input_files(
        files=[{"name": "notulen-rapat.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    field(page, "Satuan").press("Enter")
    htmx_settled(page)
    entry_a = page.locator(".item-aktivitas", has_text=f"{token} A")
    expect(entry_a).to_be_visible()
    expect(entry_a.get_by_role("link", name="notulen-rapat.pdf")).to_be_visible()
    expect(entry_a).to_contain_text("Draf")
    # Ready for the next one: focus in "Jam Selesai", Jam Mulai = the last Jam Selesai, satuan remembered.
    expect(field(page, "Jam Selesai")).to_be_focused()
    expect(field(page, "Jam Mulai")).to_have_value("21:30")
    expect(field(page, "Satuan")).to_have_value("dokumen")
    tab.visit.check("setelah-simpan")

    # 2. A validation error stays at its field (422), then the second entry with a link.
    field(page, "Jam Selesai").fill("21:00")
    field(page, "Uraian Kegiatan").fill(f"{token} B: memperbarui halaman website pemda")
    field(page, "Volume").fill("2")
    page.get_by_role("button", name="Simpan", exact=True).click()
    htmx_settled(page)
    expect(page.locator("#jam_selesai-galat")).to_have_text("Jam selesai harus setelah jam mulai.")
    tab.visit.check("galat-jam")
    field(page, "Jam Selesai").fill("22:00")
    field(page, "Tautan Bukti").fill("https://bukitintankab.go.id/berita/uji")
    page.get_by_role("button", name="Simpan", exact=True).click()
    htmx_settled(page)
    entry_b = page.locator(".item-aktivitas", has_text=f"{token} B")
    expect(entry_b).to_contain_text("2 dokumen")

    # The evidence downloads as an attachment.
    with page.expect_download() as info:
        entry_a.get_by_role("link", name="notulen-rapat.pdf").click()
    assert info.value.suggested_filename == "notulen-rapat.pdf"

    # 3. Submit the day.
    page.get_by_role("button", name="Ajukan", exact=True).click()
    htmx_settled(page)
    expect(page.get_by_text(re.compile(r"\d+ aktivitas diajukan"))).to_be_visible()
    expect(entry_a).to_contain_text("Diajukan")
    expect(entry_b).to_contain_text("Diajukan")
    expect(entry_a.get_by_role("link", name=re.compile("^Ubah"))).to_have_count(0)
    tab.visit.check("diajukan")

    page.get_by_role("link", name="Bulan", exact=True).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1, name="Aktivitas Bulanan")).to_be_visible()
    tab.visit.check("bulan")
    page.get_by_role("link", name="Minggu", exact=True).click()
    page.wait_for_load_state("load")
    expect(page.get_by_text(f"{token} A")).to_be_visible()
    tab.visit.check("minggu")


def test_quick_entry_on_a_phone(phone_tab):
    page = phone_tab.page
    token = f"Uji ponsel {int(time.time())}"
    login(phone_tab, PEGAWAI_NIP, check_form=False)
    page.goto("/aktivitas")
    form = page.locator("#form-aktivitas")
    expect(form).to_be_visible()
    # Stacked fields that fit the screen; large targets.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    simpan = page.get_by_role("button", name="Simpan", exact=True)
    box = simpan.bounding_box()
    assert box and box["height"] >= 44 and box["width"] >= 300
    for label in ("Jam Mulai", "Uraian Kegiatan", "Volume", "Rencana Hasil Kerja"):
        assert field(page, label).bounding_box()["height"] >= 44, label
    expect(field(page, "Volume")).to_have_attribute("inputmode", "decimal")
    expect(field(page, "Jam Mulai")).to_have_attribute("inputmode", "numeric")  # digits keypad, no AM/PM
    expect(field(page, "Tanggal")).to_have_attribute("type", "date")
    phone_tab.visit.check("ponsel-formulir")

    _isi(page, "22:00", "22:30", f"{token}: membalas aduan SP4N-LAPOR!", satuan="aduan")
    simpan.click()
    htmx_settled(page)
    expect(page.locator(".item-aktivitas", has_text=token)).to_be_visible()
    expect(field(page, "Jam Selesai")).to_be_focused()
    form.scroll_into_view_if_needed()
    phone_tab.visit.check("ponsel-tersimpan")
