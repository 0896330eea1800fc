"""Shared form plumbing: Indonesian messages for WTForms' built-in errors, choices, id coercion.

Every feature's forms derive from ``FormulirDasar``; forms stay shape-only (types,
lengths, choices) and the rules live in services.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask import flash, request
from flask_wtf import FlaskForm
from werkzeug.routing.converters import IntegerConverter
from wtforms import (
    DateField,
    DecimalField,
    Form,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)

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


# Control characters never belong in typed text (PostgreSQL refuses NUL in text columns outright);
# a multi-line field keeps tab, line feed and carriage return.
_KONTROL_SEBARIS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_KONTROL_MULTIBARIS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
PESAN_KARAKTER_KONTROL = ("Isian mengandung karakter kontrol yang tidak dapat disimpan (misalnya NUL). "
                          "Hapus karakter itu, atau ketik ulang teksnya, lalu simpan lagi.")


def ada_karakter_kontrol(text: str, multibaris: bool = True) -> bool:
    """True when ``text`` holds a control character (tab, LF and CR count only when not ``multibaris``)."""
    return bool((_KONTROL_MULTIBARIS if multibaris else _KONTROL_SEBARIS).search(text))


def tolak_karakter_kontrol(form, field) -> None:
    """WTForms validator: refuse control characters in a text field (every form gets it, see ``_Meta``)."""
    if not isinstance(field.data, str):
        return
    pola = _KONTROL_MULTIBARIS if isinstance(field, TextAreaField) else _KONTROL_SEBARIS
    if pola.search(field.data):
        raise ValidationError(PESAN_KARAKTER_KONTROL)


PESAN_ANGKA_BESAR = "Angka terlalu besar. Periksa isian lalu coba lagi."


def batasi_bilangan(form, field) -> None:
    """WTForms validator: an integer must fit a database integer column."""
    value = field.data
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > ID_MAX:
        raise ValidationError(PESAN_ANGKA_BESAR)


class _Meta:
    """Shared by every form: Indonesian messages; text fields refuse control characters; integers
    beyond the database's integer range are refused (``int("18446744073709551616")`` works in Python)."""

    def get_translations(self, form):
        return _Terjemahan()

    def bind_field(self, form, unbound_field, options):
        field = unbound_field.bind(form=form, **options)
        if isinstance(field, StringField):
            field.validators = [*field.validators, tolak_karakter_kontrol]
        elif isinstance(field, IntegerField | SelectField):
            # (multiple selects leave their ids to the service, which checks them against what may be chosen)
            field.validators = [*field.validators, batasi_bilangan]
        return field


class FormulirDasar(FlaskForm):
    """Base for every form: WTForms' own messages in Bahasa Indonesia; no control characters in text."""

    class Meta(_Meta):
        pass


class AksiForm(FormulirDasar):
    """A button-only form (submit, finalise, open…): the CSRF token and nothing else."""


class SubFormulirDasar(Form):
    """Base for nested forms (FormField/FieldList rows): same messages, no CSRF of their own."""

    class Meta(_Meta):
        pass


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


def tahun_valid(tahun: int | None) -> bool:
    """A year the product can mean (the same range as dates)."""
    return tahun is not None and TANGGAL_MIN.year <= tahun <= TANGGAL_MAX.year


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


class IdConverter(IntegerConverter):
    """The app's ``<int:…>`` converter: a number outside 1..``ID_MAX`` matches no route (404).

    Installed as ``int`` in ``create_app`` before any blueprint registers, so every path id,
    year and version number is bounded without each view checking it.
    """

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):  # noqa: A002 - werkzeug's names
        super().__init__(map, fixed_digits=fixed_digits, min=0 if min is None else min,
                         max=ID_MAX if max is None else max, signed=signed)


def parse_ids(values) -> list[int]:
    """Many ids (``ids=`` of a bulk action) → the distinct valid ones, sorted; garbage is dropped."""
    return sorted({i for i in (parse_id(v) for v in values or ()) if i is not None})


def optional_id(value):
    """Select value → int id; None for "no choice"; 0 for garbage (the service refuses it)."""
    if value in (None, "", "None"):
        return None
    parsed = parse_id(value)
    return parsed if parsed is not None else 0


class DesimalIndonesia(DecimalField):
    """A decimal typed and shown the Indonesian way (issue #15): accepts "99,5" as well as "99.5";
    shows "4" or "4,5", never "4.00"."""

    def process_formdata(self, valuelist):
        if valuelist:
            valuelist = [v.replace(".", "").replace(",", ".") if "," in v else v for v in valuelist]
        super().process_formdata(valuelist)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        teks = format(Decimal(self.data).quantize(Decimal("0.01")).normalize(), "f")
        return teks.replace(".", ",")


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
    """What :func:`kirim`/:func:`aksi`/:func:`coba` did: ``ok`` (truthy), the service's return value
    in ``nilai``, and the refusal (``DomainError``) in ``galat`` when there was one."""

    ok: bool
    nilai: object = None
    galat: DomainError | None = None

    def __bool__(self) -> bool:
        return self.ok

    @property
    def pesan_umum(self) -> str | None:
        """The message of a refusal that names no field (shown at the top of the page), else None."""
        return self.galat.message if self.galat is not None and not self.galat.field else None


def coba(layanan: Callable[[], object]) -> Hasil:
    """Call ``layanan()``; a DomainError becomes a falsy ``Hasil`` carrying it in ``galat``."""
    try:
        return Hasil(True, layanan())
    except DomainError as err:
        return Hasil(False, galat=err)


def kirim(form, layanan: Callable[[], object], *,
          tidak_valid: DomainError | Callable[[], DomainError] | None = None,
          umum_di_formulir: bool = True) -> Hasil:
    """Validate ``form`` (CSRF included), then call ``layanan()`` — one service call.  A DomainError
    (one field or several) lands on the form's fields; the view then answers 422 with the form, or,
    when ``Hasil`` is truthy, flashes and redirects (or renders the changed fragment)::

        hasil = kirim(form, lambda: services.save_unit(aktor(), ...))
        if hasil:
            flash(f"Unit kerja {hasil.nilai.nama} tersimpan.", "success")
            return redirect(url_for("admin.unit_list"))
        return render_template("admin/form_data.html", form=form), status_formulir()

    ``tidak_valid``: the refusal to add when the form does not validate (e.g. "Isi catatan …" on the
    field, on top of WTForms' own errors); a callable is asked after validation.
    ``umum_di_formulir=False``: a refusal that names no field stays off the form — the view shows
    ``hasil.pesan_umum`` at the top of the page instead.
    """
    if not form.validate_on_submit():
        if tidak_valid is None:
            return Hasil(False)
        hasil = Hasil(False, galat=tidak_valid() if callable(tidak_valid) else tidak_valid)
    else:
        hasil = coba(layanan)
    if hasil.galat is not None and (umum_di_formulir or hasil.galat.field):
        apply_to_form(form, hasil.galat)
    return hasil


def status_formulir() -> int:
    """200 for the first GET of a form; 422 when a POST came back with errors."""
    return 422 if request.method == "POST" else 200


def aksi(layanan: Callable[[], object], kategori: str = "danger") -> Hasil:
    """A button (no fields): call ``layanan()``; a DomainError becomes a flashed message
    (``kategori``) and a falsy ``Hasil``.  The view flashes success and redirects."""
    hasil = coba(layanan)
    if hasil.galat is not None:
        flash(hasil.galat.message, kategori)
    return hasil


def get_by_id(model, value):
    """``db.session.get`` for an id from a URL or form: None for ids no row can have (PostgreSQL integer range)."""
    from kinerja.extensions import db

    ident = parse_id(value)
    return db.session.get(model, ident) if ident is not None else None
