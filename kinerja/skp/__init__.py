"""SKP: yearly performance plans (C4)."""

from flask import Blueprint

from kinerja import navigasi

bp = Blueprint("skp", __name__, url_prefix="/skp")

navigasi.register("SKP", "skp.index", lambda user: getattr(user, "pegawai_id", None) is not None, "/skp")

from kinerja.skp import panel, views  # noqa: E402,F401

panel.register()
