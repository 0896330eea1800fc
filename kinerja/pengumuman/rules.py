"""Pure rules of announcements: the safe text formatter and the audience arithmetic."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from markupsafe import Markup, escape

PERAN = {"semua": "Semua pegawai", "atasan": "Atasan (yang punya bawahan)", "pimpinan": "Pimpinan unit"}
JUDUL_MAKS = 200
ISI_MAKS = 20_000
LAMPIRAN_MAKS = 5

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")


def _inline(text: str) -> str:
    """Escape, then turn **tebal** into <strong>.  Links stay text (escaped like everything else)."""
    escaped = str(escape(text))
    return _BOLD.sub(lambda m: f"<strong>{m.group(1)}</strong>", escaped)


def format_isi(text: str | None) -> Markup:
    """Plain text with simple formatting → safe HTML.

    Blank lines separate paragraphs; a single newline is a line break; lines starting with
    "- " or "* " form a bulleted list, lines starting with "1. " a numbered list; **tebal** is
    bold.  Everything else is escaped: no raw HTML ever reaches the page.
    """
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag: str | None = None

    def flush_paragraph():
        if paragraph:
            blocks.append("<p>" + "<br>\n".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()

    def flush_list():
        nonlocal list_tag
        if items:
            blocks.append(f"<{list_tag}>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + f"</{list_tag}>")
            items.clear()
        list_tag = None

    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        bullet, number = _BULLET.match(line), _NUMBER.match(line)
        if not line.strip():
            flush_paragraph()
            flush_list()
        elif bullet or number:
            tag = "ul" if bullet else "ol"
            flush_paragraph()
            if list_tag not in (None, tag):
                flush_list()
            list_tag = tag
            items.append((bullet or number).group(1))
        else:
            flush_list()
            paragraph.append(line.strip())
    flush_paragraph()
    flush_list()
    return Markup("\n".join(blocks))


def ringkasan_baca(dibaca: int, total: int) -> str:
    return f"dibaca {dibaca} dari {total}"


def subtree(parent_of: Mapping[int, int | None], root: int) -> set[int]:
    """``root`` and every unit below it, from a child → parent map (cycles are ignored)."""
    children: dict[int, list[int]] = {}
    for child, parent in parent_of.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    result, stack = set(), [root]
    while stack:
        unit = stack.pop()
        if unit in result:
            continue
        result.add(unit)
        stack.extend(children.get(unit, ()))
    return result


def writable_units(parent_of: Mapping[int, int | None], admin: bool, pimpinan_unit: int | None) -> tuple[bool, set[int]]:
    """(may address the whole dinas, the units that may be addressed) for an author.

    The admin: everything.  A pimpinan: the subtree of their own unit (the whole dinas only when
    that unit is the top of the tree).  Anyone else: nothing.
    """
    if admin:
        return True, set(parent_of)
    if pimpinan_unit is None or pimpinan_unit not in parent_of:
        return False, set()
    return parent_of[pimpinan_unit] is None, subtree(parent_of, pimpinan_unit)


def sasaran_label(seluruh_dinas: bool, unit_nama: str | None, sub_unit: bool, peran: str) -> str:
    siapa = "Seluruh dinas" if seluruh_dinas else f"{unit_nama or '–'}{' beserta sub-unit' if sub_unit else ' saja'}"
    return siapa if peran == "semua" else f"{siapa} · {PERAN.get(peran, peran)}"


def belum_membaca(penerima: Iterable[tuple[int, object]]) -> list[int]:
    """Ids of recipients without a read receipt, from (pegawai_id, dibaca_at) pairs."""
    return [pid for pid, dibaca in penerima if dibaca is None]
