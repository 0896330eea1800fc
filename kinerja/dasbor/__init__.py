"""Dasbor & rekap (C7): figures per unit subtree for pimpinan and the admin, Excel recaps, and the
optional public "Kinerja Organisasi" page."""

from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("dasbor", __name__, url_prefix="/dasbor")


def init_app(app: Flask) -> None:
    from kinerja.dasbor.cli import rekap
    from kinerja.dasbor.permissions import can_use_dasbor
    from kinerja.dasbor.publik import bp as publik_bp

    app.register_blueprint(bp)
    # The public page (no login) lives in its own blueprint, like /v/<kode>.
    app.register_blueprint(publik_bp)
    kait.add_nav(app, "Dasbor", "dasbor.index", can_use_dasbor, "/dasbor")
    app.cli.add_command(rekap)


from kinerja.dasbor import views  # noqa: E402,F401
