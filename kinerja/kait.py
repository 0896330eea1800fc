"""How features hook into each other: one registry per app, filled by each feature's ``init_app(app)``.

``create_app`` calls ``init_app(app)`` of every package in ``kinerja.FEATURES``, in that order.
A feature registers there — and nowhere else, never at import time — what it adds to others:

- ``add_nav``         a navigation link with a predicate on the user (order: ``NAV_ORDER``);
- ``add_panel``       a Beranda panel builder ``build(actor) -> Panel | None``;
- ``add_admin_menu``  an entry on the admin index;
- ``add_rhk_usage``   a counter of rows that use an RHK (an RHK in use cannot be deleted);
- ``add_aktivitas_viewer`` who else may see a pegawai's aktivitas (and its bukti dukung) besides
                      the pegawai, their atasan chain and admin — e.g. a delegated verifier;
- ``add_demo_step``   a demo-data step ``step(result, ctx, seed=, scale=)`` (order: ``DEMO_ORDER``);
- ``add_section``     a section another feature's page shows: ``build(actor, *objects) -> Panel | None``
                      at a named place ("akun": the account page; "evaluasi": an evaluation's page).
- ``add_fakta_akun``  a fact about the logged-in pegawai computed INSIDE the account query every request
                      makes (``build(pegawai_id_column) -> SQL expression``); read it back with
                      ``percache.known(f"{key}:{pegawai_id}")`` — a panel or a nav predicate then needs no
                      query of its own.
- ``add_fakta_bawahan`` a fact about each direct subordinate computed inside the Beranda's subordinates
                      query (``build(pegawai_entity, hari_ini) -> SQL expression``); read back with
                      ``percache.known(f"{key}:{atasan_id}:{hari_ini}")`` as {subordinate id: value}.

Readers (``nav_items_for``, ``panels``, ``admin_menu``, ``rhk_usage``, ``aktivitas_viewer``, ``demo_steps``) ask the
current app, so two apps in one process (tests) never share registrations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, current_app

from kinerja.konteks import aplikasi

EXTENSION = "kinerja.kait"

# PRODUCT.md's order; links not named here come after, in registration order.
NAV_ORDER = ("Beranda", "Dasbor", "Aktivitas Harian", "Verifikasi", "SKP", "Evaluasi", "Dialog Kinerja",
             "Laporan", "Pengumuman", "Panduan", "Admin")


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    visible: Callable[[object], bool]
    prefix: str


@dataclass(frozen=True)
class AdminMenuItem:
    endpoint: str
    label: str
    keterangan: str


@dataclass(frozen=True)
class DemoStep:
    order: int
    step: Callable


@dataclass
class Kait:
    nav: list[NavItem] = field(default_factory=list)
    panels: list[Callable] = field(default_factory=list)
    pinned_panels: list[Callable] = field(default_factory=list)
    admin_menu: list[AdminMenuItem] = field(default_factory=list)
    rhk_usage: list[Callable[[int], int]] = field(default_factory=list)
    aktivitas_viewers: list[Callable[[object, object], bool]] = field(default_factory=list)
    demo_steps: list[DemoStep] = field(default_factory=list)
    sections: dict[str, list[Callable]] = field(default_factory=dict)
    fakta_akun: list[tuple[str, Callable]] = field(default_factory=list)
    fakta_bawahan: list[tuple[str, Callable]] = field(default_factory=list)
    nav_terurut: tuple[NavItem, ...] | None = None  # nav in NAV_ORDER, routes that exist (worked out once)


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = Kait()


def _of(app: Flask | None = None) -> Kait:
    return (app or aplikasi()).extensions[EXTENSION]


# ------------------------------------------------------------------ registering (from init_app)


def add_nav(app: Flask, label: str, endpoint: str, visible: Callable[[object], bool], prefix: str) -> None:
    _of(app).nav.append(NavItem(label, endpoint, visible, prefix))
    _of(app).nav_terurut = None


def add_panel(app: Flask, build: Callable, pinned: bool = False) -> None:
    """``pinned``: shown above the other panels (unread announcements, the first-login checklist)."""
    if pinned:
        _of(app).pinned_panels.append(build)
    else:
        _of(app).panels.append(build)


def add_admin_menu(app: Flask, endpoint: str, label: str, keterangan: str) -> None:
    _of(app).admin_menu.append(AdminMenuItem(endpoint, label, keterangan))


def add_rhk_usage(app: Flask, count: Callable[[int], int]) -> None:
    _of(app).rhk_usage.append(count)


def add_aktivitas_viewer(app: Flask, may_view: Callable[[object, object], bool]) -> None:
    """``may_view(user, aktivitas) -> bool``: a further reason ``user`` may see ``aktivitas``."""
    _of(app).aktivitas_viewers.append(may_view)


def add_demo_step(app: Flask, order: int, step: Callable) -> None:
    """``order``: organisation is 0; dialog 10, SKP 20, aktivitas 30, evaluasi 40; later features above."""
    _of(app).demo_steps.append(DemoStep(order, step))


def add_section(app: Flask, tempat: str, build: Callable) -> None:
    _of(app).sections.setdefault(tempat, []).append(build)


def add_fakta_akun(app: Flask, key: str, build: Callable) -> None:
    _of(app).fakta_akun.append((key, build))


def add_fakta_bawahan(app: Flask, key: str, build: Callable) -> None:
    _of(app).fakta_bawahan.append((key, build))


# ------------------------------------------------------------------ reading (in a request or app context)


def nav_items_for(user) -> list[NavItem]:
    kait = _of()
    if kait.nav_terurut is None:  # the registry does not change once the app is built: order it once
        def position(item: NavItem) -> int:
            return NAV_ORDER.index(item.label) if item.label in NAV_ORDER else len(NAV_ORDER)

        kait.nav_terurut = tuple(item for item in sorted(kait.nav, key=position)
                                 if item.endpoint in current_app.view_functions)
    return [item for item in kait.nav_terurut if item.visible(user)]


def panels(pinned: bool = False) -> list[Callable]:
    """The Beranda panel builders; ``pinned=True``: those shown above everything else."""
    return list(_of().pinned_panels if pinned else _of().panels)


def fakta_akun() -> list[tuple[str, Callable]]:
    return list(_of().fakta_akun)


def fakta_bawahan() -> list[tuple[str, Callable]]:
    return list(_of().fakta_bawahan)


def admin_menu() -> list[AdminMenuItem]:
    return [item for item in _of().admin_menu if item.endpoint in current_app.view_functions]


def rhk_usage(rhk_id: int) -> int:
    return sum(count(rhk_id) for count in _of().rhk_usage)


def aktivitas_viewer(user, aktivitas) -> bool:
    return any(may_view(user, aktivitas) for may_view in _of().aktivitas_viewers)


def demo_steps() -> list[Callable]:
    return [s.step for s in sorted(_of().demo_steps, key=lambda s: s.order)]


def sections(tempat: str, actor, *objects) -> list:
    """The panels other features add to the page ``tempat`` (builders returning None are skipped)."""
    result = []
    for build in _of().sections.get(tempat, ()):
        panel = build(actor, *objects)
        if panel is not None:
            result.append(panel)
    return result
