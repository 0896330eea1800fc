"""Pengumuman (C11): announcements with read receipts, pinned on the Beranda until read."""

from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("pengumuman", __name__, url_prefix="/pengumuman")


def _beranda_panel(actor):
    from kinerja.beranda.services import Panel
    from kinerja.pengumuman.queries import belum_dibaca

    items = belum_dibaca(actor)
    return Panel("pengumuman/partials/_panel_beranda.html", {"items": items}) if items else None


def init_app(app: Flask) -> None:
    from kinerja.demo import sosialisasi as demo

    app.register_blueprint(bp)
    kait.add_nav(app, "Pengumuman", "pengumuman.index", lambda user: getattr(user, "is_authenticated", False),
                 "/pengumuman")
    kait.add_panel(app, _beranda_panel, pinned=True)
    kait.add_admin_menu(app, "pengumuman.tulisan", "Pengumuman",
                        "Tulis pengumuman untuk seluruh dinas atau unit tertentu dan pantau siapa yang sudah membaca.")
    kait.add_demo_step(app, 50, demo.load_pengumuman)


from kinerja.pengumuman import views  # noqa: E402,F401
