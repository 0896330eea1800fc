"""Issue #15: a day of five entries by keyboard.  After focusing the first field, only keys: per entry
Jam Selesai (digits) or Durasi, Tab to the description, the description, Enter; then Alt+J submits the
day.  Asserts ≤ 8 keystrokes per entry beyond the description text and prints the time taken."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from playwright.sync_api import expect

from tests.e2e.journey import field, htmx_settled, login, nav

NIP = "198303092009011006"  # Hendra Gunawan, Kepala Seksi (README-style demo login, no other journey uses him)

# (minutes, how the end is typed: "jam" = Jam Selesai as 4 digits, or a Durasi text), description
ENTRIES = [
    (30, "jam", "Rapat koordinasi pagi dengan staf seksi"),
    (60, "jam", "Menyusun draf rilis berita kegiatan bupati"),
    (45, "45m", "Memverifikasi konten website pemda sebelum terbit"),
    (90, "jam", "Mendampingi peliputan rapat paripurna DPRD"),
    (30, "30m", "Mengunggah dokumentasi kegiatan ke media sosial"),
]


class Keys:
    """Keystrokes sent to the page, counted."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.count += len(text)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.count += 1


def test_five_entries_by_keyboard_and_submit(tab):
    page = tab.page
    token = f"[{int(time.time()) % 100000}]"
    login(tab, NIP)
    nav(page).get_by_role("link", name="Aktivitas Harian").click()
    page.wait_for_load_state("load")
    mulai = datetime.strptime(field(page, "Jam Mulai").input_value(), "%H:%M")
    expect(page.get_by_text("Enter menyimpan")).to_be_visible()

    started = time.perf_counter()
    field(page, "Jam Selesai").focus()  # the only pointer-free setup step: focus the first field
    keys = Keys(page)
    per_entry = []
    for minutes, how, uraian in ENTRIES:
        expect(field(page, "Jam Selesai")).to_be_focused()
        before = keys.count
        selesai = mulai + timedelta(minutes=minutes)
        text = f"{uraian} {token}"
        if how == "jam":
            keys.type(selesai.strftime("%H%M"))  # "1130": no colon, any browser language
            keys.press("Tab")  # → Durasi
        else:
            keys.press("Tab")  # → Durasi
            keys.type(how)
        keys.press("Tab")  # → Uraian Kegiatan
        page.keyboard.type(text)  # the description itself is not counted
        keys.press("Enter")  # saves from the description
        htmx_settled(page)
        item = page.locator(".item-aktivitas", has_text=text)
        expect(item).to_contain_text(f"{mulai:%H:%M}–{selesai:%H:%M}")
        expect(item).to_contain_text("Draf")
        per_entry.append(keys.count - before)
        # Ready for the next: Jam Mulai follows on, the focus is back in Jam Selesai.
        expect(field(page, "Jam Mulai")).to_have_value(f"{selesai:%H:%M}")
        mulai = selesai
    tab.visit.check("lima-aktivitas")
    expect(field(page, "Jam Selesai")).to_be_focused()

    keys.press("Alt+J")  # "Ajukan" for the day
    htmx_settled(page)
    expect(page.get_by_text("aktivitas diajukan kepada atasan")).to_be_visible()
    for _, _, uraian in ENTRIES:
        expect(page.locator(".item-aktivitas", has_text=f"{uraian} {token}")).to_contain_text("Diajukan")
    elapsed = time.perf_counter() - started
    print(f"\nisian cepat: 5 aktivitas + ajukan dalam {elapsed:.1f} s; tombol per aktivitas di luar uraian: {per_entry}")
    assert max(per_entry) <= 8, per_entry
    tab.visit.check("diajukan")


def test_routine_added_with_one_click_and_managed(tab):
    page = tab.page
    login(tab, NIP, check_form=False)
    page.goto("/aktivitas")
    first = page.locator(".item-aktivitas").first
    jam = first.locator("strong").first.inner_text()
    first.get_by_role("button", name="Jadikan Rutin").click()
    htmx_settled(page)
    expect(page.get_by_text("disimpan sebagai kegiatan rutin")).to_be_visible()
    tombol = page.get_by_role("button", name=f"+ {jam}")
    expect(tombol).to_be_visible()
    tab.visit.check("rutin-di-hari")
    # The same slot is taken today: the rule's message names the routine, the form stays.
    tombol.first.click()
    htmx_settled(page)
    expect(page.get_by_text("bertumpang tindih")).to_be_visible()
    expect(page.get_by_role("heading", name="Catat Aktivitas")).to_be_visible()
    page.get_by_role("link", name="Kelola").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1, name="Kegiatan Rutin")).to_be_visible()
    tab.visit.check("kelola-rutin")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Hapus").first.click()
    htmx_settled(page)
    expect(page.get_by_text("Kegiatan rutin dihapus.")).to_be_visible()
