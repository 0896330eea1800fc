"""The request's objects without werkzeug's proxies, for code that runs on every page (issue #17).

``flask.request``, ``flask.g`` and ``flask_login.current_user`` are ``LocalProxy`` objects: each use
looks the object up again through werkzeug's descriptor machinery, about forty Python steps (``current_user``
three such lookups, through ``g``).  The day view used them some 180 times per request, a tenth of its
Python work.  The helpers here read Flask's context variables directly, once per call; code that runs
on every page (addresses, the per-request memo, the session rules, the header) uses them.  Everywhere
else the proxies stay: they say the same thing and cost nothing that shows.

Outside a request (commands, jobs) the helpers answer ``None`` where the proxy would raise.
"""

from __future__ import annotations

from flask.globals import _cv_app, _cv_request
from flask_login import current_user


def aplikasi():
    """The current app (``flask.current_app`` as the object itself), or None outside an app context."""
    ctx = _cv_app.get(None)
    return ctx.app if ctx is not None else None


def permintaan():
    """The current request (``flask.request``), or None outside a request."""
    ctx = _cv_request.get(None)
    return ctx.request if ctx is not None else None


def sesi():
    """The request's session (``flask.session``), or None outside a request."""
    ctx = _cv_request.get(None)
    return ctx.session if ctx is not None else None


def ada_permintaan() -> bool:
    """``flask.has_request_context()``."""
    return _cv_request.get(None) is not None


def glob():
    """The application context's ``g`` (one per request), or None outside an application context."""
    ctx = _cv_app.get(None)
    return ctx.g if ctx is not None else None


def pengguna():
    """``current_user`` as the object itself: the account Flask-Login loaded for this request (loaded now
    if nobody asked yet), or its anonymous user."""
    ctx = _cv_app.get(None)
    if ctx is not None and _cv_request.get(None) is not None:
        user = ctx.g.__dict__.get("_login_user")  # where Flask-Login keeps it (flask_login.utils._get_user)
        if user is not None:
            return user
    return current_user._get_current_object()


def ingat(nama: str, kunci, batas: int, bangun, *args):
    """``bangun(*args)``, remembered per app in ``app.extensions[nama]`` under ``kunci``: for markup and
    addresses that depend only on what is in the key (the caller puts every input there, the script root
    included).  Forgotten all at once past ``batas`` entries; not remembered in debug mode, where templates
    reload and ``url_for`` is not remembered either."""
    app = aplikasi()
    if app.debug:
        return bangun(*args)
    ingatan = app.extensions.setdefault(nama, {})
    nilai = ingatan.get(kunci)
    if nilai is None:
        nilai = bangun(*args)
        if len(ingatan) >= batas:
            ingatan.clear()
        ingatan[kunci] = nilai
    return nilai
