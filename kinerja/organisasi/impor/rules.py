"""Pure rules for importing pegawai: header matching, cell values, one row, cycles.

No Flask and no database: values in, values or Indonesian messages out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from kinerja.organisasi.rules import (
    NipError,
    golongan_problem,
    normalise_golongan,
    normalise_nip,
    parse_nip,
)
from kinerja.referensi import GOLONGAN_PPPK, PANGKAT_PNS

# ------------------------------------------------------------------ columns

FIELDS = ("nip", "nama", "golongan", "jabatan", "unit", "nip_atasan", "status", "email")
REQUIRED_FIELDS = ("nip", "nama")
FIELD_LABELS = {
    "nip": "NIP",
    "nama": "Nama",
    "golongan": "Pangkat/Golongan",
    "jabatan": "Jabatan",
    "unit": "Unit Kerja",
    "nip_atasan": "NIP Atasan",
    "status": "Status",
    "email": "E-mail",
}

# Header variants seen in SIMPEG/SIASN exports, as ``header_key`` leaves them.
_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "nip": ("nip", "nipbaru", "nippns", "nipasn", "nipppk", "nipnipppk", "nipnip3k", "nomorindukpegawai"),
    "nama": ("nama", "namalengkap", "namapegawai", "namaasn", "namadengangelar", "namagelar"),
    "golongan": ("gol", "golongan", "golruang", "golonganruang", "golakhir", "golonganakhir",
                 "pangkatgol", "pangkatgolongan", "pangkatgolruang", "pangkatgolonganruang",
                 "golpangkat", "golonganpangkat", "pangkatgolonganakhir", "pangkatgolakhir"),
    "jabatan": ("jabatan", "namajabatan", "jabatanakhir", "jabatanterakhir"),
    "unit": ("unit", "unitkerja", "namaunitkerja", "unor", "namaunor", "unitorganisasi",
             "satuankerja", "satker"),
    "nip_atasan": ("nipatasan", "nipatasanlangsung", "atasannip", "nippenilai", "nippejabatpenilai",
                   "nippejabatpenilaikinerja"),
    "status": ("status", "statuspegawai", "statuskepegawaian", "jenispegawai", "statusasn", "jenisasn"),
    "email": ("email", "surel", "alamatemail", "alamatsurel", "emailpegawai"),
}
_FIELD_BY_KEY = {alias: name for name, aliases in _HEADER_ALIASES.items() for alias in aliases}


class BerkasError(ValueError):
    """The file as a whole cannot be used (unreadable, no header, missing columns)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def header_key(text: object) -> str:
    """Lower-case letters and digits only: "Pangkat / Gol. Ruang" → "pangkatgolruang"."""
    return re.sub(r"[^0-9a-z]", "", str(text or "").lower())


def match_header(text: object) -> str | None:
    """The field a header names, or None for a column we do not use."""
    return _FIELD_BY_KEY.get(header_key(text))


@dataclass(frozen=True)
class Kolom:
    """Which column index holds which field; the headers that were ignored."""

    indeks: dict[str, int]
    diabaikan: tuple[str, ...] = ()

    @property
    def ada(self) -> frozenset[str]:
        return frozenset(self.indeks)


def map_headers(headers: Iterable[object]) -> Kolom:
    """Map a header row; raise BerkasError for missing required or repeated columns."""
    indeks: dict[str, int] = {}
    names: dict[str, str] = {}
    ignored: list[str] = []
    for i, raw in enumerate(headers):
        text = cell_text(raw)
        if not text:
            continue
        name = match_header(text)
        if name is None:
            ignored.append(text)
            continue
        if name in indeks:
            raise BerkasError(
                f"Kolom '{names[name]}' dan '{text}' sama-sama berarti {FIELD_LABELS[name]}; "
                "hapus salah satunya lalu unggah lagi."
            )
        indeks[name], names[name] = i, text
    missing = [FIELD_LABELS[f] for f in REQUIRED_FIELDS if f not in indeks]
    if missing:
        found = [*names.values(), *ignored]
        seen = f" Judul kolom di berkas: {', '.join(found[:12])}{' …' if len(found) > 12 else ''}." if found else ""
        raise BerkasError(
            f"Kolom wajib tidak ditemukan: {', '.join(missing)}. Baris judul (baris 1) harus memuat kolom "
            "NIP dan Nama; kolom lain yang dikenali: Pangkat/Golongan, Jabatan, Unit Kerja, NIP Atasan, "
            f"Status, E-mail.{seen}"
        )
    return Kolom(indeks, tuple(ignored))


def header_score(headers: Iterable[object]) -> int:
    """How many distinct fields a candidate header row names (for choosing the CSV delimiter)."""
    return len({f for f in (match_header(cell_text(h)) for h in headers) if f})


def has_required_headers(headers: Iterable[object]) -> bool:
    """True for a row that names NIP and Nama (the header row, below any title lines)."""
    found = {match_header(cell_text(h)) for h in headers}
    return all(f in found for f in REQUIRED_FIELDS)


# ------------------------------------------------------------------ cells

def cell_text(value: object) -> str:
    """A cell as trimmed text.  Whole floats lose their ".0"; dates become ISO dates."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).replace("\xa0", " ").split())


EXCEL_NUMBER_MESSAGE = "{label} tersimpan sebagai angka di Excel; ubah kolom {label} menjadi teks lalu ketik ulang NIP-nya."
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE]\+?\d+$")


class NipCellError(ValueError):
    pass


def nip_from_cell(value: object, label: str = "NIP") -> str:
    """The digits of a NIP cell.  Raises NipCellError when Excel has already rounded it.

    Excel keeps numbers as doubles (15–16 significant digits): an 18-digit NIP stored as a
    number has lost its last digits, so it is refused rather than imported wrongly.  Python
    ints (a file written by a program) are exact and fine.
    """
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        if abs(value) >= 1e15:
            raise NipCellError(EXCEL_NUMBER_MESSAGE.format(label=label))
        return cell_text(value)
    # '1986… (Excel's text marker) and ="1986…" (the formula trick exporters use to keep digits)
    text = re.sub(r'^(?:\'|="?)(.*?)"?$', r"\1", cell_text(value)).strip()
    if _SCIENTIFIC.match(text):
        raise NipCellError(EXCEL_NUMBER_MESSAGE.format(label=label))
    text = re.sub(r"^nip\.?\s*:?\s*", "", text, flags=re.IGNORECASE)
    return normalise_nip(text)


_STATUS_BY_KEY = {
    "pns": "PNS", "pegawainegerisipil": "PNS",
    "cpns": "CPNS", "calonpns": "CPNS", "calonpegawainegerisipil": "CPNS",
    "pppk": "PPPK", "p3k": "PPPK", "pegawaipemerintahdenganperjanjiankerja": "PPPK",
}


def parse_status(value: object) -> str | None:
    """"PNS"/"CPNS"/"PPPK" (also "P3K", written out in full); None when empty; ValueError otherwise."""
    text = cell_text(value)
    if not text:
        return None
    status = _STATUS_BY_KEY.get(header_key(text))
    if status is None:
        raise ValueError(f"Status kepegawaian '{text}' tidak dikenal; gunakan PNS, CPNS, atau PPPK.")
    return status


_PNS_CODE = re.compile(r"(?<![0-9A-Za-z])(IV|III|II|I|[1-4])\s?[/\-.]?\s?([a-e])(?![0-9A-Za-z])", re.IGNORECASE)
_PPPK_CODE = re.compile(
    r"(?:gol(?:ongan)?\.?\s*)?(XVII|XVI|XV|XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I|1[0-7]|[1-9])",
    re.IGNORECASE,
)


def _pangkat_keys() -> dict[str, str]:
    keys = {}
    for code, nama in PANGKAT_PNS.items():
        key = header_key(nama)
        keys[key] = code
        keys[key.replace("tingkati", "tki")] = code
    return keys


_GOLONGAN_BY_PANGKAT = _pangkat_keys()


def extract_golongan(value: object, status: str = "PNS") -> str | None:
    """The golongan code in a cell: "Penata Muda, III/a", "(III-a)", "3a" → "III/a"; "IX" for PPPK.

    None when the cell is empty; ValueError with an Indonesian message when it is not a golongan
    for this status.
    """
    text = cell_text(value)
    if not text:
        return None
    code: str | None = None
    match = _PNS_CODE.search(text)
    if match:
        code = normalise_golongan(f"{match.group(1)}/{match.group(2)}")
    else:
        match = _PPPK_CODE.fullmatch(text)
        if match:
            roman = match.group(1).upper()
            code = GOLONGAN_PPPK[int(roman) - 1] if roman.isdigit() else roman
        else:
            code = _GOLONGAN_BY_PANGKAT.get(header_key(text))
    problem = golongan_problem(status, code) if code else "tidak dikenal"
    if problem:
        if status == "PPPK":
            raise ValueError(f"Golongan '{text}' tidak dikenal untuk PPPK; golongan PPPK adalah I sampai XVII.")
        raise ValueError(f"Pangkat/golongan '{text}' tidak dikenal. Gunakan format resmi, misalnya III/a.")
    return code


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def parse_email(value: object) -> str | None:
    text = cell_text(value)
    if not text:
        return None
    if len(text) > 150 or not _EMAIL.match(text):
        raise ValueError(f"Alamat e-mail '{text[:60]}' tidak valid.")
    return text


# ------------------------------------------------------------------ one row

@dataclass
class BarisData:
    """One data row, parsed.  ``None`` means the cell (or the column) was empty."""

    baris: int
    nip_teks: str = ""
    nama: str = ""
    nip: str | None = None  # set only when the NIP is valid
    status: str | None = None
    golongan: str | None = None
    jabatan: str | None = None
    unit: str | None = None
    nip_atasan: str | None = None
    email: str | None = None
    tanggal_lahir: date | None = None
    jenis_kelamin: str | None = None
    errors: list[str] = field(default_factory=list)


def validate_row(baris: int, values: Mapping[str, object], today: date | None = None,  # noqa: C901  one check per column of a SIMPEG row, flat and ordered
                 status_lama: Mapping[str, str] | None = None) -> BarisData:
    """Check one row on its own (no other rows, no database).

    ``status_lama`` maps NIPs already in the database to their status: an empty Status cell
    keeps it; for a new pegawai it means PNS.
    """
    row = BarisData(baris)
    row.nama = cell_text(values.get("nama"))[:300]
    try:
        nip_digits = nip_from_cell(values.get("nip"))
    except NipCellError as err:
        nip_digits = ""
        row.nip_teks = cell_text(values.get("nip"))
        row.errors.append(str(err))
    else:
        row.nip_teks = nip_digits or cell_text(values.get("nip"))
        if not nip_digits:
            row.errors.append("NIP wajib diisi.")
    try:
        row.status = parse_status(values.get("status"))
    except ValueError as err:
        row.errors.append(str(err))
    status = row.status or (status_lama or {}).get(nip_digits) or "PNS"
    if nip_digits:
        try:
            info = parse_nip(nip_digits, status, today)
        except NipError as err:
            row.errors.append(str(err))
        else:
            row.nip, row.tanggal_lahir, row.jenis_kelamin = info.nip, info.tanggal_lahir, info.jenis_kelamin
    if not row.nama:
        row.errors.append("Nama wajib diisi.")
    elif len(row.nama) > 150:
        row.errors.append("Nama maksimal 150 karakter.")
    try:
        row.golongan = extract_golongan(values.get("golongan"), status)
    except ValueError as err:
        row.errors.append(str(err))
    row.jabatan = cell_text(values.get("jabatan")) or None
    if row.jabatan and len(row.jabatan) > 200:
        row.errors.append("Nama jabatan maksimal 200 karakter.")
    row.unit = cell_text(values.get("unit")) or None
    try:
        atasan = nip_from_cell(values.get("nip_atasan"), "NIP Atasan")
    except NipCellError as err:
        row.errors.append(str(err))
    else:
        if atasan and (not atasan.isdigit() or len(atasan) != 18):
            row.errors.append(f"NIP Atasan '{cell_text(values.get('nip_atasan'))[:40]}' harus 18 digit angka.")
        elif atasan and atasan == nip_digits:
            row.errors.append("Pegawai tidak dapat menjadi atasan dirinya sendiri.")
        else:
            row.nip_atasan = atasan or None
    try:
        row.email = parse_email(values.get("email"))
    except ValueError as err:
        row.errors.append(str(err))
    return row


# ------------------------------------------------------------------ across rows

def duplicate_rows(rows: Iterable[tuple[int, str | None]]) -> dict[int, str]:
    """{row number: message} for every row whose NIP already appeared in an earlier row."""
    first: dict[str, int] = {}
    problems: dict[int, str] = {}
    for baris, nip in rows:
        if not nip:
            continue
        if nip in first:
            problems[baris] = f"NIP {nip} ganda: sudah ada di baris {first[nip]}."
        else:
            first[nip] = baris
    return problems


def find_cycles(atasan_of: Mapping[str, str | None], starts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Every NIP that lies on a cycle of the atasan relation reachable from ``starts``.

    Returns {nip: the cycle, starting at that nip}.  Linear in the number of nodes visited.
    """
    done: set[str] = set()
    on_cycle: dict[str, tuple[str, ...]] = {}
    for start in starts:
        path: list[str] = []
        position: dict[str, int] = {}
        node: str | None = start
        while node is not None and node not in done:
            if node in position:
                cycle = path[position[node]:]
                for i, member in enumerate(cycle):
                    on_cycle[member] = tuple(cycle[i:] + cycle[:i])
                break
            position[node] = len(path)
            path.append(node)
            node = atasan_of.get(node)
        done.update(path)
    return on_cycle


def cycle_message(cycle: tuple[str, ...]) -> str:
    chain = " → ".join((*cycle, cycle[0]))
    return f"Rantai atasan melingkar ({chain}); perbaiki kolom NIP Atasan."
