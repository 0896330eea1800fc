"""``kalender_rentang``: one month's holidays and approved absences in one query (the Beranda), and
``holidays_between`` answering from them afterwards inside that month (#17)."""

from datetime import date, timedelta

from kinerja import kalender
from kinerja.extensions import db
from kinerja.models import HariLibur, Ketidakhadiran


def test_month_calendar_and_later_holiday_lookups_inside_it(app, org, count_queries):
    awal, akhir = date(2026, 3, 1), date(2026, 3, 31)
    db.session.add_all([
        HariLibur(tanggal=date(2026, 3, 19), nama="Nyepi", jenis="Libur Nasional"),
        HariLibur(tanggal=date(2026, 4, 3), nama="Jumat Agung", jenis="Libur Nasional"),
        Ketidakhadiran(pegawai_id=org.staf1.id, jenis="Cuti", tanggal_mulai=date(2026, 2, 27),
                       tanggal_selesai=date(2026, 3, 3), status="Disetujui", sumber="admin"),
    ])
    db.session.commit()
    with app.test_request_context("/"):
        kal = kalender.kalender_rentang(org.staf1.id, awal, akhir)
        assert kal.libur == frozenset({date(2026, 3, 19)})
        assert sorted(kal.absen) == [date(2026, 3, 1) + timedelta(days=i) for i in range(3)]
        with count_queries() as q:
            assert kalender.holidays_between(date(2026, 3, 18), date(2026, 3, 20)) == frozenset({date(2026, 3, 19)})
        assert q.count == 0  # inside the month: answered from it
        with count_queries() as q:
            assert kalender.holidays_between(date(2026, 3, 30), date(2026, 4, 5)) == frozenset({date(2026, 4, 3)})
        assert q.count >= 1  # outside the month: read as before
