"""Tahun Kinerja and evaluation periods (admin)."""

from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("periode", __name__, url_prefix="/admin/tahun-kinerja")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    kait.add_admin_menu(app, "periode.index", "Tahun Kinerja",
                        "Tahun kinerja, periode evaluasi (semester, triwulan, bulan), dan batas pengisian.")


from kinerja.periode import views  # noqa: E402,F401
