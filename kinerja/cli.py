"""Thin click commands over services (``flask --app app …``)."""

from __future__ import annotations

import getpass
import logging
import sys

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from kinerja.errors import DomainError
from kinerja.extensions import db


def init_app(app: Flask) -> None:
    for command in (demo_data, create_admin, audit_verify, backup, import_pegawai):
        app.cli.add_command(command)


@click.command("demo-data")
@click.option("--scale", type=int, default=None, help="Buat N pegawai dengan log setahun (untuk benchmark).")
@click.option("--seed", type=int, default=2026, show_default=True)
@click.option("--if-empty", is_flag=True, help="Hanya isi bila basis data masih kosong.")
@with_appcontext
def demo_data(scale, seed, if_empty):
    """Isi data demo (idempoten)."""
    from kinerja.demo import load_demo

    # The summary lines say what was made; the hundreds of per-event audit lines would bury them.
    quiet = logging.getLogger("kinerja")
    level = quiet.level
    quiet.setLevel(logging.WARNING)
    try:
        result = load_demo(scale=scale, seed=seed, only_if_empty=if_empty)
    finally:
        quiet.setLevel(level)
    click.echo(result.summary())


@click.command("create-admin")
@click.option("--username", prompt="Nama pengguna admin")
@click.option("--password", default=None, help="Jika kosong, ditanyakan tanpa ditampilkan.")
@with_appcontext
def create_admin(username, password):
    """Buat akun admin kepegawaian."""
    from kinerja.akun.services import create_admin as make

    if password is None:
        password = getpass.getpass("Kata sandi (min. 12 karakter): ")
    try:
        akun = make(username, password)
    except DomainError as err:
        raise click.ClickException(err.message) from err
    click.echo(f"Admin '{akun.username}' dibuat.")


@click.command("audit-verify")
@with_appcontext
def audit_verify():
    """Periksa keutuhan rantai jejak audit."""
    from flask import current_app

    from kinerja.audit.rules import key_fingerprint
    from kinerja.audit.services import chain_head, verify_chain

    checked, problem = verify_chain()
    head = chain_head()
    # One line to write down or send to syslog (logger -t kinerja-audit): a later run must show the
    # same hash at that count, or a longer chain; anything else means the chain was rolled back.
    head_line = (f"Kepala rantai: kejadian #{head.event_id or 0}, {head.jumlah} kejadian, hash {head.hash} "
                 f"(kunci audit {key_fingerprint(current_app.config['AUDIT_KEY'])})")
    if problem is None:
        click.echo(f"Jejak audit utuh: {checked} kejadian diperiksa.")
        click.echo(head_line)
        return
    click.echo(head_line, err=True)
    where = f"pada kejadian #{problem.event_id}" if problem.event_id else "di ujung rantai"
    click.echo(f"JEJAK AUDIT RUSAK {where}: {problem.reason}. ({checked} kejadian sebelumnya utuh.)", err=True)
    sys.exit(1)


@click.command("backup")
@click.argument("dest", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def backup(dest):
    """Cadangkan basis data secara daring dan konsisten."""
    from kinerja.operasi import backup_database

    try:
        message = backup_database(db.engine, dest)
    except ValueError as err:
        raise click.ClickException(str(err)) from err
    click.echo(message)


@click.command("import-pegawai")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Periksa saja, tanpa menyimpan.")
@with_appcontext
def import_pegawai(file, dry_run):
    """Impor pegawai dari CSV/XLSX (format ekspor SIMPEG)."""
    from kinerja.jobs.bilah import BilahKemajuan
    from kinerja.organisasi.impor import run_import_file

    # Above IMPOR_BATAS_LATAR rows the rows checked show on a progress bar (as the web import's job does).
    bilah = BilahKemajuan("Memeriksa baris") if _baris_berkas(file) > current_app.config["IMPOR_BATAS_LATAR"] else None
    try:
        report = run_import_file(None, file, dry_run=dry_run, kemajuan=bilah)
    finally:
        if bilah is not None:
            bilah.selesai()
    for line in report.lines():
        click.echo(line)
    if report.errors:
        sys.exit(1)


def _baris_berkas(file) -> int:
    from pathlib import Path

    from kinerja.organisasi.impor.berkas import baca_berkas
    from kinerja.organisasi.impor.rules import BerkasError

    try:
        return len(baca_berkas(Path(file).read_bytes(), Path(file).name).rows)
    except (OSError, BerkasError):
        return 0
