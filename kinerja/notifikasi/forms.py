from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional

from kinerja.formulir import FormulirDasar, pilihan
from kinerja.notifikasi import rules


class SurelForm(FormulirDasar):
    surel = StringField("Surel", validators=[Optional(), Length(max=rules.EMAIL_MAKS,
                                                               message=f"Surel paling banyak {rules.EMAIL_MAKS} karakter.")])


class PreferensiForm(FormulirDasar):
    """One select per group (kinerja.notifikasi.rules.KELOMPOK), named ``saluran_<group>``."""

    @property
    def pilihan(self) -> dict[str, str]:
        return {k: getattr(self, f"saluran_{k}").data for k in rules.KELOMPOK}

    def kelompok(self):
        return [(k, label, getattr(self, f"saluran_{k}")) for k, label in rules.KELOMPOK.items()]


for _k, _label in rules.KELOMPOK.items():
    setattr(PreferensiForm, f"saluran_{_k}", SelectField(
        _label, choices=pilihan(rules.SALURAN.items()), default=rules.DEFAULT_SALURAN,
        validators=[InputRequired("Pilih cara menerima notifikasi ini.")]))
