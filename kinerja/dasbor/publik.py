"""The optional public "Kinerja Organisasi" page (/kinerja-organisasi, no login).

Organisation level only, never a person: per unit the capaian kinerja organisasi of each period,
and the dinas-wide logging and feedback figures of the last complete month.  Off (404) until the
admin switches it on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from flask import Blueprint, abort, current_app, render_template
from sqlalchemy import select

from kinerja.dasbor import queries, rules
from kinerja.extensions import db
from kinerja.laporan.rules import label_periode
from kinerja.models import CapaianOrganisasi, Periode, UnitKerja
from kinerja.waktu import today_local

bp = Blueprint("dasbor_publik", __name__)


class _Sistem:
    """The page reads as the admin would, but shows only organisation-level figures."""

    is_authenticated = True
    is_admin = True
    pegawai_id = None


@dataclass
class AngkaPublik:
    label_bulan: str
    kepatuhan: str
    median: str
    p90: str
    diverifikasi: int
    jumlah_pegawai: int


def capaian_per_periode() -> tuple[list[Periode], list[tuple[str, dict[int, str]]]]:
    """Periods that have any capaian set, and per unit (top-level units first) the capaian per period."""
    rows = db.session.execute(
        select(CapaianOrganisasi.periode_id, CapaianOrganisasi.capaian, UnitKerja.nama)
        .join(UnitKerja, CapaianOrganisasi.unit_id == UnitKerja.id).where(UnitKerja.aktif.is_(True))
        .order_by(UnitKerja.induk_id.is_not(None), UnitKerja.nama)
    ).all()
    periode_ids = {r.periode_id for r in rows}
    periodes = list(db.session.execute(
        select(Periode).where(Periode.id.in_(periode_ids)).order_by(Periode.tanggal_mulai, Periode.urutan)
    ).scalars()) if periode_ids else []
    per_unit: dict[str, dict[int, str]] = {}
    for r in rows:
        per_unit.setdefault(r.nama, {})[r.periode_id] = r.capaian
    return periodes, list(per_unit.items())


def angka_dinas() -> list[AngkaPublik]:
    """Kept per process for ``PUBLIK_CACHE_DETIK`` seconds (default 10 minutes): an anonymous page
    must not make every visitor pay for a whole-dinas computation."""
    detik = current_app.config.get("PUBLIK_CACHE_DETIK", 600)
    simpanan = current_app.extensions.setdefault("kinerja.dasbor.publik", {})
    kunci = today_local().isoformat()
    if detik and kunci in simpanan and time.monotonic() - simpanan[kunci][0] < detik:
        return simpanan[kunci][1]
    hasil = _hitung_angka_dinas()
    if detik:
        simpanan.clear()
        simpanan[kunci] = (time.monotonic(), hasil)
    return hasil


def _hitung_angka_dinas() -> list[AngkaPublik]:
    hari_ini = today_local()
    c = queries.cakupan(_Sistem())
    tahun, bulan = rules.geser_bulan(hari_ini.year, hari_ini.month, -1)
    hasil = []
    for akar in c.akar:
        d = queries.dasbor_bulan(c, akar, tahun, bulan, hari_ini)
        hasil.append(AngkaPublik(label_periode(tahun, bulan), rules.format_persen(d.total.kepatuhan),
                                 rules.format_jam(d.median_jam), rules.format_jam(d.p90_jam), d.diverifikasi,
                                 d.total.jumlah_pegawai))
    return hasil


@bp.get("/kinerja-organisasi")
def kinerja_organisasi():
    inst = queries.instansi()
    if inst is None or not inst.halaman_publik:
        abort(404)
    periodes, capaian = capaian_per_periode()
    return render_template("dasbor/publik.html", title="Kinerja Organisasi", periodes=periodes, capaian=capaian,
                           angka=angka_dinas(), definisi=rules.DEFINISI)
