"""Password policy and login-throttle arithmetic (pure)."""

from __future__ import annotations

from dataclasses import dataclass
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


# Shown beside every new-password field BEFORE the first attempt (issue #15): every rule that
# password_problem checks, in the order it checks them.
ATURAN_SANDI = (f"Minimal {MIN_LENGTH} karakter; bukan kata sandi umum atau deretan (mis. \u201cpassword123\u201d, "
                "\u201cqwertyuiop\u201d); tidak memuat NIP, nama pengguna, atau nama Anda. Kalimat pendek yang mudah "
                "Anda ingat lebih aman daripada kata yang rumit.")


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


# ------------------------------------------------------------------ throttling (OWASP device cookies)
#
# Counters: one per account identifier, one per client address, one per 2FA account, and one per
# trusted browser (a browser holding a valid device cookie for that account).  A trusted browser is
# judged only by its own counter: failures from elsewhere never lock it, and its own failures lock
# only it.  Untrusted browsers are judged by the account (or 2FA) counter and the address counter.
# A success never lowers an address counter.


@dataclass(frozen=True)
class Penghitung:
    """One failure counter, as stored."""

    gagal: int = 0
    jumlah_kunci: int = 0
    terkunci_sampai: datetime | None = None
    terakhir_gagal: datetime | None = None


@dataclass(frozen=True)
class BatasPercobaan:
    maks_gagal: int
    kunci_menit: int = 15
    jendela_menit: int = 60


def menunggu(penghitung: Penghitung | None, now: datetime) -> int:
    """Minutes until this counter allows another attempt (0: allowed)."""
    return remaining_minutes(penghitung.terkunci_sampai if penghitung else None, now)


def keputusan(now: datetime, perangkat: Penghitung | None, lainnya: list[Penghitung | None],
              tepercaya: bool) -> int:
    """Minutes to wait before an attempt is allowed (0: allowed).

    ``tepercaya``: the browser holds a valid device cookie for this account; then only its own
    counter (``perangkat``) counts.
    """
    if tepercaya:
        return menunggu(perangkat, now)
    return max([menunggu(p, now) for p in lainnya] or [0])


def setelah_gagal(p: Penghitung | None, now: datetime, batas: BatasPercobaan) -> tuple[Penghitung, int]:
    """The counter after one more failure, and the minutes it is now locked for (0: not locked)."""
    p = p or Penghitung()
    gagal, jumlah_kunci = p.gagal, p.jumlah_kunci
    if p.terakhir_gagal is not None and now - p.terakhir_gagal > timedelta(minutes=batas.jendela_menit):
        gagal = 0  # old failures are forgotten ...
        if now - p.terakhir_gagal > timedelta(hours=24):
            jumlah_kunci = 0  # ... and after a quiet day the lock time starts small again
    gagal += 1
    if gagal >= batas.maks_gagal:
        menit = lock_minutes(jumlah_kunci, batas.kunci_menit)
        return Penghitung(0, jumlah_kunci + 1, now + timedelta(minutes=menit), now), menit
    return Penghitung(gagal, jumlah_kunci, p.terkunci_sampai, now), 0


def setelah_berhasil(p: Penghitung | None) -> Penghitung | None:
    """An account's or a browser's own counter after a success: failures forgotten, a running lock kept.

    Never applied to an address counter (someone's own successes must not buy more guesses).
    """
    if p is None:
        return None
    return Penghitung(0, p.jumlah_kunci, p.terkunci_sampai, p.terakhir_gagal)
