"""SKP pages: my SKPs, one SKP with inline RHK/IKI editing (htmx), the workflow, the team view, the PDF."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import login_required

from kinerja import kait
from kinerja.akses import aktor, arg_id, pegawai_required
from kinerja.audit.services import record_read
from kinerja.dokumen.pdf import pdf_response
from kinerja.errors import NotFound, apply_to_form
from kinerja.formulir import aksi, coba, kirim
from kinerja.htmx import is_htmx_request, render, render_fragment
from kinerja.organisasi.permissions import has_subordinates
from kinerja.periode.services import tahun_dibuka
from kinerja.referensi import BERAKHLAK
from kinerja.skp import bp, services
from kinerja.skp import tim as tim_skp
from kinerja.skp.forms import (
    AksiForm,
    BuatSkpForm,
    IkiForm,
    LampiranForm,
    PendekatanForm,
    PengembalianForm,
    PersetujuanForm,
    PersetujuanKertasForm,
    RhkForm,
    SalinSkpForm,
    optional_id,
    pilihan,
)
from kinerja.skp.permissions import can_use_tim
from kinerja.skp.rules import LABEL_FORM, LAMPIRAN_FIELDS, LAMPIRAN_JUDUL, kelompokkan, ringkas
from kinerja.unggahan import BATAS_PINDAIAN
from kinerja.waktu import today_local

# ------------------------------------------------------------------ my SKPs


def _render_index(buat_form: BuatSkpForm | None = None, status: int = 200):
    actor = aktor()
    mine, kosong = services.daftar_skp_saya(actor, tahun_dibuka())
    if buat_form is None:
        buat_form = BuatSkpForm(formdata=None)
    buat_form.tahun.choices = pilihan((r.tahun, str(r.tahun)) for r in kosong)
    # After a mutasi the newest SKP of a year ends before 31 December: offer the next one.
    terbaru: dict[int, object] = {}
    for s in mine:
        terbaru.setdefault(s.tahun, s)
    dibuka = set(tahun_dibuka())
    lanjutan = [s for t, s in sorted(terbaru.items()) if t in dibuka and (s.tanggal_selesai.month, s.tanggal_selesai.day) != (12, 31)]
    return render_template("skp/index.html", title="SKP", daftar=mine, kosong=kosong, buat_form=buat_form, lanjutan=lanjutan,
                           salin_form=SalinSkpForm(formdata=None),
                           punya_bawahan=has_subordinates(actor.pegawai_id), label_form=LABEL_FORM), status


@bp.get("/")
@pegawai_required
def index():
    return _render_index()


@bp.post("/buat")
@pegawai_required
def buat():
    form = BuatSkpForm()
    form.tahun.choices = []
    hasil = kirim(form, lambda: services.create_skp(aktor(), form.tahun.data, form.pendekatan.data))
    if hasil:
        skp = hasil.nilai
        flash(f"SKP tahun {skp.tahun} dibuat. Tambahkan Rencana Hasil Kerja beserta indikatornya.", "success")
        return redirect(url_for("skp.lihat", skp_id=skp.id))
    return _render_index(form, 422)


@bp.post("/salin")
@pegawai_required
def salin():
    form = SalinSkpForm()
    tahun = optional_id(form.tahun.data) if form.validate_on_submit() else None
    salin_ = aksi(lambda: services.copy_skp(aktor(), tahun or None))
    if not salin_:
        return _render_index(status=422)
    hasil = salin_.nilai
    pesan = f"SKP tahun {hasil.skp.tahun} dibuat dari SKP tahun {hasil.sumber_tahun}."
    if hasil.intervensi_dikosongkan:
        pesan += (f" Pilihan \u201cRencana Hasil Kerja Pimpinan yang Diintervensi\u201d pada {hasil.intervensi_dikosongkan} RHK "
                  "dikosongkan karena SKP atasan tahun ini berbeda; pilih ulang sebelum mengajukan.")
    flash(pesan, "success")
    return redirect(url_for("skp.lihat", skp_id=hasil.skp.id))


@bp.post("/lanjutan")
@pegawai_required
def lanjutan():
    """"Mulai SKP Jabatan Baru" after a mutasi/promosi/ganti atasan (issue #11 §1)."""
    form = SalinSkpForm()
    tahun = optional_id(form.tahun.data) if form.validate_on_submit() else None
    hasil_ = aksi(lambda: services.create_skp_lanjutan(aktor(), tahun or None))
    if not hasil_:
        return _render_index(status=422)
    skp = hasil_.nilai.skp
    pesan = (f"SKP jabatan baru {skp.tanggal_mulai:%d-%m-%Y} s.d. {skp.tanggal_selesai:%d-%m-%Y} dibuat dari SKP "
             "sebelumnya. Periksa RHK yang masih berlaku, lalu ajukan kepada atasan baru Anda.")
    if hasil_.nilai.intervensi_dikosongkan:
        pesan += (f" Intervensi pada {hasil_.nilai.intervensi_dikosongkan} RHK dikosongkan karena atasan berganti; "
                  "pilih ulang sebelum mengajukan.")
    if hasil_.nilai.aktivitas_dipindah:
        pesan += (f" {hasil_.nilai.aktivitas_dipindah} aktivitas sejak {skp.tanggal_mulai:%d-%m-%Y} yang tercatat pada "
                  "RHK SKP lama dipindahkan ke RHK yang sama di SKP baru ini.")
    flash(pesan, "success")
    return redirect(url_for("skp.lihat", skp_id=skp.id))


# ------------------------------------------------------------------ one SKP


@dataclass
class Ui:
    """Which inline form is open on the SKP page, and any error to show there."""

    rhk_baru: RhkForm | None = None
    rhk_edit_id: int | None = None
    rhk_form: RhkForm | None = None
    iki_rhk_id: int | None = None
    iki_edit_id: int | None = None
    iki_form: IkiForm | None = None
    galat_rhk_id: int | None = None
    galat: str | None = None
    lampiran_form: LampiranForm | None = None
    galat_alur: str | None = None


def _pilihan_intervensi(h, form: RhkForm | None) -> RhkForm | None:
    if form is not None:
        form.rhk_atasan_id.choices = pilihan([("", "\u2014 Tidak mengintervensi RHK pimpinan \u2014")] + [
            (r.id, ringkas(r.uraian, 160)) for r in h.opsi_intervensi])
    return form


def _rhk_form(h, prefix: str, obj=None) -> RhkForm:
    return _pilihan_intervensi(h, RhkForm(formdata=None, prefix=prefix, obj=obj))


def _lampiran_form(skp, formdata=None) -> LampiranForm:
    if formdata is not None:
        return LampiranForm(formdata=formdata)
    return LampiranForm(formdata=None, **{k: "\n".join(getattr(skp, k) or []) for k in LAMPIRAN_FIELDS})


def _page(h, ui: Ui, status: int = 200, persetujuan=None, pengembalian=None):
    skp = h.skp
    if persetujuan is None:
        kelas = PersetujuanKertasForm if services.kertas_diperlukan(aktor(), skp) else PersetujuanForm
        persetujuan = kelas(formdata=None, **{f"ekspektasi_{n}": t for n, t in h.ekspektasi.items()})
    return render_template(
        "skp/lihat.html", title=f"SKP {skp.tahun} \u2014 {skp.pegawai.nama}", h=h, skp=skp, ui=ui,
        aksi_form=AksiForm(formdata=None), pendekatan_form=PendekatanForm(formdata=None, pendekatan=skp.pendekatan),
        persetujuan_form=persetujuan, pengembalian_form=pengembalian or PengembalianForm(formdata=None),
        berakhlak=BERAKHLAK, lampiran_judul=LAMPIRAN_JUDUL, label_form=LABEL_FORM,
        bagian_tambahan=kait.sections("skp", aktor(), skp),
    ), status


def _fragment(name: str, h, ui: Ui, status: int = 200, **extra):
    return render_fragment(f"skp/partials/{name}", status, h=h, skp=h.skp, ui=ui, lampiran_judul=LAMPIRAN_JUDUL,
                           **extra)


def _rhk_of(h, rhk_id: int):
    for k in h.kelompok:
        for r in k.rhk:
            if r.id == rhk_id:
                return r
    raise NotFound()


def _iki_of(h, iki_id: int):
    for k in h.kelompok:
        for r in k.rhk:
            for i in r.iki:
                if i.id == iki_id:
                    return r, i
    raise NotFound()


@bp.get("/<int:skp_id>")
@login_required
def lihat(skp_id: int):
    """The SKP page.  ?tambah_rhk, ?ubah_rhk=N, ?tambah_iki=N, ?ubah_iki=N, ?ubah_lampiran open a form
    (an htmx request gets just that fragment)."""
    h = services.halaman_skp(aktor(), skp_id)
    args, ui, fragment = request.args, Ui(), None
    if h.can_edit:
        if "tambah_rhk" in args:
            ui.rhk_baru, fragment = _rhk_form(h, "rhk-baru"), "_rhk_baru.html"
        elif (rid := arg_id("ubah_rhk")) is not None:
            r = _rhk_of(h, rid)
            ui.rhk_edit_id, ui.rhk_form, fragment = rid, _rhk_form(h, f"rhk-{rid}", obj=r), "_rhk.html"
        elif (rid := arg_id("tambah_iki")) is not None:
            _rhk_of(h, rid)
            ui.iki_rhk_id, ui.iki_form, fragment = rid, IkiForm(formdata=None, prefix=f"iki-baru-{rid}"), "_rhk.html"
        elif (iid := arg_id("ubah_iki")) is not None:
            r, i = _iki_of(h, iid)
            ui.iki_rhk_id, ui.iki_edit_id = r.id, iid
            ui.iki_form, fragment = IkiForm(formdata=None, prefix=f"iki-{iid}", obj=i), "_rhk.html"
        elif "ubah_lampiran" in args:
            ui.lampiran_form, fragment = _lampiran_form(h.skp), "_lampiran.html"
    tutup_rhk = arg_id("tutup_rhk")
    if fragment is None and tutup_rhk is not None:
        _rhk_of(h, tutup_rhk)
        ui.iki_rhk_id, fragment = tutup_rhk, "_rhk.html"
    elif fragment is None and args.get("tutup") in ("rhk-baru", "lampiran"):
        fragment = "_rhk_baru.html" if args["tutup"] == "rhk-baru" else "_lampiran.html"
    if fragment and is_htmx_request():
        rhk = _rhk_of(h, ui.iki_rhk_id or ui.rhk_edit_id) if fragment == "_rhk.html" else None
        return _fragment(_respons(fragment), h, ui, r=rhk)
    return _page(h, ui)


def _respons(fragment: str) -> str:
    """A changed RHK card also refreshes the submission checklist (out of band)."""
    return "_rhk_respons.html" if fragment == "_rhk.html" else fragment


def _after_change(skp_id: int, fragment: str, ui: Ui | None = None, status: int = 200, rhk_id: int | None = None,  # noqa: PLR0913  the fragment, the UI state and the response options
                  anchor: str | None = None, retarget: str | None = None):
    """Answer a mutation: the changed fragment for htmx, else redirect (or the page with the error)."""
    h = services.halaman_skp(aktor(), skp_id)
    ui = ui or Ui()
    _pilihan_intervensi(h, ui.rhk_baru)
    _pilihan_intervensi(h, ui.rhk_form)
    if is_htmx_request():
        rhk = _rhk_of(h, rhk_id) if fragment == "_rhk.html" else None
        response = _fragment(_respons(fragment), h, ui, status, r=rhk)
        if retarget:
            response.headers["HX-Retarget"] = retarget
            response.headers["HX-Reswap"] = "outerHTML"
        return response
    if status >= 400:
        return _page(h, ui, status)
    return redirect(url_for("skp.lihat", skp_id=skp_id) + (f"#{anchor}" if anchor else ""))


def _data_rhk(form: RhkForm) -> services.DataRhk:
    return services.DataRhk(jenis=form.jenis.data, uraian=form.uraian.data, rhk_atasan_id=form.rhk_atasan_id.data,
                            intervensi_teks=form.intervensi_teks.data, penugasan_dari=form.penugasan_dari.data,
                            perspektif=form.perspektif.data)


def _data_iki(form: IkiForm) -> services.DataIki:
    return services.DataIki(aspek=form.aspek.data, indikator=form.indikator.data, target_teks=form.target_teks.data,
                            target_angka=form.target_angka.data, satuan=form.satuan.data)


@bp.post("/<int:skp_id>/rhk")
@login_required
def tambah_rhk(skp_id: int):
    services.require_owner(aktor(), skp_id)
    form = RhkForm(prefix="rhk-baru")
    hasil = kirim(form, lambda: services.add_rhk(aktor(), skp_id, _data_rhk(form)))
    if hasil:
        rhk = hasil.nilai
        return _after_change(skp_id, "_daftar_rhk.html", anchor=f"rhk-{rhk.id}", retarget="#daftar-rhk")
    return _after_change(skp_id, "_rhk_baru.html", Ui(rhk_baru=form), 422)


@bp.post("/rhk/<int:rhk_id>")
@login_required
def ubah_rhk(rhk_id: int):
    skp_id = services.skp_id_of_rhk(aktor(), rhk_id)
    form = RhkForm(prefix=f"rhk-{rhk_id}")
    hasil = kirim(form, lambda: services.update_rhk(aktor(), rhk_id, _data_rhk(form)))
    if hasil:
        return _after_change(skp_id, "_daftar_rhk.html", anchor=f"rhk-{rhk_id}", retarget="#daftar-rhk")
    return _after_change(skp_id, "_rhk.html", Ui(rhk_edit_id=rhk_id, rhk_form=form), 422, rhk_id=rhk_id)


def _list_action(rhk_id: int, action):
    skp_id = services.skp_id_of_rhk(aktor(), rhk_id)
    if not AksiForm().validate_on_submit():
        abort(400)
    hasil = coba(action)
    if not hasil:
        return _after_change(skp_id, "_daftar_rhk.html", Ui(galat_rhk_id=rhk_id, galat=hasil.galat.message), 422)
    return _after_change(skp_id, "_daftar_rhk.html", anchor=f"rhk-{rhk_id}")


@bp.post("/rhk/<int:rhk_id>/naik")
@login_required
def naik_rhk(rhk_id: int):
    return _list_action(rhk_id, lambda: services.move_rhk(aktor(), rhk_id, "naik"))


@bp.post("/rhk/<int:rhk_id>/turun")
@login_required
def turun_rhk(rhk_id: int):
    return _list_action(rhk_id, lambda: services.move_rhk(aktor(), rhk_id, "turun"))


@bp.post("/rhk/<int:rhk_id>/hapus")
@login_required
def hapus_rhk(rhk_id: int):
    return _list_action(rhk_id, lambda: services.delete_rhk(aktor(), rhk_id))


@bp.post("/rhk/<int:rhk_id>/iki")
@login_required
def tambah_iki(rhk_id: int):
    skp_id = services.skp_id_of_rhk(aktor(), rhk_id)
    form = IkiForm(prefix=f"iki-baru-{rhk_id}")
    hasil = kirim(form, lambda: services.add_iki(aktor(), rhk_id, _data_iki(form)))
    if hasil:
        return _after_change(skp_id, "_rhk.html", rhk_id=rhk_id, anchor=f"rhk-{rhk_id}")
    return _after_change(skp_id, "_rhk.html", Ui(iki_rhk_id=rhk_id, iki_form=form), 422, rhk_id=rhk_id)


@bp.post("/iki/<int:iki_id>")
@login_required
def ubah_iki(iki_id: int):
    skp_id, rhk_id = services.skp_rhk_id_of_iki(aktor(), iki_id)
    form = IkiForm(prefix=f"iki-{iki_id}")
    hasil = kirim(form, lambda: services.update_iki(aktor(), iki_id, _data_iki(form)))
    if hasil:
        return _after_change(skp_id, "_rhk.html", rhk_id=rhk_id, anchor=f"rhk-{rhk_id}")
    ui = Ui(iki_rhk_id=rhk_id, iki_edit_id=iki_id, iki_form=form)
    return _after_change(skp_id, "_rhk.html", ui, 422, rhk_id=rhk_id)


@bp.post("/iki/<int:iki_id>/hapus")
@login_required
def hapus_iki(iki_id: int):
    skp_id, rhk_id = services.skp_rhk_id_of_iki(aktor(), iki_id)
    if not AksiForm().validate_on_submit():
        abort(400)
    hasil = coba(lambda: services.delete_iki(aktor(), iki_id))
    if not hasil:
        return _after_change(skp_id, "_rhk.html", Ui(galat_rhk_id=rhk_id, galat=hasil.galat.message), 422,
                             rhk_id=rhk_id)
    return _after_change(skp_id, "_rhk.html", rhk_id=rhk_id, anchor=f"rhk-{rhk_id}")


@bp.post("/<int:skp_id>/lampiran")
@login_required
def ubah_lampiran(skp_id: int):
    services.require_owner(aktor(), skp_id)
    form = LampiranForm()
    hasil = kirim(form, lambda: services.update_lampiran(aktor(), skp_id, {k: getattr(form, k).data for k in LAMPIRAN_FIELDS}))
    if hasil:
        return _after_change(skp_id, "_lampiran.html", anchor="lampiran")
    return _after_change(skp_id, "_lampiran.html", Ui(lampiran_form=form), 422)


@bp.post("/<int:skp_id>/pendekatan")
@login_required
def ubah_pendekatan(skp_id: int):
    services.require_owner(aktor(), skp_id)
    form = PendekatanForm()
    if not form.validate_on_submit() and form.csrf_token.errors:
        abort(400)
    return _workflow(skp_id, lambda: services.update_pendekatan(aktor(), skp_id, form.pendekatan.data),
                     "Pendekatan SKP tersimpan.")


# ------------------------------------------------------------------ workflow


def _workflow(skp_id: int, action, pesan: str, persetujuan=None, pengembalian=None):
    hasil = coba(action)
    if not hasil:
        err = hasil.galat
        h = services.halaman_skp(aktor(), skp_id)
        for form in (persetujuan, pengembalian):
            if form is not None and err.field and hasattr(form, err.field):
                apply_to_form(form, err)
                break
        else:
            return _page(h, Ui(galat_alur=err.message), 422, persetujuan, pengembalian)
        return _page(h, Ui(), 422, persetujuan, pengembalian)
    flash(pesan, "success")
    return redirect(url_for("skp.lihat", skp_id=skp_id))


def _csrf_only():
    if not AksiForm().validate_on_submit():
        abort(400)


@bp.post("/<int:skp_id>/ajukan")
@login_required
def ajukan(skp_id: int):
    services.require_owner(aktor(), skp_id)
    _csrf_only()
    return _workflow(skp_id, lambda: services.submit_skp(aktor(), skp_id),
                     "SKP diajukan. Pejabat penilai akan memeriksa dan menyetujuinya.")


@bp.post("/<int:skp_id>/setujui")
@login_required
def setujui(skp_id: int):
    services.require_approver(aktor(), skp_id)
    kertas = services.kertas_diperlukan(aktor(), services.get_skp(aktor(), skp_id))
    form = PersetujuanKertasForm() if kertas else PersetujuanForm()
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        return _page(services.halaman_skp(aktor(), skp_id), Ui(), 422, persetujuan=form)
    ekspektasi = {n: getattr(form, f"ekspektasi_{n}").data or "" for n in range(1, len(BERAKHLAK) + 1)}
    bukti = None
    if kertas:
        berkas = form.pindaian.data
        data = berkas.stream.read(BATAS_PINDAIAN + 1) if berkas and getattr(berkas, "filename", "") else b""
        bukti = services.Kertas(form.tanggal.data, getattr(berkas, "filename", None), data)
    return _workflow(skp_id, lambda: services.approve_skp(aktor(), skp_id, ekspektasi, bukti),
                     "SKP disetujui dan dikunci. Pegawai mendapat pemberitahuan.", persetujuan=form)


@bp.get("/<int:skp_id>/pindaian")
@login_required
def pindaian(skp_id: int):
    """The scan of a top-of-tree SKP approved on paper: for whoever may see the SKP."""
    from kinerja.unggahan import unduh_pindaian

    h = services.halaman_skp(aktor(), skp_id)
    return unduh_pindaian(h.skp.persetujuan_kertas_pindaian, f"persetujuan-skp-{h.skp.tahun}-{h.skp.pegawai.nip}")


@bp.post("/<int:skp_id>/kembalikan")
@login_required
def kembalikan(skp_id: int):
    services.require_approver(aktor(), skp_id)
    form = PengembalianForm()
    catatan = form.catatan.data if form.validate_on_submit() else None
    if form.csrf_token.errors:
        abort(400)
    return _workflow(skp_id, lambda: services.return_skp(aktor(), skp_id, catatan),
                     "SKP dikembalikan kepada pegawai beserta catatan Anda.", pengembalian=form)


@bp.post("/<int:skp_id>/revisi")
@login_required
def revisi(skp_id: int):
    services.require_owner(aktor(), skp_id)
    _csrf_only()
    return _workflow(skp_id, lambda: services.start_revision(aktor(), skp_id),
                     "Revisi dimulai. Ubah SKP lalu ajukan kembali untuk disetujui.")


# ------------------------------------------------------------------ history, print, team


@bp.get("/<int:skp_id>/versi/<int:versi>")
@login_required
def versi(skp_id: int, versi: int):
    skp, item = services.get_versi(aktor(), skp_id, versi)
    return render_template("skp/versi.html", title=f"SKP {skp.tahun} versi {versi}", skp=skp, item=item,
                           isi=item.isi, lampiran_judul=LAMPIRAN_JUDUL,
                           kelompok=kelompokkan(item.isi["rhk"], jenis_of=lambda r: r["jenis"]))


@bp.get("/<int:skp_id>/cetak")
@login_required
def cetak(skp_id: int):
    pdf, skp = services.cetak_pdf(aktor(), skp_id)
    record_read(aktor(), "skp", skp_id, skp.pegawai_id)
    return pdf_response(pdf, f"SKP-{skp.tahun}-{skp.pegawai.nip}.pdf")


@bp.get("/tim")
@login_required
def tim():
    actor = aktor()
    if not can_use_tim(actor):
        abort(403)
    tahun = arg_id("tahun") or today_local().year
    tahun = min(max(tahun, 2000), 2100)
    semua = request.args.get("semua") == "1"
    h = tim_skp.halaman_tim(actor, tahun, semua, request.args.get("status") or None)
    pilihan = sorted({*tahun_dibuka(), tahun}, reverse=True)
    return render("skp/tim.html", "skp/partials/_tim_isi.html", title="SKP Tim", h=h, pilihan_tahun=pilihan,
                  urutan_status=tim_skp.URUTAN_STATUS_TIM)
