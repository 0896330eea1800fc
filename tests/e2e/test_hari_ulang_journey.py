"""Issue #15: "a repeat day in ≤ 15 s".  A pegawai who has not logged today repeats the previous working
day: "Salin dari Kemarin", then Alt+J submits the day.  Two actions (a click and a key); asserts every copied
entry is submitted and prints the time taken."""

from __future__ import annotations

import subprocess
import sys
import time

from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, _server_env
from tests.e2e.journey import htmx_settled, login, nav

# The first demo staff (by NIP) who has not logged today, is not absent today and logged on the previous
# working day; prints "<nip> <number of entries on that day>" (nothing when there is no such day today).
SCRIPT = """
from sqlalchemy import func, select
from kinerja import create_app, kalender
from kinerja.extensions import db
from kinerja.kalender import rules
from kinerja.models import Aktivitas, Pegawai
from kinerja.waktu import today_local
app = create_app()
with app.app_context():
    today = today_local()
    atasan_ids = select(Pegawai.atasan_id).where(Pegawai.atasan_id.is_not(None))
    for p in db.session.execute(select(Pegawai).where(Pegawai.aktif.is_(True), Pegawai.id.not_in(atasan_ids))
                                .order_by(Pegawai.nip)).scalars():
        kal = kalender.kalender_pegawai(p.id, today, today)
        if not kal.wajib_lapor(today):
            continue
        kemarin = rules.previous_working_day(today, kal.hari_kerja_per_minggu, kal.libur)
        def jumlah(hari):
            return db.session.execute(select(func.count(Aktivitas.id)).where(
                Aktivitas.pegawai_id == p.id, Aktivitas.tanggal == hari)).scalar_one()
        if jumlah(today) == 0 and jumlah(kemarin) > 0 and kemarin not in kal.absen:
            print(p.nip, jumlah(kemarin))
            break
"""


def _pegawai_tanpa_isian_hari_ini(tmp_path_factory) -> tuple[str, int] | None:
    instances = sorted(tmp_path_factory.getbasetemp().glob("kinerja-e2e*/kinerja.db"))
    assert instances, "basis data server uji tidak ditemukan"
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=_server_env(instances[-1].parent),
                         capture_output=True, text=True, timeout=120, check=True).stdout.split()
    return (out[0], int(out[1])) if out else None


def test_repeat_yesterday_and_submit(tab, live_server, tmp_path_factory):
    import pytest

    found = _pegawai_tanpa_isian_hari_ini(tmp_path_factory)
    if found is None:
        pytest.skip("hari ini bukan hari wajib lapor bagi pegawai demo (akhir pekan atau libur)")
    nip, jumlah = found
    page = tab.page
    login(tab, nip)
    nav(page).get_by_role("link", name="Aktivitas Harian").click()
    page.wait_for_load_state("load")
    expect(page.locator(".item-aktivitas")).to_have_count(0)

    started = time.perf_counter()
    page.get_by_role("button", name="Salin dari Kemarin").click()  # action 1
    htmx_settled(page)
    items = page.locator(".item-aktivitas")
    expect(items).to_have_count(jumlah)
    page.keyboard.press("Alt+J")  # action 2: "Ajukan" for the day
    htmx_settled(page)
    expect(page.get_by_text("aktivitas diajukan kepada atasan")).to_be_visible()
    for i in range(jumlah):
        expect(items.nth(i)).to_contain_text("Diajukan")
    elapsed = time.perf_counter() - started
    print(f"\nhari berulang: {jumlah} aktivitas disalin dan diajukan dengan 2 tindakan dalam {elapsed:.1f} s")
    tab.visit.check("hari-ulang-diajukan")
