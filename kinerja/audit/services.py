"""Record and verify audit events.  ``record`` never commits: the calling service does."""

from __future__ import annotations

import json
import logging

from sqlalchemy import select

from kinerja.audit.context import client_address
from kinerja.audit.rules import GENESIS, ChainProblem, canonical, event_hash
from kinerja.extensions import db
from kinerja.models import AuditEvent, AuditHead
from kinerja.waktu import utcnow

log = logging.getLogger(__name__)

HEAD_ID = 1


def _dump(value) -> str | None:
    if value is None:
        return None
    return canonical(value)


def _fields(event: AuditEvent) -> dict:
    return {
        "waktu": event.waktu.isoformat(),
        "aktor_id": event.aktor_id,
        "aktor_label": event.aktor_label,
        "aksi": event.aksi,
        "objek_tipe": event.objek_tipe,
        "objek_id": event.objek_id,
        "sebelum": event.sebelum,
        "sesudah": event.sesudah,
        "alamat_ip": event.alamat_ip,
    }


def _lock_head() -> AuditHead:
    stmt = select(AuditHead).where(AuditHead.id == HEAD_ID).with_for_update()
    head = db.session.execute(stmt).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=HEAD_ID, hash_terakhir=GENESIS, jumlah=0)
        db.session.add(head)
        db.session.flush()
    return head


def record(actor, aksi: str, objek_tipe: str, objek_id=None, sebelum=None, sesudah=None,  # noqa: PLR0913  an audit event is these fields
           aktor_label: str | None = None) -> AuditEvent:
    """Append one event to the chain (flushes; the caller commits)."""
    head = _lock_head()
    event = AuditEvent(
        waktu=utcnow(),
        aktor_id=getattr(actor, "id", None),
        aktor_label=aktor_label or (actor.login_id if actor is not None else "sistem"),
        aksi=aksi,
        objek_tipe=objek_tipe,
        objek_id=None if objek_id is None else str(objek_id),
        sebelum=_dump(sebelum),
        sesudah=_dump(sesudah),
        alamat_ip=client_address.get(),
        hash_sebelumnya=head.hash_terakhir,
    )
    event.hash = event_hash(event.hash_sebelumnya, _fields(event))
    db.session.add(event)
    head.hash_terakhir = event.hash
    head.jumlah = (head.jumlah or 0) + 1
    db.session.flush()
    log.info("audit %s %s:%s oleh %s", aksi, objek_tipe, objek_id, event.aktor_label)
    return event


def verify_chain(batch_size: int = 2000) -> tuple[int, ChainProblem | None]:
    """Walk the chain; return (events checked, first problem or None)."""
    previous = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = db.session.execute(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch_size)
        ).scalars().all()
        if not rows:
            break
        for event in rows:
            if event.hash_sebelumnya != previous:
                return checked, ChainProblem(event.id, "rantai terputus: ada kejadian yang dihapus atau disisipkan sebelum kejadian ini")
            if event_hash(previous, _fields(event)) != event.hash:
                return checked, ChainProblem(event.id, "isi kejadian telah diubah")
            previous = event.hash
            checked += 1
            last_id = event.id
        db.session.expire_all()
    head = db.session.get(AuditHead, HEAD_ID)
    if head is not None and (head.hash_terakhir != previous or head.jumlah != checked):
        return checked, ChainProblem(None, "kejadian terakhir hilang atau kepala rantai diubah")
    if head is None and checked:
        return checked, ChainProblem(None, "kepala rantai hilang")
    return checked, None


def decode(value: str | None):
    return json.loads(value) if value else None
