"""Reading the header search query (issue #15): a name, or the digits of a NIP."""

from kinerja.cari.rules import baca_kueri, escape_like


def test_a_name_or_nip_digits():
    assert baca_kueri("  Andi   Pratama ").teks == "Andi Pratama"
    assert baca_kueri("19920311 201903 1 007").nip == "199203112019031007"
    assert baca_kueri("1992").nip == "1992" and baca_kueri("1992").teks == ""


def test_too_short_or_empty_is_no_query():
    for raw in (None, "", "   ", "a", "199"):
        assert baca_kueri(raw).kosong, raw


def test_long_input_is_cut_and_wildcards_are_literal():
    assert len(baca_kueri("x" * 500).teks) == 100
    assert escape_like("50%_a\\") == "50\\%\\_a\\\\"
