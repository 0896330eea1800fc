"""Issue 4's whole daily cycle in one journey: the pegawai logs two entries (one with an uploaded
file) and submits; the atasan returns one with a note; the pegawai fixes it and submits again;
the atasan approves both with "Setujui Terpilih"; the pegawai downloads the month's LKH PDF."""

from __future__ import annotations

import io
import time

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.journey import ATASAN_NIP, PEGAWAI_NIP, choose, field, htmx_settled, login, logout, nav

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
CATATAN = "Sebutkan nama aplikasi yang diuji."


def _catat(page, mulai: str, selesai: str, uraian: str, berkas: bool = False) -> None:
    field(page, "Jam Mulai").fill(mulai)
    field(page, "Jam Selesai").fill(selesai)
    field(page, "Uraian Kegiatan").fill(uraian)
    field(page, "Volume").fill("1")
    field(page, "Satuan").fill("laporan")
    choose(field(page, "Rencana Hasil Kerja"), "Tugas dari atasan")
    if berkas:
        field(page, "Bukti Dukung").set_input_files(
            files=[{"name": "hasil-uji.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="Simpan", exact=True).click()
    htmx_settled(page)
    expect(page.locator(".item-aktivitas", has_text=uraian)).to_contain_text("Draf")


def _verifikasi_andi(tab):
    page = tab.page
    login(tab, ATASAN_NIP, check_form=False)
    nav(page).get_by_role("link", name="Verifikasi").click()
    choose(field(page, "Pegawai"), "Andi Pratama")
    page.get_by_role("button", name="Tampilkan").click()
    htmx_settled(page)
    # Oldest first: today's entries are on the last page of the inbox.
    halaman = page.get_by_role("navigation", name="Halaman").get_by_role("link")
    if halaman.count():
        halaman.last.click()
        htmx_settled(page)
    return page


def test_daily_cycle_return_fix_resubmit_approve_and_print(tab):
    page = tab.page
    token = f"Siklus {int(time.time())}"
    uraian_a, uraian_b = f"{token} A: uji fungsi aplikasi", f"{token} B: menyusun laporan uji"

    # 1. The pegawai logs two entries (one with a file) and submits the day.
    login(tab, PEGAWAI_NIP)
    nav(page).get_by_role("link", name="Aktivitas Harian").click()
    _catat(page, "05:00", "05:30", uraian_a, berkas=True)
    _catat(page, "05:30", "06:00", uraian_b)
    expect(page.locator(".item-aktivitas", has_text=uraian_a).get_by_role("link", name="hasil-uji.pdf")).to_be_visible()
    page.get_by_role("button", name="Ajukan", exact=True).click()
    htmx_settled(page)
    expect(page.locator(".item-aktivitas", has_text=uraian_a)).to_contain_text("Diajukan")
    tab.visit.check("pegawai-diajukan")
    logout(tab)

    # 2. The atasan returns entry A with a note.
    _verifikasi_andi(tab)
    baris_a = page.locator("#inbox tbody.entri", has_text=uraian_a)
    baris_a.get_by_role("link", name="Periksa").click()  # the form opens in place
    htmx_settled(page)
    baris_a.get_by_label("Catatan").fill(CATATAN)
    baris_a.get_by_role("button", name="Kembalikan", exact=True).click()
    htmx_settled(page)
    expect(page.locator("#inbox tbody.entri", has_text=uraian_a)).to_contain_text(CATATAN)
    tab.visit.check("atasan-mengembalikan")
    logout(tab)

    # 3. The pegawai sees the note, fixes the entry and submits it again.
    login(tab, PEGAWAI_NIP, check_form=False)
    nav(page).get_by_role("link", name="Aktivitas Harian").click()
    item_a = page.locator(".item-aktivitas", has_text=uraian_a)
    expect(item_a).to_contain_text("Dikembalikan")
    expect(item_a).to_contain_text(CATATAN)
    item_a.get_by_role("link", name="Ubah").click()
    htmx_settled(page)
    form = page.locator("form", has=page.get_by_role("button", name="Simpan Perubahan"))
    fixed = f"{uraian_a} (aplikasi e-Perizinan)"
    form.get_by_label("Uraian Kegiatan").fill(fixed)
    form.get_by_role("button", name="Simpan Perubahan").click()
    htmx_settled(page)
    expect(page.locator(".item-aktivitas", has_text=fixed)).to_be_visible()
    page.get_by_role("button", name="Ajukan", exact=True).click()
    htmx_settled(page)
    expect(page.locator(".item-aktivitas", has_text=fixed)).to_contain_text("Diajukan")
    tab.visit.check("pegawai-ajukan-ulang")
    logout(tab)

    # 4. The atasan approves both with "Setujui Terpilih".
    _verifikasi_andi(tab)
    for uraian in (fixed, uraian_b):
        baris = page.locator("#inbox tbody.entri", has_text=uraian)
        baris.get_by_role("checkbox").check()
    page.get_by_role("button", name="Setujui Terpilih").click()
    htmx_settled(page)
    expect(page.locator("#inbox")).to_contain_text("2 aktivitas disetujui.")
    expect(page.locator("#inbox tbody.entri", has_text=uraian_b)).to_have_count(0)
    tab.visit.check("atasan-setujui-terpilih")
    logout(tab)

    # 5. The pegawai sees both approved (locked) and downloads the month's LKH PDF.
    login(tab, PEGAWAI_NIP, check_form=False)
    nav(page).get_by_role("link", name="Aktivitas Harian").click()
    for uraian in (fixed, uraian_b):
        item = page.locator(".item-aktivitas", has_text=uraian)
        expect(item).to_contain_text("Disetujui")
        expect(item.get_by_role("link", name="Ubah")).to_have_count(0)
    nav(page).get_by_role("link", name="Laporan").click()
    href = page.get_by_role("link", name="Unduh LKH (PDF)").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "LAPORAN KINERJA HARIAN" in text and token in text and "Disetujui" in text
