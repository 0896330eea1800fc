"""The beranda panel: what waits for me in evaluasi (realisasi, rating, signatures, keberatan)."""

from __future__ import annotations

from kinerja.beranda.services import Panel
from kinerja.evaluasi.permissions import can_use_evaluasi
from kinerja.evaluasi.queries import menunggu_saya


def panel_beranda(actor) -> Panel | None:
    if not can_use_evaluasi(actor):
        return None
    menunggu = menunggu_saya(actor)
    if menunggu.kosong:
        return None
    return Panel("evaluasi/partials/_panel_beranda.html", {"menunggu": menunggu})
