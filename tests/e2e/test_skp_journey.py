"""SKP journey: a pegawai (the README's "Buat SKP" pegawai) drafts next year's SKP cascading from the
atasan's RHK and submits it; the atasan writes the ekspektasi and approves; the pegawai downloads the
printed SKP (PDF)."""

from __future__ import annotations

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from kinerja.referensi import BERAKHLAK
from kinerja.waktu import today_local
from tests.e2e.journey import ATASAN_NIP, BUAT_SKP_NIP, choose, expect_beranda, field, login, logout, nav

# Dewi Lestari's approved RHK in the demo data (kinerja/demo/skp.py).
RHK_ATASAN_1 = "Tersedianya aplikasi e-government yang andal dan terintegrasi"
RHK_ATASAN_2 = "Terkelolanya website pemerintah daerah dan subdomain perangkat daerah"
RHK_1 = "Terbangunnya modul perizinan daring pada aplikasi layanan terpadu"
RHK_2 = "Termutakhirkannya halaman layanan publik pada website kabupaten"


def _tambah_rhk(tab, uraian: str, intervensi: str, indikator: str, target: str, nomor: str) -> None:
    page = tab.page
    page.get_by_role("link", name="Tambah Rencana Hasil Kerja").click()
    form = page.locator("#rhk-baru form")
    expect(form).to_be_visible()
    choose(field(form, "Jenis"), "Utama")
    field(form, "Rencana Hasil Kerja").fill(uraian)
    choose(field(form, "Rencana Hasil Kerja Pimpinan yang Diintervensi"), intervensi)
    form.get_by_role("button", name="Simpan Rencana Hasil Kerja").click()
    kartu = page.locator("article.rhk-kartu", has_text=uraian)
    expect(kartu).to_be_visible()
    expect(kartu).to_contain_text(intervensi)
    kartu.get_by_role("link", name=f"Tambah Indikator untuk RHK {nomor}").click()
    form = kartu.locator("form", has=page.get_by_role("button", name="Simpan Indikator"))
    expect(form).to_be_visible()
    choose(field(form, "Aspek"), "Kuantitas")
    field(form, "Indikator Kinerja Individu").fill(indikator)
    field(form, "Target").fill(target)
    form.get_by_role("button", name="Simpan Indikator").click()
    expect(page.locator("article.rhk-kartu", has_text=uraian).get_by_role("table")).to_contain_text(indikator)


def test_pegawai_drafts_atasan_approves_pegawai_prints(tab):
    page = tab.page

    tahun = today_local().year + 1
    # --- the pegawai (Siti Nurhaliza) creates her SKP for next year (this year's is approved)
    login(tab, BUAT_SKP_NIP)
    expect_beranda(page)
    nav(page).get_by_role("link", name="SKP").click()
    expect(page.get_by_role("heading", level=1, name="SKP Saya")).to_be_visible()
    tab.visit.check("skp-saya")
    choose(field(page, "Tahun"), str(tahun))
    choose(field(page, "Pendekatan"), "Kuantitatif")
    page.get_by_role("button", name="Buat SKP").click()
    expect(page.get_by_role("heading", level=1, name=re.compile(rf"^SKP {tahun}"))).to_be_visible()
    expect(page.get_by_text("Dewi Lestari, S.Kom.").first).to_be_visible()  # the penilai, from the org data
    tab.visit.check("skp-baru")

    # --- two RHK, each intervening one of the atasan's approved RHK, each with an IKI (htmx)
    _tambah_rhk(tab, RHK_1, RHK_ATASAN_1, "Jumlah modul perizinan yang lolos uji", "4 modul", "A.1")
    tab.visit.check("skp-rhk-pertama")
    _tambah_rhk(tab, RHK_2, RHK_ATASAN_2, "Jumlah halaman layanan yang dimutakhirkan", "24 halaman", "A.2")
    expect(page.locator("#cek-pengajuan")).to_contain_text("SKP sudah lengkap")
    tab.visit.check("skp-lengkap")

    page.get_by_role("button", name="Ajukan SKP").click()
    expect(page.get_by_text("SKP diajukan.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Diajukan")
    tab.visit.check("skp-diajukan")
    skp_url = page.url
    logout(tab)

    # --- the atasan (Dewi Lestari) sees it waiting (the beranda links to the year it waits in), writes the ekspektasi, approves
    login(tab, ATASAN_NIP, check_form=False)
    expect_beranda(page)
    page.get_by_role("link", name="Periksa SKP yang diajukan").click()
    expect(page.get_by_role("heading", level=1, name="SKP Bawahan")).to_be_visible()
    tab.visit.check("skp-tim")
    page.get_by_role("link", name=re.compile(r"^Periksa SKP Siti Nurhaliza")).click()
    expect(page.get_by_role("heading", name=re.compile("^Persetujuan"))).to_be_visible()
    expect(page.get_by_text(RHK_1)).to_be_visible()
    tab.visit.check("skp-periksa")
    for nama, _ in BERAKHLAK:
        field(page, f"Ekspektasi Khusus Pimpinan: {nama}").fill(f"Menunjukkan perilaku {nama.lower()} dalam setiap tugas.")
    page.get_by_role("button", name="Setujui SKP").click()
    expect(page.get_by_text("SKP disetujui dan dikunci.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Disetujui")
    tab.visit.check("skp-disetujui-atasan")
    logout(tab)

    # --- the pegawai sees the approved SKP and downloads the printed form
    login(tab, BUAT_SKP_NIP, check_form=False)
    page.goto(skp_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Disetujui")
    expect(page.get_by_text("Menunjukkan perilaku kolaboratif dalam setiap tugas.")).to_be_visible()
    tab.visit.check("skp-disetujui-pegawai")
    href = page.get_by_role("link", name="Cetak SKP").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
                    .replace("-\n", "-").split())
    for expected in ("SASARAN KINERJA PEGAWAI", "Siti Nurhaliza, S.Kom.", "19950824 202012 2 011", "Dewi Lestari, S.Kom.",
                     "19850517 201001 2 015", RHK_1, RHK_2, RHK_ATASAN_1, "Jumlah modul perizinan yang lolos uji",
                     "Pegawai yang Dinilai", "Pejabat Penilai Kinerja", "LAMPIRAN SASARAN KINERJA PEGAWAI"):
        assert expected in text, expected
    assert "DRAFT" not in text
