"""``flask print-evaluations``: a Cetak Massal from the command line, with a progress bar."""

from __future__ import annotations

import logging
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from kinerja.errors import DomainError
from kinerja.jobs.bilah import BilahKemajuan


@click.command("print-evaluations")
@click.option("--periode", "periode_id", type=int, required=True, help="Id periode (lihat halaman Periode).")
@click.option("--unit", "unit_id", type=int, default=None, help="Id unit kerja; tanpa ini seluruh dinas.")
@click.option("--tanpa-sub-unit", is_flag=True, help="Hanya unit itu sendiri, tanpa sub-unitnya.")
@click.option("--dokumen", default="B,C", show_default=True, help="Dokumen: B, C, SKP, LKH (pisahkan dengan koma).")
@click.option("--bulan", type=click.IntRange(1, 12), default=None, help="Bulan LKH (1–12), wajib bila --dokumen memuat LKH.")
@click.option("--out", "tujuan", type=click.Path(dir_okay=False, writable=True), required=True,
              help="Berkas hasil: .zip (satu PDF per dokumen) atau .pdf (satu PDF gabungan dengan daftar isi).")
@with_appcontext
def print_evaluations(periode_id, unit_id, tanpa_sub_unit, dokumen, bulan, tujuan):  # noqa: PLR0913  one option each
    """Cetak Massal: semua dokumen satu periode (dan unit) ke satu ZIP atau PDF gabungan."""
    from kinerja.cetak import rules
    from kinerja.cetak.bangun import AKTOR_SISTEM, Permintaan, bangun

    try:
        kode = rules.urai_dokumen(dokumen)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--dokumen") from err
    if not kode:
        raise click.BadParameter("Pilih minimal satu dokumen.", param_hint="--dokumen")
    if "LKH" in kode and bulan is None:
        raise click.BadParameter("Sebutkan bulan LKH, misalnya --bulan 6.", param_hint="--bulan")
    fmt = "pdf" if tujuan.lower().endswith(".pdf") else "zip"
    p = Permintaan(periode_id, tuple(kode), unit_id, not tanpa_sub_unit, bulan, fmt)
    bilah = BilahKemajuan("Mencetak")
    # The bar says how far it got; a log line per rendered PDF would push it off the screen.
    log = logging.getLogger("kinerja")
    level = log.level
    log.setLevel(logging.WARNING)
    try:
        hasil = bangun(p, AKTOR_SISTEM, current_app.config.get("KINERJA_BASE_URL"), Path(tujuan).resolve(), bilah)
    except DomainError as err:
        raise click.ClickException(err.message) from err
    finally:
        bilah.selesai()
        log.setLevel(level)
    click.echo(f"{hasil['dokumen']} dokumen untuk {hasil['pegawai']} pegawai ditulis ke {tujuan}.")
    if hasil["dilewati"]:
        click.echo(f"Dilewati (tidak dapat dicetak): {', '.join(hasil['dilewati'])}", err=True)
