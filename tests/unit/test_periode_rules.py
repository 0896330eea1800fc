"""Period arithmetic for a Tahun Kinerja (kinerja.periode.rules)."""

from datetime import date

import pytest

from kinerja.periode.rules import (
    BATAS_PENGISIAN_HARI,
    akhir_bulan,
    batas_default,
    batas_problem,
    periode_memuat,
    periode_untuk,
    pola_problem,
    tahun_problem,
)


def _ringkas(periode):
    return [(p.kode, p.nama, p.jenis, p.tanggal_mulai, p.tanggal_selesai) for p in periode]


def test_semesteran_2026_matches_domain_figures():
    assert _ringkas(periode_untuk(2026, "semesteran")) == [
        ("S1", "Semester I", "semester", date(2026, 1, 1), date(2026, 6, 30)),
        ("S2", "Semester II", "semester", date(2026, 7, 1), date(2026, 12, 31)),
        ("AKHIR", "Akhir", "akhir", date(2026, 1, 1), date(2026, 12, 31)),
    ]


def test_default_pola_is_semesteran_and_deadline_is_fourteen_days_after_end():
    periode = periode_untuk(2026)
    assert [p.kode for p in periode] == ["S1", "S2", "AKHIR"]
    assert BATAS_PENGISIAN_HARI == 14
    assert periode[0].batas_pengisian == date(2026, 7, 14)
    assert periode[1].batas_pengisian == date(2027, 1, 14)
    assert [p.urutan for p in periode] == [1, 2, 3]


@pytest.mark.parametrize("tahun, kode, mulai, selesai, batas", [
    (2026, "TW1", date(2026, 1, 1), date(2026, 3, 31), date(2026, 4, 14)),
    (2026, "TW2", date(2026, 4, 1), date(2026, 6, 30), date(2026, 7, 14)),
    (2026, "TW3", date(2026, 7, 1), date(2026, 9, 30), date(2026, 10, 14)),
    (2026, "TW4", date(2026, 10, 1), date(2026, 12, 31), date(2027, 1, 14)),
    (2028, "TW1", date(2028, 1, 1), date(2028, 3, 31), date(2028, 4, 14)),
])
def test_triwulanan(tahun, kode, mulai, selesai, batas):
    periode = {p.kode: p for p in periode_untuk(tahun, "triwulanan")}
    assert list(periode) == ["TW1", "TW2", "TW3", "TW4"]
    p = periode[kode]
    assert (p.tanggal_mulai, p.tanggal_selesai, p.batas_pengisian) == (mulai, selesai, batas)


def test_triwulan_iv_is_the_akhir_period():
    tw4 = periode_untuk(2026, "triwulanan")[-1]
    assert (tw4.nama, tw4.jenis) == ("Triwulan IV/Akhir", "akhir")


@pytest.mark.parametrize("tahun, bulan, hari_terakhir", [
    (2024, 2, 29),  # leap year
    (2026, 2, 28),
    (2000, 2, 29),  # divisible by 400: leap
    (2100, 2, 28),  # divisible by 100 only: not leap
    (2026, 4, 30),
    (2026, 12, 31),
])
def test_bulanan_month_ends_including_leap_years(tahun, bulan, hari_terakhir):
    periode = {p.kode: p for p in periode_untuk(tahun, "bulanan")}
    p = periode[f"B{bulan:02d}"]
    assert p.tanggal_mulai == date(tahun, bulan, 1)
    assert p.tanggal_selesai == date(tahun, bulan, hari_terakhir)
    assert akhir_bulan(tahun, bulan).day == hari_terakhir


def test_bulanan_has_twelve_months_and_akhir():
    periode = periode_untuk(2026, "bulanan")
    assert len(periode) == 13
    assert periode[0].nama == "Januari" and periode[11].nama == "Desember"
    assert (periode[-1].kode, periode[-1].tanggal_mulai, periode[-1].tanggal_selesai) == (
        "AKHIR", date(2026, 1, 1), date(2026, 12, 31))


def test_leap_february_deadline():
    feb = {p.kode: p for p in periode_untuk(2024, "bulanan")}["B02"]
    assert feb.batas_pengisian == date(2024, 3, 14)


@pytest.mark.parametrize("pola, tanggal, kode", [
    ("semesteran", date(2026, 1, 1), "S1"),
    ("semesteran", date(2026, 6, 30), "S1"),
    ("semesteran", date(2026, 7, 1), "S2"),
    ("semesteran", date(2026, 12, 31), "S2"),
    ("triwulanan", date(2026, 5, 15), "TW2"),
    ("triwulanan", date(2026, 11, 2), "TW4"),
    ("bulanan", date(2024, 2, 29), "B02"),
    ("bulanan", date(2026, 3, 1), "B03"),
])
def test_period_containing_a_date_prefers_the_shortest(pola, tanggal, kode):
    periode = periode_untuk(tanggal.year, pola)
    assert periode_memuat(periode, tanggal).kode == kode


def test_period_containing_a_date_outside_the_year_is_none():
    assert periode_memuat(periode_untuk(2026), date(2027, 1, 1)) is None


@pytest.mark.parametrize("tahun, ok", [(2026, True), (2000, True), (2100, True), (1999, False), (2101, False), (None, False)])
def test_tahun_range(tahun, ok):
    assert (tahun_problem(tahun) is None) is ok


@pytest.mark.parametrize("pola, ok", [("semesteran", True), ("triwulanan", True), ("bulanan", True), ("harian", False), (None, False)])
def test_pola(pola, ok):
    assert (pola_problem(pola) is None) is ok


def test_unknown_pola_raises():
    with pytest.raises(ValueError):
        periode_untuk(2026, "mingguan")


@pytest.mark.parametrize("selesai, batas, ok", [
    (date(2026, 6, 30), date(2026, 6, 30), True),
    (date(2026, 6, 30), date(2026, 7, 31), True),
    (date(2026, 6, 30), date(2026, 6, 29), False),
    (date(2026, 6, 30), None, False),
    (date(2026, 6, 30), date(2027, 7, 31), False),
])
def test_batas_pengisian(selesai, batas, ok):
    assert (batas_problem(selesai, batas) is None) is ok


def test_batas_default_custom_days():
    assert batas_default(date(2026, 12, 31), 7) == date(2027, 1, 7)
