"""Journey: the pegawai submits, the atasan returns one entry and approves the rest, the pegawai
reads the note and the notification, then downloads the month's LKH PDF."""

from __future__ import annotations

import io
import re
import time

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.journey import ATASAN_NIP, PEGAWAI_NIP, choose, field, htmx_settled, isi_entri, login, logout, nav

CATATAN = "Lengkapi bukti dukung berupa notulen rapat."


def _catat(page, jam_mulai: str, jam_selesai: str, uraian: str) -> None:
    isi_entri(page, jam_mulai, jam_selesai, uraian)
    htmx_settled(page)
    expect(page.get_by_text(uraian).first).to_be_visible()


def test_atasan_returns_one_and_approves_the_rest_then_pegawai_reads_and_prints(tab):
    page = tab.page
    token = f"Uji verifikasi {int(time.time())}"

    # 1. The pegawai logs two entries today and submits them.
    login(tab, PEGAWAI_NIP)
    tab.visit.check("beranda-pegawai")
    nav(page).get_by_role("link", name="Aktivitas Harian").click()
    page.wait_for_load_state("load")
    _catat(page, "19:00", "19:30", f"{token} A: menyusun notulen rapat")
    _catat(page, "19:30", "20:00", f"{token} B: memperbarui halaman layanan")
    page.get_by_role("button", name="Ajukan", exact=True).click()
    htmx_settled(page)
    page.wait_for_load_state("load")
    logout(tab)

    # 2. The atasan opens Verifikasi and narrows it to this pegawai.
    login(tab, ATASAN_NIP)
    nav(page).get_by_role("link", name="Verifikasi").click()
    expect(page.get_by_role("heading", level=1, name="Verifikasi Aktivitas")).to_be_visible()
    tab.visit.check("verifikasi")
    choose(field(page, "Pegawai"), "Andi Pratama")
    page.get_by_role("button", name="Tampilkan").click()
    htmx_settled(page)
    expect(page.locator("#inbox .kepala-pegawai").first).to_contain_text("Andi Pratama")

    # 3. Open the first entry's form in place ("Periksa") and return it with a Catatan: the row swaps.
    baris = page.locator("#inbox tr[data-baris]").first
    baris_id = baris.get_attribute("data-baris")
    uraian = baris.locator(".uraian-ringkas").inner_text().strip()
    baris.get_by_role("link", name="Periksa").click()
    htmx_settled(page)
    form = page.locator(f"#aktivitas-{baris_id} form")
    form.get_by_label("Catatan").fill(CATATAN)
    form.get_by_role("button", name="Kembalikan", exact=True).click()
    htmx_settled(page)
    kembali = page.locator(f"#aktivitas-{baris_id}")
    expect(kembali).to_contain_text("Dikembalikan oleh")
    expect(kembali).to_contain_text("Aktivitas dikembalikan kepada pegawai.")
    tab.visit.check("verifikasi-dikembalikan")

    # 4. Approve the others on the page with "Setujui Terpilih".
    page.get_by_label("Pilih semua di halaman ini").check()
    page.get_by_role("button", name="Setujui Terpilih").click()
    htmx_settled(page)
    expect(page.locator("#inbox").get_by_role("status").first).to_contain_text(re.compile(r"\d+ aktivitas disetujui\."))
    tab.visit.check("verifikasi-setujui-terpilih")
    logout(tab)

    # 5. The pegawai has a notification that leads to the returned entry and its note.
    login(tab, PEGAWAI_NIP, check_form=False)
    notifikasi = page.get_by_role("link", name=re.compile(r"^Notifikasi"))
    expect(notifikasi.locator(".badge")).to_be_visible()
    notifikasi.click()
    item = page.locator("li.list-group-item").filter(has_text=CATATAN).first
    expect(item).to_contain_text("dikembalikan")
    tab.visit.check("notifikasi")
    item.get_by_role("button", name="Buka").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1, name="Detail Aktivitas")).to_be_visible()
    expect(page.locator("main")).to_contain_text(uraian)
    expect(page.locator("main")).to_contain_text(CATATAN)
    tab.visit.check("detail-dikembalikan")

    # 6. The month's LKH as PDF.
    nav(page).get_by_role("link", name="Laporan").click()
    expect(page.get_by_role("heading", level=1, name="Laporan")).to_be_visible()
    tab.visit.check("laporan")
    href = page.get_by_role("link", name="Unduh LKH (PDF)").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    for expected in ("LAPORAN KINERJA HARIAN", "Andi Pratama", "19920311 201903 1 007", token,
                     "Mengetahui, Atasan Langsung", "Yang Melaporkan", "Total durasi"):
        assert expected in text, expected
