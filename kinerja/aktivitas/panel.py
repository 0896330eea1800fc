"""The aktivitas panel on the home page (kinerja.beranda.services.PANELS)."""

from __future__ import annotations

from kinerja.aktivitas import queries
from kinerja.beranda.services import Panel
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
