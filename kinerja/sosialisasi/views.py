"""Sosialisasi session pages."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import login_required

from kinerja.akses import aktor
from kinerja.formulir import aksi, kirim, parse_ids, status_formulir
from kinerja.pengumuman import rules as pengumuman_rules
from kinerja.pengumuman import sasaran
from kinerja.pengumuman.forms import unit_pilihan
from kinerja.sosialisasi import bp, permissions, queries, services
from kinerja.sosialisasi.forms import SesiForm
from kinerja.waktu import utcnow


def _tabs() -> dict:
    return {"tab": "sesi", "boleh_menulis": sasaran.can_address_anyone(aktor()), "boleh_sesi": True}


@bp.get("")
@login_required
def index():
    daftar = queries.list_sesi(aktor())
    return render_template("sosialisasi/index.html", title="Sesi Sosialisasi", daftar=daftar,
                           kehadiran=queries.hitung_kehadiran([s.id for s in daftar]), **_tabs())


@bp.route("/baru", methods=["GET", "POST"])
@login_required
def baru():
    if not sasaran.can_address_anyone(aktor()):
        abort(403)
    form = SesiForm()
    form.unit_id.choices = unit_pilihan(sasaran.unit_choices(aktor()))

    def jadwalkan():
        return services.create_sesi(aktor(), services.SesiData(
            form.jenis.data, form.judul.data or "", form.tanggal.data, form.jam.data, form.tempat.data or "",
            form.tautan.data or "", form.materi.data or "",
            sasaran.Sasaran(form.cakupan.data == "dinas", form.unit_id.data or None, bool(form.sub_unit.data),
                            form.peran.data or "semua")))

    hasil = kirim(form, jadwalkan)
    if hasil:
        flash("Sesi dijadwalkan; undangan terkirim ke peserta.", "success")
        return redirect(url_for("sosialisasi.detail", sesi_id=hasil.nilai.id))
    return render_template("sosialisasi/form.html", title="Jadwalkan Sesi Sosialisasi", form=form), status_formulir()


@bp.get("/<int:sesi_id>")
@login_required
def detail(sesi_id: int):
    sesi = services.get_sesi(aktor(), sesi_id)
    kelola = permissions.can_manage(aktor(), sesi)
    return render_template(
        "sosialisasi/detail.html", title=sesi.judul, sesi=sesi, kelola=kelola,
        materi=pengumuman_rules.format_isi(sesi.materi), sasaran_label=sasaran.label(sesi),
        peserta=queries.peserta(sesi.id) if kelola else None,
        rekap=queries.rekap_per_unit(sesi.id) if kelola else None,
        sudah_mulai=sesi.waktu_mulai <= utcnow(),
    )


@bp.post("/<int:sesi_id>/kehadiran")
@login_required
def kehadiran(sesi_id: int):
    hasil = aksi(lambda: services.record_attendance(aktor(), sesi_id, parse_ids(request.form.getlist("hadir"))))
    if hasil:
        flash(f"Kehadiran tersimpan: {hasil.nilai} peserta hadir.", "success")
    return redirect(url_for("sosialisasi.detail", sesi_id=sesi_id))
