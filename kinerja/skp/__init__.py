"""SKP: yearly performance plans (C4)."""

from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("skp", __name__, url_prefix="/skp")


def init_app(app: Flask) -> None:
    from kinerja.demo import skp as demo
    from kinerja.skp.panel import panel_beranda

    app.register_blueprint(bp)
    kait.add_nav(app, "SKP", "skp.index", lambda user: getattr(user, "pegawai_id", None) is not None, "/skp")
    kait.add_panel(app, panel_beranda)
    # The current Tahun Kinerja and cascading SKPs; before aktivitas, which links to their RHK.
    kait.add_demo_step(app, 20, demo.load)


from kinerja.skp import views  # noqa: E402,F401
