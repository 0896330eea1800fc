"""Static assets with fingerprinted names and long cache lifetimes.

``url_for('static', filename=...)`` adds ``?v=<hash of the file's content>``; a request carrying
the current hash is answered with ``Cache-Control: public, max-age=31536000, immutable``, so a
browser (and nginx) keep it for a year and a new release changes the address.  A request without
the hash, or with an old one, gets the default short, revalidated caching.  Compression is nginx's
job in production (README, "Penerapan").
"""

from __future__ import annotations

import hashlib
import os

from flask import Flask, request

SETAHUN = 365 * 24 * 3600


def init_app(app: Flask) -> None:
    hashes: dict[str, tuple[float, str]] = {}

    def fingerprint(filename: str) -> str | None:
        path = os.path.join(app.static_folder or "", filename)
        try:
            mtime = os.stat(path).st_mtime
        except OSError:
            return None
        cached = hashes.get(filename)
        if cached and cached[0] == mtime:
            return cached[1]
        with open(path, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()[:12]
        hashes[filename] = (mtime, digest)
        return digest

    @app.url_defaults
    def _versi_aset(endpoint, values):
        if endpoint == "static" and "filename" in values and "v" not in values:
            digest = fingerprint(values["filename"])
            if digest:
                values["v"] = digest

    @app.after_request
    def _cache_aset(response):
        if request.endpoint == "static" and response.status_code == 200:
            versi = request.args.get("v")
            if versi and versi == fingerprint((request.view_args or {}).get("filename", "")):
                response.cache_control.public = True
                response.cache_control.max_age = SETAHUN
                response.cache_control.immutable = True
                response.cache_control.no_cache = None
        return response
