"""The SKP panel on the beranda: my SKP for this year, and what waits for my approval."""

from __future__ import annotations

from kinerja.beranda.services import Panel
from kinerja.skp import services, tim
from kinerja.skp.permissions import can_use_tim
from kinerja.waktu import today_local


def panel_beranda(actor) -> Panel | None:
    if not can_use_tim(actor):
        return None
    tahun = today_local().year
    return Panel("skp/partials/_panel_beranda.html", {
        "tahun": tahun,
        "pegawai": actor.pegawai_id is not None,
        "skp": services.skp_tahun(actor, tahun),
        "menunggu": (menunggu := tim.menunggu_persetujuan(actor)),
        "tahun_menunggu": tim.tahun_menunggu(actor) if menunggu else None,
        "admin": actor.pegawai_id is None,
    })
