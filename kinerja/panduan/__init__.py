"""Panduan (C11): the built-in guide, the "Bantuan" link on every page, the first-login checklist."""

from flask import Blueprint, Flask, current_app, request

from kinerja import kait

bp = Blueprint("panduan", __name__, url_prefix="/panduan")


def _beranda_panel(actor):
    from kinerja.beranda.services import Panel
    from kinerja.panduan.services import checklist

    langkah = checklist(actor)
    return Panel("panduan/partials/_checklist.html", {"langkah": langkah}) if langkah else None


def _bantuan_context():
    from kinerja.panduan.isi import bagian_untuk

    slug = bagian_untuk(request.endpoint)
    # the templates' url_for (kinerja.tautan), which remembers the address: one per guide section
    return {"bantuan_url": current_app.jinja_env.globals["url_for"]("panduan.bagian", slug=slug) if slug else None}


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    kait.add_nav(app, "Panduan", "panduan.index", lambda user: getattr(user, "is_authenticated", False), "/panduan")
    kait.add_panel(app, _beranda_panel, pinned=True)
    app.context_processor(_bantuan_context)


from kinerja.panduan import views  # noqa: E402,F401
