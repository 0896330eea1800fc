"""Aktivitas forms: shape only (types, lengths).  The rules live in services/rules."""

from __future__ import annotations

from flask_wtf.file import MultipleFileField
from wtforms import HiddenField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import InputRequired, Length, Optional

from kinerja.aktivitas.queries import TUGAS_ATASAN
from kinerja.aktivitas.rules import SATUAN_MAX, TAUTAN_MAX, URAIAN_MAX
from kinerja.format import ribuan
from kinerja.formulir import WAJIB, FormulirDasar, TanggalField

_Form = FormulirDasar


class AktivitasForm(_Form):
    tanggal = TanggalField("Tanggal", validators=[InputRequired(WAJIB)])
    jam_mulai = TimeField("Jam Mulai", validators=[InputRequired(WAJIB)], format=["%H:%M", "%H:%M:%S"])
    jam_selesai = TimeField("Jam Selesai", validators=[InputRequired(WAJIB)], format=["%H:%M", "%H:%M:%S"])
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

    def fokus(self) -> str:
        """The field to focus after a swap: the first one with an error, else "Uraian Kegiatan"."""
        for name in ("tanggal", "jam_mulai", "jam_selesai", "uraian", "volume", "satuan", "rhk", "rencana_aksi", "bukti",
                     "tautan_bukti"):
            if getattr(self, name).errors:
                return name
        return "uraian"

    def set_rhk_choices(self, choices) -> None:
        self.rhk.choices = ([("", "— Pilih rencana hasil kerja —")] + [(str(c.id), c.label) for c in choices]
                            + [(TUGAS_ATASAN, "Tugas dari atasan (di luar SKP)")])

    def set_rencana_aksi_choices(self, choices) -> None:
        """``choices``: (id, label) of the rencana aksi whose period holds the date; none → the field is hidden."""
        self.rencana_aksi.choices = [("", "— Tanpa rencana aksi —")] + [(str(i), label) for i, label in choices]


class HariForm(_Form):
    """Day-level actions: "Salin dari Kemarin", "Ajukan" (the CSRF token and the day)."""

    tanggal = TanggalField("Tanggal", validators=[InputRequired(WAJIB)])
