"""Approved absences in a pegawai's calendar (issue #11 §3): Kepatuhan, month view, progress, LKH, logging."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from kinerja.aktivitas import queries as aktivitas_queries
from kinerja.aktivitas import services as aktivitas_services
from kinerja.errors import DomainError
from kinerja.extensions import db
from kinerja.laporan import services as laporan_services
from kinerja.models import Ketidakhadiran
from kinerja.verifikasi import queries as verifikasi_queries
from kinerja.waktu import today_local
from tests.integration.test_verifikasi import buat_aktivitas, masuk

SELASA = date(2026, 3, 10)


def absen(pegawai, jenis, mulai, selesai=None, status="Disetujui"):
    k = Ketidakhadiran(pegawai_id=pegawai.id, jenis=jenis, tanggal_mulai=mulai, tanggal_selesai=selesai or mulai,
                       status=status, sumber="admin")
    db.session.add(k)
    db.session.flush()
    return k


def test_kepatuhan_shows_absence_codes_and_not_kosong(factory, org):
    absen(org.staf1, "Cuti", date(2026, 3, 5), date(2026, 3, 6))
    absen(org.staf1, "Sakit", date(2026, 3, 9))
    absen(org.staf2, "Dinas Luar", date(2026, 3, 9), SELASA)
    absen(org.staf2, "Tugas Belajar", date(2026, 3, 4), status="Diajukan")  # not approved: no effect
    buat_aktivitas(org.staf2, hari=SELASA, status="Diajukan")  # work logged on dinas luar shows its status
    db.session.commit()
    k = verifikasi_queries.kepatuhan(factory.akun_of(org.kasi), hari_ini=SELASA)
    cells = {b.pegawai.nama: {s.tanggal: (s.status, s.singkatan) for s in b.sel} for b in k.baris}
    assert cells["Staf Satu"][date(2026, 3, 5)] == ("Cuti", "C")
    assert cells["Staf Satu"][date(2026, 3, 9)] == ("Sakit", "S")
    assert cells["Staf Dua"][date(2026, 3, 9)] == ("Dinas Luar", "DL")
    assert cells["Staf Dua"][SELASA] == ("Diajukan", "DL A")  # dinas luar with work logged: both codes
    assert cells["Staf Dua"][date(2026, 3, 4)] == ("Kosong", "–")
    # Staf Dua is on dinas luar today: not listed as "belum mengisi".
    assert [p.nama for p in k.belum_mengisi] == ["Staf Satu"]


def test_one_legend_on_kepatuhan_month_and_day(make_browser, org):
    hari = today_local()
    while hari.weekday() >= 5:  # the last weekday: a column of the grid
        hari -= timedelta(days=1)
    absen(org.staf1, "Cuti", hari)
    db.session.commit()
    kasi = masuk(make_browser, org.kasi)
    grid = kasi.get("/verifikasi/kepatuhan").get_data(as_text=True)
    assert "Cuti" in grid and ": Cuti</span>" in grid
    staf = masuk(make_browser, org.staf1)
    bulan = staf.get(f"/aktivitas/bulan?bulan={hari:%Y-%m}").get_data(as_text=True)
    harian = staf.get(f"/aktivitas?tanggal={hari.isoformat()}").get_data(as_text=True)
    for html in (grid, bulan, harian):
        legenda = html.split('class="legenda small"', 1)[1].split("</ul>", 1)[0]
        assert "D</span> Draf" in legenda and "✓</span> Disetujui" in legenda and "C</span> Cuti" in legenda
    assert '<abbr title="Cuti">C</abbr> Cuti' in bulan
    assert "C Cuti" in harian and "bukan hari wajib mengisi aktivitas" in harian


def test_month_target_is_pro_rata(make_browser, org):
    # March 2026 has 22 weekdays; a cuti Thursday 5 – Monday 9 covers 3 of them.
    absen(org.staf1, "Cuti", date(2026, 3, 5), date(2026, 3, 9))
    db.session.commit()
    html = masuk(make_browser, org.staf1).get("/aktivitas/bulan?bulan=2026-03").get_data(as_text=True)
    assert "dari target 5.830 menit" in html  # 6750 × 19/22 = 5829.5 → 5830
    assert "tidak termasuk 3 hari cuti/dinas luar/sakit/tugas belajar" in html
    progres = aktivitas_queries.progress_bulan(org.staf1.id, date(2026, 3, 10))
    assert (progres.target, progres.hari_kerja_bulan) == (5830, 19)


def test_absence_across_month_boundary_counts_in_each_month(org):
    absen(org.staf1, "Sakit", date(2026, 1, 29), date(2026, 2, 3))
    db.session.commit()
    jan = aktivitas_queries.progress_bulan(org.staf1.id, date(2026, 1, 15))
    feb = aktivitas_queries.progress_bulan(org.staf1.id, date(2026, 2, 10))
    # January 2026: 22 weekdays, absent Thu 29 + Fri 30; February: 20 weekdays, absent Mon 2 + Tue 3.
    assert (jan.hari_kerja_bulan, feb.hari_kerja_bulan) == (20, 18)


@pytest.mark.parametrize(("jenis", "boleh"), [("Cuti", False), ("Sakit", False), ("Tugas Belajar", False),
                                              ("Dinas Luar", True)])
def test_logging_on_an_absence_day(factory, org, jenis, boleh):
    absen(org.staf1, jenis, SELASA)
    db.session.commit()
    data = aktivitas_services.AktivitasData(SELASA, time(8), time(9), "Rapat koordinasi di provinsi", "1", "kegiatan",
                                            "atasan")
    actor = factory.akun_of(org.staf1)
    if boleh:
        item = aktivitas_services.create_aktivitas(actor, data, today=SELASA)
        assert item.durasi_menit == 60 and not item.hari_libur
    else:
        with pytest.raises(DomainError, match=f"tercatat {jenis}"):
            aktivitas_services.create_aktivitas(actor, data, today=SELASA)


def test_lkh_lists_absences_and_uses_the_pro_rata_target(factory, org):
    absen(org.staf1, "Cuti", date(2026, 3, 5), date(2026, 3, 6))
    absen(org.staf1, "Dinas Luar", date(2026, 3, 12))
    buat_aktivitas(org.staf1, hari=date(2026, 3, 12), status="Disetujui", durasi=120)
    db.session.commit()
    lkh = laporan_services.lkh_pegawai(factory.akun_of(org.staf1), org.staf1.id, 2026, 3, hari_ini=date(2026, 4, 1))
    assert lkh.ketidakhadiran == [("Cuti", date(2026, 3, 5), date(2026, 3, 6)),
                                  ("Dinas Luar", date(2026, 3, 12), date(2026, 3, 12))]
    assert lkh.hari_kerja == 19 and lkh.target_pro_rata == 5830  # 22 − 3 days
    assert lkh.total_disetujui == 120  # dinas luar work counts


def test_only_approved_absences_count(org):
    absen(org.staf1, "Cuti", SELASA, SELASA + timedelta(days=2), status="Diajukan")
    absen(org.staf1, "Cuti", date(2026, 3, 2), status="Ditolak")
    db.session.commit()
    assert aktivitas_queries.progress_bulan(org.staf1.id, SELASA).target == 6750


def test_dasbor_target_is_pro_rata_per_pegawai(org):
    from kinerja.dasbor import queries as dasbor_queries

    class Sistem:
        is_authenticated, is_admin, pegawai_id = True, True, None

    absen(org.staf1, "Cuti", date(2026, 3, 5), date(2026, 3, 9))
    db.session.commit()
    d = dasbor_queries.dasbor_bulan(dasbor_queries.cakupan(Sistem()), org.seksi.id, 2026, 3, date(2026, 4, 1))
    target = {a.pegawai.nama: a.target_menit for a in d.pegawai}
    assert target["Staf Satu"] == 5830 and target["Staf Dua"] == 6750
