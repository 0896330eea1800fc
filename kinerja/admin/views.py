from flask import render_template

from kinerja.admin import bp
from kinerja.admin.permissions import admin_required
from kinerja.beranda.services import admin_summary

# (endpoint, label, keterangan) shown on the admin index; pages add themselves here.
ADMIN_MENU: list[tuple[str, str, str]] = [
    ("audit.daftar", "Jejak Audit", "Semua perubahan data, masuk/keluar, dan percobaan masuk yang gagal."),
]


@bp.get("")
@admin_required
def index():
    return render_template("admin/index.html", title="Admin", ringkasan=admin_summary(), admin_menu=ADMIN_MENU)
