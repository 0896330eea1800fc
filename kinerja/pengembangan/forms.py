"""Pengembangan forms: shape only."""

from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from kinerja.formulir import FormulirDasar, TanggalField, pilihan
from kinerja.pengembangan.rules import JENIS_KEGIATAN, JP_MAKS, TINDAK_LANJUT


class KegiatanForm(FormulirDasar):
    kesenjangan = StringField("Kesenjangan Kompetensi", validators=[
        DataRequired("Tuliskan kesenjangan kompetensi."), Length(max=300, message="Paling panjang 300 karakter.")])
    jenis = SelectField("Bentuk Pengembangan", choices=pilihan((j, j) for j in JENIS_KEGIATAN))
    uraian = StringField("Uraian Kegiatan", validators=[Optional(), Length(max=300, message="Paling panjang 300 karakter.")])
    jp = IntegerField("Jam Pelajaran (JP)", validators=[InputRequired("Isi jumlah JP."),
                                                        NumberRange(1, JP_MAKS, f"JP harus 1–{JP_MAKS}.")])
    target_tanggal = TanggalField("Target Selesai", validators=[InputRequired("Isi target tanggal selesai.")])


class BuktiForm(FormulirDasar):
    bukti = FileField("Sertifikat atau Bukti")
    tanggal_selesai = TanggalField("Tanggal Selesai", validators=[InputRequired("Isi tanggal kegiatan selesai.")])


class KonfirmasiForm(FormulirDasar):
    keputusan = SelectField("Keputusan", choices=pilihan([("setuju", "Konfirmasi"), ("kembalikan", "Kembalikan")]))
    catatan = StringField("Catatan", validators=[Optional(), Length(max=300, message="Paling panjang 300 karakter.")])


class TindakLanjutForm(FormulirDasar):
    jenis = SelectField("Jenis Tindak Lanjut", choices=pilihan((j, j) for j in TINDAK_LANJUT))
    uraian = TextAreaField("Uraian", validators=[DataRequired("Tuliskan uraian."),
                                                 Length(max=2000, message="Paling panjang 2000 karakter.")])
    tanggal = TanggalField("Tanggal Keputusan", validators=[InputRequired("Isi tanggal keputusan.")])
    nomor_sk = StringField("Nomor SK", validators=[DataRequired("Isi nomor surat keputusan."),
                                                   Length(max=100, message="Paling panjang 100 karakter.")])
