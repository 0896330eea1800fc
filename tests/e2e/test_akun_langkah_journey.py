"""Browser journeys of helper akun (issues #10 and #15): the top of the tree's SKP approved on paper
(with the error summary of a refused form), and the header search of an atasan."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from kinerja.waktu import today_local
from tests.e2e.journey import ADMIN, ATASAN_NIP, login, nav

KADIS_NIP = "197203151998031004"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _logout(tab):
    tab.page.get_by_role("button", name="Keluar").click()
    tab.page.wait_for_load_state("load")


def test_top_of_tree_skp_approved_on_paper(tab):
    page = tab.page
    # The Kepala Dinas revises his approved SKP and submits it again.
    login(tab, KADIS_NIP)
    nav(page).get_by_role("link", name="SKP").click()
    page.get_by_role("link", name=re.compile(rf"^Buka SKP {today_local().year}( mulai .*)?$")).click()
    page.get_by_role("button", name="Mulai Revisi").click()
    page.get_by_role("button", name="Ajukan SKP").click()
    expect(page.get_by_text("SKP diajukan.")).to_be_visible()
    skp_url = page.url
    _logout(tab)

    # The admin records the Sekda's paper approval: first without date and scan → every error at once.
    login(tab, ADMIN, check_form=False)
    page.goto(skp_url)
    expect(page.get_by_role("group", name="Catat Persetujuan Kertas")).to_be_visible()
    tab.visit.check("skp-puncak-kertas")
    page.get_by_role("button", name="Setujui SKP").click()
    ringkasan = page.locator(".ringkasan-galat")
    expect(ringkasan).to_contain_text("2 isian perlu diperbaiki")
    expect(ringkasan).to_be_focused()
    tab.visit.check("skp-puncak-kertas-galat")
    ringkasan.get_by_role("link", name="Tanggal Persetujuan").click()
    expect(page.get_by_label(re.compile("^Tanggal Persetujuan"))).to_be_focused()
    page.get_by_label(re.compile("^Tanggal Persetujuan")).fill(today_local().isoformat())
    page.get_by_label(re.compile("^Pindaian SKP")).set_input_files(
        files=[{"name": "skp-kadis.png", "mimeType": "image/png", "buffer": PNG}])
    page.get_by_role("button", name="Setujui SKP").click()
    expect(page.get_by_text("SKP disetujui dan dikunci.")).to_be_visible()
    expect(page.get_by_text(re.compile("disetujui di atas kertas oleh pejabat penilai"))).to_be_visible()
    tab.visit.check("skp-puncak-disetujui-kertas")
    response = page.request.get(page.get_by_role("link", name="unduh pindaian").get_attribute("href"))
    assert response.ok and response.body() == PNG


def test_atasan_finds_a_subordinate_from_the_header(tab):
    page = tab.page
    login(tab, ATASAN_NIP)
    box = page.get_by_role("searchbox", name="Cari pegawai (nama atau NIP)")
    box.fill("andi")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Cari Pegawai")).to_be_visible()
    expect(page.locator("#hasil-cari")).to_contain_text("1 pegawai cocok")
    tab.visit.check("cari-pegawai")
    page.get_by_role("link", name="Aktivitas untuk Diverifikasi Andi Pratama, S.Kom.").click()
    expect(page).to_have_url(re.compile(r"/verifikasi/\?pegawai=\d+"))
    # The Kepala Dinas is above her: not found.
    box = page.get_by_role("searchbox", name="Cari pegawai (nama atau NIP)")
    box.fill("Ahmad Fauzi")
    box.press("Enter")
    expect(page.locator("#hasil-cari")).to_contain_text("Tidak ada pegawai di bawah Anda")
