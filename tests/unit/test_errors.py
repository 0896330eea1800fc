"""DomainError carries one violation or several; apply_to_form puts each on its field."""

from types import SimpleNamespace

from kinerja.errors import DomainError, KonflikError, apply_to_form


def _form(*names):
    form = SimpleNamespace(form_errors=[])
    for name in names:
        setattr(form, name, SimpleNamespace(errors=()))
    return form


def test_one_violation_lands_on_its_field_or_the_form():
    form = _form("nama")
    apply_to_form(form, DomainError("nama", "Isi nama."))
    apply_to_form(form, DomainError(None, "Tahun belum dibuka."))
    apply_to_form(form, DomainError("tidak_ada", "Ke formulir."))
    assert form.nama.errors == ["Isi nama."]
    assert form.form_errors == ["Tahun belum dibuka.", "Ke formulir."]


def test_several_violations_at_once():
    err = DomainError.semua([("ekspektasi_1", "Isi 1."), ("ekspektasi_3", "Isi 3.")])
    assert (err.field, err.message) == ("ekspektasi_1", "Isi 1.")
    form = _form("ekspektasi_1", "ekspektasi_3")
    apply_to_form(form, err)
    assert form.ekspektasi_1.errors == ["Isi 1."] and form.ekspektasi_3.errors == ["Isi 3."]


def test_the_optimistic_lock_error_is_a_domain_error_without_a_field():
    err = KonflikError("Aktivitas ini baru saja diubah.")
    assert isinstance(err, DomainError) and err.field is None and err.message == "Aktivitas ini baru saja diubah."


def test_decimals_are_typed_and_shown_with_the_indonesian_comma():
    """Issue #15: "4,00 modul" / "4.00" never appears; "4,5" is accepted."""
    from decimal import Decimal

    from wtforms import Form

    from kinerja.formulir import DesimalIndonesia

    class F(Form):
        x = DesimalIndonesia("X", places=2)

    assert F(data={"x": Decimal("4.00")}).x._value() == "4"
    assert F(data={"x": Decimal("4.50")}).x._value() == "4,5"
    assert F(data={"x": None}).x._value() == ""

    class Masukan:
        def __init__(self, v):
            self.v = v

        def getlist(self, _key):
            return [self.v]

        def __contains__(self, _key):
            return True

        def __iter__(self):
            return iter(["x"])

    f = F(formdata=Masukan("4,5"))
    assert f.x.data == Decimal("4.5")


def test_one_spelling_for_statuses():
    """Issue #15: "Draf" and "Dikembalikan" everywhere people read a status."""
    from kinerja.format import label_status

    assert label_status("Draft") == "Draf" and label_status("Ditolak") == "Dikembalikan"
    assert label_status("Disetujui") == "Disetujui" and label_status(None) == ""
