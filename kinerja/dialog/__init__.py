"""Dialog kinerja: leaders' meetings with their staff (C6)."""

import click
from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("dialog", __name__, url_prefix="/dialog", cli_group="dialog")



def _beranda_panel(actor):
    from kinerja.beranda.services import Panel
    from kinerja.dialog.queries import ringkasan_beranda

    ringkasan = ringkasan_beranda(actor)
    return None if ringkasan is None else Panel("dialog/partials/_panel_beranda.html", {"ringkasan": ringkasan})


def init_app(app: Flask) -> None:
    from flask.cli import with_appcontext

    from kinerja.demo import dialog as demo

    app.register_blueprint(bp)
    kait.add_nav(app, "Dialog Kinerja", "dialog.index", lambda user: getattr(user, "pegawai_id", None) is not None,
                 "/dialog")
    kait.add_panel(app, _beranda_panel)
    kait.add_demo_step(app, 10, demo.load)

    # Also ``flask --app app dialog-reminders`` for cron (the same command as ``dialog kirim-pengingat``).
    @click.command("dialog-reminders", help=_kirim_pengingat.__doc__)
    @_tanggal_option()
    @with_appcontext
    def dialog_reminders(tanggal):
        _kirim_pengingat(tanggal)

    app.cli.add_command(dialog_reminders)


def _kirim_pengingat(tanggal):
    """Ingatkan penanggung jawab tindak lanjut dialog yang jatuh tempo besok (aman dijalankan berulang)."""
    from datetime import date

    from kinerja.dialog.services import notify_followups_due, zona_instansi
    from kinerja.waktu import today_local

    try:
        today = date.fromisoformat(tanggal) if tanggal else today_local(zona_instansi())
    except ValueError as err:
        raise click.BadParameter("Gunakan format TTTT-BB-HH, misalnya 2026-05-18.", param_hint="--tanggal") from err
    jumlah = notify_followups_due(today)
    click.echo(f"Pengingat tindak lanjut dialog: {jumlah} notifikasi dikirim.")


def _tanggal_option():
    return click.option("--tanggal", default=None, help="Tanggal hari ini (TTTT-BB-HH); bawaan: hari ini.")


@bp.cli.command("kirim-pengingat")
@_tanggal_option()
def kirim_pengingat(tanggal):
    """Ingatkan penanggung jawab tindak lanjut dialog yang jatuh tempo besok (aman dijalankan berulang)."""
    _kirim_pengingat(tanggal)


from kinerja.dialog import views  # noqa: E402,F401
