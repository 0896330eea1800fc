"""The verification inbox table's body, written in Python: one row per entry, and the pegawai and day
headers that group them.

The inbox is the atasan's busiest page and renders up to ~50 of these rows; through a Jinja macro a
row cost about 25 escape calls and attribute lookups, more than a third of the page's server time
(issue #17).  Here a row is one f-string: every text that comes from users (names, descriptions, file
names, links) goes through ``aman`` (``kinerja.teks_aman``: ``escape`` as a str); the rest are ids,
dates and fixed words.  The status badge is rendered by the template (``_macros/status.html``) and
passed in, so colours stay in one place.  The tests in tests/unit/test_verifikasi_tabel.py pin the
escaping.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from functools import lru_cache
from operator import attrgetter

from markupsafe import Markup

from kinerja.format import durasi_panjang
from kinerja.konteks import ingat
from kinerja.nip import format_nip
from kinerja.teks_aman import aman
from kinerja.verifikasi.queries import BarisInbox, GrupPegawai
from kinerja.waktu import tanggal


@lru_cache(maxsize=512)
def tanggal_cepat(value: date, fmt: str) -> str:
    """Babel's date formatting, remembered: the inbox shows the same few days on every request."""
    return tanggal(value, fmt)


def grup(g: GrupPegawai, u: str, qs: str, ub: str, lencana: str) -> Markup:
    """The ``<tbody>`` elements of one pegawai on the page: his header, then for each day its header and
    one ``<tbody>`` per entry (the htmx swap target of the entry).  Arguments as for ``baris``."""
    pid = g.pegawai_id
    bagian = [
        f'<tbody class="kepala-pegawai">\n  <tr>\n    <th scope="colgroup" colspan="10">\n'
        f'      <input class="form-check-input me-1" type="checkbox" id="pilih-pegawai-{pid}" data-pilih-pegawai="{pid}">\n'
        f'      <label for="pilih-pegawai-{pid}">{aman(g.nama)}</label>\n'
        f'      <span class="small fw-normal text-body-secondary">NIP {aman(format_nip(g.nip))} · {aman(g.jabatan or "–")}'
        f' · {g.jumlah} aktivitas</span>\n    </th>\n  </tr>\n</tbody>'
    ]
    for h in g.hari:
        kunci = h.kunci
        bagian.append(
            f'<tbody class="kepala-hari">\n  <tr>\n    <td></td>\n    <td colspan="9">\n'
            f'      <input class="form-check-input me-1" type="checkbox" id="pilih-hari-{kunci}" data-pilih-hari="{kunci}">\n'
            f'      <label for="pilih-hari-{kunci}">{aman(tanggal_cepat(h.tanggal, "EEEE, d MMMM yyyy"))}</label>\n'
            f'      <span class="small text-body-secondary">· {len(h.entri)} aktivitas, {durasi_panjang(h.total_menit)}</span>\n'
            f'    </td>\n  </tr>\n</tbody>')
        bagian.extend(f'<tbody id="aktivitas-{r.id}" class="entri">\n{baris(r, u, qs, ub, lencana)}\n</tbody>'
                      for r in h.entri)
    return Markup("\n".join(bagian))


def _bukti(r: BarisInbox, ub: str) -> str:
    links = [f'<a class="bukti-ringkas" href="{ub}{bid}">{aman(nama)}</a>' for bid, nama in r.bukti]
    if r.tautan_bukti:
        links.append(f'<a href="{aman(r.tautan_bukti)}" rel="noopener noreferrer nofollow" target="_blank" '
                     'title="Tautan bukti (membuka tab baru)">Tautan</a>')
    return " ".join(links) if links else '<span class="text-body-secondary">–</span>'


BATAS_BARIS = 4096  # rows remembered per process (~1.5 KB each); forgotten all at once when full
_ISI_BARIS = attrgetter(*(f.name for f in fields(BarisInbox)))  # every field of the row, in one call


def baris(r: BarisInbox, u: str, qs: str, ub: str, lencana: str) -> Markup:
    """The ``<tr>`` of entry ``r``.  ``u``: the blueprint's URL prefix ("/verifikasi/"); ``qs``: the
    inbox filter as a query string (kept by every action); ``ub``: the evidence download prefix;
    ``lencana``: the status badge (Markup).

    Remembered per process (``konteks.ingat``; not in debug) under every field of the row and every
    argument: the inbox opened again, or after one row was approved, shows the rows it showed before."""
    kunci = (_ISI_BARIS(r), u, qs, ub, str(lencana))
    return ingat("kinerja.verifikasi.baris", kunci, BATAS_BARIS, _baris, r, u, qs, ub, lencana)


def _baris(r: BarisInbox, u: str, qs: str, ub: str, lencana: str) -> Markup:
    i = r.id
    a = f"{u}aktivitas/{i}"
    qs = aman(qs)
    nama = aman(r.pegawai_nama)
    uraian = aman(r.uraian)
    if r.status == "Diajukan":
        pilih = (f'<input class="form-check-input" type="checkbox" form="form-terpilih" name="ids" value="{i}" '
                 f'id="pilih-{i}" data-group="aktivitas" data-hari="{r.kunci}" aria-label="Pilih {nama} {r.jam}">')
        aksi = (f'<button type="submit" class="btn btn-success btn-sm" form="form-terpilih" formaction="{a}/setujui{qs}" '
                f'name="a{i}-versi" value="{r.versi}" hx-post="{a}/setujui{qs}" hx-vals=\'{{"tampilan": "tabel"}}\' '
                f'aria-describedby="uraian-{i}">Setujui</button>\n'
                f'    <a class="btn btn-outline-secondary btn-sm" data-periksa href="{a}" hx-get="{a}/formulir{qs}" '
                f'aria-describedby="uraian-{i}">Periksa</a>')
    else:
        pilih = ""
        catatan = f": {aman(r.catatan_verifikasi)}" if r.catatan_verifikasi else ""
        aksi = (f'<span class="small text-wrap">{aman(r.status)} oleh {aman(r.diverifikasi_oleh or "–")}{catatan}</span>\n'
                f'    <a class="small" href="{a}" aria-describedby="uraian-{i}">Detail</a>')
    return Markup(
        f'<tr data-baris="{i}" class="baris-entri">\n'
        f'  <td class="kolom-pilih">{pilih}</td>\n'
        f'  <td class="kolom-pegawai"><span class="nama-ringkas" title="{nama}">{nama}</span></td>\n'
        f'  <td class="kolom-tanggal text-nowrap">{r.tgl}</td>\n'
        f'  <td class="kolom-jam text-nowrap">{r.jam}</td>\n'
        f'  <td class="kolom-uraian"><span class="uraian-ringkas" id="uraian-{i}" title="{uraian}">{uraian}</span></td>\n'
        f'  <td class="kolom-output text-nowrap">{aman(r.output)}</td>\n'
        f'  <td class="kolom-rhk"><span class="rhk-ringkas">{aman(r.rhk)}</span></td>\n'
        f'  <td class="kolom-bukti">{_bukti(r, ub)}</td>\n'
        f'  <td class="kolom-status">{lencana}</td>\n'
        f'  <td class="kolom-aksi text-nowrap">\n    {aksi}\n  </td>\n'
        f'</tr>'
    )
