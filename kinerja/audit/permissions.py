"""Who reads the audit trail — the only place that decides it: the admin (the "Jejak Audit" page);
the command line (``audit-verify``) is trusted like any shell on the server."""

from __future__ import annotations

from kinerja.akses import is_admin


def can_read_audit(user) -> bool:
    return is_admin(user)
