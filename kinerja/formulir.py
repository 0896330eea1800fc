"""Shared form plumbing: Indonesian messages for WTForms' built-in errors, choices, id coercion.

Every feature's forms derive from ``FormulirDasar``; forms stay shape-only (types,
lengths, choices) and the rules live in services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask import flash, request
from flask_wtf import FlaskForm
from wtforms import DateField, Form, SelectChoice, ValidationError

from kinerja.errors import DomainError, apply_to_form

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


class AksiForm(FormulirDasar):
    """A button-only form (submit, finalise, open…): the CSRF token and nothing else."""


class SubFormulirDasar(Form):
    """Base for nested forms (FormField/FieldList rows): same messages, no CSRF of their own."""

    class Meta:
        def get_translations(self, form):
            return _Terjemahan()


def pilihan(pairs) -> list[SelectChoice]:
    """(value, label) pairs → SelectChoice objects (plain tuples are deprecated in WTForms 3.3)."""
    return [SelectChoice(value, label) for value, label in pairs]


# Ids are PostgreSQL ``integer`` columns: anything outside 1..2^31-1 cannot name a row.
ID_MAX = 2**31 - 1
# Dates the product can mean (a working calendar, an SKP year): outside this range a date is a typo
# or an attack, and date arithmetic around it (the day before 1 January of year 1) would overflow.
TANGGAL_MIN = date(1900, 1, 1)
TANGGAL_MAX = date(2999, 12, 31)
PESAN_TANGGAL_RENTANG = "Tanggal di luar rentang yang dapat diproses (1900–2999)."


def parse_id(value) -> int | None:
    """An id typed by a client → int, or None when it cannot name a row.

    Only ASCII digits count (``"²".isdigit()`` is true but ``int("²")`` fails), and the value
    must fit the database's id column (``18446744073709551616`` overflows SQLite and PostgreSQL).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= ID_MAX else None
    text = str(value).strip() if value is not None else ""
    if not text or len(text) > 10 or not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 1 <= number <= ID_MAX else None


def parse_ids(values) -> list[int]:
    """Many ids (``ids=`` of a bulk action) → the distinct valid ones, sorted; garbage is dropped."""
    return sorted({i for i in (parse_id(v) for v in values or ()) if i is not None})


def optional_id(value):
    """Select value → int id; None for "no choice"; 0 for garbage (the service refuses it)."""
    if value in (None, "", "None"):
        return None
    parsed = parse_id(value)
    return parsed if parsed is not None else 0


class TanggalField(DateField):
    """A date field that refuses dates outside ``TANGGAL_MIN``–``TANGGAL_MAX`` with a clear message."""

    def pre_validate(self, form):
        super().pre_validate(form)
        if isinstance(self.data, date) and not (TANGGAL_MIN <= self.data <= TANGGAL_MAX):
            self.data = None
            raise ValidationError(PESAN_TANGGAL_RENTANG)


# ------------------------------------------------------------------ the form-post pattern


@dataclass
class Hasil:
    """What :func:`kirim` did: ``ok`` (truthy) and the service's return value in ``nilai``."""

    ok: bool
    nilai: object = None

    def __bool__(self) -> bool:
        return self.ok


def kirim(form, layanan: Callable[[], object]) -> Hasil:
    """Validate ``form`` (CSRF included), then call ``layanan()`` — one service call.  A DomainError
    (one field or several) lands on the form's fields; the view then answers 422 with the form, or,
    when ``Hasil`` is truthy, flashes and redirects (or renders the changed fragment)::

        hasil = kirim(form, lambda: services.save_unit(aktor(), ...))
        if hasil:
            flash(f"Unit kerja {hasil.nilai.nama} tersimpan.", "success")
            return redirect(url_for("admin.unit_list"))
        return render_template("admin/form_data.html", form=form), status_formulir()
    """
    if not form.validate_on_submit():
        return Hasil(False)
    try:
        return Hasil(True, layanan())
    except DomainError as err:
        apply_to_form(form, err)
        return Hasil(False)


def status_formulir() -> int:
    """200 for the first GET of a form; 422 when a POST came back with errors."""
    return 422 if request.method == "POST" else 200


def aksi(layanan: Callable[[], object], kategori: str = "danger") -> Hasil:
    """A button (no fields): call ``layanan()``; a DomainError becomes a flashed message
    (``kategori``) and a falsy ``Hasil``.  The view flashes success and redirects."""
    try:
        return Hasil(True, layanan())
    except DomainError as err:
        flash(err.message, kategori)
        return Hasil(False)
