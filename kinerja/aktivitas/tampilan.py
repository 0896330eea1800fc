"""The day view's busiest HTML, written in Python: one entry of the day's list, and the quick-entry fields.

The day view is the page every pegawai opens several times a day; through Jinja macros its 8-odd rows
and the form's fields cost about a third of its server time (issue #17).  Here a row is one f-string,
the same markup the macros wrote (ids, names, aria and hx-* attributes, labels, CSRF): every text that
comes from users (uraian, satuan, RHK, file names, links, notes) goes through ``aman``
(``kinerja.teks_aman``: ``escape`` as a str); the rest are ids, times and fixed words.  Badges come from the template macros (``_macros/status.html``,
``_macros/ui.html``), called once per page, so colours stay in one place.
The tests in tests/unit/test_aktivitas_tampilan.py pin the escaping.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from markupsafe import Markup

from kinerja.aktivitas.queries import BarisHari
from kinerja.format import angka, durasi, jam, ribuan
from kinerja.konteks import aplikasi, ingat, permintaan
from kinerja.legenda import LEGENDA
from kinerja.tautan import alamat
from kinerja.teks_aman import aman
from kinerja.waktu import tanggal as format_tanggal


@dataclass
class Bersama:
    """What every row of one list shares: the /aktivitas prefix, whether the owner may act."""

    akt: str
    pemilik: bool
    bisa_isi: bool
    dapat_diubah: set[int]
    _lencana: dict[str, Markup] = field(default_factory=dict)

    def lencana(self, status: str) -> Markup:
        """The status badge (``_macros/status.html``), looked up once per status and list."""
        if status not in self._lencana:
            self._lencana[status] = _macro_tetap("_macros/status.html", "status_badge", status, "aktivitas")
        return self._lencana[status]

    def libur(self) -> Markup:
        if "\0libur" not in self._lencana:
            self._lencana["\0libur"] = _macro_tetap("_macros/ui.html", "badge", "Hari libur", "warning")
        return self._lencana["\0libur"]


def _macro_tetap(template: str, name: str, *args) -> Markup:
    """A macro whose markup depends on its arguments alone (a badge): rendered once per loaded template and
    arguments — unless templates reload (development), when it is rendered every time."""
    env = aplikasi().jinja_env
    loaded = env.get_template(template)
    if env.auto_reload:
        return getattr(loaded.module, name)(*args)
    return _macro_ingat(loaded, name, args)


@lru_cache(maxsize=256)
def _macro_ingat(loaded, name: str, args: tuple) -> Markup:
    return getattr(loaded.module, name)(*args)


def bersama(akt: str, pemilik: bool, bisa_isi: bool, dapat_diubah: set[int]) -> Bersama:
    return Bersama(akt, pemilik, bisa_isi, dapat_diubah)


def _bukti(e, akt: str) -> str:
    links = [f'<a href="{akt}/bukti/{b.id}">{aman(b.nama_asli)}</a>' for b in e.bukti]
    tautan = ""
    if e.tautan_bukti:
        t = aman(e.tautan_bukti)
        tautan = (f'<a href="{t}" rel="noopener noreferrer" target="_blank">{t}'
                  '<span class="visually-hidden"> (tab baru)</span></a>')
    sep = ", " if e.tautan_bukti else ""
    return (f'    <p class="small mb-1 text-wrap-anywhere"><span class="text-body-secondary">Bukti:</span>\n'
            f'      {", ".join(links)}{sep if links else ""}\n'
            f'      {tautan}\n'
            f'    </p>\n')


FORM_AKSI = "form-aksi-aktivitas"  # the one form (its CSRF token) the rows' Duplikat/Jadikan Rutin/Hapus submit


def form_aksi(token: str) -> Markup:
    """The list's action form: the rows' buttons name it (``form=``) and their own ``formaction``, so the
    CSRF token is in the list once, not in three forms per row (P8: a day of 8 entries was 31 KB).
    Without JavaScript a button submits it to its address; htmx posts to the button's ``hx-post`` with
    the token in its header and the button's own name and value (``versi`` of Hapus)."""
    return Markup(f'<form id="{FORM_AKSI}" method="post" hidden>'
                  f'<input type="hidden" name="csrf_token" value="{aman(token)}"></form>')


def _aksi(e, d: Bersama, ubahable: bool, mulai: str, rentang: str) -> str:
    a = f"{d.akt}/{e.id}"
    sr = f'<span class="visually-hidden"> aktivitas {mulai}</span>'
    ke_daftar = f'form="{FORM_AKSI}" hx-target="#daftar-aktivitas" hx-swap="outerHTML"'
    ubah = (f'      <a class="btn btn-sm btn-outline-primary" href="{a}/ubah"\n'
            f'         hx-get="{a}/ubah" hx-target="#aktivitas-{e.id}" hx-swap="outerHTML">Ubah{sr}</a>\n') if ubahable else ""
    hapus = (f'      <button type="submit" class="btn btn-sm btn-outline-danger" {ke_daftar} formaction="{a}/hapus"\n'
             f'              hx-post="{a}/hapus" hx-confirm="Hapus aktivitas {rentang}?" name="versi" value="{e.versi}">'
             f'Hapus{sr}</button>\n') if ubahable else ""
    return (f'    <div class="d-flex flex-wrap gap-2 mt-1">\n{ubah}'
            f'      <button type="submit" class="btn btn-sm btn-outline-secondary" {ke_daftar} formaction="{a}/duplikat"\n'
            f'              hx-post="{a}/duplikat">Duplikat{sr}</button>\n'
            f'      <button type="submit" class="btn btn-sm btn-outline-secondary" {ke_daftar} formaction="{a}/rutin"\n'
            f'              hx-post="{a}/rutin">Jadikan Rutin{sr}</button>\n{hapus}'
            f'    </div>\n')


BATAS_BARIS = 4096  # rows remembered per process (~2 KB each); forgotten all at once when full
# Everything a ``BarisHari`` holds but its evidence list (a list: made a tuple for the key), read in one call.
_ISI_BARIS = attrgetter(*(f.name for f in fields(BarisHari) if f.name != "bukti"))


def baris(e, d: Bersama) -> Markup:
    """The ``<li>`` of entry ``e`` (an ``Aktivitas`` or a ``queries.BarisHari``) in the day's list.

    A ``BarisHari`` row is remembered per process (``konteks.ingat``; not in debug) under everything the
    markup is made of: every field of the row, the address prefix, whether the owner may act and whether
    this row may be changed (no CSRF token: the rows' buttons submit ``form_aksi``).  The list after a
    save, and the same day opened again, shows the rows it showed before: each costs a key instead of
    some four hundred Python steps.  A row that changed in any way has another key."""
    if type(e) is not BarisHari:
        return _baris(e, d)
    kunci = (_ISI_BARIS(e), tuple(e.bukti), d.akt, d.pemilik, d.bisa_isi, e.id in d.dapat_diubah)
    return ingat("kinerja.aktivitas.baris", kunci, BATAS_BARIS, _baris, e, d)


def _baris(e, d: Bersama) -> Markup:
    i = e.id
    ubahable = i in d.dapat_diubah
    mulai = jam(e.jam_mulai)
    rentang = f"{mulai}–{jam(e.jam_selesai)}"
    pilih = (f'      <input class="form-check-input m-0" type="checkbox" name="ids" value="{i}" form="form-ajukan" id="pilih-{i}">\n'
             f'      <label class="visually-hidden" for="pilih-{i}">Pilih aktivitas {rentang}</label>\n') if ubahable else ""
    libur = f"      {d.libur()}\n" if e.hari_libur else ""
    rhk = f"{aman(e.rhk.jenis)}: {aman(e.rhk.uraian)}" if e.rhk else "Tugas dari atasan"
    ra = e.rencana_aksi
    rencana = (f'      · <span class="text-body-secondary">Rencana aksi:</span> {aman(ra.kode)} — {aman(ra.uraian)}\n'
               if ra else "")
    bukti = _bukti(e, d.akt) if e.bukti or e.tautan_bukti else ""
    catatan = (f'    <div class="alert alert-warning py-1 px-2 small mb-1" role="note"><strong>Catatan atasan:</strong> '
               f'{aman(e.catatan_verifikasi)}</div>\n') if e.status == "Dikembalikan" and e.catatan_verifikasi else ""
    aksi = _aksi(e, d, ubahable, mulai, rentang) if d.pemilik and d.bisa_isi else ""
    return Markup(
        f'<li id="aktivitas-{i}" class="card mb-2 item-aktivitas">\n'
        f'  <div class="card-body py-2">\n'
        f'    <div class="d-flex flex-wrap align-items-center gap-2">\n{pilih}'
        f'      <strong class="text-nowrap">{rentang}</strong>\n'
        f'      <span class="text-body-secondary text-nowrap">{durasi(e.durasi_menit)}</span>\n'
        f'      {d.lencana(e.status)}\n{libur}'
        f'    </div>\n'
        f'    <p class="mb-1 mt-1 text-wrap-anywhere">{aman(e.uraian)}</p>\n'
        f'    <p class="small mb-1">\n'
        f'      <span class="text-body-secondary">Output:</span> {aman(angka(e.volume))} {aman(e.satuan)}\n'
        f'      · <span class="text-body-secondary">RHK:</span>\n'
        f'      {rhk}\n{rencana}'
        f'    </p>\n{bukti}{catatan}{aksi}'
        f'  </div>\n'
        f'</li>'
    )


def aksi_hari(token: str, tanggal: date, kemarin: date, bisa_ajukan: bool, rutin) -> Markup:
    """Under the owner's list while the day can be filled in: Ajukan and Ajukan Terpilih (when something can
    be submitted), Salin dari Kemarin, one button per routine (``rutin``: ``KegiatanRutin`` rows) and the hint."""
    csrf = f'<input type="hidden" name="csrf_token" value="{aman(token)}">'
    hari = f'<input type="hidden" name="tanggal" value="{tanggal.isoformat()}">'
    ajukan = ""
    if bisa_ajukan:
        u = aman(alamat("aktivitas.ajukan"))
        ajukan = (f'    <form id="form-ajukan" method="post" action="{u}" class="d-flex flex-wrap gap-2"\n'
                  f'          hx-post="{u}" hx-target="#daftar-aktivitas" hx-swap="outerHTML">\n'
                  f'      {csrf}\n      {hari}\n'
                  '      <button type="submit" class="btn btn-success" name="aksi" value="hari" data-pintasan="Alt+J" '
                  'aria-keyshortcuts="Alt+J" title="Ajukan semua Draft hari ini (Alt+J)">Ajukan</button>\n'
                  '      <button type="submit" class="btn btn-outline-success" name="aksi" value="terpilih">Ajukan Terpilih</button>\n'
                  '    </form>\n')
    u = aman(alamat("aktivitas.salin_kemarin"))
    salin = (f'    <form method="post" action="{u}"\n'
             f'          hx-post="{u}" hx-target="#daftar-aktivitas" hx-swap="outerHTML">\n'
             f'      {csrf}\n      {hari}\n'
             f'      <button type="submit" class="btn btn-outline-secondary" title="Salin aktivitas '
             f'{aman(format_tanggal(kemarin, "EEEE, d MMMM yyyy"))} sebagai Draf">Salin dari Kemarin</button>\n'
             '    </form>\n')
    if rutin:
        tombol = "".join(
            f'      <form method="post" action="{(u := aman(alamat("aktivitas.pakai_rutin", rutin_id=r.id)))}"\n'
            f'            hx-post="{u}" hx-target="#form-aktivitas" hx-swap="outerHTML">\n'
            f'        {csrf}\n        {hari}\n'
            f'        <button type="submit" class="btn btn-sm btn-outline-primary text-start" data-rutin>+ '
            f'{jam(r.jam_mulai)}–{jam(r.jam_selesai)} {aman(_pendek(r.uraian))}</button>\n'
            '      </form>\n' for r in rutin)
        daftar_rutin = f'    <div class="d-flex flex-wrap gap-2">\n{tombol}    </div>\n'
    else:
        daftar_rutin = ('    <p class="small text-body-secondary mb-0">Belum ada. Tekan "Jadikan Rutin" pada aktivitas yang '
                        'berulang (misalnya apel pagi) untuk menambahkannya ke hari lain dengan satu klik.</p>\n')
    petunjuk = ('<p class="small text-body-secondary">"Ajukan" (pintasan Alt+J) mengirim semua aktivitas Draf dan '
                'Dikembalikan hari ini kepada atasan; "Ajukan Terpilih" hanya yang dicentang.</p>\n') if bisa_ajukan else ""
    return Markup(
        f'<div class="d-flex flex-wrap gap-2 mb-3">\n{ajukan}{salin}</div>\n'
        f'<div class="mb-3" role="group" aria-labelledby="judul-rutin">\n'
        f'    <h3 class="h6 mb-1" id="judul-rutin">Kegiatan rutin <a class="small fw-normal ms-1" '
        f'href="{aman(alamat("aktivitas.daftar_rutin"))}">Kelola</a></h3>\n{daftar_rutin}</div>\n{petunjuk}')


def _pendek(teks: str, batas: int = 40) -> str:
    """Jinja's ``truncate(batas, True, "…")``: unchanged up to five characters over, else cut with "…"."""
    return teks if len(teks) <= batas + 5 else teks[:batas - 1] + "…"


def pesan(teks, tone=None) -> Markup:
    """The list's message area (``aria-live``): empty, or the message of the last action."""
    isi = f'<div class="alert alert-{aman(tone or "success")} py-2 mb-2" role="status">{aman(teks)}</div>' if teks else ""
    return Markup(f'<div id="pesan-aktivitas" aria-live="polite">{isi}</div>')


def progres(p, hari_ini: date, oob: bool = False) -> Markup:
    """The month's progress card (``queries.Progres``); ``oob``: swapped out of band after a save or an action."""
    return Markup(
        f'<section id="progres-aktivitas" class="card" aria-labelledby="judul-progres"{" hx-swap-oob=" + chr(34) + "true" + chr(34) if oob else ""}>\n'
        f'  <div class="card-body">\n'
        f'    <h2 class="h5" id="judul-progres">Progres {aman(format_tanggal(hari_ini, "MMMM yyyy"))}</h2>\n'
        f'    <label class="form-label small mb-1" for="progres-disetujui">Menit disetujui: {ribuan(p.disetujui)} dari target '
        f'{ribuan(p.target)} ({p.persen}%)</label>\n'
        f'    <progress id="progres-disetujui" class="progres-menit w-100" value="{min(p.disetujui, p.target)}" '
        f'max="{p.target or 1}">{p.persen}%</progress>\n'
        f'    <dl class="row small mb-0 mt-2">\n'
        f'      <dt class="col-8 fw-normal">Menunggu verifikasi (Diajukan)</dt><dd class="col-4 text-end mb-1">{ribuan(p.diajukan)} menit</dd>\n'
        f'      <dt class="col-8 fw-normal">Kurang dari target</dt><dd class="col-4 text-end mb-1">{ribuan(p.kurang)} menit</dd>\n'
        f'      <dt class="col-8 fw-normal">Sisa hari kerja bulan ini</dt><dd class="col-4 text-end mb-1">{p.hari_kerja_tersisa} '
        f'dari {p.hari_kerja_bulan}</dd>\n'
        f'    </dl>\n'
        f'  </div>\n'
        f'</section>')


def daftar(entries, d: Bersama) -> Markup:
    """The rows of the day's list (``baris`` each), in one call from the template rather than one per row."""
    return Markup("\n    ".join([baris(e, d) for e in entries]))



# ------------------------------------------------------------------ the entry fields (quick entry and edit)


@dataclass(frozen=True)
class Isian:
    """One field of the entry form as the page shows it (from a WTForms field, or built without one)."""

    id: str
    name: str
    short_name: str
    label: str
    type: str
    required: bool = False
    maxlength: int | None = None
    render_kw: dict | None = None
    nilai: str = ""
    pilihan: tuple = ()  # (value, label, selected, render_kw) of a select
    errors: tuple = ()


def _dengan(f: Isian, nilai: str | None = None, pilihan: tuple | None = None) -> Isian:
    """``dataclasses.replace(f, nilai=…)`` or ``(…, pilihan=…)`` without its introspection (six per day view)."""
    return Isian(f.id, f.name, f.short_name, f.label, f.type, f.required, f.maxlength, f.render_kw,
                 f.nilai if nilai is None else nilai, f.pilihan if pilihan is None else pilihan, f.errors)


def dari_field(f) -> Isian:
    pilihan = tuple((c[0], c[1], c[2], c[3] if len(c) > 3 else None) for c in f.iter_choices()) \
        if f.type == "SelectField" else ()
    nilai = f._value() if f.type not in ("SelectField", "MultipleFileField") else ""
    return Isian(f.id, f.name, f.short_name, f.label.text, f.type, bool(f.flags.required), f.flags.maxlength or None,
                 f.render_kw, nilai, pilihan, tuple(f.errors))


def _attr(k: str, v) -> str:
    return f" {k}" if v is True else f' {k}="{aman(v)}"'


def isian(f: Isian, fokus: str, help: str | None = None, **opsi) -> str:
    """One field: label ("*" when required), the control with aria-describedby/aria-invalid, help and error —
    the markup of the ``isian`` macro this replaced.  ``opsi``: ``wrapper_class`` ("mb-3"), ``type`` of an
    input ("text"), ``attrs`` (extra attributes: True → bare attribute, False/None → left out), ``opsi_html``
    (a select's options as markup, instead of ``f.pilihan``)."""
    wrapper_class, type, attrs = opsi.get("wrapper_class", "mb-3"), opsi.get("type", "text"), opsi.get("attrs")
    galat = f.errors
    described = ([f"{f.id}-bantuan"] if help else []) + ([f"{f.id}-galat"] if galat else [])
    semua = dict(f.render_kw or {}, **(attrs or {}))
    if f.required:
        semua["required"] = True
    if f.maxlength:
        semua["maxlength"] = f.maxlength
    if described:
        semua["aria-describedby"] = " ".join(described)
    if galat:
        semua["aria-invalid"] = "true"
    if fokus == f.short_name:
        semua["data-autofocus"] = True
    params = "".join(_attr(k, v) for k, v in semua.items() if v is not None and v is not False)
    fid = aman(f.id)
    invalid = " is-invalid" if galat else ""
    bintang = ' <span class="text-danger" aria-hidden="true">*</span>' if f.required else ""
    if f.type == "SelectField":
        pilihan = opsi.get("opsi_html")
        pilihan = _opsi(f.pilihan) if pilihan is None else pilihan
        kontrol = f'<select class="form-select{invalid}" id="{fid}" name="{aman(f.name)}"{params}>{pilihan}</select>'
    elif f.type == "TextAreaField":
        kontrol = f'<textarea class="form-control{invalid}" id="{fid}" name="{aman(f.name)}"{params}>\n{aman(f.nilai)}</textarea>'
    else:
        kontrol = (f'<input class="form-control{invalid}" id="{fid}" name="{aman(f.name)}" type="{type}" '
                   f'value="{aman(f.nilai)}"{params}>')
    bantuan = f'<div id="{fid}-bantuan" class="form-text">{aman(help)}</div>' if help else ""
    salah = f'<div id="{fid}-galat" class="invalid-feedback d-block">{aman(" ".join(galat))}</div>' if galat else ""
    return (f'\n<div class="{wrapper_class}">\n'
            f'  <label class="form-label" for="{fid}">{aman(f.label)}{bintang}</label>\n'
            f'  {kontrol}\n  {bantuan}\n  {salah}\n</div>')


def _opsi(pilihan: tuple) -> str:
    """A select's ``<option>`` elements: (value, label, selected, attributes or None) each."""
    return "".join(
        f'<option{"".join(f" {aman(k)}={chr(34)}{aman(v)}{chr(34)}" for k, v in (kw or {}).items())}'
        f'{" selected" if selected else ""} value="{aman(value)}">{aman(label)}</option>'
        for value, label, selected, kw in pilihan)


def _berkas(f: Isian, fokus: str, bukti_max_mb: int) -> str:
    """The evidence upload (the generic ``field`` macro's markup: WTForms' attribute order)."""
    fid = aman(f.id)
    galat = f.errors
    described = f"{fid}-bantuan" + (f" {fid}-galat" if galat else "")
    salah = f'<div id="{fid}-galat" class="invalid-feedback d-block">{aman(" ".join(galat))}</div>' if galat else ""
    return (f'<div class="mb-3">\n'
            f'  <label class="form-label" for="{fid}">{aman(f.label)}</label>\n'
            f'  <input accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx" aria-describedby="{described}"'
            f'{" aria-invalid=" + chr(34) + "true" + chr(34) if galat else ""} class="form-control{" is-invalid" if galat else ""}"'
            f'{" data-autofocus" if fokus == f.short_name else ""} id="{fid}" multiple name="{aman(f.name)}" type="file">\n'
            f'  <div id="{fid}-bantuan" class="form-text">Opsional. PDF, JPG, PNG, DOCX, atau XLSX; maksimal '
            f'{bukti_max_mb} MB per berkas.</div>\n  {salah}\n</div>')


NAMA_ISIAN = ("tanggal", "jam_mulai", "jam_selesai", "durasi", "uraian", "volume", "satuan", "rhk", "rencana_aksi",
              "bukti", "tautan_bukti")


def isian_aktivitas(form, fokus: str, hari_ini: date, bukti_max_mb: int) -> Markup:
    """The entry fields of the quick-entry form and of the edit form (``form``: an ``AktivitasForm`` or a
    ``FormulirCepat``)."""
    if isinstance(form, FormulirCepat):
        f, k = form.isian, _kerangka()
        if all(f[n] is k[n] for n in NAMA_TETAP):  # as formulir_cepat builds it: the frame and its options
            ra = len(f["rencana_aksi"].pilihan) > 1
            bagian = _bingkai_cepat(fokus, hari_ini, bukti_max_mb, ra, *(f[n].nilai for n in NILAI_BERSAMA))
            if ra:
                return Markup(bagian[0] + _opsi(f["rhk"].pilihan) + bagian[1] + _opsi(f["rencana_aksi"].pilihan)
                              + bagian[2])
            return Markup(bagian[0] + _opsi(f["rhk"].pilihan) + bagian[1])
    else:
        f = {n: dari_field(form[n]) for n in NAMA_ISIAN}
    return Markup(_isian_html(f, fokus, hari_ini, bukti_max_mb))


def _isian_html(f: dict[str, Isian], fokus: str, hari_ini: date, bukti_max_mb: int, opsi_html: dict | None = None) -> str:
    """The fields ``f`` as markup; ``opsi_html``: the selects' options as given markup (field → str)."""
    opsi_html = opsi_html or {}

    def kolom(nama: str, help: str | None = None, **opsi) -> str:
        if nama in opsi_html:
            opsi["opsi_html"] = opsi_html[nama]
        return isian(f[nama], fokus, help, **opsi)

    rhk_id = aman(f["rhk"].id)
    ra = (kolom("rencana_aksi", help="Opsional: langkah rencana aksi RHK tersebut pada periode ini.")
          if len(f["rencana_aksi"].pilihan) > 1 or "rencana_aksi" in opsi_html else "")
    return (
        f'{kolom("tanggal", type="date", attrs={"max": hari_ini.isoformat()})}\n'
        f'<div class="row g-2">\n'
        f'  <div class="col-4">{kolom("jam_mulai")}</div>\n'
        f'  <div class="col-4">\n'
        f'    {kolom("jam_selesai", wrapper_class="mb-1")}\n'
        f'    <button type="button" class="btn btn-sm btn-link px-0 mb-2" data-sekarang="{aman(f["jam_selesai"].id)}" '
        f'tabindex="-1" hidden>Sekarang</button>\n'
        f'  </div>\n'
        f'  <div class="col-4">{kolom("durasi", help="Pengganti jam selesai.")}</div>\n'
        f'</div>\n'
        f'<p class="form-text mt-0 mb-2">Jam ditulis angka 24 jam: 1130, 11.30, 11:30 atau 9.</p>\n'
        f'{kolom("uraian", help="Apa yang Anda kerjakan, singkat dan jelas.", attrs={"rows": 2})}\n'
        f'<div class="row g-2">\n'
        f'  <div class="col-5">{kolom("volume", attrs={"inputmode": "decimal", "autocomplete": "off"})}</div>\n'
        f'  <div class="col-7">{kolom("satuan", attrs={"list": "satuan-umum", "autocomplete": "off"})}</div>\n'
        f'</div>\n'
        f'<div class="mb-1" data-cari-rhk-wadah hidden>\n'
        f'  <label class="form-label small mb-0" for="{rhk_id}-cari">Cari RHK</label>\n'
        f'  <input class="form-control form-control-sm" type="search" id="{rhk_id}-cari" data-cari-rhk="{rhk_id}" '
        f'autocomplete="off" placeholder="ketik kata dari RHK, Enter memilih">\n'
        f'</div>\n'
        f'{kolom("rhk", help=RHK_BANTUAN, attrs={"data-satuan-untuk": f["satuan"].id})}\n'
        f'{ra}\n'
        f'{_berkas(f["bukti"], fokus, bukti_max_mb)}\n'
        f'{kolom("tautan_bukti", type="url", help=TAUTAN_BANTUAN, attrs={"inputmode": "url", "placeholder": "https://"})}'
    )


@lru_cache(maxsize=1024)
def _bingkai_cepat(fokus: str, hari_ini: date, bukti_max_mb: int, ra: bool, *nilai: str) -> tuple[str, ...]:
    """The quick-entry fields around the options of the RHK select (and of the rencana aksi select when
    ``ra``), for the values everybody shares (``NILAI_BERSAMA``: a date, a time, volume 1, a satuan such as
    "laporan"): the markup before, between and after the options, rendered once per process and values.
    The slots are HTML comments, which user text cannot carry (it is escaped)."""
    f = dict(_kerangka(), **{n: _bernilai(n, v) for n, v in zip(NILAI_BERSAMA, nilai, strict=True)})
    slot = {"rhk": "<!--opsi-rhk-->", "rencana_aksi": "<!--opsi-ra-->"} if ra else {"rhk": "<!--opsi-rhk-->"}
    html = _isian_html(f, fokus, hari_ini, bukti_max_mb, slot)
    bagian = [html]
    for penanda in slot.values():
        bagian[-1:] = bagian[-1].split(penanda)
    if len(bagian) != len(slot) + 1:
        raise AssertionError("penanda opsi muncul lebih dari sekali dalam bingkai isian")
    return tuple(bagian)


NILAI_BERSAMA = ("tanggal", "jam_mulai", "volume", "satuan")  # set by formulir_cepat from the day's defaults
NAMA_TETAP = tuple(n for n in NAMA_ISIAN if n not in NILAI_BERSAMA + ("rhk", "rencana_aksi"))  # always the frame's


RHK_BANTUAN = 'Hasil kerja SKP yang didukung kegiatan ini. Pilih "Tugas dari atasan" untuk pekerjaan di luar SKP.'
TAUTAN_BANTUAN = "Opsional. Misalnya tautan berita di website pemda atau folder dokumentasi."


@dataclass
class FormulirCepat:
    """The quick-entry form of a day view, without WTForms (a GET shows it empty: nothing to validate).
    What the template asks of a form: ``csrf_token``, ``errors``, ``fokus()``; the fields in ``isian``."""

    isian: dict[str, Isian]
    csrf_token: Markup
    errors: dict = field(default_factory=dict)

    def fokus(self, default: str = "jam_selesai") -> str:
        return default


@lru_cache(maxsize=1024)
def _bernilai(nama: str, nilai: str) -> Isian:
    """The frame's field ``nama`` with a value everybody shares (an ``Isian`` is frozen: one per value)."""
    return _dengan(_kerangka()[nama], nilai=nilai)


@lru_cache(maxsize=1)
def _kerangka() -> dict[str, Isian]:
    """The fields' fixed parts (ids, names, labels, required, maxlength, render_kw), read once per process
    from ``AktivitasForm`` itself so the two can never disagree."""
    from kinerja.aktivitas.forms import AktivitasForm

    form = AktivitasForm(formdata=None, meta={"csrf": False})
    return {n: dari_field(form[n]) for n in NAMA_ISIAN}


def formulir_cepat(data: dict, rhk_opsi: list[tuple], ra_opsi: list[tuple], token: str) -> FormulirCepat:
    """``data``: ``queries.entry_defaults``; ``rhk_opsi``/``ra_opsi``: the select choices (``forms.rhk_opsi``,
    ``forms.rencana_aksi_opsi``); ``token``: the CSRF token."""
    k = _kerangka()
    rhk = data.get("rhk")

    def pilih(opsi, terpilih):
        return tuple((o[0], o[1], o[0] == terpilih, o[2] if len(o) > 2 else None) for o in opsi)

    isian_ = dict(k, tanggal=_bernilai("tanggal", data["tanggal"].isoformat()),
                  jam_mulai=_bernilai("jam_mulai", jam(data["jam_mulai"])),
                  volume=_bernilai("volume", str(data["volume"])), satuan=_bernilai("satuan", data.get("satuan") or ""),
                  rhk=_dengan(k["rhk"], pilihan=pilih(rhk_opsi, rhk)),
                  rencana_aksi=_dengan(k["rencana_aksi"], pilihan=pilih(ra_opsi, None)))
    return FormulirCepat(isian_, Markup(f'<input id="csrf_token" name="csrf_token" type="hidden" value="{aman(token)}">'))


# ------------------------------------------------------------------ the legend


LEGENDA_HARI = ("Draft", "Diajukan", "Dikembalikan", "Disetujui", "Cuti", "Dinas Luar", "Sakit", "Tugas Belajar")


def legenda_hari() -> Markup:
    """The day view's legend (``_macros/legenda.html``): the same on every day view, so it is rendered once per
    loaded template — unless templates reload (development), when it is rendered every time."""
    return _macro_tetap("_macros/legenda.html", "legenda", LEGENDA_HARI)


# ------------------------------------------------------------------ the tabs and the day's heading


def _tetap(bangun, *args) -> Markup:
    """``bangun(*args)``, remembered per app, script root (the addresses in it) and arguments: markup that
    depends on nothing else — plain values only, so every input is in the key (``konteks.ingat``)."""
    req = permintaan()
    kunci = (bangun.__name__, req.root_path if req is not None else "", args)
    return ingat("kinerja.aktivitas.tetap", kunci, BATAS_TETAP, bangun, *args)


BATAS_TETAP = 4096
TAB = (("aktivitas.index", "Hari"), ("aktivitas.minggu", "Minggu"), ("aktivitas.bulan", "Bulan"))


def tab(aktif: str, pegawai_id: int | None = None) -> Markup:
    """The Hari/Minggu/Bulan tabs, ``aktif`` marked; on one's own log (``pegawai_id`` None) also the links to
    Rencana Aksi and Cuti & Dinas Luar.  The same on every page of a kind: remembered (``_tetap``)."""
    return _tetap(_tab, aktif, pegawai_id)


def _tab(aktif: str, pegawai_id: int | None) -> Markup:
    query = {"pegawai": pegawai_id} if pegawai_id is not None else {}
    items = "".join(
        f'    <li class="nav-item"><a class="nav-link{" active" if endpoint == aktif else ""}"'
        f'{" aria-current=" + chr(34) + "page" + chr(34) if endpoint == aktif else ""}\n'
        f'       href="{aman(alamat(endpoint, **query))}">{label}</a></li>\n'
        for endpoint, label in TAB)
    lain = "" if query else (
        f'    <li class="nav-item ms-sm-auto"><a class="nav-link" href="{aman(alamat("rencana_aksi.index"))}">Rencana Aksi</a></li>\n'
        f'    <li class="nav-item"><a class="nav-link" href="{aman(alamat("ketidakhadiran.index"))}">Cuti &amp; Dinas Luar</a></li>\n')
    return Markup(f'<nav aria-label="Tampilan aktivitas" class="mb-3">\n'
                  f'  <ul class="nav nav-pills nav-aktivitas">\n{items}{lain}  </ul>\n</nav>')


class Hari(NamedTuple):
    """What the day view's heading shows of a day: ``pegawai_id`` is the pegawai whose log a supervisor
    views (None: one's own); ``batas`` the last day it can be filled in."""

    tanggal: date
    hari_ini: date
    pegawai_id: int | None
    hari_kerja: bool
    absen_hari: str | None
    masa_depan: bool
    bisa_isi: bool
    batas: date


def kepala_hari(hari: Hari) -> Markup:
    """The day view's tabs, day navigation (previous, a date picker, next, today), the date with its badges,
    and until when the day can be filled in.  The same for everybody with the same day, deadline and
    calendar: remembered (``_tetap``)."""
    return _tetap(_kepala_hari, hari)


def _kepala_hari(hari: Hari) -> Markup:
    tanggal, hari_ini, pegawai_id, hari_kerja, absen_hari, masa_depan, bisa_isi, batas = hari
    query = {"pegawai": pegawai_id} if pegawai_id is not None else {}
    sebelumnya, berikutnya = tanggal - timedelta(days=1), tanggal + timedelta(days=1)
    u = aman(alamat("aktivitas.index"))
    pegawai = f'<input type="hidden" name="pegawai" value="{pegawai_id}">' if pegawai_id is not None else ""
    hari_ini_tautan = (f'<a class="btn btn-link" href="{aman(alamat("aktivitas.index", **query))}">Hari ini</a>'
                       if tanggal != hari_ini else "")
    libur = f"  {_macro_tetap('_macros/ui.html', 'badge', 'Hari libur / akhir pekan', 'warning')}\n" if not hari_kerja else ""
    absen, absen_p = "", ""
    if absen_hari:
        a = aman(absen_hari)
        absen = f'  <span class="badge text-bg-info">{aman(LEGENDA[absen_hari][0])} {a}</span>\n'
        lanjut = ("; pekerjaan selama dinas luar tetap dapat dicatat dan dihitung" if absen_hari == "Dinas Luar"
                  else "; aktivitas tidak dapat dicatat pada hari ini")
        absen_p = f'<p class="small mb-1">{a} disetujui: bukan hari wajib mengisi aktivitas{lanjut}.</p>\n'
    panjang = "EEEE, d MMMM yyyy"
    if masa_depan:
        batas_teks = "Tanggal ini belum tiba; aktivitas belum dapat dicatat."
    elif bisa_isi:
        batas_teks = f"Dapat diisi dan diajukan sampai {aman(format_tanggal(batas, panjang))}."
    else:
        batas_teks = f"Batas pengisian berakhir {aman(format_tanggal(batas, panjang))}."
    libur_teks = " Aktivitas pada hari libur tetap boleh dicatat dan akan ditandai." if not hari_kerja and not masa_depan else ""
    return Markup(
        f'{_tab("aktivitas.index", pegawai_id)}\n'
        f'<div class="d-flex flex-wrap align-items-end gap-2 mb-3">\n'
        f'  <a class="btn btn-outline-secondary" href="{aman(alamat("aktivitas.index", tanggal=sebelumnya.isoformat(), **query))}" '
        f'aria-label="Hari sebelumnya, {aman(format_tanggal(sebelumnya))}">&larr;</a>\n'
        f'  <form method="get" action="{u}" class="d-flex align-items-end gap-2"\n'
        f'        hx-get="{u}" hx-target="#hari-aktivitas" hx-push-url="true">\n'
        f'    {pegawai}\n'
        f'    <div>\n'
        f'      <label class="form-label small mb-0" for="pilih-tanggal">Pilih hari</label>\n'
        f'      <input class="form-control" type="date" id="pilih-tanggal" name="tanggal" value="{tanggal.isoformat()}">\n'
        f'    </div>\n'
        f'    <button type="submit" class="btn btn-outline-primary">Tampilkan</button>\n'
        f'  </form>\n'
        f'  <a class="btn btn-outline-secondary" href="{aman(alamat("aktivitas.index", tanggal=berikutnya.isoformat(), **query))}" '
        f'aria-label="Hari berikutnya, {aman(format_tanggal(berikutnya))}">&rarr;</a>\n'
        f'  {hari_ini_tautan}\n'
        f'</div>\n'
        f'<h2 class="h5 mb-1">{aman(format_tanggal(tanggal, panjang))}\n{libur}{absen}</h2>\n'
        f'{absen_p}'
        f'<p class="small text-body-secondary mb-3">{batas_teks}{libur_teks}</p>'
    )
