"""Cetak Massal rules: file names, document codes, who may print which units, table of contents."""

from __future__ import annotations

import pytest

from kinerja.cetak import rules

INDUK = {1: None, 2: 1, 3: 2, 4: 2, 5: 1, 6: 5}


def test_file_name_is_nip_name_document():
    assert rules.nama_berkas("199203112019031007", "Andi Pratama", "B") == \
        "199203112019031007-andi-pratama-evaluasi.pdf"
    assert rules.nama_berkas("1", "Dra. Siti Nurhaliza, M.Si.", "C") == "1-dra-siti-nurhaliza-m-si-dokumen-evaluasi.pdf"
    assert rules.nama_berkas("1", "Ni Luh Ayu Ṣari", "LKH", 6) == "1-ni-luh-ayu-sari-lkh-06.pdf"
    assert rules.nama_berkas("1", "???", "SKP") == "1-tanpa-nama-skp.pdf"


def test_document_codes_are_parsed_in_a_fixed_order():
    assert rules.urai_dokumen("c, b") == ["B", "C"]
    assert rules.urai_dokumen(["LKH", "SKP", "B"]) == ["B", "SKP", "LKH"]
    assert rules.urai_dokumen("") == []
    with pytest.raises(ValueError, match="Dokumen tidak dikenal: X"):
        rules.urai_dokumen("B,X")


def test_admin_prints_every_unit_a_pimpinan_their_subtree_others_nothing():
    assert rules.unit_boleh(INDUK, admin=True, unit_pimpinan=None) == set(INDUK)
    assert rules.unit_boleh(INDUK, admin=False, unit_pimpinan=2) == {2, 3, 4}
    assert rules.unit_boleh(INDUK, admin=False, unit_pimpinan=None) == set()
    assert rules.unit_boleh(INDUK, admin=False, unit_pimpinan=99) == set()


def test_units_printed_with_or_without_sub_units():
    assert rules.unit_cetak(INDUK, None, True) is None
    assert rules.unit_cetak(INDUK, 5, True) == {5, 6}
    assert rules.unit_cetak(INDUK, 5, False) == {5}


def test_table_of_contents_page_numbers():
    assert rules.halaman_daftar_isi([2, 3, 1], 1) == [2, 4, 7]
    assert rules.halaman_daftar_isi([], 1) == []
