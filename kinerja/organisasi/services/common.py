"""Helpers shared by the organisation services."""

from __future__ import annotations

import logging

from kinerja.errors import PermissionDenied

log = logging.getLogger(__name__)



def _require_admin(actor) -> None:
    if actor is None or not getattr(actor, "is_admin", False):
        raise PermissionDenied()
