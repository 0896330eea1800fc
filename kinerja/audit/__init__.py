from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    kait.add_admin_menu(app, "audit.daftar", "Jejak Audit",
                        "Semua perubahan data, masuk/keluar, dan percobaan masuk yang gagal.")


from kinerja.audit import views  # noqa: E402,F401
