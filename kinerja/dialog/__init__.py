"""Dialog kinerja: leaders' meetings with their staff (C6)."""

from flask import Blueprint

bp = Blueprint("dialog", __name__, url_prefix="/dialog")

from kinerja.dialog import views  # noqa: E402,F401
