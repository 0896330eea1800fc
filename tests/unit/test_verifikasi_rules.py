"""Verification rules: who verifies (incl. delegation windows), compliance cells, working days."""

from datetime import date
from decimal import Decimal

import pytest

from kinerja.format import angka, durasi_panjang
from kinerja.laporan import rules as laporan_rules
from kinerja.verifikasi import rules
from kinerja.verifikasi.rules import Delegasi

pytestmark = pytest.mark.no_db

HARI = date(2026, 3, 10)  # a Tuesday
ATASAN, PEGAWAI, DELEGASI_KE, ORANG_LAIN = 10, 20, 30, 40
UNIT, UNIT_LAIN = 1, 2


def _d(mulai=date(2026, 3, 9), selesai=date(2026, 3, 13), aktif=True, unit=UNIT, verifikator=DELEGASI_KE):
    return Delegasi(unit, verifikator, mulai, selesai, aktif)


@pytest.mark.parametrize("actor, delegasi, expected", [
    (ATASAN, [], True),                    # the direct atasan
    (PEGAWAI, [], False),                  # never one's own entry
    (ORANG_LAIN, [], False),               # unrelated
    (None, [], False),                     # account without a pegawai (admin)
    (DELEGASI_KE, [_d()], True),           # delegate, inside the window
    (DELEGASI_KE, [_d(mulai=HARI, selesai=HARI)], True),            # one-day window, inclusive
    (DELEGASI_KE, [_d(mulai=date(2026, 3, 11))], False),             # not started yet
    (DELEGASI_KE, [_d(selesai=date(2026, 3, 9))], False),            # already over
    (DELEGASI_KE, [_d(aktif=False)], False),                          # ended by admin
    (DELEGASI_KE, [_d(unit=UNIT_LAIN)], False),                       # another unit
    (DELEGASI_KE, [_d(verifikator=ORANG_LAIN)], False),               # someone else's delegation
    (ORANG_LAIN, [_d()], False),
])
def test_boleh_memverifikasi(actor, delegasi, expected):
    assert rules.boleh_memverifikasi(actor, PEGAWAI, ATASAN, UNIT, delegasi, HARI) is expected


def test_delegate_cannot_verify_own_entries_in_the_delegated_unit():
    assert rules.boleh_memverifikasi(DELEGASI_KE, DELEGASI_KE, ATASAN, UNIT, [_d()], HARI) is False


def test_pegawai_without_unit_is_verified_only_by_atasan():
    assert rules.boleh_memverifikasi(DELEGASI_KE, PEGAWAI, ATASAN, None, [_d()], HARI) is False


@pytest.mark.parametrize("statuses, hari_kerja, expected", [
    (set(), True, "Kosong"),
    (set(), False, "Libur"),
    ({"Disetujui"}, True, "Disetujui"),
    ({"Disetujui", "Diajukan"}, True, "Diajukan"),
    ({"Disetujui", "Diajukan", "Draft"}, True, "Draft"),
    ({"Disetujui", "Dikembalikan"}, True, "Dikembalikan"),
    ({"Draft", "Dikembalikan"}, True, "Dikembalikan"),
    ({"Disetujui"}, False, "Disetujui"),  # logged on a holiday still shows
])
def test_status_sel_is_the_worst_state(statuses, hari_kerja, expected):
    assert rules.status_sel(statuses, hari_kerja) == expected


def test_every_cell_state_has_text_and_label():
    for status in (rules.KOSONG, rules.LIBUR, *rules.URUTAN_TERBURUK):
        assert rules.LABEL_SEL[status] and rules.SINGKATAN_SEL[status]


def test_hari_kerja_terakhir_five_day_week_skips_weekend_and_holidays():
    libur = {date(2026, 3, 3)}
    days = rules.hari_kerja_terakhir(HARI, 5, 5, libur)
    assert days == [date(2026, 3, 4), date(2026, 3, 5), date(2026, 3, 6), date(2026, 3, 9), date(2026, 3, 10)]


def test_hari_kerja_terakhir_six_day_week_includes_saturday():
    days = rules.hari_kerja_terakhir(HARI, 3, 6, set())
    assert days == [date(2026, 3, 7), date(2026, 3, 9), date(2026, 3, 10)]


def test_hari_kerja_terakhir_from_a_sunday_ends_on_friday():
    assert rules.hari_kerja_terakhir(date(2026, 3, 8), 1, 5, set()) == [date(2026, 3, 6)]


@pytest.mark.parametrize("verdict, expected", [(None, None), ("", None), ("Sesuai", "Sesuai"),
                                                ("Kurang", "Kurang"), ("Tidak Sesuai", "Tidak Sesuai")])
def test_periksa_verdict(verdict, expected):
    assert rules.periksa_verdict(verdict) == expected


def test_periksa_verdict_refuses_unknown():
    with pytest.raises(ValueError):
        rules.periksa_verdict("Bagus")


@pytest.mark.parametrize("mulai, selesai, ok", [
    (date(2026, 3, 1), date(2026, 3, 1), True),
    (date(2026, 3, 2), date(2026, 3, 1), False),
    (None, date(2026, 3, 1), False),
    (date(2026, 1, 1), date(2027, 6, 1), False),
])
def test_rentang_delegasi(mulai, selesai, ok):
    assert (rules.masalah_rentang_delegasi(mulai, selesai) is None) is ok


@pytest.mark.parametrize("menit, teks", [(0, "0 menit"), (45, "45 menit"), (60, "1 jam"), (125, "2 jam 5 menit")])
def test_format_durasi(menit, teks):
    assert durasi_panjang(menit) == teks


@pytest.mark.parametrize("volume, teks", [(Decimal("2.00"), "2"), (Decimal("1.50"), "1,5"), (Decimal("1200"), "1.200")])
def test_format_volume(volume, teks):
    assert angka(volume) == teks


# ------------------------------------------------------------------ laporan rules

def test_parse_bulan_and_label():
    assert laporan_rules.parse_bulan("2026-03", HARI) == (2026, 3)
    assert laporan_rules.parse_bulan("2026-13", HARI) == (2026, 3)
    assert laporan_rules.parse_bulan("x", date(2025, 7, 1)) == (2025, 7)
    assert laporan_rules.label_periode(2026, 3) == "Maret 2026"


def test_tanggal_tanda_tangan():
    assert laporan_rules.tanggal_tanda_tangan(2026, 2, HARI) == date(2026, 2, 28)
    assert laporan_rules.tanggal_tanda_tangan(2026, 3, HARI) == HARI


def test_nama_sheet_is_valid_and_unique():
    dipakai: set[str] = set()
    a = laporan_rules.nama_sheet("Dr. A/B: nama yang sangat panjang sekali [x]", dipakai)
    b = laporan_rules.nama_sheet("Dr. A/B: nama yang sangat panjang sekali [x]", dipakai)
    assert len(a) <= 31 and len(b) <= 31 and a != b
    assert not any(ch in a for ch in "[]:*?/\\")
