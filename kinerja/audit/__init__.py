from flask import Blueprint

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")

from kinerja.audit import views  # noqa: E402,F401
