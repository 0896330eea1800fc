from flask import render_template

from kinerja.admin import bp
from kinerja.admin.permissions import admin_required
from kinerja.beranda.services import admin_summary


@bp.get("")
@admin_required
def index():
    return render_template("admin/index.html", title="Admin", ringkasan=admin_summary())
