"""Rekap workbooks (openpyxl): Rekap Predikat, Rekap Capaian Bulanan, Rekap Kepatuhan — the BKPSDM's
TPP inputs.  Built from the same figures as the dasbor (kinerja.dasbor.queries), so the two agree.

Proper workbooks: title rows (instansi, unit, period), real dates with Indonesian formats, number
formats, autofilter, frozen header, column widths, print setup (landscape, header row repeated,
fit to width), unique sheet names within 31 characters, and every user text written as a string
so that Excel never evaluates it as a formula.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from sqlalchemy import select

from kinerja.dasbor import queries, rules
from kinerja.extensions import db
from kinerja.laporan.rules import label_periode, nama_sheet
from kinerja.models import CapaianOrganisasi, Evaluasi, Periode
from kinerja.organisasi.rules import format_nip
from kinerja.waktu import to_local

FORMAT_TANGGAL = "[$-421]d mmmm yyyy"
FORMAT_WAKTU = "[$-421]d mmmm yyyy hh:mm"
FORMAT_ANGKA = "#,##0"
FORMAT_DESIMAL = "#,##0.0"
FORMAT_PERSEN = "0.0%"

_TIPIS = Side(style="thin", color="000000")
_GARIS = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)
_KEPALA = PatternFill("solid", fgColor="E8E8E8")
_TEBAL = Font(bold=True)
_BARIS_KEPALA = 6

# Named styles: one assignment per cell instead of four style objects (10× faster for 2,000 rows).
_GAYA = {
    "rekap-teks": None,
    "rekap-angka": FORMAT_ANGKA,
    "rekap-desimal": FORMAT_DESIMAL,
    "rekap-persen": FORMAT_PERSEN,
    "rekap-tanggal": FORMAT_TANGGAL,
    "rekap-waktu": FORMAT_WAKTU,
}
_GAYA_FORMAT = {v: k for k, v in _GAYA.items() if v}


def _daftarkan_gaya(wb) -> None:
    for nama, fmt in _GAYA.items():
        gaya = NamedStyle(name=nama, border=_GARIS, alignment=Alignment(vertical="top", wrap_text=fmt is None))
        if fmt:
            gaya.number_format = fmt
        wb.add_named_style(gaya)
    kepala = NamedStyle(name="rekap-kepala", font=_TEBAL, fill=_KEPALA, border=_GARIS,
                        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
    wb.add_named_style(kepala)


def tulis(ws, row: int, col: int, value):
    """Write one cell.  Text always as a string cell (never a formula, whatever it starts with)."""
    # TODO(dasbor): switch to the shared helper in kinerja/excel.py (helper `masukan`) once it is in main.
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = TYPE_STRING
    else:
        cell.value = value
    return cell


@dataclass(frozen=True)
class Kolom:
    judul: str
    lebar: float
    format: str | None = None


@dataclass(frozen=True)
class Judul:
    """The title rows of every sheet: title, (label, value) lines, the day the workbook was made."""

    judul: str
    identitas: Sequence[tuple[str, str]]
    dibuat: date


def _lembar(ws, kepala: Judul, kolom: Sequence[Kolom], baris: Sequence[Sequence]) -> None:
    judul, identitas, dibuat = kepala.judul, kepala.identitas, kepala.dibuat
    tulis(ws, 1, 1, judul).font = Font(bold=True, size=13)
    for i, (label, nilai) in enumerate(identitas, start=2):
        tulis(ws, i, 1, label).font = _TEBAL
        tulis(ws, i, 3, nilai)
    tulis(ws, 5, 1, "Dibuat").font = _TEBAL
    tulis(ws, 5, 3, dibuat).number_format = FORMAT_TANGGAL
    ws.cell(row=5, column=3).alignment = Alignment(horizontal="left")
    for col, k in enumerate(kolom, start=1):
        tulis(ws, _BARIS_KEPALA, col, k.judul).style = "rekap-kepala"
        ws.column_dimensions[get_column_letter(col)].width = k.lebar
    gaya = [_GAYA_FORMAT.get(k.format, "rekap-teks") for k in kolom]
    for r, nilai_baris in enumerate(baris, start=_BARIS_KEPALA + 1):
        for col, (g, nilai) in enumerate(zip(gaya, nilai_baris, strict=True), start=1):
            tulis(ws, r, col, nilai).style = "rekap-teks" if isinstance(nilai, str) else g
    akhir = _BARIS_KEPALA + max(len(baris), 1)
    ws.auto_filter.ref = f"A{_BARIS_KEPALA}:{get_column_letter(len(kolom))}{akhir}"
    ws.freeze_panes = ws.cell(row=_BARIS_KEPALA + 1, column=3)
    ws.print_title_rows = f"{_BARIS_KEPALA}:{_BARIS_KEPALA}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def _buku(judul: str, identitas: list[tuple[str, str]], lembar: list[tuple[str, Sequence[Kolom], Sequence[Sequence]]],
          dibuat: date) -> bytes:
    wb = Workbook()
    _daftarkan_gaya(wb)
    dipakai: set[str] = set()
    for i, (nama, kolom, baris) in enumerate(lembar):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = nama_sheet(nama, dipakai)
        _lembar(ws, Judul(judul if i == 0 else f"{judul} — {nama}", identitas, dibuat), kolom, baris)
    wb.properties.title = judul
    wb.properties.creator = "kinerja"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _identitas(c: queries.Cakupan, unit_id: int, periode_label: str, label_periode_: str) -> list[tuple[str, str]]:
    inst = queries.instansi()
    nama = f"{inst.nama_pemda} — {inst.nama_dinas}" if inst else ""
    return [("Instansi", nama), ("Unit Kerja", c.units[unit_id].nama), (label_periode_, periode_label)]


def _per_kelompok(kelompok, baris_pegawai: dict[int, list], kolom) -> list[tuple[str, Sequence[Kolom], list]]:
    """One sheet per child unit (with the unit's own pegawai last), numbered again from 1."""
    hasil = []
    for k in kelompok:
        rows = [[i, *baris_pegawai[pid][1:]] for i, pid in enumerate(k.pegawai_ids, start=1) if pid in baris_pegawai]
        if rows:
            hasil.append((k.nama, kolom, rows))
    return hasil


def _nama_unit(c: queries.Cakupan, unit_id: int | None) -> str:
    return c.units[unit_id].nama if unit_id in c.units else ""


def _urut(pegawai: dict, ids) -> list[int]:
    return sorted(ids, key=lambda pid: (pegawai[pid].nama, pid))


# ------------------------------------------------------------------ Rekap Capaian Bulanan

KOLOM_BULANAN = (Kolom("No", 5, FORMAT_ANGKA), Kolom("NIP", 22), Kolom("Nama", 32), Kolom("Jabatan", 34),
                 Kolom("Unit Kerja", 30), Kolom("Hari Kerja", 9, FORMAT_ANGKA),
                 Kolom("Hari Tercatat", 10, FORMAT_ANGKA), Kolom("Hari Tanpa Catatan", 11, FORMAT_ANGKA),
                 Kolom("Menit Disetujui", 11, FORMAT_ANGKA), Kolom("Target Menit", 10, FORMAT_ANGKA),
                 Kolom("Capaian Menit (%)", 11, FORMAT_PERSEN))


def _pecahan(nilai) -> float | None:
    return float(nilai) if nilai is not None else None


def _baris_bulan(c: queries.Cakupan, d, ekor) -> tuple[dict, list]:
    """The month's rows per pegawai — No, NIP, Nama, Jabatan, Unit Kerja, then ``ekor(angka)`` — by id,
    and all of them numbered in name order."""
    baris = {a.pegawai.id: [0, format_nip(a.pegawai.nip), a.pegawai.nama, a.pegawai.jabatan,
                            _nama_unit(c, a.pegawai.unit_id), *ekor(a)] for a in d.pegawai}
    semua = [[i, *baris[pid][1:]] for i, pid in enumerate(_urut({a.pegawai.id: a.pegawai for a in d.pegawai}, baris),
                                                          start=1)]
    return baris, semua


def rekap_bulanan(c: queries.Cakupan, unit_id: int, tahun: int, bulan: int, hari_ini: date) -> bytes:
    d = queries.dasbor_bulan(c, unit_id, tahun, bulan, hari_ini)
    baris, semua = _baris_bulan(c, d, lambda a: (a.hari_kerja, a.hari_tercatat, a.hari_kerja - a.hari_tercatat,
                                                  a.menit_disetujui, a.target_menit, _pecahan(a.capaian_menit)))
    ringkas_kolom = (Kolom("Unit Kerja", 36), Kolom("Jumlah Pegawai", 10, FORMAT_ANGKA),
                     Kolom("Hari Kerja", 10, FORMAT_ANGKA), Kolom("Hari Tercatat", 10, FORMAT_ANGKA),
                     Kolom("Menit Disetujui", 12, FORMAT_ANGKA), Kolom("Target Menit", 12, FORMAT_ANGKA),
                     Kolom("Capaian Menit (%)", 11, FORMAT_PERSEN))
    ringkas = [[k.kelompok.nama + (" (langsung)" if k.kelompok.langsung else ""), k.jumlah_pegawai, k.hari_kerja,
                k.hari_tercatat, k.menit_disetujui, k.target_menit, _pecahan(k.capaian_menit)]
               for k in [*d.kelompok, d.total]]
    ringkas[-1][0] = f"Jumlah {d.unit.nama}"
    lembar = [("Rekap", KOLOM_BULANAN, semua), ("Per Unit", ringkas_kolom, ringkas),
              *_per_kelompok([k.kelompok for k in d.kelompok], baris, KOLOM_BULANAN)]
    return _buku("REKAP CAPAIAN BULANAN", _identitas(c, unit_id, label_periode(tahun, bulan), "Bulan"), lembar,
                 hari_ini)


# ------------------------------------------------------------------ Rekap Kepatuhan

KOLOM_KEPATUHAN = (Kolom("No", 5, FORMAT_ANGKA), Kolom("NIP", 22), Kolom("Nama", 32), Kolom("Jabatan", 34),
                   Kolom("Unit Kerja", 30), Kolom("Hari Kerja", 9, FORMAT_ANGKA),
                   Kolom("Hari dengan Aktivitas Diajukan", 12, FORMAT_ANGKA), Kolom("Kepatuhan (%)", 11, FORMAT_PERSEN),
                   Kolom("Menunggu Verifikasi", 11, FORMAT_ANGKA),
                   Kolom(f"Tunggakan (> {rules.BATAS_TUNGGAKAN_HARI_KERJA} hari kerja)", 12, FORMAT_ANGKA),
                   Kolom("Belum Mencatat Hari Ini", 11))


def rekap_kepatuhan(c: queries.Cakupan, unit_id: int, tahun: int, bulan: int, hari_ini: date) -> bytes:
    d = queries.dasbor_bulan(c, unit_id, tahun, bulan, hari_ini)
    baris, semua = _baris_bulan(c, d, lambda a: (a.hari_kerja, a.hari_tercatat, _pecahan(a.kepatuhan), a.menunggu,
                                                  a.tunggakan, "Ya" if a.belum_hari_ini else "Tidak"))
    kolom_atasan = (Kolom("No", 5, FORMAT_ANGKA), Kolom("NIP", 22), Kolom("Nama Atasan", 32), Kolom("Jabatan", 34),
                    Kolom("Aktivitas Diverifikasi", 12, FORMAT_ANGKA), Kolom("Median (jam)", 10, FORMAT_DESIMAL),
                    Kolom("P90 (jam)", 10, FORMAT_DESIMAL), Kolom("Menunggu Verifikasi", 11, FORMAT_ANGKA),
                    Kolom("Tunggakan", 10, FORMAT_ANGKA), Kolom("Dialog Kinerja", 10, FORMAT_ANGKA),
                    Kolom("Tindak Lanjut Terbuka", 11, FORMAT_ANGKA), Kolom("Tindak Lanjut Terlambat", 11, FORMAT_ANGKA))
    atasan = [[i, format_nip(a.pegawai.nip), a.pegawai.nama, a.pegawai.jabatan, a.diverifikasi, a.median_jam,
               a.p90_jam, a.menunggu, a.tunggakan, a.dialog, a.tindak_lanjut_terbuka, a.tindak_lanjut_terlambat]
              for i, a in enumerate(d.atasan, start=1)]
    lembar = [("Rekap", KOLOM_KEPATUHAN, semua), ("Per Atasan", kolom_atasan, atasan),
              *_per_kelompok([k.kelompok for k in d.kelompok], baris, KOLOM_KEPATUHAN)]
    return _buku("REKAP KEPATUHAN PENCATATAN", _identitas(c, unit_id, label_periode(tahun, bulan), "Bulan"), lembar,
                 hari_ini)


# ------------------------------------------------------------------ Rekap Predikat

KOLOM_PREDIKAT = (Kolom("No", 5, FORMAT_ANGKA), Kolom("NIP", 22), Kolom("Nama", 32), Kolom("Jabatan", 34),
                  Kolom("Unit Kerja", 30), Kolom("Rating Hasil Kerja", 16), Kolom("Rating Perilaku Kerja", 16),
                  Kolom("Predikat Kinerja", 16), Kolom("Capaian Kinerja Organisasi", 14), Kolom("Status", 20),
                  Kolom("Ditandatangani Pegawai", 23, FORMAT_WAKTU), Kolom("Ditandatangani Penilai", 23, FORMAT_WAKTU),
                  Kolom("Keberatan", 28))


def _waktu_lokal(value: datetime | None, zona: str) -> datetime | None:
    """Excel has no time zones: the local wall-clock time, naive."""
    return to_local(value, zona).replace(tzinfo=None) if value else None


def _keberatan(ev: Evaluasi) -> str:
    if ev.keputusan_at:
        berubah = ev.predikat_awal and ev.predikat_awal != ev.predikat
        return f"Diputus ({'predikat diubah dari ' + ev.predikat_awal if berubah else 'predikat tetap'})"
    if ev.penjelasan_at:
        return "Dijelaskan penilai, menunggu keputusan"
    if ev.keberatan_at:
        return "Diajukan"
    return "–"


def rekap_predikat(c: queries.Cakupan, unit_id: int, periode: Periode, hari_ini: date) -> bytes:
    d = queries.dasbor_periode(c, unit_id, periode)
    inst = queries.instansi()
    zona = inst.zona_waktu if inst and inst.zona_waktu else "Asia/Jakarta"
    ev_ids = [ev.id for ev in d.evaluasi.values()]
    evs = {ev.pegawai_id: ev for ev in db.session.execute(
        select(Evaluasi).where(Evaluasi.id.in_(ev_ids))).scalars()} if ev_ids else {}
    ditetapkan = dict(db.session.execute(
        select(CapaianOrganisasi.unit_id, CapaianOrganisasi.capaian).where(CapaianOrganisasi.periode_id == periode.id)
    ).all())
    baris = {}
    for pid in _urut(d.pegawai, evs):
        ev = evs[pid]
        p = d.pegawai[pid]
        snap = ev.snapshot_pegawai or {}
        capaian = ev.capaian_organisasi or rules.capaian_efektif(ev.unit_id, ditetapkan, c.units)[0] or "–"
        baris[pid] = [0, format_nip(snap.get("nip") or p.nip), snap.get("nama") or p.nama,
                      snap.get("jabatan") or p.jabatan, snap.get("unit_kerja") or _nama_unit(c, ev.unit_id),
                      ev.rating_hasil_kerja or "–", ev.rating_perilaku_kerja or "–", ev.predikat or "–", capaian,
                      ev.status, _waktu_lokal(ev.ttd_pegawai_at, zona), _waktu_lokal(ev.ttd_penilai_at, zona),
                      _keberatan(ev)]
    semua = [[i, *row[1:]] for i, row in enumerate(baris.values(), start=1)]
    kolom_dist = (Kolom("Predikat Kinerja", 22), Kolom("Jumlah Pegawai", 12, FORMAT_ANGKA),
                  Kolom("Persentase", 11, FORMAT_PERSEN))
    dist = [[b.predikat, b.jumlah, float(b.bagian)] for b in d.kurva.baris]
    dist.append([f"Capaian organisasi: {d.capaian or 'belum ditetapkan'}", d.kurva.total, None])
    lembar = [("Rekap", KOLOM_PREDIKAT, semua), ("Distribusi", kolom_dist, dist),
              *_per_kelompok([k.kelompok for k in d.kelompok], baris, KOLOM_PREDIKAT)]
    return _buku("REKAP PREDIKAT KINERJA PEGAWAI",
                 _identitas(c, unit_id, f"{periode.nama} {periode.tahun}", "Periode"), lembar, hari_ini)


JENIS: dict[str, tuple[str, Callable]] = {
    "predikat": ("Rekap Predikat", rekap_predikat),
    "bulanan": ("Rekap Capaian Bulanan", rekap_bulanan),
    "kepatuhan": ("Rekap Kepatuhan", rekap_kepatuhan),
}


def nama_berkas(jenis: str, unit: rules.Unit, label: str) -> str:
    import re

    dasar = re.sub(r"[^A-Za-z0-9]+", "-", f"Rekap-{jenis}-{unit.nama}-{label}").strip("-")
    return f"{dasar[:120]}.xlsx"
