"""Pegawai pickers at kabupaten scale (#17): the admin narrows "Pegawai yang Ditugaskan" (Penugasan
Plt/Plh) and "Verifikator" (Delegasi Verifikasi) by typing in their search fields; htmx replaces the
options, the current choice stays.

Read-only: nothing is saved."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.journey import field, login

NAMA = "Sri Wahyuni"


def _opsi(select) -> list[str]:
    return [t.strip() for t in select.locator("option").all_inner_texts()]


def test_admin_mencari_pegawai_untuk_penugasan_dan_delegasi(tab):
    page = tab.page
    login(tab, "admin")
    for url, label, cari in (("/mutasi/penugasan", "Pegawai yang Ditugaskan", "Cari pegawai yang ditugaskan"),
                             ("/verifikasi/delegasi", "Verifikator", "Cari verifikator")):
        page.goto(url)
        pilihan = field(page, label)
        semula = len(_opsi(pilihan))
        page.get_by_label(cari).fill("wahyu")
        expect(pilihan.locator("option", has_text=NAMA)).to_have_count(1)
        expect(pilihan.locator("option")).not_to_have_count(semula)
        opsi = _opsi(pilihan)
        assert opsi[0].startswith("— Pilih pegawai") and all("wahyu" in o.lower() for o in opsi[1:]), opsi
        pilihan.select_option(label=next(o for o in opsi if o.startswith(NAMA)))
        page.get_by_label(cari).fill("zzzz-tidak-ada")
        expect(pilihan.locator("option")).to_have_count(2)  # the empty choice and the current one stay
        expect(pilihan).to_have_value(pilihan.locator("option", has_text=NAMA).get_attribute("value"))
        tab.visit.check(f"cari-pegawai-{url.rsplit('/', 1)[-1]}")
