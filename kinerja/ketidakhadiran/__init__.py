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
    from kinerja.percache import known
    from kinerja.waktu import today_local

    pid = pegawai_id_of(actor)
    if pid is None:
        return None
    per_bawahan = known(f"pengajuan_menunggu:{pid}:{today_local()}")  # the Beranda's subordinates query
    jumlah = sum(per_bawahan.values()) if per_bawahan is not None else jumlah_menunggu(pid)
    return Panel("ketidakhadiran/partials/_panel_beranda.html", {"jumlah": jumlah}) if jumlah else None


def _fakta_menunggu(pegawai, _hari_ini):
    """Each subordinate's absence requests waiting for a decision (for the Beranda panel)."""
    from sqlalchemy import func, select

    from kinerja.ketidakhadiran import rules
    from kinerja.models import Ketidakhadiran

    return (select(func.count(Ketidakhadiran.id))
            .where(Ketidakhadiran.pegawai_id == pegawai.id, Ketidakhadiran.status == rules.DIAJUKAN)
            .scalar_subquery())


def init_app(app: Flask) -> None:
    from kinerja.demo import ketidakhadiran as demo
    from kinerja.demo import rencana_aksi as demo_ra

    def _demo(result, ctx, seed: int = 2026, scale: int | None = None) -> None:
        """Issue #11 demo (absences, rencana aksi) in one summary line."""
        demo.load_ketidakhadiran(result, ctx, seed, scale)
        demo_ra.load_rencana_aksi(result, ctx, seed, scale)
        result.lines[-2:] = ["; ".join(line.rstrip(".") for line in result.lines[-2:]) + "."]

    app.register_blueprint(bp)
    kait.add_panel(app, _beranda_panel)
    kait.add_fakta_bawahan(app, "pengajuan_menunggu", _fakta_menunggu)
    kait.add_admin_menu(app, "ketidakhadiran.index", "Ketidakhadiran",
                        "Cuti, dinas luar, sakit dan tugas belajar pegawai; impor dari CSV sistem absensi.")
    kait.add_demo_step(app, 60, _demo)


from kinerja.ketidakhadiran import views  # noqa: E402,F401
