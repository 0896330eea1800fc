"""``kinerja.teks_aman.aman``: the text markupsafe's ``escape`` gives, as a plain ``str`` (issue #17)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from kinerja import teks_aman
from kinerja.teks_aman import aman


@given(st.text())
@example('<script>alert("x")</script>')
@example("Tom & Jerry's <b>\"kantor\"</b>")
@example("&amp; sudah tampak seperti entitas")
@example("")
def test_a_text_is_escaped_exactly_as_markupsafe_does(teks):
    hasil = aman(teks)
    assert type(hasil) is str
    assert hasil == str(escape(teks))


def test_the_five_characters_become_markupsafes_entities():
    assert aman("&<>'\"") == "&amp;&lt;&gt;&#39;&#34;"


def test_markup_stays_as_it_is():
    assert aman(Markup("<b>tebal</b>")) == "<b>tebal</b>"


def test_other_values_are_written_as_text_and_escaped():
    assert aman(Decimal("2.5")) == "2.5"
    assert aman(7) == "7"
    assert aman(None) == "None"  # as escape: callers leave out what may be None


def test_a_subclass_of_str_that_is_not_markup_is_escaped():
    class Nama(str):
        pass

    assert aman(Nama("<i>")) == "&lt;i&gt;"


def test_the_fallback_replacements_match_markupsafe():
    teks = "a&b<c>d'e\"f" * 3
    assert teks_aman._ganti(teks) == str(escape(teks))
