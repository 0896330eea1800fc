"""Ketidakhadiran (issue #11 §3): cuti, dinas luar, sakit, tugas belajar per pegawai.

Requested by the pegawai and approved by his atasan, recorded by the admin, or imported from the
attendance system's CSV.  Approved absences are read by kinerja.kalender (not days to log, pro-rata target).
"""

from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("ketidakhadiran", __name__, url_prefix="/ketidakhadiran")


def _beranda_panel(actor):
    from kinerja.beranda.services import Panel
    from kinerja.ketidakhadiran.queries import jumlah_menunggu
    from kinerja.organisasi.permissions import pegawai_id_of

    pid = pegawai_id_of(actor)
    jumlah = jumlah_menunggu(pid) if pid else 0
    return Panel("ketidakhadiran/partials/_panel_beranda.html", {"jumlah": jumlah}) if jumlah else None


def init_app(app: Flask) -> None:
    from kinerja.demo import ketidakhadiran as demo
    from kinerja.demo import rencana_aksi as demo_ra

    def _demo(result, ctx, seed: int = 2026, scale: int | None = None) -> None:
        """Issue #11 demo (absences, rencana aksi) in one summary line."""
        demo.load_ketidakhadiran(result, ctx, seed, scale)
        demo_ra.load_rencana_aksi(result, ctx, seed, scale)
        result.lines[-2:] = ["; ".join(result.lines[-2:])]

    app.register_blueprint(bp)
    kait.add_panel(app, _beranda_panel)
    kait.add_admin_menu(app, "ketidakhadiran.index", "Ketidakhadiran",
                        "Cuti, dinas luar, sakit dan tugas belajar pegawai; impor dari CSV sistem absensi.")
    kait.add_demo_step(app, 60, _demo)


from kinerja.ketidakhadiran import views  # noqa: E402,F401
