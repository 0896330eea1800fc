"""Verifikasi & umpan balik: the atasan's inbox (C3)."""

from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("verifikasi", __name__, url_prefix="/verifikasi")


def _nav_visible(user) -> bool:
    from kinerja.verifikasi.permissions import user_is_verifikator

    return user_is_verifikator(user)


def _panel_beranda(actor):
    from kinerja.beranda.services import Panel
    from kinerja.verifikasi.queries import panel

    data = panel(actor)
    return Panel("verifikasi/partials/_panel_beranda.html", {"panel": data}) if data is not None else None


def _may_view_aktivitas(user, aktivitas) -> bool:
    from kinerja.verifikasi.permissions import can_verify, pegawai_id_of

    return can_verify(pegawai_id_of(user), aktivitas)


def _fakta_verifikator(pegawai_id_kolom):
    from kinerja.verifikasi.permissions import fakta_mungkin_verifikator

    return fakta_mungkin_verifikator(pegawai_id_kolom)


def _fakta_bebas_lapor(pegawai, hari_ini):
    """A subordinate who need not log today: an approved cuti, dinas luar, sakit or tugas belajar."""
    from sqlalchemy import exists

    from kinerja.models import Ketidakhadiran

    return exists().where(Ketidakhadiran.pegawai_id == pegawai.id, Ketidakhadiran.status == "Disetujui",
                          Ketidakhadiran.tanggal_mulai <= hari_ini, Ketidakhadiran.tanggal_selesai >= hari_ini)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    kait.add_aktivitas_viewer(app, _may_view_aktivitas)  # a delegated verifier sees the entries and their bukti
    kait.add_nav(app, "Verifikasi", "verifikasi.index", _nav_visible, "/verifikasi")
    kait.add_panel(app, _panel_beranda)
    kait.add_fakta_akun(app, "mungkin_verifikator", _fakta_verifikator)
    kait.add_fakta_bawahan(app, "bebas_lapor", _fakta_bebas_lapor)
    kait.add_admin_menu(app, "verifikasi.delegasi", "Delegasi Verifikasi",
                        "Pegawai lain yang memverifikasi aktivitas sebuah unit selama atasan berhalangan.")

from kinerja.verifikasi import views  # noqa: E402,F401
