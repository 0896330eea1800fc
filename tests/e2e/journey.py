"""Steps shared by the journeys.  Labels are PRODUCT.md's contract."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

DEMO_PASSWORD = "kinerja-demo-2026"
ADMIN = "admin"
PEGAWAI_NIP = "199203112019031007"  # Andi Pratama, Pranata Komputer Ahli Pertama
ATASAN_NIP = "198505172010012015"  # Dewi Lestari, Kepala Seksi Pengembangan Aplikasi
BUAT_SKP_NIP = "199508242020122011"  # Siti Nurhaliza: plans next year's SKP (README, "Buat SKP")


def field(page: Page, label: str) -> Locator:
    """The control labelled exactly ``label`` (a required field's label ends in an aria-hidden "*")."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}\s*\*?$"))


def nav(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Navigasi utama")


def login(tab, identitas: str, password: str = DEMO_PASSWORD, check_form: bool = True) -> None:
    page = tab.page
    page.goto("/login")
    if check_form:
        tab.visit.check("login")
    field(page, "NIP atau Nama Pengguna").fill(identitas)
    field(page, "Kata Sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state("load")


def expect_beranda(page: Page) -> None:
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1, name="Beranda")).to_be_visible()


def logout(tab) -> None:
    page = tab.page
    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(re.compile(r"/login"))
    expect(page.get_by_text("Anda telah keluar.")).to_be_visible()
    tab.visit.check("keluar")


def htmx_settled(page: Page) -> None:
    """Wait until no htmx request is in flight (dependent <select>s reload their options)."""
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def choose(field: Locator, text: str) -> None:
    """Pick the <select> option whose text is ``text`` (else: contains it); type into anything else."""
    if field.evaluate("el => el.tagName") != "SELECT":
        field.fill(text)
        return
    options = field.locator("option")
    expect(options.filter(has_text=text).first).to_be_attached()
    texts = [t.strip().lower() for t in options.all_inner_texts()]
    matches = [i for i, t in enumerate(texts) if t == text.lower()] or [
        i for i, t in enumerate(texts) if text.lower() in t
    ]
    assert matches, f"tidak ada pilihan {text!r}: {texts}"
    value = options.nth(matches[0]).get_attribute("value")
    field.select_option(value=value)
    htmx_settled(field.page)
    expect(field).to_have_value(value)


def isi_entri(page: Page, jam_mulai: str, jam_selesai: str, uraian: str, satuan: str = "dokumen") -> None:
    """Fill the quick-entry form with one "Tugas dari atasan" entry (no page script needed) and press Simpan."""
    field(page, "Jam Mulai").fill(jam_mulai)
    field(page, "Jam Selesai").fill(jam_selesai)
    field(page, "Uraian Kegiatan").fill(uraian)
    field(page, "Volume").fill("1")
    field(page, "Satuan").fill(satuan)
    field(page, "Rencana Hasil Kerja").select_option(value="atasan")
    page.get_by_role("button", name="Simpan", exact=True).click()
