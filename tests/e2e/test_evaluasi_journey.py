"""Browser journey: realisasi → rating (with the htmx predikat preview) → both signatures → /v/<kode>.

The demo evaluations depend on other features' demo steps, so the journey makes its own: the
admin opens Semester II through the UI, then Dewi (a kepala seksi) picks one of her staff whose
evaluation is still a draft, and the two of them walk it.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from kinerja.waktu import today_local
from tests.e2e.journey import ADMIN, ATASAN_NIP, DEMO_PASSWORD, PEGAWAI_NIP, choose, field, htmx_settled, login, nav

PEGAWAI_NIP_SPASI = r"\s*".join(PEGAWAI_NIP)  # the list prints the NIP in groups
def semester_ii() -> str:
    return f"Semester II {today_local().year}"  # the demo also opens next year's Tahun Kinerja


def _logout(tab):
    tab.page.get_by_role("button", name="Keluar").click()
    tab.page.wait_for_load_state("load")


def _open_own(tab):
    page = tab.page
    nav(page).get_by_role("link", name="Evaluasi").click()
    tab.visit.check("evaluasi-index")
    page.get_by_role("link", name=re.compile(r"Buka evaluasi Semester II")).click()
    tab.visit.check("evaluasi-detail")


def _penilai_list(tab):
    page = tab.page
    nav(page).get_by_role("link", name="Evaluasi").click()
    choose(page.get_by_label("Periode"), semester_ii())
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_load_state("load")


def _open_as_penilai(tab, nama):
    _penilai_list(tab)
    tab.page.get_by_role("link", name=f"Buka evaluasi {nama}", exact=True).click()


def buka_semester_ii(tab) -> None:
    """As admin: open Semester II, allow signing it before it ends (it runs to 31 December), and set the
    dinas's capaian kinerja organisasi for it (every unit inherits it) — signing needs a complete form."""
    page = tab.page
    login(tab, ADMIN)
    nav(page).get_by_role("link", name="Evaluasi").click()
    choose(page.get_by_label("Periode"), semester_ii())
    page.get_by_role("button", name="Tampilkan").click()
    page.get_by_role("button", name="Buka Evaluasi").click()
    expect(page.get_by_text(re.compile(r"Evaluasi dibuka: \d+ pegawai baru"))).to_be_visible()
    tab.visit.check("admin-progres")
    page.get_by_role("link", name="Dinas Komunikasi dan Informatika", exact=True).click()
    choose(field(page, "Capaian Kinerja Organisasi"), "Baik")
    page.get_by_role("button", name="Simpan Capaian").click()
    expect(page.get_by_text("Capaian kinerja organisasi disimpan.")).to_be_visible()
    nav(page).get_by_role("link", name="Admin", exact=True).click()
    page.get_by_role("link", name="Tahun Kinerja").first.click()
    page.get_by_role("link", name=str(today_local().year), exact=True).click()  # next year is open too
    page.get_by_label(re.compile(r"Izinkan tanda tangan sebelum periode berakhir \(Semester II\)")).check()
    page.locator("tr", has_text="Semester II").get_by_role("button", name=re.compile("Simpan izin tanda tangan")).click()
    expect(page.get_by_text("Semester II: tanda tangan sebelum periode berakhir diizinkan.")).to_be_visible()
    tab.visit.check("admin-ttd-lebih-awal")
    _logout(tab)


def test_evaluasi_journey(tab):
    page = tab.page

    # Admin opens Semester II (and allows signing it early).
    buka_semester_ii(tab)

    # The penilai's list: pick a subordinate whose Semester II evaluation is a draft — not the README
    # pegawai: a final Semester II freezes his rencana aksi, which another journey still edits.
    login(tab, ATASAN_NIP, check_form=False)
    _penilai_list(tab)
    tab.visit.check("daftar-penilai")
    row = (page.locator("#tabel-dinilai tbody tr").filter(has_text="Draf")
           .filter(has_not_text=re.compile(PEGAWAI_NIP_SPASI)).first)
    nama = row.locator("td").nth(0).inner_text().strip()
    nip = row.locator("td").nth(1).inner_text().replace(" ", "")
    _logout(tab)

    # The pegawai fills realisasi and submits.
    login(tab, nip, check_form=False)
    _open_own(tab)
    boxes = page.get_by_label("Realisasi", exact=True)
    for i in range(boxes.count()):
        boxes.nth(i).fill(f"Realisasi semester II nomor {i + 1}, didukung laporan kinerja harian.")
    page.get_by_role("button", name="Ajukan Realisasi").click()
    expect(page.get_by_text("Realisasi diajukan ke pejabat penilai.")).to_be_visible()
    _logout(tab)

    # The penilai rates: the predikat preview follows the ratings (htmx), then finalises.
    login(tab, ATASAN_NIP, check_form=False)
    _open_as_penilai(tab, nama)
    tab.visit.check("penilaian")
    feedback = page.get_by_label("Umpan Balik", exact=True)
    for i in range(feedback.count()):
        feedback.nth(i).fill("Sesuai bukti dukung; pertahankan.")
    choose(field(page, "Rating Hasil Kerja"), "Sesuai Ekspektasi")
    choose(field(page, "Rating Perilaku Kerja"), "Di Atas Ekspektasi")
    htmx_settled(page)
    expect(page.locator("#pratinjau-predikat")).to_contain_text("Predikat Kinerja: Baik")
    page.get_by_role("button", name="Simpan Penilaian").click()
    expect(page.get_by_text("Penilaian disimpan.")).to_be_visible()
    page.get_by_role("button", name="Finalisasi Penilaian").click()
    expect(page.get_by_text("Evaluasi difinalisasi.")).to_be_visible()
    _logout(tab)

    # The pegawai signs first ...
    login(tab, nip, check_form=False)
    _open_own(tab)
    page.get_by_role("link", name="Tanda Tangani").click()
    tab.visit.check("ttd-pegawai")
    field(page, "Kata Sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Tanda Tangani").click()
    expect(page.get_by_text("Evaluasi ditandatangani.")).to_be_visible()
    _logout(tab)

    # ... then the penilai; the evaluation is locked and the documents are issued.
    login(tab, ATASAN_NIP, check_form=False)
    _open_as_penilai(tab, nama)
    page.get_by_role("link", name="Tanda Tangani").click()
    field(page, "Kata Sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Tanda Tangani").click()
    expect(page.get_by_text("ditandatangani kedua pihak dan terkunci")).to_be_visible()
    tab.visit.check("selesai")
    verify_url = page.get_by_role("link", name="Halaman verifikasi dokumen").get_attribute("href")
    _logout(tab)

    # The public verification page (no login): name, masked NIP, SHA-256, no predikat.
    page.goto(verify_url)
    expect(page.get_by_role("heading", level=1, name="Verifikasi Dokumen Evaluasi Kinerja")).to_be_visible()
    expect(page.get_by_text(nama, exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(rf"{nip[:4]}\*{{4}}"))).to_be_visible()
    expect(page.locator("code").first).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    expect(page.get_by_text("Predikat")).to_have_count(0)
    tab.visit.check("verifikasi")
