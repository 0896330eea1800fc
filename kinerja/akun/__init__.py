from flask import Blueprint, Flask

bp = Blueprint("akun", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


from kinerja.akun import views  # noqa: E402,F401
