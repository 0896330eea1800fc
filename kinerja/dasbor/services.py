"""Dasbor use cases that change state: the admin's switch for the public page."""

from __future__ import annotations

import logging

from kinerja.audit.services import record
from kinerja.errors import PermissionDenied
from kinerja.extensions import db
from kinerja.organisasi.permissions import is_admin
from kinerja.organisasi.services import get_instansi

log = logging.getLogger(__name__)


def set_halaman_publik(actor, aktif: bool) -> bool:
    """Turn the public "Kinerja Organisasi" page on or off (admin only; audited)."""
    if not is_admin(actor):
        raise PermissionDenied()
    inst = get_instansi()
    sebelum = bool(inst.halaman_publik)
    inst.halaman_publik = bool(aktif)
    record(actor, "instansi.halaman_publik", "instansi", inst.id, {"halaman_publik": sebelum},
           {"halaman_publik": inst.halaman_publik})
    db.session.commit()
    log.info("halaman publik kinerja organisasi %s oleh %s", "aktif" if aktif else "nonaktif", actor.login_id)
    return inst.halaman_publik
