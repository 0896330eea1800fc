"""The writers' queue of one process (``database.AntreanPenulis``): first come, first served.

Found in session 20: with ``threading.Lock`` a save that had been waiting could be overtaken by any
request that reached the lock just as it was freed (the woken waiter still needs the GIL), so under a
steady stream of saves the p95 was about twice the median (``bench/bench_aktivitas.py``: p50 83 ms,
p95 169 ms).  ``test_a_waiter_is_not_overtaken_by_a_newcomer`` fails with ``threading.Lock``.
"""

from __future__ import annotations

import threading
import time

import pytest

from kinerja.database import AntreanPenulis


def _tunggu_antre(antrean: AntreanPenulis, jumlah: int) -> None:
    batas = time.monotonic() + 5
    while len(antrean._penunggu) < jumlah:  # noqa: SLF001  the queue is what these tests watch
        assert time.monotonic() < batas, "penunggu tidak pernah mengantre"
        time.sleep(0.001)


def _penulis(antrean: AntreanPenulis, nama: str, urutan: list[str], batas: float = 5.0) -> threading.Thread:
    def kerja():
        if antrean.ambil(batas):
            urutan.append(nama)
            antrean.lepas()
        else:
            urutan.append(f"{nama}: batas tunggu")

    t = threading.Thread(target=kerja, daemon=True)
    t.start()
    return t


def test_a_free_queue_is_taken_at_once_and_freed_by_lepas():
    antrean = AntreanPenulis()
    assert antrean.ambil(0)
    assert not antrean.ambil(0)  # held: a zero wait gives up at once
    antrean.lepas()
    assert antrean.ambil(0)


def test_waiters_are_served_in_the_order_they_arrived():
    antrean, urutan = AntreanPenulis(), []
    assert antrean.ambil(1)
    utas = []
    for i, nama in enumerate(("pertama", "kedua", "ketiga", "keempat")):
        utas.append(_penulis(antrean, nama, urutan))
        _tunggu_antre(antrean, i + 1)
    antrean.lepas()
    for t in utas:
        t.join(5)
    assert urutan == ["pertama", "kedua", "ketiga", "keempat"]


def test_a_waiter_is_not_overtaken_by_a_newcomer():
    """The holder frees the lock and asks for it again at once (a request that arrives just as the lock
    is freed): it queues behind the thread that was already waiting."""
    antrean, urutan = AntreanPenulis(), []
    assert antrean.ambil(1)
    t = _penulis(antrean, "menunggu", urutan)
    _tunggu_antre(antrean, 1)
    antrean.lepas()
    assert antrean.ambil(5)
    urutan.append("pendatang baru")
    antrean.lepas()
    t.join(5)
    assert urutan == ["menunggu", "pendatang baru"]


def test_a_waiter_past_its_limit_leaves_the_queue_and_the_lock_is_free_afterwards():
    antrean, urutan = AntreanPenulis(), []
    assert antrean.ambil(1)
    t = _penulis(antrean, "tidak sabar", urutan, batas=0.05)
    t.join(5)
    assert urutan == ["tidak sabar: batas tunggu"]
    assert len(antrean._penunggu) == 0  # noqa: SLF001
    antrean.lepas()
    assert antrean.ambil(0)  # nobody holds it: the one who gave up did not take it with it


def test_a_hand_over_that_races_the_limit_is_kept():
    """The lock is handed to a waiter whose limit has just passed: it owns the lock (and says so), or
    nobody could ever take the lock again."""
    antrean, hasil = AntreanPenulis(), []
    assert antrean.ambil(1)
    t = threading.Thread(target=lambda: hasil.append(antrean.ambil(0.05)), daemon=True)
    t.start()
    _tunggu_antre(antrean, 1)
    antrean._mutex.acquire()  # noqa: SLF001  as lepas holds it
    time.sleep(0.15)  # the waiter's limit passes; it now waits for the mutex
    antrean._penunggu.popleft().release()  # noqa: SLF001  what lepas does under the mutex
    antrean._mutex.release()  # noqa: SLF001
    t.join(5)
    assert hasil == [True]
    assert not antrean.ambil(0)  # the waiter holds it
    antrean.lepas()
    assert antrean.ambil(0)


@pytest.mark.parametrize("sudah_diserahkan", [False, True])
def test_an_interrupted_waiter_leaves_the_queue_and_passes_on_a_hand_over(monkeypatch, sudah_diserahkan):
    """Ctrl-C while a command waits for the writers' queue: the queue must not be left to a waiter that
    is gone (every later writer would wait out its limit) — also when the lock had just been handed to it."""

    class Diinterupsi(BaseException):
        pass

    antrean, kunci_asli = AntreanPenulis(), threading.Lock
    assert antrean.ambil(1)

    class GiliranTerputus:  # the waiter's own lock; its wait is interrupted
        def __init__(self):
            self.nyata = kunci_asli()

        def acquire(self, timeout=-1):
            if timeout == -1:
                return self.nyata.acquire()
            if sudah_diserahkan:
                antrean.lepas()  # the holder hands the lock over just before the interruption
            raise Diinterupsi

        def release(self):
            self.nyata.release()

    monkeypatch.setattr("kinerja.database.threading.Lock", GiliranTerputus)
    with pytest.raises(Diinterupsi):
        antrean.ambil(1)
    monkeypatch.undo()
    assert len(antrean._penunggu) == 0  # noqa: SLF001  it left the queue
    if not sudah_diserahkan:
        antrean.lepas()  # the holder finishes
    assert antrean.ambil(0)  # and the lock is free for the next writer
