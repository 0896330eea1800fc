"""Dasbor forms (shape only)."""

from __future__ import annotations

from wtforms import BooleanField

from kinerja.formulir import FormulirDasar


class HalamanPublikForm(FormulirDasar):
    aktif = BooleanField("Tampilkan halaman publik Kinerja Organisasi (tanpa login)")
