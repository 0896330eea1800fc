"""Defining, enqueuing and running jobs (the API is documented in ``kinerja/jobs/__init__.py``)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, has_app_context
from sqlalchemy import or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from kinerja.database import HOLDS_LOCK, read_only
from kinerja.errors import DomainError
from kinerja.extensions import db
from kinerja.jobs.antrian import app_antrian, huey
from kinerja.models.pekerjaan import STATUS_AKHIR, Pekerjaan
from kinerja.waktu import utcnow

log = logging.getLogger(__name__)

# A progress write at most this often (seconds); the last one always goes through.
JEDA_KEMAJUAN = 0.5
# A queued row that huey has not confirmed for this long is handed to huey again by the sweep.
ANTRE_ULANG_SETELAH = timedelta(hours=6)


class Dibatalkan(Exception):  # noqa: N818  (a state, not an error)
    """Raised inside a task when the job was cancelled; the job ends as "dibatalkan"."""


@dataclass(frozen=True)
class Tugas:
    jenis: str
    judul: str
    fungsi: Callable
    huey_task: object
    menulis: bool = True

    def __call__(self, *args, **kwargs):  # a task stays callable as a plain function
        return self.fungsi(*args, **kwargs)


_TUGAS: dict[str, Tugas] = {}


def tugas(jenis: str, *, judul: str | None = None, retries: int = 3, retry_delay: int = 10,
          menulis: bool = True) -> Callable[[Callable], Tugas]:
    """Declare ``fn(konteks, **params)`` as the job kind ``jenis`` (see the package docstring).

    A failure is retried ``retries`` times, the delay doubling from ``retry_delay`` seconds.
    ``menulis=False``: the task only reads (Cetak Massal); on SQLite it then never holds the write
    lock, so the web server keeps writing while it runs."""

    def decorator(fn: Callable) -> Tugas:
        def jalankan(pekerjaan_id: int, task=None):
            sisa = task.retries if task is not None else 0
            return _jalankan(_TUGAS[jenis], pekerjaan_id, sisa)

        jalankan.__name__ = f"pekerjaan_{jenis.replace('.', '_').replace('-', '_')}"
        huey_task = huey.task(retries=retries, retry_delay=retry_delay, retry_backoff=2,
                              context=True, name=f"kinerja.{jenis}")(jalankan)
        item = Tugas(jenis, judul or jenis, fn, huey_task, menulis)
        _TUGAS[jenis] = item
        return item

    return decorator


def berkala(**crontab_kwargs) -> Callable[[Callable], Callable]:
    """A periodic task (huey crontab: ``minute="0", hour="3"``), run by the consumer in the app context."""
    from huey import crontab

    def decorator(fn: Callable) -> Callable:
        def jalankan():
            app = _app()
            with app.app_context():
                return fn()

        jalankan.__name__ = f"berkala_{fn.__name__}"
        huey.periodic_task(crontab(**crontab_kwargs), name=f"kinerja.berkala.{fn.__module__}.{fn.__name__}")(jalankan)
        return fn

    return decorator


def jenis_terdaftar() -> dict[str, Tugas]:
    return dict(_TUGAS)


def antrekan(jenis: str | Tugas, params: dict | None = None, *, peminta=None, kunci: str | None = None,
             keterangan: str = "") -> Pekerjaan:
    """Record a job row (committed) and hand its id to the queue; returns the row.

    ``kunci`` (idempotency key): a second call with the same key returns the existing job instead
    of creating one, unless that job failed or was cancelled, in which case it runs again.
    Commits the current session (the job must outlive the request that asked for it).
    """
    item = jenis if isinstance(jenis, Tugas) else _TUGAS.get(jenis)
    if item is None:
        raise KeyError(f"jenis pekerjaan tidak dikenal: {jenis!r}")
    data = json.dumps(params or {}, sort_keys=True, default=str)
    row = db.session.scalar(select(Pekerjaan).where(Pekerjaan.kunci == kunci)) if kunci else None
    if row is not None and row.status not in ("gagal", "dibatalkan"):
        return row
    if row is None:
        row = Pekerjaan(jenis=item.jenis, params_json=data, kunci=kunci)
        db.session.add(row)
    row.peminta_id = getattr(peminta, "id", peminta)
    row.params_json, row.status, row.galat, row.total = data, "antre", None, None
    row.selesai_n, row.percobaan, row.batal_diminta, row.keterangan = 0, 0, False, keterangan
    row.mulai_at = row.selesai_at = row.diantrekan_at = None
    db.session.flush()
    pekerjaan_id = row.id
    db.session.commit()  # (the session stays idle until the row is read again, after the hand-over)
    _serahkan(item, pekerjaan_id)
    return row


def minta_batal(pekerjaan_id: int) -> bool:
    """Cancel a job: a queued one ends now, a running one at its next progress step. False if already over."""
    if _tulis(pekerjaan_id, Pekerjaan.status == "antre", status="dibatalkan", batal_diminta=True,
              selesai_at=utcnow()):
        return True
    return bool(_tulis(pekerjaan_id, Pekerjaan.status == "berjalan", batal_diminta=True))


def pulihkan() -> int:
    """Hand to the queue every queued job huey never confirmed (or lost); returns how many."""
    batas = utcnow() - ANTRE_ULANG_SETELAH
    with read_only():
        rows = db.session.execute(select(Pekerjaan.id, Pekerjaan.jenis).where(
            Pekerjaan.status == "antre",
            or_(Pekerjaan.diantrekan_at.is_(None), Pekerjaan.diantrekan_at < batas))).all()
        db.session.commit()  # never keep a transaction open in a long-lived consumer
    n = 0
    for pekerjaan_id, jenis in rows:
        item = _TUGAS.get(jenis)
        if item is not None and _serahkan(item, pekerjaan_id):
            n += 1
    return n


# ------------------------------------------------------------------ running


class Konteks:
    """What a running task sees: its params, and how it reports progress, results and checks cancel."""

    def __init__(self, row: Pekerjaan):
        self.id = row.id
        self.params = row.params
        self.peminta_id = row.peminta_id
        self.total: int | None = row.total
        self.selesai_n = 0
        self._terakhir = 0.0
        self.hasil_berkas: tuple[str, str, int] | None = None

    def mulai(self, total: int, keterangan: str = "") -> None:
        """Say how many steps there are (shown as "0 dari total")."""
        self.total, self.selesai_n = total, 0
        _tulis(self.id, total=total, selesai_n=0, keterangan=keterangan[:200])
        self._cek_batal()

    def maju(self, n: int = 1, keterangan: str | None = None) -> None:
        """``n`` more steps done; raises ``Dibatalkan`` when the job was cancelled meanwhile."""
        self.selesai_n += n
        sekarang = time.monotonic()
        if sekarang - self._terakhir < JEDA_KEMAJUAN and self.selesai_n != self.total:
            return
        self._terakhir = sekarang
        values = {"selesai_n": self.selesai_n}
        if keterangan is not None:
            values["keterangan"] = keterangan[:200]
        _tulis(self.id, **values)
        self._cek_batal()

    def dibatalkan(self) -> bool:
        bind = db.session.get_bind()
        stmt = select(Pekerjaan.batal_diminta).where(Pekerjaan.id == self.id)
        if isinstance(bind, Engine):
            with read_only(), bind.connect() as conn:
                return bool(conn.scalar(stmt))
        return bool(bind.scalar(stmt))

    def simpan_hasil(self, berkas_relatif: str, nama_unduhan: str, simpan_hari: int = 7) -> None:
        """The result file (relative to ``UPLOAD_DIR``), offered for ``simpan_hari`` days."""
        self.hasil_berkas = (berkas_relatif, nama_unduhan, simpan_hari)

    def _cek_batal(self) -> None:
        if self.dibatalkan():
            raise Dibatalkan


def _app():
    if has_app_context():
        return current_app._get_current_object()
    app = app_antrian()
    if app is None:
        raise RuntimeError("Antrean belum dikonfigurasi: buat aplikasi dulu (create_app) sebelum menjalankan tugas.")
    return app


def _jalankan(item: Tugas, pekerjaan_id: int, sisa_percobaan: int):
    with _app().app_context():
        if not _tulis(pekerjaan_id, Pekerjaan.status == "antre", status="berjalan", mulai_at=utcnow(),
                      percobaan=Pekerjaan.percobaan + 1):
            return None  # finished, cancelled, deleted or claimed by another worker
        with read_only():
            row = db.session.get(Pekerjaan, pekerjaan_id)
            konteks, params = Konteks(row), row.params
            db.session.commit()  # the read ends here: the task starts on a fresh transaction
        try:
            with nullcontext() if item.menulis else read_only():
                hasil = item.fungsi(konteks, **params)
                db.session.commit()
        except Dibatalkan:
            db.session.rollback()
            _tulis(pekerjaan_id, status="dibatalkan", selesai_at=utcnow())
            return None
        except Exception as err:
            db.session.rollback()
            akhir = sisa_percobaan <= 0
            pesan = (err.message if isinstance(err, DomainError) else f"{type(err).__name__}: {err}")[:4000]
            log.warning("Pekerjaan #%s (%s) gagal%s: %s", pekerjaan_id, item.jenis,
                        "" if akhir else ", dicoba lagi", pesan)
            _tulis(pekerjaan_id, status="gagal" if akhir else "antre", galat=pesan,
                   selesai_at=utcnow() if akhir else None)
            raise
        _selesai(konteks, hasil)
        return None


def _selesai(konteks: Konteks, hasil) -> None:
    values = {"status": "selesai", "selesai_at": utcnow(), "galat": None,
              "hasil_json": json.dumps(hasil, default=str) if hasil is not None else None}
    if konteks.total is not None:
        values.update(total=konteks.total, selesai_n=min(konteks.selesai_n, konteks.total))
    if konteks.hasil_berkas:
        berkas, nama, hari = konteks.hasil_berkas
        values.update(berkas_hasil=berkas, nama_hasil=nama, kedaluwarsa_at=utcnow() + timedelta(days=hari))
    _tulis(konteks.id, **values)


def _serahkan(item: Tugas, pekerjaan_id: int) -> bool:
    """Give the id to huey; on failure the row stays queued and ``pulihkan`` retries later."""
    _antrian_untuk_app_ini()
    try:
        _tulis(pekerjaan_id, diantrekan_at=utcnow())
        item.huey_task(pekerjaan_id)
    except Exception as err:  # noqa: BLE001  the request that created the job must still succeed
        log.warning("Pekerjaan #%s belum masuk antrean (%s); konsumen akan mengantrekannya ulang.",
                    pekerjaan_id, err)
        _tulis(pekerjaan_id, diantrekan_at=None)
        return False
    return True


def _antrian_untuk_app_ini() -> None:
    """The queue is one per process; when another app was configured after this one (tests, or a
    script that builds a second app), point it back at this app's storage before handing over."""
    from flask import current_app, has_app_context

    from kinerja.jobs.antrian import konfigurasi

    if has_app_context() and app_antrian() is not current_app._get_current_object():
        konfigurasi(current_app._get_current_object())


def _tulis(pekerjaan_id: int, *where, **values) -> int:
    """Update the job row on its own connection and commit at once (progress is visible while the
    task's own work is still uncommitted).  In tests the session's bound connection is used."""
    stmt = update(Pekerjaan).where(Pekerjaan.id == pekerjaan_id, *where).values(**values)
    bind = db.session.get_bind()
    if "status" not in values and isinstance(bind, Engine) and _memegang_kunci_tulis():
        return 0  # SQLite: this task holds the write lock; its progress shows when it commits
    try:
        if isinstance(bind, Engine):
            with bind.begin() as conn:
                return conn.execute(stmt).rowcount
        return bind.execute(stmt).rowcount
    except OperationalError as err:  # e.g. SQLite busy while the task holds the write lock
        if "status" in values:
            raise
        log.info("Kemajuan pekerjaan #%s tidak tercatat: %s", pekerjaan_id, err)
        return 0


def _memegang_kunci_tulis() -> bool:
    """Does this session's open transaction hold kinerja.database's SQLite writer lock?"""
    session = db.session()
    if not session.in_transaction():
        return False
    try:
        return bool(session.connection().info.get(HOLDS_LOCK))
    except Exception:  # noqa: BLE001  no connection yet: nothing held
        return False


def hapus_kedaluwarsa(hapus_berkas: Callable[[Pekerjaan], None] | None = None) -> int:
    """Forget result files past ``kedaluwarsa_at``: ``hapus_berkas(row)`` removes the file; returns how many."""
    rows = db.session.scalars(select(Pekerjaan).where(
        Pekerjaan.kedaluwarsa_at.is_not(None), Pekerjaan.kedaluwarsa_at < utcnow(),
        Pekerjaan.berkas_hasil.is_not(None))).all()
    for row in rows:
        if hapus_berkas is not None:
            hapus_berkas(row)
        row.berkas_hasil = None
    db.session.commit()
    return len(rows)


__all__ = ["STATUS_AKHIR", "Dibatalkan", "Konteks", "Tugas", "antrekan", "berkala", "hapus_kedaluwarsa",
           "jenis_terdaftar", "minta_batal", "pulihkan", "tugas"]
