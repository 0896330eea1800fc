"""Mutasi, promosi, ganti atasan and Plt/Plh (issue #11 §1–§2).

The admin records a change of position with its effective date ("Catat Mutasi"): the running SKP
ends the day before, the history of positions (riwayat jabatan) keeps both, and the pegawai starts
a new SKP approved by the new atasan.  The admin records a penugasan Plt/Plh: while it runs the
acting official is the effective atasan (:mod:`kinerja.atasan`, asked by every permission).
"""

from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("mutasi", __name__, url_prefix="/mutasi")


def _fakta_plt(pegawai_id_kolom):
    from kinerja.atasan import fakta_plt_sekitar

    return fakta_plt_sekitar(pegawai_id_kolom)


def init_app(app: Flask) -> None:
    from kinerja.demo import mutasi as demo
    from kinerja.mutasi.views import bagian_evaluasi, bagian_pegawai

    app.register_blueprint(bp)
    kait.add_admin_menu(app, "mutasi.penugasan", "Penugasan Plt/Plh",
                        "Pelaksana Tugas atau Pelaksana Harian pimpinan unit: persetujuan SKP, verifikasi, "
                        "evaluasi, keberatan, dan dialog kinerja berpindah selama penugasan.")
    kait.add_section(app, "pegawai", bagian_pegawai)
    kait.add_section(app, "evaluasi", bagian_evaluasi)
    kait.add_demo_step(app, 47, demo.load)
    kait.add_fakta_akun(app, "plt_sekitar", _fakta_plt)


from kinerja.mutasi import views  # noqa: E402,F401
