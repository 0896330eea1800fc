"""Panduan (C11): the built-in guide, the "Bantuan" link on every page, the first-login checklist."""

from flask import Blueprint, Flask, request

from kinerja import kait

bp = Blueprint("panduan", __name__, url_prefix="/panduan")


def _beranda_panel(actor):
    from kinerja.beranda.services import Panel
    from kinerja.panduan.services import checklist

    langkah = checklist(actor)
    return Panel("panduan/partials/_checklist.html", {"langkah": langkah}) if langkah else None


def _bantuan_context():
    from kinerja.panduan.isi import bagian_untuk
    from kinerja.tautan import alamat

    slug = bagian_untuk(request.endpoint)
    return {"bantuan_url": alamat("panduan.bagian", slug=slug) if slug else None}  # remembered: one per section


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    kait.add_nav(app, "Panduan", "panduan.index", lambda user: getattr(user, "is_authenticated", False), "/panduan")
    kait.add_panel(app, _beranda_panel, pinned=True)
    app.context_processor(_bantuan_context)


from kinerja.panduan import views  # noqa: E402,F401
