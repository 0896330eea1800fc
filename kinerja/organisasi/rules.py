"""Organisation rules (pure): NIP parsing, atasan cycles, jabatan inference."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kinerja.referensi import JENJANG_FUNGSIONAL, golongan_choices


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
    today = today or date.today()
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


def golongan_problem(status: str, golongan: str | None) -> str | None:
    if not golongan:
        return None
    if golongan not in golongan_choices(status):
        if status == "PPPK":
            return "Golongan PPPK harus I sampai XVII."
        return "Pangkat/golongan tidak dikenal. Gunakan format resmi, misalnya III/a."
    return None


def normalise_golongan(raw: str | None) -> str | None:
    """Accept "III/a", "III-a", "iii/A", "3a" → "III/a"; "IX" → "IX"."""
    if raw is None:
        return None
    value = raw.strip().replace(" ", "").replace("-", "/")
    if not value:
        return None
    roman = {"1": "I", "2": "II", "3": "III", "4": "IV"}
    m = re.fullmatch(r"([1-4])/?([a-eA-E])", value)
    if m:
        return f"{roman[m.group(1)]}/{m.group(2).lower()}"
    m = re.fullmatch(r"(I{1,3}|IV)/([a-eA-E])", value, flags=re.IGNORECASE)
    if m:
        return f"{m.group(1).upper()}/{m.group(2).lower()}"
    return value.upper()


def atasan_problem(pegawai_id: int | None, atasan_id: int | None,
                   atasan_of: Callable[[int], int | None]) -> str | None:
    """Refuse self-reference and cycles.  ``atasan_of`` maps a pegawai id to its atasan id."""
    if atasan_id is None:
        return None
    if pegawai_id is not None and atasan_id == pegawai_id:
        return "Pegawai tidak dapat menjadi atasan dirinya sendiri."
    seen: set[int] = set()
    current: int | None = atasan_id
    while current is not None:
        if pegawai_id is not None and current == pegawai_id:
            return "Atasan ini akan membentuk lingkaran: ia sendiri berada di bawah pegawai ini."
        if current in seen:
            return "Rantai atasan yang ada sudah melingkar; perbaiki data atasan terlebih dahulu."
        seen.add(current)
        current = atasan_of(current)
    return None


_JENIS_HINTS = (
    (re.compile(r"^kepala dinas|^kepala badan|^sekretaris daerah|^asisten|^staf ahli", re.I), "JPT"),
    (re.compile(r"^sekretaris|^kepala bidang|^kepala bagian|^camat", re.I), "Administrator"),
    (re.compile(r"^kepala (sub ?bagian|subbagian|seksi|sub ?bidang|upt|uptd)|^lurah", re.I), "Pengawas"),
    (re.compile(r"pranata komputer|pranata humas|analis kebijakan|arsiparis|perencana|statistisi|"
                r"auditor|pustakawan|widyaiswara|dokter|perawat|guru|penyuluh|fungsional", re.I), "Fungsional"),
)


def infer_jenis_jabatan(nama: str) -> tuple[str, str | None]:
    """Guess (jenis, jenjang) from a jabatan name; "Pelaksana" when nothing matches."""
    jenjang = next((j for j in JENJANG_FUNGSIONAL if j.lower() in nama.lower()), None)
    for pattern, jenis in _JENIS_HINTS:
        if pattern.search(nama):
            return jenis, (jenjang if jenis == "Fungsional" else None)
    if jenjang:
        return "Fungsional", jenjang
    return "Pelaksana", None
