"""Pekerjaan latar (background jobs): one row per request, so a job is visible and never lost.

The queue (huey) carries only the row's id; what to do (``jenis`` + ``params``), who asked, how far
it got and how it ended live here.  See ``kinerja/jobs/__init__.py`` for the API.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kinerja.extensions import db
from kinerja.models.akun import Akun
from kinerja.models.base import UTCDateTime
from kinerja.waktu import utcnow

# antre → berjalan → selesai | gagal | dibatalkan  (a retry goes back to antre with the error kept)
STATUS_PEKERJAAN = ("antre", "berjalan", "selesai", "gagal", "dibatalkan")
STATUS_AKHIR = ("selesai", "gagal", "dibatalkan")


class Pekerjaan(db.Model):
    __tablename__ = "pekerjaan"
    __table_args__ = (Index("ix_pekerjaan_status_dibuat", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    jenis: Mapped[str] = mapped_column(String(80), index=True)
    peminta_id: Mapped[int | None] = mapped_column(ForeignKey("akun.id"), index=True)
    params_json: Mapped[str] = mapped_column(Text, default="{}")
    kunci: Mapped[str | None] = mapped_column(String(200), unique=True)  # idempotency key
    status: Mapped[str] = mapped_column(String(12), default="antre")
    selesai_n: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int | None] = mapped_column(Integer)
    keterangan: Mapped[str] = mapped_column(String(200), default="")
    galat: Mapped[str | None] = mapped_column(Text)
    percobaan: Mapped[int] = mapped_column(Integer, default=0)
    batal_diminta: Mapped[bool] = mapped_column(Boolean, default=False)
    berkas_hasil: Mapped[str | None] = mapped_column(String(300))  # relative to UPLOAD_DIR
    nama_hasil: Mapped[str | None] = mapped_column(String(200))    # download name
    hasil_json: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    diantrekan_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # handed to huey
    mulai_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    selesai_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    kedaluwarsa_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # result removed after

    peminta: Mapped[Akun | None] = relationship()

    @property
    def params(self) -> dict:
        return json.loads(self.params_json or "{}")

    @property
    def hasil(self) -> dict:
        return json.loads(self.hasil_json or "{}")

    @property
    def akhir(self) -> bool:
        return self.status in STATUS_AKHIR

    @property
    def persen(self) -> int:
        if not self.total:
            return 100 if self.status == "selesai" else 0
        return min(100, round(100 * self.selesai_n / self.total))
