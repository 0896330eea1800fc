"""can_see_result (issue #9 §2): when the result of an evaluation reaches whom.  Pure: users and
evaluations as plain objects, the chain given as ``bawahan``."""

from types import SimpleNamespace

import pytest

from kinerja.evaluasi import rules
from kinerja.evaluasi.permissions import TanpaHasil, can_see_result

pytestmark = pytest.mark.no_db

PEGAWAI, PENILAI, ATASAN_PENILAI, KEPALA, LAIN = 1, 2, 3, 4, 5


def _user(pegawai_id=None, admin=False):
    return SimpleNamespace(is_authenticated=True, is_admin=admin, pegawai_id=pegawai_id)


def _ev(status):
    return SimpleNamespace(pegawai_id=PEGAWAI, penilai_id=PENILAI, atasan_penilai_id=ATASAN_PENILAI, status=status,
                           predikat="Sangat Baik", rating_hasil_kerja="Di Atas Ekspektasi")


BELUM = (rules.DRAFT, rules.DIAJUKAN, rules.DINILAI)


@pytest.mark.parametrize("status", rules.STATUS)
def test_the_pegawai_sees_his_result_once_the_penilai_has_finalised(status):
    assert can_see_result(_user(PEGAWAI), _ev(status), bawahan=frozenset()) is (status not in BELUM)


@pytest.mark.parametrize("status", rules.STATUS)
@pytest.mark.parametrize("user, bawahan", [
    (_user(PENILAI), frozenset()),
    (_user(ATASAN_PENILAI), frozenset()),
    (_user(KEPALA), frozenset({PEGAWAI, PENILAI})),  # higher up the chain
    (_user(admin=True), None),
])
def test_those_who_set_check_or_decide_it_always_see_it(status, user, bawahan):
    assert can_see_result(user, _ev(status), bawahan=bawahan)


@pytest.mark.parametrize("user", [_user(LAIN), _user(None), SimpleNamespace(is_authenticated=False)])
def test_nobody_else_sees_it(user):
    assert not can_see_result(user, _ev(rules.SELESAI), bawahan=frozenset())


def test_an_admin_who_is_the_pegawai_waits_like_any_pegawai():
    assert not can_see_result(_user(PEGAWAI, admin=True), _ev(rules.DINILAI))


def test_tanpa_hasil_hides_the_result_columns_only():
    ev = TanpaHasil(_ev(rules.DINILAI))
    assert ev.predikat is None and ev.rating_hasil_kerja is None and ev.pegawai_id == PEGAWAI
