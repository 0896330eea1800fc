"""Rencana aksi (issue #11 §4): each RHK of an approved SKP broken down per triwulan or per month.

The pegawai writes them; the atasan sees them on the SKP page; daily entries may point at one;
the evaluation and the month view show what was planned against what approved entries delivered.
"""

from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("rencana_aksi", __name__, url_prefix="/rencana-aksi")


def _skp_section(actor, skp):
    from kinerja.beranda.services import Panel
    from kinerja.organisasi.permissions import pegawai_id_of
    from kinerja.rencana_aksi import queries

    if not skp.versi:
        return None
    return Panel("rencana_aksi/partials/_skp.html", {
        "skp": skp, "rhk": queries.progres_skp(skp), "milik": pegawai_id_of(actor) == skp.pegawai_id})


def _evaluasi_section(actor, ev):
    from kinerja.beranda.services import Panel
    from kinerja.rencana_aksi import queries

    rows = queries.progres_skp(ev.skp, ev.periode.tanggal_mulai, ev.periode.tanggal_selesai, bukti=True)
    if not any(r.aksi for r in rows):
        return None
    return Panel("rencana_aksi/partials/_evaluasi.html", {"rhk": rows, "periode": ev.periode})


def _bulan_section(actor, pegawai_id, bulan):
    from kinerja.beranda.services import Panel
    from kinerja.rencana_aksi import queries

    rows = queries.progres_bulan(pegawai_id, bulan)
    return Panel("rencana_aksi/partials/_bulan.html", {"rows": rows, "bulan": bulan}) if rows else None


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    kait.add_section(app, "skp", _skp_section)
    kait.add_section(app, "evaluasi", _evaluasi_section)
    kait.add_section(app, "aktivitas_bulan", _bulan_section)
    # Demo: loaded by kinerja.ketidakhadiran's demo step (one summary line for issue #11).


from kinerja.rencana_aksi import views  # noqa: E402,F401
