"""Pure rules of the pegawai import: headers, golongan, NIP cells from Excel, rows, files."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from kinerja.organisasi.impor.berkas import baca_berkas
from kinerja.organisasi.impor.rules import (
    BerkasError,
    NipCellError,
    duplicate_rows,
    extract_golongan,
    find_cycles,
    map_headers,
    match_header,
    nip_from_cell,
    parse_email,
    parse_status,
    validate_row,
)

NIP = "198609262015051001"
NIP_ATASAN = "197501012000031002"
TODAY = date(2026, 6, 1)


@pytest.mark.parametrize("header, field", [
    ("NIP", "nip"), ("nip", "nip"), ("NIP Baru", "nip"), (" N.I.P. ", "nip"), ("NIP/NI PPPK", "nip"),
    ("Nama", "nama"), ("Nama Lengkap", "nama"), ("NAMA PEGAWAI", "nama"),
    ("Gol", "golongan"), ("Golongan", "golongan"), ("Pangkat / Gol. Ruang", "golongan"),
    ("Gol. Ruang", "golongan"), ("Pangkat/Golongan", "golongan"),
    ("Jabatan", "jabatan"), ("Nama Jabatan", "jabatan"),
    ("Unit", "unit"), ("Unit Kerja", "unit"), ("UNOR", "unit"), ("Satuan Kerja", "unit"),
    ("NIP Atasan", "nip_atasan"), ("NIP Atasan Langsung", "nip_atasan"),
    ("Status", "status"), ("Status Pegawai", "status"), ("Status Kepegawaian", "status"),
    ("Jenis Pegawai", "status"),
    ("Email", "email"), ("E-mail", "email"), ("Surel", "email"), ("e_mail", "email"),
    ("Tempat Lahir", None), ("", None), ("Pangkat", None),
])
def test_match_header(header, field):
    assert match_header(header) == field


def test_map_headers_keeps_positions_and_lists_ignored_columns():
    kolom = map_headers(["No", "NIP Baru", "Nama Lengkap", "Gol. Ruang", "Tempat Lahir", None])
    assert kolom.indeks == {"nip": 1, "nama": 2, "golongan": 3}
    assert kolom.diabaikan == ("No", "Tempat Lahir")


@pytest.mark.parametrize("headers, expected", [
    (["Nama", "Jabatan"], "Kolom wajib tidak ditemukan: NIP."),
    (["foo", "bar"], "Kolom wajib tidak ditemukan: NIP, Nama."),
    (["NIP", "Nama", "Nama Lengkap"], "sama-sama berarti Nama"),
])
def test_map_headers_refuses_missing_or_repeated_columns(headers, expected):
    with pytest.raises(BerkasError) as err:
        map_headers(headers)
    assert expected in err.value.message


@pytest.mark.parametrize("raw, status, expected", [
    ("III/a", "PNS", "III/a"), ("III-a", "PNS", "III/a"), ("iii/A", "PNS", "III/a"), ("3a", "PNS", "III/a"),
    ("3/b", "PNS", "III/b"), ("III / c", "PNS", "III/c"), ("Penata Muda, III/a", "PNS", "III/a"),
    ("Penata Muda (III/a)", "PNS", "III/a"), ("Penata Muda Tingkat I, III/b", "PNS", "III/b"),
    ("Juru Tingkat I (I/d)", "CPNS", "I/d"), ("Pembina Utama, IV/e", "PNS", "IV/e"),
    ("Penata Muda", "PNS", "III/a"), ("Pembina Tk. I", "PNS", "IV/b"),
    ("IX", "PPPK", "IX"), ("Golongan IX", "PPPK", "IX"), ("9", "PPPK", "IX"), ("xvii", "PPPK", "XVII"),
    ("", "PNS", None), (None, "PPPK", None),
])
def test_extract_golongan(raw, status, expected):
    assert extract_golongan(raw, status) == expected


@pytest.mark.parametrize("raw, status, message", [
    ("V/a", "PNS", "Pangkat/golongan 'V/a' tidak dikenal"),
    ("II/e", "PNS", "tidak dikenal"),
    ("IX", "PNS", "tidak dikenal"),
    ("III/a", "PPPK", "golongan PPPK adalah I sampai XVII"),
    ("XVIII", "PPPK", "golongan PPPK adalah I sampai XVII"),
    ("golongan rahasia", "PNS", "tidak dikenal"),
])
def test_extract_golongan_refuses(raw, status, message):
    with pytest.raises(ValueError) as err:
        extract_golongan(raw, status)
    assert message in str(err.value)


@pytest.mark.parametrize("cell, expected", [
    (NIP, NIP), ("19860926 201505 1 001", NIP), ("'198609262015051001", NIP), ("NIP. 19860926 201505 1 001", NIP),
    ('="198609262015051001"', NIP),
    (int(NIP), NIP),                      # a Python int is exact
    (12345.0, "12345"),                   # short numbers survive (and then fail the 18-digit check)
    (None, ""), ("", ""),
])
def test_nip_from_cell(cell, expected):
    assert nip_from_cell(cell) == expected


@pytest.mark.parametrize("cell", [float(NIP), 1.98609262015051e17, "1.98609E+17", "1,98609262015051E+17"])
def test_nip_stored_as_excel_number_is_refused(cell):
    with pytest.raises(NipCellError) as err:
        nip_from_cell(cell)
    assert "NIP tersimpan sebagai angka di Excel; ubah kolom NIP menjadi teks" in str(err.value)


@pytest.mark.parametrize("raw, expected", [
    ("", None), ("PNS", "PNS"), ("cpns", "CPNS"), ("PPPK", "PPPK"), ("P3K", "PPPK"),
    ("Pegawai Negeri Sipil", "PNS"), ("Calon PNS", "CPNS"),
])
def test_parse_status(raw, expected):
    assert parse_status(raw) == expected


def test_parse_status_refuses_unknown():
    with pytest.raises(ValueError, match="Status kepegawaian 'Honorer' tidak dikenal"):
        parse_status("Honorer")


@pytest.mark.parametrize("raw, ok", [("a@b.go.id", True), ("", True), ("a@b", False), ("a b@c.id", False),
                                     ("tanpa-at.go.id", False)])
def test_parse_email(raw, ok):
    if ok:
        assert parse_email(raw) == (raw or None)
    else:
        with pytest.raises(ValueError, match="Alamat e-mail"):
            parse_email(raw)


def test_validate_row_good():
    row = validate_row(2, {"nip": NIP, "nama": " Budi  Santoso ", "golongan": "Penata Muda, III/a",
                           "status": "", "nip_atasan": NIP_ATASAN, "email": "budi@dinas.go.id"}, TODAY)
    assert row.errors == []
    assert (row.nip, row.nama, row.golongan, row.nip_atasan) == (NIP, "Budi Santoso", "III/a", NIP_ATASAN)
    assert row.status is None and row.jenis_kelamin == "L" and row.tanggal_lahir == date(1986, 9, 26)


@pytest.mark.parametrize("values, message", [
    ({"nip": "123", "nama": "A"}, "NIP harus 18 digit angka."),
    ({"nip": "198613262015051001", "nama": "A"}, "8 digit pertama harus tanggal lahir"),
    ({"nip": "", "nama": "A"}, "NIP wajib diisi."),
    ({"nip": NIP, "nama": ""}, "Nama wajib diisi."),
    ({"nip": NIP, "nama": "A", "golongan": "V/z"}, "Pangkat/golongan 'V/z' tidak dikenal"),
    ({"nip": NIP, "nama": "A", "nip_atasan": NIP}, "atasan dirinya sendiri"),
    ({"nip": NIP, "nama": "A", "nip_atasan": "12"}, "NIP Atasan '12' harus 18 digit angka."),
    ({"nip": NIP, "nama": "A", "nip_atasan": float(NIP_ATASAN)}, "NIP Atasan tersimpan sebagai angka di Excel"),
    ({"nip": NIP, "nama": "A", "email": "x@"}, "Alamat e-mail 'x@' tidak valid."),
    ({"nip": NIP, "nama": "A", "status": "Honorer"}, "tidak dikenal"),
])
def test_validate_row_reports(values, message):
    row = validate_row(7, values, TODAY)
    assert any(message in e for e in row.errors), row.errors


def test_validate_row_pppk_uses_looser_nip_and_roman_golongan():
    row = validate_row(2, {"nip": "199001012022210001", "nama": "A", "status": "PPPK", "golongan": "IX"}, TODAY)
    assert row.errors == [] and row.golongan == "IX"


def test_validate_row_keeps_status_of_existing_pegawai_when_empty():
    row = validate_row(2, {"nip": "199001012022210001", "nama": "A", "golongan": "IX"}, TODAY,
                       status_lama={"199001012022210001": "PPPK"})
    assert row.errors == []


def test_duplicate_rows_reports_every_repeat_after_the_first():
    assert duplicate_rows([(2, "a"), (3, "b"), (4, "a"), (5, None), (6, "a")]) == {
        4: "NIP a ganda: sudah ada di baris 2.", 6: "NIP a ganda: sudah ada di baris 2."}


def test_find_cycles():
    graph = {"a": "b", "b": "c", "c": "a", "d": "a", "e": "e2", "e2": None, "s": "s"}
    cycles = find_cycles(graph, ["d", "e", "a", "s"])
    assert set(cycles) == {"a", "b", "c", "s"}
    assert cycles["b"] == ("b", "c", "a")


# ------------------------------------------------------------------ reading files

def _xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("data, encoding", [
    ("NIP;Nama;Gol\n198609262015051001;Budi Sántoso;III/a\n".encode(), "UTF-8"),
    ("\ufeffNIP;Nama;Gol\r\n198609262015051001;Budi Sántoso;III/a\r\n".encode("utf-8"), "UTF-8"),
    ("NIP;Nama;Gol\n198609262015051001;Budi Sántoso;III/a\n".encode("cp1252"), "Windows-1252"),
])
def test_csv_semicolon_and_encodings(data, encoding):
    tabel = baca_berkas(data, "pegawai.csv")
    assert "titik koma" in tabel.keterangan and encoding in tabel.keterangan
    assert tabel.rows == [(2, {"nip": NIP, "nama": "Budi Sántoso", "golongan": "III/a"})]


def test_csv_comma_with_quotes_and_skipped_empty_rows_keep_numbers():
    data = b'NIP,Nama,Jabatan\n198609262015051001,"Budi, S.Kom",Analis\n,,\n197501012000031002,Ani,"Kepala, Seksi"\n'
    tabel = baca_berkas(data, "x.csv")
    assert [n for n, _ in tabel.rows] == [2, 4]
    assert tabel.rows[0][1]["nama"] == "Budi, S.Kom"


def test_csv_sep_line_sets_the_delimiter_and_is_not_a_row():
    tabel = baca_berkas(b"sep=,\nNIP,Nama\n198609262015051001,Budi\n", "a.csv")
    assert "pemisah koma" in tabel.keterangan
    assert tabel.rows == [(2, {"nip": NIP, "nama": "Budi"})]


def test_xlsx_title_rows_and_row_numbers():
    data = _xlsx([["DAFTAR PEGAWAI"], [], ["NIP", "Nama Lengkap", "Gol."], [NIP, "Budi", "III/a"],
                  [], [float(NIP_ATASAN), "Ani", "IV/a"]])
    tabel = baca_berkas(data, "simpeg.xlsx")
    assert tabel.baris_judul == 3
    assert [(n, v["nip"]) for n, v in tabel.rows] == [(4, NIP), (6, float(NIP_ATASAN))]


def _with_exact_integer(data: bytes, rounded: str, exact: str) -> bytes:
    """Rewrite the sheet XML the way an exporter that writes whole integers would."""
    import zipfile

    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(rounded.encode(), exact.encode())
            dst.writestr(info, content)
    return out.getvalue()


def test_xlsx_nip_as_number():
    # openpyxl, like Excel, stores an 18-digit number rounded to 15 significant digits.
    data = _xlsx([["NIP", "Nama"], [int(NIP), "Budi"]])
    [(_, values)] = baca_berkas(data, "a.xlsx").rows
    assert isinstance(values["nip"], float)
    with pytest.raises(NipCellError):
        nip_from_cell(values["nip"])
    # An exporter that writes the exact integer is fine.
    exact = _with_exact_integer(data, repr(float(NIP)), NIP)
    [(_, values)] = baca_berkas(exact, "a.xlsx").rows
    assert values["nip"] == int(NIP) and nip_from_cell(values["nip"]) == NIP


@pytest.mark.parametrize("data, name, message", [
    (b"", "a.csv", "Berkas kosong"),
    (b"NIP;Nama\n", "a.csv", "hanya berisi baris judul"),
    (b"Foo;Bar\n1;2\n", "a.csv", "Kolom wajib tidak ditemukan: NIP, Nama"),
    (bytes(range(256)) * 8, "a.csv", "bukan teks CSV"),
    (b"PK\x03\x04garbage", "a.xlsx", "rusak atau bukan berkas Excel"),
    (b"just text", "a.xlsx", "rusak atau bukan berkas Excel"),
    (b"\xd0\xcf\x11\xe0", "a.xls", "Format Excel lama (.xls)"),
])
def test_unusable_files_give_a_clear_message(data, name, message):
    with pytest.raises(BerkasError) as err:
        baca_berkas(data, name)
    assert message in err.value.message


def test_zip_without_workbook_is_refused():
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(BerkasError, match="bukan buku kerja Excel"):
        baca_berkas(buf.getvalue(), "a.xlsx")


# ------------------------------------------------------------------ stored uploads

def test_stored_upload_is_only_for_its_owner_and_only_for_an_hour(tmp_path):
    from kinerja.organisasi.impor.unggahan import UnggahanError, delete_upload, load_upload, save_upload

    token = save_upload(tmp_path, 7, b"NIP;Nama\n", "simpeg.csv", now=1000.0)
    assert len(token) == 32 and (tmp_path / "impor" / f"{token}.bin").exists()
    assert load_upload(tmp_path, token, 7, now=1000.0 + 3599) == (b"NIP;Nama\n", "simpeg.csv")
    for bad_token, akun_id, now, status in [("../x", 7, 1000.0, 400), (None, 7, 1000.0, 400),
                                            ("f" * 32, 7, 1000.0, 404), (token, 8, 1000.0, 404),
                                            (token, 7, 1000.0 + 3600, 410)]:
        with pytest.raises(UnggahanError) as err:
            load_upload(tmp_path, bad_token, akun_id, now=now)
        assert err.value.status == status
    assert not (tmp_path / "impor" / f"{token}.bin").exists()   # the expired file went
    delete_upload(tmp_path, "../../etc/passwd")                  # ignored, not an error
