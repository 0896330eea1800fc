"""GET /cari/?q=… : the results, each pegawai with the pages the actor may open for them."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_login import login_required

from kinerja.akses import aktor
from kinerja.cari import bp, queries, rules
from kinerja.cari.permissions import can_search
from kinerja.organisasi.permissions import is_admin
from kinerja.waktu import today_local


@bp.get("/")
@login_required
def index():
    actor = aktor()
    if not can_search(actor):
        abort(403)
    raw = request.args.get("q", "")
    kueri = rules.baca_kueri(raw)
    hasil = queries.cari_pegawai(actor, kueri)
    return render_template("cari/hasil.html", title="Cari Pegawai", q=raw[: rules.MAKS_KUERI], kueri=kueri, hasil=hasil,
                  admin=is_admin(actor), hari_ini=today_local(), batas=queries.BATAS)
