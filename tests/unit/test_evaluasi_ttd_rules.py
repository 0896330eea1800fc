"""Rules of issue #9 §1 and #10 §3: the keberatan window from delivery, refusal to sign, signing preconditions."""

from __future__ import annotations

from datetime import date

import pytest

from kinerja.evaluasi import rules as r

DITERIMA = date(2026, 7, 6)


# ------------------------------------------------------------------ keberatan window (PP 30/2019 Pasal 59)

@pytest.mark.parametrize("status", [r.DISERAHKAN, r.SELESAI])
@pytest.mark.parametrize("hari, boleh", [
    (DITERIMA, True), (date(2026, 7, 20), True),  # day 14 after delivery is the last day
    (date(2026, 7, 21), False), (date(2026, 12, 31), False),
])
def test_window_counts_14_calendar_days_from_delivery_signed_or_not(status, hari, boleh):
    assert (r.keberatan_problem(status, DITERIMA, hari) is None) is boleh


def test_window_message_names_the_last_day():
    assert "20 Juli 2026" in r.keberatan_problem(r.SELESAI, DITERIMA, date(2026, 7, 21))


@pytest.mark.parametrize("status", [r.DRAFT, r.DIAJUKAN, r.DINILAI, r.FINAL, r.TTD_PEGAWAI])
def test_no_keberatan_before_the_result_is_handed_over(status):
    assert "menyerahkan" in r.keberatan_problem(status, None, DITERIMA)


@pytest.mark.parametrize("status", [r.KEBERATAN, r.DIJELASKAN, r.DIPUTUS])
def test_one_keberatan_per_evaluation(status):
    assert "sudah pernah" in r.keberatan_problem(status, DITERIMA, DITERIMA)


def test_keberatan_transition_from_delivered_without_pegawai_signature():
    assert r.transisi(r.DISERAHKAN, "ajukan_keberatan") == r.KEBERATAN
    assert r.transisi(r.SELESAI, "ajukan_keberatan") == r.KEBERATAN


# ------------------------------------------------------------------ signing order and refusal

def test_either_may_sign_first_and_the_penilai_hands_over():
    assert r.transisi(r.FINAL, "ttd_pegawai") == r.TTD_PEGAWAI
    assert r.transisi(r.TTD_PEGAWAI, "ttd_penilai") == r.SELESAI
    assert r.transisi(r.FINAL, "ttd_penilai") == r.DISERAHKAN
    assert r.transisi(r.DISERAHKAN, "ttd_pegawai") == r.SELESAI


def test_refusal_to_sign_only_after_delivery_and_before_the_pegawai_signs():
    assert r.transisi(r.DISERAHKAN, "tolak_ttd") == r.SELESAI
    for status in (r.FINAL, r.TTD_PEGAWAI, r.SELESAI, r.KEBERATAN):
        with pytest.raises(r.AturanError, match="Penolakan tanda tangan"):
            r.transisi(status, "tolak_ttd")


def test_delivered_evaluation_is_locked_and_refresh_only_before_any_signature():
    assert r.DISERAHKAN in r.TERKUNCI
    assert {s for s in r.STATUS if r.boleh(s, "perbarui_skp")} == set(r.BELUM_DITANDATANGANI)
    assert r.transisi(r.FINAL, "perbarui_skp") == r.DINILAI  # finalise again after a refresh
    with pytest.raises(r.AturanError, match="sudah ditandatangani"):
        r.transisi(r.TTD_PEGAWAI, "perbarui_skp")


# ------------------------------------------------------------------ signing preconditions

LENGKAP = {"nama_periode": "Semester II 2026", "periode_selesai": date(2026, 12, 31), "hari_ini": date(2027, 1, 4),
           "lebih_awal": False, "capaian_organisasi": "Baik", "rating_hasil_kerja": r.SESUAI,
           "rating_perilaku_kerja": r.DI_ATAS}


def _cek(**nilai) -> str | None:
    hari_ini = nilai.pop("hari_ini")
    return r.ttd_problem(r.KesiapanTtd(**nilai), hari_ini)


def test_complete_form_after_the_period_may_be_signed():
    assert _cek(**LENGKAP) is None


def test_semester_ii_on_30_november_is_refused_with_the_dates():
    pesan = _cek(**(LENGKAP | {"hari_ini": date(2026, 11, 30)}))
    assert "Semester II 2026 belum berakhir" in pesan and "31 Desember 2026" in pesan and "1 Januari 2027" in pesan


def test_last_day_of_the_period_is_still_inside_it_unless_allowed_early():
    assert _cek(**(LENGKAP | {"hari_ini": date(2026, 12, 31)})) is not None
    assert _cek(**(LENGKAP | {"hari_ini": date(2026, 11, 30), "lebih_awal": True})) is None


@pytest.mark.parametrize("kosong, kata", [
    ({"capaian_organisasi": None}, "Capaian Kinerja Organisasi"),
    ({"rating_hasil_kerja": None}, "Rating Hasil Kerja"),
    ({"rating_perilaku_kerja": None}, "Rating Perilaku Kerja"),
])
def test_incomplete_form_is_refused_even_when_early_signing_is_allowed(kosong, kata):
    assert kata in _cek(**(LENGKAP | {"lebih_awal": True} | kosong))
