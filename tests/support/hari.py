"""The suite's "today": the instansi's day (WIB), taken when a test starts, never too close to midnight.

A test that reads the day and then asks the app about it must not straddle midnight WIB (17:00 UTC):
``hari_ini_tenang`` waits out the last few seconds of a day before the test begins (at most once a run).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from kinerja.waktu import DEFAULT_ZONE, utcnow

TENGGANG = 5.0  # seconds; longer than any unit or integration test that reads the day twice


def detik_menuju_esok(sekarang: datetime, zone: str = DEFAULT_ZONE) -> float:
    lokal = sekarang.astimezone(ZoneInfo(zone))
    esok = datetime.combine(lokal.date() + timedelta(days=1), datetime.min.time(), tzinfo=lokal.tzinfo)
    return (esok - lokal).total_seconds()


def hari_ini_tenang(tenggang: float = TENGGANG, sekarang: Callable[[], datetime] = utcnow,
                    tidur: Callable[[float], object] = time.sleep) -> date:
    sisa = detik_menuju_esok(sekarang())
    if sisa < tenggang:
        tidur(sisa + 0.5)
    return sekarang().astimezone(ZoneInfo(DEFAULT_ZONE)).date()
