"""Announcement rules: the safe formatter and the audience arithmetic."""

import pytest

from kinerja.pengumuman import rules


@pytest.mark.parametrize("text, expected", [
    ("Halo", "<p>Halo</p>"),
    ("Baris satu\nBaris dua", "<p>Baris satu<br>\nBaris dua</p>"),
    ("Paragraf satu\n\nParagraf dua", "<p>Paragraf satu</p>\n<p>Paragraf dua</p>"),
    ("Ini **penting** sekali", "<p>Ini <strong>penting</strong> sekali</p>"),
    ("- satu\n- dua", "<ul><li>satu</li><li>dua</li></ul>"),
    ("* satu\n* dua", "<ul><li>satu</li><li>dua</li></ul>"),
    ("1. pertama\n2) kedua", "<ol><li>pertama</li><li>kedua</li></ol>"),
    ("Judul:\n- a\n\nPenutup", "<p>Judul:</p>\n<ul><li>a</li></ul>\n<p>Penutup</p>"),
    ("- a\n1. b", "<ul><li>a</li></ul>\n<ol><li>b</li></ol>"),
    ("", ""),
    (None, ""),
    ("\r\nA\r\n\r\nB\r", "<p>A</p>\n<p>B</p>"),
])
def test_format_isi(text, expected):
    assert str(rules.format_isi(text)) == expected


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "**<img src=x onerror=alert(1)>**",
    "- <b>daftar</b>",
    '<a href="javascript:alert(1)">klik</a>',
    "** **<script>**",
])
def test_format_isi_never_lets_html_through(text):
    html = str(rules.format_isi(text))
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<b>" not in html
    assert "&lt;" in html


def test_links_stay_text():
    html = str(rules.format_isi("Lihat https://jdih.example.go.id/peraturan?a=1&b=2"))
    assert "<a" not in html
    assert "https://jdih.example.go.id/peraturan?a=1&amp;b=2" in html


def test_unbalanced_bold_stays_literal():
    assert str(rules.format_isi("2 ** 3 dan **")) == "<p>2 ** 3 dan **</p>"


PARENTS = {1: None, 2: 1, 3: 2, 4: 1, 5: 4, 6: 3}


@pytest.mark.parametrize("root, expected", [(1, {1, 2, 3, 4, 5, 6}), (2, {2, 3, 6}), (4, {4, 5}), (6, {6})])
def test_subtree(root, expected):
    assert rules.subtree(PARENTS, root) == expected


def test_subtree_survives_a_cycle():
    assert rules.subtree({1: 2, 2: 1}, 1) == {1, 2}


@pytest.mark.parametrize("admin, unit, expected", [
    (True, None, (True, set(PARENTS))),
    (False, 1, (True, set(PARENTS))),  # the head of the top unit may address the whole dinas
    (False, 2, (False, {2, 3, 6})),
    (False, None, (False, set())),
    (False, 99, (False, set())),
])
def test_writable_units(admin, unit, expected):
    assert rules.writable_units(PARENTS, admin, unit) == expected


@pytest.mark.parametrize("args, expected", [
    ((True, None, True, "semua"), "Seluruh dinas"),
    ((False, "Bidang Aplikasi", True, "semua"), "Bidang Aplikasi beserta sub-unit"),
    ((False, "Bidang Aplikasi", False, "atasan"), "Bidang Aplikasi saja · Atasan (yang punya bawahan)"),
    ((True, None, True, "pimpinan"), "Seluruh dinas · Pimpinan unit"),
])
def test_sasaran_label(args, expected):
    assert rules.sasaran_label(*args) == expected


def test_ringkasan_baca_and_belum_membaca():
    assert rules.ringkasan_baca(17, 42) == "dibaca 17 dari 42"
    assert rules.belum_membaca([(1, None), (2, "kemarin"), (3, None)]) == [1, 3]
