"""Password policy and login-throttle arithmetic (pure)."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache

MIN_LENGTH = 12
MAX_LENGTH = 128

# Words an Indonesian office would reach for first; the bulk of the list is
# zxcvbn's 30,000 most common passwords.
LOCAL_COMMON = (
    "bismillah", "indonesia", "indonesiaraya", "merdeka", "pancasila", "jakarta",
    "kinerja", "pegawai", "sayangkamu", "rahasia", "katasandi", "passwordku",
    "bukitintan", "diskominfo", "admin12345", "asn", "pnsindonesia", "berakhlak",
)


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"]) | frozenset(LOCAL_COMMON)


_SEQUENCES = ("01234567890123456789", "98765432109876543210", "abcdefghijklmnopqrstuvwxyz",
              "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb")


def _is_sequence(norm: str) -> bool:
    return any(norm in seq for seq in _SEQUENCES)


def _normalise(password: str) -> str:
    return "".join(ch for ch in password.lower() if not ch.isspace())


def password_problem(password: str, personal: tuple[str, ...] = ()) -> str | None:
    """Return why ``password`` is not acceptable, or None when it is."""
    if len(password) < MIN_LENGTH:
        return f"Kata sandi minimal {MIN_LENGTH} karakter."
    if len(password) > MAX_LENGTH:
        return f"Kata sandi maksimal {MAX_LENGTH} karakter."
    norm = _normalise(password)
    stripped = norm.rstrip("0123456789!@#$%.")
    common = _common_passwords()
    if norm in common or _is_sequence(norm) or (stripped and stripped in common and len(stripped) >= 6):
        return "Kata sandi terlalu umum dan mudah ditebak. Pilih kalimat yang lebih unik."
    if len(set(norm)) <= 2:
        return "Kata sandi terlalu mudah ditebak. Pilih kalimat yang lebih unik."
    for word in personal:
        if word and len(word) >= 4 and word.lower() in norm:
            return "Kata sandi tidak boleh memuat NIP, nama pengguna, atau nama Anda."
    return None


def lock_minutes(previous_locks: int, base_minutes: int = 15) -> int:
    """15 minutes for the first lock, doubling each time, at most a day."""
    return min(base_minutes * (2 ** max(previous_locks, 0)), 24 * 60)


def remaining_minutes(locked_until: datetime | None, now: datetime) -> int:
    if locked_until is None or locked_until <= now:
        return 0
    return max(1, int((locked_until - now) / timedelta(minutes=1) + 0.999))
