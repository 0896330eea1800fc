"""Journey: a busy atasan's inbox (issue #15).  24 submitted entries of one pegawai fit in two screens
at 1366×800; the keyboard moves, ticks and approves; the form opens in place; the filter survives
"Setujui Terpilih"; on a phone the table becomes cards inside the screen width."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, _server_env
from tests.e2e.journey import ATASAN_NIP, field, htmx_settled, login, nav

NAMA = "Rahmat Kotakmasuk, S.T."
SCRIPT = """
import sys
from datetime import time as jam, timedelta
from decimal import Decimal
from sqlalchemy import select
from kinerja import create_app
from kinerja.extensions import db
from kinerja.models import Aktivitas, Pegawai
from kinerja.waktu import today_local, utcnow
app = create_app()
with app.app_context():
    atasan = db.session.execute(select(Pegawai).where(Pegawai.nip == sys.argv[1])).scalar_one()
    teman = db.session.execute(select(Pegawai).where(Pegawai.atasan_id == atasan.id)).scalars().first()
    p = Pegawai(nip=sys.argv[2], nama=sys.argv[3], jabatan_id=teman.jabatan_id, unit_id=teman.unit_id, atasan_id=atasan.id)
    db.session.add(p)
    db.session.flush()
    now, today = utcnow(), today_local()
    uraian = ["Menyusun notulen rapat koordinasi pengembangan aplikasi layanan publik",
              "Memperbaiki formulir pengaduan pada portal layanan",
              "Menguji modul pelaporan kinerja bersama tim",
              "Memperbarui dokumentasi teknis aplikasi perizinan"]
    for d in range(6):
        for k in range(4):
            db.session.add(Aktivitas(pegawai_id=p.id, tanggal=today - timedelta(days=70 + d), jam_mulai=jam(8 + 2 * k),
                                     jam_selesai=jam(9 + 2 * k, 30), durasi_menit=90, uraian=uraian[k], volume=Decimal(1),
                                     satuan="dokumen", tugas_atasan=True, status="Diajukan", diajukan_at=now, versi=1))
    db.session.commit()
    print(p.id)
"""


@pytest.fixture(scope="module")
def pegawai_24(live_server, tmp_path_factory):
    """A pegawai of the README's atasan with exactly 24 submitted entries (6 days × 4)."""
    instances = sorted(tmp_path_factory.getbasetemp().glob("kinerja-e2e*/kinerja.db"))
    assert instances, "basis data server uji tidak ditemukan"
    nip = "19900101" + str(int(time.time()))[-6:] + "1001"
    out = subprocess.run([sys.executable, "-c", SCRIPT, ATASAN_NIP, nip[:18], NAMA], cwd=ROOT,
                         env=_server_env(instances[-1].parent), capture_output=True, text=True, timeout=120, check=True)
    return int(out.stdout.strip().splitlines()[-1])


def test_twentyfour_entries_in_two_screens_keyboard_and_filter(chromium, live_server, pegawai_24, request):
    from tests.e2e.conftest import Tab, _new_page

    context, page, visit = _new_page(chromium, live_server, request, viewport={"width": 1366, "height": 800})
    tab = Tab(page, visit)
    try:
        login(tab, ATASAN_NIP, check_form=False)
        nav(page).get_by_role("link", name="Verifikasi").click()
        expect(page.get_by_role("heading", level=1, name="Verifikasi Aktivitas")).to_be_visible()
        field(page, "Pegawai").select_option(str(pegawai_24))
        page.get_by_role("button", name="Tampilkan").click()
        htmx_settled(page)
        rows = page.locator("#inbox tr[data-baris]")
        expect(rows).to_have_count(24)
        expect(page.locator("#inbox")).to_contain_text("24 aktivitas menunggu verifikasi")
        tab.visit.check("inbox-24")
        height = page.evaluate("document.documentElement.scrollHeight")
        print(f"\ntinggi halaman verifikasi dengan 24 aktivitas pada 1366×800: {height} px ({height / 800:.2f} layar)")
        assert height <= 2 * 800, f"24 aktivitas butuh {height} px (> 2 layar)"
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
        # The columns a verifier scans, one row per entry.
        header = page.locator("#inbox thead").inner_text()
        for judul in ("Pegawai", "Tanggal", "Jam", "Uraian", "Output", "RHK", "Bukti", "Status"):
            assert judul in header

        # Keyboard: j/k move, space ticks, the help line says so.
        expect(page.locator("#pintasan")).to_contain_text("Spasi")
        page.locator("h1").click()
        page.keyboard.press("j")
        first = rows.nth(0).locator('input[name="ids"]')
        expect(first).to_be_focused()
        page.keyboard.press("j")
        page.keyboard.press("j")
        page.keyboard.press("k")
        second = rows.nth(1).locator('input[name="ids"]')
        expect(second).to_be_focused()
        page.keyboard.press("Space")
        expect(second).to_be_checked()
        page.keyboard.press("ArrowUp")
        expect(first).to_be_focused()
        page.keyboard.press("Space")
        # The day's "pilih semua" follows: 2 of 4 ticked → mixed; the whole pegawai ticks everything.
        hari = page.locator("#inbox [data-pilih-hari]").first
        assert hari.evaluate("el => el.indeterminate")
        page.locator("#inbox [data-pilih-hari]").nth(1).check()
        expect(page.locator('#inbox input[name="ids"]:checked')).to_have_count(6)
        pegawai = page.locator("#inbox [data-pilih-pegawai]")
        assert pegawai.evaluate("el => el.indeterminate")
        pegawai.check()
        expect(page.locator('#inbox input[name="ids"]:checked')).to_have_count(24)
        expect(page.locator('#inbox [data-select-all="aktivitas"]')).to_be_checked()
        pegawai.uncheck()
        expect(page.locator('#inbox input[name="ids"]:checked')).to_have_count(0)

        # The form opens in place only when needed: "p" on a row; Kembalikan needs a Catatan.
        third = rows.nth(2)
        third.locator('input[name="ids"]').focus()
        page.keyboard.press("p")
        htmx_settled(page)
        form = page.locator("form.formulir-verifikasi")
        expect(form).to_have_count(1)
        expect(form.get_by_label("Kesesuaian Bukti")).to_be_focused()
        tab.visit.check("inbox-formulir-terbuka")
        form.get_by_role("button", name="Kembalikan").click()
        htmx_settled(page)
        expect(page.locator("form.formulir-verifikasi")).to_contain_text("Catatan wajib diisi")
        page.locator("form.formulir-verifikasi").get_by_label("Catatan").fill("Lampirkan notulen rapat.")
        page.locator("form.formulir-verifikasi").get_by_role("button", name="Kembalikan").click()
        htmx_settled(page)
        expect(page.locator("form.formulir-verifikasi")).to_have_count(0)
        expect(page.locator("#inbox")).to_contain_text("Dikembalikan oleh")

        # Tick the first two rows by keyboard and approve with "s": the list keeps its filter.
        page.locator("h1").click()
        page.keyboard.press("j")
        page.keyboard.press("Space")
        page.keyboard.press("j")
        page.keyboard.press("Space")
        page.keyboard.press("s")
        htmx_settled(page)
        expect(page.locator("#inbox").get_by_role("status").first).to_contain_text("2 aktivitas disetujui.")
        expect(rows).to_have_count(21)
        assert set(page.locator("#inbox .kolom-pegawai").all_inner_texts()) - {"Pegawai", ""} == {NAMA}
        expect(field(page, "Pegawai")).to_have_value(str(pegawai_24))
        tab.visit.check("inbox-setelah-setujui-terpilih")

        # The row's own "Setujui" swaps that row in place.
        row = rows.nth(0)
        row_id = row.get_attribute("data-baris")
        row.get_by_role("button", name="Setujui").click()
        htmx_settled(page)
        expect(page.locator(f"#aktivitas-{row_id}")).to_contain_text("Disetujui oleh")
    finally:
        context.close()


def test_inbox_on_a_phone_is_cards_within_the_screen(phone_tab, pegawai_24):
    page = phone_tab.page
    login(phone_tab, ATASAN_NIP, check_form=False)
    page.goto(f"/verifikasi/?pegawai={pegawai_24}")
    expect(page.locator("#inbox tr[data-baris]").first).to_be_visible()
    phone_tab.visit.check("inbox-ponsel")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator("#inbox tr[data-baris]").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    expect(page.locator("#inbox tr[data-baris]").first.get_by_role("button", name="Setujui")).to_be_visible()
