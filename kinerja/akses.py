"""Who the user is, and view decorators shared by every feature (core: imports no feature)."""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def is_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_admin", False))


def pegawai_id_of(user) -> int | None:
    return getattr(user, "pegawai_id", None) if getattr(user, "is_authenticated", False) else None


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


def aktor():
    """The logged-in account as a plain object, to hand to services (they never read current_user)."""
    return current_user._get_current_object()


def nomor_halaman() -> int:
    """The ``?halaman=`` page number of a paginated list (1 for anything missing or invalid)."""
    from flask import request

    return max(request.args.get("halaman", 1, type=int) or 1, 1)
