"""Aktivitas harian: the daily work log (C2)."""

import importlib
import importlib.util

from flask import Blueprint

from kinerja import navigasi

bp = Blueprint("aktivitas", __name__, url_prefix="/aktivitas")

navigasi.register("Aktivitas Harian", "aktivitas.index", lambda user: getattr(user, "pegawai_id", None) is not None,
                  "/aktivitas")


def _register_hooks() -> None:
    """Tell SKP how many entries use an RHK, and add the home-page panel."""
    from kinerja.aktivitas.panel import panel_beranda
    from kinerja.aktivitas.queries import rhk_usage_count
    from kinerja.beranda.services import PANELS

    if panel_beranda not in PANELS:
        PANELS.append(panel_beranda)
    if importlib.util.find_spec("kinerja.skp.services") is not None:
        skp_services = importlib.import_module("kinerja.skp.services")
        checks = getattr(skp_services, "RHK_USAGE_CHECKS", None)
        if checks is not None and rhk_usage_count not in checks:
            checks.append(rhk_usage_count)


_register_hooks()

from kinerja.aktivitas import views  # noqa: E402,F401
