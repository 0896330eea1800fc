"""Laporan: monthly LKH (form D) and recaps (C7)."""

from flask import Blueprint

bp = Blueprint("laporan", __name__, url_prefix="/laporan")

from kinerja.laporan import views  # noqa: E402,F401
