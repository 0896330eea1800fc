"""The queue's own periodic work: hand over jobs the queue never received; remove expired results."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from kinerja.jobs.layanan import berkala, hapus_kedaluwarsa, pulihkan


@berkala(minute="*/5")
def antrekan_ulang() -> int:
    return pulihkan()


def hapus_berkas(row) -> None:
    """A result file lives under UPLOAD_DIR (``Pekerjaan.berkas_hasil`` is relative to it)."""
    (Path(current_app.config["UPLOAD_DIR"]) / row.berkas_hasil).unlink(missing_ok=True)


@berkala(minute="20", hour="*")
def bersihkan_hasil() -> int:
    """Results are kept ``simpan_hari`` days (Cetak Massal: 7), then removed."""
    return hapus_kedaluwarsa(hapus_berkas)
