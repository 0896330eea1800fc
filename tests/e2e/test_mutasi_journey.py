"""Mutasi journey (issue #11 §1): the admin records a mutasi on the pegawai's page; the pegawai starts the
SKP of his new position (the old one ended the day before); the NEW atasan approves it.

Demo people whose accounts no other journey changes: Hendra Gunawan (Kepala Seksi Pengelolaan
Informasi Publik) moves to the Sekretariat under Sri Wahyuni (who only logs in elsewhere)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from kinerja.referensi import BERAKHLAK
from tests.e2e.journey import choose, expect_beranda, field, htmx_settled, login, logout, nav

PEGAWAI_NIP, PEGAWAI = "198303092009011006", "Hendra Gunawan"
ATASAN_BARU_NIP, ATASAN_BARU = "197508222000122002", "Sri Wahyuni"
UNIT_BARU, JABATAN_BARU = "Sekretariat", "Analis Sumber Daya Manusia Aparatur"
RHK_ATASAN_BARU = "Terkelolanya administrasi umum, kepegawaian, dan barang milik daerah"


def test_admin_mencatat_mutasi_atasan_baru_menyetujui_skp_baru(tab):
    page = tab.page

    # --- the admin records the mutasi on the pegawai's page
    login(tab, "admin")
    page.goto("/admin/pegawai?q=Hendra")
    page.get_by_role("link", name=re.compile(rf"^Ubah {PEGAWAI}")).first.click()
    expect(page.get_by_role("heading", name="Riwayat Jabatan")).to_be_visible()
    tab.visit.check("pegawai-riwayat-kosong")
    page.get_by_role("link", name="Catat Mutasi / Promosi").click()
    expect(page.get_by_role("heading", level=1, name="Catat Mutasi / Promosi")).to_be_visible()
    tab.visit.check("mutasi-form")
    choose(field(page, "Jenis Perubahan"), "Mutasi")
    choose(field(page, "Jabatan Baru"), JABATAN_BARU)
    choose(field(page, "Unit Kerja Baru"), UNIT_BARU)
    choose(field(page, "Atasan Langsung Baru"), ATASAN_BARU)
    page.get_by_label("Pimpinan unit kerja baru").uncheck()
    field(page, "Nomor SK").fill("800/123/BKPSDM")
    page.get_by_role("button", name="Simpan Mutasi").click()
    expect(page.get_by_text(re.compile(r"Mutasi .* tercatat\. SKP berjalan diakhiri"))).to_be_visible()
    riwayat = page.get_by_role("table", name=re.compile("^Riwayat jabatan"))
    expect(riwayat).to_contain_text(UNIT_BARU)
    expect(riwayat).to_contain_text("Seksi Pengelolaan Informasi Publik")
    tab.visit.check("mutasi-tercatat")
    logout(tab)

    # --- the pegawai starts the SKP of the new position (what still applies is copied)
    login(tab, PEGAWAI_NIP, check_form=False)
    expect_beranda(page)
    nav(page).get_by_role("link", name="SKP").click()
    page.get_by_role("button", name=re.compile("^Mulai SKP Jabatan Baru")).click()
    expect(page.get_by_text(re.compile("SKP jabatan baru .* dibuat"))).to_be_visible()
    expect(page.get_by_text(f"{ATASAN_BARU}, S.E., M.M.").first).to_be_visible()  # the new penilai
    tab.visit.check("skp-jabatan-baru")
    skp_url = page.url
    kartu = page.locator("article.rhk-kartu")
    for i in range(kartu.count()):
        htmx_settled(page)  # the previous save re-renders the list: open the next form after it
        page.locator("article.rhk-kartu").nth(i).get_by_role("link", name=re.compile(r"^Ubah RHK")).click()
        form = page.locator("article.rhk-kartu form", has=page.get_by_role("button", name="Simpan Rencana Hasil Kerja"))
        expect(form).to_be_visible()
        choose(field(form, "Rencana Hasil Kerja Pimpinan yang Diintervensi"), RHK_ATASAN_BARU)
        form.get_by_role("button", name="Simpan Rencana Hasil Kerja").click()
        expect(page.locator("article.rhk-kartu").nth(i)).to_contain_text(RHK_ATASAN_BARU)
    htmx_settled(page)
    page.get_by_role("button", name="Ajukan SKP").click()
    expect(page.get_by_text("SKP diajukan.")).to_be_visible()
    logout(tab)

    # --- the NEW atasan approves it
    login(tab, ATASAN_BARU_NIP, check_form=False)
    page.goto(skp_url)
    expect(page.get_by_role("heading", name=re.compile("^Persetujuan"))).to_be_visible()
    tab.visit.check("skp-jabatan-baru-periksa")
    for nama, _ in BERAKHLAK:
        field(page, f"Ekspektasi Khusus Pimpinan: {nama}").fill(f"Menunjukkan perilaku {nama.lower()} di jabatan baru.")
    page.get_by_role("button", name="Setujui SKP").click()
    expect(page.get_by_text("SKP disetujui dan dikunci.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Disetujui")
    tab.visit.check("skp-jabatan-baru-disetujui")
