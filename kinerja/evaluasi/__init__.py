"""Evaluasi kinerja (C5): semester/annual evaluations, predikat, kurva, sign-off, keberatan, documents."""

from flask import Blueprint

from kinerja import navigasi
from kinerja.evaluasi.permissions import can_use_evaluasi

bp = Blueprint("evaluasi", __name__, url_prefix="/evaluasi")

navigasi.register("Evaluasi", "evaluasi.index", can_use_evaluasi, "/evaluasi")


@bp.record_once
def _register_public_blueprint(state) -> None:
    """The public verification page /v/<kode> (no login) lives in its own blueprint."""
    from kinerja.evaluasi.publik import bp as publik_bp

    state.app.register_blueprint(publik_bp)


from kinerja.evaluasi import panel, views  # noqa: E402,F401
