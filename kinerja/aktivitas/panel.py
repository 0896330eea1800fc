"""The aktivitas panels on the home page (kinerja.beranda): today and this month, and "Perlu diperbaiki"."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Date, Integer, Text, bindparam, case, func, literal, select, union_all

from kinerja import kalender
from kinerja.aktivitas import queries, rules
from kinerja.beranda.services import Panel
from kinerja.extensions import baris, db
from kinerja.kalender import rules as kalender_rules
from kinerja.models import Aktivitas
from kinerja.percache import known, remember
from kinerja.waktu import today_local

PERLU_DIPERBAIKI_TAMPIL = 5


def panel_beranda(actor) -> Panel | None:
    """Today's logged minutes and entries, this month's progress, a link to the day view."""
    pegawai_id = getattr(actor, "pegawai_id", None)
    if pegawai_id is None:
        return None
    atur = queries.pengaturan()
    today = today_local(atur.zona_waktu)
    dari, sampai = kalender_rules.month_bounds(today.year, today.month)
    rows = baris(_panel_stmt(PERLU_DIPERBAIKI_TAMPIL + 1), {
        "pegawai_id": pegawai_id, "hari_ini": today, "dari": dari, "sampai": sampai}).all()
    angka = next(row for row in rows if row.k == "R")
    dikembalikan = sorted((queries.Dikembalikan(row.id, row.tanggal, row.uraian, row.catatan) for row in rows
                           if row.k == "K"), key=lambda d: (d.tanggal, d.id), reverse=True)
    remember(f"aktivitas_dikembalikan:{pegawai_id}", dikembalikan)  # for "Perlu diperbaiki" below
    bulan = queries.RingkasanBulan(tahun=today.year, bulan=today.month, disetujui=angka.disetujui,
                                   diajukan=angka.diajukan)
    return Panel("aktivitas/partials/_panel_beranda.html", {
        "menit_hari_ini": angka.menit_hari_ini, "jumlah_hari_ini": angka.jumlah_hari_ini,
        "progres": queries.progress_bulan(pegawai_id, today, atur, kal=kalender.kalender_rentang(pegawai_id, dari, sampai),
                                          ringkas=bulan),
    })


@lru_cache(maxsize=2)
def _panel_stmt(batas: int):
    """One statement, built once per process: the figures the panel shows summed by the database (one row
    tagged R: today's minutes and entries, the month's approved and pending minutes) and the newest
    returned entries (at most ``batas``, any month; rows tagged K).  Parameters: pegawai_id, hari_ini,
    dari and sampai (the month)."""
    hari_ini = Aktivitas.tanggal == bindparam("hari_ini")

    def menit(kondisi):
        return func.coalesce(func.sum(case((kondisi, Aktivitas.durasi_menit), else_=0)), 0)

    nol = literal(None, Integer)
    angka = (select(literal("R").label("k"), menit(hari_ini).label("menit_hari_ini"),
                    func.count(case((hari_ini, Aktivitas.id))).label("jumlah_hari_ini"),
                    menit(Aktivitas.status == rules.DISETUJUI).label("disetujui"),
                    menit(Aktivitas.status == rules.DIAJUKAN).label("diajukan"),
                    nol.label("id"), literal(None, Date).label("tanggal"), literal(None, Text).label("uraian"),
                    literal(None, Text).label("catatan"))
             .where(Aktivitas.pegawai_id == bindparam("pegawai_id"),
                    Aktivitas.tanggal.between(bindparam("dari"), bindparam("sampai"))))
    kembali = (select(literal("K"), nol, nol, nol, nol, Aktivitas.id, Aktivitas.tanggal, Aktivitas.uraian,
                      Aktivitas.catatan_verifikasi)
               .where(Aktivitas.pegawai_id == bindparam("pegawai_id"), Aktivitas.status == rules.DIKEMBALIKAN)
               .order_by(Aktivitas.tanggal.desc(), Aktivitas.id.desc()).limit(batas).subquery())
    return union_all(angka, select(*kembali.c))


def panel_perlu_diperbaiki(actor) -> Panel | None:
    """"Perlu diperbaiki": the pegawai's returned entries (newest first) with the atasan's note and a
    link to each; no query of its own after the aktivitas panel (its one statement brings them)."""
    pegawai_id = getattr(actor, "pegawai_id", None)
    if pegawai_id is None:
        return None
    rows = known(f"aktivitas_dikembalikan:{pegawai_id}")
    if rows is None:  # the aktivitas panel did not run first
        rows = db.session.execute(
            select(Aktivitas.id, Aktivitas.tanggal, Aktivitas.uraian, Aktivitas.catatan_verifikasi)
            .where(Aktivitas.pegawai_id == pegawai_id, Aktivitas.status == rules.DIKEMBALIKAN)
            .order_by(Aktivitas.tanggal.desc(), Aktivitas.id.desc()).limit(PERLU_DIPERBAIKI_TAMPIL + 1)
        ).all()
    if not rows:
        return None
    return Panel("aktivitas/partials/_panel_perlu_diperbaiki.html", {
        "entri": rows[:PERLU_DIPERBAIKI_TAMPIL], "lebih": len(rows) > PERLU_DIPERBAIKI_TAMPIL})
