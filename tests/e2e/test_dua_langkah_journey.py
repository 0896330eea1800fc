"""Journey: a pegawai turns on two-factor login in /akun, logs in with a code, and turns it off again."""

from __future__ import annotations

import re
import time

import pyotp
from playwright.sync_api import expect

from tests.e2e.journey import expect_beranda, field, login, logout

# Yusuf Hidayat, Kepala Bidang Persandian dan Statistik: no other journey logs in as him.
NIP = "197912302006041002"


def test_enrol_totp_then_log_in_with_a_code(tab):
    page = tab.page
    login(tab, NIP)
    expect_beranda(page)

    page.goto("/akun")
    expect(page.get_by_role("heading", name="Verifikasi Dua Langkah")).to_be_visible()
    tab.visit.check("akun")
    page.get_by_role("link", name="Aktifkan Verifikasi Dua Langkah").click()
    expect(page.get_by_role("heading", level=1, name="Aktifkan Verifikasi Dua Langkah")).to_be_visible()
    expect(page.get_by_role("img", name="Kode QR untuk aplikasi autentikator")).to_be_visible()
    tab.visit.check("aktifkan")
    secret = page.locator("#kunci-totp").inner_text().replace(" ", "")
    totp = pyotp.TOTP(secret)

    field(page, "Kode dari Aplikasi").fill("000000")
    page.get_by_role("button", name="Aktifkan").click()
    expect(page.locator("#kode-galat")).to_contain_text("Kode tidak cocok")
    tab.visit.check("aktifkan-salah")
    field(page, "Kode dari Aplikasi").fill(totp.now())
    page.get_by_role("button", name="Aktifkan").click()
    expect(page.get_by_role("heading", level=1, name="Kode Pemulihan")).to_be_visible()
    codes = page.locator("#kode-pemulihan li").all_inner_texts()
    assert len(codes) == 10
    tab.visit.check("kode-pemulihan")
    page.get_by_role("link", name="Sudah Saya Simpan").click()
    expect(page.get_by_text("Sisa kode pemulihan: 10")).to_be_visible()

    logout(tab)
    login(tab, NIP, check_form=False)
    expect(page).to_have_url(re.compile(r"/login/kode$"))
    expect(page.get_by_role("heading", level=1, name="Verifikasi Dua Langkah")).to_be_visible()
    tab.visit.check("login-kode")
    field(page, "Kode Verifikasi").fill(totp.at(time.time() + 30))  # the enrolment's code is used up
    page.get_by_role("button", name="Verifikasi").click()
    expect_beranda(page)

    # Turn it off again with the password and a recovery code (leaves the demo account as it was).
    page.goto("/akun")
    field(page, "Kata Sandi").fill("kinerja-demo-2026")
    field(page, "Kode Verifikasi").fill(codes[0])
    page.get_by_role("button", name="Matikan Verifikasi Dua Langkah").click()
    expect(page.get_by_text("Verifikasi dua langkah dimatikan.")).to_be_visible()
    expect(page.get_by_role("link", name="Aktifkan Verifikasi Dua Langkah")).to_be_visible()
    tab.visit.check("dimatikan")
