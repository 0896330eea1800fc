"""Dialog kinerja journey: a leader schedules and records a meeting; a pegawai answers and finishes a follow-up."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect

from kinerja.waktu import today_local
from tests.e2e.journey import ATASAN_NIP, PEGAWAI_NIP, choose, expect_beranda, field, login, logout, nav

TOPIK = "Koordinasi rilis aplikasi layanan"
TUGAS = "Menyiapkan data uji rilis aplikasi"


def _hari(geser: int) -> str:
    """A day as the browser's date inputs want it, counted from today in Asia/Jakarta (see conftest)."""
    return (today_local() + timedelta(days=geser)).isoformat()


def test_leader_records_dialog_and_pegawai_finishes_followup(tab):
    page = tab.page

    # --- the leader (Dewi Lestari, Kepala Seksi Pengembangan Aplikasi) schedules the meeting
    login(tab, ATASAN_NIP)
    expect_beranda(page)
    nav(page).get_by_role("link", name="Dialog Kinerja").click()
    expect(page.get_by_role("heading", level=1, name="Dialog Kinerja")).to_be_visible()
    tab.visit.check("dialog-daftar-pimpinan")

    page.get_by_role("link", name="Jadwalkan Dialog").first.click()
    expect(page.get_by_role("heading", level=1, name="Jadwalkan Dialog Kinerja")).to_be_visible()
    tab.visit.check("dialog-jadwalkan")
    choose(field(page, "Jenis Dialog"), "Rapat Rutin Tim")
    field(page, "Topik").fill(TOPIK)
    field(page, "Tanggal").fill(_hari(-1))
    field(page, "Jam Mulai").fill("08:00")
    field(page, "Tempat").fill("Ruang Rapat Seksi Pengembangan Aplikasi")
    page.get_by_label(re.compile(r"^Andi Pratama")).check()
    page.get_by_label(re.compile(r"^Siti Nurhaliza")).check()
    field(page, "Agenda").fill("Kesiapan rilis\nPembagian tugas uji")
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_role("heading", level=1, name=TOPIK)).to_be_visible()
    expect(page.get_by_text("Dialog kinerja dijadwalkan; undangan terkirim ke peserta.")).to_be_visible()

    # --- after the meeting: notes, then a follow-up for Andi (htmx sections)
    catatan = page.locator("#bagian-catatan")
    field(catatan, "Catatan").fill("Rilis dijadwalkan pekan depan setelah uji selesai.")
    field(catatan, "Tantangan/Kendala").fill("Server uji sering lambat.")
    field(catatan, "Kesepakatan").fill("Uji dilakukan bergantian mulai besok.")
    catatan.get_by_role("button", name="Simpan Catatan").click()
    expect(page.locator("#bagian-catatan")).to_contain_text("Catatan dialog tersimpan.")

    tambah = page.locator("#bagian-tindak-lanjut form").last
    field(tambah, "Tindak Lanjut").fill(TUGAS)
    choose(field(tambah, "Penanggung Jawab"), "Andi Pratama")
    field(tambah, "Batas Waktu").fill(_hari(3))
    tambah.get_by_role("button", name="Tambah Tindak Lanjut").click()
    bagian_tl = page.locator("#bagian-tindak-lanjut")
    expect(bagian_tl).to_contain_text("Tindak lanjut ditambahkan.")
    expect(bagian_tl).to_contain_text(TUGAS)
    tab.visit.check("dialog-dicatat-pimpinan")
    logout(tab)

    # --- the pegawai (Andi Pratama) sees it on the beranda
    login(tab, PEGAWAI_NIP, check_form=False)
    expect_beranda(page)
    panel = page.get_by_role("region", name="Dialog Kinerja")
    expect(panel).to_contain_text(TUGAS)
    tab.visit.check("beranda-pegawai-tindak-lanjut")

    panel.get_by_role("link", name=TUGAS).click()
    expect(page.get_by_role("heading", level=1, name=TOPIK)).to_be_visible()
    expect(page.get_by_text("Server uji sering lambat.")).to_be_visible()

    peserta = page.locator("#bagian-peserta")
    field(peserta, "Tanggapan").fill("Saya butuh akses server uji mulai besok pagi.")
    peserta.get_by_label("Saya hadir dalam dialog ini").check()
    peserta.get_by_role("button", name="Simpan Tanggapan").click()
    expect(page.locator("#bagian-peserta")).to_contain_text("Tanggapan Anda tersimpan.")
    expect(page.locator("#bagian-peserta")).to_contain_text("Saya butuh akses server uji mulai besok pagi.")

    item = page.locator("#bagian-tindak-lanjut li").filter(has_text=TUGAS)
    choose(field(item, "Status"), "Selesai")
    field(item, "Catatan Penyelesaian").fill("Data uji sudah diunggah ke server uji.")
    item.get_by_role("button", name="Perbarui Status").click()
    expect(page.locator("#bagian-tindak-lanjut")).to_contain_text("Status tindak lanjut diperbarui: Selesai.")
    tab.visit.check("dialog-tanggapan-pegawai")

    nav(page).get_by_role("link", name="Beranda").click()
    expect_beranda(page)
    expect(page.get_by_role("region", name="Dialog Kinerja").get_by_role("link", name=TUGAS)).to_have_count(0)


KABID_APTIKA_NIP = "198002142005012004"  # Rina Marlina, Kepala Bidang Aplikasi Informatika


def test_unit_head_sees_how_often_leaders_meet(tab):
    page = tab.page
    login(tab, KABID_APTIKA_NIP)
    expect_beranda(page)
    nav(page).get_by_role("link", name="Dialog Kinerja").click()
    page.get_by_role("link", name="Rekap Pimpinan").click()
    expect(page).to_have_url(re.compile(r"/dialog/rekap$"))
    tabel = page.get_by_role("table", name="Rekap dialog kinerja per pimpinan")
    expect(tabel.get_by_role("row").filter(has_text="Dewi Lestari")).to_have_count(1)
    tab.visit.check("dialog-rekap-pimpinan")

    # Her list as a participant (empty: she leads the meetings she takes part in).
    page.goto("/dialog/diikuti")
    tab.visit.check("dialog-diikuti")
