"""Small trend charts, server-rendered SVG on the kurva's path (kinerja.evaluasi.grafik): one
string built from escaped parts, presentation attributes only (the strict CSP holds), a <title>
and an aria-label carrying every value as text.  No JavaScript."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from markupsafe import Markup

_ATTR = {'"': "&quot;"}  # text inside a double-quoted attribute (as kinerja.evaluasi.grafik does)


def _atas_rapi(nilai: float) -> float:
    """The top of the axis: four steps of 1, 2, 2.5 or 5 × 10^k (7.762 → 8.000)."""
    import math

    mentah = nilai / 4
    pangkat = 10 ** math.floor(math.log10(mentah)) if mentah > 0 else 1
    langkah = next(k * pangkat for k in (1, 2, 2.5, 5, 10) if k * pangkat >= mentah)
    return langkah * 4


@dataclass(frozen=True)
class Titik:
    label: str        # "Jan 26"
    label_penuh: str  # "Januari 2026"
    nilai: float | None
    teks: str         # the value as shown ("85%", "6.120 menit")


def tren_svg(judul: str, titik: list[Titik], maks: float | None = None, garis: float | None = None,
             label_garis: str = "") -> Markup:
    """A line chart of ``titik`` (None = no data: the line breaks there); ``garis`` a dashed reference line."""
    width, height = 420, 170
    left, right, top, bottom = 40, 10, 12, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [t.nilai for t in titik if t.nilai is not None]
    y_max = maks or _atas_rapi(max(values + [garis or 0, 1]) * 1.1)
    slot = plot_w / max(len(titik), 1)
    words = "; ".join(f"{t.label_penuh}: {t.teks}" for t in titik)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" preserveAspectRatio="xMidYMid meet" '
        f'role="img" aria-label="{escape(judul, _ATTR)}. {escape(words, _ATTR)}" class="tren-svg" '
        f'font-family="Arimo, sans-serif">',
        f"<title>{escape(judul)}</title>",
    ]
    for i in range(5):
        nilai = y_max * i / 4
        y = top + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#d0d0d0" stroke-width="0.6"/>')
        label = f"{nilai:.0f}" if y_max >= 10 else f"{nilai:.1f}"
        parts.append(f'<text x="{left - 5}" y="{y + 3.5:.1f}" font-size="9" text-anchor="end" fill="#222">{escape(label)}</text>')
    if garis is not None:
        y = top + plot_h - plot_h * min(garis / y_max, 1)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#c0392b" '
                     f'stroke-width="1" stroke-dasharray="4 3"/>')
        if label_garis:
            parts.append(f'<text x="{width - right}" y="{y - 3:.1f}" font-size="9" text-anchor="end" fill="#8e2a1f">'
                         f'{escape(label_garis)}</text>')
    segmen: list[list[str]] = [[]]
    for idx, t in enumerate(titik):
        cx = left + slot * idx + slot / 2
        if idx % 2 == 0 or len(titik) <= 6:
            parts.append(f'<text x="{cx:.1f}" y="{top + plot_h + 14:.1f}" font-size="9" text-anchor="middle" '
                         f'fill="#111">{escape(t.label)}</text>')
        if t.nilai is None:
            segmen.append([])
            continue
        cy = top + plot_h - plot_h * min(t.nilai / y_max, 1)
        segmen[-1].append(f"{cx:.1f},{cy:.1f}")
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="2.6" fill="#1f4e9c"/>')
    for s in segmen:
        if len(s) > 1:
            parts.append(f'<polyline points="{" ".join(s)}" fill="none" stroke="#1f4e9c" stroke-width="1.6"/>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#111" stroke-width="0.8"/>')
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#111" '
                 f'stroke-width="0.8"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
