"""One test per job type with a REAL huey consumer (``flask jobs``, a separate process) against Redis at
127.0.0.1:6379, on a database of its own (a committed SQLite file both processes open).

Skipped with a reason when Redis does not answer — unless KINERJA_REQUIRE_REDIS=1 (CI), in which case
a missing Redis is a failure; .ci/check_junit.py also fails the run when these tests were skipped.
Each run uses its own queue name (the huey key prefix) on Redis database 11, and removes its keys.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kinerja.config import TestConfig
from kinerja.database import read_only
from kinerja.extensions import db

REDIS_URL = "redis://127.0.0.1:6379/11"
ROOT = Path(__file__).resolve().parents[2]
PASSWORD_HASH = "scrypt:1024:8:1"

pytestmark = [pytest.mark.no_db, pytest.mark.redis]


def _redis_problem() -> str | None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as err:
        return str(err) or type(err).__name__
    return None


@pytest.fixture(scope="module")
def redis_ada():
    problem = _redis_problem()
    if problem is None:
        return
    if os.environ.get("KINERJA_REQUIRE_REDIS") == "1":
        pytest.fail(f"Redis di 127.0.0.1:6379 wajib (KINERJA_REQUIRE_REDIS=1) tetapi tidak terjangkau: {problem}")
    pytest.skip(f"Redis di 127.0.0.1:6379 tidak terjangkau ({problem}); set KINERJA_REQUIRE_REDIS=1 agar ini gagal.")


@pytest.fixture
def antrean_redis(redis_ada, app, tmp_path):
    """An app on its own SQLite file whose queue is Redis, and a consumer process serving that queue.

    Yields (app, start_consumer); ``start_consumer("--opsi", KINERJA_X="…")`` adds options of ``flask jobs``
    and environment variables for the consumer.  The session's app (immediate mode) is configured back afterwards."""
    from kinerja import create_app
    from kinerja.jobs.antrian import huey, konfigurasi

    nama = f"kinerja-uji-{uuid.uuid4().hex[:10]}"
    instance = tmp_path / "instance"
    database = f"sqlite:///{tmp_path / 'redis.db'}"
    env = {**os.environ, "KINERJA_ENV": "development", "KINERJA_INSTANCE_PATH": str(instance),
           "KINERJA_DATABASE_URL": database, "KINERJA_REDIS_URL": REDIS_URL, "KINERJA_JOBS_NAMA": nama,
           "KINERJA_AUDIT_KEY": TestConfig.AUDIT_KEY, "KINERJA_SECRET_KEY": TestConfig.SECRET_KEY,
           "KINERJA_BASE_URL": "http://localhost/"}
    env.pop("KINERJA_TEST_DATABASE_URL", None)
    redis_app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=database, JOBS_IMMEDIATE=False, REDIS_URL=REDIS_URL,
                           JOBS_NAMA=nama, INSTANCE_DIR=instance, UPLOAD_DIR=instance / "uploads")
    with redis_app.app_context():
        db.create_all()
    proses: list[subprocess.Popen] = []
    logs = []

    def mulai_konsumen(*opsi: str, **env_tambahan: str):
        logs.append(open(tmp_path / "konsumen.log", "w"))  # noqa: SIM115  closed after the process
        proses.append(subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "jobs", "--workers", "1", *opsi],
                                       cwd=ROOT, env=env | env_tambahan, stdout=logs[-1], stderr=subprocess.STDOUT))
        return tmp_path / "konsumen.log"

    try:
        yield redis_app, mulai_konsumen
    finally:
        for p in proses:
            p.terminate()
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for log in logs:
            log.close()
        huey.storage.flush_all()
        with redis_app.app_context():
            db.session.remove()
            db.engine.dispose()
        konfigurasi(app)


def _tunggu(redis_app, pekerjaan_id: int, log: Path, detik: int = 120):
    from kinerja.models import Pekerjaan

    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        with redis_app.app_context(), read_only():
            row = db.session.get(Pekerjaan, pekerjaan_id)
            if row.akhir:
                db.session.expunge(row)
                return row
        time.sleep(0.5)
    pytest.fail(f"pekerjaan #{pekerjaan_id} tidak selesai dalam {detik} s; log konsumen:\n{log.read_text()}")


def test_cetak_massal_runs_in_a_real_consumer(antrean_redis):
    from kinerja.cetak import services as cetak_services
    from tests.support.evaluasi import buat_skenario
    from tests.support.factories import Factory

    redis_app, mulai_konsumen = antrean_redis
    with redis_app.app_context():
        factory = Factory()
        org = factory.org()
        sk = buat_skenario(factory, org)
        db.session.commit()
        # Queued before any consumer runs: the request is in Redis (and in the job table) until one does.
        job = cetak_services.mulai_cetak(org.admin, {"periode_id": sk.periode.id, "unit_id": org.seksi.id,
                                                     "sub_unit": False, "dokumen": ["B"], "format": "zip"})
        pekerjaan_id, nips = job.id, {org.kasi.nip, org.staf1.nip, org.staf2.nip}
    log = mulai_konsumen()
    row = _tunggu(redis_app, pekerjaan_id, log)
    assert row.status == "selesai", (row.galat, log.read_text())
    assert (row.selesai_n, row.total) == (3, 3) and row.mulai_at and row.selesai_at
    path = Path(redis_app.config["UPLOAD_DIR"]) / row.berkas_hasil
    names = zipfile.ZipFile(io.BytesIO(path.read_bytes())).namelist()
    assert {n.split("-")[0] for n in names} == nips and all(n.endswith("-evaluasi.pdf") for n in names)


def _antre_impor(redis_app, jenis: str, berkas, model) -> tuple[int, int]:
    """A fresh org; its admin's upload ``berkas(org)`` = (content, name) queued as job ``jenis`` before any
    consumer runs.  Returns (job id, rows of ``model`` before the import)."""
    from kinerja.jobs import antrekan
    from kinerja.organisasi.impor.unggahan import save_upload
    from tests.support.factories import Factory

    with redis_app.app_context():
        org = Factory().org()
        db.session.commit()
        sebelum = db.session.query(model).count()
        token = save_upload(redis_app.config["UPLOAD_DIR"], org.admin.id, *berkas(org))
        return antrekan(jenis, {"token": token}, peminta=org.admin, kunci=f"{jenis}:{token}").id, sebelum


def test_impor_pegawai_runs_in_a_real_consumer(antrean_redis):
    from kinerja.models import Pegawai
    from tests.integration.test_impor import good_rows, xlsx_bytes

    redis_app, mulai_konsumen = antrean_redis
    pekerjaan_id, before = _antre_impor(redis_app, "impor.pegawai", lambda org: (xlsx_bytes(good_rows(org)), "simpeg.xlsx"),
                                        Pegawai)
    log = mulai_konsumen()
    row = _tunggu(redis_app, pekerjaan_id, log)
    assert row.status == "selesai", (row.galat, log.read_text())
    assert row.hasil["ringkasan"].startswith("Impor selesai: 5 pegawai dibuat") and (row.selesai_n, row.total) == (7, 7)
    with redis_app.app_context():
        assert db.session.query(Pegawai).count() == before + 5


def test_impor_ketidakhadiran_runs_in_a_real_consumer(antrean_redis):
    from kinerja.models import Ketidakhadiran
    from tests.integration.test_ketidakhadiran import CSV_OK

    redis_app, mulai_konsumen = antrean_redis
    pekerjaan_id, sebelum = _antre_impor(
        redis_app, "impor.ketidakhadiran",
        lambda org: (CSV_OK.format(a=org.staf1.nip, b=org.staf2.nip).encode(), "absensi.csv"), Ketidakhadiran)
    log = mulai_konsumen()
    row = _tunggu(redis_app, pekerjaan_id, log)
    assert row.status == "selesai", (row.galat, log.read_text())
    assert row.hasil["ringkasan"] == "2 ketidakhadiran diimpor." and (row.selesai_n, row.total) == (2, 2)
    with redis_app.app_context():
        rows = db.session.execute(select(Ketidakhadiran.jenis, Ketidakhadiran.status, Ketidakhadiran.sumber)).all()
        assert sebelum == 0 and sorted(rows) == [("Cuti", "Disetujui", "impor"), ("Dinas Luar", "Disetujui", "impor")]


# ------------------------------------------------------------------ e-mail jobs, delivered to a real SMTP server


@pytest.fixture
def antrean_surel(antrean_redis, smtp_server):
    """The Redis app and its consumer pointed at a real SMTP server (aiosmtpd) started in the test.

    Yields (app, start_consumer, mailbox): the consumer gets KINERJA_MAIL_* like a deployment would, and runs
    no periodic task (the 10-minute outbox sweep could otherwise deliver a message before the job does)."""
    redis_app, mulai_konsumen = antrean_redis
    controller, kotak = smtp_server
    redis_app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_USE_TLS=False,
                            MAIL_DEFAULT_SENDER="Kinerja <kinerja@bukitintankab.go.id>")
    env = {"KINERJA_MAIL_SERVER": "127.0.0.1", "KINERJA_MAIL_PORT": str(controller.port), "KINERJA_MAIL_USE_TLS": "0",
           "KINERJA_MAIL_SENDER": "Kinerja <kinerja@bukitintankab.go.id>"}
    return redis_app, lambda: mulai_konsumen("--tanpa-berkala", **env), kotak


def _pegawai_bersurel(alamat: str):
    from tests.support.factories import Factory

    factory = Factory()
    org = factory.org()
    org.staf1.email = alamat
    db.session.commit()
    return factory, org


def _pekerjaan_terakhir(jenis: str) -> int:
    from kinerja.models import Pekerjaan

    return db.session.execute(select(func.max(Pekerjaan.id)).where(Pekerjaan.jenis == jenis)).scalar_one()


def test_surel_kirim_runs_in_a_real_consumer(antrean_surel):
    from kinerja.notifikasi.services import notify
    from kinerja.notifikasi.surel import jadwalkan_pengiriman
    from tests.support.smtp import Kotak

    redis_app, mulai_konsumen, kotak = antrean_surel
    with redis_app.app_context():
        factory, org = _pegawai_bersurel("staf.satu@bukitintankab.go.id")
        notify(factory.akun_of(org.staf1), "SKP tahun 2026 Anda telah disetujui.", "/skp", "skp")
        db.session.commit()
        jadwalkan_pengiriman()  # queued in Redis; nothing is sent before a consumer runs
        pekerjaan_id = _pekerjaan_terakhir("surel.kirim")
    assert kotak.pesan == []
    log = mulai_konsumen()
    row = _tunggu(redis_app, pekerjaan_id, log)
    assert row.status == "selesai" and row.hasil == {"terkirim": 1}, (row.galat, log.read_text())
    [msg] = kotak.tunggu(1)
    assert msg["X-Envelope-To"] == "staf.satu@bukitintankab.go.id"
    assert str(msg["Subject"]).strip() == "[Kinerja] SKP tahun 2026 Anda telah disetujui."
    assert "http://localhost/skp" in Kotak.isi(msg)


def test_surel_ringkasan_runs_in_a_real_consumer(antrean_surel):
    from kinerja.models import PreferensiNotifikasi
    from kinerja.notifikasi import rules
    from kinerja.notifikasi.services import notify
    from kinerja.notifikasi.surel import jadwalkan_ringkasan
    from kinerja.waktu import today_local
    from tests.support.smtp import Kotak

    redis_app, mulai_konsumen, kotak = antrean_surel
    with redis_app.app_context():
        factory, org = _pegawai_bersurel("staf.satu@bukitintankab.go.id")
        akun = factory.akun_of(org.staf1)
        db.session.add_all([PreferensiNotifikasi(akun_id=akun.id, jenis=k, saluran="ringkasan") for k in rules.KELOMPOK])
        db.session.flush()
        notify(akun, "SKP tahun 2026 Anda telah disetujui.", "/skp", "skp")
        notify(akun, "Kepala Seksi mengundang Anda ke dialog kinerja.", "/dialog/1", "dialog.undangan")
        db.session.commit()
        jadwalkan_ringkasan(today_local())
        pekerjaan_id = _pekerjaan_terakhir("surel.ringkasan")
    log = mulai_konsumen()
    row = _tunggu(redis_app, pekerjaan_id, log)
    assert row.status == "selesai" and row.hasil == {"terkirim": 1}, (row.galat, log.read_text())
    [msg] = kotak.tunggu(1)
    assert str(msg["Subject"]).strip() == "[Kinerja] Ringkasan notifikasi (2)"
    body = Kotak.isi(msg)
    assert "SKP tahun 2026 Anda telah disetujui." in body and "mengundang Anda ke dialog kinerja" in body


def test_surel_lupa_sandi_runs_in_a_real_consumer(antrean_surel):
    import re

    from kinerja.notifikasi.lupa_sandi import atur_sandi, minta_tautan
    from tests.support.smtp import Kotak

    redis_app, mulai_konsumen, kotak = antrean_surel
    with redis_app.app_context():
        _, org = _pegawai_bersurel("staf.satu@bukitintankab.go.id")
        nip = org.staf1.nip
        assert minta_tautan(nip, "127.0.0.1") is not None
        pekerjaan_id = _pekerjaan_terakhir("surel.lupa_sandi")
    log = mulai_konsumen()
    row = _tunggu(redis_app, pekerjaan_id, log)
    assert row.status == "selesai" and row.hasil == {"terkirim": 1}, (row.galat, log.read_text())
    [msg] = kotak.tunggu(1)
    assert msg["X-Envelope-To"] == "staf.satu@bukitintankab.go.id"
    [token] = re.findall(r"http://localhost/atur-ulang-sandi/([A-Za-z0-9_-]+)", Kotak.isi(msg))
    with redis_app.app_context():  # the link the consumer computed is the one the app accepts
        assert atur_sandi(token, "Kinerja-Baru-2026!").id
