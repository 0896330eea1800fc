"""Dialog kinerja forms: shape only (types, lengths, choices).  The rules live in services."""

from __future__ import annotations

from wtforms import BooleanField, DateField, SelectField, SelectMultipleField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from kinerja.dialog.rules import JENIS_DIALOG, PENGULANGAN, STATUS_TINDAK_LANJUT
from kinerja.formulir import FormulirDasar, parse_id, pilihan  # noqa: F401

MAKS_TEKS = 5000

DialogBaseForm = FormulirDasar


def _pilihan_id(value):
    """Select value → int; garbage → 0 (services answer with a clear message)."""
    if value in (None, "", "None"):
        return None
    if isinstance(value, int):
        return value
    parsed = parse_id(value)
    return parsed if parsed is not None else 0


def _panjang(label: str, maks: int) -> Length:
    return Length(max=maks, message=f"{label} terlalu panjang (maksimal {maks} karakter).")


class DialogForm(DialogBaseForm):
    jenis = SelectField("Jenis Dialog", choices=pilihan((j, j) for j in JENIS_DIALOG),
                        validators=[DataRequired("Pilih jenis dialog.")], validate_choice=False)
    judul = StringField("Topik", validators=[DataRequired("Isi topik dialog."), _panjang("Topik", 200)])
    tanggal = DateField("Tanggal", validators=[InputRequired("Isi tanggal dialog.")])
    jam = TimeField("Jam Mulai", validators=[InputRequired("Isi jam mulai dialog.")])
    daring = BooleanField("Daring (online)")
    tempat = StringField("Tempat", validators=[Optional(), _panjang("Tempat", 200)])
    peserta = SelectMultipleField("Peserta", coerce=int, validate_choice=False)
    pengulangan = SelectField("Pengulangan", choices=pilihan(PENGULANGAN.items()), validate_choice=False)
    agenda = TextAreaField("Agenda", validators=[Optional(), _panjang("Agenda", MAKS_TEKS)])


class CatatanForm(DialogBaseForm):
    catatan = TextAreaField("Catatan", validators=[Optional(), _panjang("Catatan", MAKS_TEKS)])
    tantangan = TextAreaField("Tantangan/Kendala", validators=[Optional(), _panjang("Tantangan/kendala", MAKS_TEKS)])
    kesepakatan = TextAreaField("Kesepakatan", validators=[Optional(), _panjang("Kesepakatan", MAKS_TEKS)])


class TindakLanjutForm(DialogBaseForm):
    uraian = StringField("Tindak Lanjut", validators=[DataRequired("Isi uraian tindak lanjut."),
                                                      _panjang("Uraian tindak lanjut", 500)])
    penanggung_jawab_id = SelectField("Penanggung Jawab", coerce=_pilihan_id, validate_choice=False,
                                      validators=[InputRequired("Pilih penanggung jawab.")])
    batas_waktu = DateField("Batas Waktu", validators=[InputRequired("Isi batas waktu.")])


class StatusTindakLanjutForm(DialogBaseForm):
    status = SelectField("Status", choices=pilihan((s, s) for s in STATUS_TINDAK_LANJUT), validate_choice=False)
    catatan = StringField("Catatan Penyelesaian", validators=[Optional(), _panjang("Catatan penyelesaian", 300)])


class TanggapanForm(DialogBaseForm):
    tanggapan = TextAreaField("Tanggapan", validators=[Optional(), _panjang("Tanggapan", MAKS_TEKS)])
    hadir = BooleanField("Saya hadir dalam dialog ini")
