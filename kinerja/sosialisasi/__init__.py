"""Sesi sosialisasi/bimtek (C11): leaders or the admin schedule sessions and record attendance."""

from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("sosialisasi", __name__, url_prefix="/sosialisasi")


def _beranda_panel(actor):
    from kinerja.beranda.services import Panel
    from kinerja.sosialisasi.queries import sesi_mendatang

    items = sesi_mendatang(actor)
    return Panel("sosialisasi/partials/_panel_beranda.html", {"items": items}) if items else None


def init_app(app: Flask) -> None:
    from kinerja.demo import sosialisasi as demo

    app.register_blueprint(bp)
    kait.add_panel(app, _beranda_panel)
    kait.add_admin_menu(app, "sosialisasi.index", "Sesi Sosialisasi",
                        "Jadwalkan sosialisasi atau bimtek, catat kehadiran, lihat kehadiran per unit.")
    kait.add_demo_step(app, 51, demo.load_sesi)


from kinerja.sosialisasi import views  # noqa: E402,F401
