"""Aktivitas harian pages: day (quick entry), week, month; edit, copy, submit; evidence download.

One URL per page: GET renders the full page or, for htmx, the changed fragment.  Mutations
answer htmx with fragments (the form, the day's list, the progress panel out of band) and
plain form posts with POST-redirect-GET.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from flask import abort, current_app, flash, redirect, request, send_file, url_for
from flask_login import current_user, login_required
from sqlalchemy import inspect as sa_inspect

from kinerja import kait
from kinerja.akses import aktor, arg_id, pegawai_required, pegawai_sendiri
from kinerja.aktivitas import bp, permissions, queries, rules, rutin, services, tampilan
from kinerja.aktivitas import bukti as berkas_bukti
from kinerja.aktivitas.forms import AktivitasForm, HariForm, rencana_aksi_opsi, rhk_opsi
from kinerja.audit.services import record_read
from kinerja.database import read_only
from kinerja.errors import PESAN_BUKAN_PEGAWAI, DomainError, PermissionDenied
from kinerja.extensions import db
from kinerja.format import angka
from kinerja.formulir import coba, kirim, parse_id
from kinerja.htmx import is_htmx_request, render, render_fragment
from kinerja.kalender import kalender_bacaan, kalender_pegawai
from kinerja.kalender import rules as kalender_rules
from kinerja.konteks import aplikasi, glob, pengguna, permintaan
from kinerja.models import Pegawai
from kinerja.security import token_csrf
from kinerja.sekaligus import baca_sekaligus
from kinerja.waktu import today_local

TANGGAL_MIN = date(2000, 1, 1)


def _atur() -> queries.Pengaturan:
    """The instansi settings, read once per request."""
    memo = vars(glob())
    if "aktivitas_atur" not in memo:
        memo["aktivitas_atur"] = queries.pengaturan()
    return memo["aktivitas_atur"]


def _rhk_choices(pegawai_id: int, tanggal: date) -> list[queries.RhkChoice]:
    """The RHK choices of the SKP active on ``tanggal``, read once per request (a save validates the form
    and renders the next one)."""
    memo = _rhk_memo()
    if (pegawai_id, tanggal) not in memo:
        memo[(pegawai_id, tanggal)] = queries.rhk_choices(pegawai_id, tanggal, tanggal)
    return memo[(pegawai_id, tanggal)]


def _rhk_memo() -> dict:
    """(pegawai id, date) → RHK choices read in this request (``_rhk_choices``, ``_bacaan_hari``)."""
    return vars(glob()).setdefault("aktivitas_rhk", {})


def _today() -> date:
    return today_local(_atur().zona_waktu)



def _parse_tanggal(value: str | None, today: date) -> date:
    try:
        day = date.fromisoformat(value) if value else today
    except ValueError:
        return today
    return day if TANGGAL_MIN <= day <= today + timedelta(days=366) else today


def _subject() -> tuple[int, Pegawai | None]:
    """The pegawai whose log is shown: the user's own, or ``?pegawai=`` within the user's scope.

    Returns (pegawai_id, the other pegawai or None when it is the user's own log).
    """
    own = pengguna().pegawai_id
    other = arg_id("pegawai")
    if other is None or other == own:
        if own is None:
            raise PermissionDenied(PESAN_BUKAN_PEGAWAI)
        return own, None
    if not permissions.can_view_log(current_user, other):
        abort(404)
    pegawai = db.session.get(Pegawai, other)
    if pegawai is None:
        abort(404)
    return other, pegawai


def _new_form(tanggal: date, choices, entries, terakhir: list[queries.Terakhir]) -> tampilan.FormulirCepat:
    """The empty quick-entry form of a day view (no WTForms object: nothing to validate on a GET)."""
    data = queries.entry_defaults(entries, terakhir[0] if terakhir else None, tanggal)
    return tampilan.formulir_cepat(data, rhk_opsi(choices, queries.satuan_per_rhk(terakhir)),
                                   rencana_aksi_opsi(queries.rencana_aksi_choices(choices)), token_csrf())


def _day_context(pegawai_id: int, tanggal: date, lihat: Pegawai | None = None,
                 form: AktivitasForm | tampilan.FormulirCepat | None = None,
                 **extra) -> dict:
    """Everything the day page and its fragments show (a fixed number of queries)."""
    atur = _atur()
    today = today_local(atur.zona_waktu)
    pemilik = lihat is None
    entries, ringkas, tombol_rutin, choices, terakhir = _bacaan_hari(pegawai_id, tanggal, today, pemilik, form is None)
    kal = kalender_pegawai(pegawai_id, *_rentang_kalender(tanggal, today))  # read with the rest (_bacaan_hari)
    deadline = rules.grace_deadline(tanggal, atur.masa_tenggang_hari_kerja, kal.hari_kerja_per_minggu, kal.libur)
    bisa_isi = pemilik and tanggal <= today <= deadline
    if pemilik and form is None:
        form = _new_form(tanggal, choices, entries, terakhir)
    ctx = dict(
        tanggal=tanggal, hari_ini=today, entries=entries, bisa_isi=bisa_isi, pemilik=pemilik, lihat=lihat, form=form,
        total_menit=sum(e.durasi_menit for e in entries),
        bisa_ajukan=bisa_isi and any(rules.dapat_diubah(e.status) for e in entries),
        dapat_diubah={e.id for e in entries if bisa_isi and rules.dapat_diubah(e.status)},
        bukti_max_mb=_bukti_max_mb(),
        kemarin=kalender_rules.previous_working_day(tanggal, kal.hari_kerja_per_minggu, kal.libur),
        progres=queries.progress_bulan(pegawai_id, today, atur, kal, ringkas),
        title="Aktivitas Harian",
        kepala=tampilan.Hari(tanggal, today, lihat.id if lihat else None, kal.is_working_day(tanggal),
                             kal.absen.get(tanggal), tanggal > today, bisa_isi, deadline),
        rutin=tombol_rutin if bisa_isi else [],
        pesan=None, ubah_id=None,
    )
    ctx.update(extra)
    return ctx


def _rentang_kalender(tanggal: date, today: date) -> tuple[date, date]:
    """The days the day view's calendar covers: the shown day and this month (grace window, progress)."""
    return min(tanggal, today.replace(day=1)), max(tanggal, kalender_rules.month_bounds(today.year, today.month)[1])


def _bacaan_hari(pegawai_id: int, tanggal: date, today: date, pemilik: bool, form_baru: bool):
    """The day view's reads in ONE statement (kinerja.sekaligus): the calendar's holidays and absences (for
    the ``kalender_pegawai`` call that follows), the day's entries and this month's minutes; for the owner
    also the routines and, with a new form, the RHK choices (unless this request already read them) and
    the last entry per RHK.  (entries, ringkas, tombol, choices, terakhir), None for what is not needed."""
    kalender = kalender_bacaan(pegawai_id, *_rentang_kalender(tanggal, today))
    bacaan = {f"kalender{i}": b for i, b in enumerate(kalender)}
    bacaan |= {"entries": queries.baris_hari_bacaan(pegawai_id, tanggal),
              "ringkas": queries.month_summary_bacaan(pegawai_id, today.year, today.month)}
    if pemilik:
        bacaan["tombol"] = rutin.tombol_bacaan(pegawai_id)
    memo, kunci = _rhk_memo(), (pegawai_id, tanggal)
    if pemilik and form_baru:
        if kunci not in memo:
            bacaan["choices"] = queries.rhk_choices_bacaan(pegawai_id, tanggal, tanggal)
        bacaan["terakhir"] = queries.terakhir_bacaan(pegawai_id)
    hasil = dict(zip(bacaan, baca_sekaligus(*bacaan.values()), strict=True))
    if "choices" in hasil:
        memo[kunci] = hasil["choices"]
    return (hasil["entries"], hasil["ringkas"], hasil.get("tombol"),
            memo.get(kunci) if pemilik and form_baru else None, hasil.get("terakhir"))


def _bukti_max_mb() -> int:
    return aplikasi().config["BUKTI_MAX_BYTES"] // (1024 * 1024)


def _form_choices(form: AktivitasForm, pegawai_id: int, fallback: date) -> None:
    day = form.tanggal.data if isinstance(form.tanggal.data, date) else fallback
    choices = _rhk_choices(pegawai_id, day)
    form.set_rhk_choices(choices)
    form.set_rencana_aksi_choices(queries.rencana_aksi_choices(choices))


def _data(form: AktivitasForm) -> services.AktivitasData:
    return services.AktivitasData(form.tanggal.data, form.jam_mulai.data, form.jam_selesai.data, form.uraian.data,
                                  form.volume.data, form.satuan.data, form.rhk.data, form.tautan_bukti.data,
                                  form.rencana_aksi.data or None)


def _uploads(name: str = "bukti") -> list[berkas_bukti.BuktiUpload]:
    limit = current_app.config["BUKTI_MAX_BYTES"]
    result = []
    for upload in request.files.getlist(name):
        if upload and upload.filename:
            result.append(berkas_bukti.BuktiUpload(upload.filename, upload.read(limit + 1)))
        upload.close()
    return result


def _hari_form() -> HariForm:
    """The day actions (copy yesterday, submit; views marked ``pegawai_required``): 400 without CSRF,
    422 with a message for a date that cannot be used."""
    form = HariForm()
    if not form.validate_on_submit():
        abort(_day_form_invalid(form))  # an unusable date: 422 with the field's message
    return form


def _versi(form) -> int | None:
    value = form.versi.data if form is not None else request.form.get("versi")
    return parse_id(value)


def _redirect_day(tanggal: date):
    return redirect(url_for("aktivitas.index", tanggal=tanggal.isoformat()))


def _conflict(err: services.KonflikError):
    """409 with the message; htmx shows it in the day's message area."""
    if is_htmx_request():
        response = render_fragment("aktivitas/partials/_pesan.html", status=409, pesan=err.message, tone="danger")
        response.headers["HX-Retarget"] = "#pesan-aktivitas"
        response.headers["HX-Reswap"] = "outerHTML"
        return response
    return render_fragment("errors/page.html", status=409, title="Data sudah berubah", message=err.message)


def _list_response(tanggal: date, status: int = 200, **extra):
    """The day's list (htmx target #daftar-aktivitas) plus the progress panel out of band."""
    with read_only():  # after the service's commit the next transaction only reads
        ctx = _day_context(pegawai_sendiri(), tanggal, **extra)
        return render_fragment("aktivitas/partials/_daftar_ok.html", status=status, **ctx)


# ------------------------------------------------------------------ day view and quick entry


@bp.get("")
@login_required
def index():
    pegawai_id, lihat = _subject()
    args = permintaan().args  # without the proxy, and without the KeyError a missing argument costs in .get
    tanggal = _parse_tanggal(args.get("tanggal") if "tanggal" in args else None, _today())
    return render("aktivitas/index.html", "aktivitas/partials/_hari.html", **_day_context(pegawai_id, tanggal, lihat))


@bp.post("")
@pegawai_required
def tambah():
    form = AktivitasForm()
    fallback = _today()
    pegawai_id = pegawai_sendiri()
    _form_choices(form, pegawai_id, fallback)
    hasil = kirim(form, lambda: services.create_aktivitas(aktor(), _data(form), _uploads()))
    if hasil:
        return _entry_saved(hasil.nilai, form.tanggal.data, "Aktivitas tersimpan.")
    tanggal = form.tanggal.data if isinstance(form.tanggal.data, date) else fallback
    tanggal = _parse_tanggal(tanggal.isoformat(), fallback)
    ctx = _day_context(pegawai_id, tanggal, form=form)
    return render("aktivitas/index.html", "aktivitas/partials/_form.html", status=422, **ctx)


@bp.post("/salin-kemarin")
@pegawai_required
def salin_kemarin():
    form = _hari_form()
    salin = coba(lambda: services.copy_from_previous_day(aktor(), form.tanggal.data))
    if not salin:
        return _day_action_error(form.tanggal.data, salin.galat)
    return _day_action_ok(form.tanggal.data, salin.nilai.pesan(), "success" if salin.nilai.disalin else "info")


@bp.post("/ajukan")
@pegawai_required
def ajukan():
    form = _hari_form()
    if request.form.get("aksi") == "terpilih":
        diajukan = coba(lambda: services.submit_aktivitas(aktor(), request.form.getlist("ids")))
    else:
        diajukan = coba(lambda: services.submit_day(aktor(), form.tanggal.data))
    if not diajukan:
        return _day_action_error(form.tanggal.data, diajukan.galat)
    return _day_action_ok(form.tanggal.data, f"{len(diajukan.nilai)} aktivitas diajukan kepada atasan untuk diverifikasi.")


def _day_form_invalid(form: HariForm):
    """A day action with an unusable date: the day list of today with the field's message (422)."""
    pesan = next(iter(form.tanggal.errors), None) or "Tanggal tidak valid. Muat ulang halaman lalu coba lagi."
    return _day_action_error(_today(), DomainError("tanggal", f"Tanggal: {pesan}"))


def _day_action_ok(tanggal: date, pesan: str, tone: str = "success"):
    if not is_htmx_request():
        flash(pesan, tone)
        return _redirect_day(tanggal)
    return _list_response(tanggal, pesan=pesan, tone=tone)


def _day_action_error(tanggal: date, err: DomainError):
    if isinstance(err, services.KonflikError):
        return _conflict(err)
    if not is_htmx_request():
        flash(err.message, "danger")
        return _redirect_day(tanggal)
    return _list_response(tanggal, status=422, pesan=err.message, tone="danger")


# ------------------------------------------------------------------ one entry


def _own_item(aktivitas_id: int):
    """The user's own entry: 404 when missing or out of sight, 403 when it is someone else's."""
    item = queries.get_aktivitas(aktivitas_id)
    permissions.require_owner(current_user, item)
    pegawai_sendiri()  # read before the service's commit (the answer after it renders the day)
    return item


@bp.get("/<int:aktivitas_id>/ubah")
@login_required
def ubah(aktivitas_id: int):
    item = _own_item(aktivitas_id)
    if not rules.dapat_diubah(item.status):
        if is_htmx_request():
            return _list_response(item.tanggal, status=422, pesan=services.PESAN_TERKUNCI, tone="danger")
        flash(services.PESAN_TERKUNCI, "danger")
        return _redirect_day(item.tanggal)
    form = _edit_form(item)
    return render("aktivitas/ubah.html", "aktivitas/partials/_item_ubah.html", item=item, form=form, title="Ubah Aktivitas",
                  hari_ini=_today(), bukti_max_mb=_bukti_max_mb())


def _edit_form(item, formdata=None) -> AktivitasForm:
    rhk = queries.TUGAS_ATASAN if item.tugas_atasan or item.rhk_id is None else str(item.rhk_id)
    data = dict(tanggal=item.tanggal, jam_mulai=item.jam_mulai, jam_selesai=item.jam_selesai, uraian=item.uraian,
                volume=angka(item.volume), satuan=item.satuan, rhk=rhk, tautan_bukti=item.tautan_bukti or "",
                rencana_aksi=str(item.rencana_aksi_id or ""),
                versi=str(item.versi))
    prefix = f"ubah{item.id}"
    form = AktivitasForm(formdata=None, data=data, prefix=prefix) if formdata is None else AktivitasForm(prefix=prefix)
    _form_choices(form, item.pegawai_id, item.tanggal)
    return form


@bp.post("/<int:aktivitas_id>/ubah")
@login_required
def simpan_ubah(aktivitas_id: int):
    item = _own_item(aktivitas_id)
    hari = item.tanggal
    form = _edit_form(item, formdata=True)
    hasil = kirim(form, lambda: services.update_aktivitas(aktor(), item.id, _data(form), _uploads(form.bukti.name),
                                                          versi=_versi(form),
                                                          hapus_bukti_ids=request.form.getlist("hapus_bukti")))
    if isinstance(hasil.galat, services.KonflikError):
        return _conflict(hasil.galat)
    if hasil:
        if not is_htmx_request():
            flash("Perubahan aktivitas tersimpan.", "success")
            return _redirect_day(hasil.nilai.tanggal)
        response = _list_response(hari, pesan="Perubahan aktivitas tersimpan.")
        response.headers["HX-Retarget"] = "#daftar-aktivitas"
        response.headers["HX-Reswap"] = "outerHTML"
        return response
    item = queries.get_aktivitas(aktivitas_id) or abort(404)
    return render("aktivitas/ubah.html", "aktivitas/partials/_item_ubah.html", status=422, item=item, form=form,
                  title="Ubah Aktivitas", hari_ini=_today(), bukti_max_mb=_bukti_max_mb())


@bp.get("/<int:aktivitas_id>")
@login_required
def baris(aktivitas_id: int):
    """One entry (the row shown again after "Batal"); full page: the day it belongs to."""
    item = queries.get_aktivitas(aktivitas_id)
    permissions.require_visible(current_user, item)
    sendiri = item.pegawai_id == current_user.pegawai_id
    if not sendiri and not permissions.can_view_log(current_user, item.pegawai_id):
        # A delegated verifikator sees the entry, not the pegawai's whole log.
        return redirect(url_for("verifikasi.aktivitas", aktivitas_id=item.id))
    if not is_htmx_request():
        args = {} if sendiri else {"pegawai": item.pegawai_id}
        return redirect(url_for("aktivitas.index", tanggal=item.tanggal.isoformat(), **args))
    ctx = _day_context(item.pegawai_id, item.tanggal, None if item.pegawai_id == current_user.pegawai_id else item.pegawai)
    return render_fragment("aktivitas/partials/_item.html", e=item, **ctx)


@bp.post("/<int:aktivitas_id>/hapus")
@login_required
def hapus(aktivitas_id: int):
    dihapus = coba(lambda: services.delete_aktivitas(aktor(), aktivitas_id, versi=_versi(None)))
    if not dihapus:
        return _day_action_error(_own_item(aktivitas_id).tanggal, dihapus.galat)
    return _day_action_ok(dihapus.nilai, "Aktivitas dihapus.")


@bp.post("/<int:aktivitas_id>/duplikat")
@login_required
def duplikat(aktivitas_id: int):
    salinan = coba(lambda: services.duplicate_aktivitas(aktor(), aktivitas_id))
    if not salinan:
        return _day_action_error(_own_item(aktivitas_id).tanggal, salinan.galat)
    item = salinan.nilai
    if not is_htmx_request():
        flash("Salinan dibuat sebagai Draft. Ubah seperlunya lalu simpan.", "success")
        return redirect(url_for("aktivitas.ubah", aktivitas_id=item.id))
    edit = _edit_form(item)
    return _list_response(item.tanggal, pesan="Salinan dibuat sebagai Draft. Ubah seperlunya lalu simpan.",
                          ubah_id=item.id, ubah_form=edit)


# ------------------------------------------------------------------ kegiatan rutin


def _entry_saved(item, tanggal: date, pesan: str):
    """After a new entry (quick entry or a routine) on ``tanggal``: the fresh form, the day's list and the
    progress (htmx).  The commit expired ``item``: its id is read from its identity, not loaded again."""
    if not is_htmx_request():
        flash(pesan, "success")
        return _redirect_day(tanggal)
    item_id = sa_inspect(item).identity[0]
    with read_only():  # committed: render in a read transaction, not holding the write lock
        trigger = json.dumps({"aktivitasTersimpan": {"id": item_id, "tanggal": tanggal.isoformat()}})
        ctx = _day_context(pegawai_sendiri(), tanggal, pesan=pesan)
        return render_fragment("aktivitas/partials/_tambah_ok.html", trigger=trigger, **ctx)


@bp.post("/<int:aktivitas_id>/rutin")
@pegawai_required
def jadikan_rutin(aktivitas_id: int):
    """Keep one of the user's entries as a kegiatan rutin (another pegawai's entry: 404)."""
    tanggal = _own_item(aktivitas_id).tanggal
    disimpan = coba(lambda: rutin.simpan_dari_aktivitas(aktor(), aktivitas_id))
    if not disimpan:
        return _day_action_error(tanggal, disimpan.galat)
    return _day_action_ok(tanggal, f"\"{rutin.label(disimpan.nilai)}\" disimpan sebagai kegiatan rutin.")


@bp.post("/rutin/<int:rutin_id>/pakai")
@pegawai_required
def pakai_rutin(rutin_id: int):
    """Add a routine to the day (one click): a Draft entry, every rule of a normal entry applies."""
    rutin.ambil(aktor(), rutin_id)  # another pegawai's routine: 404 before anything else
    form = _hari_form()
    dipakai = coba(lambda: rutin.pakai(aktor(), rutin_id, form.tanggal.data))
    if not dipakai:
        response = _day_action_error(form.tanggal.data, dipakai.galat)
        if is_htmx_request():  # the button targets the form; the message belongs to the day's list
            response.headers["HX-Retarget"] = "#daftar-aktivitas"
            response.headers["HX-Reswap"] = "outerHTML"
        return response
    pesan = f"Kegiatan rutin ditambahkan: {rutin.label(dipakai.nilai)}."
    return _entry_saved(dipakai.nilai, form.tanggal.data, pesan)


@bp.get("/rutin")
@pegawai_required
def daftar_rutin():
    items = rutin.daftar(current_user.pegawai_id)
    return render("aktivitas/rutin.html", "aktivitas/partials/_rutin_daftar.html", items=items, label=rutin.label,
                  title="Kegiatan Rutin", maks=rutin.RUTIN_MAKS, pesan=None)


@bp.post("/rutin/<int:rutin_id>/hapus")
@pegawai_required
def hapus_rutin(rutin_id: int):
    rutin.ambil(aktor(), rutin_id)
    rutin.hapus(aktor(), rutin_id)
    pesan = "Kegiatan rutin dihapus."
    if not is_htmx_request():
        flash(pesan, "success")
        return redirect(url_for("aktivitas.daftar_rutin"))
    items = rutin.daftar(current_user.pegawai_id)
    return render_fragment("aktivitas/partials/_rutin_daftar.html", items=items, label=rutin.label,
                           maks=rutin.RUTIN_MAKS, pesan=pesan)


# ------------------------------------------------------------------ week and month


@bp.get("/minggu")
@login_required
def minggu():
    pegawai_id, lihat = _subject()
    today = _today()
    tanggal = _parse_tanggal(request.args.get("tanggal"), today)
    days, total = queries.week_view(pegawai_id, tanggal)
    return render("aktivitas/minggu.html", "aktivitas/partials/_minggu.html", days=days, total=total, tanggal=tanggal,
                  hari_ini=today, lihat=lihat, query_pegawai={"pegawai": lihat.id} if lihat else {},
                  sebelumnya=days[0].tanggal - timedelta(days=7), berikutnya=days[0].tanggal + timedelta(days=7),
                  title="Aktivitas Mingguan")


@bp.get("/bulan")
@login_required
def bulan():
    pegawai_id, lihat = _subject()
    atur = _atur()
    today = today_local(atur.zona_waktu)
    try:
        year, month = (int(x) for x in request.args.get("bulan", "").split("-", 1))
        first = date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    if not TANGGAL_MIN <= first <= today + timedelta(days=366):
        first = today.replace(day=1)
    data = queries.month_view(pegawai_id, first.year, first.month, today)
    prev_month = (first - timedelta(days=1)).replace(day=1)
    next_month = (first + timedelta(days=32)).replace(day=1)
    return render("aktivitas/bulan.html", "aktivitas/partials/_bulan.html", weeks=data.weeks, ringkas=data.ringkas,
                  hari_kerja=data.hari_wajib, hari_absen=data.hari_absen, target=data.target(atur.target_menit_bulanan),
                  target_penuh=atur.target_menit_bulanan,
                  bagian_tambahan=kait.sections("aktivitas_bulan", aktor(), pegawai_id, first),
                  bulan=first, sebelumnya=prev_month, berikutnya=next_month,
                  hari_ini=today, lihat=lihat, query_pegawai={"pegawai": lihat.id} if lihat else {},
                  title="Aktivitas Bulanan")


# ------------------------------------------------------------------ evidence download


@bp.get("/bukti/<int:bukti_id>")
@login_required
def bukti(bukti_id: int):
    """An evidence file, as an attachment, for the owner, their atasan chain, a delegated verifier and admin."""
    item = queries.get_bukti(bukti_id)
    permissions.require_visible(current_user, item.aktivitas if item is not None else None)
    path = berkas_bukti.bukti_path(current_app.config["UPLOAD_DIR"], item)
    if path is None:
        abort(404)
    response = send_file(path, mimetype=item.mime, as_attachment=True, download_name=item.nama_asli, max_age=0)
    response.cache_control.private = True
    response.cache_control.no_store = True
    record_read(aktor(), "bukti", bukti_id, item.aktivitas.pegawai_id)
    return response
