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

    Yields (app, start_consumer).  The session's app (immediate mode) is configured back afterwards."""
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

    def mulai_konsumen():
        logs.append(open(tmp_path / "konsumen.log", "w"))  # noqa: SIM115  closed after the process
        proses.append(subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "jobs", "--workers", "1"],
                                       cwd=ROOT, env=env, stdout=logs[-1], stderr=subprocess.STDOUT))
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


def test_impor_pegawai_runs_in_a_real_consumer(antrean_redis):
    from kinerja.jobs import antrekan
    from kinerja.models import Pegawai
    from kinerja.organisasi.impor.unggahan import save_upload
    from tests.integration.test_impor import good_rows, xlsx_bytes
    from tests.support.factories import Factory

    redis_app, mulai_konsumen = antrean_redis
    with redis_app.app_context():
        factory = Factory()
        org = factory.org()
        db.session.commit()
        before = db.session.query(Pegawai).count()
        token = save_upload(redis_app.config["UPLOAD_DIR"], org.admin.id, xlsx_bytes(good_rows(org)), "simpeg.xlsx")
        pekerjaan_id = antrekan("impor.pegawai", {"token": token}, peminta=org.admin, kunci=f"impor:{token}").id
    log = mulai_konsumen()
    row = _tunggu(redis_app, pekerjaan_id, log)
    assert row.status == "selesai", (row.galat, log.read_text())
    assert row.hasil["ringkasan"].startswith("Impor selesai: 5 pegawai dibuat") and (row.selesai_n, row.total) == (7, 7)
    with redis_app.app_context():
        assert db.session.query(Pegawai).count() == before + 5
