"""Aktivitas harian: the daily work log (C2)."""

from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("aktivitas", __name__, url_prefix="/aktivitas")


def init_app(app: Flask) -> None:
    from kinerja.aktivitas import tampilan
    from kinerja.aktivitas.panel import panel_beranda, panel_perlu_diperbaiki
    from kinerja.aktivitas.queries import rhk_usage_count
    from kinerja.demo import aktivitas as demo

    app.register_blueprint(bp)
    app.jinja_env.globals["tampilan_aktivitas"] = tampilan  # the day view's rows and entry fields
    kait.add_nav(app, "Aktivitas Harian", "aktivitas.index", lambda user: getattr(user, "pegawai_id", None) is not None,
                 "/aktivitas")
    kait.add_panel(app, panel_beranda)
    kait.add_panel(app, panel_perlu_diperbaiki)
    kait.add_rhk_usage(app, rhk_usage_count)
    # After the SKP step: entries link to the RHK of approved SKPs.
    kait.add_demo_step(app, 30, demo.load)


from kinerja.aktivitas import views  # noqa: E402,F401
