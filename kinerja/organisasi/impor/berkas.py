"""Reading an uploaded pegawai list (CSV or XLSX) into rows.  No Flask, no database.

Row numbers are the ones a spreadsheet shows: the header is row 1 (or the row where the
header was found), the first data row is the next one.  Empty rows are skipped but keep
their numbers.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

from kinerja.format import ribuan
from kinerja.organisasi.impor.rules import (
    BerkasError,
    Kolom,
    cell_text,
    has_required_headers,
    header_score,
    map_headers,
)

log = logging.getLogger(__name__)

MAX_BARIS = 20_000           # data rows per file
MAX_KOLOM = 80               # columns read per row
HEADER_SEARCH_ROWS = 10      # a title block above the header is tolerated
MAX_XLSX_UNPACKED = 200 * 1024 * 1024
_EMPTY_RUN_LIMIT = 2_000     # a sheet "used" down to row 1,048,576 by formatting only

_DELIMITERS = {";": "titik koma", ",": "koma", "\t": "tab"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass
class Tabel:
    keterangan: str                      # "CSV (pemisah titik koma, UTF-8)"
    baris_judul: int
    kolom: Kolom
    rows: list[tuple[int, dict[str, object]]]


def jenis_berkas(nama_berkas: str, data: bytes) -> str:
    """"csv" or "xlsx" from the name, or from the content when the name says nothing."""
    ext = PurePath(nama_berkas or "").suffix.lower()
    if ext == ".xls":
        raise BerkasError("Format Excel lama (.xls) tidak didukung. Simpan ulang sebagai .xlsx atau CSV.")
    if ext in (".xlsx", ".xlsm"):
        return "xlsx"
    if ext in (".csv", ".txt"):
        return "csv"
    return "xlsx" if data[:4] == b"PK\x03\x04" else "csv"


def baca_berkas(data: bytes, nama_berkas: str) -> Tabel:
    """Parse the file; raise BerkasError with an Indonesian message for anything unusable."""
    if not data or not data.strip():
        raise BerkasError("Berkas kosong. Unggah berkas CSV atau XLSX yang berisi data pegawai.")
    if jenis_berkas(nama_berkas, data) == "xlsx":
        return _baca_xlsx(data)
    return _baca_csv(data)


# ------------------------------------------------------------------ common

def _build(raw_rows: Iterable[list[object]], keterangan: str) -> Tabel:
    rows_iter = iter(raw_rows)
    candidates: list[tuple[int, list[object]]] = []
    for number, cells in enumerate(rows_iter, start=1):
        candidates.append((number, cells))
        if number >= HEADER_SEARCH_ROWS:
            break
    non_empty = [(n, c) for n, c in candidates if any(cell_text(v) for v in c)]
    if not non_empty:
        raise BerkasError("Berkas tidak berisi data: tidak ada baris judul maupun baris pegawai.")
    # The header is the first row naming both NIP and Nama; else the first row (which then fails clearly).
    header_row, header = next((item for item in non_empty if has_required_headers(item[1])), non_empty[0])
    kolom = map_headers(header)
    rows: list[tuple[int, dict[str, object]]] = []
    empty_run = 0

    def take(number: int, cells: list[object]) -> bool:
        nonlocal empty_run
        values = {name: (cells[i] if i < len(cells) else None) for name, i in kolom.indeks.items()}
        if not any(cell_text(v) for v in values.values()):
            empty_run += 1
            return empty_run < _EMPTY_RUN_LIMIT
        empty_run = 0
        if len(rows) >= MAX_BARIS:
            raise BerkasError(f"Berkas berisi lebih dari {ribuan(MAX_BARIS)} baris data. Pecah menjadi beberapa berkas.")
        rows.append((number, values))
        return True

    for number, cells in candidates:
        if number > header_row and not take(number, cells):
            break
    else:
        for number, cells in enumerate(rows_iter, start=len(candidates) + 1):
            if not take(number, cells):
                break
    if not rows:
        raise BerkasError("Berkas hanya berisi baris judul; tidak ada data pegawai di bawahnya.")
    return Tabel(keterangan, header_row, kolom, rows)


# ------------------------------------------------------------------ CSV

def _decode(data: bytes) -> tuple[str, str]:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    for encoding, label in (("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252")):
        try:
            return data.decode(encoding), label
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "Latin-1"


def _pick_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    best, best_score = ";", (-1, -1)
    for delimiter in _DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO(sample), delimiter=delimiter))
        except csv.Error:
            continue
        recognised = max((header_score(r) for r in rows), default=0)
        score = (recognised, sample.count(delimiter))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _baca_csv(data: bytes) -> Tabel:
    text, encoding = _decode(data)
    if _CONTROL.search(text):
        raise BerkasError("Berkas ini bukan teks CSV yang dapat dibaca. Simpan data dari Excel sebagai "
                          "CSV (dipisah koma atau titik koma) atau sebagai .xlsx, lalu unggah lagi.")
    first_line, _, rest = text.partition("\n")
    declared = re.fullmatch(r"sep=([;,\t])", first_line.strip())
    if declared:
        # Excel's "sep=;" line is not shown as a row in Excel, so it does not count.
        delimiter, text = declared.group(1), rest
    else:
        delimiter = _pick_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows() -> Iterator[list[object]]:
        try:
            for record in reader:
                yield list(record[:MAX_KOLOM])
        except csv.Error as err:
            raise BerkasError(f"Berkas CSV rusak di sekitar baris {reader.line_num}: periksa tanda kutip.") from err

    return _build(rows(), f"CSV (pemisah {_DELIMITERS[delimiter]}, {encoding})")


# ------------------------------------------------------------------ XLSX

def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as err:
        raise BerkasError("Berkas .xlsx ini rusak atau bukan berkas Excel. Buka di Excel lalu simpan ulang "
                          "sebagai .xlsx, atau simpan sebagai CSV.") from err
    if "xl/workbook.xml" not in names:
        raise BerkasError("Berkas ini bukan buku kerja Excel (.xlsx). Simpan ulang dari Excel sebagai .xlsx atau CSV.")
    if unpacked > MAX_XLSX_UNPACKED:
        raise BerkasError("Isi berkas Excel terlalu besar. Simpan hanya lembar data pegawai, atau pecah berkasnya.")


def _baca_xlsx(data: bytes) -> Tabel:
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        with warnings.catch_warnings():
            # Real exports carry styles, validations and extensions openpyxl only warns about.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                if not workbook.worksheets:
                    raise BerkasError("Berkas Excel tidak memiliki lembar kerja.")
                sheet = workbook.worksheets[0]
                raw = ([*row] for row in sheet.iter_rows(min_row=1, max_col=MAX_KOLOM, values_only=True))
                return _build(raw, f"XLSX (lembar pertama: '{sheet.title}')")
            finally:
                workbook.close()
    except BerkasError:
        raise
    except Exception as err:  # openpyxl raises many types for damaged XML inside a valid zip
        log.info("berkas xlsx tidak terbaca: %s", type(err).__name__)
        raise BerkasError("Berkas Excel tidak dapat dibaca (isinya rusak). Buka di Excel lalu simpan ulang "
                          "sebagai .xlsx, atau simpan sebagai CSV.") from err
