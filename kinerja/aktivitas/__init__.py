"""Aktivitas harian: the daily work log (C2)."""

from flask import Blueprint

bp = Blueprint("aktivitas", __name__, url_prefix="/aktivitas")

from kinerja.aktivitas import views  # noqa: E402,F401
