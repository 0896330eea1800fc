"""Rencana aksi rules (pure): when a rencana aksi is frozen, when it may be deleted (issue #11 §4)."""

from __future__ import annotations

from datetime import date

from kinerja.rencana_aksi import rules


def test_rencana_aksi_dibekukan_bila_evaluasi_final_mencakup_harinya():
    tw1 = (date(2026, 1, 1), date(2026, 3, 31))
    assert not rules.dibekukan(*tw1, [])
    assert rules.dibekukan(*tw1, [(date(2026, 1, 1), date(2026, 6, 30))])
    assert not rules.dibekukan(*tw1, [(date(2026, 7, 1), date(2026, 12, 31))])
    assert rules.dibekukan(date(2026, 6, 1), date(2026, 6, 30), [(date(2026, 1, 1), date(2026, 6, 30))])


def test_hapus_diblokir_oleh_final_atau_aktivitas_disetujui_saja():
    assert rules.masalah_hapus(False, 0) is None
    assert "sudah final" in rules.masalah_hapus(True, 0)
    assert "2 aktivitas yang disetujui" in rules.masalah_hapus(False, 2)
    assert rules.masalah_ubah(False) is None and "sudah final" in rules.masalah_ubah(True)
