"""Pejabat luar instansi pages (admin): list, form, account, penilai of the top of the tree."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for

from kinerja.akses import admin_required, aktor
from kinerja.errors import DomainError
from kinerja.formulir import kirim
from kinerja.pejabat_luar import bp, services
from kinerja.pejabat_luar.forms import AkunPejabatForm, PejabatLuarForm, PenugasanForm


def _pilihan(daftar) -> list[tuple[str, str]]:
    return [("", "— Tidak ada —")] + [(str(p.id), f"{p.nama} — {p.jabatan}") for p in daftar if p.aktif]


def _penugasan_forms(daftar, pegawai, posted: tuple[int, PenugasanForm] | None = None):
    forms = []
    for p in pegawai:
        if posted is not None and posted[0] == p.id:
            form = posted[1]
        else:
            form = PenugasanForm(formdata=None, prefix=f"p{p.id}", penilai_luar_id=p.penilai_luar_id,
                                 atasan_penilai_luar_id=p.atasan_penilai_luar_id)
        form.penilai_luar_id.choices = form.atasan_penilai_luar_id.choices = _pilihan(daftar)
        forms.append((p, form))
    return forms


def _daftar_page(status: int = 200, posted=None):
    daftar = services.list_pejabat_luar()
    akun = {p.id: services.akun_of(p.id) for p in daftar}
    return render_template("pejabat_luar/daftar.html", title="Pejabat Luar Instansi", daftar=daftar, akun=akun,
                           penugasan=_penugasan_forms(daftar, services.pegawai_puncak(), posted)), status


@bp.get("")
@admin_required
def daftar():
    return _daftar_page()


def _form_page(item):
    form = PejabatLuarForm(obj=item)

    def simpan():
        data = services.DataPejabat(nama=form.nama.data, jabatan=form.jabatan.data, instansi=form.instansi.data,
                                    nip=form.nip.data, pangkat_golongan=form.pangkat_golongan.data,
                                    aktif=form.aktif.data)
        return services.save_pejabat_luar(aktor(), item.id if item else None, data)

    hasil = kirim(form, simpan)
    if hasil:
        flash(f"Pejabat luar instansi {hasil.nilai.nama} tersimpan.", "success")
        return redirect(url_for("pejabat_luar.daftar"))
    status = 422 if form.is_submitted() else 200
    title = f"Ubah Pejabat Luar Instansi: {item.nama}" if item else "Tambah Pejabat Luar Instansi"
    akun = services.akun_of(item.id) if item else None
    return render_template("pejabat_luar/form.html", title=title, form=form, item=item, akun=akun,
                           akun_form=AkunPejabatForm(formdata=None), sandi=None), status


@bp.route("/baru", methods=["GET", "POST"])
@admin_required
def baru():
    return _form_page(None)


@bp.route("/<int:pejabat_id>", methods=["GET", "POST"])
@admin_required
def ubah(pejabat_id: int):
    return _form_page(services.get_pejabat_luar(pejabat_id))


@bp.post("/<int:pejabat_id>/akun")
@admin_required
def akun(pejabat_id: int):
    item = services.get_pejabat_luar(pejabat_id)
    form = AkunPejabatForm()
    hasil = kirim(form, lambda: services.create_akun(aktor(), item.id, form.username.data),
                  tidak_valid=DomainError("username", "Isi nama pengguna."))
    sandi = hasil.nilai.kata_sandi if hasil else None
    return render_template("pejabat_luar/form.html", title=f"Ubah Pejabat Luar Instansi: {item.nama}",
                           form=PejabatLuarForm(formdata=None, obj=item), item=item, akun=services.akun_of(item.id),
                           akun_form=form, sandi=sandi), (200 if sandi else 422)


@bp.post("/penugasan/<int:pegawai_id>")
@admin_required
def penugasan(pegawai_id: int):
    form = PenugasanForm(prefix=f"p{pegawai_id}")
    form.penilai_luar_id.choices = form.atasan_penilai_luar_id.choices = []
    hasil = kirim(form, lambda: services.set_penilai_luar(aktor(), pegawai_id, form.penilai_luar_id.data or None,
                                                          form.atasan_penilai_luar_id.data or None),
                  tidak_valid=DomainError("penilai_luar_id", "Periksa kembali pilihan pejabat."))
    if not hasil:
        return _daftar_page(422, (pegawai_id, form))
    flash(f"Pejabat penilai {hasil.nilai.nama} tersimpan.", "success")
    return redirect(url_for("pejabat_luar.daftar"))
