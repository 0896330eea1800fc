"""Server-rendered graphics: the kurva distribusi chart (SVG) and the QR code (segno)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from markupsafe import Markup

from kinerja.dokumen.pdf import data_uri
from kinerja.evaluasi.rules import HasilKurva

_ATTR = {'"': "&quot;"}  # text inside a double-quoted attribute

LABEL_PENDEK = {
    "Sangat Kurang": ("Sangat", "Kurang"),
    "Kurang/Misconduct": ("Kurang/", "Misconduct"),
    "Butuh Perbaikan": ("Butuh", "Perbaikan"),
    "Baik": ("Baik", ""),
    "Sangat Baik": ("Sangat", "Baik"),
}


def kurva_svg(hasil: HasilKurva, judul: str = "Kurva distribusi predikat kinerja pegawai") -> Markup:
    """A bar chart with a line through the bar tops: y = frekuensi pegawai, x = Sangat Kurang → Sangat Baik.

    One function for the page (inline) and the PDF (as a data: URI).  Presentation attributes
    only, no style attribute, so the strict CSP holds.
    """
    width, height = 420, 230
    left, right, top, bottom = 44, 10, 14, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    maximum = max([b.jumlah for b in hasil.baris] + [1])
    step = max(1, -(-maximum // 5))  # at most ~5 gridlines
    y_max = step * (maximum // step + 1)  # headroom above the tallest bar for its label
    slot = plot_w / len(hasil.baris)
    words = "; ".join(f"{b.predikat}: {b.kalimat}" for b in hasil.baris)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" preserveAspectRatio="xMidYMid meet" '
        f'role="img" aria-label="{escape(judul, _ATTR)}. {escape(words, _ATTR)}" class="kurva-svg" font-family="Arimo, sans-serif">',
        f"<title>{escape(judul)}</title>",
    ]
    for i in range(0, y_max + 1, step):
        y = top + plot_h - plot_h * i / y_max
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#d0d0d0" stroke-width="0.6"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 3.5:.1f}" font-size="10" text-anchor="end" fill="#222">{i}</text>')
    points = []
    for idx, b in enumerate(hasil.baris):
        cx = left + slot * idx + slot / 2
        bar_h = plot_h * b.jumlah / y_max
        y = top + plot_h - bar_h
        parts.append(f'<rect x="{cx - slot * 0.3:.1f}" y="{y:.1f}" width="{slot * 0.6:.1f}" height="{bar_h:.1f}" '
                     f'fill="#5b8dd6" stroke="#1f4e9c" stroke-width="0.6"/>')
        parts.append(f'<text x="{cx:.1f}" y="{y - 3:.1f}" font-size="10" text-anchor="middle" fill="#111">'
                     f'{b.jumlah} ({escape(b.persen)})</text>')
        line1, line2 = LABEL_PENDEK.get(b.predikat, (b.predikat, ""))
        parts.append(f'<text x="{cx:.1f}" y="{top + plot_h + 14:.1f}" font-size="9.5" text-anchor="middle" fill="#111">{escape(line1)}</text>')
        if line2:
            parts.append(f'<text x="{cx:.1f}" y="{top + plot_h + 25:.1f}" font-size="9.5" text-anchor="middle" fill="#111">{escape(line2)}</text>')
        points.append(f"{cx:.1f},{y:.1f}")
    parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="#c0392b" stroke-width="1.6"/>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#111" stroke-width="0.8"/>')
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#111" stroke-width="0.8"/>')
    parts.append(f'<text x="12" y="{top + plot_h / 2:.1f}" font-size="9.5" text-anchor="middle" fill="#111" '
                 f'transform="rotate(-90 12 {top + plot_h / 2:.1f})">Frekuensi pegawai</text>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 4}" font-size="9.5" text-anchor="middle" fill="#111">Predikat kinerja pegawai</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def kurva_data_uri(hasil: HasilKurva) -> str:
    return data_uri(str(kurva_svg(hasil)).encode("utf-8"), "image/svg+xml")


def qr_svg_data_uri(url: str) -> str:
    """The QR code that leads to ``url`` (the public verification page), as an SVG data: URI."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=False, svgns=True)
    return data_uri(buffer.getvalue(), "image/svg+xml")
