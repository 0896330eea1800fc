"""Pengembangan pages: the pegawai's overview, the plan of one evaluation, prints, public verification."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import login_required

from kinerja import unggahan
from kinerja.akses import aktor
from kinerja.audit.services import record_read
from kinerja.dokumen.pdf import pdf_response
from kinerja.extensions import db
from kinerja.formulir import aksi, coba, get_by_id, kirim
from kinerja.models import Pegawai, RencanaPengembangan, UmpanBalikBimbingan
from kinerja.organisasi.rules import mask_nip
from kinerja.pengembangan import bp, dokumen, permissions, publik_bp, queries, rules, services
from kinerja.pengembangan.forms import BuktiForm, KegiatanForm, KonfirmasiForm, TindakLanjutForm
from kinerja.waktu import today_local

BARIS_KOMPETENSI = 5


def _base_url() -> str | None:
    return current_app.config.get("KINERJA_BASE_URL")


@bp.get("")
@login_required
def index():
    actor = aktor()
    tahun = today_local().year
    evaluasi = queries.evaluasi_siap(actor)
    return render_template(
        "pengembangan/index.html", title="Pengembangan Kompetensi", tahun=tahun,
        jp=queries.capaian_jp(actor.pegawai_id, tahun) if actor.pegawai_id else None,
        kegiatan=queries.kegiatan_pegawai(actor.pegawai_id) if actor.pegawai_id else [],
        evaluasi=evaluasi, rencana=queries.rencana_ids([e.id for e in evaluasi]),
        menunggu=queries.menunggu_konfirmasi(actor),
    )


def _halaman(evaluasi_id: int, status: int = 200, **forms):
    actor = aktor()
    ev = services.get_evaluasi(actor, evaluasi_id)
    rencana = services.rencana_of(ev.id)
    kompetensi = list(rencana.kompetensi) if rencana else []
    kompetensi += [{"kompetensi": "", "nilai": None, "alasan": ""}] * max(0, BARIS_KOMPETENSI - len(kompetensi))
    ctx = {
        "title": "Rencana Pengembangan Kompetensi", "ev": ev, "rencana": rencana,
        "kegiatan": list(rencana.kegiatan) if rencana else [],
        "ditandatangani": rules.sudah_ditandatangani(ev.ttd_penilai_at),
        "boleh_ubah": permissions.can_edit_rencana(actor, ev, rencana),
        "penilai": permissions.is_penilai_of(actor, ev), "pegawai": permissions.is_pegawai_of(actor, ev),
        "boleh_konfirmasi": rencana is not None and permissions.can_confirm(actor, rencana, db.session.get(Pegawai, ev.pegawai_id)),
        "boleh_tindak_lanjut": permissions.can_record_tindak_lanjut(actor),
        "kompetensi": kompetensi, "skala_kompetensi": rules.SKALA_KOMPETENSI,
        "umpan_balik": services.umpan_balik_of(ev.id), "pernyataan": rules.pernyataan_bernomor(),
        "skala_bimbingan": rules.SKALA_BIMBINGAN, "tindak_lanjut": queries.tindak_lanjut(ev.id),
        "sebelumnya": queries.rencana_sebelumnya(ev),
        "kegiatan_form": forms.get("kegiatan_form") or KegiatanForm(formdata=None),
        "bukti_form": forms.get("bukti_form") or BuktiForm(formdata=None),
        "konfirmasi_form": KonfirmasiForm(formdata=None),
        "tindak_lanjut_form": forms.get("tindak_lanjut_form") or TindakLanjutForm(formdata=None),
        "galat": forms.get("galat"),
    }
    return render_template("pengembangan/rencana.html", **ctx), status


def _kembali(evaluasi_id: int, pesan: str, kategori: str = "success"):
    flash(pesan, kategori)
    return redirect(url_for("pengembangan.rencana", evaluasi_id=evaluasi_id))

def _kirim(evaluasi_id: int, form, nama_form: str, pesan: str, layanan):
    """The plan page's form-post: validate, call the service; a field error goes back onto the form,
    an error of no field to the page's message area (422), success redirects with ``pesan``."""
    hasil = kirim(form, layanan, umum_di_formulir=False)
    if hasil:
        return _kembali(evaluasi_id, pesan)
    if hasil.pesan_umum is not None:
        return _halaman(evaluasi_id, 422, galat=hasil.pesan_umum)
    return _halaman(evaluasi_id, 422, **{nama_form: form})



def _kegiatan(kegiatan_id: int):
    """The kegiatan and its evaluation's id (404 when there is no such kegiatan)."""
    item = get_by_id(services.KegiatanPengembangan, kegiatan_id)
    if item is None:
        abort(404)
    return item, item.rencana.evaluasi_id


def _aksi(evaluasi_id: int, layanan, pesan):
    """Run a one-button action; its domain error becomes a red flash. ``pesan``: the success text, or a
    function of the service's result giving it."""
    hasil = aksi(layanan)
    if not hasil:
        return redirect(url_for("pengembangan.rencana", evaluasi_id=evaluasi_id))
    return _kembali(evaluasi_id, pesan(hasil.nilai) if callable(pesan) else pesan)


@bp.get("/evaluasi/<int:evaluasi_id>")
@login_required
def rencana(evaluasi_id: int):
    return _halaman(evaluasi_id)


@bp.post("/evaluasi/<int:evaluasi_id>/kompetensi")
@login_required
def kompetensi(evaluasi_id: int):
    rows = []
    for i in range(rules.KOMPETENSI_MAKS + 1):
        nilai = request.form.get(f"nilai-{i}", "")
        rows.append((request.form.get(f"kompetensi-{i}", ""), int(nilai) if nilai.isdigit() and len(nilai) == 1 else
                     (None if nilai == "" else -1), request.form.get(f"alasan-{i}", "")))
    hasil = coba(lambda: services.save_kompetensi(aktor(), evaluasi_id, rows))
    if not hasil:
        return _halaman(evaluasi_id, 422, galat=hasil.galat.message)
    return _kembali(evaluasi_id, "Evaluasi kompetensi tersimpan.")


@bp.post("/evaluasi/<int:evaluasi_id>/kegiatan")
@login_required
def kegiatan(evaluasi_id: int):
    if not services.is_pihak(aktor(), services.get_evaluasi(aktor(), evaluasi_id)):  # permission before the form
        abort(403)
    form = KegiatanForm()
    return _kirim(evaluasi_id, form, "kegiatan_form", "Kegiatan pengembangan ditambahkan.",
                  lambda: services.add_kegiatan(aktor(), evaluasi_id, rules.KegiatanData(
                      form.kesenjangan.data, form.jenis.data, form.uraian.data or "", form.jp.data,
                      form.target_tanggal.data)))


@bp.post("/kegiatan/<int:kegiatan_id>/hapus")
@login_required
def hapus_kegiatan(kegiatan_id: int):
    _, evaluasi_id = _kegiatan(kegiatan_id)
    return _aksi(evaluasi_id, lambda: services.delete_kegiatan(aktor(), kegiatan_id), "Kegiatan dihapus.")


@bp.post("/evaluasi/<int:evaluasi_id>/setujui")
@login_required
def setujui(evaluasi_id: int):
    return _aksi(evaluasi_id, lambda: services.sign_rencana(aktor(), evaluasi_id, _base_url()),
                 lambda rencana_: "Rencana disepakati kedua pihak; dokumen B.1.9 tersimpan." if rencana_.disepakati
                 else "Persetujuan Anda tercatat; menunggu persetujuan pihak lain.")


@bp.post("/kegiatan/<int:kegiatan_id>/bukti")
@login_required
def bukti(kegiatan_id: int):
    _, evaluasi_id = _kegiatan(kegiatan_id)
    if not permissions.is_pegawai_of(aktor(), services.get_evaluasi(aktor(), evaluasi_id)):  # before the form
        abort(403)
    form = BuktiForm()

    def kirim_bukti():
        upload = request.files.get("bukti")
        data = services.Bukti(upload.filename if upload else None, upload.read() if upload else b"")
        services.submit_bukti(aktor(), kegiatan_id, data, form.tanggal_selesai.data)

    if kirim(form, kirim_bukti):  # the service's errors name "bukti", "tanggal_selesai" or no field
        return _kembali(evaluasi_id, "Bukti terkirim; menunggu konfirmasi atasan.")
    return _halaman(evaluasi_id, 422, bukti_form=form)


@bp.get("/kegiatan/<int:kegiatan_id>/bukti")
@login_required
def unduh_bukti(kegiatan_id: int):
    item = services.bukti_of(aktor(), kegiatan_id)
    record_read(aktor(), "bukti_pengembangan", kegiatan_id, item.pegawai_id)
    return unggahan.send_attachment(services.FOLDER, item.bukti_nama_simpan, item.bukti_nama_asli or "bukti",
                                    item.bukti_mime or "application/octet-stream")


@bp.post("/kegiatan/<int:kegiatan_id>/konfirmasi")
@login_required
def konfirmasi(kegiatan_id: int):
    item, evaluasi_id = _kegiatan(kegiatan_id)
    ev = services.get_evaluasi(aktor(), evaluasi_id)  # 404 outside the evaluation, then 403, then the form
    if not permissions.can_confirm(aktor(), item.rencana, db.session.get(Pegawai, ev.pegawai_id)):
        abort(403)
    form = KonfirmasiForm()
    if not form.validate_on_submit():
        return _kembali(evaluasi_id, "Pilih keputusan konfirmasi.", "danger")
    setuju = form.keputusan.data == "setuju"
    return _aksi(evaluasi_id, lambda: services.confirm_kegiatan(aktor(), kegiatan_id, setuju, form.catatan.data or ""),
                 "Kegiatan dikonfirmasi; JP tercatat." if setuju else "Bukti dikembalikan ke pegawai.")


@bp.post("/evaluasi/<int:evaluasi_id>/umpan-balik")
@login_required
def umpan_balik(evaluasi_id: int):
    nilai = []
    for nomor in range(1, 10):
        value = request.form.get(f"nilai-{nomor}", "")
        nilai.append(int(value) if value.isdigit() and len(value) == 1 else None)
    hasil = coba(lambda: services.submit_umpan_balik(aktor(), evaluasi_id, nilai, _base_url()))
    if not hasil:
        return _halaman(evaluasi_id, 422, galat=hasil.galat.message)
    return _kembali(evaluasi_id, "Umpan balik bimbingan kinerja tersimpan dan ditandatangani.")


@bp.post("/evaluasi/<int:evaluasi_id>/tindak-lanjut")
@login_required
def tindak_lanjut(evaluasi_id: int):
    services.get_evaluasi(aktor(), evaluasi_id)  # 404 outside the evaluation, then 403, then the form
    if not permissions.can_record_tindak_lanjut(aktor()):
        abort(403)
    form = TindakLanjutForm()
    return _kirim(evaluasi_id, form, "tindak_lanjut_form", "Tindak lanjut hasil evaluasi tercatat.",
                  lambda: services.record_tindak_lanjut(aktor(), evaluasi_id, rules.TindakLanjutData(
                      form.jenis.data, form.uraian.data, form.tanggal.data, form.nomor_sk.data)))


@bp.get("/evaluasi/<int:evaluasi_id>/cetak/<jenis>")
@login_required
def cetak(evaluasi_id: int, jenis: str):
    content, nama, pemilik = services.document_for(aktor(), evaluasi_id, jenis, _base_url())
    record_read(aktor(), {"b19": "rencana_pengembangan", "b18": "umpan_balik_bimbingan"}[jenis], evaluasi_id, pemilik)
    return pdf_response(content, nama)


@publik_bp.get("/<kode>")
def verifikasi(kode: str):
    if len(kode) != 32 or not all(c in "0123456789abcdef" for c in kode):
        abort(404)
    from sqlalchemy import select

    rencana_ = db.session.execute(select(RencanaPengembangan).where(RencanaPengembangan.kode == kode)).scalar_one_or_none()
    ub = None if rencana_ else db.session.execute(
        select(UmpanBalikBimbingan).where(UmpanBalikBimbingan.kode == kode)).scalar_one_or_none()
    if rencana_ is not None and rencana_.disepakati:
        jenis, snap, sha, waktu = dokumen.NAMA_JENIS["b19"], rencana_.snapshot_pegawai, rencana_.dokumen_sha256, \
            [("Pegawai", rencana_.ttd_pegawai_at), ("Pejabat penilai", rencana_.ttd_penilai_at)]
    elif ub is not None and ub.ttd_pegawai_at is not None:
        jenis, snap, sha, waktu = dokumen.NAMA_JENIS["b18"], ub.snapshot_pegawai, ub.dokumen_sha256, \
            [("Pegawai", ub.ttd_pegawai_at)]
    else:
        abort(404)
    return render_template("pengembangan/verifikasi.html", title="Verifikasi Dokumen", jenis=jenis,
                           nama=(snap or {}).get("nama", ""), nip=mask_nip((snap or {}).get("nip", "")), sha=sha,
                           waktu=waktu)
