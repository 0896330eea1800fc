"""Record and verify audit events.  ``record`` never commits: the calling service does."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import partial

from flask import current_app
from sqlalchemy import bindparam, insert, select, text, update
from sqlalchemy.orm.util import identity_key

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
from kinerja.extensions import baris, db
from kinerja.models import AuditEvent, AuditHead
from kinerja.waktu import utcnow

log = logging.getLogger(__name__)

HEAD_ID = 1


def _dump(value) -> str | None:
    if value is None:
        return None
    return canonical(value)


_KOLOM_MAC = ("aktor_id", "aktor_label", "aksi", "objek_tipe", "objek_id", "sebelum", "sesudah", "alamat_ip")


def _fields(event: AuditEvent | dict) -> dict:
    """The fields an event's HMAC covers: of a loaded event, or of a row about to be written (a dict)."""
    nilai = event.get if isinstance(event, dict) else partial(getattr, event)
    return {"waktu": nilai("waktu").isoformat(), **{k: nilai(k) for k in _KOLOM_MAC}}


def _key() -> bytes:
    return current_app.config["AUDIT_KEY"]


# The chain is written without the ORM's unit of work, by statements built once per process: the head row
# (locked, then moved on) and the events are written here only and read back only by the chain check.  Through
# the ORM (an object per event, a flush) the audit of one save or approval cost about a seventh of its Python
# (#17).
_HEAD, _EVENT = AuditHead.__table__, AuditEvent.__table__
_KUNCI_HEAD = select(_HEAD.c.hash_terakhir, _HEAD.c.jumlah).where(_HEAD.c.id == HEAD_ID).with_for_update()
_HEAD_BARU = insert(_HEAD).values(id=HEAD_ID, hash_terakhir=GENESIS, jumlah=0)
_TULIS_EVENT = insert(_EVENT)
_TULIS_HEAD = (update(_HEAD).where(_HEAD.c.id == HEAD_ID)
               .values(hash_terakhir=bindparam("akhir"), jumlah=bindparam("banyak"), mac=bindparam("segel")))


def _lock_head() -> tuple[str, int]:
    """(last hash, number of events) of the chain, its head row locked until the commit (made on the first
    write of an installation)."""
    row = baris(_KUNCI_HEAD).first()
    if row is None:
        db.session.connection().execute(_HEAD_BARU)
        row = baris(_KUNCI_HEAD).first()
    return row.hash_terakhir, row.jumlah or 0


@dataclass(frozen=True)
class Kejadian:
    """One event for ``record_many``."""

    aksi: str
    objek_tipe: str
    objek_id: object = None
    sebelum: object = None
    sesudah: object = None


def record(actor, aksi: str, objek_tipe: str, objek_id=None, sebelum=None, sesudah=None,  # noqa: PLR0913  an audit event is these fields
           aktor_label: str | None = None) -> None:
    """Append one event to the chain (written in the session's transaction; the caller commits)."""
    record_many(actor, [Kejadian(aksi, objek_tipe, objek_id, sebelum, sesudah)], aktor_label)


def record_many(actor, kejadian: list[Kejadian], aktor_label: str | None = None) -> None:
    """Append several events in one go (written in the session's transaction; the caller commits).  The
    chain's head is one row every write of the installation locks until its commit: it is locked once and
    written once here, so a day of entries submitted together holds it for one round trip instead of two per
    entry.  Callers append as the last step before their commit."""
    if not kejadian:
        return
    akhir, banyak = _lock_head()
    key, waktu, alamat = _key(), utcnow(), client_address.get()
    label = aktor_label or (actor.login_id if actor is not None else "sistem")
    aktor_id = getattr(actor, "id", None)
    baris_event = []
    for k in kejadian:
        row = {"waktu": waktu, "aktor_id": aktor_id, "aktor_label": label, "aksi": k.aksi, "objek_tipe": k.objek_tipe,
               "objek_id": None if k.objek_id is None else str(k.objek_id), "sebelum": _dump(k.sebelum),
               "sesudah": _dump(k.sesudah), "alamat_ip": alamat, "hash_sebelumnya": akhir, "versi": KEYED}
        row["hash"] = akhir = event_mac(key, akhir, _fields(row))
        baris_event.append(row)
        log.info("audit %s %s:%s oleh %s", k.aksi, k.objek_tipe, k.objek_id, label)
    banyak += len(baris_event)
    conn = db.session.connection()
    conn.execute(_TULIS_EVENT, baris_event[0] if len(baris_event) == 1 else baris_event)
    conn.execute(_TULIS_HEAD, {"akhir": akhir, "banyak": banyak, "segel": head_mac(key, akhir, banyak)})
    head = db.session.identity_map.get(identity_key(AuditHead, HEAD_ID))
    if head is not None:  # a head read through the ORM earlier in this session shows the new one
        db.session.expire(head)


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
