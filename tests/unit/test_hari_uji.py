"""The suite's own idea of "today" is the instansi's (WIB), taken per test, never at import.

Found in CI (30 Nov 2026): a run that crossed midnight WIB (17:00 UTC) failed two dialog tests, because
their module computed ``TODAY`` when it was imported, minutes before the app's day had moved on. Tests
that used ``date.today()`` (the machine's UTC day) disagreed with the app between 17:00 and 24:00 UTC.
"""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.support.hari import detik_menuju_esok, hari_ini_tenang

UJI = Path(__file__).resolve().parents[1]
KODE = UJI.parent / "kinerja"
HARI_INI = {"today_local", "today", "utcnow", "now"}


def _panggilan_hari(node: ast.AST) -> bool:
    """A call that reads the clock now; a lambda that reads it later (a Hypothesis strategy) is fine."""
    if isinstance(node, ast.Lambda):
        return False
    if isinstance(node, ast.Call):
        fungsi = node.func
        if (fungsi.attr if isinstance(fungsi, ast.Attribute) else getattr(fungsi, "id", "")) in HARI_INI:
            return True
    return any(_panggilan_hari(anak) for anak in ast.iter_child_nodes(node))


def _berkas(akar: Path) -> list[Path]:
    return sorted(p for p in akar.rglob("*.py") if ".venv" not in p.parts)


def test_no_test_module_takes_today_when_it_is_imported():
    temuan = []
    for path in _berkas(UJI):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None and _panggilan_hari(node.value):
                temuan.append(f"{path.relative_to(UJI.parent)}:{node.lineno}")
    assert temuan == [], "hari ini dihitung saat modul diimpor (basi bila uji melewati tengah malam WIB): " + ", ".join(temuan)


@pytest.mark.parametrize("akar", [UJI, KODE], ids=["tests", "kinerja"])
def test_nobody_asks_the_machine_for_its_own_day(akar):
    """``date.today()`` is the server's day (UTC on most servers); the dinas lives in WIB: ``today_local()``."""
    temuan = []
    for path in _berkas(akar):
        for sub in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr == "today"
                    and isinstance(sub.func.value, ast.Name) and sub.func.value.id in {"date", "datetime"}):
                temuan.append(f"{path.relative_to(UJI.parent)}:{sub.lineno}")
    assert temuan == [], "pakai today_local(): " + ", ".join(temuan)


def test_seconds_until_tomorrow_are_counted_in_wib():
    assert detik_menuju_esok(datetime(2026, 11, 30, 16, 59, 58, tzinfo=UTC)) == pytest.approx(2.0)
    assert detik_menuju_esok(datetime(2026, 11, 30, 17, 0, 0, tzinfo=UTC)) == pytest.approx(86_400.0)
    assert detik_menuju_esok(datetime(2026, 11, 30, 5, 0, 0, tzinfo=UTC)) == pytest.approx(12 * 3600.0)


def test_a_test_starting_just_before_midnight_waits_for_the_new_day():
    jam = [datetime(2026, 11, 30, 16, 59, 57, tzinfo=UTC)]
    tidur = []

    def sekarang():
        return jam[0]

    def tunggu(detik):
        tidur.append(detik)
        jam[0] = datetime(2026, 11, 30, 17, 0, 0, 500_000, tzinfo=UTC)

    assert hari_ini_tenang(sekarang=sekarang, tidur=tunggu) == date(2026, 12, 1)
    assert tidur and 3.0 <= tidur[0] <= 4.0


def test_a_test_far_from_midnight_does_not_wait():
    tidur = []
    hari = hari_ini_tenang(sekarang=lambda: datetime(2026, 11, 30, 9, 0, tzinfo=UTC), tidur=tidur.append)
    assert hari == date(2026, 11, 30) and tidur == []
