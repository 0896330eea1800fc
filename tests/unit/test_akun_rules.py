from datetime import UTC, datetime, timedelta

import pytest

from kinerja.akun.rules import lock_minutes, password_problem, remaining_minutes


@pytest.mark.parametrize("password", ["pendek", "a" * 11])
def test_too_short(password):
    assert "minimal 12" in password_problem(password)


def test_too_long():
    assert "maksimal 128" in password_problem("x" * 129)


@pytest.mark.parametrize("password", ["password1234", "123456789012", "qwertyuiop12", "bismillah123", "Indonesia2026"])
def test_common_passwords_refused(password):
    assert "umum" in password_problem(password)


def test_repetitive_refused():
    assert password_problem("aaaaaaaaaaaaaaa") is not None


def test_personal_words_refused():
    assert "NIP" in password_problem("saya-198609262015051001", ("198609262015051001",))


@pytest.mark.parametrize("password", ["kopi pagi di bukitintan", "kinerja-demo-2026", "Sepeda Biru Melaju 7"])
def test_good_passphrases_accepted(password):
    assert password_problem(password) is None


def test_no_composition_rules():
    assert password_problem("semua huruf kecil tanpa angka") is None


@pytest.mark.parametrize("locks, minutes", [(0, 15), (1, 30), (2, 60), (10, 1440)])
def test_lock_grows(locks, minutes):
    assert lock_minutes(locks) == minutes


def test_remaining_minutes_rounds_up():
    now = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
    assert remaining_minutes(now + timedelta(seconds=30), now) == 1
    assert remaining_minutes(now - timedelta(seconds=1), now) == 0
    assert remaining_minutes(None, now) == 0
