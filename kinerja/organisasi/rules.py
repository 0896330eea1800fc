"""Organisation rules (pure): golongan, atasan cycles, jabatan inference (NIP: :mod:`kinerja.nip`)."""

from __future__ import annotations

import re
from collections.abc import Callable

# NIP rules are core (kinerja.nip); re-exported here for the organisasi callers.
from kinerja.nip import NipError, NipInfo, format_nip, mask_nip, normalise_nip, parse_nip  # noqa: F401
from kinerja.referensi import JENJANG_FUNGSIONAL, golongan_choices


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
