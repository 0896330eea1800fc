"""Dasbor rules (pure): the unit subtree, working days, percentiles, formats."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.dasbor import rules
from kinerja.dasbor.rules import Unit

UNITS = [Unit(1, "Dinas", None), Unit(2, "Bidang A", 1), Unit(3, "Seksi A1", 2), Unit(4, "Seksi A2", 2),
         Unit(5, "Bidang B", 1), Unit(6, "Seksi B1", 5)]


def test_subtree_is_the_unit_and_everything_below():
    anak = rules.anak_map(UNITS)
    assert rules.subtree(anak, 1) == [1, 2, 5, 3, 4, 6]
    assert rules.subtree(anak, 2) == [2, 3, 4]
    assert rules.subtree(anak, 6) == [6]


def test_subtree_survives_a_cycle():
    anak = rules.anak_map([Unit(1, "A", 2), Unit(2, "B", 1)])
    assert sorted(rules.subtree(anak, 1)) == [1, 2]


def test_breadcrumb_stops_at_the_viewers_root():
    units = {u.id: u for u in UNITS}
    assert [u.id for u in rules.jalur(units, 3)] == [1, 2, 3]
    assert [u.id for u in rules.jalur(units, 3, sampai=[2])] == [2, 3]


@pytest.mark.parametrize("tahun,bulan,delta,hasil", [(2026, 1, -1, (2025, 12)), (2026, 12, 1, (2027, 1)),
                                                     (2026, 3, -14, (2025, 1)), (2026, 5, 0, (2026, 5))])
def test_geser_bulan(tahun, bulan, delta, hasil):
    assert rules.geser_bulan(tahun, bulan, delta) == hasil


def test_bulan_terakhir_oldest_first():
    assert rules.bulan_terakhir(2026, 2, 3) == [(2025, 12), (2026, 1), (2026, 2)]


def test_working_days_exclude_holidays_weekends_and_the_future():
    nyepi = date(2026, 3, 19)
    assert len(rules.hari_kerja_dihitung(2026, 3, 5, {nyepi}, date(2026, 12, 1))) == 21
    assert len(rules.hari_kerja_dihitung(2026, 3, 6, {nyepi}, date(2026, 12, 1))) == 25  # + 4 Saturdays
    assert len(rules.hari_kerja_dihitung(2026, 3, 5, set(), date(2026, 3, 4))) == 3  # running month: 2, 3, 4
    assert rules.hari_kerja_dihitung(2026, 4, 5, set(), date(2026, 3, 4)) == []


def test_batas_tunggakan_counts_working_days_back():
    # Monday 9 March 2026: three working days back is Wednesday 4 March.
    assert rules.batas_tunggakan(date(2026, 3, 9), set()) == date(2026, 3, 4)
    assert rules.batas_tunggakan(date(2026, 3, 9), {date(2026, 3, 5)}) == date(2026, 3, 3)


def test_percentiles():
    assert rules.median([]) is None
    assert rules.median([5]) == 5
    assert rules.median([2, 4, 10]) == 4
    assert rules.persentil([2, 4, 10], 90) == pytest.approx(8.8)
    assert rules.median([1, 2, 3, 4]) == 2.5


@given(st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=60),
       st.sampled_from([0, 10, 50, 90, 100]))
def test_histogram_percentile_equals_the_expanded_list(values, p):
    hist: dict[float, int] = {}
    for v in values:
        hist[v / 10] = hist.get(v / 10, 0) + 1
    assert rules.persentil_histogram(hist, p) == pytest.approx(rules.persentil([v / 10 for v in values], p))


def test_histogram_percentile_of_nothing():
    assert rules.persentil_histogram({}, 50) is None
    assert rules.persentil_histogram({3.0: 0}, 50) is None


@pytest.mark.parametrize("nilai,teks", [(None, "–"), (Fraction(17, 20), "85%"), (Fraction(1, 200), "1%"),
                                        (Fraction(0), "0%"), (Fraction(2, 3), "67%")])
def test_format_persen(nilai, teks):
    assert rules.format_persen(nilai) == teks


@pytest.mark.parametrize("jam,teks", [(None, "–"), (0.5, "30 menit"), (4, "4,0 jam"), (8.8, "8,8 jam"),
                                      (60, "2,5 hari")])
def test_format_jam(jam, teks):
    assert rules.format_jam(jam) == teks


def test_format_angka_uses_the_indonesian_thousands_separator():
    assert rules.format_angka(6750) == "6.750"
    assert rules.format_angka(None) == "–"


def test_persen_of_zero_is_none():
    assert rules.persen(3, 0) is None
    assert rules.persen(3, 4) == Fraction(3, 4)


def test_every_figure_has_a_definition():
    for key in ("kepatuhan", "belum_hari_ini", "menit", "umpan_balik", "tunggakan", "skp", "rhk_tanpa_intervensi",
                "evaluasi", "kurva", "dialog", "tren"):
        assert rules.DEFINISI[key].strip()


@pytest.mark.parametrize("nilai,atas", [(7762, 8000), (1, 1), (100, 100), (6, 8), (7425, 8000)])
def test_trend_axis_top_is_round(nilai, atas):
    from kinerja.dasbor.grafik import _atas_rapi

    assert _atas_rapi(nilai) == atas


def test_trend_svg_escapes_and_describes_every_point():
    from kinerja.dasbor.grafik import Titik, tren_svg

    svg = str(tren_svg('Judul "uji" <b>', [Titik("Jan 26", "Januari 2026", 50, "50%"),
                                          Titik("Feb 26", "Februari 2026", None, "–")], maks=100))
    assert "<title>Judul \"uji\" &lt;b&gt;</title>" in svg
    assert 'aria-label="Judul &quot;uji&quot; &lt;b&gt;. Januari 2026: 50%; Februari 2026: –"' in svg
    assert "<b>" not in svg and "style=" not in svg


def test_capaian_comes_from_the_unit_or_its_nearest_ancestor():
    units = {u.id: u for u in UNITS}
    assert rules.capaian_efektif(3, {2: "Baik", 1: "Istimewa"}, units) == ("Baik", 2)
    assert rules.capaian_efektif(6, {2: "Baik", 1: "Istimewa"}, units) == ("Istimewa", 1)
    assert rules.capaian_efektif(6, {}, units) == (None, None)
    assert rules.capaian_efektif(None, {1: "Baik"}, units) == (None, None)


# ------------------------------------------------------------------ kepatuhan with absences (issue #11 §3)

SENIN = date(2026, 3, 2)
HK = [date(2026, 3, d) for d in (2, 3, 4, 5, 6, 9, 10)]  # seven working days


def test_kepatuhan_tanpa_ketidakhadiran_sama_seperti_dulu():
    assert rules.hari_kepatuhan(HK, {SENIN, date(2026, 3, 7)}, {}) == (7, 1)  # Saturday logged: not a working day


def test_hari_cuti_sakit_tb_bukan_hari_kerja_pegawai_itu():
    absen = {date(2026, 3, 3): "Cuti", date(2026, 3, 4): "Sakit", date(2026, 3, 5): "Tugas Belajar"}
    assert rules.hari_kepatuhan(HK, {SENIN, date(2026, 3, 6)}, absen) == (4, 2)
    # Logged anyway on a day of cuti: neither owed nor counted.
    assert rules.hari_kepatuhan(HK, {SENIN, date(2026, 3, 3)}, absen) == (4, 1)


def test_dinas_luar_boleh_dicatat_dan_dihitung_bila_dicatat():
    absen = {date(2026, 3, 3): "Dinas Luar", date(2026, 3, 4): "Dinas Luar"}
    assert rules.hari_kepatuhan(HK, {SENIN, date(2026, 3, 3)}, absen) == (6, 2)  # 4 March: not owed


def test_ketidakhadiran_di_hari_libur_tidak_mengurangi_apa_pun():
    assert rules.hari_kepatuhan(HK, set(), {date(2026, 3, 7): "Cuti", date(2026, 3, 8): "Cuti"}) == (7, 0)


def test_sebulan_cuti_tanpa_hari_wajib_tanpa_persen():
    wajib, tercatat = rules.hari_kepatuhan(HK, set(), dict.fromkeys(HK, "Cuti"))
    assert (wajib, tercatat) == (0, 0) and rules.persen(tercatat, wajib) is None
