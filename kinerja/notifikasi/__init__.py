from flask import Blueprint, Flask

bp = Blueprint("notifikasi", __name__, url_prefix="/notifikasi")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


from kinerja.notifikasi import views  # noqa: E402,F401
