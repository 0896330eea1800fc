"""In-app notifications and their e-mail: other services call ``notify``; it never commits.

A notification whose recipient chose e-mail (and has an address, and SMTP is configured) is written
with ``surel_status="antre"`` (or "ringkasan" for the daily digest) in the same transaction as the
change that caused it — an outbox: nothing is e-mailed for a change that was rolled back, and
nothing is lost when the mail server is down.  :mod:`kinerja.notifikasi.surel` delivers the outbox.
"""

from __future__ import annotations

from flask import g, has_app_context
from sqlalchemy import delete, select, update

from kinerja.audit.services import record
from kinerja.errors import DomainError
from kinerja.extensions import db
from kinerja.models import Akun, Notifikasi, Pegawai, PreferensiNotifikasi
from kinerja.notifikasi import rules
from kinerja.notifikasi.surel import smtp_aktif
from kinerja.waktu import utcnow


def _alamat_dan_preferensi(akun_id: int) -> tuple[str | None, dict[str, str]]:
    email = db.session.execute(
        select(Pegawai.email).join(Akun, Akun.pegawai_id == Pegawai.id).where(Akun.id == akun_id)
    ).scalar_one_or_none()
    if not email:
        return None, {}
    return email, preferensi_of(akun_id)


def notify(penerima: Akun | int | None, pesan: str, tautan: str | None = None, jenis: str = "umum") -> Notifikasi | None:
    """Queue a notification for an account (flushes nothing; the caller's service commits)."""
    if penerima is None:
        return None
    penerima_id = penerima if isinstance(penerima, int) else penerima.id
    status = None
    if smtp_aktif():
        email, preferensi = _alamat_dan_preferensi(penerima_id)
        status = rules.status_surel_awal(rules.saluran_of(preferensi, jenis), bool(email), True)
        if status == "antre" and has_app_context():
            g.kinerja_surel_antre = True  # kinerja.notifikasi.surel sends after the request
    item = Notifikasi(penerima_id=penerima_id, pesan=pesan[:300], tautan=tautan, jenis=jenis, surel_status=status)
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


# ------------------------------------------------------------------ preferences ("Pengaturan Notifikasi")


def preferensi_of(akun_id: int) -> dict[str, str]:
    """The account's stored choices {kelompok: saluran}; groups not stored use the default."""
    return dict(db.session.execute(
        select(PreferensiNotifikasi.jenis, PreferensiNotifikasi.saluran).where(PreferensiNotifikasi.akun_id == akun_id)
    ).all())


def pilihan_lengkap(akun_id: int) -> dict[str, str]:
    stored = preferensi_of(akun_id)
    return {k: stored.get(k, rules.DEFAULT_SALURAN) for k in rules.KELOMPOK}


def simpan_preferensi(actor: Akun, pilihan: dict[str, str]) -> dict[str, str]:
    """Store the actor's channel per group (all groups at once).  Audited; commits."""
    salah = [k for k, v in pilihan.items() if k not in rules.KELOMPOK or v not in rules.SALURAN]
    if salah or set(pilihan) != set(rules.KELOMPOK):
        raise DomainError(None, "Pilihan notifikasi tidak dikenal. Muat ulang halaman lalu coba lagi.")
    sebelum = pilihan_lengkap(actor.id)
    db.session.execute(delete(PreferensiNotifikasi).where(PreferensiNotifikasi.akun_id == actor.id))
    db.session.add_all([PreferensiNotifikasi(akun_id=actor.id, jenis=k, saluran=v) for k, v in pilihan.items()])
    record(actor, "notifikasi.preferensi", "akun", actor.id, sebelum=sebelum, sesudah=dict(pilihan))
    db.session.commit()
    return dict(pilihan)


def ubah_surel(actor: Akun, pegawai: Pegawai, nilai: str | None) -> Pegawai:
    """Set a pegawai's e-mail address ("Surel"): the pegawai themselves or the admin.  Audited; commits."""
    if not (actor.is_admin or actor.pegawai_id == pegawai.id):
        raise DomainError(None, "Anda tidak dapat mengubah surel pegawai lain.")
    email, salah = rules.periksa_surel(nilai)
    if salah:
        raise DomainError("surel", salah)
    sebelum = pegawai.email
    if sebelum != email:
        pegawai.email = email
        record(actor, "pegawai.surel", "pegawai", pegawai.id, sebelum={"surel": sebelum}, sesudah={"surel": email})
    db.session.commit()
    return pegawai
