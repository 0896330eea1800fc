"""View decorators shared by every feature (kept outside feature packages to avoid import cycles)."""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from kinerja.organisasi.permissions import is_admin


def admin_required(view):
    """Only admin kepegawaian; everybody else gets 403."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not is_admin(current_user):
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def pegawai_required(view):
    """Only accounts linked to a pegawai (the admin-only account has no personal records)."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if getattr(current_user, "pegawai_id", None) is None:
            abort(403)
        return view(*args, **kwargs)

    return wrapped
