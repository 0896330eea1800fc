"""Navigation: each feature registers its links with a predicate on the user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# PRODUCT.md's order.
ORDER = ("Beranda", "Aktivitas Harian", "Verifikasi", "SKP", "Evaluasi", "Dialog Kinerja", "Laporan", "Admin")


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    visible: Callable[[object], bool]
    prefix: str


_ITEMS: dict[str, NavItem] = {}


def register(label: str, endpoint: str, visible: Callable[[object], bool], prefix: str) -> None:
    _ITEMS[label] = NavItem(label, endpoint, visible, prefix)


def items_for(user) -> list[NavItem]:
    from flask import current_app

    ordered = sorted(_ITEMS.values(), key=lambda i: ORDER.index(i.label) if i.label in ORDER else 99)
    return [item for item in ordered if item.endpoint in current_app.view_functions and item.visible(user)]
