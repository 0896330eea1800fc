"""Laporan: monthly LKH (form D) and recaps (C7)."""

from flask import Blueprint

from kinerja import navigasi

bp = Blueprint("laporan", __name__, url_prefix="/laporan")


def _nav_visible(user) -> bool:
    return getattr(user, "pegawai_id", None) is not None or bool(getattr(user, "is_admin", False))


navigasi.register("Laporan", "laporan.index", _nav_visible, "/laporan")

from kinerja.laporan import views  # noqa: E402,F401
