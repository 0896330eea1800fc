"""The SKP panel on the beranda: my SKP for this year, and what waits for my approval."""

from __future__ import annotations

from kinerja.beranda.services import Panel
from kinerja.organisasi.permissions import is_admin
from kinerja.skp import services, tim
from kinerja.waktu import today_local


def panel_beranda(actor) -> Panel | None:
    if getattr(actor, "pegawai_id", None) is None and not is_admin(actor):
        return None
    tahun = today_local().year
    return Panel("skp/partials/_panel_beranda.html", {
        "tahun": tahun,
        "pegawai": actor.pegawai_id is not None,
        "skp": services.skp_tahun(actor, tahun),
        "menunggu": tim.menunggu_persetujuan(actor),
        "admin": actor.pegawai_id is None,
    })
