"""Who may do what with accounts — the only place that decides it.

Everyone manages their own account (password, sessions).  Resetting someone else's password is the
admin's (``can_reset_password``).  Creating admin accounts is a command-line step (``create-admin``).
"""

from __future__ import annotations

from kinerja.akses import is_admin, require_admin


def can_reset_password(user) -> bool:
    return is_admin(user)


def require_reset_password(actor) -> None:
    require_admin(actor)
