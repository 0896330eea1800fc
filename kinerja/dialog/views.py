"""Dialog kinerja pages (C6): lists, schedule/edit, the meeting page with its htmx sections, notulen PDF."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import login_required

from kinerja.akses import aktor, nomor_halaman, pegawai_required
from kinerja.dialog import bp, permissions, queries, rules, services
from kinerja.dialog.forms import (
    CatatanForm,
    DialogForm,
    StatusTindakLanjutForm,
    TanggapanForm,
    TindakLanjutForm,
    pilihan,
)
from kinerja.dokumen.pdf import logo_data_uri, pdf_response, render_pdf
from kinerja.errors import DomainError, NotFound, PermissionDenied
from kinerja.formulir import aksi, coba, kirim, parse_ids, status_formulir
from kinerja.htmx import is_htmx_request, render, render_fragment
from kinerja.organisasi.services import find_instansi
from kinerja.waktu import to_local, today_local, utcnow


def _today():
    return today_local(services.zona_instansi())


# ------------------------------------------------------------------ lists

def _tabs(aktif: str, boleh_memimpin: bool | None = None) -> dict:
    if boleh_memimpin is None:
        boleh_memimpin = permissions.can_lead(aktor())
    return {"tab": aktif, "boleh_memimpin": boleh_memimpin, "boleh_rekap": queries.can_see_rekap(aktor())}


@bp.get("")
@pegawai_required
def index():
    actor, zona = aktor(), services.zona_instansi()
    boleh = permissions.can_lead(actor)
    if not (boleh or queries.pernah_memimpin(actor)):
        return redirect(url_for("dialog.diikuti"))
    bulan = rules.parse_bulan(request.args.get("bulan"), today_local(zona))
    return render("dialog/index.html", "dialog/partials/_daftar_bulan.html", title="Dialog Kinerja",
                  daftar=queries.list_dipimpin(actor, bulan, zona), **_tabs("pimpin", boleh))


@bp.get("/diikuti")
@pegawai_required
def diikuti():
    page = queries.list_diikuti(aktor(), nomor_halaman())
    return render("dialog/diikuti.html", "dialog/partials/_daftar_diikuti.html", title="Dialog yang Saya Ikuti",
                  page=page, **_tabs("ikut"))


@bp.get("/rekap")
@login_required
def rekap():
    return render("dialog/rekap.html", title="Rekap Dialog Pimpinan", rekap=queries.rekap_pimpinan(aktor(), page=nomor_halaman()),
                  **_tabs("rekap"))


# ------------------------------------------------------------------ schedule / edit

def _dialog_form(dialog=None) -> DialogForm:
    form = DialogForm(obj=dialog)
    if dialog is not None and request.method == "GET":
        local = to_local(dialog.waktu_mulai, services.zona_instansi())
        form.tanggal.data, form.jam.data = local.date(), local.time().replace(second=0, microsecond=0)
        form.peserta.data = sorted(dialog.peserta_ids)
    return form


def _dialog_data(form: DialogForm) -> services.DialogData:
    return services.DialogData(
        jenis=form.jenis.data, judul=form.judul.data, tanggal=form.tanggal.data, jam=form.jam.data,
        daring=form.daring.data, tempat=form.tempat.data or "", agenda=form.agenda.data or "",
        pengulangan=form.pengulangan.data or "", peserta_ids=form.peserta.data or [],
    )


def _render_form(form: DialogForm, dialog=None, status: int = 200):
    title = "Ubah Dialog Kinerja" if dialog else "Jadwalkan Dialog Kinerja"
    return render("dialog/form.html", status=status, title=title, form=form, dialog=dialog,
                  pilihan=services.subordinate_choices(aktor(), form.peserta.data or []),
                  terpilih=set(form.peserta.data or []))


@bp.route("/baru", methods=["GET", "POST"])
@login_required
def baru():
    if not permissions.can_lead(aktor()):
        abort(403)
    form = _dialog_form()
    if request.method == "GET":
        form.tanggal.data = form.tanggal.data or _today()
    hasil = kirim(form, lambda: services.create_dialog(aktor(), _dialog_data(form)))
    if hasil:
        dialog = hasil.nilai
        flash("Dialog kinerja dijadwalkan; undangan terkirim ke peserta.", "success")
        return redirect(url_for("dialog.detail", dialog_id=dialog.id))
    return _render_form(form, status=status_formulir())


@bp.get("/baru/peserta")
@login_required
def peserta_cari():
    """"Cari bawahan lain" (htmx): the ticked and the matching subordinates as checkboxes."""
    if not permissions.can_lead(aktor()):
        abort(403)
    terpilih = parse_ids(request.args.getlist("peserta"))
    return render_fragment("dialog/partials/_peserta_pilihan.html",
                           pilihan=services.cari_peserta(aktor(), request.args.get("cari"), terpilih),
                           terpilih=set(terpilih), galat=False)


@bp.route("/<int:dialog_id>/ubah", methods=["GET", "POST"])
@login_required
def ubah(dialog_id: int):
    dialog = services.get_dialog(aktor(), dialog_id)
    if not permissions.is_pimpinan(aktor(), dialog):
        abort(403)
    if dialog.ditutup:
        flash(services.DITUTUP, "warning")
        return redirect(url_for("dialog.detail", dialog_id=dialog.id))
    form = _dialog_form(dialog)
    hasil = kirim(form, lambda: services.update_dialog(aktor(), dialog_id, _dialog_data(form)))
    if hasil:
        flash("Perubahan dialog tersimpan.", "success")
        return redirect(url_for("dialog.detail", dialog_id=dialog_id))
    return _render_form(form, dialog, status=status_formulir())


# ------------------------------------------------------------------ the meeting page

def _context(dialog, catatan_form=None, tl_form=None, tanggapan_form=None, status_forms=None, pesan=None) -> dict:  # noqa: PLR0913  the fragment, its forms and the response options
    actor, zona = aktor(), services.zona_instansi()
    today, own = today_local(zona), actor.pegawai_id
    saya = next((p for p in dialog.peserta if p.pegawai_id == own), None)
    if tl_form is None:
        tl_form = TindakLanjutForm(formdata=None)
    tl_form.penanggung_jawab_id.choices = pilihan([("", "— Pilih —"), *services.penanggung_jawab_choices(dialog)])
    status_forms = status_forms or {}
    baris_tl = []
    for t in dialog.tindak_lanjut:
        form = status_forms.get(t.id) or StatusTindakLanjutForm(
            formdata=None, prefix=f"tl{t.id}", status=t.status, catatan=t.catatan_selesai)
        baris_tl.append({
            "item": t, "form": form,
            "terlambat": rules.is_overdue(t.batas_waktu, t.status, today),
            "keterangan": rules.sisa_hari_label(t.batas_waktu, t.status, today),
            "boleh_ubah": permissions.can_update_followup(actor, dialog, t.penanggung_jawab_id),
        })
    return {
        "dialog": dialog,
        "pengulangan": rules.describe_pengulangan(dialog.pengulangan, to_local(dialog.waktu_mulai, zona).date()),
        "is_pimpinan": permissions.is_pimpinan(actor, dialog),
        "can_edit": permissions.can_edit_dialog(actor, dialog),
        "dapat_ditutup": rules.dapat_ditutup(dialog.waktu_mulai, utcnow()),
        "can_respond": permissions.can_respond(actor, dialog),
        "peserta_saya": saya,
        "catatan_form": catatan_form or CatatanForm(formdata=None, obj=dialog),
        "tl_form": tl_form,
        "tanggapan_form": tanggapan_form or TanggapanForm(
            formdata=None, tanggapan=saya.tanggapan if saya else "", hadir=bool(saya and saya.hadir)),
        "baris_tl": baris_tl,
        "pesan": pesan,
    }


@bp.get("/<int:dialog_id>")
@login_required
def detail(dialog_id: int):
    dialog = services.get_dialog(aktor(), dialog_id)
    return render("dialog/detail.html", title=dialog.judul, **_context(dialog))


def _boleh(dialog_id: int, predikat, tindak_lanjut_id: int | None = None) -> None:
    """Before a form is read: 404 when the dialog (or its follow-up) is out of sight, 403 when the
    user sees it but ``predikat(actor, dialog[, penanggung_jawab_id])`` says no."""
    actor = aktor()
    dialog = services.get_dialog(actor, dialog_id)
    if tindak_lanjut_id is None:
        ok = predikat(actor, dialog)
    else:
        item = next((t for t in dialog.tindak_lanjut if t.id == tindak_lanjut_id), None)
        if item is None:
            raise NotFound()
        ok = predikat(actor, dialog, item.penanggung_jawab_id)
    if not ok:
        raise PermissionDenied()


def _after_change(dialog_id: int, fragment: str, pesan: str, status: int = 200, **forms):
    """htmx: the changed section (422 on failure).  Plain posts: redirect, or the full page with errors."""
    dialog = services.get_dialog(aktor(), dialog_id)
    ctx = _context(dialog, pesan=pesan if status == 200 else None, **forms)
    if is_htmx_request():
        return render_fragment(fragment, status=status, **ctx)
    if status == 200:
        flash(pesan, "success")
        return redirect(url_for("dialog.detail", dialog_id=dialog_id))
    return render("dialog/detail.html", status=status, title=dialog.judul, **ctx)


def _kirim(dialog_id: int, fragment: str, layanan, pesan, **formulir):
    """A section's form post (the one form by its name in the page: ``catatan_form=form``): ``kirim``, then
    ``_after_change`` with ``pesan`` (a text, or a function of what ``layanan`` returned), or 422 with
    the form.  ``status_forms={id: form}`` names a row's form."""
    (form,) = formulir.values()
    if isinstance(form, dict):
        (form,) = form.values()
    hasil = kirim(form, layanan)
    if hasil:
        return _after_change(dialog_id, fragment, pesan(hasil.nilai) if callable(pesan) else pesan)
    return _after_change(dialog_id, fragment, "", 422, **formulir)


@bp.post("/<int:dialog_id>/catatan")
@login_required
def catatan(dialog_id: int):
    _boleh(dialog_id, permissions.is_pimpinan)
    form = CatatanForm()
    return _kirim(dialog_id, "dialog/partials/_catatan.html",
                  lambda: services.save_catatan(aktor(), dialog_id, form.catatan.data, form.tantangan.data,
                                                form.kesepakatan.data),
                  "Catatan dialog tersimpan.", catatan_form=form)


@bp.post("/<int:dialog_id>/tindak-lanjut")
@login_required
def tindak_lanjut_tambah(dialog_id: int):
    _boleh(dialog_id, permissions.is_pimpinan)
    form = TindakLanjutForm()
    return _kirim(dialog_id, "dialog/partials/_tindak_lanjut.html",
                  lambda: services.add_tindak_lanjut(aktor(), dialog_id, form.uraian.data, form.penanggung_jawab_id.data,
                                                     form.batas_waktu.data),
                  "Tindak lanjut ditambahkan.", tl_form=form)


@bp.post("/<int:dialog_id>/tindak-lanjut/<int:tindak_lanjut_id>/hapus")
@login_required
def tindak_lanjut_hapus(dialog_id: int, tindak_lanjut_id: int):
    _boleh(dialog_id, permissions.is_pimpinan)
    hasil = coba(lambda: services.remove_tindak_lanjut(aktor(), dialog_id, tindak_lanjut_id))
    if not hasil:
        return _after_change(dialog_id, "dialog/partials/_tindak_lanjut.html", "", 422, tl_form=_with_error(hasil.galat))
    return _after_change(dialog_id, "dialog/partials/_tindak_lanjut.html", "Tindak lanjut dihapus.")


def _with_error(err: DomainError) -> TindakLanjutForm:
    form = TindakLanjutForm(formdata=None)
    form.form_errors.append(err.message)
    return form


@bp.post("/<int:dialog_id>/tindak-lanjut/<int:tindak_lanjut_id>/status")
@login_required
def tindak_lanjut_status(dialog_id: int, tindak_lanjut_id: int):
    _boleh(dialog_id, permissions.can_update_followup, tindak_lanjut_id)
    form = StatusTindakLanjutForm(prefix=f"tl{tindak_lanjut_id}")
    return _kirim(dialog_id, "dialog/partials/_tindak_lanjut.html",
                  lambda: services.set_status_tindak_lanjut(aktor(), dialog_id, tindak_lanjut_id, form.status.data,
                                                            form.catatan.data),
                  lambda item: f"Status tindak lanjut diperbarui: {item.status}.",
                  status_forms={tindak_lanjut_id: form})


@bp.post("/<int:dialog_id>/tanggapan")
@login_required
def tanggapan(dialog_id: int):
    _boleh(dialog_id, permissions.is_peserta)
    form = TanggapanForm()
    return _kirim(dialog_id, "dialog/partials/_peserta.html",
                  lambda: services.save_tanggapan(aktor(), dialog_id, form.tanggapan.data, form.hadir.data),
                  "Tanggapan Anda tersimpan.", tanggapan_form=form)


@bp.post("/<int:dialog_id>/tutup")
@login_required
def tutup(dialog_id: int):
    _boleh(dialog_id, permissions.is_pimpinan)
    hasil = aksi(lambda: services.close_dialog(aktor(), dialog_id))
    if not hasil:
        return redirect(url_for("dialog.detail", dialog_id=dialog_id))
    _, berikutnya = hasil.nilai
    pesan = "Dialog ditutup. Notulen dapat dicetak."
    if berikutnya is not None:
        pesan += " Pertemuan berikutnya sudah dijadwalkan."
    flash(pesan, "success")
    return redirect(url_for("dialog.detail", dialog_id=dialog_id))


@bp.get("/<int:dialog_id>/notulen.pdf")
@login_required
def notulen(dialog_id: int):
    hasil = aksi(lambda: services.notulen(aktor(), dialog_id), "warning")
    if not hasil:
        return redirect(url_for("dialog.detail", dialog_id=dialog_id))
    data = hasil.nilai
    pdf = render_pdf("dokumen/notulen_dialog.html", judul_dokumen="Notulen Dialog Kinerja", notulen=data,
                     instansi=find_instansi(), logo=logo_data_uri())
    return pdf_response(pdf, f"notulen-dialog-{dialog_id}.pdf")
