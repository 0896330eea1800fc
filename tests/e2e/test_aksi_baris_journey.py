"""Journeys: Duplikat and Hapus of a day's entry, with htmx and without JavaScript.

The rows' buttons carry no form of their own (P8): they name the list's one form (``form=``, its CSRF
token) and their own address (``formaction``).  With htmx a click posts to the button's ``hx-post`` and
swaps the list in place; without JavaScript the browser submits the list's form to the button's address.
Both must still work, and the delete must still carry the entry's version.

The journeys share one server and Andi's day with the others (e.g. test_aktivitas_journey expects its
own entry to be the day's latest): they write before working hours and delete what they wrote."""

from __future__ import annotations

import time

from playwright.sync_api import expect

from tests.e2e.conftest import _new_page
from tests.e2e.journey import PEGAWAI_NIP, htmx_settled, isi_entri, login


def test_duplicate_and_delete_in_place_with_htmx(tab):
    page = tab.page
    token = f"Aksi baris htmx {int(time.time())}"
    login(tab, PEGAWAI_NIP, check_form=False)
    page.goto("/aktivitas")
    isi_entri(page, "02:00", "02:20", token)
    htmx_settled(page)
    entri = page.locator(".item-aktivitas", has_text=token)
    expect(entri).to_have_count(1)
    page.evaluate("window.__tanpaMuatUlang = true")  # gone if a click loads a new page

    entri.get_by_role("button", name="Duplikat").click()
    htmx_settled(page)
    expect(page.get_by_text("Salinan dibuat sebagai Draft")).to_be_visible()
    page.get_by_role("link", name="Batal").click()  # the copy opened in its edit form: fold it
    htmx_settled(page)
    expect(page.locator(".item-aktivitas", has_text=token)).to_have_count(2)
    tab.visit.check("sesudah-duplikat")

    page.once("dialog", lambda d: d.accept())
    page.locator(".item-aktivitas", has_text=token).last.get_by_role("button", name="Hapus").click()
    htmx_settled(page)
    expect(page.get_by_text("Aktivitas dihapus.")).to_be_visible()
    expect(page.locator(".item-aktivitas", has_text=token)).to_have_count(1)
    assert page.evaluate("window.__tanpaMuatUlang === true")
    tab.visit.check("sesudah-hapus")
    page.once("dialog", lambda d: d.accept())
    page.locator(".item-aktivitas", has_text=token).get_by_role("button", name="Hapus").click()  # leave the day as it was
    htmx_settled(page)
    expect(page.locator(".item-aktivitas", has_text=token)).to_have_count(0)


def test_duplicate_and_delete_without_javascript(chromium, live_server, request):
    context, page, visit = _new_page(chromium, live_server, request, viewport={"width": 1280, "height": 900},
                                     java_script_enabled=False)
    try:
        token = f"Aksi baris tanpa skrip {int(time.time())}"
        tab = type("Tab", (), {"page": page, "visit": visit})
        login(tab, PEGAWAI_NIP, check_form=False)
        page.goto("/aktivitas")
        isi_entri(page, "02:30", "02:50", token)
        page.wait_for_load_state("load")
        entri = page.locator(".item-aktivitas", has_text=token)
        expect(entri).to_have_count(1)

        # Duplikat: the list's form goes to the button's address; the copy opens on its own edit page.
        entri.get_by_role("button", name="Duplikat").click()
        page.wait_for_load_state("load")
        expect(page.get_by_text("Salinan dibuat sebagai Draft")).to_be_visible()
        page.goto("/aktivitas")
        expect(page.locator(".item-aktivitas", has_text=token)).to_have_count(2)

        # Hapus (no confirm dialog without script): the version travels as the button's value.
        page.locator(".item-aktivitas", has_text=token).last.get_by_role("button", name="Hapus").click()
        page.wait_for_load_state("load")
        expect(page.get_by_text("Aktivitas dihapus.")).to_be_visible()
        expect(page.locator(".item-aktivitas", has_text=token)).to_have_count(1)
        page.locator(".item-aktivitas", has_text=token).get_by_role("button", name="Hapus").click()  # as it was
        page.wait_for_load_state("load")
        expect(page.locator(".item-aktivitas", has_text=token)).to_have_count(0)
    finally:
        context.close()
