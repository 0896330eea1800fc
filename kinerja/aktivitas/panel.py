"""The aktivitas panel on the home page (kinerja.beranda.services.PANELS)."""

from __future__ import annotations

from sqlalchemy import select

from kinerja.aktivitas import queries
from kinerja.beranda.services import Panel
from kinerja.extensions import db
from kinerja.models import Aktivitas
from kinerja.waktu import today_local


def panel_beranda(actor) -> Panel | None:
    """Today's logged minutes and entries, this month's progress, a link to the day view."""
    pegawai_id = getattr(actor, "pegawai_id", None)
    if pegawai_id is None:
        return None
    atur = queries.pengaturan()
    today = today_local(atur.zona_waktu)
    bulan = queries.month_summary(pegawai_id, today.year, today.month)
    hari = bulan.per_hari.get(today, queries.RingkasanHari())
    return Panel("aktivitas/partials/_panel_beranda.html", {
        "menit_hari_ini": hari.total, "jumlah_hari_ini": hari.jumlah,
        "progres": queries.progress_bulan(pegawai_id, today, atur, ringkas=bulan),
    })


PERLU_DIPERBAIKI_TAMPIL = 5


def panel_perlu_diperbaiki(actor) -> Panel | None:
    """"Perlu diperbaiki": the pegawai's returned entries (newest first) with the atasan's note and a
    link to each; one query, whatever the number of entries."""
    pegawai_id = getattr(actor, "pegawai_id", None)
    if pegawai_id is None:
        return None
    rows = db.session.execute(
        select(Aktivitas.id, Aktivitas.tanggal, Aktivitas.uraian, Aktivitas.catatan_verifikasi)
        .where(Aktivitas.pegawai_id == pegawai_id, Aktivitas.status == "Dikembalikan")
        .order_by(Aktivitas.tanggal.desc(), Aktivitas.id.desc()).limit(PERLU_DIPERBAIKI_TAMPIL + 1)
    ).all()
    if not rows:
        return None
    return Panel("aktivitas/partials/_panel_perlu_diperbaiki.html", {
        "entri": rows[:PERLU_DIPERBAIKI_TAMPIL], "lebih": len(rows) > PERLU_DIPERBAIKI_TAMPIL})
