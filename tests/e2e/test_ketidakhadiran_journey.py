"""Issue #11 journeys: a pegawai requests cuti, her atasan approves it and the Kepatuhan grid shows C;
the README pegawai writes a rencana aksi, corrects its target in place and picks it in a daily entry."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

from playwright.sync_api import expect

from kinerja.waktu import today_local
from tests.e2e.journey import ATASAN_NIP, PEGAWAI_NIP, choose, field, htmx_settled, login, logout, nav

SITI_NIP = "199508242020122011"  # Siti Nurhaliza, Dewi Lestari's staff


def _hari_kerja_sebelumnya(jumlah: int) -> list[date]:
    hari, hasil = today_local(), []
    while len(hasil) < jumlah:
        hari -= timedelta(days=1)
        if hari.weekday() < 5:
            hasil.append(hari)
    return sorted(hasil)


def test_pegawai_requests_cuti_atasan_approves_grid_shows_c(tab):
    page = tab.page
    mulai, selesai = _hari_kerja_sebelumnya(2)

    # --- Siti requests two days of cuti (from the Aktivitas pages' link)
    login(tab, SITI_NIP, check_form=False)
    page.goto("/ketidakhadiran/")
    expect(page.get_by_role("heading", level=1, name=re.compile("Cuti, Dinas Luar"))).to_be_visible()
    tab.visit.check("ketidakhadiran-pegawai")
    choose(field(page, "Jenis"), "Cuti")
    field(page, "Tanggal Mulai").fill(mulai.isoformat())
    field(page, "Tanggal Selesai").fill(selesai.isoformat())
    field(page, "Keterangan").fill("Cuti tahunan: keperluan keluarga")
    page.get_by_role("button", name="Ajukan ke Atasan").click()
    expect(page.get_by_text("Pengajuan Cuti terkirim ke atasan.")).to_be_visible()
    expect(page.locator(".baris-ketidakhadiran", has_text="keperluan keluarga")).to_contain_text("Diajukan")
    tab.visit.check("ketidakhadiran-diajukan")
    logout(tab)

    # --- Dewi approves it from the Beranda panel
    login(tab, ATASAN_NIP, check_form=False)
    panel = page.get_by_role("region", name="Pengajuan Ketidakhadiran")
    expect(panel).to_be_visible()
    panel.get_by_role("link", name="Putuskan").click()
    permintaan = page.locator(".pengajuan-menunggu", has_text="Siti Nurhaliza")
    expect(permintaan).to_contain_text("keperluan keluarga")
    tab.visit.check("ketidakhadiran-atasan")
    permintaan.get_by_role("button", name="Setujui").click()
    expect(page.get_by_text(re.compile(r"Cuti Siti Nurhaliza.* disetujui\."))).to_be_visible()

    # --- the Kepatuhan grid shows C on those days, explained by the one legend
    page.goto("/verifikasi/kepatuhan")
    baris = page.locator("tr", has=page.get_by_role("rowheader", name=re.compile("Siti Nurhaliza")))
    expect(baris.locator("td", has_text=re.compile(r"^C")).first).to_be_visible()
    expect(baris).to_contain_text(": Cuti")
    legenda = page.locator(".legenda")
    expect(legenda).to_contain_text("C Cuti")
    expect(legenda).to_contain_text("D Draf")
    expect(legenda).to_contain_text("✓ Disetujui")
    tab.visit.check("kepatuhan-cuti")


def test_pegawai_writes_rencana_aksi_and_picks_it_in_a_daily_entry(tab):
    page = tab.page
    token = f"Uji rencana aksi {int(time.time())}"
    login(tab, PEGAWAI_NIP, check_form=False)
    page.goto("/rencana-aksi/")
    expect(page.get_by_role("heading", level=1, name=re.compile("Rencana Aksi"))).to_be_visible()
    tab.visit.check("rencana-aksi")
    rhk = field(page, "Rencana Hasil Kerja")
    rhk_label = rhk.locator("option").nth(1).inner_text()
    rhk.select_option(index=1)
    periode = field(page, "Periode")
    today = today_local()
    nama_periode = (f"Triwulan {('I', 'II', 'III', 'IV')[(today.month - 1) // 3]} {today.year}")
    choose(periode, nama_periode)
    field(page, "Rencana Aksi").fill(token)
    field(page, "Target").fill("2")
    field(page, "Satuan").fill("dokumen")
    page.get_by_role("button", name="Simpan Rencana Aksi").click()
    expect(page.get_by_text("Rencana aksi tersimpan.")).to_be_visible()
    expect(page.locator(".tabel-rencana-aksi")).to_contain_text(token)
    tab.visit.check("rencana-aksi-tersimpan")

    # --- she corrects the target in place (htmx): a refused value stays in the form, then it is saved
    page.get_by_role("link", name=f"Ubah rencana aksi {token}").click()
    ubah = page.locator("#ubah-ra")
    expect(ubah.get_by_role("heading", name="Ubah Rencana Aksi")).to_be_visible()
    field(ubah, "Target").fill("0")
    ubah.get_by_role("button", name="Simpan Perubahan").click()
    htmx_settled(page)
    expect(ubah).to_contain_text("Isi target lebih dari 0.")
    tab.visit.check("rencana-aksi-ubah-ditolak")
    field(ubah, "Target").fill("3")
    field(ubah, "Satuan").fill("laporan")
    ubah.get_by_role("button", name="Simpan Perubahan").click()
    htmx_settled(page)
    expect(page.get_by_text("Rencana aksi diubah.")).to_be_visible()
    expect(page.locator(".tabel-rencana-aksi tr", has_text=token)).to_contain_text("3 laporan")
    expect(ubah).to_be_empty()
    tab.visit.check("rencana-aksi-diubah")

    nav(page).get_by_role("link", name="Aktivitas Harian").click()
    page.wait_for_load_state("load")
    field(page, "Jam Mulai").fill("04:10")
    field(page, "Jam Selesai").fill("04:40")
    field(page, "Uraian Kegiatan").fill(f"{token}: menyusun bagian pertama")
    field(page, "Volume").fill("1")
    field(page, "Satuan").fill("dokumen")
    choose(field(page, "Rencana Hasil Kerja"), rhk_label.split(": ", 1)[1][:60])
    choose(field(page, "Rencana Aksi"), token)
    page.get_by_role("button", name="Simpan", exact=True).click()
    htmx_settled(page)
    entri = page.locator(".item-aktivitas", has_text=f"{token}: menyusun")
    expect(entri).to_contain_text("Rencana aksi: ")
    expect(entri).to_contain_text(token)
    tab.visit.check("aktivitas-rencana-aksi")


def test_admin_imports_a_large_absence_file_with_a_progress_bar(tab):
    # 1.001 rows (above the 1.000 of IMPOR_BATAS_LATAR): the consumer beside the server imports them while
    # the page shows "… dari 1.001 baris diperiksa".  Bambang Setiawan's single days in 2031–2033 touch
    # no other journey.
    page = tab.page
    baris = [f"197811052003121003;C;{(date(2031, 1, 1) + timedelta(days=i)).isoformat()};;Cuti uji impor"
             for i in range(1001)]
    csv = ("NIP;Jenis;Tanggal Mulai;Tanggal Selesai;Keterangan\n" + "\n".join(baris) + "\n").encode()
    login(tab, "admin")
    page.goto("/ketidakhadiran/impor")
    expect(page.get_by_role("heading", level=1, name="Impor Ketidakhadiran")).to_be_visible()
    tab.visit.check("impor-ketidakhadiran")
    field(page, "Berkas CSV dari sistem absensi").set_input_files(
        files=[{"name": "absensi-besar.csv", "mimeType": "text/csv", "buffer": csv}])
    page.get_by_role("button", name="Impor", exact=True).click()
    expect(page).to_have_url(re.compile(r"/ketidakhadiran/impor/pekerjaan/\d+$"))
    expect(page.get_by_role("progressbar", name="Kemajuan impor ketidakhadiran")).to_be_visible()
    expect(page.get_by_text("1.001 dari 1.001")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("1.001 ketidakhadiran diimpor.")).to_be_visible(timeout=60_000)
    tab.visit.check("impor-ketidakhadiran-selesai")
