"""The public address of the app, for QR codes and links printed in documents."""

from __future__ import annotations

from flask import current_app


def alamat_dasar() -> str:
    """``KINERJA_BASE_URL`` (ending in "/"), from configuration only — never the request's Host header,
    which a client chooses (a forged Host once ended up in a signed PDF's verification address)."""
    return current_app.config["KINERJA_BASE_URL"].rstrip("/") + "/"
