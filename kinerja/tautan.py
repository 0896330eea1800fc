"""``url_for`` in templates, remembered per process.

Every page's header builds some twenty addresses that never change while the server runs (the
navigation, the static assets with their content hash); building one through werkzeug's URL map costs
about as much as a small query.  Templates get a ``url_for`` that remembers what it built, keyed on
everything the address depends on:

- the endpoint and its values with their types (``True`` is not ``1``), when every value is a plain
  str/int/bool/date (no ORM objects, whose state may change) and no ``_external``/``_anchor``/
  ``_scheme``/``_method`` option is asked for;
- the request's ``script_root`` (an app mounted under a prefix) and, for ``.endpoint``, the blueprint.

Static addresses carry the file's content hash (``kinerja.aset``), read once per file: a release
restarts the app processes (README, "Pemasangan di server produksi").  In debug mode (``flask run --debug``), where files
change under a running server, nothing is remembered.  The memory is bounded: past ``BATAS`` addresses
the rest are built each time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import Flask

from kinerja.konteks import aplikasi, ingat, permintaan

BATAS = 4096
_POLOS = (str, int, bool, date)


def init_app(app: Flask) -> None:
    bangun = app.url_for
    ingatan: dict[tuple, str] = {}

    konfig = app.config

    def url_for(endpoint: str, **values) -> str:
        # The header's thirty-odd addresses come here on every page: the common case (no values, not debug)
        # costs a dictionary lookup and the request's script root.
        req = permintaan()
        if req is None or konfig["DEBUG"] or (values and not _boleh_diingat(values)):
            return bangun(endpoint, **values)
        kunci = (endpoint, req.root_path, req.blueprint if endpoint.startswith(".") else None,
                 tuple(sorted((k, type(v), v) for k, v in values.items())) if values else ())
        alamat = ingatan.get(kunci)
        if alamat is None:
            alamat = bangun(endpoint, **values)
            if len(ingatan) < BATAS:
                ingatan[kunci] = alamat
        return alamat

    app.jinja_env.globals["url_for"] = url_for
    app.extensions["kinerja.tautan"] = ingatan
    app.extensions["kinerja.url_for"] = url_for


def alamat(endpoint: str, **values) -> str:
    """The templates' remembering ``url_for``, for Python that builds an address on every page."""
    return aplikasi().extensions["kinerja.url_for"](endpoint, **values)


def _boleh_diingat(values: dict) -> bool:
    for key, value in values.items():
        if key.startswith("_") or (value is not None and type(value) not in _POLOS):
            return False
    return True


@dataclass(frozen=True)
class AlamatDasar:
    """The addresses every page's layout (``base.html``) shows: header links, stylesheets and scripts."""

    beranda: str
    cari: str
    notifikasi: str
    akun: str
    keluar: str
    ping: str
    masuk: str
    css_bootstrap: str
    css_app: str
    favicon: str
    htmx_lokal: str
    htmx_pemuat: str
    js_bootstrap: str
    js_app: str


def alamat_dasar() -> AlamatDasar:
    """The layout's fourteen addresses in one call, built once per script root: as fourteen ``url_for``
    calls they were a twentieth of the day view's Python work (each through Jinja's call machinery, the
    memo key and the request).  Not remembered in debug mode, like ``url_for``."""
    req = permintaan()
    root = req.root_path if req is not None else ""
    return ingat("kinerja.alamat_dasar", root, BATAS_ALAMAT_DASAR, _alamat_dasar)


BATAS_ALAMAT_DASAR = 64  # script roots remembered per process; in practice one


def _alamat_dasar() -> AlamatDasar:
    app = aplikasi()
    u = app.extensions["kinerja.url_for"]
    return AlamatDasar(
        beranda=u("beranda.index"), cari=u("cari.index"), notifikasi=u("notifikasi.daftar"), akun=u("akun.akun"),
        keluar=u("akun.logout"), ping=u("akun.ping"), masuk=u("akun.login"),
        css_bootstrap=u("static", filename="vendor/bootstrap/bootstrap.min.css"),
        css_app=u("static", filename="css/app.css"), favicon=u("static", filename="img/favicon.svg"),
        htmx_lokal=u("static", filename=f"vendor/htmx/htmx-{app.config['HTMX_VERSION']}.min.js"),
        htmx_pemuat=u("static", filename="js/htmx-loader.js"),
        js_bootstrap=u("static", filename="vendor/bootstrap/bootstrap.bundle.min.js"),
        js_app=u("static", filename="js/app.js"))
