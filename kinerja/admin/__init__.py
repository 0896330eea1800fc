"""Admin kepegawaian: instansi, unit kerja, jabatan, pegawai, kalender, impor."""

from flask import Blueprint

from kinerja import navigasi
from kinerja.organisasi.permissions import is_admin

bp = Blueprint("admin", __name__, url_prefix="/admin")

navigasi.register("Admin", "admin.index", is_admin, "/admin")

from kinerja.admin import impor_views, views  # noqa: E402,F401
