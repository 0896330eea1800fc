"""Dialog kinerja: leaders' meetings with their staff (C6)."""

import click
from flask import Blueprint

from kinerja import navigasi

bp = Blueprint("dialog", __name__, url_prefix="/dialog", cli_group="dialog")

navigasi.register("Dialog Kinerja", "dialog.index", lambda user: getattr(user, "pegawai_id", None) is not None,
                  "/dialog")


def _beranda_panel(actor):
    from kinerja.beranda.services import Panel
    from kinerja.dialog.queries import ringkasan_beranda

    ringkasan = ringkasan_beranda(actor)
    return None if ringkasan is None else Panel("dialog/partials/_panel_beranda.html", {"ringkasan": ringkasan})


def _register_panel() -> None:
    from kinerja.beranda.services import PANELS

    if _beranda_panel not in PANELS:
        PANELS.append(_beranda_panel)


_register_panel()


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


@bp.record_once
def _top_level_cli(state) -> None:
    """Also ``flask --app app dialog-reminders`` for cron, without touching kinerja/cli.py."""
    from flask.cli import with_appcontext

    if "dialog-reminders" not in state.app.cli.commands:
        @click.command("dialog-reminders", help=_kirim_pengingat.__doc__)
        @_tanggal_option()
        @with_appcontext
        def command(tanggal):
            _kirim_pengingat(tanggal)

        state.app.cli.add_command(command)


from kinerja.dialog import views  # noqa: E402,F401
