"""Dasbor pages: a unit's month, its trends, its period, the lists behind the numbers, the rekap downloads."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from kinerja.akses import admin_required, aktor
from kinerja.dasbor import bp, grafik, queries, rekap, rules, services
from kinerja.dasbor.forms import HalamanPublikForm
from kinerja.evaluasi import rules as ev_rules
from kinerja.htmx import render
from kinerja.laporan.rules import bulan_pilihan, label_periode, parse_bulan
from kinerja.organisasi.permissions import is_admin
from kinerja.waktu import tanggal, today_local

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cakupan() -> queries.Cakupan:
    if not queries.can_use_dasbor(current_user):
        abort(403)
    return queries.cakupan(aktor())


def _bulan() -> tuple[int, int]:
    return parse_bulan(request.args.get("bulan"), today_local())


def _periode():
    periodes = queries.list_periode()
    return periodes, queries.get_periode(request.args.get("periode", type=int), periodes, today_local())


def _kepala(c: queries.Cakupan, unit_id: int, tab: str, **extra) -> dict:
    tahun, bulan = _bulan()
    return dict(unit=c.unit(unit_id), jalur=c.jalur(unit_id), tab=tab, tahun=tahun, bulan=bulan, tim=c.tim is not None,
                nilai_bulan=f"{tahun:04d}-{bulan:02d}", label_bulan=label_periode(tahun, bulan),
                pilihan_bulan=bulan_pilihan(today_local(), 24), definisi=rules.DEFINISI, fmt=rules, **extra)


@bp.get("")
@login_required
def index():
    c = _cakupan()
    if len(c.akar) == 1:
        return redirect(url_for("dasbor.bulanan", unit_id=c.akar[0], **request.args))
    publik = HalamanPublikForm(aktif=bool(getattr(queries.instansi(), "halaman_publik", False))) \
        if is_admin(current_user) else None
    return render_template("dasbor/index.html", title="Dasbor", akar=[c.units[a] for a in c.akar], publik=publik)


@bp.get("/unit/<int:unit_id>")
@login_required
def bulanan(unit_id: int):
    c = _cakupan()
    ctx = _kepala(c, unit_id, "bulanan")
    data = queries.dasbor_bulan(c, unit_id, ctx["tahun"], ctx["bulan"], today_local())
    publik = HalamanPublikForm(aktif=bool(getattr(queries.instansi(), "halaman_publik", False))) \
        if is_admin(current_user) and unit_id in c.akar else None
    return render("dasbor/bulanan.html", title=f"Dasbor {ctx['unit'].nama}", d=data, publik=publik, **ctx)


@bp.get("/unit/<int:unit_id>/tren")
@login_required
def tren(unit_id: int):
    c = _cakupan()
    ctx = _kepala(c, unit_id, "bulanan")
    jumlah = request.args.get("jumlah", rules.JUMLAH_BULAN_TREN, type=int)
    if jumlah not in rules.PILIHAN_BULAN_TREN:
        jumlah = rules.JUMLAH_BULAN_TREN
    t = queries.tren_bulanan(c, unit_id, (ctx["tahun"], ctx["bulan"]), today_local(), jumlah)
    return render("dasbor/tren.html", "dasbor/partials/_tren.html", title=f"Tren {ctx['unit'].nama}",
                  grafik=_grafik_tren(t), jumlah=jumlah, **ctx)


def _grafik_tren(t: queries.Tren) -> list[dict]:
    titik_kepatuhan, titik_menit = [], []
    for (th, bl), kep, mnt in zip(t.bulan, t.kepatuhan, t.menit_per_pegawai, strict=True):
        pendek = tanggal(date(th, bl, 1), "MMM yy")
        penuh = label_periode(th, bl)
        titik_kepatuhan.append(grafik.Titik(pendek, penuh, float(kep * 100) if kep is not None else None,
                                            rules.format_persen(kep)))
        titik_menit.append(grafik.Titik(pendek, penuh, mnt, f"{rules.format_angka(mnt)} menit" if mnt is not None
                                        else "–"))
    return [
        {"id": "tren-kepatuhan", "judul": "Kepatuhan pencatatan per bulan (%)", "titik": titik_kepatuhan,
         "svg": grafik.tren_svg("Kepatuhan pencatatan per bulan", titik_kepatuhan, maks=100)},
        {"id": "tren-menit", "judul": "Rata-rata menit kerja disetujui per pegawai", "titik": titik_menit,
         "svg": grafik.tren_svg("Rata-rata menit kerja disetujui per pegawai per bulan", titik_menit,
                                garis=t.target_menit, label_garis=f"Target {rules.format_angka(t.target_menit)}")},
    ]


@bp.get("/unit/<int:unit_id>/periode")
@login_required
def periode(unit_id: int):
    c = _cakupan()
    periodes, per = _periode()
    ctx = _kepala(c, unit_id, "periode", periodes=periodes, periode=per)
    data = queries.dasbor_periode(c, unit_id, per) if per else None
    pengembangan = queries.dasbor_pengembangan(c, unit_id, per.tahun, data.pegawai) if per else None
    return render("dasbor/periode.html", title=f"Dasbor {ctx['unit'].nama}", d=data, pg=pengembangan,
                  urutan_kurva=ev_rules.URUTAN_KURVA,
                  tahap=ev_rules.TAHAP, status_skp=(*queries.STATUS_SKP, queries.TANPA_SKP), **ctx)


# The lists behind the numbers (longer lists: the rekap workbook has every row).
BATAS_DAFTAR = 300
DAFTAR_BULAN = {
    "belum-hari-ini": "Belum mencatat aktivitas hari ini",
    "kepatuhan": "Kepatuhan pencatatan per pegawai",
    "menit": "Menit kerja disetujui per pegawai",
    "tunggakan": "Pegawai dengan aktivitas menunggu verifikasi",
    "atasan": "Kecepatan umpan balik dan dialog per atasan",
}
DAFTAR_PERIODE = {
    "skp": "Pegawai menurut status SKP",
    "evaluasi": "Pegawai menurut tahap evaluasi",
    "predikat": "Pegawai menurut predikat kinerja",
    "rhk": "RHK pimpinan yang belum diintervensi",
}


@bp.get("/unit/<int:unit_id>/daftar/<jenis>")
@login_required
def daftar(unit_id: int, jenis: str):
    c = _cakupan()
    nilai = request.args.get("nilai", "")[:40]
    if jenis in DAFTAR_BULAN:
        ctx = _kepala(c, unit_id, "bulanan")
        d = queries.dasbor_bulan(c, unit_id, ctx["tahun"], ctx["bulan"], today_local())
        baris = queries.baris_daftar_bulan(d, jenis)
        return render_template("dasbor/daftar.html", title=DAFTAR_BULAN[jenis], judul=DAFTAR_BULAN[jenis],
                               jenis=jenis, baris=baris[:BATAS_DAFTAR], jumlah=len(baris), batas=BATAS_DAFTAR, d=d,
                               nilai=nilai, **ctx)
    if jenis in DAFTAR_PERIODE:
        periodes, per = _periode()
        if per is None:
            abort(404)
        ctx = _kepala(c, unit_id, "periode", periodes=periodes, periode=per)
        d = queries.dasbor_periode(c, unit_id, per)
        if jenis == "rhk":
            rhk = queries.daftar_rhk_tanpa_intervensi(c, unit_id, per.tahun, request.args.get("pegawai", type=int))
            return render_template("dasbor/daftar_rhk.html", title=DAFTAR_PERIODE[jenis], judul=DAFTAR_PERIODE[jenis],
                                   rhk=rhk, d=d, **ctx)
        baris = queries.baris_daftar_periode(d, jenis, nilai)
        return render_template("dasbor/daftar_periode.html", title=DAFTAR_PERIODE[jenis],
                               judul=f"{DAFTAR_PERIODE[jenis]}: {nilai}", jenis=jenis, baris=baris[:BATAS_DAFTAR],
                               jumlah=len(baris), batas=BATAS_DAFTAR, d=d, nilai=nilai, **ctx)
    abort(404)


@bp.get("/unit/<int:unit_id>/rekap/<jenis>.xlsx")
@login_required
def unduh(unit_id: int, jenis: str):
    c = _cakupan()
    if jenis not in rekap.JENIS:
        abort(404)
    unit = c.unit(unit_id)
    hari_ini = today_local()
    if jenis == "predikat":
        _, per = _periode()
        if per is None:
            abort(404)
        isi, label = rekap.rekap_predikat(c, unit_id, per, hari_ini), f"{per.tahun}-{per.kode}"
    else:
        tahun, bulan = _bulan()
        isi = rekap.JENIS[jenis][1](c, unit_id, tahun, bulan, hari_ini)
        label = f"{tahun:04d}-{bulan:02d}"
    response = make_response(isi)
    response.headers["Content-Type"] = XLSX
    response.headers["Content-Disposition"] = f'attachment; filename="{rekap.nama_berkas(jenis, unit, label)}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/halaman-publik")
@admin_required
def halaman_publik():
    form = HalamanPublikForm()
    if not form.validate_on_submit():
        abort(400)
    aktif = services.set_halaman_publik(aktor(), form.aktif.data)
    flash("Halaman publik Kinerja Organisasi " + ("diaktifkan." if aktif else "dinonaktifkan."), "success")
    return redirect(url_for("dasbor.index"))
