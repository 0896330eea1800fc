"""E-mail delivery through SMTP (Flask-Mailman), configured by KINERJA_MAIL_* (see kinerja.config).

No KINERJA_MAIL_SERVER = in-app only: :func:`smtp_aktif` is False and nothing is queued.

The outbox is the ``notifikasi`` table itself (``surel_status``): :func:`kirim_antrean` sends what
waits ("antre"), :func:`kirim_ringkasan` the daily digests ("ringkasan").  Each message claims its
rows with a conditional UPDATE first, so two senders running at once never send one twice.

:func:`jadwalkan_pengiriman` is the one seam between "something was queued" and "send it": after
the request that queued notifications has committed, it enqueues the background job "surel.kirim"
(kinerja.jobs), which calls :func:`kirim_antrean` and is retried with backoff while the mail server
is unreachable.  A periodic task sends what waits every 10 minutes (submitted entries held back by
the hourly batching, messages of a failed job).
"""

from __future__ import annotations

import logging
import smtplib
from datetime import date, datetime, timedelta

from flask import Flask, current_app, g
from flask_mailman import EmailMessage, Mail
from sqlalchemy import func, select, update

from kinerja.alamat import alamat_dasar
from kinerja.extensions import db
from kinerja.jobs import Konteks, antrekan, berkala, tugas
from kinerja.models import Akun, Notifikasi, Pegawai
from kinerja.notifikasi import rules
from kinerja.waktu import utcnow

log = logging.getLogger(__name__)
mail = Mail()

BATAS_PER_PUTARAN = 500
# Errors that mean "the server is unreachable now": the message stays queued for the next run.
_SEMENTARA = (OSError, smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, smtplib.SMTPAuthenticationError)


def init_app(app: Flask) -> None:
    mail.init_app(app)

    @app.after_request
    def _kirim_setelah_permintaan(response):
        if g.pop("kinerja_surel_antre", False) and response.status_code < 400:
            try:
                jadwalkan_pengiriman()
            except Exception:  # never fail the user's request because of the mail server
                log.exception("pengiriman surel gagal dijadwalkan; akan dicoba pada putaran berikutnya")
        return response


def smtp_aktif() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def kirim_surel(alamat: str, subjek: str, isi: str) -> None:
    """Send one plain-text e-mail now (raises on failure)."""
    cfg = current_app.config
    connection = mail.get_connection(
        backend=cfg.get("MAIL_BACKEND") or "smtp", host=cfg["MAIL_SERVER"], port=int(cfg.get("MAIL_PORT") or 25),
        username=cfg.get("MAIL_USERNAME"), password=cfg.get("MAIL_PASSWORD"), use_tls=bool(cfg.get("MAIL_USE_TLS")),
        timeout=cfg.get("MAIL_TIMEOUT") or 20,
    )
    EmailMessage(subjek, isi, cfg.get("MAIL_DEFAULT_SENDER"), [alamat], connection=connection).send()


class ServerSurelTidakTersedia(RuntimeError):
    """The mail server could not be reached; the messages stay queued (the job is retried)."""


@tugas("surel.kirim", judul="Kirim surel notifikasi", retries=5, retry_delay=60)
def tugas_kirim_surel(konteks: Konteks) -> dict:
    return {"terkirim": kirim_antrean(naikkan=True)}


@tugas("surel.ringkasan", judul="Kirim ringkasan harian", retries=5, retry_delay=60)
def tugas_kirim_ringkasan(konteks: Konteks, *, tanggal: str) -> dict:
    return {"terkirim": kirim_ringkasan(date.fromisoformat(tanggal), naikkan=True)}


@berkala(minute="*/10")
def kirim_antrean_berkala() -> int:
    return kirim_antrean()


def jadwalkan_pengiriman() -> None:
    """THE SEAM: deliver the outbox in a background job (commits the current session)."""
    antrekan(tugas_kirim_surel, {}, keterangan="surel notifikasi")
    # antrekan reads its row back after committing, which opens a new transaction on this session; end
    # it, so that a job run in-process (immediate mode) is never inside a transaction rolled back later.
    db.session.commit()


def jadwalkan_ringkasan(tanggal: date) -> None:
    antrekan(tugas_kirim_ringkasan, {"tanggal": tanggal.isoformat()}, kunci=f"surel.ringkasan:{tanggal.isoformat()}",
             keterangan=f"ringkasan {tanggal.isoformat()}")
    db.session.commit()


# ------------------------------------------------------------------ the outbox


def _antre(status: str, sebelum: datetime | None = None) -> tuple[list[rules.Antre], dict[int, tuple[str, str]]]:
    stmt = (select(Notifikasi.id, Notifikasi.penerima_id, Notifikasi.jenis, Notifikasi.pesan, Notifikasi.tautan,
                   Notifikasi.created_at, Pegawai.email, Pegawai.nama)
            .join(Akun, Akun.id == Notifikasi.penerima_id).join(Pegawai, Pegawai.id == Akun.pegawai_id)
            .where(Notifikasi.surel_status == status, Akun.aktif.is_(True))
            .order_by(Notifikasi.id).limit(BATAS_PER_PUTARAN))
    if sebelum is not None:
        stmt = stmt.where(Notifikasi.created_at < sebelum)
    rows = db.session.execute(stmt).all()
    items = [rules.Antre(r.id, r.penerima_id, r.jenis, r.pesan, r.tautan, r.created_at) for r in rows if r.email]
    alamat = {r.penerima_id: (r.email, r.nama) for r in rows if r.email}
    tanpa_alamat = [r.id for r in rows if not r.email]
    if tanpa_alamat:  # the address was removed after queueing: in-app only
        db.session.execute(update(Notifikasi).where(Notifikasi.id.in_(tanpa_alamat)).values(surel_status=None))
    return items, alamat


def _terakhir_batch(penerima_ids: set[int]) -> dict[int, datetime]:
    if not penerima_ids:
        return {}
    return dict(db.session.execute(
        select(Notifikasi.penerima_id, func.max(Notifikasi.surel_at))
        .where(Notifikasi.penerima_id.in_(penerima_ids), Notifikasi.jenis == rules.JENIS_BATCH,
               Notifikasi.surel_status == "terkirim")
        .group_by(Notifikasi.penerima_id)
    ).all())


def _klaim(ids: tuple[int, ...], dari: str) -> bool:
    claimed = db.session.execute(
        update(Notifikasi).where(Notifikasi.id.in_(ids), Notifikasi.surel_status == dari)
        .values(surel_status="mengirim").execution_options(synchronize_session=False)
    ).rowcount
    if claimed != len(ids):
        db.session.rollback()
        return False
    db.session.commit()
    return True


def _tandai(ids: tuple[int, ...], status: str, waktu: datetime | None) -> None:
    db.session.execute(update(Notifikasi).where(Notifikasi.id.in_(ids))
                       .values(surel_status=status, surel_at=waktu).execution_options(synchronize_session=False))
    db.session.commit()


def _kirim_semua(rencana: list[rules.Pesan], alamat: dict[int, tuple[str, str]], dari: str, naikkan: bool) -> int:
    terkirim = 0
    dasar = alamat_dasar()
    for pesan in rencana:
        if not _klaim(pesan.notifikasi_ids, dari):
            continue
        email, nama = alamat[pesan.penerima_id]
        try:
            kirim_surel(email, pesan.subjek, rules.badan_surel(nama, pesan.isi, rules.tautan_mutlak(dasar, pesan.tautan)))
        except _SEMENTARA:
            log.warning("server surel tidak dapat dihubungi; %d pesan menunggu putaran berikutnya", len(rencana) - terkirim)
            _tandai(pesan.notifikasi_ids, dari, None)
            if naikkan:
                raise ServerSurelTidakTersedia("Server surel tidak dapat dihubungi; dicoba lagi nanti.") from None
            break
        except smtplib.SMTPException:
            log.exception("surel ke akun %s ditolak", pesan.penerima_id)
            _tandai(pesan.notifikasi_ids, "gagal", utcnow())
            continue
        _tandai(pesan.notifikasi_ids, "terkirim", utcnow())
        terkirim += 1
    return terkirim


def kirim_antrean(now: datetime | None = None, naikkan: bool = False) -> int:
    """Send the queued e-mails (submitted entries batched per recipient per hour); how many were sent."""
    if not smtp_aktif():
        return 0
    now = now or utcnow()
    items, alamat = _antre("antre")
    terakhir = _terakhir_batch({i.penerima_id for i in items if i.jenis == rules.JENIS_BATCH})
    db.session.commit()
    return _kirim_semua(rules.rencana_kirim(items, terakhir, now), alamat, "antre", naikkan)


def kirim_ringkasan(tanggal: date, now: datetime | None = None, naikkan: bool = False) -> int:
    """Send every recipient one digest of the notifications waiting for it; how many were sent."""
    if not smtp_aktif():
        return 0
    items, alamat = _antre("ringkasan", sebelum=(now or utcnow()) + timedelta(seconds=1))
    db.session.commit()
    return _kirim_semua(rules.kelompokkan_ringkasan(items, tanggal), alamat, "ringkasan", naikkan)
