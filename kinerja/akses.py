"""Who the user is, the one admin check, and view decorators shared by every feature (core:
imports no feature).

The 403/404 policy of the whole application (issue #9 §2), in one place:

- An object you may not see answers **404** on every method (GET and POST alike), exactly like an id
  that does not exist: the answer never tells whether it exists or whose it is.
- **403** only when you may see the object (or the page) but not do that action; the message is
  neutral (``PESAN_DITOLAK``) and never names the role that could.
- Each feature's ``permissions.py`` decides; services raise ``NotFound`` for the first case and
  ``PermissionDenied`` for the second; ``kinerja.web`` maps them once for the whole app.
- Pages for pegawai (``pegawai_required``): an account without a pegawai record — the admin-only
  account or an account not linked to a pegawai — gets **403** "Halaman ini untuk akun pegawai …"
  on every such page and method.  No redirect to an admin page: the admin reaches the admin
  pages through the Admin menu, and a link that opens a pegawai page says plainly why it is closed.
- Admin pages (``admin_required``) and admin-only services (``require_admin``): everybody else 403.
"""

from functools import wraps

from flask_login import current_user, login_required

from kinerja.errors import PESAN_BUKAN_PEGAWAI, PESAN_DITOLAK, PermissionDenied  # noqa: F401 (re-exported)

PESAN_BUKAN_ADMIN = "Halaman ini khusus admin kepegawaian."


def is_admin(user) -> bool:
    # The flag first: most accounts are not admins, and ``is_authenticated`` (is the account active) reads
    # three attributes; the navigation asks for every link.
    return bool(getattr(user, "is_admin", False) and getattr(user, "is_authenticated", False))


def pegawai_id_of(user) -> int | None:
    pegawai_id = getattr(user, "pegawai_id", None)
    return pegawai_id if pegawai_id is not None and getattr(user, "is_authenticated", False) else None


def pegawai_sendiri() -> int | None:
    """The logged-in account's pegawai id, read once per request.  A service's commit expires the account
    object; an answer rendered after it reads the id from here instead of loading the account again."""
    from flask import g

    if "pegawai_sendiri" not in g:
        g.pegawai_sendiri = pegawai_id_of(current_user)
    return g.pegawai_sendiri


def require_admin(actor) -> None:
    """The one admin check of every admin-only service (PermissionDenied otherwise, also for None)."""
    if not is_admin(actor):
        raise PermissionDenied()


def require_admin_or_cli(actor) -> None:
    """Admin-only services the CLI also runs: ``actor`` None means the command line (trusted)."""
    if actor is not None:
        require_admin(actor)


def admin_required(view):
    """Only admin kepegawaian; everybody else gets 403."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not is_admin(current_user):
            raise PermissionDenied(PESAN_BUKAN_ADMIN)
        return view(*args, **kwargs)

    return wrapped


def pegawai_required(view):
    """Only accounts linked to a pegawai (the admin-only account has no personal records): else 403."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if pegawai_sendiri() is None:
            raise PermissionDenied(PESAN_BUKAN_PEGAWAI)
        return view(*args, **kwargs)

    return wrapped


def aktor():
    """The logged-in account as a plain object, to hand to services (they never read current_user)."""
    return current_user._get_current_object()


def nomor_halaman() -> int:
    """The ``?halaman=`` page number of a paginated list (1 for anything missing or invalid)."""
    return arg_id("halaman") or 1


def arg_id(name: str) -> int | None:
    """An id (or other positive number) from the query string; None when missing or not a valid id.

    ``type=int`` would accept ``-5``, ``١٢`` and numbers beyond the database's integer range.
    """
    from kinerja.formulir import parse_id
    from kinerja.konteks import permintaan

    args = permintaan().args  # a missing argument: no KeyError raised and caught inside MultiDict.get
    return parse_id(args.get(name) if name in args else None)
