"""The working calendar from the database: holidays, each pegawai's work week.

Shared by aktivitas, verifikasi (compliance) and laporan.  The arithmetic itself is pure and
lives in :mod:`kinerja.kalender.rules` (``KalenderKerja``, ``next_working_day``, ...).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy import bindparam, select

from kinerja.extensions import db
from kinerja.kalender.rules import KalenderKerja, hari_absen, minggu_kerja
from kinerja.models import HariLibur, Ketidakhadiran, Pegawai, UnitKerja
from kinerja.percache import forget, known, per_request, remember
from kinerja.sekaligus import Bacaan, baca_sekaligus

# Holidays are looked up this far around a date range, so the grace window and
# "previous working day" can cross a long holiday (Lebaran's cuti bersama) at either end.
MARGIN = timedelta(days=21)


# Inside a request every range within this window around today is answered from one query (a few
# dozen rows a year): the Beranda's panels and the day view ask for several ranges.
JENDELA = timedelta(days=400)


def _query_holidays(start: date, end: date) -> frozenset[date]:
    return frozenset(db.session.execute(
        select(HariLibur.tanggal).where(HariLibur.tanggal.between(start, end))
    ).scalars())


def holidays_between(start: date, end: date) -> frozenset[date]:
    """Every holiday (libur nasional, cuti bersama, libur daerah) from ``start`` to ``end`` inclusive."""
    from kinerja.waktu import today_local

    if _rentang_diketahui(start, end):  # a range this request already read (kalender_rentang, kalender_bacaan)
        return frozenset(d for d in known("libur:rentang")[2] if start <= d <= end)
    today = today_local()
    lower, upper = today - JENDELA, today + JENDELA
    if not (lower <= start and end <= upper):
        return per_request(f"libur:{start}:{end}", lambda: _query_holidays(start, end))
    window = per_request("libur:jendela", lambda: _query_holidays(lower, upper))
    return frozenset(d for d in window if start <= d <= end)


def holiday_names_between(start: date, end: date) -> dict[date, str]:
    """Holiday dates with their names, for calendar grids."""
    rows = db.session.execute(
        select(HariLibur.tanggal, HariLibur.nama).where(HariLibur.tanggal.between(start, end))
    ).all()
    return {row.tanggal: row.nama for row in rows}


def _loaded_work_week(pegawai_id: int) -> int | None:
    """The work week from a pegawai (and its unit) the session already holds, without a query.  What is
    loaded is in the object's ``__dict__`` (an expired or unloaded attribute is not); read there rather than
    through ``inspect(...).unloaded``, which builds the set of every unloaded attribute (twice per day view)."""
    from sqlalchemy.orm.util import identity_key

    pegawai = db.session.identity_map.get(identity_key(Pegawai, pegawai_id))
    if pegawai is None:
        return None
    dimuat = pegawai.__dict__
    if "unit" not in dimuat or "unit_id" not in dimuat:
        return None
    unit = dimuat["unit"]
    if unit is None:
        return 5
    hari = unit.__dict__.get("hari_kerja_per_minggu", _BELUM)
    if hari is _BELUM:
        return None
    return minggu_kerja(hari)


_BELUM = object()


def work_week_of(pegawai_id: int) -> int:
    """5 or 6: the working days per week of the pegawai's unit (5 when the pegawai has no unit)."""
    loaded = _loaded_work_week(pegawai_id)
    if loaded is not None:
        return loaded
    value = per_request(_kunci_minggu(pegawai_id), lambda: db.session.execute(
        _minggu_kerja_stmt(), {"pegawai_id": pegawai_id}).scalar_one_or_none())
    return minggu_kerja(value)


def _kunci_minggu(pegawai_id: int) -> str:
    return f"minggu-kerja:{pegawai_id}"


@lru_cache(maxsize=1)
def _minggu_kerja_stmt():
    return (select(UnitKerja.hari_kerja_per_minggu).join(Pegawai, Pegawai.unit_id == UnitKerja.id)
            .where(Pegawai.id == bindparam("pegawai_id")))


def _widen(start: date, end: date) -> tuple[date, date]:
    """``start - MARGIN`` … ``end + MARGIN``, clamped to the dates Python can hold."""
    lower = start - MARGIN if start - date.min >= MARGIN else date.min
    upper = end + MARGIN if date.max - end >= MARGIN else date.max
    return lower, upper


DISETUJUI = "Disetujui"  # only approved absences change a pegawai's calendar


def absen_pegawai_between(pegawai_ids, start: date, end: date) -> dict[int, dict[date, str]]:
    """Each pegawai's approved absence days from ``start`` to ``end`` (pegawai id → date → jenis), one query."""
    rows = db.session.execute(
        select(Ketidakhadiran.pegawai_id, Ketidakhadiran.tanggal_mulai, Ketidakhadiran.tanggal_selesai,
               Ketidakhadiran.jenis)
        .where(Ketidakhadiran.pegawai_id.in_(pegawai_ids), Ketidakhadiran.status == DISETUJUI,
               Ketidakhadiran.tanggal_mulai <= end, Ketidakhadiran.tanggal_selesai >= start)
        .order_by(Ketidakhadiran.tanggal_mulai)
    ).all()
    per: dict[int, list] = {}
    for pid, mulai, selesai, jenis in rows:
        per.setdefault(pid, []).append((mulai, selesai, jenis))
    return {pid: hari_absen(rentang, start, end) for pid, rentang in per.items()}


def absen_between(pegawai_id: int, start: date, end: date) -> dict[date, str]:
    """The pegawai's approved absence days from ``start`` to ``end`` (date → jenis), one query."""
    return absen_pegawai_between([pegawai_id], start, end).get(pegawai_id, {})


def kalender_pegawai(pegawai_id: int, start: date, end: date) -> KalenderKerja:
    """The pegawai's calendar with the holidays and approved absences around ``start``–``end``: inside a
    request ONE statement at most (``kalender_bacaan``; none when the page read them with its own reads just
    before), outside a request or far from today the ordinary queries."""
    lower, upper = _widen(start, end)
    kunci = _kunci_absen(pegawai_id, lower, upper)
    if known(kunci) is None and (bacaan := kalender_bacaan(pegawai_id, start, end)):
        baca_sekaligus(*bacaan)
    absen = known(kunci)
    if absen is None:
        return KalenderKerja(work_week_of(pegawai_id), holidays_between(lower, upper),
                             absen_between(pegawai_id, lower, upper))
    forget(kunci)  # the absences were for this call only
    return KalenderKerja(work_week_of(pegawai_id), holidays_between(lower, upper), absen)


def kalender_bacaan(pegawai_id: int, start: date, end: date) -> list[Bacaan]:
    """What ``kalender_pegawai(pegawai_id, start, end)`` reads, as reads a page runs together with its own
    (``kinerja.sekaligus``): the holidays of the widened range (unless the request's window or a range around
    it is known), the work week (unless the session holds the pegawai with its unit) and the pegawai's
    approved absences.
    Their results are remembered, so that the ``kalender_pegawai`` call that follows reads nothing; the
    absences only for that one call (a later call in the request reads them again).  Empty outside a
    request, or for a range beyond the holiday window (``kalender_pegawai`` reads as usual then).
    ``kalender_pegawai`` itself runs them when the page did not."""
    from flask import has_request_context

    from kinerja.waktu import today_local

    if not has_request_context():
        return []
    lower, upper = _widen(start, end)
    today = today_local()
    w_lower, w_upper = today - JENDELA, today + JENDELA
    if not (w_lower <= lower and upper <= w_upper):
        return []
    bacaan = []
    if known("libur:jendela") is None and not _rentang_diketahui(lower, upper):
        # Only the widened range (a few holidays), not the whole window (some 800 days, ~50 rows on every
        # day view): later ``holidays_between`` calls inside it answer from it, outside it read the window.
        bacaan.append(Bacaan(_libur_stmt(), {"libur_dari": lower, "libur_sampai": upper},
                             lambda rows: remember("libur:rentang", (lower, upper, frozenset(r[0] for r in rows)))))
    if _loaded_work_week(pegawai_id) is None and known(_kunci_minggu(pegawai_id)) is None:
        # The pegawai is not in the session (another's calendar) or was expired by a commit (a save's answer).
        bacaan.append(Bacaan(_minggu_kerja_stmt(), {"pegawai_id": pegawai_id},
                             lambda rows: remember(_kunci_minggu(pegawai_id), rows[0][0] if rows else None)))
    kunci = _kunci_absen(pegawai_id, lower, upper)
    bacaan.append(Bacaan(_absen_stmt(), {"pegawai_id": pegawai_id, "absen_dari": lower, "absen_sampai": upper},
                         lambda rows: remember(kunci, hari_absen(sorted(rows), lower, upper))))
    return bacaan


def _rentang_diketahui(start: date, end: date) -> bool:
    """Has this request read the holidays of a range (``libur:rentang``) that covers ``start``–``end``?"""
    rentang = known("libur:rentang")
    return rentang is not None and rentang[0] <= start and end <= rentang[1]


def _kunci_absen(pegawai_id: int, lower: date, upper: date) -> str:
    return f"kalender-absen:{pegawai_id}:{lower}:{upper}"


@lru_cache(maxsize=1)
def _libur_stmt():
    return select(HariLibur.tanggal).where(HariLibur.tanggal.between(bindparam("libur_dari"), bindparam("libur_sampai")))


@lru_cache(maxsize=1)
def _absen_stmt():
    """A pegawai's approved absences overlapping a range (unordered: ``kalender_bacaan`` sorts them)."""
    return (select(Ketidakhadiran.tanggal_mulai, Ketidakhadiran.tanggal_selesai, Ketidakhadiran.jenis)
            .where(Ketidakhadiran.pegawai_id == bindparam("pegawai_id"), Ketidakhadiran.status == DISETUJUI,
                   Ketidakhadiran.tanggal_mulai <= bindparam("absen_sampai"),
                   Ketidakhadiran.tanggal_selesai >= bindparam("absen_dari")))


def kalender_rentang(pegawai_id: int, start: date, end: date) -> KalenderKerja:
    """The pegawai's calendar from ``start`` to ``end`` only: that range's holidays and approved absences in
    ONE query, without the request's holiday window (some 800 days of rows) — for a page that needs one
    month (the Beranda).  Later in the request ``holidays_between`` answers from it inside the range."""
    libur, rentang = baca_sekaligus(
        Bacaan(_libur_stmt(), {"libur_dari": start, "libur_sampai": end}, lambda rows: frozenset(r[0] for r in rows)),
        Bacaan(_absen_stmt(), {"pegawai_id": pegawai_id, "absen_dari": start, "absen_sampai": end}, sorted))
    remember("libur:rentang", (start, end, libur))
    return KalenderKerja(work_week_of(pegawai_id), libur, hari_absen(rentang, start, end))
