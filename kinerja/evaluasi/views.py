"""Evaluasi views: parse, call one service, choose the response."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user, login_required

from kinerja.akses import arg_id, nomor_halaman
from kinerja.alamat import alamat_dasar
from kinerja.audit.services import record_read
from kinerja.dokumen.pdf import pdf_response
from kinerja.errors import DomainError, PermissionDenied
from kinerja.evaluasi import bp, forms, permissions, queries, rules, services
from kinerja.evaluasi.halaman import detail_context, unit_context
from kinerja.evaluasi.permissions import can_see_result, can_use_evaluasi, can_view_unit, is_penilai_of
from kinerja.extensions import db
from kinerja.formulir import aksi, coba, kirim
from kinerja.htmx import render, render_fragment
from kinerja.models import Evaluasi, UnitKerja
from kinerja.waktu import today_local


def _base_url() -> str:
    """The configured public address (never the request's Host header)."""
    return alamat_dasar()


def _back(evaluasi_id: int, message: str):
    flash(message, "success")
    return redirect(url_for("evaluasi.detail", evaluasi_id=evaluasi_id))


def _kirim(evaluasi_id: int, layanan, pesan, tidak_valid=None, **formulir):
    """The detail page's form posts (the one form by its name in the page: ``batas_form=form``):
    ``kirim`` → back to the page with ``pesan`` (a text, or a function of what ``layanan``
    returned), or 422: field errors on the form, a rule refusal as a message at the top of the page."""
    (form,) = formulir.values()
    hasil = kirim(form, layanan, tidak_valid=tidak_valid, umum_di_formulir=False)
    if hasil:
        return _back(evaluasi_id, pesan(hasil.nilai) if callable(pesan) else pesan)
    return _detail_page(evaluasi_id, 422, galat=hasil.pesan_umum, **formulir)


def _tombol(evaluasi_id: int, layanan, pesan):
    """A button on the detail page (AksiForm): 400 without CSRF; a refusal → the page, 422, with the
    message at the top; done → back with ``pesan`` (as in ``_kirim``)."""
    if not forms.AksiForm().validate_on_submit():
        abort(400)
    hasil = coba(layanan)
    if not hasil:
        return _detail_page(evaluasi_id, 422, galat=hasil.galat.message)
    return _back(evaluasi_id, pesan(hasil.nilai) if callable(pesan) else pesan)


def _boleh(evaluasi_id: int, predikat, *args) -> None:
    """Before a form is read: 404 when the evaluation is out of sight, 403 when the user sees it but
    ``predikat(user, ev, *args)`` (kinerja.evaluasi.permissions) says no."""
    ev = queries.get_visible(current_user, evaluasi_id)
    if not predikat(current_user, ev, *args):
        raise PermissionDenied()


def _detail_page(evaluasi_id: int, status: int = 200, **forms_):
    ev = queries.get_visible(current_user, evaluasi_id, detail=True)
    return render("evaluasi/detail.html", status=status, **detail_context(current_user, ev, **forms_))


# ------------------------------------------------------------------ lists

@bp.get("/")
@login_required
def index():
    if not can_use_evaluasi(current_user):
        abort(403)
    periodes = queries.list_periode()
    periode = queries.pick_periode(periodes, arg_id("periode"), today_local())
    dinilai = queries.list_evaluasi_dinilai(current_user, periode.id) if periode else []
    semua_saya = queries.list_evaluasi_saya(current_user)
    # "Evaluasi Saya" follows the chosen period; the others are listed as history (issue #15).
    saya = [ev for ev in semua_saya if periode is not None and ev.periode_id == periode.id]
    riwayat_saya = [ev for ev in semua_saya if ev not in saya]
    tanpa = queries.tanpa_evaluasi(current_user, periode) if periode is not None and not saya else None
    units = {(ev.unit_id, ev.unit.nama) for ev in dinilai if ev.unit is not None}
    sendiri = getattr(current_user, "pegawai", None)
    if sendiri is not None and sendiri.pimpinan and sendiri.unit is not None:  # a pimpinan: his own unit's kurva
        units.add((sendiri.unit_id, sendiri.unit.nama))
    units = sorted(units, key=lambda u: u[1])
    return render(
        "evaluasi/index.html", title="Evaluasi Kinerja", periodes=periodes, periode=periode,
        saya=saya, riwayat_saya=riwayat_saya, tanpa_evaluasi=tanpa, dinilai=dinilai, units=units,
        hasil_terlihat={ev.id: can_see_result(current_user, ev) for ev in [*semua_saya, *dinilai]},
        keberatan=queries.list_keberatan_untuk_diputus(current_user),
        progres=queries.progress_admin(periode, arg_id("halaman_unit") or 1) if periode and permissions.can_see_progress(current_user) else None,
        tidak_dapat=(queries.halaman_tidak_dapat(periode, nomor_halaman()) if periode and permissions.can_see_progress(current_user)
                     else None),
        aksi_form=forms.AksiForm(), terbit=rules.SUDAH_FINAL,
    )


@bp.post("/periode/<int:periode_id>/buka")
@login_required
def buka(periode_id: int):
    form = forms.AksiForm()
    if not form.validate_on_submit():
        abort(400)
    dibuka = aksi(lambda: services.open_evaluasi(current_user, periode_id))
    if dibuka:
        hasil = dibuka.nilai
        flash(f"Evaluasi dibuka: {hasil.dibuat} pegawai baru, {hasil.sudah_ada} sudah ada sebelumnya.", "success")
    return redirect(url_for("evaluasi.index", periode=periode_id))


# ------------------------------------------------------------------ one evaluation

@bp.get("/<int:evaluasi_id>")
@login_required
def detail(evaluasi_id: int):
    return _detail_page(evaluasi_id)


@bp.post("/<int:evaluasi_id>/realisasi")
@login_required
def realisasi(evaluasi_id: int):
    form = forms.RealisasiForm()

    def simpan():
        entries = [services.RealisasiInput(rhk_id=e.rhk_id.data, realisasi=e.realisasi.data,
                                           realisasi_angka=e.realisasi_angka.data,
                                           tautan=(e.tautan.data or "").splitlines()) for e in form.entri]
        services.save_realisasi(current_user, evaluasi_id, entries)
        if form.aksi.data == "ajukan":
            services.submit_realisasi(current_user, evaluasi_id)
            return "Realisasi diajukan ke pejabat penilai."
        return "Realisasi disimpan."

    return _kirim(evaluasi_id, simpan, lambda pesan: pesan, realisasi_form=form)


@bp.post("/<int:evaluasi_id>/kembalikan")
@login_required
def kembalikan(evaluasi_id: int):
    _boleh(evaluasi_id, permissions.can_return_realisasi)
    form = forms.KembalikanForm()
    return _kirim(evaluasi_id, lambda: services.return_realisasi(current_user, evaluasi_id, form.catatan.data),
                  "Realisasi dikembalikan kepada pegawai.",
                  tidak_valid=DomainError("catatan", "Isi catatan pengembalian."), kembalikan_form=form)


@bp.post("/<int:evaluasi_id>/penilaian")
@login_required
def penilaian(evaluasi_id: int):
    form = forms.PenilaianForm()

    def simpan():
        services.save_penilaian(current_user, evaluasi_id, services.PenilaianInput(
            rating_hasil_kerja=form.rating_hasil_kerja.data or None,
            rating_perilaku_kerja=form.rating_perilaku_kerja.data or None,
            umpan_balik_rhk={e.rhk_id.data: e.umpan_balik.data for e in form.rhk},
            umpan_balik_perilaku={e.nomor.data: e.umpan_balik.data for e in form.perilaku},
            catatan_rekomendasi=form.catatan_rekomendasi.data,
        ))

    return _kirim(evaluasi_id, simpan, "Penilaian disimpan. Periksa kembali, lalu finalisasi.", penilaian_form=form)


@bp.post("/<int:evaluasi_id>/pratinjau-predikat")
@login_required
def pratinjau(evaluasi_id: int):
    """htmx: the predikat that the chosen ratings give, with the rule."""
    ev = queries.get_visible(current_user, evaluasi_id)
    if not is_penilai_of(current_user, ev):
        abort(403)
    form = forms.PratinjauForm()
    if not form.validate_on_submit():
        abort(400)
    hasil, _ = services.rating_hasil_untuk(ev, form.rating_hasil_kerja.data or None)
    perilaku = form.rating_perilaku_kerja.data or None
    predikat = rules.predikat(hasil, perilaku) if hasil and perilaku else None
    aturan = rules.aturan_predikat(hasil, perilaku) if predikat else None
    return render_fragment("evaluasi/partials/_predikat.html", predikat=predikat, aturan=aturan)


@bp.post("/<int:evaluasi_id>/finalisasi")
@login_required
def finalisasi(evaluasi_id: int):
    return _tombol(evaluasi_id, lambda: services.finalize_evaluasi(current_user, evaluasi_id),
                   "Evaluasi difinalisasi. Pegawai dapat menandatanganinya sekarang.")


@bp.post("/<int:evaluasi_id>/perbarui-skp")
@login_required
def perbarui_skp(evaluasi_id: int):
    """"Perbarui dari SKP": the penilai takes the latest approved SKP version (nobody signed yet)."""
    return _tombol(evaluasi_id, lambda: services.refresh_skp(current_user, evaluasi_id),
                   lambda ev: f"Isi SKP evaluasi ini diperbarui dari SKP versi {ev.snapshot_skp['versi']} yang disetujui.")


@bp.post("/<int:evaluasi_id>/batas")
@login_required
def batas(evaluasi_id: int):
    _boleh(evaluasi_id, permissions.can_set_batas)
    form = forms.BatasForm()
    return _kirim(evaluasi_id, lambda: services.set_batas_pengisian(current_user, evaluasi_id, form.batas.data),
                  "Batas pengisian untuk pegawai ini diperbarui.",
                  tidak_valid=DomainError("batas", "Tanggal tidak valid."), batas_form=form)


# ------------------------------------------------------------------ signatures

@bp.route("/<int:evaluasi_id>/tanda-tangan", methods=["GET", "POST"])
@login_required
def tanda_tangan(evaluasi_id: int):
    _boleh(evaluasi_id, permissions.can_sign)
    ev = queries.get_visible(current_user, evaluasi_id, detail=True)
    form = forms.TandaTanganForm()
    status = 200
    if request.method == "POST":
        if kirim(form, lambda: services.sign_evaluasi(current_user, evaluasi_id, form.kata_sandi.data, _base_url())):
            return _back(evaluasi_id, "Evaluasi ditandatangani.")
        status = 422
        ev = queries.get_visible(current_user, evaluasi_id, detail=True)
    ctx = detail_context(current_user, ev)
    return render("evaluasi/tanda_tangan.html", status=status, ttd_form=form, **ctx)


@bp.post("/<int:evaluasi_id>/ttd-manual")
@login_required
def ttd_manual(evaluasi_id: int):
    """Admin: the penilai outside the dinas signed the wet-signature print; record date and scan."""
    _boleh(evaluasi_id, permissions.can_record_ttd_manual)
    form = forms.TtdManualForm()

    def catat():
        berkas = form.pindaian.data
        data = berkas.stream.read(services.BATAS_PINDAIAN + 1)
        services.record_ttd_manual(current_user, evaluasi_id, form.tanggal.data,
                                   services.Pindaian(berkas.filename, data), _base_url())

    return _kirim(evaluasi_id, catat,
                  "Tanda tangan manual pejabat penilai tercatat; dokumen bertanda tangan diterbitkan.",
                  tidak_valid=DomainError(None, "Isi tanggal dan unggah pindaian dokumen yang ditandatangani."),
                  ttd_manual_form=form)


@bp.get("/<int:evaluasi_id>/pindaian")
@login_required
def pindaian(evaluasi_id: int):
    from kinerja.unggahan import unduh_pindaian

    ev = queries.get_visible(current_user, evaluasi_id)
    return unduh_pindaian(ev.ttd_penilai_pindaian, f"pindaian-ttd-{ev.pegawai.nip}-{ev.periode.kode}")


@bp.post("/<int:evaluasi_id>/tolak-tanda-tangan")
@login_required
def tolak_tanda_tangan(evaluasi_id: int):
    """The penilai records that the pegawai refuses to sign (PP 30/2019)."""
    _boleh(evaluasi_id, permissions.can_record_refusal)
    form = forms.TolakTandaTanganForm()
    if not kirim(form, lambda: services.refuse_signature(current_user, evaluasi_id, form.catatan.data, _base_url()),
                 tidak_valid=lambda: DomainError(
                     "catatan", form.catatan.errors[0] if form.catatan.errors else "Isi catatan penolakan.")):
        ev = queries.get_visible(current_user, evaluasi_id, detail=True)
        return render("evaluasi/tanda_tangan.html", status=422, ttd_form=forms.TandaTanganForm(formdata=None),
                      **detail_context(current_user, ev, tolak_form=form))
    return _back(evaluasi_id, "Penolakan tanda tangan pegawai dicatat; dokumen diterbitkan ulang.")


# ------------------------------------------------------------------ keberatan

_KEBERATAN_FORMS = {
    "ajukan": (forms.KeberatanForm, "keberatan_form"),
    "penjelasan": (forms.PenjelasanForm, "penjelasan_form"),
    "keputusan": (forms.KeputusanForm, "keputusan_form"),
}


@bp.get("/<int:evaluasi_id>/keberatan")
@login_required
def keberatan(evaluasi_id: int):
    ev = queries.get_visible(current_user, evaluasi_id, detail=True)
    return render("evaluasi/keberatan.html", **detail_context(current_user, ev))


@bp.post("/<int:evaluasi_id>/keberatan/<langkah>")
@login_required
def keberatan_langkah(evaluasi_id: int, langkah: str):
    if langkah not in _KEBERATAN_FORMS:
        abort(404)
    _boleh(evaluasi_id, permissions.can_keberatan_step, langkah)
    form_class, name = _KEBERATAN_FORMS[langkah]
    form = form_class()

    def catat():
        if langkah == "ajukan":
            services.file_keberatan(current_user, evaluasi_id, form.alasan.data)
        elif langkah == "penjelasan":
            services.explain_keberatan(current_user, evaluasi_id, form.penjelasan.data)
        else:
            services.decide_keberatan(current_user, evaluasi_id, form.keputusan.data,
                                      form.rating_hasil_kerja.data or None, form.rating_perilaku_kerja.data or None,
                                      form.pertimbangan.data, _base_url())

    if not kirim(form, catat):
        ev = queries.get_visible(current_user, evaluasi_id, detail=True)
        return render("evaluasi/keberatan.html", status=422, **detail_context(current_user, ev, **{name: form}))
    flash("Keberatan tercatat." if langkah != "keputusan" else "Keputusan tercatat; dokumen diterbitkan ulang.", "success")
    return redirect(url_for("evaluasi.keberatan", evaluasi_id=evaluasi_id))


# ------------------------------------------------------------------ documents

@bp.get("/<int:evaluasi_id>/cetak/<jenis>")
@login_required
def cetak(evaluasi_id: int, jenis: str):
    kode = {"evaluasi": "B", "dokumen": "C"}.get(jenis)
    if kode is None:
        abort(404)
    basah = request.args.get("basah") == "1"
    dibuat = aksi(lambda: services.document_for(current_user, evaluasi_id, kode, basah, _base_url()), "warning")
    if not dibuat:
        return redirect(url_for("evaluasi.detail", evaluasi_id=evaluasi_id))
    content, filename = dibuat.nilai
    record_read(current_user, "evaluasi", evaluasi_id, db.session.get(Evaluasi, evaluasi_id).pegawai_id)
    return pdf_response(content, filename)


# ------------------------------------------------------------------ unit & kurva

@bp.route("/unit/<int:unit_id>", methods=["GET", "POST"])
@login_required
def unit(unit_id: int):
    unit_kerja = db.session.get(UnitKerja, unit_id)
    periode = queries.pick_periode(queries.list_periode(), arg_id("periode"), today_local())
    if unit_kerja is None or periode is None or not can_view_unit(current_user, unit_kerja, periode.id):
        abort(404)
    form = forms.CapaianForm()
    status = 200
    if request.method == "POST":
        if kirim(form, lambda: services.set_capaian_organisasi(current_user, unit_id, periode.id, form.capaian.data),
                 tidak_valid=DomainError("capaian", "Pilih capaian kinerja organisasi.")):
            flash("Capaian kinerja organisasi disimpan.", "success")
            return redirect(url_for("evaluasi.unit", unit_id=unit_id, periode=periode.id))
        status = 422
    return render("evaluasi/unit.html", status=status, **unit_context(current_user, unit_kerja, periode, form))


@bp.get("/unit/<int:unit_id>/penetapan")
@login_required
def penetapan_cetak(unit_id: int):
    """Penetapan Predikat Kinerja of the unit (PDF): the signed file, or a DRAFT without QR."""
    from kinerja.evaluasi import penetapan

    periode = queries.pick_periode(queries.list_periode(), arg_id("periode"), today_local())
    if periode is None:
        abort(404)
    content, filename = penetapan.document_penetapan(current_user, unit_id, periode.id, _base_url())
    return pdf_response(content, filename)


@bp.post("/unit/<int:unit_id>/penetapan")
@login_required
def penetapan_ttd(unit_id: int):
    from kinerja.evaluasi import penetapan

    periode = queries.pick_periode(queries.list_periode(), arg_id("periode"), today_local())
    unit_kerja = db.session.get(UnitKerja, unit_id)
    if unit_kerja is None or periode is None or not can_view_unit(current_user, unit_kerja, periode.id):
        abort(404)
    if not permissions.can_sign_penetapan_unit(current_user, unit_kerja):
        abort(403)
    form = forms.TandaTanganForm()
    if not kirim(form, lambda: penetapan.sign_penetapan(current_user, unit_id, periode.id, form.kata_sandi.data,
                                                        _base_url()),
                 tidak_valid=DomainError("kata_sandi", "Masukkan kata sandi akun Anda untuk menandatangani.")):
        ctx = unit_context(current_user, unit_kerja, periode, forms.CapaianForm(formdata=None))
        ctx["ttd_form"] = form
        return render("evaluasi/unit.html", status=422, **ctx)
    flash("Penetapan Predikat Kinerja ditandatangani.", "success")
    return redirect(url_for("evaluasi.unit", unit_id=unit_id, periode=periode.id))
