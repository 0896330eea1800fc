"""Pure rules of the pegawai search: how a query is read."""

from __future__ import annotations

from dataclasses import dataclass

MAKS_KUERI = 100
MIN_HURUF = 2
MIN_DIGIT_NIP = 4


@dataclass(frozen=True)
class Kueri:
    teks: str  # words to find in the name ("" when the query is a NIP)
    nip: str  # digits of a NIP (a prefix or any part), "" when the query is a name

    @property
    def kosong(self) -> bool:
        return not self.teks and not self.nip


def baca_kueri(raw: str | None) -> Kueri:
    """"andi" → a name; "1992 0311" or "199203112019031007" → NIP digits (spaces allowed, as printed).
    Too short (one letter, fewer than four digits) or nothing: an empty query."""
    q = " ".join((raw or "").split())[:MAKS_KUERI]
    tanpa_spasi = q.replace(" ", "")
    if tanpa_spasi.isdigit():
        return Kueri("", tanpa_spasi if len(tanpa_spasi) >= MIN_DIGIT_NIP else "")
    return Kueri(q if len(q) >= MIN_HURUF else "", "")


def escape_like(teks: str) -> str:
    """A LIKE pattern that matches ``teks`` literally (``%`` and ``_`` typed by the user are not wildcards)."""
    return teks.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
