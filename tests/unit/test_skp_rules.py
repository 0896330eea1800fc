"""SKP rules (kinerja.skp.rules): workflow, submission checks, ordering, lampiran, matriks."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from kinerja.format import angka
from kinerja.skp import rules
from kinerja.skp.rules import RhkCek


@pytest.mark.parametrize("jenis_jabatan, form", [
    ("JPT", "JPT"), ("Administrator", "JA_JF"), ("Pengawas", "JA_JF"), ("Fungsional", "JA_JF"),
    ("Pelaksana", "JA_JF"), (None, "JA_JF"),
])
def test_jenis_form(jenis_jabatan, form):
    assert rules.jenis_form_untuk(jenis_jabatan) == form


def test_titles():
    assert rules.JUDUL_FORM["JA_JF"] == "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL"
    assert rules.JUDUL_FORM["JPT"] == "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI"
    assert rules.judul_pendekatan("Kualitatif") == "PENDEKATAN HASIL KERJA KUALITATIF"


@pytest.mark.parametrize("status, aksi, allowed", [
    ("Draft", "ajukan", True), ("Ditolak", "ajukan", True), ("Diajukan", "ajukan", False), ("Disetujui", "ajukan", False),
    ("Diajukan", "setujui", True), ("Draft", "setujui", False), ("Ditolak", "setujui", False), ("Disetujui", "setujui", False),
    ("Diajukan", "kembalikan", True), ("Draft", "kembalikan", False), ("Disetujui", "kembalikan", False),
    ("Disetujui", "mulai_revisi", True), ("Draft", "mulai_revisi", False), ("Diajukan", "mulai_revisi", False),
])
def test_transitions(status, aksi, allowed):
    problem = rules.transisi_problem(status, aksi)
    assert (problem is None) is allowed
    if problem:
        assert problem.endswith(".")


@pytest.mark.parametrize("aksi, hasil", [
    ("ajukan", "Diajukan"), ("setujui", "Disetujui"), ("kembalikan", "Ditolak"), ("mulai_revisi", "Draft")])
def test_status_after(aksi, hasil):
    assert rules.status_baru(aksi) == hasil


@pytest.mark.parametrize("status, editable", [("Draft", True), ("Ditolak", True), ("Diajukan", False), ("Disetujui", False)])
def test_editable_states(status, editable):
    assert rules.dapat_diubah(status) is editable
    assert (rules.ubah_problem(status) is None) is editable


def test_locked_message_points_to_revision():
    assert "Mulai Revisi" in rules.ubah_problem("Disetujui")


def test_empty_skp_cannot_be_submitted():
    problems = rules.pengajuan_problems([], set())
    assert problems and "kosong" in problems[0]


@pytest.mark.parametrize("rhk, sah, expected", [
    ([RhkCek("A", "Utama", 1)], set(), []),
    ([RhkCek("A", "Utama", 2, 10)], {10}, []),
    ([RhkCek("A", "Tambahan", 1)], set(), ["Utama"]),
    ([RhkCek("A", "Utama", 0)], set(), ["belum punya Indikator"]),
    ([RhkCek("A", "Utama", 1, 99)], {10}, ["tidak ada di SKP atasan"]),
    ([RhkCek("A", "Utama", 1), RhkCek("B", "Tambahan", 0, 5)], {10}, ["belum punya Indikator", "tidak ada di SKP atasan"]),
])
def test_submission_problems(rhk, sah, expected):
    problems = rules.pengajuan_problems(rhk, sah)
    assert len(problems) == len(expected)
    for problem, fragment in zip(problems, expected, strict=True):
        assert fragment in problem


def test_submission_problem_names_the_rhk():
    problems = rules.pengajuan_problems([RhkCek("Terkelolanya website pemerintah daerah", "Utama", 0)], set())
    assert "Terkelolanya website pemerintah daerah" in problems[0]


def test_ekspektasi_is_optional_only_length_is_checked():
    # Issue #10 §4: ekspektasi khusus pimpinan "dapat diberikan" — none, some or all are fine.
    assert rules.ekspektasi_problems({}) == {}
    lengkap = {n: "Ekspektasi" for n in range(1, 8)}
    assert rules.ekspektasi_problems(lengkap) == {}
    lengkap[3] = "   "
    assert rules.ekspektasi_problems(lengkap) == {}
    lengkap[3] = "x" * 2001
    assert list(rules.ekspektasi_problems(lengkap)) == [3]
    assert "Kompeten" in rules.ekspektasi_problems(lengkap)[3]


@pytest.mark.parametrize("jenis, uraian, perspektif, form, field", [
    ("Utama", "RHK", None, "JA_JF", None),
    ("Lain", "RHK", None, "JA_JF", "jenis"),
    ("Utama", "  ", None, "JA_JF", "uraian"),
    ("Utama", "RHK", "Proses Bisnis", "JPT", None),
    ("Utama", "RHK", "Bukan Perspektif", "JPT", "perspektif"),
])
def test_rhk_problem(jenis, uraian, perspektif, form, field):
    problem = rules.rhk_problem(jenis, uraian, perspektif, form)
    assert (problem[0] if problem else None) == field


@pytest.mark.parametrize("aspek, indikator, target, angka, satuan, field", [
    ("Kuantitas", "Jumlah", "12 dokumen", Decimal("12"), "dokumen", None),
    ("Kualitas", "Mutu", "Baik", None, None, None),
    ("Biaya", "X", "Y", None, None, "aspek"),
    ("Waktu", "", "Y", None, None, "indikator"),
    ("Waktu", "X", " ", None, None, "target_teks"),
    ("Waktu", "X", "Y", Decimal("-1"), "hari", "target_angka"),
    ("Waktu", "X", "Y", Decimal("12"), "", "satuan"),
])
def test_iki_problem(aspek, indikator, target, angka, satuan, field):
    problem = rules.iki_problem(aspek, indikator, target, angka, satuan)
    assert (problem[0] if problem else None) == field


@pytest.mark.parametrize("nilai, teks", [
    (Decimal("12"), "12"), (Decimal("12.00"), "12"), (Decimal("99.5"), "99,5"), (Decimal("1250"), "1.250"),
    (Decimal("0.25"), "0,25"), (None, ""),
])
def test_format_angka(nilai, teks):
    assert angka(nilai) == teks


@pytest.mark.parametrize("teks, butir", [
    ("Satu\nDua", ["Satu", "Dua"]),
    ("  Satu  \n\n\nDua\n", ["Satu", "Dua"]),
    ("1. Satu\n2. Dua", ["Satu", "Dua"]),
    ("- Satu\n\u2022 Dua\n* Tiga", ["Satu", "Dua", "Tiga"]),
    ("Anggaran 2026. Sesuai DPA", ["Anggaran 2026. Sesuai DPA"]),
    ("", []),
    (None, []),
])
def test_lampiran_one_item_per_line(teks, butir):
    assert rules.baris_ke_daftar(teks) == butir


def test_lampiran_defaults_are_filled_and_copies():
    bawaan = rules.lampiran_bawaan()
    assert set(bawaan) == set(rules.LAMPIRAN_FIELDS)
    assert all(len(v) >= 3 for v in bawaan.values())
    bawaan["konsekuensi"].append("x")
    assert "x" not in rules.lampiran_bawaan()["konsekuensi"]


def test_lampiran_limits():
    assert rules.lampiran_problem("konsekuensi", ["a"] * 31)
    assert rules.lampiran_problem("konsekuensi", ["a" * 501])
    assert rules.lampiran_problem("konsekuensi", ["a"] * 3) is None


@dataclass
class R:
    id: int
    jenis: str
    uraian: str = ""


URUTAN = [(1, "Utama"), (2, "Tambahan"), (3, "Utama"), (4, "Utama")]


@pytest.mark.parametrize("rhk_id, arah, hasil", [
    (3, "naik", [3, 2, 1, 4]),   # swaps with the previous Utama, skipping the Tambahan
    (1, "turun", [3, 2, 1, 4]),
    (4, "naik", [1, 2, 4, 3]),
    (1, "naik", [1, 2, 3, 4]),   # already first of its group
    (4, "turun", [1, 2, 3, 4]),  # already last
    (2, "naik", [1, 2, 3, 4]),   # the only Tambahan
    (9, "naik", [1, 2, 3, 4]),   # unknown id
    (3, "samping", [1, 2, 3, 4]),
])
def test_move_within_its_own_jenis(rhk_id, arah, hasil):
    assert rules.geser(URUTAN, rhk_id, arah) == hasil


def test_urutkan_puts_utama_first_stably():
    items = [R(1, "Tambahan"), R(2, "Utama"), R(3, "Tambahan"), R(4, "Utama")]
    assert [r.id for r in rules.urutkan_rhk(items)] == [2, 4, 1, 3]


def test_kelompok_always_has_both_groups():
    kelompok = rules.kelompokkan([R(1, "Utama"), R(2, "Utama")])
    assert [(k.judul, [r.id for r in k.rhk]) for k in kelompok] == [("A. UTAMA", [1, 2]), ("B. TAMBAHAN", [])]


def test_kelompok_on_dicts():
    kelompok = rules.kelompokkan([{"jenis": "Tambahan"}], jenis_of=lambda r: r["jenis"])
    assert len(kelompok[1].rhk) == 1


def test_matriks_peran_hasil():
    mine = [R(10, "Utama", "Layanan informasi"), R(11, "Utama", "Website"), R(12, "Tambahan", "Humas")]
    a, b, c = R(100, "Utama"), R(101, "Utama"), R(102, "Utama")
    intervensi = [(1, 10, a), (2, 10, b), (2, 11, c), (3, 11, R(103, "Utama")), (1, 999, R(104, "Utama"))]
    rows = rules.matriks_peran_hasil(mine, [1, 2], intervensi)
    assert [[len(cell) for cell in row.sel] for row in rows] == [[1, 1], [0, 1], [0, 0]]
    assert rows[0].sel[0] == [a]
    assert [row.belum_diintervensi for row in rows] == [False, False, True]


@pytest.mark.parametrize("teks, panjang, hasil", [
    ("pendek", 60, "pendek"), ("a  b\n c", 60, "a b c"), ("x" * 70, 10, "x" * 9 + "\u2026")])
def test_ringkas(teks, panjang, hasil):
    assert rules.ringkas(teks, panjang) == hasil


def test_paper_approval_of_the_top_needs_a_date_not_in_the_future_and_a_scan():
    """Issue #10 §1: the admin records the paper approval of the top of the tree with date and scan."""
    from datetime import date

    from kinerja.skp.rules import persetujuan_kertas_problems

    hari_ini, diajukan = date(2026, 11, 30), date(2026, 11, 20)
    assert persetujuan_kertas_problems(date(2026, 11, 25), True, hari_ini, diajukan) == []
    assert [f for f, _ in persetujuan_kertas_problems(None, False, hari_ini, diajukan)] == ["tanggal", "pindaian"]
    assert "masa depan" in persetujuan_kertas_problems(date(2026, 12, 1), True, hari_ini, diajukan)[0][1]
    assert "sebelum SKP diajukan" in persetujuan_kertas_problems(date(2026, 11, 19), True, hari_ini, diajukan)[0][1]
