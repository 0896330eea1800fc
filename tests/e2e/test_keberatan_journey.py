"""Browser journey (PP 30/2019): the penilai signs and hands the result over; the pegawai files a
keberatan WITHOUT signing; the penilai explains; only the atasan pejabat penilai decides, by setting
both ratings (the predikat follows from the matrix); the documents are re-issued as version 2 and
both versions stay verifiable, the old one marked as superseded and why.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.journey import DEMO_PASSWORD, choose, field, login, nav
from tests.e2e.test_evaluasi_journey import _logout, _open_as_penilai, _open_own, _penilai_list, buka_semester_ii

# Another team than the evaluasi journey's, so the two journeys do not compete for one draft.
PENILAI_NIP = "199310182022011014"  # Luwes Hutapea, Kepala Subbagian Perencanaan dan Keuangan
ATASAN_PENILAI_NIP = "197508222000122002"  # Sri Wahyuni, Sekretaris Dinas (Luwes's atasan)


def test_keberatan_tanpa_tanda_tangan_diputus_atasan_penilai(tab):
    page = tab.page
    buka_semester_ii(tab)

    # The penilai picks a subordinate whose Semester II evaluation is still a draft.
    login(tab, PENILAI_NIP, check_form=False)
    _penilai_list(tab)
    row = page.locator("#tabel-dinilai tbody tr").filter(has_text="Draf").first
    nama = row.locator("td").nth(0).inner_text().strip()
    nip = row.locator("td").nth(1).inner_text().replace(" ", "")
    _logout(tab)

    login(tab, nip, check_form=False)
    _open_own(tab)
    boxes = page.get_by_label("Realisasi", exact=True)
    for i in range(boxes.count()):
        boxes.nth(i).fill(f"Realisasi nomor {i + 1} melampaui target, didukung laporan kinerja harian.")
    page.get_by_role("button", name="Ajukan Realisasi").click()
    expect(page.get_by_text("Realisasi diajukan ke pejabat penilai.")).to_be_visible()
    _logout(tab)

    # The penilai rates, finalises and signs FIRST: the result is handed over today.
    login(tab, PENILAI_NIP, check_form=False)
    _open_as_penilai(tab, nama)
    feedback = page.get_by_label("Umpan Balik", exact=True)
    for i in range(feedback.count()):
        feedback.nth(i).fill("Perlu peningkatan ketepatan waktu.")
    choose(field(page, "Rating Hasil Kerja"), "Di Bawah Ekspektasi")
    choose(field(page, "Rating Perilaku Kerja"), "Sesuai Ekspektasi")
    page.get_by_role("button", name="Simpan Penilaian").click()
    expect(page.get_by_text("Penilaian disimpan.")).to_be_visible()
    page.get_by_role("button", name="Finalisasi Penilaian").click()
    expect(page.get_by_text("Evaluasi difinalisasi.")).to_be_visible()
    page.get_by_role("link", name="Tanda Tangani").click()
    field(page, "Kata Sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Tanda Tangani").click()
    expect(page.get_by_text("Evaluasi ditandatangani pejabat penilai dan diserahkan kepada pegawai")).to_be_visible()
    tab.visit.check("diserahkan")
    versi_1 = page.get_by_role("link", name=re.compile("Halaman verifikasi dokumen")).get_attribute("href")
    _logout(tab)

    # The pegawai does not sign, and files a keberatan within the 14 days.
    login(tab, nip, check_form=False)
    _open_own(tab)
    page.get_by_role("link", name="Keberatan", exact=True).click()
    tab.visit.check("keberatan-pegawai")
    field(page, "Alasan Keberatan").fill("Realisasi saya melampaui target dan bukti dukung lengkap; mohon ditinjau.")
    page.get_by_role("button", name="Ajukan Keberatan").click()
    expect(page.get_by_text("Keberatan tercatat.")).to_be_visible()
    _logout(tab)

    # The penilai explains.
    login(tab, PENILAI_NIP, check_form=False)
    _open_as_penilai(tab, nama)
    page.get_by_role("link", name="Keberatan", exact=True).click()
    field(page, "Penjelasan Pejabat Penilai").fill("Penilaian sudah mempertimbangkan seluruh bukti dukung.")
    page.get_by_role("button", name="Kirim Penjelasan").click()
    expect(page.get_by_text("Keberatan tercatat.")).to_be_visible()
    _logout(tab)

    # The atasan pejabat penilai decides: both ratings, the predikat follows.
    login(tab, ATASAN_PENILAI_NIP, check_form=False)
    nav(page).get_by_role("link", name="Evaluasi").click()
    page.get_by_role("link", name=re.compile(re.escape(nama))).first.click()
    tab.visit.check("keputusan-atasan")
    choose(field(page, "Keputusan"), "Rating dan predikat diubah")
    choose(field(page, "Rating Hasil Kerja"), "Sesuai Ekspektasi")
    choose(field(page, "Rating Perilaku Kerja"), "Sesuai Ekspektasi")
    field(page, "Pertimbangan Keputusan").fill("Bukti dukung menunjukkan hasil kerja sesuai ekspektasi.")
    page.get_by_role("button", name="Tetapkan Keputusan").click()
    expect(page.get_by_text("Keputusan tercatat; dokumen diterbitkan ulang.")).to_be_visible()
    expect(page.get_by_text(re.compile("predikat kinerja diubah dari Butuh Perbaikan menjadi Baik"))).to_be_visible()
    page.get_by_role("link", name=nama).first.click()
    versi_2 = page.get_by_role("link", name=re.compile("Halaman verifikasi dokumen")).get_attribute("href")
    assert versi_2 != versi_1
    _logout(tab)

    # Both versions verify; the old one says it was superseded and why.
    page.goto(versi_1)
    expect(page.get_by_text(re.compile(r"Versi 1 sudah diganti"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"keberatan diputuskan pada \d+ \w+ \d{4}")).first).to_be_visible()
    tab.visit.check("verifikasi-versi-lama")
    page.goto(versi_2)
    expect(page.get_by_text("Versi 2 adalah versi yang berlaku.")).to_be_visible()
    expect(page.get_by_text("Predikat")).to_have_count(0)
