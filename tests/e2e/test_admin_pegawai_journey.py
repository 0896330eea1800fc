"""An admin adds a pegawai; the new pegawai signs in with the temporary password."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.journey import ADMIN, choose, expect_beranda, field, login, logout, nav

NEW_NIP = "199407012020121009"
NEW_NAMA = "Rudi Hartono, S.Kom."
NEW_PASSWORD = "sepeda-biru-di-tepi-danau"
TEMPORARY = re.compile(r"\b[a-z2-9]{4}(?:-[a-z2-9]{4}){3}\b")


def test_admin_adds_pegawai_who_must_change_temporary_password(tab):
    page = tab.page
    login(tab, ADMIN)
    expect_beranda(page)
    nav(page).get_by_role("link", name="Admin", exact=True).click()
    tab.visit.check("admin")

    page.get_by_role("main").get_by_role("link", name=re.compile(r"^Pegawai\b")).click()
    expect(page).to_have_url(re.compile(r"/admin/pegawai$"))
    tab.visit.check("daftar-pegawai")

    tambah = page.get_by_role("link", name="Tambah Pegawai").or_(page.get_by_role("button", name="Tambah Pegawai"))
    tambah.first.click()
    tab.visit.check("tambah-pegawai")

    field(page, "NIP").fill(NEW_NIP)
    field(page, "Nama Lengkap (dengan gelar)").fill(NEW_NAMA)
    choose(field(page, "Status Kepegawaian"), "PNS")
    choose(field(page, "Pangkat/Golongan"), "III/a")
    choose(field(page, "Jabatan"), "Pranata Komputer Ahli Pertama")
    choose(field(page, "Unit Kerja"), "Seksi Pengembangan Aplikasi")
    choose(field(page, "Atasan Langsung"), "Dewi Lestari")
    pimpinan = page.get_by_label("Pimpinan unit kerja ini")
    expect(pimpinan).to_be_visible()
    expect(pimpinan).not_to_be_checked()
    field(page, "Surel").fill("rudi.hartono@bukitintan.go.id")
    tab.visit.check("tambah-pegawai-terisi")
    page.get_by_role("button", name="Simpan", exact=True).click()

    main = page.get_by_role("main")
    expect(main).to_contain_text("Kata sandi sementara")
    found = TEMPORARY.search(main.inner_text())
    assert found, f"kata sandi sementara tidak tampil: {main.inner_text()}"
    temporary = found.group(0)
    tab.visit.check("pegawai-tersimpan")
    logout(tab)

    login(tab, NEW_NIP, temporary, check_form=False)
    expect(page).to_have_url(re.compile(r"/akun/kata-sandi"))
    expect(page.get_by_role("heading", level=1, name="Ganti Kata Sandi")).to_be_visible()
    tab.visit.check("wajib-ganti-sandi")
    page.goto("/")  # anything else leads back to the password change
    expect(page).to_have_url(re.compile(r"/akun/kata-sandi"))

    field(page, "Kata Sandi Saat Ini").fill(temporary)
    field(page, "Kata Sandi Baru").fill(NEW_PASSWORD)
    field(page, "Ulangi Kata Sandi Baru").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Simpan Kata Sandi").click()
    expect(page.get_by_text("Kata sandi berhasil diganti")).to_be_visible()
    tab.visit.check("sandi-diganti")

    nav(page).get_by_role("link", name="Beranda").click()
    expect_beranda(page)
    expect(page.get_by_role("region", name="Profil Saya")).to_contain_text(NEW_NAMA)
    tab.visit.check("beranda-pegawai-baru")
