"""Evaluasi forms: shape only (lengths, types, choices).  Rules live in services."""

from __future__ import annotations

from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from kinerja.formulir import AksiForm, DesimalIndonesia, FormulirDasar, SubFormulirDasar, TanggalField  # noqa: F401  (AksiForm: forms.AksiForm)
from kinerja.formulir import pilihan as _pilihan
from kinerja.referensi import CAPAIAN_ORGANISASI, RATING


def pilihan(pairs) -> list:
    """The options with an empty "— pilih —" first."""
    return _pilihan([("", "— pilih —"), *pairs])


RATING_PILIHAN = [(r, r) for r in RATING]


class RealisasiEntriForm(SubFormulirDasar):
    rhk_id = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    realisasi = TextAreaField("Realisasi", validators=[Optional(), Length(max=4000)], render_kw={"rows": 3})
    realisasi_angka = DesimalIndonesia("Angka Realisasi", places=2, validators=[Optional(), NumberRange(min=0)])
    tautan = TextAreaField("Tautan Bukti Tambahan", validators=[Optional(), Length(max=5200)], render_kw={"rows": 2})


class RealisasiForm(FormulirDasar):
    entri = FieldList(FormField(RealisasiEntriForm), min_entries=0)
    aksi = HiddenField()


class UmpanBalikRhkForm(SubFormulirDasar):
    rhk_id = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    umpan_balik = TextAreaField("Umpan Balik", validators=[Optional(), Length(max=4000)], render_kw={"rows": 2})


class UmpanBalikPerilakuForm(SubFormulirDasar):
    nomor = IntegerField(widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=1, max=7)])
    umpan_balik = TextAreaField("Umpan Balik", validators=[Optional(), Length(max=4000)], render_kw={"rows": 2})


class PenilaianForm(FormulirDasar):
    rhk = FieldList(FormField(UmpanBalikRhkForm), min_entries=0)
    perilaku = FieldList(FormField(UmpanBalikPerilakuForm), min_entries=0)
    rating_hasil_kerja = SelectField("Rating Hasil Kerja", choices=pilihan(RATING_PILIHAN),
                                     validators=[Optional()])
    rating_perilaku_kerja = SelectField("Rating Perilaku Kerja", choices=pilihan(RATING_PILIHAN),
                                        validators=[Optional()])
    catatan_rekomendasi = TextAreaField("Catatan/Rekomendasi", validators=[Optional(), Length(max=4000)],
                                        render_kw={"rows": 3})


class PratinjauForm(FormulirDasar):
    rating_hasil_kerja = SelectField(choices=pilihan(RATING_PILIHAN), validators=[Optional()])
    rating_perilaku_kerja = SelectField(choices=pilihan(RATING_PILIHAN), validators=[Optional()])


class KembalikanForm(FormulirDasar):
    catatan = TextAreaField("Catatan", validators=[DataRequired("Isi catatan pengembalian."), Length(max=2000)])


class TandaTanganForm(FormulirDasar):
    kata_sandi = PasswordField("Kata Sandi", validators=[DataRequired("Masukkan kata sandi Anda."), Length(max=128)])


class KeberatanForm(FormulirDasar):
    alasan = TextAreaField("Alasan Keberatan", validators=[DataRequired("Isi alasan keberatan."), Length(max=4000)],
                           render_kw={"rows": 5})


class PenjelasanForm(FormulirDasar):
    penjelasan = TextAreaField("Penjelasan Pejabat Penilai",
                               validators=[DataRequired("Isi penjelasan atas keberatan."), Length(max=4000)],
                               render_kw={"rows": 5})


class KeputusanForm(FormulirDasar):
    keputusan = SelectField("Keputusan", choices=pilihan([("tetap", "Predikat tetap"),
                                                         ("ubah", "Rating dan predikat diubah")]),
                            validators=[DataRequired("Pilih keputusan.")])
    # When the result changes, the decider sets both ratings; the predikat follows from the matrix.
    rating_hasil_kerja = SelectField("Rating Hasil Kerja", choices=pilihan(RATING_PILIHAN), validators=[Optional()])
    rating_perilaku_kerja = SelectField("Rating Perilaku Kerja", choices=pilihan(RATING_PILIHAN),
                                        validators=[Optional()])
    pertimbangan = TextAreaField("Pertimbangan Keputusan",
                                 validators=[DataRequired("Isi pertimbangan keputusan."), Length(max=4000)],
                                 render_kw={"rows": 4})


class TolakTandaTanganForm(FormulirDasar):
    catatan = TextAreaField("Catatan Penolakan", validators=[DataRequired("Isi catatan: kapan dan bagaimana pegawai "
                                                                         "menolak menandatangani."), Length(max=2000)],
                            render_kw={"rows": 3})


class CapaianForm(FormulirDasar):
    capaian = SelectField("Capaian Kinerja Organisasi", choices=pilihan([(c, c) for c in CAPAIAN_ORGANISASI]),
                          validators=[DataRequired("Pilih capaian kinerja organisasi.")])


class BatasForm(FormulirDasar):
    batas = DateField("Batas Pengisian Khusus", validators=[Optional()])


class CekDokumenForm(FormulirDasar):
    berkas = FileField("Berkas PDF", validators=[FileRequired("Pilih berkas PDF yang akan dicek.")])


class TtdManualForm(FormulirDasar):
    """The admin records a paper signature of a penilai outside the dinas."""

    tanggal = TanggalField("Tanggal Tanda Tangan", validators=[DataRequired("Isi tanggal tanda tangan.")])
    pindaian = FileField("Pindaian Dokumen Bertanda Tangan",
                         validators=[FileRequired("Unggah pindaian (PDF, JPG, atau PNG).")])
