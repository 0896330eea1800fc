"""Pekerjaan latar (background jobs) on huey — the API other features call.

Define a job kind once, at import time of the feature's module::

    from kinerja.jobs import Konteks, tugas

    @tugas("surel.kirim", judul="Kirim surel", retries=5, retry_delay=30)   # delay ×2 per retry
    def kirim_surel(konteks: Konteks, *, notifikasi_id: int) -> dict | None:
        konteks.mulai(total=1)              # optional: "0 dari 1" on the admin page
        ...                                 # runs inside the Flask app context (db.session, config)
        konteks.maju()                      # one step done; raises Dibatalkan if cancelled
        konteks.simpan_hasil("cetak/x.zip", "hasil.zip", simpan_hari=7)   # optional result file
        return {"terkirim": 1}              # optional, stored as JSON on the job row

and enqueue it from a service (after the service's own writes)::

    from kinerja.jobs import antrekan

    pekerjaan = antrekan("surel.kirim", {"notifikasi_id": 12}, peminta=actor, kunci="surel:12")

- ``antrekan`` writes a ``Pekerjaan`` row (kind, who asked, params as JSON, status ``antre``),
  **commits the session**, then hands only the row id to huey.  If the queue is unreachable the row
  stays ``antre`` and the consumer hands it over again when it starts (and every 5 minutes):
  a job is never lost.  Params must be JSON (ids, strings, numbers), never ORM objects.
- ``kunci`` = idempotency key: the same key returns the existing job (unless it failed or was
  cancelled, then it runs again).  A task itself must be safe to run twice (a worker may die
  mid-way and the job is retried).
- Status: ``antre`` → ``berjalan`` → ``selesai`` | ``gagal`` (``galat`` holds the error) |
  ``dibatalkan``.  A failing task is retried ``retries`` times, the delay doubling each time
  from ``retry_delay``; between tries the row is ``antre`` with the last error shown
  (a ``DomainError`` shows as its message, anything else as "Jenis: pesan").
- ``minta_batal(id)`` cancels: a queued job ends at once, a running one at its next ``maju``.
- ``@berkala(minute="*/5")`` declares a periodic task (cron-like), run by the consumer.
- The task's own database work is committed once, when the function returns; progress and status
  are written on a separate connection so pages polling the row see them while it runs.
- ``@tugas(..., menulis=False)`` for a task that only reads (Cetak Massal): on SQLite it then never
  holds the write lock, so the web server keeps writing while it runs.  A writing task on SQLite
  holds the lock from its first write to its commit: report progress *before* writing (e.g. check
  rows under ``kinerja.database.read_only()``, then write them); ``maju`` is skipped while the
  lock is held.

Where the queue lives (``kinerja/jobs/antrian.py``): ``KINERJA_REDIS_URL`` set → RedisHuey,
otherwise SqliteHuey in ``instance/antrian.db``; tests (``JOBS_IMMEDIATE``) run tasks at once,
in-process.  The consumer: ``flask jobs`` (or ``huey_consumer app.huey``);
``make run`` starts one beside waitress.  Admin page: ``/admin/pekerjaan``.
"""

from __future__ import annotations

from flask import Blueprint, Flask

from kinerja import kait
from kinerja.jobs.antrian import huey
from kinerja.jobs.layanan import (
    Dibatalkan,
    Konteks,
    Tugas,
    antrekan,
    berkala,
    hapus_kedaluwarsa,
    jenis_terdaftar,
    minta_batal,
    pulihkan,
    tugas,
)

bp = Blueprint("jobs", __name__, url_prefix="/admin/pekerjaan")

__all__ = ["Dibatalkan", "Konteks", "Tugas", "antrekan", "berkala", "hapus_kedaluwarsa", "huey",
           "jenis_terdaftar", "minta_batal", "pulihkan", "tugas"]


def init_app(app: Flask) -> None:
    from kinerja.jobs import cli
    from kinerja.jobs.antrian import konfigurasi

    konfigurasi(app)
    app.register_blueprint(bp)
    app.cli.add_command(cli.jobs)
    kait.add_admin_menu(app, "jobs.index", "Pekerjaan latar",
                        "Antrean pekerjaan latar (cetak massal, impor besar, surel): antre, berjalan, "
                        "selesai, gagal beserta galatnya.")


from kinerja.jobs import berkala_bawaan, views  # noqa: E402,F401
