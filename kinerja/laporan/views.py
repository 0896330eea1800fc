"""Laporan pages: choose a month; the monthly LKH (form D) as PDF or XLSX; the team workbook."""

from __future__ import annotations

from flask import abort, make_response, render_template, request
from flask_login import current_user, login_required

from kinerja.akses import aktor, nomor_halaman
from kinerja.audit.services import record_read
from kinerja.dokumen.pdf import pdf_response
from kinerja.formulir import tahun_valid
from kinerja.laporan import bp, permissions, rules, services
from kinerja.laporan.xlsx import workbook_bytes
from kinerja.organisasi.services import find_instansi
from kinerja.waktu import today_local

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"



def _xlsx_response(content: bytes, filename: str):
    response = make_response(content)
    response.headers["Content-Type"] = XLSX
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _judul_dinas() -> str:
    inst = find_instansi()
    return f"{inst.nama_pemda} — {inst.nama_dinas}" if inst else ""


def _check_bulan(tahun: int, bulan: int) -> None:
    if not (1 <= bulan <= 12 and tahun_valid(tahun)):
        abort(404)


@bp.get("/")
@login_required
def index():
    if not permissions.can_use_laporan(current_user):
        abort(403)
    hari_ini = today_local()
    tahun, bulan = rules.parse_bulan(request.args.get("bulan"), hari_ini)
    q = request.args.get("q", "") if permissions.can_search_pegawai(current_user) else ""
    return render_template(
        "laporan/index.html", title="Laporan", tahun=tahun, bulan=bulan, nilai_bulan=f"{tahun:04d}-{bulan:02d}",
        periode=rules.label_periode(tahun, bulan), pilihan=rules.bulan_pilihan(hari_ini, 24),
        bawahan=services.daftar_bawahan(aktor(), nomor_halaman()), hasil_cari=services.cari_pegawai(q) if q else [], q=q,
        is_admin=permissions.can_search_pegawai(current_user),
    )


@bp.get("/lkh/<int:pegawai_id>/<int:tahun>/<int:bulan>.pdf")
@login_required
def lkh_pdf(pegawai_id: int, tahun: int, bulan: int):
    _check_bulan(tahun, bulan)
    content, lkh = services.lkh_pdf(aktor(), pegawai_id, tahun, bulan)
    record_read(aktor(), "lkh", f"{pegawai_id}/{tahun}-{bulan:02d}", lkh.pegawai_id)
    return pdf_response(content, f"{lkh.nama_berkas}.pdf")


@bp.get("/lkh/<int:pegawai_id>/<int:tahun>/<int:bulan>.xlsx")
@login_required
def lkh_xlsx(pegawai_id: int, tahun: int, bulan: int):
    _check_bulan(tahun, bulan)
    lkh = services.lkh_pegawai(aktor(), pegawai_id, tahun, bulan)
    record_read(aktor(), "lkh", f"{pegawai_id}/{tahun}-{bulan:02d}", lkh.pegawai_id)
    return _xlsx_response(workbook_bytes([lkh], _judul_dinas()), f"{lkh.nama_berkas}.xlsx")


@bp.get("/tim/<int:tahun>/<int:bulan>.xlsx")
@login_required
def tim_xlsx(tahun: int, bulan: int):
    _check_bulan(tahun, bulan)
    laporan = services.lkh_tim(aktor(), tahun, bulan, semua=request.args.get("semua") == "1")
    record_read(aktor(), "lkh_tim", f"{tahun}-{bulan:02d}", None)
    return _xlsx_response(workbook_bytes(laporan, _judul_dinas(), ringkasan=True), f"LKH-Tim-{tahun:04d}-{bulan:02d}.xlsx")
