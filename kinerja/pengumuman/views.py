"""Announcement pages: for me, written by me, the form, the page with its read receipts."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import login_required

from kinerja import unggahan
from kinerja.akses import aktor, nomor_halaman
from kinerja.formulir import aksi, kirim, status_formulir
from kinerja.pengumuman import bp, queries, rules, sasaran, services
from kinerja.pengumuman.forms import PengumumanForm, unit_pilihan


def _tabs(aktif: str) -> dict:
    # Every logged-in user has the sessions tab (their invitations); kinerja.sosialisasi builds on this package.
    return {"tab": aktif, "boleh_menulis": sasaran.can_address_anyone(aktor()), "boleh_sesi": True}


@bp.get("")
@login_required
def index():
    page = nomor_halaman()
    rows, total = queries.list_untuk_saya(aktor(), page)
    return render_template("pengumuman/index.html", title="Pengumuman", rows=rows, total=total, halaman=page,
                           per_page=queries.PER_PAGE, **_tabs("saya"))


@bp.get("/tulisan")
@login_required
def tulisan():
    if not sasaran.can_address_anyone(aktor()):
        abort(403)
    page = nomor_halaman()
    rows, total = queries.list_tulisan(aktor(), page)
    return render_template("pengumuman/tulisan.html", title="Pengumuman yang Saya Tulis", rows=rows, total=total,
                           halaman=page, per_page=queries.PER_PAGE, sasaran_label=sasaran.label, **_tabs("tulisan"))


def _data(form: PengumumanForm) -> services.PengumumanData:
    target = sasaran.Sasaran(form.cakupan.data == "dinas", form.unit_id.data or None, bool(form.sub_unit.data),
                             form.peran.data or "semua")
    return services.PengumumanData(form.judul.data or "", form.isi.data or "", bool(form.wajib.data), target)


def _files() -> list[services.Unggahan]:
    return [services.Unggahan(f.filename, f.read()) for f in request.files.getlist("lampiran") if f and f.filename]


def _form_page(form: PengumumanForm, p=None, status: int = 200):
    form.unit_id.choices = unit_pilihan(sasaran.unit_choices(aktor()))
    return render_template("pengumuman/form.html", title="Ubah Pengumuman" if p else "Tulis Pengumuman", form=form,
                           p=p), status


def _save(form: PengumumanForm, p=None):
    form.unit_id.choices = unit_pilihan(sasaran.unit_choices(aktor()))
    terbitkan = request.form.get("aksi") == "terbitkan"
    hasil = kirim(form, lambda: services.save_pengumuman(aktor(), p.id if p else None, _data(form), _files(),
                                                         terbitkan=terbitkan))
    if hasil:
        flash("Pengumuman diterbitkan dan dikirim ke penerima." if terbitkan else "Draf pengumuman tersimpan.",
              "success")
        return redirect(url_for("pengumuman.detail", pengumuman_id=hasil.nilai.id))
    return _form_page(form, p, status_formulir())


@bp.route("/baru", methods=["GET", "POST"])
@login_required
def baru():
    if not sasaran.can_address_anyone(aktor()):
        abort(403)
    return _save(PengumumanForm())


@bp.route("/<int:pengumuman_id>/ubah", methods=["GET", "POST"])
@login_required
def ubah(pengumuman_id: int):
    p, _ = services.get_pengumuman(aktor(), pengumuman_id)
    if not services.can_manage(aktor(), p):
        abort(403)  # a recipient sees it, but only the author and the admin edit it
    if p.terbit:
        flash("Pengumuman yang sudah terbit tidak dapat diubah.", "warning")
        return redirect(url_for("pengumuman.detail", pengumuman_id=p.id))
    form = PengumumanForm(obj=p)
    if request.method == "GET":
        form.cakupan.data = "dinas" if p.seluruh_dinas else "unit"
    return _save(form, p)


@bp.get("/<int:pengumuman_id>")
@login_required
def detail(pengumuman_id: int):
    p, penerima = services.get_pengumuman(aktor(), pengumuman_id)
    kelola = services.can_manage(aktor(), p)
    return render_template(
        "pengumuman/detail.html", title=p.judul, p=p, penerima=penerima, isi=rules.format_isi(p.isi),
        kelola=kelola, tanda=queries.tanda_baca(p.id) if kelola and p.terbit else None,
        sasaran_label=sasaran.label(p), ringkasan_baca=rules.ringkasan_baca,
    )


def _act(pengumuman_id: int, action, pesan_ok):
    hasil = aksi(lambda: action(aktor(), pengumuman_id))
    if hasil:
        flash(pesan_ok(hasil.nilai), "success")
    return redirect(url_for("pengumuman.detail", pengumuman_id=pengumuman_id))


@bp.post("/<int:pengumuman_id>/terbitkan")
@login_required
def terbitkan(pengumuman_id: int):
    return _act(pengumuman_id, services.publish_pengumuman,
                lambda n: f"Pengumuman diterbitkan untuk {n} pegawai.")


@bp.post("/<int:pengumuman_id>/ingatkan")
@login_required
def ingatkan(pengumuman_id: int):
    return _act(pengumuman_id, services.remind_unread,
                lambda n: f"Pengingat terkirim ke {n} pegawai yang belum membaca." if n else "Semua penerima sudah membaca.")


@bp.post("/<int:pengumuman_id>/hapus")
@login_required
def hapus(pengumuman_id: int):
    if not aksi(lambda: services.delete_draft(aktor(), pengumuman_id)):
        return redirect(url_for("pengumuman.detail", pengumuman_id=pengumuman_id))
    flash("Draf pengumuman dihapus.", "success")
    return redirect(url_for("pengumuman.tulisan"))


@bp.post("/<int:pengumuman_id>/dibaca")
@login_required
def dibaca(pengumuman_id: int):
    services.mark_read(aktor(), pengumuman_id)
    flash("Pengumuman ditandai sudah dibaca.", "success")
    if request.form.get("kembali") == "beranda":
        return redirect(url_for("beranda.index"))
    return redirect(url_for("pengumuman.detail", pengumuman_id=pengumuman_id))


@bp.get("/<int:pengumuman_id>/lampiran/<int:lampiran_id>")
@login_required
def lampiran(pengumuman_id: int, lampiran_id: int):
    lamp = services.lampiran_for(aktor(), pengumuman_id, lampiran_id)
    return unggahan.send_attachment(services.FOLDER, lamp.nama_simpan, lamp.nama_asli, lamp.mime)
