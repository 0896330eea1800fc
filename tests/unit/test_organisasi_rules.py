from datetime import date

import pytest

from kinerja.organisasi.rules import (
    NipError,
    atasan_problem,
    format_nip,
    golongan_problem,
    infer_jenis_jabatan,
    mask_nip,
    normalise_golongan,
    parse_nip,
)

TODAY = date(2026, 11, 28)


def test_nip_from_domain_figures():
    info = parse_nip("198609262015051001", today=TODAY)
    assert info.tanggal_lahir == date(1986, 9, 26)
    assert (info.tmt_tahun, info.tmt_bulan) == (2015, 5)
    assert info.jenis_kelamin == "L"
    assert info.nomor_urut == "001"


def test_nip_with_spaces_is_normalised():
    assert parse_nip("19860926 201505 1 001", today=TODAY).nip == "198609262015051001"


@pytest.mark.parametrize(
    "nip, fragment",
    [
        ("12345", "18 digit"),
        ("1986092620150510011", "18 digit"),
        ("19860926201505100X", "18 digit"),
        ("198613262015051001", "tanggal lahir"),  # month 13
        ("198602302015051001", "tanggal lahir"),  # 30 February
        ("198609262015131001", "bulan TMT"),
        ("198609262015053001", "jenis kelamin"),
        ("198609262015051000", "nomor urut"),
        ("198609261990051001", "TMT CPNS"),  # CPNS at age 3
        ("202801012015051001", "masa depan"),
    ],
)
def test_bad_nip_is_refused_with_reason(nip, fragment):
    with pytest.raises(NipError) as err:
        parse_nip(nip, today=TODAY)
    assert fragment in str(err.value)


def test_pppk_nip_has_looser_check():
    info = parse_nip("199001012021219001", status="PPPK", today=TODAY)
    assert info.tanggal_lahir == date(1990, 1, 1)
    assert info.jenis_kelamin is None


def test_format_and_mask():
    assert format_nip("198609262015051001") == "19860926 201505 1 001"
    assert format_nip(None) == ""
    assert mask_nip("198609262015051001") == "1986**** ****** * 001"


@pytest.mark.parametrize(
    "raw, expected",
    [("III/a", "III/a"), ("iii/A", "III/a"), ("3a", "III/a"), ("III-b", "III/b"), ("IV/e", "IV/e"),
     ("IX", "IX"), (" ", None), (None, None)],
)
def test_normalise_golongan(raw, expected):
    assert normalise_golongan(raw) == expected


def test_golongan_problem():
    assert golongan_problem("PNS", "III/a") is None
    assert golongan_problem("PNS", "V/a") is not None
    assert golongan_problem("PPPK", "IX") is None
    assert golongan_problem("PPPK", "III/a") is not None


def chain(mapping):
    return lambda pid: mapping.get(pid)


def test_atasan_self_reference():
    assert "dirinya sendiri" in atasan_problem(1, 1, chain({}))


def test_atasan_cycle_detected():
    # 1 → 2 → 3; making 3 the atasan of 1 is fine, making 1 the atasan of 3 loops.
    mapping = {2: 1, 3: 2}
    assert atasan_problem(2, 3, chain(mapping)) is not None
    assert atasan_problem(4, 3, chain(mapping)) is None
    assert atasan_problem(1, None, chain(mapping)) is None


@pytest.mark.parametrize(
    "nama, jenis, jenjang",
    [
        ("Kepala Dinas Komunikasi dan Informatika", "JPT", None),
        ("Sekretaris Dinas", "Administrator", None),
        ("Kepala Bidang Aplikasi Informatika", "Administrator", None),
        ("Kepala Seksi Statistik Sektoral", "Pengawas", None),
        ("Kepala Subbagian Umum dan Kepegawaian", "Pengawas", None),
        ("Pranata Komputer Ahli Pertama", "Fungsional", "Ahli Pertama"),
        ("Pranata Humas Terampil", "Fungsional", "Terampil"),
        ("Pengadministrasi Umum", "Pelaksana", None),
    ],
)
def test_infer_jenis_jabatan(nama, jenis, jenjang):
    assert infer_jenis_jabatan(nama) == (jenis, jenjang)
