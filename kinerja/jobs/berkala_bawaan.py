"""The queue's own periodic work: hand over jobs the queue never received."""

from __future__ import annotations

from kinerja.jobs.layanan import berkala, pulihkan


@berkala(minute="*/5")
def antrekan_ulang() -> int:
    return pulihkan()
