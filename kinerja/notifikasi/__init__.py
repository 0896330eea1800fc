"""Notifikasi (C10): in-app notifications, their e-mail (per-user choice, daily digest), the
reminders of ``flask send-reminders`` and the "Lupa kata sandi?" link."""

from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("notifikasi", __name__, url_prefix="/notifikasi")


def _bagian_akun(actor):
    from kinerja.beranda.services import Panel

    pegawai = getattr(actor, "pegawai", None)
    return Panel("notifikasi/partials/_bagian_akun.html", {"surel": pegawai.email if pegawai else None})


def init_app(app: Flask) -> None:
    from kinerja.demo import notifikasi as demo
    from kinerja.notifikasi import cli, lupa_sandi, surel

    app.register_blueprint(bp)
    app.register_blueprint(lupa_sandi.bp)
    surel.init_app(app)
    cli.init_app(app)
    kait.add_section(app, "akun", _bagian_akun)
    # After aktivitas (30) and every later step: Andi's returned entry and his Surel.
    kait.add_demo_step(app, 60, demo.load)
    # The login page links "Lupa kata sandi?" only when e-mail can be sent.
    app.context_processor(lambda: {"lupa_sandi_surel": surel.smtp_aktif()})


from kinerja.notifikasi import views  # noqa: E402,F401
