"""Admin kepegawaian pages: instansi, unit kerja, jabatan, pegawai, kalender kerja (C1)."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import login_required

from kinerja import kait
from kinerja.admin import bp
from kinerja.admin.forms import (
    HariLiburForm,
    InstansiForm,
    JabatanForm,
    LogoForm,
    PegawaiForm,
    TahunForm,
    UnitForm,
    golongan_options,
    optional_id,
    select_choices,
)
from kinerja.admin.permissions import admin_required
from kinerja.akses import aktor, arg_id, nomor_halaman
from kinerja.akun.services import reset_password
from kinerja.beranda.services import admin_summary
from kinerja.extensions import db
from kinerja.formulir import aksi, coba, kirim, parse_id, status_formulir
from kinerja.htmx import render
from kinerja.models import Jabatan, Pegawai, UnitKerja
from kinerja.organisasi import services
from kinerja.organisasi.rules import format_nip
from kinerja.referensi import JENIS_HARI_LIBUR
from kinerja.waktu import today_local

PER_PAGE = 25




@bp.get("")
@admin_required
def index():
    return render_template("admin/index.html", title="Admin", ringkasan=admin_summary(), admin_menu=kait.admin_menu())


# ---------------------------------------------------------------- instansi

def _render_instansi(form: InstansiForm, logo_form: LogoForm, status: int = 200):
    inst = services.find_instansi()
    return render_template("admin/instansi.html", title="Pengaturan Instansi", form=form, logo_form=logo_form,
                           punya_logo=bool(inst and inst.logo_nama_file),
                           logo_max_kb=current_app.config["LOGO_MAX_BYTES"] // 1024), status


@bp.route("/instansi", methods=["GET", "POST"])
@admin_required
def instansi():
    form = InstansiForm(obj=services.find_instansi())
    if kirim(form, lambda: services.update_instansi(aktor(), {n: getattr(form, n).data for n in services.INSTANSI_FIELDS})):
        flash("Pengaturan instansi tersimpan.", "success")
        return redirect(url_for("admin.instansi"))
    return _render_instansi(form, LogoForm(formdata=None), status_formulir())


@bp.post("/instansi/logo/unggah")
@admin_required
def instansi_logo():
    logo_form = LogoForm()
    def simpan():
        max_bytes = current_app.config["LOGO_MAX_BYTES"]
        upload = logo_form.logo.data
        return services.store_logo(aktor(), upload.read(max_bytes + 1) if upload else b"",
                                   current_app.config["UPLOAD_DIR"], max_bytes)

    if kirim(logo_form, simpan):
        flash("Logo instansi tersimpan.", "success")
        return redirect(url_for("admin.instansi"))
    return _render_instansi(InstansiForm(formdata=None, obj=services.find_instansi()), logo_form, 422)


@bp.post("/instansi/logo/hapus")
@admin_required
def instansi_logo_hapus():
    services.remove_logo(aktor(), current_app.config["UPLOAD_DIR"])
    flash("Logo instansi dihapus.", "success")
    return redirect(url_for("admin.instansi"))


@bp.get("/instansi/logo")
@login_required
def logo():
    """The instansi logo, for every logged-in user (page header, prints)."""
    inst = services.find_instansi()
    path = services.logo_path(current_app.config["UPLOAD_DIR"], inst.logo_nama_file if inst else None)
    if path is None:
        abort(404)
    response = send_file(path, mimetype="image/png", max_age=None)
    response.cache_control.private = True
    return response


# ---------------------------------------------------------------- unit kerja

@bp.get("/unit")
@admin_required
def unit_list():
    q = request.args.get("q", "")
    return render("admin/unit/daftar.html", "admin/partials/_unit_tabel.html", title="Unit Kerja",
                  page=services.unit_tree(q, nomor_halaman(), PER_PAGE), q=q)


def _form_data(form, layanan, label: str, obj, daftar: str):
    """Unit kerja and jabatan: one form page (admin/form_data.html), save → back to the list."""
    hasil = kirim(form, layanan)
    if hasil:
        flash(f"{label.capitalize()} {hasil.nilai.nama} tersimpan.", "success")
        return redirect(url_for(daftar))
    title = f"Ubah {label}: {obj.nama}" if obj else f"Tambah {label}"
    return render_template("admin/form_data.html", title=title, form=form, daftar=daftar,
                           daftar_label=label), status_formulir()


def _unit_form(unit: UnitKerja | None):
    form = UnitForm(obj=unit)
    form.induk_id.choices = select_choices([("", "— Tidak ada (unit teratas) —"), *services.unit_choices(unit.id if unit else None)])
    return _form_data(form, lambda: services.save_unit(
        aktor(), unit.id if unit else None, form.nama.data, form.singkatan.data, form.induk_id.data,
        form.hari_kerja_per_minggu.data, form.aktif.data), "Unit Kerja", unit, "admin.unit_list")


@bp.route("/unit/baru", methods=["GET", "POST"])
@admin_required
def unit_baru():
    return _unit_form(None)


@bp.route("/unit/<int:unit_id>", methods=["GET", "POST"])
@admin_required
def unit_edit(unit_id: int):
    return _unit_form(db.get_or_404(UnitKerja, unit_id))


# ---------------------------------------------------------------- jabatan

@bp.get("/jabatan")
@admin_required
def jabatan_list():
    q = request.args.get("q", "")
    page, jumlah_pegawai = services.list_jabatan(q, nomor_halaman(), PER_PAGE)
    return render("admin/jabatan/daftar.html", "admin/partials/_jabatan_tabel.html", title="Jabatan", page=page,
                  jumlah_pegawai=jumlah_pegawai, q=q)


def _jabatan_form(jabatan: Jabatan | None):
    form = JabatanForm(obj=jabatan)
    return _form_data(form, lambda: services.save_jabatan(
        aktor(), jabatan.id if jabatan else None, form.nama.data, form.jenis.data, form.jenjang.data),
        "Jabatan", jabatan, "admin.jabatan_list")


@bp.route("/jabatan/baru", methods=["GET", "POST"])
@admin_required
def jabatan_baru():
    return _jabatan_form(None)


@bp.route("/jabatan/<int:jabatan_id>", methods=["GET", "POST"])
@admin_required
def jabatan_edit(jabatan_id: int):
    return _jabatan_form(db.get_or_404(Jabatan, jabatan_id))


# ---------------------------------------------------------------- pegawai

def _aktif_filter(value: str) -> bool | None:
    return {"1": True, "0": False}.get(value)


@bp.get("/pegawai")
@admin_required
def pegawai_list():
    args = request.args
    q, aktif = args.get("q", ""), args.get("aktif", "1")
    unit_id = optional_id(args.get("unit", ""))
    page = services.list_pegawai(q, unit_id, _aktif_filter(aktif), nomor_halaman(), PER_PAGE)
    return render("admin/pegawai/daftar.html", "admin/partials/_pegawai_tabel.html", title="Pegawai", page=page,
                  q=q, aktif=aktif, unit_id=unit_id, units=services.unit_choices())


def _atasan_options(pegawai_id: int | None, unit_id: int | None, selected: int | None, q: str | None = None):
    candidates = services.atasan_candidates(pegawai_id, unit_id, selected, q)
    return [("", "— Tidak ada atasan —")] + [(p.id, f"{p.nama} — {format_nip(p.nip)}") for p in candidates]


def _pegawai_data(form: PegawaiForm) -> services.PegawaiData:
    return services.PegawaiData(
        nip=form.nip.data or "", nama=form.nama.data or "", status=form.status.data,
        golongan=form.golongan.data or None, jabatan_id=form.jabatan_id.data, unit_id=form.unit_id.data,
        atasan_id=form.atasan_id.data, pimpinan=bool(form.pimpinan.data), email=form.email.data or None,
    )


def _render_pegawai_form(form: PegawaiForm, pegawai: Pegawai | None, status: int):
    form.golongan.choices = select_choices(golongan_options(form.status.data))
    form.jabatan_id.choices = select_choices([("", "— Pilih jabatan —"), *services.jabatan_choices()])
    form.unit_id.choices = select_choices([("", "— Pilih unit kerja —"), *services.unit_choices()])
    form.atasan_id.choices = select_choices(
        _atasan_options(pegawai.id if pegawai else None, form.unit_id.data, form.atasan_id.data))
    punya_akun = pegawai is not None and services.akun_of_pegawai(pegawai.id) is not None
    title = f"Ubah Pegawai: {pegawai.nama}" if pegawai else "Tambah Pegawai"
    bagian = kait.sections("pegawai", aktor(), pegawai) if pegawai is not None else []  # e.g. riwayat jabatan
    return render_template("admin/pegawai/form.html", title=title, form=form, pegawai=pegawai,
                           punya_akun=punya_akun, bagian_tambahan=bagian), status


@bp.route("/pegawai/baru", methods=["GET", "POST"])
@admin_required
def pegawai_baru():
    form = PegawaiForm()
    hasil = kirim(form, lambda: services.create_pegawai(aktor(), _pegawai_data(form)))
    if hasil:
        baru = hasil.nilai
        # Shown once, in this response only: never flashed (the session cookie is readable).
        return render_template("admin/pegawai/sandi.html", title="Pegawai Ditambahkan", pegawai=baru.pegawai,
                               sandi=baru.sandi_sementara, baru=True)
    return _render_pegawai_form(form, None, status_formulir())


@bp.route("/pegawai/<int:pegawai_id>", methods=["GET", "POST"])
@admin_required
def pegawai_edit(pegawai_id: int):
    pegawai = db.get_or_404(Pegawai, pegawai_id)
    form = PegawaiForm(obj=pegawai)
    hasil = kirim(form, lambda: services.update_pegawai(aktor(), pegawai_id, _pegawai_data(form)))
    if hasil:
        flash(f"Data {pegawai.nama} tersimpan.", "success")
        return redirect(url_for("admin.pegawai_edit", pegawai_id=pegawai_id))
    return _render_pegawai_form(form, pegawai, status_formulir())


def _set_aktif(pegawai_id: int, aktif: bool):
    pegawai = db.get_or_404(Pegawai, pegawai_id)
    if aksi(lambda: services.set_pegawai_aktif(aktor(), pegawai_id, aktif)):
        flash(f"{pegawai.nama} {'diaktifkan kembali' if aktif else 'dinonaktifkan; semua sesinya diakhiri'}.", "success")
    return redirect(url_for("admin.pegawai_edit", pegawai_id=pegawai_id))


@bp.post("/pegawai/<int:pegawai_id>/nonaktifkan")
@admin_required
def pegawai_nonaktifkan(pegawai_id: int):
    return _set_aktif(pegawai_id, False)


@bp.post("/pegawai/<int:pegawai_id>/aktifkan")
@admin_required
def pegawai_aktifkan(pegawai_id: int):
    return _set_aktif(pegawai_id, True)


@bp.post("/pegawai/<int:pegawai_id>/atur-ulang-sandi")
@admin_required
def pegawai_atur_ulang_sandi(pegawai_id: int):
    pegawai = db.get_or_404(Pegawai, pegawai_id)
    akun = services.akun_of_pegawai(pegawai_id)
    if akun is None:
        flash(f"{pegawai.nama} belum punya akun.", "danger")
        return redirect(url_for("admin.pegawai_edit", pegawai_id=pegawai_id))
    hasil = reset_password(aktor(), akun.id)
    return render_template("admin/pegawai/sandi.html", title="Kata Sandi Diatur Ulang", pegawai=pegawai,
                           sandi=hasil.password, baru=False)


@bp.get("/pegawai/opsi-golongan")
@admin_required
def golongan_opsi():
    """The golongan <option>s for a status (htmx, when Status Kepegawaian changes)."""
    return render_template("admin/partials/_pegawai_opsi.html", choices=golongan_options(request.args.get("status")),
                           selected=request.args.get("golongan", ""))


@bp.get("/pegawai/opsi-atasan")
@admin_required
def atasan_opsi():
    """The atasan <option>s matching "Cari atasan" (htmx)."""
    args = request.args
    choices = _atasan_options(optional_id(args.get("pegawai_id")), optional_id(args.get("unit_id")),
                              optional_id(args.get("atasan_id")), args.get("cari_atasan", ""))
    return render_template("admin/partials/_pegawai_opsi.html", choices=choices, selected=args.get("atasan_id", ""))


@bp.get("/pegawai/opsi")
@admin_required
def pegawai_opsi():
    """The <option>s of a pegawai select narrowed by its search field (macro ``cari_pegawai``, htmx):
    ``kolom`` names the select whose current value stays first, ``kosong`` its empty choice."""
    args = request.args
    kolom = args.get("kolom", "")
    terpilih = arg_id(kolom) if kolom else None
    choices = [("", args.get("kosong") or "— Pilih pegawai —"),
               *services.pilihan_pegawai_aktif(args.get("cari", ""), terpilih)]
    return render_template("admin/partials/_pegawai_opsi.html", choices=choices, selected=terpilih or "")


# ---------------------------------------------------------------- kalender kerja

def _tahun_arg() -> int:
    tahun = arg_id("tahun") or today_local().year
    return min(max(tahun, 2000), 2100)


def _render_kalender(tahun: int, form: HariLiburForm, status: int = 200):
    tahun_ini = today_local().year
    return render_template("admin/kalender.html", title="Kalender Kerja", tahun=tahun, form=form,
                           hari_libur=services.list_hari_libur(tahun), jenis_libur=JENIS_HARI_LIBUR,
                           pilihan_tahun=sorted({*range(tahun_ini - 3, tahun_ini + 3), tahun})), status


@bp.get("/kalender")
@admin_required
def kalender():
    return _render_kalender(_tahun_arg(), HariLiburForm(formdata=None))


@bp.post("/kalender/tambah")
@admin_required
def kalender_tambah():
    form = HariLiburForm()
    hasil = kirim(form, lambda: services.add_hari_libur(aktor(), form.tanggal.data, form.nama.data, form.jenis.data))
    if hasil:
        item = hasil.nilai
        flash(f"{item.nama} ditambahkan ke kalender.", "success")
        return redirect(url_for("admin.kalender", tahun=item.tanggal.year))
    tahun = form.tanggal.data.year if form.tanggal.data else _tahun_arg()
    return _render_kalender(tahun, form, 422)


@bp.post("/kalender/muat-nasional")
@admin_required
def kalender_muat():
    form = TahunForm()
    tahun = form.tahun.data if form.validate_on_submit() else None
    if tahun is None:
        flash("Tahun tidak valid.", "danger")
        return redirect(url_for("admin.kalender"))
    hasil = aksi(lambda: services.seed_national_holidays(aktor(), tahun))
    if not hasil:
        return redirect(url_for("admin.kalender"))
    jumlah = hasil.nilai
    if jumlah:
        flash(f"{jumlah} hari libur nasional dan cuti bersama tahun {tahun} ditambahkan.", "success")
    else:
        flash(f"Semua hari libur nasional tahun {tahun} sudah tercatat.", "info")
    return redirect(url_for("admin.kalender", tahun=tahun))


@bp.post("/kalender/<int:hari_libur_id>/hapus")
@admin_required
def kalender_hapus(hari_libur_id: int):
    if not coba(lambda: services.remove_hari_libur(aktor(), hari_libur_id)):
        abort(404)
    flash("Hari libur dihapus dari kalender.", "success")
    return redirect(url_for("admin.kalender", tahun=parse_id(request.form.get("tahun"))))
