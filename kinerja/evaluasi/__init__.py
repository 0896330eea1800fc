"""Evaluasi kinerja (C5): semester/annual evaluations, predikat, kurva, sign-off, keberatan, documents."""

from flask import Blueprint, Flask

from kinerja import kait
from kinerja.evaluasi.permissions import can_use_evaluasi

bp = Blueprint("evaluasi", __name__, url_prefix="/evaluasi")


def init_app(app: Flask) -> None:
    from kinerja.demo import evaluasi as demo
    from kinerja.evaluasi import queries
    from kinerja.evaluasi.panel import panel_beranda
    from kinerja.evaluasi.publik import bp as publik_bp

    app.register_blueprint(bp)
    # The public verification page /v/<kode> (no login) lives in its own blueprint.
    app.register_blueprint(publik_bp)
    kait.add_nav(app, "Evaluasi", "evaluasi.index", can_use_evaluasi, "/evaluasi")
    kait.add_panel(app, panel_beranda)
    # An RHK with realisasi in an evaluation cannot be deleted by a later SKP revision.
    kait.add_rhk_usage(app, queries.realisasi_per_rhk)
    # Semester I evaluations in every state; after the SKP and aktivitas steps.
    kait.add_demo_step(app, 40, demo.load)


from kinerja.evaluasi import views  # noqa: E402,F401
