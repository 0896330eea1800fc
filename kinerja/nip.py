"""NIP (Nomor Induk Pegawai, DOMAIN.md §7): normalising, parsing, showing (pure; core: used by
akun for login, by organisasi for pegawai data and by the templates)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kinerja.waktu import today_local


class NipError(ValueError):
    pass


@dataclass(frozen=True)
class NipInfo:
    nip: str
    tanggal_lahir: date
    tmt_tahun: int | None
    tmt_bulan: int | None
    jenis_kelamin: str | None  # "L" / "P"
    nomor_urut: str | None


def normalise_nip(raw: str) -> str:
    return re.sub(r"[\s.\-]", "", raw or "")


def _birth_date(digits: str) -> date:
    try:
        born = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError as exc:
        raise NipError("NIP tidak valid: 8 digit pertama harus tanggal lahir (TTTTBBHH).") from exc
    if born.year < 1940:
        raise NipError("NIP tidak valid: tahun lahir tidak masuk akal.")
    return born


def parse_nip(raw: str, status: str = "PNS", today: date | None = None) -> NipInfo:
    """Validate and parse an 18-digit NIP (DOMAIN.md §7).

    PNS/CPNS: lahir (8) · TMT CPNS YYYYMM (6) · jenis kelamin 1/2 (1) · urut (3).
    PPPK: 18 digits with a valid birth date; the rest is not checked. [verify]
    """
    nip = normalise_nip(raw)
    today = today or today_local()
    if not nip.isdigit() or len(nip) != 18:
        raise NipError("NIP harus 18 digit angka.")
    born = _birth_date(nip)
    if born > today:
        raise NipError("NIP tidak valid: tanggal lahir di masa depan.")
    if status == "PPPK":
        return NipInfo(nip, born, None, None, None, None)
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= tmt_month <= 12:
        raise NipError("NIP tidak valid: bulan TMT CPNS (digit 13–14) harus 01–12.")
    if tmt_year < born.year + 15 or (tmt_year, tmt_month) > (today.year, today.month):
        raise NipError("NIP tidak valid: tahun TMT CPNS (digit 9–12) tidak masuk akal.")
    sex_digit = nip[14]
    if sex_digit not in "12":
        raise NipError("NIP tidak valid: digit ke-15 (jenis kelamin) harus 1 atau 2.")
    if nip[15:] == "000":
        raise NipError("NIP tidak valid: nomor urut tidak boleh 000.")
    return NipInfo(nip, born, tmt_year, tmt_month, "L" if sex_digit == "1" else "P", nip[15:])


def format_nip(nip: str | None) -> str:
    """"19860926 201505 1 001"; anything that is not 18 digits is returned as is."""
    if not nip or len(nip) != 18 or not nip.isdigit():
        return nip or ""
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"


def mask_nip(nip: str | None) -> str:
    """For public pages: "19860926 ****** * 001"."""
    if not nip or len(nip) != 18:
        return "–"
    return f"{nip[0:4]}**** ****** * {nip[15:18]}"
