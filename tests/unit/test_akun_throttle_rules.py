"""Throttling arithmetic (OWASP device cookies): pure rules, no app."""

from datetime import UTC, datetime, timedelta

import pytest

from kinerja.akun.rules import BatasPercobaan, Penghitung, keputusan, menunggu, setelah_berhasil, setelah_gagal

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
LIMA = BatasPercobaan(maks_gagal=5, kunci_menit=15, jendela_menit=60)


def _fail(times: int, p: Penghitung | None = None, batas: BatasPercobaan = LIMA, start: datetime = NOW):
    minutes = 0
    for i in range(times):
        p, minutes = setelah_gagal(p, start + timedelta(seconds=i), batas)
    return p, minutes


def test_fifth_failure_locks_for_fifteen_minutes():
    p, minutes = _fail(4)
    assert minutes == 0 and p.gagal == 4 and menunggu(p, NOW) == 0
    p, minutes = setelah_gagal(p, NOW + timedelta(seconds=5), LIMA)
    assert minutes == 15 and p.gagal == 0 and p.jumlah_kunci == 1
    assert menunggu(p, NOW + timedelta(minutes=1)) == 15


@pytest.mark.parametrize("previous_locks, minutes", [(0, 15), (1, 30), (2, 60), (6, 960), (7, 1440), (20, 1440)])
def test_each_further_lock_doubles_up_to_a_day(previous_locks, minutes):
    p = Penghitung(gagal=4, jumlah_kunci=previous_locks, terakhir_gagal=NOW)
    _, got = setelah_gagal(p, NOW + timedelta(seconds=1), LIMA)
    assert got == minutes


def test_old_failures_are_forgotten_after_the_window():
    p, _ = _fail(4)
    p, minutes = setelah_gagal(p, NOW + timedelta(minutes=61), LIMA)
    assert minutes == 0 and p.gagal == 1


def test_lock_count_starts_small_again_after_a_quiet_day():
    p = Penghitung(gagal=0, jumlah_kunci=5, terakhir_gagal=NOW)
    p, _ = _fail(5, p, start=NOW + timedelta(hours=25))
    assert p.jumlah_kunci == 1


def test_success_forgets_failures_but_keeps_a_running_lock():
    p, _ = _fail(3)
    assert setelah_berhasil(p).gagal == 0
    locked, _ = _fail(5)
    after = setelah_berhasil(locked)
    assert after.terkunci_sampai == locked.terkunci_sampai and menunggu(after, NOW + timedelta(minutes=1)) > 0
    assert setelah_berhasil(None) is None


def test_a_trusted_browser_is_judged_only_by_its_own_counter():
    account_locked, _ = _fail(5)
    address_locked, _ = _fail(20, batas=BatasPercobaan(20))
    later = NOW + timedelta(minutes=1)
    assert keputusan(later, None, [account_locked, address_locked], tepercaya=True) == 0
    assert keputusan(later, None, [account_locked, None], tepercaya=False) == 15
    assert keputusan(later, None, [None, address_locked], tepercaya=False) == 15
    device_locked, _ = _fail(5)
    assert keputusan(later, device_locked, [], tepercaya=True) == 15


def test_nothing_stored_means_allowed():
    assert keputusan(NOW, None, [None, None], tepercaya=False) == 0
    assert keputusan(NOW, None, [], tepercaya=True) == 0
