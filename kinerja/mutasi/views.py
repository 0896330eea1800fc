"""Admin pages: Catat Mutasi (with the riwayat jabatan) and Penugasan Plt/Plh."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for

from kinerja import atasan, kait
from kinerja.admin.forms import golongan_options
from kinerja.akses import admin_required, aktor, nomor_halaman
from kinerja.extensions import db
from kinerja.formulir import aksi, kirim, pilihan, status_formulir
from kinerja.models import Evaluasi, Pegawai
from kinerja.mutasi import bp, queries, rules, services
from kinerja.mutasi.forms import MutasiForm, PenugasanForm
from kinerja.organisasi.services import jabatan_choices, pilihan_pegawai_aktif, unit_choices
from kinerja.waktu import today_local

ATASAN_KOSONG = "— Tanpa atasan di dinas —"
PEGAWAI_KOSONG = "— Tidak (pilih unit di atas) —"


def _mutasi_form(p: Pegawai, formdata=None) -> MutasiForm:
    form = MutasiForm(formdata=formdata) if formdata is not None else MutasiForm(
        data={"jabatan_id": p.jabatan_id, "unit_id": p.unit_id, "atasan_id": p.atasan_id, "golongan": p.golongan or "",
              "pimpinan": bool(p.pimpinan), "tanggal": today_local()})
    form.jabatan_id.choices = pilihan([("", "— Pilih jabatan —"), *jabatan_choices()])
    form.unit_id.choices = pilihan([("", "— Pilih unit kerja —"), *unit_choices()])
    form.atasan_id.choices = pilihan([("", ATASAN_KOSONG)]
                                     + [(i, n) for i, n in pilihan_pegawai_aktif(None, form.atasan_id.data) if i != p.id])
    form.golongan.choices = pilihan(golongan_options(p.status))
    return form


def _render_mutasi(p: Pegawai, form: MutasiForm, status: int):
    return render_template("mutasi/catat.html", title=f"Catat Mutasi: {p.nama}", pegawai=p, form=form, kosong=ATASAN_KOSONG,
                           riwayat=queries.riwayat_jabatan(p.id), skp=queries.skp_pegawai(p.id)), status


@bp.route("/pegawai/<int:pegawai_id>", methods=["GET", "POST"])
@admin_required
def catat(pegawai_id: int):
    p = db.get_or_404(Pegawai, pegawai_id)
    form = _mutasi_form(p)
    hasil = kirim(form, lambda: services.catat_mutasi(aktor(), pegawai_id, services.MutasiData(
        jenis=form.jenis.data, tanggal=form.tanggal.data, jabatan_id=form.jabatan_id.data, unit_id=form.unit_id.data,
        atasan_id=form.atasan_id.data, golongan=form.golongan.data or None, pimpinan=bool(form.pimpinan.data),
        nomor_sk=form.nomor_sk.data, keterangan=form.keterangan.data)))
    if hasil:
        h = hasil.nilai
        pesan = f"{h.riwayat.jenis} {p.nama} berlaku {h.riwayat.tanggal_mulai:%d-%m-%Y} tercatat."
        if h.skp_diakhiri is not None:
            pesan += (f" SKP berjalan diakhiri {h.skp_diakhiri.tanggal_selesai:%d-%m-%Y}; pegawai memulai SKP "
                      "jabatan baru yang disetujui atasan barunya.")
        flash(pesan, "success")
        return redirect(url_for("mutasi.catat", pegawai_id=pegawai_id), code=303)
    return _render_mutasi(p, form, status_formulir())


# ------------------------------------------------------------------ Plt / Plh


def _penugasan_form() -> PenugasanForm:
    form = PenugasanForm()
    # A kabupaten has 10,000 pegawai: each select offers its current choice and 50 names; its search
    # field (macro ``pilih_pegawai``) narrows them (#17).
    form.pejabat_id.choices = pilihan([("", "— Pilih pegawai —"), *pilihan_pegawai_aktif(None, form.pejabat_id.data)])
    form.unit_id.choices = pilihan([("", "— Tidak (pilih pegawai di bawah) —"), *queries.pilihan_unit()])
    form.pegawai_id.choices = pilihan([("", PEGAWAI_KOSONG), *pilihan_pegawai_aktif(None, form.pegawai_id.data)])
    return form


def _render_penugasan(form: PenugasanForm, status: int = 200):
    page = queries.daftar_penugasan(nomor_halaman())
    return render_template("mutasi/penugasan.html", title="Penugasan Plt/Plh", form=form, page=page, kosong=PEGAWAI_KOSONG,
                           hari_ini=today_local(), jabatan=atasan.jabatan_penugasan,
                           kerja_terakhir=queries.hari_kerja_terakhir(page.items),
                           hari_kembali=rules.hari_tugas_kembali), status


@bp.get("/penugasan")
@admin_required
def penugasan():
    return _render_penugasan(_penugasan_form())


@bp.post("/penugasan")
@admin_required
def penugasan_tambah():
    form = _penugasan_form()
    hasil = kirim(form, lambda: services.buat_penugasan(aktor(), services.PenugasanData(
        jenis=form.jenis.data or None, pejabat_id=form.pejabat_id.data, unit_id=form.unit_id.data,
        pegawai_id=form.pegawai_id.data, tanggal_mulai=form.tanggal_mulai.data, tanggal_selesai=form.tanggal_selesai.data,
        nomor_sk=form.nomor_sk.data, keterangan=form.keterangan.data)))
    if hasil:
        flash(f"Penugasan {hasil.nilai.jenis} {hasil.nilai.pejabat.nama} tersimpan.", "success")
        return redirect(url_for("mutasi.penugasan"), code=303)
    return _render_penugasan(form, 422)


@bp.post("/penugasan/<int:penugasan_id>/akhiri")
@admin_required
def penugasan_akhiri(penugasan_id: int):
    if aksi(lambda: services.akhiri_penugasan(aktor(), penugasan_id), "warning"):
        flash("Penugasan diakhiri; tugas dan pekerjaan yang masih terbuka kembali ke pejabat definitif.", "success")
    return redirect(url_for("mutasi.penugasan"), code=303)


@bp.post("/evaluasi/<int:evaluasi_id>/penentu")
@admin_required
def penentu(evaluasi_id: int):
    """The admin chooses which of a pegawai's evaluations in a period gives his predikat."""
    from kinerja.evaluasi.services import pilih_penentu_predikat

    ev = db.get_or_404(Evaluasi, evaluasi_id)
    if aksi(lambda: pilih_penentu_predikat(aktor(), evaluasi_id)):
        flash("Predikat periode pegawai ini kini diambil dari evaluasi yang dipilih.", "success")
    return redirect(url_for("evaluasi.detail", evaluasi_id=ev.id), code=303)


def bagian_evaluasi(actor, ev):
    """On an evaluation's page, when the pegawai has several SKPs in the period (after a mutasi):
    which evaluation gives his predikat for the period, and — for the admin — the choice."""
    from kinerja.akses import is_admin
    from kinerja.beranda.services import Panel

    lain = queries.evaluasi_sepanjang_periode(ev)
    if len(lain) < 2:
        return None
    return Panel("mutasi/_evaluasi_periode.html", {"ev": ev, "daftar": lain, "admin": is_admin(actor)})


def bagian_pegawai(actor, pegawai):
    """The "Riwayat Jabatan" section of the admin's pegawai page."""
    from kinerja.beranda.services import Panel

    if pegawai is None:
        return None
    return Panel("mutasi/_riwayat_pegawai.html", {"pegawai": pegawai, "riwayat": queries.riwayat_jabatan(pegawai.id)})


__all__ = ["bagian_evaluasi", "bagian_pegawai", "kait"]
