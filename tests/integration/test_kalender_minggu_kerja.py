"""The pegawai's work week read from what the session already holds (kinerja.kalender._loaded_work_week):
no query when the pegawai and its unit are loaded, and a query (None here) whenever they are not."""

from kinerja.extensions import db
from kinerja.kalender import _loaded_work_week, work_week_of
from kinerja.models import Pegawai


def test_a_loaded_pegawai_and_unit_give_the_work_week_without_a_query(factory, count_queries):
    enam = factory.pegawai(unit=factory.unit(hari_kerja=6))
    lima = factory.pegawai(unit=factory.unit(hari_kerja=5))
    tanpa_unit = factory.pegawai()
    tanpa_unit.unit = None
    db.session.flush()
    with count_queries() as q:
        assert _loaded_work_week(enam.id) == 6 and work_week_of(enam.id) == 6
        assert _loaded_work_week(lima.id) == 5
        assert _loaded_work_week(tanpa_unit.id) == 5
    assert q.count == 0


def test_what_the_session_does_not_hold_is_not_guessed(factory):
    pegawai = factory.pegawai(unit=factory.unit(hari_kerja=6))
    db.session.commit()
    pegawai_id, unit = pegawai.id, pegawai.unit
    db.session.expire(pegawai)  # expired: its unit is no longer known
    assert _loaded_work_week(pegawai_id) is None
    db.session.refresh(pegawai)
    db.session.expire(unit, ["hari_kerja_per_minggu"])  # the unit loaded, its work week not
    pegawai.unit  # noqa: B018  load the relationship again
    assert _loaded_work_week(pegawai_id) is None
    db.session.expunge_all()
    assert _loaded_work_week(pegawai_id) is None  # not in the session at all
    assert work_week_of(pegawai_id) == 6  # which asks the database
    assert db.session.get(Pegawai, pegawai_id) is not None
