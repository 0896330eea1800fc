from flask import Blueprint

bp = Blueprint("notifikasi", __name__, url_prefix="/notifikasi")

from kinerja.notifikasi import views  # noqa: E402,F401
