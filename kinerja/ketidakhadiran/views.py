"""Ketidakhadiran pages: my absences and request form, requests waiting for me, the admin's record and import."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import login_required

from kinerja import unggahan
from kinerja.akses import admin_required, aktor, nomor_halaman
from kinerja.errors import NotFound, PermissionDenied
from kinerja.formulir import aksi, kirim, status_formulir
from kinerja.htmx import render
from kinerja.ketidakhadiran import bp, impor, queries, rules, services
from kinerja.ketidakhadiran.forms import CatatForm, ImporForm, PengajuanForm, PutusanForm
from kinerja.ketidakhadiran.permissions import can_decide
from kinerja.organisasi.permissions import is_admin, pegawai_id_of


def _data(form: PengajuanForm) -> services.Data:
    return services.Data(form.jenis.data or None, form.tanggal_mulai.data, form.tanggal_selesai.data,
                         form.keterangan.data)


def _dokumen() -> services.Dokumen | None:
    f = request.files.get("dokumen")
    return services.Dokumen(f.filename, f.read()) if f and f.filename else None


def _page(pengajuan: PengajuanForm | None = None, catat: CatatForm | None = None, status: int = 200):
    actor = aktor()
    pid = pegawai_id_of(actor)
    admin = is_admin(actor)
    if pid is None and not admin:
        abort(403)
    catat = catat or (CatatForm(formdata=None) if admin else None)
    if catat is not None:
        catat.pegawai_id.choices = [("", "— Pilih pegawai —")] + queries.pegawai_pilihan()
    daftar, total = queries.semua(nomor_halaman()) if admin else ([], 0)
    return render_template(
        "ketidakhadiran/index.html", title="Cuti, Dinas Luar, Sakit, Tugas Belajar",
        pengajuan=pengajuan or (PengajuanForm(formdata=None) if pid else None), catat=catat,
        milik=queries.milik(pid) if pid else [], menunggu=queries.menunggu(pid) if pid else [],
        daftar=daftar, total=total, halaman=nomor_halaman(), per_page=queries.PER_PAGE,
        putusan=PutusanForm(formdata=None), kode=rules.KODE_KETIDAKHADIRAN, pid=pid,
    ), status


def _aksi(layanan, pesan):
    """A decision button: 403 when the service refuses the actor, its domain error as a red flash, else
    ``pesan(result)`` as a green one; back to the list either way."""
    try:
        hasil = aksi(layanan)
    except PermissionDenied:
        abort(403)
    if hasil:
        flash(pesan(hasil.nilai), "success")
    return redirect(url_for("ketidakhadiran.index"))


@bp.get("/")
@login_required
def index():
    return _page()


@bp.post("/ajukan")
@login_required
def ajukan():
    if pegawai_id_of(aktor()) is None:
        abort(403)
    form = PengajuanForm()
    hasil = kirim(form, lambda: services.ajukan(aktor(), _data(form), _dokumen()))
    if hasil:
        flash(f"Pengajuan {hasil.nilai.jenis} terkirim ke atasan.", "success")
        return redirect(url_for("ketidakhadiran.index"))
    return _page(pengajuan=form, status=status_formulir())


@bp.post("/catat")
@admin_required
def catat():
    form = CatatForm()
    form.pegawai_id.choices = [("", "— Pilih pegawai —")] + queries.pegawai_pilihan()
    hasil = kirim(form, lambda: services.catat(aktor(), form.pegawai_id.data, _data(form), _dokumen()))
    if hasil:
        flash(f"{hasil.nilai.jenis} {hasil.nilai.pegawai.nama} tercatat.", "success")
        return redirect(url_for("ketidakhadiran.index"))
    return _page(catat=form, status=status_formulir())


def _load(ketidakhadiran_id: int):
    try:
        return services.get(aktor(), ketidakhadiran_id)
    except NotFound:
        abort(404)


@bp.post("/<int:ketidakhadiran_id>/putuskan")
@login_required
def putuskan(ketidakhadiran_id: int):
    if not can_decide(aktor(), _load(ketidakhadiran_id)):
        abort(403)
    form = PutusanForm()
    if not form.validate_on_submit():
        return _page(status=422)
    return _aksi(lambda: services.putuskan(aktor(), ketidakhadiran_id, form.keputusan.data == "setujui",
                                           form.catatan.data),
                 lambda k: f"{k.jenis} {k.pegawai.nama} {k.status.lower()}.")


@bp.post("/<int:ketidakhadiran_id>/batalkan")
@login_required
def batalkan(ketidakhadiran_id: int):
    _load(ketidakhadiran_id)
    return _aksi(lambda: services.batalkan(aktor(), ketidakhadiran_id),
                 lambda k: f"{k.jenis} {k.tanggal_mulai:%d-%m-%Y} dibatalkan.")


@bp.get("/<int:ketidakhadiran_id>/dokumen")
@login_required
def dokumen(ketidakhadiran_id: int):
    k = _load(ketidakhadiran_id)
    if not k.dokumen_simpan:
        abort(404)
    return unggahan.send_attachment(services.FOLDER, k.dokumen_simpan, k.dokumen_nama, k.dokumen_mime)


@bp.route("/impor", methods=["GET", "POST"])
@admin_required
def impor_csv():
    form = ImporForm()
    hasil = None
    status = 200
    if request.method == "POST":
        f = request.files.get("berkas")
        if not f or not f.filename:
            form.berkas.errors = ["Pilih berkas CSV."]
            status = 422
        else:
            data, jalankan = f.read(), request.form.get("aksi") == "jalankan"
            if jalankan and impor.perlu_latar(data):  # above IMPOR_BATAS_LATAR rows: a background job
                pekerjaan = impor.mulai_impor_latar(aktor(), data)
                return redirect(url_for("ketidakhadiran.impor_pekerjaan", pekerjaan_id=pekerjaan.id))
            hasil = impor.impor(aktor(), data, jalankan=jalankan)
            if hasil.ditulis:
                flash(f"{hasil.ditulis} ketidakhadiran diimpor.", "success")
                return redirect(url_for("ketidakhadiran.index"))
            status = 200 if hasil.ok else 422
    return render_template("ketidakhadiran/impor.html", title="Impor Ketidakhadiran", form=form, hasil=hasil,
                           kolom=rules.KOLOM), status


@bp.get("/impor/pekerjaan/<int:pekerjaan_id>")
@admin_required
def impor_pekerjaan(pekerjaan_id: int):
    """A large import's progress (htmx polls the card until the job ends)."""
    row = impor.pekerjaan_impor(pekerjaan_id)
    if row is None:
        raise NotFound()
    return render("ketidakhadiran/impor_pekerjaan.html", "ketidakhadiran/partials/_impor_kemajuan.html",
                  title="Impor Ketidakhadiran", p=row)
