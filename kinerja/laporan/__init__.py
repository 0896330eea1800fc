"""Laporan: monthly LKH (form D) and recaps (C7)."""

from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("laporan", __name__, url_prefix="/laporan")


def _nav_visible(user) -> bool:
    from kinerja.laporan.permissions import can_use_laporan

    return can_use_laporan(user)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    kait.add_nav(app, "Laporan", "laporan.index", _nav_visible, "/laporan")


from kinerja.laporan import views  # noqa: E402,F401
