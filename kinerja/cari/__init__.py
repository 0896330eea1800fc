"""Cari pegawai (issue #15): a search box in the header for atasan and admin — a pegawai by name or
NIP, then their pages.  Scoped: an atasan finds only the pegawai below them; the admin finds everyone."""

from flask import Blueprint, Flask

bp = Blueprint("cari", __name__, url_prefix="/cari")


def init_app(app: Flask) -> None:
    from kinerja.cari.permissions import can_search

    app.register_blueprint(bp)

    @app.context_processor
    def _kotak_cari():
        from werkzeug.local import LocalProxy

        from kinerja.konteks import pengguna

        # Only full pages show the search box: a fragment does not pay for the check.
        return {"boleh_cari_pegawai": LocalProxy(
            lambda: bool(getattr(pengguna(), "is_authenticated", False)) and can_search(pengguna()))}


from kinerja.cari import views  # noqa: E402,F401
