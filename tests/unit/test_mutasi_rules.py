"""Pure rules of issue #11 §1–§2: SKP periods, the predikat's SKP, Plt/Plh overlaps and the effective atasan."""

from datetime import date

import pytest

from kinerja import aturan_jabatan as rules
from kinerja.aturan_jabatan import Penugasan, Posisi, RentangSkp

pytestmark = pytest.mark.no_db


# ------------------------------------------------------------------ periods

def test_tahun_kabisat_punya_366_hari():
    assert rules.jumlah_hari(rules.awal_tahun(2028), rules.akhir_tahun(2028)) == 366
    assert rules.jumlah_hari(rules.awal_tahun(2027), rules.akhir_tahun(2027)) == 365


def test_mutasi_1_maret_tahun_kabisat_mengakhiri_skp_lama_29_februari():
    lama, baru = rules.pisah_skp(date(2028, 1, 1), date(2028, 12, 31), date(2028, 3, 1))
    assert lama == (date(2028, 1, 1), date(2028, 2, 29))
    assert baru == (date(2028, 3, 1), date(2028, 12, 31))
    lama, _ = rules.pisah_skp(date(2027, 1, 1), date(2027, 12, 31), date(2027, 3, 1))
    assert lama[1] == date(2027, 2, 28)


def test_promosi_1_juli_membagi_tahun():
    lama, baru = rules.pisah_skp(date(2026, 1, 1), date(2026, 12, 31), date(2026, 7, 1))
    assert lama == (date(2026, 1, 1), date(2026, 6, 30))
    assert baru == (date(2026, 7, 1), date(2026, 12, 31))


@pytest.mark.parametrize("efektif", [date(2026, 1, 1), date(2025, 12, 31), date(2027, 1, 1)])
def test_tanggal_mutasi_di_luar_skp_berjalan_ditolak(efektif):
    assert rules.masalah_tanggal_mutasi(efektif, date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(ValueError):
        rules.pisah_skp(date(2026, 1, 1), date(2026, 12, 31), efektif)


def test_tanggal_mutasi_tanpa_skp_berjalan_bebas_dan_wajib_diisi():
    assert rules.masalah_tanggal_mutasi(date(2026, 5, 5), None, None) is None
    assert rules.masalah_tanggal_mutasi(None, None, None)
    assert rules.masalah_tanggal_mutasi(date(2026, 12, 31), date(2026, 1, 1), date(2026, 12, 31)) is None


def test_skp_aktif_pada_tanggal():
    skps = [RentangSkp(1, date(2026, 1, 1), date(2026, 6, 30)), RentangSkp(2, date(2026, 7, 1), date(2026, 12, 31))]
    assert rules.skp_aktif_pada(skps, date(2026, 6, 30)) == 1
    assert rules.skp_aktif_pada(skps, date(2026, 7, 1)) == 2
    assert rules.skp_aktif_pada(skps, date(2027, 1, 1)) is None


def test_periode_mengevaluasi_setiap_skp_yang_aktif_di_dalamnya():
    skps = [RentangSkp(2, date(2026, 7, 1), date(2026, 12, 31)), RentangSkp(1, date(2026, 1, 1), date(2026, 6, 30))]
    assert rules.skp_dalam_periode(skps, date(2026, 1, 1), date(2026, 6, 30)) == [1]
    assert rules.skp_dalam_periode(skps, date(2026, 7, 1), date(2026, 12, 31)) == [2]
    assert rules.skp_dalam_periode(skps, date(2026, 1, 1), date(2026, 12, 31)) == [1, 2]


def test_predikat_periode_dari_skp_yang_paling_lama_dalam_periode():
    skps = [RentangSkp(1, date(2026, 1, 1), date(2026, 2, 28)), RentangSkp(2, date(2026, 3, 1), date(2026, 12, 31))]
    assert rules.skp_penentu_predikat(skps, date(2026, 1, 1), date(2026, 6, 30)) == 2
    skps = [RentangSkp(1, date(2026, 1, 1), date(2026, 5, 31)), RentangSkp(2, date(2026, 6, 1), date(2026, 12, 31))]
    assert rules.skp_penentu_predikat(skps, date(2026, 1, 1), date(2026, 6, 30)) == 1
    assert rules.skp_penentu_predikat([], date(2026, 1, 1), date(2026, 6, 30)) is None


def test_predikat_periode_seri_di_tahun_kabisat_dimenangkan_skp_terbaru():
    # Semester I 2028 = 182 days; a mutasi on 1 April splits it 91 (Jan 31 + Feb 29 + Mar 31) / 91.
    skps = [RentangSkp(1, date(2028, 1, 1), date(2028, 3, 31)), RentangSkp(2, date(2028, 4, 1), date(2028, 12, 31))]
    assert rules.irisan_hari(date(2028, 1, 1), date(2028, 3, 31), date(2028, 1, 1), date(2028, 6, 30)) == 91
    assert rules.irisan_hari(date(2028, 4, 1), date(2028, 12, 31), date(2028, 1, 1), date(2028, 6, 30)) == 91
    assert rules.skp_penentu_predikat(skps, date(2028, 1, 1), date(2028, 6, 30)) == 2


# ------------------------------------------------------------------ Plt / Plh

def _p(id_, mulai, selesai, unit=None, pegawai=None, pejabat=50, jenis=rules.PLT, batal=False):
    return Penugasan(id_, jenis, pejabat, mulai, selesai, unit_id=unit, pegawai_id=pegawai, dibatalkan=batal)


def test_penugasan_tumpang_tindih_untuk_unit_yang_sama_ditolak():
    ada = [_p(1, date(2026, 5, 1), date(2026, 5, 31), unit=7)]
    assert "Sudah ada penugasan" in rules.masalah_penugasan(_p(2, date(2026, 5, 31), date(2026, 6, 15), unit=7), ada)
    assert rules.masalah_penugasan(_p(2, date(2026, 6, 1), date(2026, 6, 15), unit=7), ada) is None
    assert rules.masalah_penugasan(_p(2, date(2026, 5, 10), date(2026, 5, 15), unit=8), ada) is None
    # A cancelled one does not block; editing itself does not collide with itself.
    assert rules.masalah_penugasan(_p(2, date(2026, 5, 10), date(2026, 5, 15), unit=7),
                                   [_p(1, date(2026, 5, 1), date(2026, 5, 31), unit=7, batal=True)]) is None
    assert rules.masalah_penugasan(_p(1, date(2026, 5, 2), date(2026, 5, 30), unit=7), ada) is None


def test_penugasan_untuk_pegawai_yang_sama_tumpang_tindih_ditolak():
    ada = [_p(1, date(2026, 5, 1), date(2026, 5, 31), pegawai=9)]
    assert rules.masalah_penugasan(_p(2, date(2026, 4, 1), date(2026, 5, 1), pegawai=9, jenis=rules.PLH), ada)


@pytest.mark.parametrize("baru, pesan", [
    (_p(1, date(2026, 5, 2), date(2026, 5, 1), unit=7), "sebelum tanggal mulai"),
    (_p(1, date(2026, 5, 1), date(2026, 5, 2)), "Pilih salah satu"),
    (_p(1, date(2026, 5, 1), date(2026, 5, 2), unit=7, pegawai=3), "Pilih salah satu"),
    (_p(1, date(2026, 5, 1), date(2026, 5, 2), pegawai=50), "dirinya sendiri"),
    (_p(1, date(2026, 5, 1), date(2026, 5, 2), unit=7, jenis="Pj"), "Plt atau Plh"),
])
def test_penugasan_tidak_sah(baru, pesan):
    assert pesan in rules.masalah_penugasan(baru, [])


STAF = Posisi(id=10, atasan_id=20, unit_id=7)            # staff of seksi 7, atasan 20 (Kepala Seksi)
KASI = Posisi(id=20, atasan_id=30, unit_id=7, pimpinan=True, induk_unit_id=3)


def test_plt_kepala_seksi_menjadi_atasan_efektif_staf_selama_berjalan():
    plt = [_p(1, date(2026, 5, 1), date(2026, 5, 31), unit=7, pejabat=50)]
    assert rules.atasan_efektif(STAF, plt, date(2026, 4, 30)) == 20
    assert rules.atasan_efektif(STAF, plt, date(2026, 5, 1)) == 50
    assert rules.atasan_efektif(STAF, plt, date(2026, 5, 31)) == 50
    assert rules.atasan_efektif(STAF, plt, date(2026, 6, 1)) == 20
    # The head of the seksi himself answers to the bidang (unit 3), not to the Plt of his own seksi.
    assert rules.atasan_efektif(KASI, plt, date(2026, 5, 10)) == 30


def test_plt_kepala_bidang_menjadi_atasan_kepala_seksi():
    plt = [_p(1, date(2026, 5, 1), date(2026, 5, 31), unit=3, pejabat=60)]
    assert rules.atasan_efektif(KASI, plt, date(2026, 5, 10)) == 60
    assert rules.atasan_efektif(STAF, plt, date(2026, 5, 10)) == 20


def test_plt_ke_jabatan_kosong_dan_plt_tidak_menjadi_atasan_dirinya():
    kosong = Posisi(id=11, atasan_id=None, unit_id=7)
    plt = [_p(1, date(2026, 5, 1), date(2026, 5, 31), unit=7, pejabat=10)]
    assert rules.atasan_efektif(kosong, plt, date(2026, 5, 5)) == 10
    assert rules.atasan_efektif(STAF, plt, date(2026, 5, 5)) == 20  # the Plt is a staff of the seksi himself


def test_plh_atasan_satu_pegawai_menang_atas_plt_unit():
    tugas = [_p(1, date(2026, 5, 1), date(2026, 5, 31), unit=7, pejabat=50),
             _p(2, date(2026, 5, 10), date(2026, 5, 12), pegawai=10, pejabat=70, jenis=rules.PLH)]
    assert rules.atasan_efektif(STAF, tugas, date(2026, 5, 11)) == 70
    assert rules.atasan_efektif(STAF, tugas, date(2026, 5, 13)) == 50


def test_plt_yang_berakhir_pada_hari_libur():
    # Ends Sunday 31 May 2026 (and with a holiday on Friday 29 May): it runs through 31 May, the
    # duties return on Monday 1 June, the acting official's last working day is Thursday 28 May.
    plt = [_p(1, date(2026, 5, 1), date(2026, 5, 31), unit=7, pejabat=50)]
    assert rules.atasan_efektif(STAF, plt, date(2026, 5, 31)) == 50
    assert rules.hari_tugas_kembali(date(2026, 5, 31)) == date(2026, 6, 1)
    assert rules.hari_kerja_terakhir(date(2026, 5, 31), {date(2026, 5, 29)}) == date(2026, 5, 28)
    assert rules.hari_kerja_terakhir(date(2026, 5, 31), set(), hari_kerja_per_minggu=6) == date(2026, 5, 30)
    assert rules.hari_kerja_terakhir(date(2026, 5, 27), set()) == date(2026, 5, 27)


def test_plt_dibatalkan_tidak_berlaku():
    plt = [_p(1, date(2026, 5, 1), date(2026, 5, 31), unit=7, batal=True)]
    assert rules.atasan_efektif(STAF, plt, date(2026, 5, 5)) == 20


def test_label_jabatan_tanda_tangan():
    assert rules.label_jabatan(rules.PLT, "Kepala Seksi Bina Marga") == "Plt. Kepala Seksi Bina Marga"
    assert rules.label_jabatan(rules.PLH, "Kepala Seksi Bina Marga") == "Plh. Kepala Seksi Bina Marga"
    assert rules.label_jabatan(None, "Kepala Seksi Bina Marga") == "Kepala Seksi Bina Marga"
