"""``flask send-reminders [--dry-run] [--tanggal YYYY-MM-DD]`` (cron, see README)."""

from __future__ import annotations

from datetime import datetime

import click
from flask import Flask
from flask.cli import with_appcontext

from kinerja.notifikasi import pengingat
from kinerja.waktu import today_local


def init_app(app: Flask) -> None:
    app.cli.add_command(send_reminders)


def _tanggal(ctx, param, value):
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as err:
        raise click.BadParameter("Gunakan format YYYY-MM-DD, misalnya 2026-11-30.") from err


def _cetak(hasil: pengingat.Hasil, dry_run: bool) -> None:
    if hasil.menunggu_jam is not None:
        click.echo(f"Pengingat aktivitas hari ini dikirim mulai pukul {hasil.menunggu_jam:02d}.00; "
                   "pegawai yang belum mengisi hari ini tercantum di bawah bila ada.")
    for p in hasil.pengingat:
        click.echo(f"{pengingat.JUDUL[p.jenis]:<24} {p.nip:<18} {p.nama}: {p.pesan}")


@click.command("send-reminders")
@click.option("--dry-run", is_flag=True, help="Tampilkan siapa akan menerima apa, tanpa mengirim.")
@click.option("--tanggal", callback=_tanggal, default=None, metavar="YYYY-MM-DD", help="Hari pengingat (bawaan: hari ini).")
@with_appcontext
def send_reminders(dry_run: bool, tanggal):
    """Kirim pengingat: belum mengisi aktivitas, verifikasi tertunda, SKP, tenggat evaluasi, tindak lanjut dialog.

    Aman dijalankan berulang: pengingat yang sudah terkirim pada hari itu tidak dikirim lagi."""
    inst = pengingat.instansi()
    tanggal = tanggal or today_local(inst.zona_waktu if inst else "Asia/Jakarta")
    if dry_run:
        hasil = pengingat.kumpulkan(tanggal)
        if hasil.menunggu_jam is not None:
            hasil.pengingat = pengingat.belum_mengisi(tanggal) + hasil.pengingat
        _cetak(hasil, True)
        click.echo(f"Uji coba {tanggal.isoformat()}: {len(hasil.pengingat)} pengingat akan dikirim; tidak ada yang dikirim.")
        return
    from kinerja.notifikasi.surel import smtp_aktif

    hasil = pengingat.kirim(tanggal)
    surel = ("surel dikirim oleh pekerjaan latar (flask jobs)." if smtp_aktif()
             else "tanpa surel (KINERJA_MAIL_SERVER belum diisi).")
    click.echo(f"Pengingat {tanggal.isoformat()}: {hasil.terkirim} dikirim, {hasil.sudah} sudah dikirim sebelumnya; {surel}")
