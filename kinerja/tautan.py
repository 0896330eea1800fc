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

from datetime import date

from flask import Flask, current_app

from kinerja.konteks import permintaan

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
    return current_app.extensions["kinerja.url_for"](endpoint, **values)


def _boleh_diingat(values: dict) -> bool:
    for key, value in values.items():
        if key.startswith("_") or (value is not None and type(value) not in _POLOS):
            return False
    return True
