"""``flask jobs``: the queue's consumer (runs the background jobs until Ctrl-C / SIGTERM)."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import with_appcontext


@click.command("jobs")
@click.option("--workers", "-w", type=int, default=2, show_default=True, help="Jumlah pekerja.")
@click.option("--tipe", "-k", type=click.Choice(["thread", "process"]), default="thread", show_default=True,
              help="Pekerja berupa thread atau proses (proses: pakai semua inti untuk membuat PDF).")
@click.option("--tanpa-berkala", is_flag=True, help="Jangan jalankan tugas berkala (bila ada konsumen lain).")
@with_appcontext
def jobs(workers, tipe, tanpa_berkala):
    """Jalankan konsumen antrean pekerjaan latar (cetak massal, impor besar, surel)."""
    from kinerja.extensions import db
    from kinerja.jobs.antrian import huey, uraian
    from kinerja.jobs.layanan import jenis_terdaftar, pulihkan

    if huey.immediate:
        raise click.ClickException("Antrean dalam mode segera (uji): tidak ada yang perlu dikonsumsi.")
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("huey").setLevel(logging.INFO)
    app = current_app._get_current_object()

    @huey.on_startup()
    def _koneksi_baru():  # a forked worker must not share the parent's database connections
        with app.app_context():
            db.engine.dispose(close=False)

    diserahkan = pulihkan()
    click.echo(f"Antrean: {uraian()}; {workers} pekerja ({tipe}); jenis: {', '.join(sorted(jenis_terdaftar()))}.")
    if diserahkan:
        click.echo(f"{diserahkan} pekerjaan yang belum masuk antrean diserahkan ulang.")
    consumer = huey.create_consumer(workers=workers, worker_type=tipe, periodic=not tanpa_berkala,
                                    check_worker_health=True)
    consumer.run()
