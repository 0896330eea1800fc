from flask import Blueprint

from kinerja import navigasi

bp = Blueprint("beranda", __name__)

navigasi.register("Beranda", "beranda.index", lambda user: True, "/")

from kinerja.beranda import views  # noqa: E402,F401
