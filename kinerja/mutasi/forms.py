"""Forms of Catat Mutasi and Penugasan Plt/Plh."""

from __future__ import annotations

from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from kinerja.formulir import FormulirDasar, optional_id, pilihan
from kinerja.mutasi import rules


class MutasiForm(FormulirDasar):
    jenis = SelectField("Jenis Perubahan", choices=pilihan([("", "— Pilih —")] + [(j, j) for j in rules.JENIS_MUTASI]),
                        validate_choice=False)
    tanggal = DateField("Tanggal Berlaku (TMT)", validators=[Optional()])
    jabatan_id = SelectField("Jabatan Baru", coerce=optional_id, validate_choice=False)
    unit_id = SelectField("Unit Kerja Baru", coerce=optional_id, validate_choice=False)
    atasan_id = SelectField("Atasan Langsung Baru", coerce=optional_id, validate_choice=False)
    golongan = SelectField("Pangkat/Golongan", validate_choice=False)
    pimpinan = BooleanField("Pimpinan unit kerja baru")
    nomor_sk = StringField("Nomor SK", validators=[Optional(), Length(max=100, message="Maksimal 100 karakter.")])
    keterangan = TextAreaField("Keterangan", validators=[Optional(), Length(max=1000, message="Maksimal 1000 karakter.")])


class PenugasanForm(FormulirDasar):
    jenis = SelectField("Jenis", choices=pilihan([("", "— Pilih —")] + [(j, f"{j} — {rules.KETERANGAN_PENUGASAN[j]}")
                                                                        for j in rules.JENIS_PENUGASAN]),
                        validate_choice=False)
    pejabat_id = SelectField("Pegawai yang Ditugaskan", coerce=optional_id, validate_choice=False)
    unit_id = SelectField("Sebagai Pimpinan Unit", coerce=optional_id, validate_choice=False)
    pegawai_id = SelectField("atau Sebagai Atasan dari Pegawai", coerce=optional_id, validate_choice=False)
    tanggal_mulai = DateField("Tanggal Mulai", validators=[Optional()])
    tanggal_selesai = DateField("Tanggal Selesai", validators=[Optional()])
    nomor_sk = StringField("Nomor Surat Perintah", validators=[Optional(), Length(max=100, message="Maksimal 100 karakter.")])
    keterangan = StringField("Keterangan", validators=[Optional(), Length(max=300, message="Maksimal 300 karakter.")])
