"""Tahun Kinerja forms: shape only."""

from __future__ import annotations

from wtforms import BooleanField, DateField, IntegerField, SelectField
from wtforms.validators import InputRequired

from kinerja.formulir import FormulirDasar, pilihan
from kinerja.periode.rules import POLA, POLA_DEFAULT, POLA_LABEL


class TahunKinerjaForm(FormulirDasar):
    tahun = IntegerField("Tahun", validators=[InputRequired("Isi tahun, misalnya 2026.")])
    pola = SelectField("Pola Periode Evaluasi", choices=pilihan((p, POLA_LABEL[p]) for p in POLA), default=POLA_DEFAULT)


class BatasPengisianForm(FormulirDasar):
    batas_pengisian = DateField("Batas Pengisian", validators=[InputRequired("Isi batas pengisian dengan tanggal yang benar.")])


class TtdLebihAwalForm(FormulirDasar):
    izinkan = BooleanField("Izinkan tanda tangan sebelum periode berakhir")
