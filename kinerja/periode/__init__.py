"""Tahun Kinerja and evaluation periods (admin)."""

from flask import Blueprint

bp = Blueprint("periode", __name__, url_prefix="/admin/tahun-kinerja")

from kinerja.periode import views  # noqa: E402,F401
