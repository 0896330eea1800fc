"""Verification forms: shape only.  The rules (catatan required, status, scope) live in services."""

from __future__ import annotations

from wtforms import DateField, HiddenField, SelectChoice, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from kinerja.admin.forms import AdminForm, optional_id
from kinerja.formulir import parse_id
from kinerja.referensi import VERDICT_BUKTI


def pilihan(pairs) -> list[SelectChoice]:
    """(value, label) pairs → WTForms options."""
    return [SelectChoice(value, label) for value, label in pairs]


VERDICT_PAIRS = [("", "— Belum dinilai —")] + [(v, v) for v in VERDICT_BUKTI]
VERDICT_CHOICES = pilihan(VERDICT_PAIRS)


def optional_int(value):
    if value in (None, ""):
        return None
    return parse_id(value)


class VerifikasiForm(AdminForm):
    """One entry's Setujui/Kembalikan; rendered with ``prefix=f"a{id}"`` so every row has its own ids.

    CSRF travels in the X-CSRFToken header (htmx) or the page's hidden input, checked globally.
    """

    class Meta:
        csrf = False

    verdict = SelectField("Kesesuaian Bukti", choices=VERDICT_CHOICES, validate_choice=False)
    catatan = TextAreaField("Catatan", validators=[Optional(), Length(max=1000, message="Catatan paling banyak 1000 karakter.")])
    versi = HiddenField(filters=[optional_int])


class SetujuiTerpilihForm(AdminForm):
    class Meta:
        csrf = False

    ids = SelectMultipleField("Aktivitas", coerce=optional_int, validate_choice=False)


class KomentarForm(AdminForm):
    class Meta:
        csrf = False

    isi = TextAreaField("Tulis umpan balik", validators=[Length(max=2000, message="Umpan balik paling banyak 2000 karakter.")])


class DelegasiForm(AdminForm):
    unit_id = SelectField("Unit Kerja", coerce=optional_id, validate_choice=False)
    verifikator_id = SelectField("Verifikator", coerce=optional_id, validate_choice=False)
    tanggal_mulai = DateField("Tanggal Mulai", validators=[Optional()])
    tanggal_selesai = DateField("Tanggal Selesai", validators=[Optional()])
    keterangan = StringField("Keterangan", validators=[Optional(), Length(max=300, message="Maksimal 300 karakter.")])
