"""Aktivitas rules (pure): dates, grace window, times, overlap, daily cap, text fields, evidence."""

import io
import zipfile
from datetime import date, time
from decimal import Decimal

import pytest

from kinerja.aktivitas import rules
from kinerja.errors import DomainError
from kinerja.format import durasi, ribuan

MON, TUE, WED = date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 4)
FRI, SAT, NEXT_MON, NEXT_TUE = date(2026, 11, 6), date(2026, 11, 7), date(2026, 11, 9), date(2026, 11, 10)


def _error(fn, *args) -> DomainError:
    with pytest.raises(DomainError) as info:
        fn(*args)
    return info.value


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize("day, today", [(MON, MON), (MON, TUE)])
def test_not_future_accepts_today_and_past(day, today):
    rules.check_not_future(day, today)


def test_future_date_is_refused():
    err = _error(rules.check_not_future, TUE, MON)
    assert err.field == "tanggal"
    assert "akan datang" in err.message


@pytest.mark.parametrize("day, today, n, week, libur", [
    (MON, MON, 1, 5, ()),          # same day
    (MON, TUE, 1, 5, ()),          # Mon–Thu: until the next working day
    (FRI, NEXT_MON, 1, 5, ()),     # Friday: until Monday
    (FRI, SAT, 1, 5, ()),          # ... the weekend in between too
    (FRI, SAT, 1, 6, ()),          # six-day week: Friday until Saturday
    (NEXT_MON, date(2026, 11, 11), 1, 5, {NEXT_TUE}),  # Tuesday holiday: until Wednesday
    (MON, WED, 2, 5, ()),          # masa tenggang 2
])
def test_grace_window_open(day, today, n, week, libur):
    rules.check_grace(day, today, n, week, libur)


@pytest.mark.parametrize("day, today, n, week, libur, closed", [
    (MON, WED, 1, 5, (), "Selasa, 3 November 2026"),
    (FRI, NEXT_TUE, 1, 5, (), "Senin, 9 November 2026"),
    (FRI, NEXT_MON, 1, 6, (), "Sabtu, 7 November 2026"),
    (MON, TUE, 0, 5, (), "Senin, 2 November 2026"),
    (NEXT_MON, date(2026, 11, 12), 1, 5, {NEXT_TUE}, "Rabu, 11 November 2026"),
])
def test_grace_window_closed_names_the_day(day, today, n, week, libur, closed):
    err = _error(rules.check_grace, day, today, n, week, libur)
    assert err.field == "tanggal"
    assert closed in err.message


def test_grace_message_exact():
    err = _error(rules.check_grace, MON, WED, 1, 5, ())
    assert err.message == "Batas pengisian untuk 2 November 2026 sudah lewat (berakhir Selasa, 3 November 2026)."


@pytest.mark.parametrize("day, week, libur, flagged", [
    (MON, 5, (), False),
    (SAT, 5, (), True),
    (SAT, 6, (), False),
    (date(2026, 11, 8), 6, (), True),   # Sunday
    (NEXT_TUE, 5, {NEXT_TUE}, True),
])
def test_weekend_and_holiday_entries_are_allowed_but_flagged(day, week, libur, flagged):
    assert rules.check_tanggal(day, day, 1, week, libur) is flagged


# ------------------------------------------------------------------ times


@pytest.mark.parametrize("start, end, minutes", [
    (time(8, 0), time(9, 30), 90),
    (time(0, 0), time(23, 59), 1439),
    (time(7, 45), time(7, 46), 1),
    (time(8, 0, 30), time(9, 0, 10), 60),  # seconds are ignored
])
def test_duration_in_minutes(start, end, minutes):
    assert rules.duration_minutes(start, end) == minutes


@pytest.mark.parametrize("start, end, field", [
    (time(9, 0), time(9, 0), "jam_selesai"),
    (time(10, 0), time(9, 0), "jam_selesai"),
    (None, time(9, 0), "jam_mulai"),
    (time(9, 0), None, "jam_selesai"),
])
def test_bad_times_refused(start, end, field):
    err = _error(rules.duration_minutes, start, end)
    assert err.field == field


def test_end_before_start_message():
    assert _error(rules.check_times, time(10), time(9)).message == "Jam selesai harus setelah jam mulai."


OTHERS = [rules.Slot(1, time(8, 0), time(10, 0)), rules.Slot(2, time(13, 0), time(14, 30))]


@pytest.mark.parametrize("start, end, overlap_id", [
    (time(9, 0), time(11, 0), 1),
    (time(7, 0), time(8, 1), 1),
    (time(8, 30), time(9, 0), 1),       # inside
    (time(7, 0), time(15, 0), 1),       # covering both: the first is named
    (time(14, 0), time(15, 0), 2),
    (time(10, 0), time(13, 0), None),   # touching ends is fine
    (time(6, 0), time(8, 0), None),
    (time(14, 30), time(16, 0), None),
])
def test_find_overlap(start, end, overlap_id):
    found = rules.find_overlap(start, end, OTHERS)
    assert (found.id if found else None) == overlap_id


def test_overlap_ignores_the_entry_being_edited():
    assert rules.find_overlap(time(8, 0), time(10, 0), OTHERS, ignore_id=1) is None


def test_overlap_message_names_the_other_range():
    err = _error(rules.check_overlap, time(9, 0), time(11, 0), OTHERS)
    assert err.field == "jam_mulai"
    assert "08:00–10:00" in err.message


@pytest.mark.parametrize("others, new, cap, ok", [
    (600, 120, 720, True),
    (600, 121, 720, False),
    (0, 720, 720, True),
    (0, 721, 720, False),
])
def test_daily_cap(others, new, cap, ok):
    if ok:
        rules.check_daily_cap(others, new, cap)
    else:
        err = _error(rules.check_daily_cap, others, new, cap)
        assert err.field == "jam_selesai"
        assert "720 menit" in err.message


@pytest.mark.parametrize("minutes, text", [(0, "0 m"), (45, "45 m"), (60, "1 j"), (135, "2 j 15 m")])
def test_format_menit(minutes, text):
    assert durasi(minutes) == text


@pytest.mark.parametrize("value, text", [(6750, "6.750"), (0, "0"), (1234567, "1.234.567"), (None, "")])
def test_format_ribuan(value, text):
    assert ribuan(value) == text


# ------------------------------------------------------------------ text fields


@pytest.mark.parametrize("raw, expected", [
    ("1", Decimal("1.00")), ("2,5", Decimal("2.50")), (" 3.25 ", Decimal("3.25")), (Decimal("4"), Decimal("4.00")),
])
def test_volume_accepted(raw, expected):
    assert rules.clean_volume(raw) == expected


@pytest.mark.parametrize("raw", ["", None, "0", "-1", "abc", "1,234", "NaN", "Infinity", "10000000", "1e400"])
def test_volume_refused(raw):
    assert _error(rules.clean_volume, raw).field == "volume"


@pytest.mark.parametrize("raw", ["", "   ", None, "x" * 2001])
def test_uraian_refused(raw):
    assert _error(rules.clean_uraian, raw).field == "uraian"


def test_uraian_and_satuan_are_trimmed():
    assert rules.clean_uraian("  Rapat SPBE  ") == "Rapat SPBE"
    assert rules.clean_satuan("  berkas   digital ") == "berkas digital"


@pytest.mark.parametrize("raw", ["", "  ", None, "x" * 61])
def test_satuan_refused(raw):
    assert _error(rules.clean_satuan, raw).field == "satuan"


@pytest.mark.parametrize("raw, expected", [
    ("https://bukitintankab.go.id/berita/1", "https://bukitintankab.go.id/berita/1"),
    ("http://10.0.0.5/berkas", "http://10.0.0.5/berkas"),
    ("", None),
    (None, None),
])
def test_tautan_accepted(raw, expected):
    assert rules.clean_tautan(raw) == expected


@pytest.mark.parametrize("raw", [
    "javascript:alert(1)", "ftp://server/berkas", "bukitintankab.go.id", "https://", "http:///jalan",
    "https://host name/", "data:text/html,hai", "https://[::1", "https://" + "a" * 600,
])
def test_tautan_refused(raw):
    err = _error(rules.clean_tautan, raw)
    assert err.field == "tautan_bukti"


def test_tautan_message():
    assert _error(rules.clean_tautan, "www.contoh.go.id").message == "Tautan harus diawali http:// atau https://."


# ------------------------------------------------------------------ evidence content


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


@pytest.mark.parametrize("data, jenis", [
    (b"%PDF-1.7\n...", "pdf"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 10, "jpg"),
    (PNG, "png"),
    (_zip("word/document.xml"), "docx"),
    (_zip("xl/workbook.xml"), "xlsx"),
    (b"hello, this is text", None),
    (b"<html><script>alert(1)</script>", None),
    (_zip("content.xml"), None),       # some other zip (e.g. ODT)
    (b"PK\x03\x04broken zip", None),
    (b"GIF89a", None),
])
def test_sniff_by_content(data, jenis):
    assert rules.sniff_bukti(data) == jenis


def test_check_bukti_ignores_the_name():
    jenis, mime, nama = rules.check_bukti("foto.png", b"%PDF-1.4 real pdf", 1000)
    assert (jenis, mime, nama) == ("pdf", "application/pdf", "foto.png")


@pytest.mark.parametrize("name, data, limit, fragment", [
    ("palsu.png", b"just text pretending", 1000, "bukan PDF, JPG, PNG, DOCX, atau XLSX"),
    ("besar.pdf", b"%PDF-" + b"x" * 100, 50, "terlalu besar"),
    ("kosong.pdf", b"", 50, "kosong"),
])
def test_check_bukti_refused(name, data, limit, fragment):
    err = _error(rules.check_bukti, name, data, limit)
    assert err.field == "bukti"
    assert fragment in err.message


def test_check_bukti_strips_paths_from_the_name():
    _, _, nama = rules.check_bukti("C:\\Users\\andi\\..\\laporan.pdf", b"%PDF-1", 100)
    assert nama == "laporan.pdf"
