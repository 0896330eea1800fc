"""Ketidakhadiran forms: shape only (types, lengths)."""

from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from kinerja.formulir import WAJIB, FormulirDasar, TanggalField, optional_id, pilihan
from kinerja.kalender.rules import JENIS_KETIDAKHADIRAN


class PengajuanForm(FormulirDasar):
    jenis = SelectField("Jenis", choices=pilihan([("", "— Pilih jenis —")] + [(j, j) for j in JENIS_KETIDAKHADIRAN]),
                        validators=[InputRequired("Pilih jenis.")])
    tanggal_mulai = TanggalField("Tanggal Mulai", validators=[InputRequired(WAJIB)])
    tanggal_selesai = TanggalField("Tanggal Selesai", validators=[InputRequired(WAJIB)])
    keterangan = TextAreaField("Keterangan", validators=[Optional(), Length(max=500, message="Paling panjang 500 karakter.")])
    dokumen = FileField("Dokumen (opsional)")


class CatatForm(PengajuanForm):
    """The admin's form: the same plus the pegawai."""

    pegawai_id = SelectField("Pegawai", coerce=optional_id, validate_choice=False, choices=[],
                             validators=[InputRequired("Pilih pegawai.")])


class PutusanForm(FormulirDasar):
    keputusan = SelectField("Keputusan", choices=pilihan([("setujui", "Setujui"), ("tolak", "Tolak")]),
                            validators=[InputRequired("Pilih keputusan.")])
    catatan = TextAreaField("Catatan", validators=[Optional(), Length(max=500, message="Paling panjang 500 karakter.")])


class ImporForm(FormulirDasar):
    berkas = FileField("Berkas CSV dari sistem absensi")
