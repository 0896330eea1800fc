"""Rencana aksi form: shape only."""

from __future__ import annotations

from wtforms import DecimalField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange

from kinerja.formulir import WAJIB, FormulirDasar, optional_id
from kinerja.rencana_aksi.rules import URAIAN_MAKS


class UbahRencanaAksiForm(FormulirDasar):
    """Text, target and unit: what the pegawai may correct (the RHK and the period stay)."""

    uraian = StringField("Rencana Aksi", validators=[
        InputRequired(WAJIB), Length(max=URAIAN_MAKS, message=f"Paling panjang {URAIAN_MAKS} karakter.")])
    target = DecimalField("Target", places=2, validators=[
        InputRequired("Isi target."), NumberRange(min=0, max=999_999_999, message="Target harus 0 atau lebih.")])
    satuan = StringField("Satuan", validators=[InputRequired(WAJIB), Length(max=60, message="Paling panjang 60 karakter.")])


class RencanaAksiForm(UbahRencanaAksiForm):
    rhk_id = SelectField("Rencana Hasil Kerja", coerce=optional_id, validate_choice=False, choices=[],
                         validators=[InputRequired("Pilih rencana hasil kerja.")])
    kode = SelectField("Periode", validate_choice=False, choices=[], validators=[InputRequired("Pilih periode.")])
