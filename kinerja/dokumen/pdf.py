"""Render templates under ``templates/dokumen/`` to PDF with WeasyPrint.

The URL fetcher serves only our own static files (and ``data:`` URIs for the
logo and QR codes); anything else — http(s), other paths on disk — is refused,
so a PDF never waits on the network and never reads outside ``static/``.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import mimetypes
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template

log = logging.getLogger(__name__)


class DocumentFetchRefused(ValueError):
    pass


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def __init__(self, static_dir: str):
            super().__init__(timeout=2, allowed_protocols=("file", "data"), allow_redirects=False)
            self.static_dir = os.path.realpath(static_dir)

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                raise DocumentFetchRefused(f"sumber luar ditolak: {url[:80]}")
            path = os.path.realpath(unquote(parts.path))
            if os.path.commonpath([path, self.static_dir]) != self.static_dir or not os.path.isfile(path):
                raise DocumentFetchRefused(f"berkas di luar static ditolak: {url[:80]}")
            with open(path, "rb") as fh:
                body = fh.read()
            mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})

    return StaticOnlyFetcher


def static_dir() -> str:
    return current_app.static_folder  # type: ignore[return-value]


def data_uri(content: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"


def logo_data_uri() -> str | None:
    """The instansi logo (stored under instance/uploads/logo) as a data: URI, or None."""
    from kinerja.organisasi.services import get_instansi

    name = get_instansi().logo_nama_file
    if not name:
        return None
    path = Path(current_app.config["UPLOAD_DIR"]) / "logo" / os.path.basename(name)
    if not path.is_file():
        return None
    return data_uri(path.read_bytes(), "image/png")


def render_html(template: str, **context) -> str:
    context.setdefault("draft", False)
    if "ukuran_kertas" not in context:  # every document: the paper chosen in the instansi settings
        from kinerja.organisasi.services import get_instansi

        context["ukuran_kertas"] = getattr(get_instansi(), "ukuran_kertas", None) or "A4"
    return render_template(template, **context)


def render_pdf(template: str, **context) -> bytes:
    """Render ``templates/<template>`` to PDF bytes.

    Context: ``draft=True`` adds the DRAFT watermark; ``ukuran_kertas`` "A4" or "F4".
    """
    from weasyprint import HTML

    html = render_html(template, **context)
    base_url = Path(static_dir()).as_uri() + "/"
    fetcher = _fetcher_class()(static_dir())
    pdf = HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()
    log.info("dokumen %s dirender (%d bita)", template, len(pdf))
    return pdf


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def pdf_response(content: bytes, filename: str, inline: bool = True):
    from flask import make_response

    response = make_response(content)
    response.headers["Content-Type"] = "application/pdf"
    disposition = "inline" if inline else "attachment"
    safe = "".join(ch for ch in filename if ch.isalnum() or ch in "-_.") or "dokumen.pdf"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{safe}"'
    response.headers["Cache-Control"] = "no-store"
    return response
