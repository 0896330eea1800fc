"""Announcement form: shape only."""

from __future__ import annotations

from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from kinerja.formulir import FormulirDasar, optional_id, pilihan
from kinerja.pengumuman.rules import ISI_MAKS, JUDUL_MAKS, PERAN

CAKUPAN = {"dinas": "Seluruh dinas", "unit": "Unit kerja tertentu"}


class SasaranFormMixin:
    cakupan = SelectField("Sasaran", choices=pilihan(CAKUPAN.items()), default="dinas")
    unit_id = SelectField("Unit Kerja", coerce=optional_id, validate_choice=False)
    sub_unit = BooleanField("Termasuk sub-unit", default=True)
    peran = SelectField("Peran Penerima", choices=pilihan(PERAN.items()), default="semua")


class PengumumanForm(SasaranFormMixin, FormulirDasar):
    judul = StringField("Judul", validators=[DataRequired("Judul wajib diisi."),
                                             Length(max=JUDUL_MAKS, message=f"Judul paling panjang {JUDUL_MAKS} karakter.")])
    isi = TextAreaField("Isi", validators=[DataRequired("Isi pengumuman wajib diisi."),
                                           Length(max=ISI_MAKS, message=f"Isi paling panjang {ISI_MAKS} karakter.")])
    lampiran = MultipleFileField("Lampiran")
    wajib = BooleanField("Wajib dibaca")


def unit_pilihan(choices) -> list:
    return pilihan([("", "— Pilih unit —"), *choices])
