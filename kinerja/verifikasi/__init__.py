"""Verifikasi & umpan balik: the atasan's inbox (C3)."""

from flask import Blueprint

bp = Blueprint("verifikasi", __name__, url_prefix="/verifikasi")

from kinerja.verifikasi import views  # noqa: E402,F401
