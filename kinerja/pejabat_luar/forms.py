"""Pejabat luar instansi forms: shape only."""

from __future__ import annotations

from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from kinerja.formulir import FormulirDasar, optional_id


class PejabatLuarForm(FormulirDasar):
    nama = StringField("Nama", validators=[DataRequired("Isi nama pejabat."), Length(max=150, message="Maksimal 150 karakter.")])
    nip = StringField("NIP (bila ada)", validators=[Optional(), Length(max=30, message="NIP terlalu panjang.")])
    pangkat_golongan = StringField("Pangkat/Gol. Ruang (bila ada)",
                                   validators=[Optional(), Length(max=80, message="Maksimal 80 karakter.")])
    jabatan = StringField("Jabatan", validators=[DataRequired("Isi jabatan."), Length(max=200, message="Maksimal 200 karakter.")])
    instansi = StringField("Instansi", validators=[DataRequired("Isi instansi."), Length(max=200, message="Maksimal 200 karakter.")])
    aktif = BooleanField("Aktif", default=True)


class AkunPejabatForm(FormulirDasar):
    username = StringField("Nama Pengguna", validators=[DataRequired("Isi nama pengguna."),
                                                        Length(max=60, message="Maksimal 60 karakter.")])


class PenugasanForm(FormulirDasar):
    penilai_luar_id = SelectField("Pejabat Penilai (luar instansi)", coerce=optional_id, validate_choice=False)
    atasan_penilai_luar_id = SelectField("Atasan Pejabat Penilai (luar instansi)", coerce=optional_id,
                                         validate_choice=False)
