"""Browser journey for the top of the tree (issue #10 §1–2): the admin's page of officials outside
the dinas, the Sekda logging in with an account limited to what concerns him and finding the
Kepala Dinas's Semester I evaluation he signed, and a Kepala Bidang printing the Penetapan
Predikat Kinerja of her bidang."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from kinerja.waktu import today_local
from tests.e2e.journey import ADMIN, choose, login, nav

KABID_APTIKA = "198002142005012004"  # Rina Marlina, Kepala Bidang Aplikasi Informatika
KADIS = "Dr. H. Ahmad Fauzi, S.Kom., M.Si."


def _semester_i(page):
    nav(page).get_by_role("link", name="Evaluasi").click()
    choose(page.get_by_label("Periode"), f"Semester I {today_local().year}")  # not "Semester II"
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_load_state("load")


def _logout(tab):
    tab.page.get_by_role("button", name="Keluar").click()
    tab.page.wait_for_load_state("load")


def test_puncak_journey(tab):
    page = tab.page

    # The admin records the officials outside the dinas and who they evaluate.
    login(tab, ADMIN)
    nav(page).get_by_role("link", name="Admin", exact=True).click()
    page.get_by_role("link", name="Pejabat Luar Instansi").click()
    expect(page.get_by_role("heading", level=1, name="Pejabat Luar Instansi")).to_be_visible()
    expect(page.get_by_role("cell", name="Sekretaris Daerah", exact=True)).to_be_visible()
    tab.visit.check("pejabat-luar")
    page.get_by_role("link", name=re.compile(r"Darmawan Saputra")).click()
    page.get_by_label("Nama Pengguna").fill("bupati")
    page.get_by_role("button", name="Buat Akun").click()
    expect(page.get_by_text("Kata sandi sementara")).to_be_visible()
    tab.visit.check("pejabat-luar-akun")
    # The admin's Evaluasi page: in the demo, everybody can be evaluated (issue #10 §1).
    _semester_i(page)
    daftar = page.get_by_role("region", name=re.compile("Pegawai yang Belum Dapat Dievaluasi"))
    expect(daftar).to_be_visible()
    # The demo leaves nobody out (tests/integration/test_demo_siklus.py checks the whole list); journeys that
    # ran earlier on this shared server may have added a pegawai without an SKP, so only demo people are checked.
    for nama in ("Ahmad Fauzi", "Andi Pratama", "Dewi Lestari", "Siti Nurhaliza", "Putri Ayu Lestari"):
        expect(daftar).not_to_contain_text(nama)
    _logout(tab)

    # The Sekda: only the Kepala Dinas's evaluation, signed, with the Sekda as pejabat penilai.
    login(tab, "sekda", check_form=False)
    expect(nav(page).get_by_role("link", name="Aktivitas Harian")).to_have_count(0)
    _semester_i(page)
    page.get_by_role("link", name=f"Buka evaluasi {KADIS}", exact=True).click()
    expect(page.get_by_text("Pejabat penilai: Drs. H. Sutrisno Wibowo")).to_be_visible()
    expect(page.get_by_text(re.compile("ditandatangani kedua pihak"))).to_be_visible()
    tab.visit.check("sekda-evaluasi-kadis")
    response = page.request.get(page.get_by_role("link", name="Cetak Dokumen Evaluasi").get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    _logout(tab)

    # The Kepala Bidang prints the Penetapan Predikat Kinerja of her bidang (signed by the Kepala Dinas).
    login(tab, KABID_APTIKA, check_form=False)
    _semester_i(page)
    page.get_by_role("link", name="Bidang Aplikasi Informatika", exact=True).click()
    expect(page.get_by_role("heading", name="Penetapan Predikat Kinerja")).to_be_visible()
    expect(page.get_by_text("Status: Ditandatangani")).to_be_visible()
    expect(page.get_by_role("button", name="Simpan Capaian")).to_have_count(0)  # set from above, not by her
    tab.visit.check("penetapan-bidang")
    link = page.get_by_role("link", name="Cetak Penetapan Predikat Kinerja")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    page.get_by_role("link", name="Halaman verifikasi").click()
    expect(page.get_by_role("heading", name="Verifikasi Penetapan Predikat Kinerja")).to_be_visible()
