from flask import Blueprint, Flask

bp = Blueprint("akun", __name__)


def init_app(app: Flask) -> None:
    from kinerja.akun.rules import ATURAN_SANDI

    app.register_blueprint(bp)
    app.jinja_env.globals["aturan_sandi"] = ATURAN_SANDI  # the password rules, shown before the first error


from kinerja.akun import views  # noqa: E402,F401
