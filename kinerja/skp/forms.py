"""SKP forms: shape only (types, lengths, choices).  The rules live in services."""

from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from kinerja.formulir import AksiForm, DesimalIndonesia, FormulirDasar, TanggalField, optional_id, pilihan  # noqa: F401
from kinerja.referensi import ASPEK_IKI, BERAKHLAK, JENIS_RHK, PENDEKATAN_SKP, PERSPEKTIF_JPT

_DesimalIndonesia = DesimalIndonesia  # shared (kinerja.formulir)


class BuatSkpForm(FormulirDasar):
    tahun = SelectField("Tahun", coerce=int, validate_choice=False,
                        validators=[InputRequired("Pilih tahun SKP.")])
    pendekatan = SelectField("Pendekatan", choices=pilihan((p, p) for p in PENDEKATAN_SKP), default="Kuantitatif")


class SalinSkpForm(FormulirDasar):
    tahun = HiddenField("Tahun", validators=[DataRequired("Tahun tidak valid.")])


class PendekatanForm(FormulirDasar):
    pendekatan = SelectField("Pendekatan", choices=pilihan((p, p) for p in PENDEKATAN_SKP))


class RhkForm(FormulirDasar):
    jenis = SelectField("Jenis", choices=pilihan((j, j) for j in JENIS_RHK), default="Utama")
    uraian = TextAreaField("Rencana Hasil Kerja", validators=[
        DataRequired("Tuliskan rencana hasil kerja."), Length(max=2000, message="Maksimal 2.000 karakter.")])
    rhk_atasan_id = SelectField("Rencana Hasil Kerja Pimpinan yang Diintervensi", coerce=optional_id,
                                validate_choice=False)
    intervensi_teks = TextAreaField("Rencana Hasil Kerja Pimpinan yang Diintervensi", validators=[
        Optional(), Length(max=2000, message="Maksimal 2.000 karakter.")])
    penugasan_dari = StringField("Penugasan dari", validators=[
        Optional(), Length(max=300, message="Maksimal 300 karakter.")])
    perspektif = SelectField("Perspektif", choices=pilihan([("", "— Pilih perspektif —")] + [(p, p) for p in PERSPEKTIF_JPT]),
                             validate_choice=False)


class IkiForm(FormulirDasar):
    aspek = SelectField("Aspek", choices=pilihan((a, a) for a in ASPEK_IKI), default="Kuantitas")
    indikator = TextAreaField("Indikator Kinerja Individu", validators=[
        DataRequired("Tuliskan indikator kinerja individu."), Length(max=2000, message="Maksimal 2.000 karakter.")])
    target_teks = StringField("Target", validators=[
        DataRequired("Tuliskan target, misalnya \u201c12 dokumen\u201d atau \u201c100% tepat waktu\u201d."),
        Length(max=300, message="Maksimal 300 karakter.")])
    target_angka = _DesimalIndonesia("Angka Target", places=2, validators=[
        Optional(), NumberRange(min=0, max=999_999_999, message="Angka target harus 0 atau lebih.")])
    satuan = StringField("Satuan", validators=[Optional(), Length(max=60, message="Maksimal 60 karakter.")])


class LampiranForm(FormulirDasar):
    dukungan_sumber_daya = TextAreaField("Dukungan Sumber Daya", validators=[Length(max=5000, message="Terlalu panjang.")])
    skema_pertanggungjawaban = TextAreaField("Skema Pertanggungjawaban", validators=[Length(max=5000, message="Terlalu panjang.")])
    konsekuensi = TextAreaField("Konsekuensi", validators=[Length(max=5000, message="Terlalu panjang.")])


def _persetujuan_form():
    fields = {
        f"ekspektasi_{nomor}": TextAreaField(
            f"Ekspektasi Khusus Pimpinan: {nama}",
            validators=[Length(max=2000, message="Maksimal 2.000 karakter.")],
        )
        for nomor, (nama, _) in enumerate(BERAKHLAK, start=1)
    }
    return type("PersetujuanForm", (FormulirDasar,), fields)


PersetujuanForm = _persetujuan_form()


class PersetujuanKertasForm(PersetujuanForm):
    """The admin records the paper approval of a top-of-tree SKP (issue #10 §1).  Both fields are
    checked by the service (every problem at once), not by validators here."""

    tanggal = TanggalField("Tanggal Persetujuan", validators=[Optional()],
                           description="Tanggal pejabat menandatangani SKP di atas kertas.")
    pindaian = FileField("Pindaian SKP yang Ditandatangani",
                         description="PDF, JPG, atau PNG, paling besar 5 MB. Disimpan sebagai bukti persetujuan.")


class PengembalianForm(FormulirDasar):
    catatan = TextAreaField("Catatan", validators=[
        DataRequired("Tuliskan catatan: apa yang perlu diperbaiki pegawai."),
        Length(max=2000, message="Maksimal 2.000 karakter.")])


class TimFilterForm(FormulirDasar):
    class Meta:
        csrf = False

    tahun = IntegerField("Tahun", validators=[Optional()])
