"""Verification forms: shape only.  The rules (catatan required, status, scope) live in services."""

from __future__ import annotations

from wtforms import DateField, HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from kinerja.formulir import FormulirDasar, optional_id, parse_id, pilihan
from kinerja.referensi import VERDICT_BUKTI

VERDICT_PAIRS = [("", "— Belum dinilai —")] + [(v, v) for v in VERDICT_BUKTI]
VERDICT_CHOICES = pilihan(VERDICT_PAIRS)


def optional_int(value):
    if value in (None, ""):
        return None
    return parse_id(value)


class VerifikasiForm(FormulirDasar):
    """One entry's Setujui/Kembalikan; rendered with ``prefix=f"a{id}"`` so every row has its own ids.

    CSRF travels in the X-CSRFToken header (htmx) or the page's hidden input, checked globally.
    """

    class Meta:
        csrf = False

    verdict = SelectField("Kesesuaian Bukti", choices=VERDICT_CHOICES, validate_choice=False)
    catatan = TextAreaField("Catatan", validators=[Optional(), Length(max=1000, message="Catatan paling banyak 1000 karakter.")])
    versi = HiddenField(filters=[optional_int])


class SetujuiTerpilihForm(FormulirDasar):
    class Meta:
        csrf = False

    ids = SelectMultipleField("Aktivitas", coerce=optional_int, validate_choice=False)


class KomentarForm(FormulirDasar):
    class Meta:
        csrf = False

    isi = TextAreaField("Tulis umpan balik", validators=[Length(max=2000, message="Umpan balik paling banyak 2000 karakter.")])


class DelegasiForm(FormulirDasar):
    unit_id = SelectField("Unit Kerja", coerce=optional_id, validate_choice=False)
    verifikator_id = SelectField("Verifikator", coerce=optional_id, validate_choice=False)
    tanggal_mulai = DateField("Tanggal Mulai", validators=[Optional()])
    tanggal_selesai = DateField("Tanggal Selesai", validators=[Optional()])
    keterangan = StringField("Keterangan", validators=[Optional(), Length(max=300, message="Maksimal 300 karakter.")])
