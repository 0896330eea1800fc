"""A terminal progress bar with the ``Konteks`` shape (``mulai``/``maju``), for CLI commands that run
a job's work in the foreground (``flask print-evaluations``, ``flask import-pegawai`` > 1.000 rows)."""

from __future__ import annotations

import sys

import click


class BilahKemajuan:
    def __init__(self, label: str):
        self.label = label
        self.bar = None

    def mulai(self, total: int, keterangan: str = "") -> None:
        self.selesai()
        self.bar = click.progressbar(length=max(total, 1), label=self.label, show_pos=True, width=30, file=sys.stderr)
        self.bar.__enter__()
        if total == 0:
            self.bar.update(1)

    def maju(self, n: int = 1, keterangan: str | None = None) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def selesai(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
