"""Scope of a delegated verifikator (issue #9 §2): never the delegate's own atasan chain, never the head
of the unit, never someone who verifies the delegate in turn.  The direct atasan is not limited by it."""

from datetime import date

import pytest

from kinerja.verifikasi import rules
from kinerja.verifikasi.rules import Delegasi, LingkupDelegasi

pytestmark = pytest.mark.no_db

HARI = date(2026, 3, 10)
KEPALA, ATASAN_DELEGASI, DELEGASI_KE, REKAN, PEGAWAI, DELEGASI_LAIN = 1, 2, 3, 4, 5, 6
UNIT = 10


def _d(verifikator=DELEGASI_KE):
    return Delegasi(UNIT, verifikator, date(2026, 3, 9), date(2026, 3, 13), True)


# The delegate's chain: DELEGASI_KE → ATASAN_DELEGASI → KEPALA; DELEGASI_LAIN also verifies the unit.
LINGKUP = LingkupDelegasi(atasan=frozenset({ATASAN_DELEGASI, KEPALA}),
                          verifikator=frozenset({ATASAN_DELEGASI, DELEGASI_LAIN}))


@pytest.mark.parametrize("pegawai, atasan, kepala_unit, expected", [
    (PEGAWAI, REKAN, False, True),                 # a colleague's subordinate in the delegated unit
    (REKAN, ATASAN_DELEGASI, False, True),          # a colleague with the same atasan
    (ATASAN_DELEGASI, KEPALA, False, False),        # her own supervisor
    (KEPALA, None, False, False),                   # higher up her chain
    (DELEGASI_LAIN, ATASAN_DELEGASI, False, False),  # the other delegate, who verifies her in turn
    (PEGAWAI, REKAN, True, False),                  # the head of the unit
])
def test_scope_of_a_delegate(pegawai, atasan, kepala_unit, expected):
    assert rules.boleh_memverifikasi(DELEGASI_KE, pegawai, atasan, UNIT, [_d()], HARI,
                                     kepala_unit=kepala_unit, lingkup=LINGKUP) is expected


def test_the_direct_atasan_is_not_limited_by_the_delegation_scope():
    # ATASAN_DELEGASI verifies DELEGASI_KE directly, though DELEGASI_KE holds a delegation for the unit.
    lingkup = LingkupDelegasi(atasan=frozenset({KEPALA}), verifikator=frozenset({KEPALA}))
    assert rules.boleh_memverifikasi(ATASAN_DELEGASI, DELEGASI_KE, ATASAN_DELEGASI, UNIT, [_d(ATASAN_DELEGASI)], HARI,
                                     kepala_unit=False, lingkup=lingkup) is True


def test_two_delegates_of_one_unit_verify_neither_each_other():
    a = LingkupDelegasi(atasan=frozenset({KEPALA}), verifikator=frozenset({KEPALA, DELEGASI_LAIN}))
    b = LingkupDelegasi(atasan=frozenset({KEPALA}), verifikator=frozenset({KEPALA, DELEGASI_KE}))
    delegasi = [_d(DELEGASI_KE), _d(DELEGASI_LAIN)]
    assert not rules.boleh_memverifikasi(DELEGASI_KE, DELEGASI_LAIN, KEPALA, UNIT, delegasi, HARI, lingkup=a)
    assert not rules.boleh_memverifikasi(DELEGASI_LAIN, DELEGASI_KE, KEPALA, UNIT, delegasi, HARI, lingkup=b)


def test_delegasi_menjangkau_is_the_pure_scope_rule():
    assert rules.delegasi_menjangkau(PEGAWAI, False, LINGKUP)
    assert not rules.delegasi_menjangkau(PEGAWAI, True, LINGKUP)
    assert not rules.delegasi_menjangkau(KEPALA, False, LINGKUP)
    assert not rules.delegasi_menjangkau(DELEGASI_LAIN, False, LINGKUP)
