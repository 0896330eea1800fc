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


def test_calendar_read_with_a_pages_other_reads_is_the_same_calendar(app, org, count_queries):
    """``kalender_bacaan``: the holidays and absences ``kalender_pegawai`` needs, read in the page's one
    statement (kinerja.sekaligus); the calendar that follows reads nothing and equals one read alone."""
    from kinerja.sekaligus import baca_sekaligus
    from kinerja.waktu import today_local

    hari = today_local()
    awal, akhir = hari.replace(day=1), hari.replace(day=1) + timedelta(days=40)
    db.session.add_all([
        HariLibur(tanggal=hari + timedelta(days=2), nama="Libur uji", jenis="Libur Daerah"),
        Ketidakhadiran(pegawai_id=org.staf1.id, jenis="Cuti", tanggal_mulai=hari + timedelta(days=5),
                       tanggal_selesai=hari + timedelta(days=7), status="Disetujui", sumber="admin"),
        Ketidakhadiran(pegawai_id=org.staf1.id, jenis="Sakit", tanggal_mulai=hari + timedelta(days=9),
                       tanggal_selesai=hari + timedelta(days=9), status="Diajukan", sumber="pegawai"),
    ])
    db.session.commit()
    with app.test_request_context("/"):
        sendiri = kalender.kalender_pegawai(org.staf1.id, awal, akhir)
    with app.test_request_context("/"):
        bacaan = kalender.kalender_bacaan(org.staf1.id, awal, akhir)
        with count_queries() as q:
            baca_sekaligus(*bacaan)
            kal = kalender.kalender_pegawai(org.staf1.id, awal, akhir)
        assert q.count == 1
        assert (kal.libur, kal.absen, kal.hari_kerja_per_minggu) == (sendiri.libur, sendiri.absen,
                                                                     sendiri.hari_kerja_per_minggu)
        assert hari + timedelta(days=2) in kal.libur and kal.absen.get(hari + timedelta(days=6)) == "Cuti"
        assert hari + timedelta(days=9) not in kal.absen  # not approved
        with count_queries() as q:  # the absences were for that call only: a later calendar reads again
            kalender.kalender_pegawai(org.staf1.id, awal, akhir)
        assert q.count == 1


def test_no_calendar_reads_far_from_today(app, org):
    """A range beyond the request's holiday window (e.g. year 1): nothing to read together;
    ``kalender_pegawai`` reads as before."""
    with app.test_request_context("/"):
        assert kalender.kalender_bacaan(org.staf1.id, date(1, 1, 1), date(1, 1, 31)) == []
        assert kalender.kalender_pegawai(org.staf1.id, date(1, 1, 1), date(1, 1, 31)).absen == {}


def test_the_work_week_is_read_with_the_rest_when_the_session_does_not_hold_it(app, org, count_queries):
    """After a commit (a save's answer) the pegawai is expired: its unit's work week (here 6 days) comes in
    the same statement as the holidays and absences, not as one more query."""
    from kinerja.sekaligus import baca_sekaligus
    from kinerja.waktu import today_local

    org.seksi.hari_kerja_per_minggu = 6
    db.session.commit()  # expires the pegawai and its unit
    hari = today_local()
    with app.test_request_context("/"):
        bacaan = kalender.kalender_bacaan(org.staf1.id, hari, hari + timedelta(days=10))
        with count_queries() as q:
            baca_sekaligus(*bacaan)
            kal = kalender.kalender_pegawai(org.staf1.id, hari, hari + timedelta(days=10))
        assert q.count == 1 and kal.hari_kerja_per_minggu == 6


def test_the_day_views_calendar_reads_the_holidays_around_its_days_only(app, org, count_queries):
    """#17: the day view read the request's whole holiday window (800 days, some 50 rows on every page view)
    for a calendar of one month.  It reads the holidays of that month and its margins; a later lookup inside
    them reads nothing, one outside them still finds its holiday (one query more)."""
    from kinerja.sekaligus import baca_sekaligus
    from kinerja.waktu import today_local

    hari = today_local()
    awal, akhir = hari.replace(day=1), hari.replace(day=1) + timedelta(days=30)
    dekat, jauh = hari + timedelta(days=2), hari + timedelta(days=200)
    db.session.add_all([HariLibur(tanggal=dekat, nama="Libur dekat", jenis="Libur Daerah"),
                        HariLibur(tanggal=jauh, nama="Libur jauh", jenis="Libur Daerah")])
    db.session.commit()
    with app.test_request_context("/"):
        bacaan = kalender.kalender_bacaan(org.staf1.id, awal, akhir)
        libur = [b for b in bacaan if "libur_dari" in b.params]
        assert [(b.params["libur_dari"], b.params["libur_sampai"]) for b in libur] == [
            (awal - kalender.MARGIN, akhir + kalender.MARGIN)]
        baca_sekaligus(*bacaan)
        with count_queries() as q:
            kal = kalender.kalender_pegawai(org.staf1.id, awal, akhir)
            assert kalender.holidays_between(hari, hari + timedelta(days=5)) == frozenset({dekat})
        assert q.count == 0 and dekat in kal.libur
        with count_queries() as q:
            assert kalender.holidays_between(jauh - timedelta(days=1), jauh) == frozenset({jauh})
        assert q.count == 1
        with app.test_request_context("/"):  # a page that read the window already: no second holiday read
            kalender.holidays_between(hari, hari)
            assert not [b for b in kalender.kalender_bacaan(org.staf1.id, awal, akhir) if "libur_dari" in b.params]
