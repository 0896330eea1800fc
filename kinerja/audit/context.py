"""Where the request came from, set by the web layer for the audit trail and login throttling."""

from __future__ import annotations

from contextvars import ContextVar

client_address: ContextVar[str | None] = ContextVar("kinerja_client_address", default=None)
# The browser's device cookies (name → signed value), for password re-entry inside services.
device_cookies: ContextVar[dict[str, str] | None] = ContextVar("kinerja_device_cookies", default=None)

DEVICE_COOKIE_PREFIX = "kinerja_perangkat_"
