from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("beranda", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    kait.add_nav(app, "Beranda", "beranda.index", lambda user: True, "/")


from kinerja.beranda import views  # noqa: E402,F401
