"""Issue #11 §3/§4 rules: absences in the calendar, pro-rata targets, overlaps, CSV rows, rencana aksi periods."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kinerja.kalender import rules as kal
from kinerja.ketidakhadiran import rules
from kinerja.rencana_aksi import rules as ra


def test_absence_across_a_month_boundary_is_clipped_to_each_month():
    rentang = [(date(2026, 1, 29), date(2026, 2, 3), kal.CUTI)]
    januari = kal.hari_absen(rentang, date(2026, 1, 1), date(2026, 1, 31))
    februari = kal.hari_absen(rentang, date(2026, 2, 1), date(2026, 2, 28))
    assert sorted(januari) == [date(2026, 1, 29), date(2026, 1, 30), date(2026, 1, 31)]
    assert sorted(februari) == [date(2026, 2, 1), date(2026, 2, 2), date(2026, 2, 3)]
    assert set(januari.values()) == {kal.CUTI}


def test_absence_days_are_not_days_to_log_but_remain_unit_working_days():
    k = kal.KalenderKerja(5, frozenset({date(2026, 2, 17)}),
                          kal.hari_absen([(date(2026, 2, 16), date(2026, 2, 18), kal.SAKIT)],
                                         date(2026, 2, 1), date(2026, 2, 28)))
    assert k.is_working_day(date(2026, 2, 16)) and not k.wajib_lapor(date(2026, 2, 16))
    assert not k.wajib_lapor(date(2026, 2, 17))  # holiday anyway
    assert k.wajib_lapor(date(2026, 2, 19))
    # February 2026: 20 weekdays, one holiday → 19 working days, two of them sick → 17 to log.
    assert len(k.hari_wajib(date(2026, 2, 1), date(2026, 2, 28))) == 17


def test_leap_year_february_counts_the_29th():
    rentang = [(date(2028, 2, 28), date(2028, 3, 1), kal.DINAS_LUAR)]
    days = kal.hari_absen(rentang, date(2028, 2, 1), date(2028, 2, 29))
    assert date(2028, 2, 29) in days and len(days) == 2
    assert kal.working_days_in_month(2028, 2) == 21  # 29 Feb 2028 is a Tuesday
    assert kal.target_pro_rata(6750, 21, 2) == 6107  # 6750 × 19/21 = 6107.14


@pytest.mark.parametrize(("target", "hari_kerja", "absen", "expected"), [
    (6750, 20, 0, 6750),
    (6750, 20, 5, 5063),   # 5062.5 rounds half up
    (6750, 20, 20, 0),     # a whole month of cuti
    (6750, 20, 25, 0),     # never negative
    (6750, 0, 0, 0),       # no working day at all
    (6750, 22, 1, 6443),   # 6443.18
])
def test_target_pro_rata(target, hari_kerja, absen, expected):
    assert kal.target_pro_rata(target, hari_kerja, absen) == expected


def test_overlaps_refused_and_touching_ranges_allowed():
    ada = [rules.Rentang(1, kal.CUTI, date(2026, 3, 2), date(2026, 3, 6))]
    assert rules.tumpang_tindih(date(2026, 3, 6), date(2026, 3, 9), ada).id == 1
    assert rules.tumpang_tindih(date(2026, 2, 27), date(2026, 3, 2), ada).id == 1
    assert rules.tumpang_tindih(date(2026, 3, 7), date(2026, 3, 9), ada) is None
    assert rules.tumpang_tindih(date(2026, 3, 2), date(2026, 3, 6), ada, kecuali=1) is None
    assert "bertumpang dengan Cuti 02-03-2026 s.d. 06-03-2026" in rules.pesan_tumpang(ada[0])


@pytest.mark.parametrize(("jenis", "mulai", "selesai", "field"), [
    ("Libur", date(2026, 1, 1), date(2026, 1, 1), "jenis"),
    (kal.CUTI, None, date(2026, 1, 1), "tanggal_mulai"),
    (kal.CUTI, date(2026, 1, 2), date(2026, 1, 1), "tanggal_selesai"),
    (kal.TUGAS_BELAJAR, date(2026, 1, 1), date(2030, 1, 1), "tanggal_selesai"),
])
def test_periksa_rentang_refuses(jenis, mulai, selesai, field):
    assert rules.periksa_rentang(jenis, mulai, selesai)[0] == field


def test_periksa_rentang_accepts_one_day():
    assert rules.periksa_rentang(kal.SAKIT, date(2026, 1, 5), date(2026, 1, 5)) is None


def test_csv_rows_keep_spreadsheet_numbers_and_accept_codes():
    data = (b"NIP;Jenis;Tanggal Mulai;Tanggal Selesai;Keterangan\n"
            b"199203112019031007;C;02-03-2026;04-03-2026;Cuti tahunan\n"
            b"\n"
            b"'199203112019031007;Dinas Luar;2026-03-10;;Rapat provinsi\n"
            b"199203112019031007;Izin;2026-03-10;;\n")
    rows = rules.baca_csv(data)
    assert [n for n, _ in rows] == [2, 4, 5]
    first = rules.periksa_baris(*rows[0])
    assert (first.jenis, first.mulai, first.selesai) == (kal.CUTI, date(2026, 3, 2), date(2026, 3, 4))
    second = rules.periksa_baris(*rows[1])
    assert second.nip == "199203112019031007" and second.selesai == date(2026, 3, 10)
    assert "tidak dikenal" in rules.periksa_baris(*rows[2])


def test_csv_without_required_columns_is_refused_as_a_whole():
    with pytest.raises(rules.BerkasError, match="Tanggal Mulai"):
        rules.baca_csv(b"NIP,Jenis\n1,C\n")


def test_rows_overlapping_inside_the_file():
    a = rules.BarisImpor(2, "1", kal.CUTI, date(2026, 3, 2), date(2026, 3, 4), None)
    b = rules.BarisImpor(3, "1", kal.SAKIT, date(2026, 3, 4), date(2026, 3, 4), None)
    c = rules.BarisImpor(4, "2", kal.SAKIT, date(2026, 3, 4), date(2026, 3, 4), None)
    assert rules.tumpang_dalam_berkas([a, b, c]) == {3: "Bertumpang dengan baris 2 untuk NIP yang sama."}


def test_rencana_aksi_periods_follow_the_pattern():
    tw = ra.periode_tahun(2028, "semesteran")
    assert [p.kode for p in tw] == ["TW1", "TW2", "TW3", "TW4"]
    assert tw[0].selesai == date(2028, 3, 31) and tw[0].nama == "Triwulan I 2028"
    bulan = ra.periode_tahun(2028, "bulanan")
    assert len(bulan) == 12 and bulan[1].selesai == date(2028, 2, 29) and bulan[1].nama == "Februari 2028"
    assert ra.periode_pada(date(2026, 7, 1), "triwulanan").kode == "TW3"
    assert ra.periode_pada(date(2026, 7, 1), "bulanan").kode == "B07"


def test_rencana_aksi_needs_text_target_and_unit():
    assert ra.periksa("", Decimal(1), "dokumen")[0] == "uraian"
    assert ra.periksa("Draf", Decimal(0), "dokumen")[0] == "target"
    assert ra.periksa("Draf", Decimal(2), " ")[0] == "satuan"
    assert ra.periksa("Draf", Decimal(2), "dokumen") is None
    assert ra.persen(Decimal(3), Decimal(2)) == 100 and ra.persen(Decimal(1), Decimal(4)) == 25
