"""The monthly LKH as an Excel workbook (openpyxl): one sheet per pegawai, plus a summary for a team."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from kinerja.format import durasi_panjang
from kinerja.laporan.rules import nama_sheet
from kinerja.laporan.services import Lkh
from kinerja.organisasi.rules import format_nip
from kinerja.verifikasi.rules import DIAJUKAN, DIKEMBALIKAN, DISETUJUI
from kinerja.waktu import tanggal

KOLOM = ("No", "Tanggal", "Waktu", "Durasi (menit)", "Uraian Kegiatan", "Output", "RHK", "Bukti Dukung", "Status")
LEBAR = (5, 18, 13, 10, 60, 18, 45, 9, 13)
RINGKASAN = ("No", "Nama", "NIP", "Jabatan", "Jumlah Aktivitas", "Total Durasi (menit)", "Durasi Disetujui (menit)",
             "Disetujui", "Diajukan", "Dikembalikan")
LEBAR_RINGKASAN = (5, 34, 22, 36, 11, 13, 13, 10, 10, 12)

_TIPIS = Side(style="thin", color="000000")
_GARIS = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)
_KEPALA = PatternFill("solid", fgColor="E8E8E8")
_TEBAL = Font(bold=True)
_BUNGKUS = Alignment(wrap_text=True, vertical="top")


def _header_row(ws, row: int, labels) -> None:
    for col, label in enumerate(labels, start=1):
        cell = ws.cell(row=row, column=col, value=label)
        cell.font, cell.fill, cell.border = _TEBAL, _KEPALA, _GARIS
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _widths(ws, widths) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _sheet_lkh(ws, lkh: Lkh, judul_dinas: str) -> None:
    ws["A1"] = "LAPORAN KINERJA HARIAN"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = judul_dinas
    identitas = (("Nama", lkh.pegawai["nama"]), ("NIP", format_nip(lkh.pegawai["nip"])),
                 ("Jabatan", lkh.pegawai["jabatan"]), ("Unit Kerja", lkh.pegawai["unit_kerja"]), ("Periode", lkh.periode))
    for i, (label, value) in enumerate(identitas, start=3):
        ws.cell(row=i, column=1, value=label).font = _TEBAL
        ws.cell(row=i, column=3, value=value)
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=2)
    kepala = 9
    _header_row(ws, kepala, KOLOM)
    for offset, b in enumerate(lkh.baris, start=1):
        values = (b.no, tanggal(b.tanggal), b.waktu, b.durasi_menit, b.uraian, b.output, b.rhk,
                  "Ada" if b.bukti else "–", b.status)
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=kepala + offset, column=col, value=value)
            cell.border, cell.alignment = _GARIS, _BUNGKUS
    total = kepala + len(lkh.baris) + 1
    ws.cell(row=total, column=1, value="Jumlah durasi").font = _TEBAL
    ws.merge_cells(start_row=total, start_column=1, end_row=total, end_column=3)
    ws.cell(row=total, column=4, value=lkh.total_menit).font = _TEBAL
    ws.cell(row=total, column=5, value=f"{durasi_panjang(lkh.total_menit)}; disetujui {durasi_panjang(lkh.total_disetujui)}")
    _widths(ws, LEBAR)
    ws.freeze_panes = ws.cell(row=kepala + 1, column=1)
    ws.print_options.gridLines = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = f"{kepala}:{kepala}"


def _sheet_ringkasan(ws, laporan: list[Lkh], judul_dinas: str) -> None:
    ws["A1"] = "REKAP LAPORAN KINERJA HARIAN"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = judul_dinas
    ws["A3"] = f"Periode: {laporan[0].periode}" if laporan else ""
    kepala = 5
    _header_row(ws, kepala, RINGKASAN)
    for i, lkh in enumerate(laporan, start=1):
        values = (i, lkh.pegawai["nama"], format_nip(lkh.pegawai["nip"]), lkh.pegawai["jabatan"], len(lkh.baris),
                  lkh.total_menit, lkh.total_disetujui, lkh.jumlah(DISETUJUI), lkh.jumlah(DIAJUKAN), lkh.jumlah(DIKEMBALIKAN))
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=kepala + i, column=col, value=value)
            cell.border, cell.alignment = _GARIS, _BUNGKUS
    total = kepala + len(laporan) + 1
    ws.cell(row=total, column=2, value="Jumlah").font = _TEBAL
    for col in range(5, 11):
        letter = get_column_letter(col)
        ws.cell(row=total, column=col, value=f"=SUM({letter}{kepala + 1}:{letter}{total - 1})").font = _TEBAL
    _widths(ws, LEBAR_RINGKASAN)
    ws.freeze_panes = ws.cell(row=kepala + 1, column=1)


def workbook_bytes(laporan: list[Lkh], judul_dinas: str, ringkasan: bool = False) -> bytes:
    """One sheet per LKH; with ``ringkasan`` a first "Ringkasan" sheet for the team."""
    wb = Workbook()
    dipakai: set[str] = set()
    first = wb.active
    if ringkasan:
        first.title = nama_sheet("Ringkasan", dipakai)
        _sheet_ringkasan(first, laporan, judul_dinas)
        targets = [wb.create_sheet() for _ in laporan]
    else:
        targets = [first] + [wb.create_sheet() for _ in laporan[1:]]
    for ws, lkh in zip(targets, laporan, strict=False):
        ws.title = nama_sheet(lkh.pegawai["nama"], dipakai)
        _sheet_lkh(ws, lkh, judul_dinas)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
