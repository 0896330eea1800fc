"""Numbers, durations, times and dates the Indonesian way — one module, registered once as Jinja
filters (``init_app``).  Numbers and dates come from Babel (locale ``id``: "1.250", "99,5",
"28 November 2026"); pure, so rules and error messages use it too.

========  ==============================  ======================
filter    function                        example
========  ==============================  ======================
angka     :func:`angka`                   Decimal("1250.50") → "1.250,5"
ribuan    :func:`ribuan`                  6750 → "6.750"
menit     :func:`durasi`                  135 → "2 j 15 m"
durasi    :func:`durasi` (``panjang``)    125 → "2 jam 5 menit"
jam       :func:`jam`                     time(8, 0) → "08:00"
tanggal   :func:`kinerja.waktu.tanggal`   "28 November 2026"
========  ==============================  ======================

(``waktu`` — a timestamp in the instansi's zone — and ``nip`` are registered by :mod:`kinerja.web`,
which knows the instansi.)
"""

from __future__ import annotations

import math
from datetime import time
from decimal import Decimal
from fractions import Fraction

from babel.numbers import format_decimal

from kinerja.waktu import LOCALE, tanggal


def angka(value: Decimal | int | float | str | None) -> str:
    """Up to two decimals with the Indonesian comma and thousands dot: 12, 99,5, 1.250, 0,25."""
    if value is None:
        return ""
    if isinstance(value, int) or (isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value()):
        return f"{int(value):,}".replace(",", ".")  # the common case (whole numbers) without Babel: ~20× cheaper
    return format_decimal(Decimal(value) if isinstance(value, str) else value, format="#,##0.##", locale=LOCALE)


def ribuan(value: int | float | Decimal | None) -> str:
    """A whole number with the thousands dot: 6750 → "6.750"."""
    if value is None:
        return ""
    return f"{int(value):,}".replace(",", ".")  # Babel's "#,##0" for locale id, ~20× cheaper


def durasi(menit: int | None, panjang: bool = False) -> str:
    """135 → "2 j 15 m", 45 → "45 m"; ``panjang``: "2 jam 15 menit" (printed documents)."""
    jam_, sisa = divmod(int(menit or 0), 60)
    j, m = ("jam", "menit") if panjang else ("j", "m")
    if jam_ and sisa:
        return f"{jam_} {j} {sisa} {m}"
    if jam_:
        return f"{jam_} {j}"
    return f"{sisa} {m}"


def durasi_panjang(menit: int | None) -> str:
    return durasi(menit, panjang=True)


def persen(nilai: Fraction | None, desimal: int = 0) -> str:
    """Fraction(17, 20) → "85%"; ``desimal=1``: Fraction(4, 7) → "57,1%"; half rounds up; None → "–"."""
    if nilai is None:
        return "–"
    scale = 10 ** desimal
    rounded = math.floor(nilai * 100 * scale + Fraction(1, 2))
    if desimal == 0:
        return f"{rounded}%"
    whole, part = divmod(rounded, scale)
    return f"{whole},{part:0{desimal}d}%"


def jam(value: time | None) -> str:
    """time(8, 0) → "08:00"; "" for none."""
    return value.strftime("%H:%M") if value else ""


# One spelling on every page (issue #15): stored values stay as they are, people read these words.
LABEL_STATUS = {"Draft": "Draf", "Ditolak": "Dikembalikan"}


def label_status(status: str | None) -> str:
    """A status as people read it: "Draft" → "Draf", an SKP's "Ditolak" → "Dikembalikan"."""
    return LABEL_STATUS.get(status or "", status or "")


def init_app(app) -> None:
    app.jinja_env.filters.update({
        "label_status": label_status,
        "angka": angka,
        "ribuan": ribuan,
        "menit": durasi,
        "durasi": durasi_panjang,
        "jam": jam,
        "tanggal": tanggal,
    })
