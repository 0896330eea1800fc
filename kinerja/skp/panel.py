"""The SKP panel on the beranda: my SKP for this year, and what waits for my approval."""

from __future__ import annotations

from kinerja.beranda.services import Panel
from kinerja.skp import tim
from kinerja.skp.permissions import can_use_tim
from kinerja.waktu import today_local


def panel_beranda(actor) -> Panel | None:
    if not can_use_tim(actor):
        return None
    tahun = today_local().year
    ringkasan = tim.ringkasan_beranda(actor, tahun)
    return Panel("skp/partials/_panel_beranda.html", {
        "tahun": tahun,
        "pegawai": actor.pegawai_id is not None,
        "skp": ringkasan.skp,
        "menunggu": ringkasan.menunggu,
        "tahun_menunggu": ringkasan.tahun_menunggu,
        "admin": actor.pegawai_id is None,
    })
