"""The aktivitas panel on the home page (kinerja.beranda.services.PANELS)."""

from __future__ import annotations

from sqlalchemy import select

from kinerja.aktivitas import queries
from kinerja.beranda.services import Panel
from kinerja.extensions import db
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
    bulan, dikembalikan = queries.month_summary_dan_dikembalikan(pegawai_id, today.year, today.month,
                                                                 PERLU_DIPERBAIKI_TAMPIL + 1)
    remember(f"aktivitas_dikembalikan:{pegawai_id}", dikembalikan)  # for "Perlu diperbaiki" below
    hari = bulan.per_hari.get(today, queries.RingkasanHari())
    return Panel("aktivitas/partials/_panel_beranda.html", {
        "menit_hari_ini": hari.total, "jumlah_hari_ini": hari.jumlah,
        "progres": queries.progress_bulan(pegawai_id, today, atur, ringkas=bulan),
    })


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
            .where(Aktivitas.pegawai_id == pegawai_id, Aktivitas.status == "Dikembalikan")
            .order_by(Aktivitas.tanggal.desc(), Aktivitas.id.desc()).limit(PERLU_DIPERBAIKI_TAMPIL + 1)
        ).all()
    if not rows:
        return None
    return Panel("aktivitas/partials/_panel_perlu_diperbaiki.html", {
        "entri": rows[:PERLU_DIPERBAIKI_TAMPIL], "lebih": len(rows) > PERLU_DIPERBAIKI_TAMPIL})
