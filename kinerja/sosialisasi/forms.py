"""Sosialisasi session form: shape only."""

from __future__ import annotations

from wtforms import SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from kinerja.formulir import FormulirDasar, TanggalField, pilihan
from kinerja.pengumuman.forms import SasaranFormMixin
from kinerja.sosialisasi.services import JENIS


class SesiForm(SasaranFormMixin, FormulirDasar):
    jenis = SelectField("Jenis Sesi", choices=pilihan((j, j) for j in JENIS))
    judul = StringField("Judul", validators=[DataRequired("Judul sesi wajib diisi."),
                                             Length(max=200, message="Judul paling panjang 200 karakter.")])
    tanggal = TanggalField("Tanggal", validators=[InputRequired("Isi tanggal sesi.")])
    jam = TimeField("Jam Mulai", validators=[InputRequired("Isi jam mulai.")])
    tempat = StringField("Tempat", validators=[Optional(), Length(max=200, message="Tempat paling panjang 200 karakter.")])
    tautan = StringField("Tautan Rapat Daring", validators=[Optional(), Length(max=300, message="Tautan paling panjang 300 karakter.")])
    materi = TextAreaField("Materi", validators=[Optional(), Length(max=5000, message="Materi paling panjang 5000 karakter.")])
