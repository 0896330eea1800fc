"""Reference data from DOMAIN.md §2–§3, kept in one module.

Items that DOMAIN.md marks **[verify]** live here as data, so that a correction
against the official annex is a one-place change.
"""

from __future__ import annotations

STATUS_KEPEGAWAIAN = ("PNS", "CPNS", "PPPK")

JENIS_JABATAN = ("JPT", "Administrator", "Pengawas", "Pelaksana", "Fungsional")
JENIS_JABATAN_LABEL = {
    "JPT": "JPT (Pimpinan Tinggi)",
    "Administrator": "Administrator",
    "Pengawas": "Pengawas",
    "Pelaksana": "Pelaksana",
    "Fungsional": "Fungsional",
}
JENJANG_FUNGSIONAL_KEAHLIAN = ("Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama")
JENJANG_FUNGSIONAL_KETERAMPILAN = ("Pemula", "Terampil", "Mahir", "Penyelia")
JENJANG_FUNGSIONAL = JENJANG_FUNGSIONAL_KEAHLIAN + JENJANG_FUNGSIONAL_KETERAMPILAN

# Pangkat / golongan ruang PNS (17), in order.
PANGKAT_PNS: dict[str, str] = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}

# PPPK: golongan I … XVII, no pangkat name. [verify]
GOLONGAN_PPPK: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)


def pangkat_golongan_label(status: str | None, golongan: str | None) -> str:
    """"Penata Muda, III/a" for PNS/CPNS; "Golongan IX" for PPPK; "" when unknown."""
    if not golongan:
        return ""
    if golongan in PANGKAT_PNS and status != "PPPK":
        return f"{PANGKAT_PNS[golongan]}, {golongan}"
    return f"Golongan {golongan}"


def golongan_choices(status: str | None) -> tuple[str, ...]:
    return GOLONGAN_PPPK if status == "PPPK" else tuple(PANGKAT_PNS)


JENIS_HARI_LIBUR = ("Libur Nasional", "Cuti Bersama", "Libur Daerah")
HARI_KERJA_PER_MINGGU = (5, 6)

ZONA_WAKTU = {
    "Asia/Jakarta": "WIB (Asia/Jakarta)",
    "Asia/Makassar": "WITA (Asia/Makassar)",
    "Asia/Jayapura": "WIT (Asia/Jayapura)",
}
