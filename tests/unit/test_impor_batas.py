"""XLSX import: an oversized or over-compressed part is refused before openpyxl parses anything."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from kinerja.organisasi.impor.berkas import MAX_XLSX_BAGIAN, MAX_XLSX_RASIO, MAX_XLSX_TEKS, baca_berkas
from kinerja.organisasi.impor.rules import BerkasError

pytestmark = pytest.mark.no_db


def _workbook_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["NIP", "Nama", "Status", "Golongan", "Jabatan", "Unit Kerja"])
    ws.append(["198609262015051001", "Budi", "PNS", "III/a", "Analis", "Seksi A"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    """The same workbook with one part replaced (or added), deflated like Excel does."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info.filename, src.read(info.filename))
        dst.writestr(name, content)
    return out.getvalue()


def _shared_strings(n: int) -> bytes:
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (n, n))
    return head + b"<si><t>a</t></si>" * n + b"</sst>"


def test_millions_of_tiny_shared_strings_are_refused_before_parsing():
    # The finding: a ~455 KB file with 11 million shared strings took 87 s of CPU and 780 MB.
    # Here 3 million (51 MB unpacked, ~100 KB on disk) keep the test quick; the check is the same.
    bomb = _replace_part(_workbook_bytes(), "xl/sharedStrings.xml", _shared_strings(3_000_000))
    assert len(bomb) < 500_000
    started = time.process_time()
    with pytest.raises(BerkasError) as err:
        baca_berkas(bomb, "pegawai.xlsx")
    assert time.process_time() - started < 5  # refused from the zip directory, never parsed
    assert "terlalu besar" in str(err.value) and "xl/sharedStrings.xml" in str(err.value)


def test_a_part_under_the_size_cap_but_compressed_like_a_bomb_is_refused():
    n = (MAX_XLSX_TEKS // 2) // 17  # half the cap, but ~400:1 compression
    bomb = _replace_part(_workbook_bytes(), "xl/sharedStrings.xml", _shared_strings(n))
    with pytest.raises(BerkasError) as err:
        baca_berkas(bomb, "pegawai.xlsx")
    assert "dimampatkan" in str(err.value)


def test_an_oversized_sheet_is_refused():
    row = b'<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
             b'2006/main"><sheetData>' + row * (MAX_XLSX_BAGIAN // len(row) + 10) + b"</sheetData></worksheet>")
    bomb = _replace_part(_workbook_bytes(), "xl/worksheets/sheet1.xml", sheet)
    with pytest.raises(BerkasError) as err:
        baca_berkas(bomb, "pegawai.xlsx")
    assert "xl/worksheets/sheet1.xml" in str(err.value)


def test_caps_are_stated_and_a_normal_workbook_still_reads():
    assert MAX_XLSX_TEKS <= MAX_XLSX_BAGIAN <= 64 * 1024 * 1024
    assert 20 <= MAX_XLSX_RASIO <= 200
    tabel = baca_berkas(_workbook_bytes(), "pegawai.xlsx")
    assert len(tabel.rows) == 1
