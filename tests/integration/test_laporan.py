"""Laporan: the monthly LKH (form D) as PDF and XLSX, the team workbook, access and query budget."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.extensions import db
from tests.integration.test_verifikasi import buat_aktivitas, masuk

BULAN = date(2026, 3, 1)


def _isi_bulan(pegawai, jumlah=6):
    items = []
    for i in range(jumlah):
        hari = BULAN + timedelta(days=i)
        items.append(buat_aktivitas(pegawai, hari=hari, status=("Disetujui", "Diajukan", "Dikembalikan")[i % 3],
                                    uraian=f"Kegiatan {pegawai.nama} ke-{i + 1}", bukti=i % 2 == 0, durasi=90))
    return items


@pytest.fixture
def isi(org):
    _isi_bulan(org.staf1)
    _isi_bulan(org.staf2, 2)
    buat_aktivitas(org.staf1, hari=BULAN + timedelta(days=9), status="Draft", uraian="Draf tidak dilaporkan")
    buat_aktivitas(org.staf1, hari=date(2026, 4, 1), uraian="Bulan berikutnya")
    db.session.commit()


def _pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_lkh_pdf_has_header_entries_total_and_signatures(make_browser, org, isi):
    r = masuk(make_browser, org.staf1).get(f"/laporan/lkh/{org.staf1.id}/2026/3.pdf")
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/pdf"
    text = _pdf_text(r)
    for expected in ("LAPORAN KINERJA HARIAN", "Staf Satu", org.staf1.nip[:8], "Seksi Uji", "Maret 2026",
                     "Kegiatan Staf Satu ke-1", "Kegiatan Staf Satu ke-6", "Total durasi disetujui", "3 jam",
                     "Mengetahui, Atasan Langsung", "Yang Melaporkan", "Bukitintan", "Kepala Seksi Uji",
                     "08:00–09:30", "Ada", "Dikembalikan"):
        assert expected in text, expected
    assert "Draf tidak dilaporkan" not in text and "Bulan berikutnya" not in text
    assert "Kegiatan Staf Dua" not in text
    # Only approved entries count (2 of 6, 180 minutes); the others are listed and the form says so.
    flat = " ".join(text.split())
    assert "180 menit dari 2 aktivitas yang disetujui atasan = 2,6% dari target 6.750 menit" in flat
    assert "Hanya aktivitas berstatus Disetujui yang dihitung dalam total" in flat
    assert "(4 aktivitas, 360 menit)" in flat
    assert "Target Menit Bulan Ini" in flat and "hari kerja)" in flat


@pytest.mark.parametrize("who, status", [
    ("staf1", 200), ("kasi", 200), ("kabid", 200), ("kadis", 200), ("admin", 200),
    ("staf2", 404), ("kabid2", 404), ("staf3", 404),
])
def test_lkh_access(make_browser, org, isi, who, status):
    b = masuk(make_browser, "admin" if who == "admin" else getattr(org, who))
    assert b.get(f"/laporan/lkh/{org.staf1.id}/2026/3.xlsx").status_code == status
    assert b.get(f"/laporan/lkh/{org.staf1.id}/2026/3.pdf").status_code == status


def test_lkh_xlsx_opens_with_rows_totals_and_frozen_header(make_browser, org, isi):
    r = masuk(make_browser, org.staf1).get(f"/laporan/lkh/{org.staf1.id}/2026/3.xlsx")
    assert r.status_code == 200 and "spreadsheetml" in r.headers["Content-Type"]
    wb = load_workbook(io.BytesIO(r.data))
    ws = wb.active
    assert ws["A1"].value == "LAPORAN KINERJA HARIAN"
    labels = {ws.cell(row=i, column=1).value: ws.cell(row=i, column=3).value for i in range(3, 8)}
    assert labels["Nama"] == "Staf Satu" and labels["Periode"] == "Maret 2026" and labels["Unit Kerja"] == "Seksi Uji"
    header = [c.value for c in ws[9]]
    assert header == ["No", "Tanggal", "Waktu", "Durasi (menit)", "Uraian Kegiatan", "Output", "RHK", "Bukti Dukung", "Status"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=10, max_row=15)]
    assert [row[4] for row in rows] == [f"Kegiatan Staf Satu ke-{i}" for i in range(1, 7)]
    assert rows[0][7] == "Ada" and rows[1][7] == "–" and rows[0][5] == "2 dokumen"
    assert ws.cell(row=16, column=1).value == "Jumlah durasi" and ws.cell(row=16, column=4).value == 540
    assert ws.freeze_panes == "A10"
    assert ws.column_dimensions["E"].width >= 40


def test_team_workbook_has_summary_and_one_sheet_per_pegawai(make_browser, org, isi):
    r = masuk(make_browser, org.kasi).get("/laporan/tim/2026/3.xlsx")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.data))
    assert wb.sheetnames == ["Ringkasan", "Staf Dua", "Staf Satu"]
    ringkasan = wb["Ringkasan"]
    names = [ringkasan.cell(row=i, column=2).value for i in (6, 7)]
    assert names == ["Staf Dua", "Staf Satu"]
    assert ringkasan.cell(row=7, column=5).value == 6 and ringkasan.cell(row=7, column=6).value == 540
    assert wb["Staf Satu"].cell(row=10, column=5).value == "Kegiatan Staf Satu ke-1"


def test_team_workbook_whole_chain_and_refusals(make_browser, org, isi):
    wb = load_workbook(io.BytesIO(masuk(make_browser, org.kabid).get("/laporan/tim/2026/3.xlsx?semua=1").data))
    assert set(wb.sheetnames) == {"Ringkasan", "Kepala Seksi Uji", "Staf Satu", "Staf Dua"}
    assert masuk(make_browser, org.staf1).get("/laporan/tim/2026/3.xlsx").status_code == 403
    assert masuk(make_browser, "admin").get("/laporan/tim/2026/3.xlsx").status_code == 403
    assert masuk(make_browser, org.kasi).get("/laporan/tim/2026/13.xlsx").status_code == 404


def test_team_workbook_query_count_is_not_n_plus_one(make_browser, factory, org, count_queries):
    _isi_bulan(org.staf1, 1)
    db.session.commit()
    b = masuk(make_browser, org.kasi)
    b.get("/laporan/tim/2026/3.xlsx")
    with count_queries() as few:
        assert b.get("/laporan/tim/2026/3.xlsx").status_code == 200
    for i in range(4):
        _isi_bulan(factory.pegawai(f"Staf Tambahan {i}", atasan=org.kasi), 5)
    _isi_bulan(org.staf2, 8)
    db.session.commit()
    with count_queries() as many:
        assert b.get("/laporan/tim/2026/3.xlsx").status_code == 200
    # 13: + the month's approved absences; 14: + the identities as of the month (riwayat jabatan, Plt/Plh), issue #11
    assert many.count == few.count and many.count <= 14


def test_laporan_index_per_role(make_browser, org):
    staf = masuk(make_browser, org.staf1).get("/laporan/?bulan=2026-03").get_data(as_text=True)
    assert "LKH Saya — Maret 2026" in staf and f"/laporan/lkh/{org.staf1.id}/2026/3.pdf" in staf
    assert "Buku Kerja Tim" not in staf and "Workbook" not in staf
    kasi = masuk(make_browser, org.kasi).get("/laporan/?bulan=2026-03").get_data(as_text=True)
    assert "Unduh Buku Kerja Tim" in kasi and "Workbook" not in kasi and f"/laporan/lkh/{org.staf2.id}/2026/3.xlsx" in kasi
    assert ">Laporan</a>" in kasi
    admin = masuk(make_browser, "admin").get("/laporan/?bulan=2026-03&q=Staf").get_data(as_text=True)
    assert f"/laporan/lkh/{org.staf3.id}/2026/3.pdf" in admin and ">Laporan</a>" in admin


def test_lkh_for_unknown_pegawai_is_404(make_browser, org):
    assert masuk(make_browser, "admin").get("/laporan/lkh/999999/2026/3.pdf").status_code == 404
