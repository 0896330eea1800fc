from flask import Blueprint

bp = Blueprint("akun", __name__)

from kinerja.akun import views  # noqa: E402,F401
