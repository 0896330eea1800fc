"""Ketidakhadiran rules (pure): vocabulary, date ranges, overlaps, the attendance-system CSV.

The calendar effect of an absence (not a working day for that pegawai, pro-rata target) lives in
:mod:`kinerja.kalender.rules`; this module decides what may be recorded.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kinerja.kalender.rules import (
    CUTI,
    DINAS_LUAR,
    JENIS_KETIDAKHADIRAN,
    KODE_KETIDAKHADIRAN,
    SAKIT,
    TUGAS_BELAJAR,
    bertumpang,
)
from kinerja.nip import normalise_nip

DIAJUKAN, DISETUJUI, DITOLAK, DIBATALKAN = "Diajukan", "Disetujui", "Ditolak", "Dibatalkan"
STATUS = (DIAJUKAN, DISETUJUI, DITOLAK, DIBATALKAN)
# Rows that block a new absence on the same days (a refused or cancelled request does not).
MENGHALANGI = (DIAJUKAN, DISETUJUI)
# The longest absence recorded as one row (cuti di luar tanggungan negara / tugas belajar: years).
MAKS_HARI = 3 * 366

__all__ = ["CUTI", "DINAS_LUAR", "JENIS_KETIDAKHADIRAN", "KODE_KETIDAKHADIRAN", "SAKIT", "TUGAS_BELAJAR"]


def periksa_rentang(jenis: str | None, mulai: date | None, selesai: date | None) -> tuple[str, str] | None:
    """(field, message) for an unusable type or date range, else None."""
    if jenis not in JENIS_KETIDAKHADIRAN:
        return "jenis", "Pilih jenis: Cuti, Dinas Luar, Sakit atau Tugas Belajar."
    if mulai is None:
        return "tanggal_mulai", "Isi tanggal mulai."
    if selesai is None:
        return "tanggal_selesai", "Isi tanggal selesai."
    if selesai < mulai:
        return "tanggal_selesai", "Tanggal selesai tidak boleh sebelum tanggal mulai."
    if (selesai - mulai).days + 1 > MAKS_HARI:
        return "tanggal_selesai", "Satu catatan paling lama 3 tahun; pecah menjadi beberapa catatan."
    return None


@dataclass(frozen=True)
class Rentang:
    id: int | None
    jenis: str
    mulai: date
    selesai: date


def tumpang_tindih(mulai: date, selesai: date, ada: Iterable[Rentang], kecuali: int | None = None) -> Rentang | None:
    """The first recorded absence sharing a day with ``mulai``–``selesai`` (``kecuali``: that row's own id)."""
    for r in ada:
        if r.id != kecuali and bertumpang(mulai, selesai, r.mulai, r.selesai):
            return r
    return None


def pesan_tumpang(r: Rentang) -> str:
    return (f"Tanggal ini bertumpang dengan {r.jenis} {r.mulai:%d-%m-%Y} s.d. {r.selesai:%d-%m-%Y} "
            "yang sudah tercatat.")


def hari_kalender(mulai: date, selesai: date) -> int:
    return (selesai - mulai).days + 1


# ------------------------------------------------------------------ CSV of the attendance system

KOLOM = {"nip": "NIP", "jenis": "Jenis", "tanggal_mulai": "Tanggal Mulai", "tanggal_selesai": "Tanggal Selesai",
         "keterangan": "Keterangan"}
_SINONIM = {
    "nip": "nip", "nipbaru": "nip", "nippegawai": "nip",
    "jenis": "jenis", "jeniskehadiran": "jenis", "jenisketidakhadiran": "jenis", "kode": "jenis", "status": "jenis",
    "tanggalmulai": "tanggal_mulai", "mulai": "tanggal_mulai", "dari": "tanggal_mulai", "tglmulai": "tanggal_mulai",
    "tanggal": "tanggal_mulai",
    "tanggalselesai": "tanggal_selesai", "selesai": "tanggal_selesai", "sampai": "tanggal_selesai",
    "tglselesai": "tanggal_selesai",
    "keterangan": "keterangan", "catatan": "keterangan", "alasan": "keterangan",
}
_JENIS = {"c": CUTI, "cuti": CUTI, "dl": DINAS_LUAR, "dinasluar": DINAS_LUAR, "dinas": DINAS_LUAR,
          "s": SAKIT, "sakit": SAKIT, "tb": TUGAS_BELAJAR, "tugasbelajar": TUGAS_BELAJAR}
MAKS_BARIS = 20_000


class BerkasError(ValueError):
    """The file as a whole cannot be read (no row-level message possible)."""


def _kunci(text: object) -> str:
    return re.sub(r"[^a-z]", "", str(text or "").lower())


def jenis_dari(value: object) -> str | None:
    """"C", "Cuti Tahunan", "DL", "Dinas Luar", "S", "Sakit", "TB", "Tugas Belajar" → the jenis."""
    key = _kunci(value)
    if key in _JENIS:
        return _JENIS[key]
    for prefix, jenis in (("cuti", CUTI), ("dinasluar", DINAS_LUAR), ("sakit", SAKIT), ("tugasbelajar", TUGAS_BELAJAR)):
        if key.startswith(prefix):
            return jenis
    return None


def tanggal_dari(value: object) -> date | None:
    """2026-03-02, 02-03-2026, 02/03/2026 (day first) or a spreadsheet date → a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BerkasError("Berkas tidak dapat dibaca sebagai teks CSV.")


def baca_csv(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """The data rows with their spreadsheet row number (the header is row 1) keyed by column."""
    text = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise BerkasError("Berkas kosong.")
    kolom = [_SINONIM.get(_kunci(h)) for h in rows[0]]
    kurang = [label for key, label in KOLOM.items() if key != "keterangan" and key not in kolom]
    if kurang:
        raise BerkasError("Kolom wajib tidak ditemukan: " + ", ".join(kurang)
                          + ". Baris pertama harus judul kolom: NIP; Jenis; Tanggal Mulai; Tanggal Selesai; Keterangan.")
    hasil = []
    for nomor, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        values = {k: cells[i].strip() for i, k in enumerate(kolom) if k and i < len(cells)}
        hasil.append((nomor, values))
        if len(hasil) > MAKS_BARIS:
            raise BerkasError(f"Terlalu banyak baris: paling banyak {MAKS_BARIS:,}".replace(",", ".") + " baris per berkas.")
    if not hasil:
        raise BerkasError("Berkas tidak berisi baris data.")
    return hasil


@dataclass(frozen=True)
class BarisImpor:
    baris: int
    nip: str
    jenis: str
    mulai: date
    selesai: date
    keterangan: str | None


def periksa_baris(baris: int, values: Mapping[str, str]) -> BarisImpor | str:
    """A valid row, or the message for that row (without its number)."""
    nip = normalise_nip(values.get("nip", "") or "").lstrip("'")
    if not nip:
        return "NIP kosong."
    jenis = jenis_dari(values.get("jenis"))
    if jenis is None:
        return f"Jenis \u201c{values.get('jenis', '')}\u201d tidak dikenal (C, DL, S, TB atau namanya)."
    mulai = tanggal_dari(values.get("tanggal_mulai"))
    if mulai is None:
        return f"Tanggal mulai \u201c{values.get('tanggal_mulai', '')}\u201d tidak terbaca (contoh 02-03-2026)."
    selesai = tanggal_dari(values.get("tanggal_selesai")) if values.get("tanggal_selesai") else mulai
    if selesai is None:
        return f"Tanggal selesai \u201c{values.get('tanggal_selesai', '')}\u201d tidak terbaca (contoh 02-03-2026)."
    problem = periksa_rentang(jenis, mulai, selesai)
    if problem:
        return problem[1]
    return BarisImpor(baris, nip, jenis, mulai, selesai, (values.get("keterangan") or "").strip()[:500] or None)


def tumpang_dalam_berkas(rows: Iterable[BarisImpor]) -> dict[int, str]:
    """Row number → message for rows that overlap an earlier row of the same pegawai in the file."""
    seen: dict[str, list[BarisImpor]] = {}
    problems: dict[int, str] = {}
    for r in rows:
        for earlier in seen.get(r.nip, []):
            if bertumpang(r.mulai, r.selesai, earlier.mulai, earlier.selesai):
                problems[r.baris] = f"Bertumpang dengan baris {earlier.baris} untuk NIP yang sama."
                break
        seen.setdefault(r.nip, []).append(r)
    return problems


def tanggal_dalam(mulai: date, selesai: date) -> list[date]:
    return [mulai + timedelta(days=i) for i in range((selesai - mulai).days + 1)]
