"""Password hashes, a bounded number at once per process (``kinerja.akun.sandi``; QUALITY P7).

Found in session 20 (``bench/bench_skala.py``, RSS of each app process read every second): during the
login burst the processes held 252 MB, twice their 125 MB under steady load — each production scrypt
(N=32768, r=8) holds 32 MiB while it runs, and eight server threads ran several at once.  A morning
login rush of a whole kabupaten does the same.  At most ``PASSWORD_HASH_CONCURRENCY`` (default 2) hashes
run at once; the others wait their turn (the CPU cores were the limit anyway).
"""

from __future__ import annotations

import threading
import time

import pytest
from werkzeug import security

from kinerja.akun import sandi


@pytest.fixture
def hitung_serentak(monkeypatch):
    """werkzeug's hash function replaced by a slow one that records how many ran at once."""
    keadaan = {"jalan": 0, "puncak": 0}
    kunci = threading.Lock()
    asli = security._hash_internal  # noqa: SLF001

    def lambat(method, salt, password):
        with kunci:
            keadaan["jalan"] += 1
            keadaan["puncak"] = max(keadaan["puncak"], keadaan["jalan"])
        time.sleep(0.05)
        with kunci:
            keadaan["jalan"] -= 1
        return asli(method, salt, password)

    monkeypatch.setattr(security, "_hash_internal", lambat)
    return keadaan


def _serentak(fungsi, n: int = 6) -> list:
    hasil = [None] * n

    def kerja(i):
        hasil[i] = fungsi()

    utas = [threading.Thread(target=kerja, args=(i,)) for i in range(n)]
    for t in utas:
        t.start()
    for t in utas:
        t.join(10)
    return hasil


def test_checks_run_at_most_the_configured_number_at_once(app, hitung_serentak):
    h = security.generate_password_hash("kata-sandi-panjang-sekali", method="scrypt:1024:8:1")
    hitung_serentak["puncak"] = 0

    def cek():
        with app.app_context():
            return sandi.cocok(h, "kata-sandi-panjang-sekali")

    assert _serentak(cek) == [True] * 6  # every login still gets its answer
    assert hitung_serentak["puncak"] == app.config["PASSWORD_HASH_CONCURRENCY"] == 2


def test_new_hashes_queue_the_same_way(app, hitung_serentak):
    def buat():
        with app.app_context():
            return sandi.buat("kata-sandi-panjang-sekali")

    hashes = _serentak(buat)
    assert hitung_serentak["puncak"] == 2
    assert all(security.check_password_hash(h, "kata-sandi-panjang-sekali") for h in hashes)
    assert all(h.startswith(app.config["PASSWORD_HASH_METHOD"] + "$") for h in hashes)


def test_a_wrong_password_or_a_broken_hash_is_no_match(app):
    h = security.generate_password_hash("kata-sandi-panjang-sekali", method="scrypt:1024:8:1")
    with app.app_context():
        assert not sandi.cocok(h, "kata-sandi-lain-sekali")
        assert not sandi.cocok(h, "")
        assert not sandi.cocok("scrypt:1024:8:1$garam$!bukan-hash", "kata-sandi-panjang-sekali")
