"""Evaluasi rules: matrix, head-of-unit rule, kurva distribusi, keberatan deadline, state machine."""

from datetime import date
from fractions import Fraction

import pytest

from kinerja.evaluasi import rules
from kinerja.evaluasi import rules as r
from kinerja.evaluasi.rules import AturanError


@pytest.fixture(autouse=True)
def _transaction():
    """Pure rules: no app and no database."""
    yield None

A, S, B = "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"


@pytest.mark.parametrize(
    ("hasil", "perilaku", "expected"),
    [
        (A, B, "Kurang/Misconduct"), (A, S, "Baik"), (A, A, "Sangat Baik"),
        (S, B, "Kurang/Misconduct"), (S, S, "Baik"), (S, A, "Baik"),
        (B, B, "Sangat Kurang"), (B, S, "Butuh Perbaikan"), (B, A, "Butuh Perbaikan"),
    ],
)
def test_predikat_matrix_all_nine_cells(hasil, perilaku, expected):
    assert r.predikat(hasil, perilaku) == expected


@pytest.mark.parametrize(
    ("hasil", "perilaku", "expected"),
    [  # DOMAIN.md §9
        (A, A, "Sangat Baik"), (S, A, "Baik"), (A, B, "Kurang/Misconduct"), (B, A, "Butuh Perbaikan"),
        (B, B, "Sangat Kurang"),
    ],
)
def test_predikat_domain_figures(hasil, perilaku, expected):
    assert r.predikat(hasil, perilaku) == expected


def test_matrix_is_complete_and_employee_predikat_only():
    assert len(r.MATRIKS_PREDIKAT) == 9
    assert "Istimewa" not in r.MATRIKS_PREDIKAT.values()


def test_unknown_rating_is_refused():
    with pytest.raises(AturanError):
        r.predikat("Luar Biasa", S)


def test_rule_is_explained_in_words():
    text = r.aturan_predikat(S, A)
    assert "Rating Hasil Kerja Sesuai Ekspektasi" in text and "Predikat Kinerja Baik" in text


@pytest.mark.parametrize(
    ("capaian", "rating"),
    [("Istimewa", A), ("Baik", S), ("Butuh Perbaikan", B), ("Kurang", B), ("Sangat Kurang", B)],
)
def test_head_of_unit_rating_follows_capaian(capaian, rating):
    assert r.rating_hasil_kepala_unit(capaian) == rating


def test_head_of_unit_unknown_capaian():
    with pytest.raises(AturanError):
        r.rating_hasil_kepala_unit("Bagus")


# ------------------------------------------------------------------ kurva

def _p(**counts):
    names = {"sb": "Sangat Baik", "b": "Baik", "bp": "Butuh Perbaikan", "k": "Kurang/Misconduct", "sk": "Sangat Kurang"}
    out = []
    for key, n in counts.items():
        out += [names[key]] * n
    return out


def test_kurva_example_from_the_brief():
    hasil = r.cek_kurva("Baik", _p(b=5, bp=1, sb=1))
    assert hasil.total == 7
    assert hasil.jumlah("Baik") == 5
    assert "Baik 5 dari 7 pegawai = 71%, melebihi batas 70%." in hasil.penyimpangan
    assert len(hasil.penyimpangan) == 1
    baik = next(b for b in hasil.baris if b.predikat == "Baik")
    assert baik.bagian == Fraction(5, 7) and baik.kalimat == "5 dari 7 pegawai = 71%"


def test_kurva_words_for_each_predikat_and_order():
    hasil = r.cek_kurva("Baik", _p(b=4, bp=2, sb=1))
    assert [b.predikat for b in hasil.baris] == ["Sangat Kurang", "Kurang/Misconduct", "Butuh Perbaikan", "Baik", "Sangat Baik"]
    assert next(b for b in hasil.baris if b.predikat == "Baik").kalimat == "4 dari 7 pegawai = 57%"
    assert hasil.sesuai_pola
    assert hasil.syarat == ["Baik paling banyak 70%", "minimal satu pegawai Butuh Perbaikan atau Kurang/Misconduct"]


def test_kurva_baik_needs_at_least_one_low_predikat():
    hasil = r.cek_kurva("Baik", _p(b=2, sb=2))
    assert any("minimal satu" in m for m in hasil.penyimpangan)


@pytest.mark.parametrize(
    ("capaian", "predikat", "departures"),
    [
        # one pegawai
        ("Istimewa", _p(sb=1), ["Sangat Baik 1 dari 1 pegawai = 100%, melebihi batas 70%."]),
        ("Istimewa", _p(b=1), []),
        ("Baik", _p(bp=1), []),
        ("Butuh Perbaikan", _p(bp=1), []),
        ("Sangat Kurang", _p(sk=1), ["Kurang/Misconduct atau Butuh Perbaikan 0 dari 1 pegawai = 0%, kurang dari batas minimal 10%."]),
        # two pegawai
        ("Istimewa", _p(sb=1, b=1), []),
        ("Baik", _p(b=1, k=1), []),
        ("Butuh Perbaikan", _p(bp=1, sb=1), ["Butuh Perbaikan 1 dari 2 pegawai = 50%, kurang dari batas minimal 60%.",
                                             "Sangat Baik 1 dari 2 pegawai = 50%, melebihi batas 10%."]),
        # three pegawai
        ("Butuh Perbaikan", _p(bp=2, b=1), []),
        ("Butuh Perbaikan", _p(bp=1, b=2), ["Butuh Perbaikan 1 dari 3 pegawai = 33%, kurang dari batas minimal 60%."]),
        ("Kurang", _p(k=2, bp=1), []),
        ("Sangat Kurang", _p(sk=2, sb=1), [
            "Kurang/Misconduct atau Butuh Perbaikan 0 dari 3 pegawai = 0%, kurang dari batas minimal 10%.",
            "Sangat Baik 1 dari 3 pegawai = 33%, padahal pola capaian Sangat Kurang tidak membolehkan Sangat Baik.",
        ]),
    ],
)
def test_kurva_small_teams(capaian, predikat, departures):
    assert r.cek_kurva(capaian, predikat).penyimpangan == departures


def test_kurva_exact_fractions_at_the_boundary():
    # 7 of 10 = exactly 70%: allowed.  Rounding never hides a departure.
    assert r.cek_kurva("Istimewa", _p(sb=7, b=3)).sesuai_pola
    big = r.cek_kurva("Istimewa", _p(sb=704, b=296))
    assert big.penyimpangan == ["Sangat Baik 704 dari 1000 pegawai = 70,4%, melebihi batas 70%."]


def test_kurva_kurang_pattern_requirements():
    hasil = r.cek_kurva("Kurang", _p(k=5, sb=1, b=4))
    assert hasil.syarat == ["Kurang/Misconduct paling sedikit 60%", "Butuh Perbaikan paling sedikit 10%",
                            "Sangat Baik paling banyak 10%"]
    assert len(hasil.penyimpangan) == 2


def test_kurva_without_capaian_or_without_pegawai():
    none = r.cek_kurva(None, _p(b=3))
    assert none.syarat == [] and none.penyimpangan == [] and none.total == 3
    empty = r.cek_kurva("Baik", [])
    assert empty.total == 0 and empty.penyimpangan == [] and empty.baris[0].kalimat == "0 dari 0 pegawai = 0%"


def test_kurva_unknown_values():
    with pytest.raises(AturanError):
        r.cek_kurva("Baik", ["Istimewa"])
    with pytest.raises(AturanError):
        r.cek_kurva("Bagus", [])


@pytest.mark.parametrize(("value", "desimal", "text"), [
    (Fraction(4, 7), 0, "57%"), (Fraction(5, 7), 0, "71%"), (Fraction(1, 2), 0, "50%"),
    (Fraction(1, 200), 0, "1%"), (Fraction(704, 1000), 1, "70,4%"), (Fraction(0), 0, "0%"),
])
def test_format_persen(value, desimal, text):
    assert r.format_persen(value, desimal) == text


# ------------------------------------------------------------------ keberatan deadline

@pytest.mark.parametrize(("diterima", "hari_ini", "open_"), [
    (date(2026, 7, 1), date(2026, 7, 1), True),
    (date(2026, 7, 1), date(2026, 7, 15), True),   # day 14: last day
    (date(2026, 7, 1), date(2026, 7, 16), False),  # day 15: closed
    (date(2026, 12, 25), date(2027, 1, 8), True),  # over the year end
    (date(2026, 12, 25), date(2027, 1, 9), False),
])
def test_keberatan_window_is_14_calendar_days(diterima, hari_ini, open_):
    assert r.keberatan_masih_dibuka(diterima, hari_ini) is open_


def test_batas_keberatan():
    assert r.batas_keberatan(date(2026, 7, 1)) == date(2026, 7, 15)


def test_batas_pengisian_efektif():
    assert r.batas_pengisian_efektif(date(2026, 7, 15), None) == date(2026, 7, 15)
    assert r.batas_pengisian_efektif(date(2026, 7, 15), date(2026, 7, 31)) == date(2026, 7, 31)
    assert r.batas_pengisian_efektif(date(2026, 7, 15), date(2026, 7, 1)) == date(2026, 7, 15)


# ------------------------------------------------------------------ state machine

HAPPY_PATH = [
    ("simpan_realisasi", r.DRAFT), ("ajukan_realisasi", r.DIAJUKAN), ("nilai", r.DINILAI), ("nilai", r.DINILAI),
    ("finalisasi", r.FINAL), ("ttd_pegawai", r.TTD_PEGAWAI), ("ttd_penilai", r.SELESAI),
    ("ajukan_keberatan", r.KEBERATAN), ("jelaskan_keberatan", r.DIJELASKAN), ("putuskan_keberatan", r.DIPUTUS),
]


def test_state_machine_happy_path():
    status = r.DRAFT
    for aksi, expected in HAPPY_PATH:
        status = r.transisi(status, aksi)
        assert status == expected


def test_return_realisasi_goes_back_to_draft():
    assert r.transisi(r.DIAJUKAN, "kembalikan_realisasi") == r.DRAFT


@pytest.mark.parametrize(("status", "aksi", "pesan"), [
    (r.DRAFT, "nilai", "Realisasi belum diajukan"),
    (r.DINILAI, "ttd_penilai", "belum difinalisasi"),
    (r.DISERAHKAN, "ttd_penilai", "sudah menandatangani"),
    (r.TTD_PEGAWAI, "ttd_pegawai", "sudah menandatangani"),
    (r.SELESAI, "ttd_penilai", "sudah menandatangani"),
    (r.SELESAI, "nilai", "terkunci"),
    (r.SELESAI, "simpan_realisasi", "terkunci"),
    (r.DIAJUKAN, "ajukan_realisasi", "sudah diajukan"),
    (r.DINILAI, "ajukan_keberatan", "setelah pejabat penilai menandatangani"),
    (r.DIPUTUS, "ajukan_keberatan", "sudah pernah diajukan"),
    (r.KEBERATAN, "putuskan_keberatan", "belum dijelaskan"),
])
def test_state_machine_refusals(status, aksi, pesan):
    with pytest.raises(AturanError, match=pesan):
        r.transisi(status, aksi)


def test_every_transition_target_is_a_status_and_locked_states_refuse_edits():
    for langkah in r.TRANSISI.values():
        assert set(langkah.values()) <= set(r.STATUS) and set(langkah) <= set(r.STATUS)
    for status in r.TERKUNCI:
        for aksi in ("simpan_realisasi", "ajukan_realisasi", "nilai", "finalisasi", "kembalikan_realisasi"):
            assert not r.boleh(status, aksi)


def test_tahap_for_progress():
    assert [r.tahap(s) for s in (r.DRAFT, r.DIAJUKAN, r.FINAL, r.DIPUTUS)] == [
        "Belum diisi", "Realisasi terisi", "Dinilai", "Ditandatangani"]


# ------------------------------------------------------------------ kurva over the organisation below a pimpinan

# dinas(1) → bidang(2) → {seksi A(3), seksi B(4)}; dinas → bidang lain(5)
INDUK = {1: None, 2: 1, 3: 2, 4: 2, 5: 1}


def _pu(unit, predikat, kepala=False):
    return rules.PredikatUnit(unit, kepala, predikat)


def test_unit_bawahan_is_the_subtree():
    assert rules.unit_bawahan(2, INDUK) == {2, 3, 4}
    assert rules.unit_bawahan(1, INDUK) == {1, 2, 3, 4, 5}
    assert rules.unit_bawahan(4, INDUK) == {4}
    assert rules.unit_bawahan(1, {1: 2, 2: 1}) == {1, 2}  # a cycle does not loop


def test_small_seksi_under_baik_does_not_warn_when_the_bidang_follows_the_pattern():
    daftar = [
        _pu(2, "Sangat Baik", kepala=True),  # the kabid himself: not in his own kurva
        _pu(3, "Sangat Baik", kepala=True), _pu(3, "Baik"), _pu(3, "Baik"),  # seksi A: 2 of 3 Baik, nobody below
        _pu(4, "Baik", kepala=True), _pu(4, "Butuh Perbaikan"), _pu(4, "Sangat Baik"),
        _pu(5, "Baik"), _pu(5, "Baik"),  # another bidang: not counted
    ]
    seksi_a_alone = rules.cek_kurva("Baik", ["Sangat Baik", "Baik", "Baik"])
    assert not seksi_a_alone.sesuai_pola  # the old per-seksi check warned here
    bidang = rules.cek_kurva_pimpinan(2, "Baik", INDUK, daftar)
    assert bidang.total == 6 and bidang.jumlah("Baik") == 3 and bidang.jumlah("Butuh Perbaikan") == 1
    assert bidang.sesuai_pola, bidang.penyimpangan
    rincian = rules.rincian_per_unit(2, INDUK, daftar)
    assert rincian[3].total == 3 and rincian[3].penyimpangan == [] and rincian[3].syarat == []
    assert rincian[4].jumlah("Butuh Perbaikan") == 1 and set(rincian) == {3, 4}


def test_kurva_of_the_dinas_counts_every_head_below_but_not_the_kepala_dinas():
    daftar = [_pu(1, "Sangat Baik", kepala=True), _pu(2, "Baik", kepala=True), _pu(3, "Baik"), _pu(5, "Kurang/Misconduct")]
    assert sorted(rules.predikat_di_bawah(1, INDUK, daftar)) == ["Baik", "Baik", "Kurang/Misconduct"]


def test_kurva_of_a_bidang_still_warns_when_the_whole_bidang_departs():
    daftar = [_pu(3, "Baik"), _pu(3, "Baik"), _pu(4, "Baik")]
    hasil = rules.cek_kurva_pimpinan(2, "Baik", INDUK, daftar)
    assert hasil.penyimpangan == ["Baik 3 dari 3 pegawai = 100%, melebihi batas 70%.",
                                  "Belum ada pegawai dengan predikat Butuh Perbaikan atau Kurang/Misconduct; "
                                  "pola capaian Baik mensyaratkan minimal satu."]


def test_awal_kurva_puts_a_head_in_the_organisation_above():
    assert rules.awal_kurva(3, False, INDUK) == 3
    assert rules.awal_kurva(3, True, INDUK) == 2
    assert rules.awal_kurva(1, True, INDUK) is None
    assert rules.awal_kurva(None, False, INDUK) is None


# ------------------------------------------------------------------ who sets the capaian (§4)

def test_capaian_is_set_by_the_pimpinan_above_never_by_the_units_own_head():
    pimpinan = {1: 100, 2: 200, 3: 300}  # unit → its head (seksi B has none)
    assert rules.penetap_capaian(3, INDUK, pimpinan) == 200  # seksi A: the kabid, not the kasi (300)
    assert rules.penetap_capaian(2, INDUK, pimpinan) == 100  # bidang: the kepala dinas
    assert rules.penetap_capaian(1, INDUK, pimpinan) == rules.PENETAP_LUAR  # the dinas: its penilai outside
    assert rules.penetap_capaian(4, INDUK, {1: 100}) == 100  # no kabid: the next head up
    assert rules.penetap_capaian(3, INDUK, {3: 300}) is None  # nobody above: the admin records it


def test_pola_per_predikat_for_the_form_b_table():
    pola = rules.pola_per_predikat("Baik")
    assert pola["Baik"] == "paling banyak 70%"
    assert pola["Butuh Perbaikan"] == "minimal satu pegawai (bersama Kurang/Misconduct)"
    assert pola["Sangat Baik"] == "boleh" and pola["Sangat Kurang"] == "boleh"
    sk = rules.pola_per_predikat("Sangat Kurang")
    assert sk["Sangat Baik"] == "tidak boleh ada" and sk["Sangat Kurang"] == "paling sedikit 60%"
    assert rules.pola_per_predikat(None)["Baik"] == "–"


def test_admin_records_a_capaian_only_for_the_dinas_itself():
    """Issue #10 §2: on behalf of the dinas's external penilai, or where no pimpinan above exists;
    never for a unit whose capaian a pimpinan in the dinas sets."""
    assert rules.admin_mencatat_capaian(rules.PENETAP_LUAR) is True
    assert rules.admin_mencatat_capaian(None) is True
    assert rules.admin_mencatat_capaian(200) is False


def test_why_a_pegawai_has_no_evaluation_and_what_happens_next():
    """Issue #15: the Evaluasi page says why there is none and what happens next."""
    belum_dibuka = rules.alasan_tanpa_evaluasi("Semester II", 2026, dibuka=False, skp_disetujui=True, punya_penilai=True)
    assert "Periode Semester II belum dibuka oleh admin kepegawaian" in belum_dibuka
    tanpa_skp = rules.alasan_tanpa_evaluasi("Semester II", 2026, dibuka=True, skp_disetujui=False, punya_penilai=True)
    assert "SKP 2026 Anda belum disetujui" in tanpa_skp and "Atasan Anda" in tanpa_skp
    tanpa_penilai = rules.alasan_tanpa_evaluasi("Semester II", 2026, dibuka=True, skp_disetujui=True, punya_penilai=False)
    assert "pejabat penilai" in tanpa_penilai and "admin kepegawaian" in tanpa_penilai
    terlambat = rules.alasan_tanpa_evaluasi("Semester II", 2026, dibuka=True, skp_disetujui=True, punya_penilai=True)
    assert "Buka Evaluasi" in terlambat


def test_periods_sort_i_ii_akhir_within_a_year_newest_year_first():
    from types import SimpleNamespace as P

    items = [P(tahun=2026, urutan=3, nama="Akhir"), P(tahun=2026, urutan=1, nama="Semester I"),
             P(tahun=2027, urutan=1, nama="Semester I"), P(tahun=2026, urutan=2, nama="Semester II")]
    assert [(p.tahun, p.nama) for p in rules.urutkan_periode(items)] == [
        (2027, "Semester I"), (2026, "Semester I"), (2026, "Semester II"), (2026, "Akhir")]
