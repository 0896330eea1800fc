"""In-app notifications: other services call ``notify``; it never commits."""

from __future__ import annotations

from sqlalchemy import select, update

from kinerja.extensions import db
from kinerja.models import Akun, Notifikasi
from kinerja.waktu import utcnow


def notify(penerima: Akun | int | None, pesan: str, tautan: str | None = None, jenis: str = "umum") -> Notifikasi | None:
    """Queue a notification for an account (flushes; the caller's service commits)."""
    if penerima is None:
        return None
    penerima_id = penerima if isinstance(penerima, int) else penerima.id
    item = Notifikasi(penerima_id=penerima_id, pesan=pesan[:300], tautan=tautan, jenis=jenis)
    db.session.add(item)
    return item


def notify_pegawai(pegawai_id: int, pesan: str, tautan: str | None = None, jenis: str = "umum") -> Notifikasi | None:
    akun_id = db.session.execute(select(Akun.id).where(Akun.pegawai_id == pegawai_id)).scalar_one_or_none()
    return notify(akun_id, pesan, tautan, jenis)


def list_notifikasi(actor: Akun, limit: int = 50) -> list[Notifikasi]:
    return list(db.session.execute(
        select(Notifikasi).where(Notifikasi.penerima_id == actor.id)
        .order_by(Notifikasi.created_at.desc(), Notifikasi.id.desc()).limit(limit)
    ).scalars())


def mark_read(actor: Akun, notifikasi_id: int | None = None) -> int:
    """Mark one (or all) of the actor's notifications read.  Commits."""
    stmt = update(Notifikasi).where(Notifikasi.penerima_id == actor.id, Notifikasi.dibaca_at.is_(None))
    if notifikasi_id is not None:
        stmt = stmt.where(Notifikasi.id == notifikasi_id)
    count = db.session.execute(stmt.values(dibaca_at=utcnow())).rowcount
    db.session.commit()
    return count
