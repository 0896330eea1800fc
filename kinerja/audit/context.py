"""Where the request came from, set by the web layer for the audit trail."""

from __future__ import annotations

from contextvars import ContextVar

client_address: ContextVar[str | None] = ContextVar("kinerja_client_address", default=None)
