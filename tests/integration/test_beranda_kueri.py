"""The home page's query count is fixed: it does not grow with subordinates, entries or SKPs."""

from datetime import timedelta

import pytest

from kinerja.waktu import today_local
from tests.support.evaluasi import buat_aktivitas, buat_skp
from tests.support.factories import PASSWORD

# Measured with every feature's panel on the page (profile, bawahan, SKP, aktivitas, verifikasi,
# dialog, evaluasi, notifications).  QUALITY.md's P1 budget is 12 and #17 holds the Beranda to it
# for every role (the account query also brings the profile, the unread count and the instansi;
# the panels reuse per-request lookups); it must never depend on the amount of data either.
# "Perlu diperbaiki" (the pegawai's returned entries) is one query with a LIMIT, whatever their number.
# The running Plt/Plh penugasan (issue #11 §2) is read once per request by kinerja.atasan.
# Issue #11 §3: the approved absences of the month (pro-rata target) and the absence requests waiting
# for the atasan come with queries the Beranda already makes.
BATAS_BERANDA = 12


def _beranda_queries(browser, count_queries, who):
    browser.login(who.nip, PASSWORD)
    browser.get("/")  # warm up (first-request caches)
    with count_queries() as q:
        r = browser.get("/")
    assert r.status_code == 200
    return q.count


def _lebih_banyak_data(factory, org, n):
    today = today_local()
    for i in range(n):
        staf = factory.pegawai(f"Staf Tambahan {i}", atasan=org.kasi)
        skp = buat_skp(staf)
        for d in range(3):
            buat_aktivitas(staf, skp.rhk[0], today - timedelta(days=d + 1), status="Diajukan", uraian=f"Kerja {i}.{d}")


@pytest.mark.parametrize("siapa", ["staf1", "kasi", "kadis"])
def test_beranda_query_count_does_not_grow(make_browser, org, factory, count_queries, siapa):
    skp = buat_skp(org.staf1)
    buat_aktivitas(org.staf1, skp.rhk[0], today_local() - timedelta(days=1), status="Diajukan")
    who = getattr(org, siapa)
    sedikit = _beranda_queries(make_browser(), count_queries, who)
    _lebih_banyak_data(factory, org, 6)
    banyak = _beranda_queries(make_browser(), count_queries, who)
    assert sedikit == banyak
    assert banyak <= BATAS_BERANDA


def test_admin_beranda_within_budget(make_browser, org, factory, count_queries):
    sedikit = _beranda_queries(make_browser(), count_queries, type("A", (), {"nip": "admin"}))
    _lebih_banyak_data(factory, org, 4)
    banyak = _beranda_queries(make_browser(), count_queries, type("A", (), {"nip": "admin"}))
    assert sedikit == banyak <= 12
