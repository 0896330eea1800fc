"""Who may search pegawai: the admin, and a verifikator (an atasan, or a delegate for a unit).

Uses the navigation predicate cached per request (``user_is_verifikator``), so the header's search
box costs no query of its own.  What is found stays scoped (kinerja.cari.queries): a delegate without
subordinates of their own finds nobody.
"""

from __future__ import annotations

from kinerja.organisasi.permissions import is_admin


def can_search(user) -> bool:
    from kinerja.verifikasi.permissions import user_is_verifikator

    return is_admin(user) or user_is_verifikator(user)
