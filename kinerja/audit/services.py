"""Record and verify audit events.  ``record`` never commits: the calling service does."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select, text

from kinerja.audit.context import client_address
from kinerja.audit.rules import (
    GENESIS,
    KEYED,
    SEAL_ACTION,
    ChainChecker,
    ChainProblem,
    Link,
    canonical,
    event_mac,
    head_mac,
    seal_payload,
)
from kinerja.database import write_intent
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


def _key() -> bytes:
    return current_app.config["AUDIT_KEY"]


_KUNCI_HEAD = select(AuditHead).where(AuditHead.id == HEAD_ID).with_for_update()  # built once: every write runs it


def _lock_head() -> AuditHead:
    head = db.session.execute(_KUNCI_HEAD).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=HEAD_ID, hash_terakhir=GENESIS, jumlah=0)
        db.session.add(head)
        db.session.flush()
    return head


@dataclass(frozen=True)
class Kejadian:
    """One event for ``record_many``."""

    aksi: str
    objek_tipe: str
    objek_id: object = None
    sebelum: object = None
    sesudah: object = None


def record(actor, aksi: str, objek_tipe: str, objek_id=None, sebelum=None, sesudah=None,  # noqa: PLR0913  an audit event is these fields
           aktor_label: str | None = None) -> AuditEvent:
    """Append one event to the chain (flushes; the caller commits)."""
    return record_many(actor, [Kejadian(aksi, objek_tipe, objek_id, sebelum, sesudah)], aktor_label)[0]


def record_many(actor, kejadian: list[Kejadian], aktor_label: str | None = None) -> list[AuditEvent]:
    """Append several events in one go (flushes; the caller commits).  The chain's head is one row every
    write of the installation locks until its commit: it is locked once and written once here, so a day
    of entries submitted together holds it for one round trip instead of two per entry.  Callers append
    as the last step before their commit."""
    if not kejadian:
        return []
    head = _lock_head()
    key, waktu, alamat = _key(), utcnow(), client_address.get()
    label = aktor_label or (actor.login_id if actor is not None else "sistem")
    events = []
    for k in kejadian:
        event = AuditEvent(
            waktu=waktu, aktor_id=getattr(actor, "id", None), aktor_label=label, aksi=k.aksi, objek_tipe=k.objek_tipe,
            objek_id=None if k.objek_id is None else str(k.objek_id), sebelum=_dump(k.sebelum), sesudah=_dump(k.sesudah),
            alamat_ip=alamat, hash_sebelumnya=head.hash_terakhir, versi=KEYED,
        )
        event.hash = event_mac(key, event.hash_sebelumnya, _fields(event))
        head.hash_terakhir = event.hash
        events.append(event)
        log.info("audit %s %s:%s oleh %s", k.aksi, k.objek_tipe, k.objek_id, label)
    db.session.add_all(events)
    head.jumlah = (head.jumlah or 0) + len(events)
    head.mac = head_mac(key, head.hash_terakhir, head.jumlah)
    db.session.flush()
    return events


def record_read(actor, jenis: str, objek_id, pemilik_pegawai_id: int | None) -> None:
    """Audit that ``actor`` read a personal document of someone else (``baca.<jenis>``); commits.

    Nothing is recorded when the reader is the document's owner.  ``pemilik_pegawai_id`` None means
    a document about several people (a team workbook).  Called by download views after the access
    check, in its own short write transaction (the request itself is a read).
    """
    if pemilik_pegawai_id is not None and getattr(actor, "pegawai_id", None) == pemilik_pegawai_id:
        return
    db.session.commit()  # end the request's read transaction before writing
    with write_intent():
        record(actor, f"baca.{jenis}", jenis, objek_id, sesudah={"pemilik_pegawai_id": pemilik_pegawai_id})
        db.session.commit()


def _link(event: AuditEvent) -> Link:
    return Link(id=event.id, versi=event.versi, aksi=event.aksi, sesudah=decode(event.sesudah),
                hash_sebelumnya=event.hash_sebelumnya, hash=event.hash, fields=_fields(event))


def verify_chain(batch_size: int = 2000) -> tuple[int, ChainProblem | None]:
    """Walk the chain; return (events checked, first problem or None)."""
    checker = ChainChecker(_key())
    last_id = 0
    while True:
        rows = db.session.execute(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch_size)
        ).scalars().all()
        if not rows:
            break
        for event in rows:
            problem = checker.feed(_link(event))
            if problem is not None:
                return checker.checked, problem
            last_id = event.id
        db.session.expire_all()
    head = db.session.get(AuditHead, HEAD_ID)
    problem = checker.finish(head.hash_terakhir if head else None, head.jumlah if head else None,
                             head.mac if head else None)
    return checker.checked, problem


@dataclass(frozen=True)
class ChainHead:
    event_id: int | None
    hash: str
    jumlah: int


def chain_head() -> ChainHead:
    """The stored head: write it down (or send it to syslog) to detect a rollback of the whole chain."""
    head = db.session.get(AuditHead, HEAD_ID)
    if head is None:
        return ChainHead(None, GENESIS, 0)
    last = db.session.execute(select(AuditEvent.id).where(AuditEvent.hash == head.hash_terakhir)).scalar()
    return ChainHead(last, head.hash_terakhir, head.jumlah or 0)


def seal_legacy_chain(conn, key: bytes, now=None) -> bool:
    """Seal a chain of version 1 (unkeyed) events with one keyed event; return whether one was added.

    Used by the migration that introduced the key: the legacy links stay as they are and verify with
    the old function, but only up to the seal, whose HMAC covers their count and last hash.  Plain SQL
    on ``conn`` (no ORM), so the migration does not depend on later model changes.
    """
    count = conn.execute(text("SELECT count(*) FROM audit_event")).scalar_one()
    keyed = conn.execute(text("SELECT count(*) FROM audit_event WHERE versi = :v"), {"v": KEYED}).scalar_one()
    if count == 0 or keyed:
        return False
    last = conn.execute(text("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1")).scalar_one()
    now = now or utcnow()
    sesudah = canonical(seal_payload(count, last))
    fields = {"waktu": now.isoformat(), "aktor_id": None, "aktor_label": "sistem", "aksi": SEAL_ACTION,
              "objek_tipe": "audit", "objek_id": None, "sebelum": None, "sesudah": sesudah, "alamat_ip": None}
    digest = event_mac(key, last, fields)
    conn.execute(text(
        "INSERT INTO audit_event (waktu, aktor_id, aktor_label, aksi, objek_tipe, objek_id, sebelum, sesudah, "
        "alamat_ip, hash_sebelumnya, hash, versi) VALUES (:waktu, NULL, 'sistem', :aksi, 'audit', NULL, NULL, "
        ":sesudah, NULL, :prev, :hash, :versi)"),
        {"waktu": now.replace(tzinfo=None), "aksi": SEAL_ACTION, "sesudah": sesudah, "prev": last, "hash": digest,
         "versi": KEYED})
    total = count + 1
    params = {"id": HEAD_ID, "hash": digest, "jumlah": total, "mac": head_mac(key, digest, total)}
    updated = conn.execute(text("UPDATE audit_head SET hash_terakhir = :hash, jumlah = :jumlah, mac = :mac "
                                "WHERE id = :id"), params).rowcount
    if not updated:
        conn.execute(text("INSERT INTO audit_head (id, hash_terakhir, jumlah, mac) VALUES (:id, :hash, :jumlah, :mac)"),
                     params)
    return True


def decode(value: str | None):
    return json.loads(value) if value else None
