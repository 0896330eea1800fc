"""Verifikasi & umpan balik: the atasan's inbox (C3)."""

from flask import Blueprint

from kinerja import navigasi

bp = Blueprint("verifikasi", __name__, url_prefix="/verifikasi")


def _nav_visible(user) -> bool:
    from kinerja.verifikasi.permissions import user_is_verifikator

    return user_is_verifikator(user)


navigasi.register("Verifikasi", "verifikasi.index", _nav_visible, "/verifikasi")


def _panel_beranda(actor):
    from kinerja.beranda.services import Panel
    from kinerja.verifikasi.queries import panel

    data = panel(actor)
    return Panel("verifikasi/_panel_beranda.html", {"panel": data}) if data is not None else None


def _register_panel() -> None:
    from kinerja.beranda.services import PANELS

    if _panel_beranda not in PANELS:
        PANELS.append(_panel_beranda)


_register_panel()

from kinerja.verifikasi import views  # noqa: E402,F401
