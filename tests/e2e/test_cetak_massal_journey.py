"""Cetak Massal journey (demo, issue #13): the admin starts a Cetak Massal of Semester I for the whole
dinas, watches the progress ("x dari y") move, downloads the ZIP, and sees the job on the admin's
"Pekerjaan latar" page.  The live server runs a real consumer beside waitress (as `make run` does)."""

from __future__ import annotations

import re
import zipfile

from playwright.sync_api import expect

from kinerja.waktu import today_local
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.journey import ADMIN, expect_beranda, field, login, nav

NAMA = re.compile(r"^\d{18}-[a-z0-9-]+-dokumen-evaluasi\.pdf$")


def test_admin_prints_semester_one_for_the_whole_dinas_and_downloads_the_zip(tab):
    page = tab.page
    login(tab, ADMIN, check_form=False)
    expect_beranda(page)
    nav(page).get_by_role("link", name="Cetak Massal").click()
    expect(page.get_by_role("heading", level=1, name="Cetak Massal")).to_be_visible()
    tab.visit.check("cetak-massal-form")

    periode = field(page, "Periode")
    semester_satu = next(t for t in periode.locator("option").all_inner_texts() if t.startswith(f"Semester I {today_local().year}"))
    periode.select_option(label=semester_satu)
    expect(field(page, "Unit Kerja")).to_have_value("")  # "Seluruh dinas"
    page.get_by_label("Evaluasi Kinerja (Form B)").uncheck()  # form C only keeps the journey short
    expect(page.get_by_label("Dokumen Evaluasi Kinerja (Form C)")).to_be_checked()
    page.get_by_role("button", name="Mulai Cetak Massal").click()

    expect(page.get_by_role("heading", level=1, name=re.compile(r"^Cetak Massal #\d+$"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"Menunggu giliran|\d+ dari \d+"))).to_be_visible()
    tab.visit.check("cetak-massal-berjalan")

    unduh = page.get_by_role("link", name=re.compile(r"^Unduh cetak-massal-semester-i-\d{4}-dinas\.zip$"))
    expect(unduh).to_be_visible(timeout=240_000)  # htmx polls every second until the job ends
    teks = page.locator("#kemajuan-cetak").inner_text()
    jumlah = int(re.search(r"(\d+) dari \1", teks).group(1))
    assert jumlah >= 20, teks
    tab.visit.check("cetak-massal-selesai")

    with page.expect_download() as info:
        unduh.click()
    path = ARTIFACTS / "cetak-massal.zip"
    info.value.save_as(path)
    names = zipfile.ZipFile(path).namelist()
    assert len(names) == jumlah and all(NAMA.match(n) for n in names), names[:5]

    page.goto("/admin/pekerjaan")
    expect(page.get_by_role("heading", level=1, name="Pekerjaan latar")).to_be_visible()
    expect(page.get_by_text(f"{jumlah} dari {jumlah}")).to_be_visible()
    tab.visit.check("pekerjaan-latar")
