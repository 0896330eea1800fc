"""Cetak Massal form: shape only (the rules are in services)."""

from __future__ import annotations

from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField

from kinerja.cetak import rules
from kinerja.formulir import FormulirDasar, optional_id, pilihan


class CetakForm(FormulirDasar):
    periode_id = SelectField("Periode", coerce=optional_id, validate_choice=False)
    unit_id = SelectField("Unit Kerja", coerce=optional_id, validate_choice=False)
    sub_unit = BooleanField("Termasuk sub-unit", default=True)
    dokumen = SelectMultipleField("Dokumen", choices=pilihan((k, v[0]) for k, v in rules.DOKUMEN.items()),
                                  default=["B", "C"])
    bulan = SelectField("Bulan LKH", coerce=optional_id, validate_choice=False)
    format = RadioField("Bentuk Hasil", choices=pilihan(rules.FORMAT.items()), default="zip")

    def data_layanan(self) -> dict:
        return {"periode_id": self.periode_id.data, "unit_id": self.unit_id.data, "sub_unit": self.sub_unit.data,
                "dokumen": self.dokumen.data or [], "bulan": self.bulan.data, "format": self.format.data}
