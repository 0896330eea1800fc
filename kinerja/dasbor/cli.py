"""``flask rekap predikat|bulanan|kepatuhan --unit … --periode|--bulan … --out FILE.xlsx`` (for the admin)."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext


def _unit(c, nilai: str | None) -> int:
    if not nilai:
        if not c.akar:
            raise click.UsageError("Belum ada unit kerja.")
        return c.akar[0]
    if nilai.isdigit() and int(nilai) in c.units:
        return int(nilai)
    cocok = [u.id for u in c.units.values() if u.nama.lower() == nilai.strip().lower()]
    if len(cocok) != 1:
        raise click.BadParameter(f"Unit kerja tidak ditemukan: {nilai}", param_hint="--unit")
    return cocok[0]


def _periode(nilai: str | None):
    from kinerja.dasbor import queries
    from kinerja.waktu import today_local

    periodes = queries.list_periode()
    if nilai and "-" in nilai:  # 2026-S1
        tahun, kode = nilai.split("-", 1)
        cocok = [p for p in periodes if str(p.tahun) == tahun and p.kode.upper() == kode.upper()]
        if not cocok:
            raise click.BadParameter(f"Periode tidak ditemukan: {nilai}", param_hint="--periode")
        return cocok[0]
    try:
        per = queries.get_periode(int(nilai) if nilai else None, periodes, today_local())
    except (ValueError, Exception) as exc:
        raise click.BadParameter(f"Periode tidak ditemukan: {nilai}", param_hint="--periode") from exc
    if per is None:
        raise click.UsageError("Belum ada periode evaluasi.")
    return per


@click.command("rekap")
@click.argument("jenis", type=click.Choice(["predikat", "bulanan", "kepatuhan"]))
@click.option("--unit", help="Id atau nama unit kerja (bawaan: unit teratas).")
@click.option("--periode", help="Untuk predikat: id periode atau TAHUN-KODE, misalnya 2026-S1.")
@click.option("--bulan", help="Untuk bulanan/kepatuhan: YYYY-MM (bawaan: bulan ini).")
@click.option("--out", "keluaran", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Berkas .xlsx tujuan.")
@with_appcontext
def rekap(jenis, unit, periode, bulan, keluaran):
    """Buat Rekap Predikat, Rekap Capaian Bulanan, atau Rekap Kepatuhan (Excel)."""
    from kinerja.dasbor import publik, queries
    from kinerja.dasbor import rekap as buku
    from kinerja.laporan.rules import parse_bulan
    from kinerja.waktu import today_local

    hari_ini = today_local()
    c = queries.cakupan(publik._Sistem())
    unit_id = _unit(c, unit)
    if jenis == "predikat":
        isi = buku.rekap_predikat(c, unit_id, _periode(periode), hari_ini)
    else:
        if bulan and parse_bulan(bulan, hari_ini) == (hari_ini.year, hari_ini.month) and \
                not bulan.startswith(f"{hari_ini.year:04d}-"):
            raise click.BadParameter("Tulis bulan sebagai YYYY-MM, misalnya 2026-03.", param_hint="--bulan")
        tahun, bln = parse_bulan(bulan, hari_ini)
        isi = buku.JENIS[jenis][1](c, unit_id, tahun, bln, hari_ini)
    keluaran.write_bytes(isi)
    click.echo(f"{buku.JENIS[jenis][0]} untuk {c.units[unit_id].nama} ditulis ke {keluaran} ({len(isi):,} bita).")
