"""The page frame of ``base.html`` written in Python: the head's links, the header (main menu, search box,
notifications, account, logout), the flashed messages, and the footer with the scripts (issue #17).

Every full page renders the frame.  As Jinja it cost some six thousand Python steps per page, an eighth
of the day view's: each of its thirty-odd ``{{ … }}`` an escape, a context lookup and attribute lookups,
and each chunk of it passed up through the page's template, its blocks and its includes.  Here it is two
f-strings, the same markup.  ``base.html`` keeps the parts a page changes (the title block, the content
block) and calls ``kepala_halaman()`` after the title and ``kaki_halaman()`` after the content; what the
frame shows still comes from the template context (the features' context processors: ``instansi``,
``boleh_cari_pegawai``, ``bantuan_url``, ``notifikasi_belum_dibaca`` …), so a page that passes its own
value is shown as before.  Every text goes through ``aman`` (``markupsafe.escape`` as a str); the tests in
``tests/unit/test_kerangka.py`` pin the markup against the template it replaced."""

from __future__ import annotations

from flask import get_flashed_messages, url_for
from jinja2 import pass_context
from jinja2.filters import do_int
from markupsafe import Markup

from kinerja import kait
from kinerja.konteks import aplikasi, ingat, pengguna, permintaan
from kinerja.security import token_csrf
from kinerja.tautan import alamat_dasar
from kinerja.teks_aman import aman

BATAS_MENU = 1024  # remembered menus per process: (links shown, script root, path); forgotten all at once when full
KATEGORI_PESAN = {"error": "danger", "message": "info"}  # flash category → alert colour (others as they are)


def menu_utama() -> Markup:
    """The header's main navigation (the ``<li>`` items): the links the account may use, the current page
    marked.  Built in Python and remembered per (links, script root, path): the same markup on every page
    of the same kind, which in a template cost about a tenth of the day view's rendering."""
    user = pengguna()
    if not user.is_authenticated:
        return Markup("")
    items = kait.nav_items_for(user)
    req = permintaan()
    kunci = (tuple(item.endpoint for item in items), req.root_path, req.path)
    return ingat("kinerja.menu", kunci, BATAS_MENU, _menu, items, req.path)


def _menu(items, path: str) -> Markup:
    return Markup("").join(_menu_item(item, url_for(item.endpoint), path) for item in items)


def _menu_item(item, href: str, path: str) -> Markup:
    aktif = path == href or (item.prefix != "/" and path.startswith(item.prefix))
    tanda = ' active" aria-current="page' if aktif else ""
    return Markup('\n<li class="nav-item">\n  <a class="nav-link{}" href="{}">{}</a>\n</li>').format(
        Markup(tanda), href, item.label)


def _nama_dinas(ctx) -> str:
    instansi = ctx.get("instansi")
    return instansi.nama_dinas if instansi and instansi.nama_dinas else ""


@pass_context
def kepala_halaman(ctx) -> Markup:
    """``base.html`` from the end of the title to the start of the page's content."""
    t = alamat_dasar()
    user = pengguna()
    masuk = user.is_authenticated
    token = aman(token_csrf())
    nama_dinas = _nama_dinas(ctx)
    idle = (f'data-idle-timeout="{aman(ctx.get("idle_timeout_seconds"))}" '
            f'data-idle-warning="{aman(ctx.get("idle_warning_seconds"))}" data-ping-url="{aman(t.ping)}" '
            f'data-login-url="{aman(t.masuk)}"') if masuk else ""
    merek = f'<span class="brand-dinas d-none d-xxl-inline">{aman(nama_dinas)}</span>' if nama_dinas else ""
    menu = _kepala_masuk(ctx, t, user, token) if masuk else ""
    bantuan = ctx.get("bantuan_url")
    bantuan = (f'<p class="bantuan-link small mb-0 text-end"><a href="{aman(bantuan)}">Bantuan</a></p>'
               if bantuan and masuk else "")
    return Markup(
        f' · {aman(nama_dinas or "kinerja")}</title>\n'
        f'  \n'
        f'  <link rel="stylesheet" href="{aman(t.css_bootstrap)}">\n'
        f'  <link rel="stylesheet" href="{aman(t.css_app)}">\n'
        f'  <link rel="icon" href="{aman(t.favicon)}" type="image/svg+xml">\n'
        f'</head>\n'
        f'\n'
        f'<body hx-headers=\'{{"X-CSRFToken": "{token}"}}\'\n'
        f'      {idle}>\n'
        f'<a class="visually-hidden-focusable skip-link" href="#konten">Lewati ke konten utama</a>\n'
        f'<header>\n'
        f'  <nav class="navbar navbar-expand-xl navbar-dark bg-kinerja" aria-label="Navigasi utama">\n'
        f'    <div class="container-fluid">\n'
        f'      <a class="navbar-brand" href="{aman(t.beranda)}">\n'
        f'        <span class="fw-semibold">kinerja</span>\n'
        f'        {merek}\n'
        f'      </a>\n'
        f'      {menu}\n'
        f'    </div>\n'
        f'  </nav>\n'
        f'</header>\n'
        f'<div id="idle-warning" class="idle-warning alert alert-warning d-none" role="alertdialog" aria-live="assertive" '
        f'aria-labelledby="idle-warning-text">\n'
        f'  <span id="idle-warning-text">Sesi Anda akan berakhir dalam <strong data-idle-countdown>5 menit</strong> karena '
        f'tidak ada aktivitas.</span>\n'
        f'  <button type="button" class="btn btn-sm btn-primary ms-2" data-idle-extend>Tetap Masuk</button>\n'
        f'</div>\n'
        f'<main id="konten" class="container-lg py-3" tabindex="-1">\n'
        f'  <div id="htmx-error" class="alert alert-danger d-none" role="alert" aria-live="assertive"></div>\n'
        f'  {bantuan}\n'
        f'  {_pesan()}\n'
        f'  ')


def _kepala_masuk(ctx, t, user, token: str) -> str:
    """The header's part for a signed-in account: menu toggle, main menu, search box, notifications,
    account and logout."""
    cari = (f'\n        <form class="d-flex my-2 my-xl-0 me-xl-2" role="search" method="get" action="{aman(t.cari)}" '
            f'aria-label="Cari pegawai">\n'
            f'          <label class="visually-hidden" for="cari-q">Cari pegawai (nama atau NIP)</label>\n'
            f'          <input class="form-control form-control-sm" type="search" id="cari-q" name="q" '
            f'placeholder="Cari pegawai: nama/NIP" maxlength="100" autocomplete="off">\n'
            f'        </form>\n'
            f'        ') if ctx.get("boleh_cari_pegawai") else ""
    belum = do_int(ctx.get("notifikasi_belum_dibaca"))  # the template's ``|int``
    lencana = (f' <span class="badge text-bg-warning" aria-label="{belum} belum dibaca">{belum}</span>'
               if belum else "")
    return (
        f'\n      <button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#menu-utama"\n'
        f'              aria-controls="menu-utama" aria-expanded="false" aria-label="Buka menu">\n'
        f'        <span class="navbar-toggler-icon"></span>\n'
        f'      </button>\n'
        f'      <div class="collapse navbar-collapse" id="menu-utama">\n'
        f'        <ul class="navbar-nav me-auto">{menu_utama()}\n'
        f'        </ul>\n'
        f'        {cari}\n'
        f'        <ul class="navbar-nav">\n'
        f'          <li class="nav-item">\n'
        f'            <a class="nav-link" href="{aman(t.notifikasi)}">\n'
        f'              \n'
        f'              Notifikasi{lencana}\n'
        f'            </a>\n'
        f'          </li>\n'
        f'          <li class="nav-item"><a class="nav-link nav-nama" href="{aman(t.akun)}" title="Akun Saya">'
        f'{aman(user.nama_tampilan)}</a></li>\n'
        f'          <li class="nav-item">\n'
        f'            <form method="post" action="{aman(t.keluar)}" class="d-inline">\n'
        f'              <input type="hidden" name="csrf_token" value="{token}">\n'
        f'              <button type="submit" class="btn btn-link nav-link">Keluar</button>\n'
        f'            </form>\n'
        f'          </li>\n'
        f'        </ul>\n'
        f'      </div>\n'
        f'      ')


def _pesan() -> str:
    """The flashed messages (``aria-live``), or nothing."""
    pesan = get_flashed_messages(with_categories=True)
    if not pesan:
        return "\n  \n  "
    isi = "".join(f'\n    <div class="alert alert-{aman(KATEGORI_PESAN.get(kategori, kategori))}" role="status">'
                  f'{aman(teks)}</div>\n    ' for kategori, teks in pesan)
    return f'\n  \n  <div class="flash-area" aria-live="polite">\n    {isi}\n  </div>\n  \n  '


@pass_context
def kaki_halaman(ctx) -> Markup:
    """``base.html`` after the page's content: the footer and the scripts."""
    t = alamat_dasar()
    instansi = ctx.get("instansi")
    asal = f"{aman(instansi.nama_pemda)} · {aman(instansi.nama_dinas)}" if instansi else ""
    config = aplikasi().config
    if config["HTMX_CDN"]:
        htmx = (f'<script src="{aman(t.htmx_pemuat)}" data-cdn="{aman(config["HTMX_CDN_URL"])}" '
                f'data-integrity="{aman(config["HTMX_INTEGRITY"])}" data-local="{aman(t.htmx_lokal)}" '
                f'data-timeout="{aman(config["HTMX_CDN_TIMEOUT_MS"])}"></script>')
    else:
        htmx = f'<script src="{aman(t.htmx_lokal)}"></script>'
    return Markup(
        f'\n</main>\n'
        f'<footer class="container-lg py-3 small text-body-secondary">\n'
        f'  {asal} — kinerja, pengelolaan kinerja pegawai ASN (PermenPANRB 6/2022)\n'
        f'</footer>\n'
        f'\n{htmx}\n\n'
        f'<script src="{aman(t.js_bootstrap)}"></script>\n'
        f'<script src="{aman(t.js_app)}"></script>\n'
        f'</body>\n'
        f'</html>')
