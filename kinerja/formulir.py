"""Shared form plumbing: Indonesian messages for WTForms' built-in errors, choices, id coercion.

Every feature's forms derive from ``FormulirDasar``; forms stay shape-only (types,
lengths, choices) and the rules live in services.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Form, SelectChoice

WAJIB = "Wajib diisi."

# WTForms ships no Indonesian catalogue; these are the built-in messages our fields can produce.
PESAN_WTFORMS = {
    "This field is required.": WAJIB,
    "Not a valid integer value.": "Isi dengan bilangan bulat.",
    "Not a valid decimal value.": "Isi dengan angka, misalnya 12 atau 99,5.",
    "Not a valid date value.": "Isi tanggal dengan benar.",
    "Not a valid time value.": "Isi jam dengan benar, misalnya 08:00.",
    "Not a valid choice.": "Pilihan tidak dikenal.",
    "Invalid Choice: could not coerce.": "Pilihan tidak dikenal.",
    "Invalid choice(s): one or more data inputs could not be coerced.": "Ada pilihan yang tidak dikenal.",
}


class _Terjemahan:
    def gettext(self, string):
        return PESAN_WTFORMS.get(string, string)

    def ngettext(self, singular, plural, n):
        text = singular if n == 1 else plural
        return PESAN_WTFORMS.get(text, text)


class FormulirDasar(FlaskForm):
    """Base for every form: WTForms' own messages in Bahasa Indonesia."""

    class Meta:
        def get_translations(self, form):
            return _Terjemahan()


class SubFormulirDasar(Form):
    """Base for nested forms (FormField/FieldList rows): same messages, no CSRF of their own."""

    class Meta:
        def get_translations(self, form):
            return _Terjemahan()


def pilihan(pairs) -> list[SelectChoice]:
    """(value, label) pairs → SelectChoice objects (plain tuples are deprecated in WTForms 3.3)."""
    return [SelectChoice(value, label) for value, label in pairs]


def optional_id(value):
    """Select value → int id; None for "no choice"; 0 for garbage (the service refuses it)."""
    if value in (None, "", "None"):
        return None
    if isinstance(value, int):
        return value
    return int(value) if str(value).isdigit() else 0
