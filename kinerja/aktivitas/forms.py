"""Aktivitas forms: shape only (types, lengths).  The rules live in services/rules."""

from __future__ import annotations

from flask_wtf.file import MultipleFileField
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, StopValidation

from kinerja.aktivitas import rules
from kinerja.aktivitas.queries import TUGAS_ATASAN
from kinerja.aktivitas.rules import SATUAN_MAX, TAUTAN_MAX, URAIAN_MAX
from kinerja.errors import DomainError
from kinerja.format import ribuan
from kinerja.formulir import WAJIB, FormulirDasar, TanggalField

_Form = FormulirDasar


class JamField(StringField):
    """A time typed as digits in any browser language ("1130", "11.30", "11:30", "9"), parsed on the
    server by :func:`kinerja.aktivitas.rules.parse_jam`; rendered as a text input with a numeric keypad.
    ``data`` is a :class:`datetime.time` (or None), the typed text is kept for redisplay."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "numeric", "autocomplete": "off", "placeholder": "mis. 0730"})
        super().__init__(label, validators, **kwargs)
        self.teks = None

    def process_formdata(self, valuelist):
        self.teks = valuelist[0] if valuelist else ""
        self.data = None
        if self.teks.strip():
            try:
                self.data = rules.parse_jam(self.teks, self.name)
            except DomainError as err:
                self.process_errors.append(err.message)

    def _value(self):
        if self.teks is not None and self.data is None:
            return self.teks
        return self.data.strftime("%H:%M") if self.data is not None else ""

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()


def _tanpa_durasi(form, field):
    """Jam Selesai may be left empty when a Durasi is given (checked in ``AktivitasForm.validate``)."""
    if field.data is None and not field.process_errors and not (form.durasi.data or "").strip():
        raise StopValidation(WAJIB)


class AktivitasForm(_Form):
    tanggal = TanggalField("Tanggal", validators=[InputRequired(WAJIB)])
    jam_mulai = JamField("Jam Mulai", validators=[InputRequired(WAJIB)])
    jam_selesai = JamField("Jam Selesai", validators=[_tanpa_durasi])
    durasi = StringField("Durasi", validators=[Optional(), Length(max=20, message="Durasi terlalu panjang.")],
                         render_kw={"autocomplete": "off", "placeholder": "mis. 45m, 1j30m"})
    uraian = TextAreaField("Uraian Kegiatan", validators=[
        InputRequired(WAJIB), Length(max=URAIAN_MAX, message=f"Paling panjang {ribuan(URAIAN_MAX)} karakter.")])
    volume = StringField("Volume", validators=[InputRequired(WAJIB), Length(max=20, message="Volume terlalu panjang.")])
    satuan = StringField("Satuan", validators=[
        InputRequired(WAJIB), Length(max=SATUAN_MAX, message=f"Paling panjang {SATUAN_MAX} karakter.")])
    # Choices depend on the year of "Tanggal"; the service checks the id against the approved SKP.
    rhk = SelectField("Rencana Hasil Kerja", choices=[], validate_choice=False)
    # Optional (issue #11 §4); the service checks it belongs to the chosen RHK and the date's period.
    rencana_aksi = SelectField("Rencana Aksi", choices=[], validate_choice=False)
    bukti = MultipleFileField("Bukti Dukung")
    tautan_bukti = StringField("Tautan Bukti", validators=[
        Optional(), Length(max=TAUTAN_MAX, message=f"Paling panjang {TAUTAN_MAX} karakter.")])
    versi = HiddenField()

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        durasi = (self.durasi.data or "").strip()
        if ok and durasi and self.jam_mulai.data is not None:
            try:  # "Durasi" replaces Jam Selesai when given
                selesai = rules.selesai_dari_durasi(self.jam_mulai.data, rules.parse_durasi(durasi))
            except DomainError as err:
                self.durasi.errors = [*self.durasi.errors, err.message]
                return False
            if self.jam_selesai.data is not None and self.jam_selesai.data != selesai:
                self.durasi.errors = [*self.durasi.errors, "Isi Jam Selesai atau Durasi, tidak keduanya (keduanya berbeda)."]
                return False
            self.jam_selesai.data = selesai
        return ok

    def fokus(self, default: str = "jam_selesai") -> str:
        """The field to focus after a swap: the first one with an error, else the one the next entry
        needs first ("Jam Selesai": Jam Mulai follows on from the previous entry)."""
        for name in ("tanggal", "jam_mulai", "jam_selesai", "durasi", "uraian", "volume", "satuan", "rhk", "rencana_aksi", "bukti",
                     "tautan_bukti"):
            if getattr(self, name).errors:
                return name
        return default

    def set_rhk_choices(self, choices, satuan: dict[str, str] | None = None) -> None:
        self.rhk.choices = rhk_opsi(choices, satuan)

    def set_rencana_aksi_choices(self, choices) -> None:
        self.rencana_aksi.choices = rencana_aksi_opsi(choices)


def rhk_opsi(choices, satuan: dict[str, str] | None = None) -> list[tuple]:
    """The RHK options; ``satuan`` (option value → the satuan last used with it) goes on each option as
    ``data-satuan`` so choosing an RHK brings its satuan back."""
    satuan = satuan or {}

    def opsi(value: str, label: str):
        return (value, label, {"data-satuan": satuan[value]}) if value in satuan else (value, label)

    return ([("", "— Pilih rencana hasil kerja —")] + [opsi(str(c.id), c.label) for c in choices]
            + [opsi(TUGAS_ATASAN, "Tugas dari atasan (di luar SKP)")])


def rencana_aksi_opsi(choices) -> list[tuple[str, str]]:
    """``choices``: (id, label) of the rencana aksi whose period holds the date; none → the field is hidden."""
    return [("", "— Tanpa rencana aksi —")] + [(str(i), label) for i, label in choices]


class HariForm(_Form):
    """Day-level actions: "Salin dari Kemarin", "Ajukan" (the CSRF token and the day)."""

    tanggal = TanggalField("Tanggal", validators=[InputRequired(WAJIB)])
