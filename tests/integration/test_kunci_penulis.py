"""QUALITY P3 on SQLite: a request holds the database's writer lock only while its service writes.

A request begins as a reader; loading the account, checking CSRF, building and validating the form run
without the lock, and the service call (``kinerja.formulir.coba`` → ``kinerja.database.menulis``) ends
that reader and begins the writer.  Before, every POST took the lock as its first query and kept it
through all of that: one save at a time, the others queueing behind form handling (p95 of a save about
210 ms with 16 users).  Each test runs a fresh app on a SQLite file; "another process" is a plain
``sqlite3`` connection to the same file.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, func, select

from kinerja import create_app
from kinerja.config import TestConfig
from kinerja.extensions import db
from kinerja.models import Aktivitas
from kinerja.waktu import today_local
from tests.conftest import Browser
from tests.support.factories import PASSWORD, Factory

# SQLite's single writer lock is what is tested: these apps use their own SQLite file in every run,
# the PostgreSQL one included.
pytestmark = pytest.mark.no_db


@pytest.fixture
def berkas(tmp_path):
    """An app on its own SQLite file with one pegawai (logged in through ``masuk``); the file's path."""
    path = tmp_path / "kunci.db"
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}", UPLOAD_DIR=str(tmp_path / "unggah"),
                     SQLITE_BUSY_TIMEOUT_MS=300)
    with app.app_context():
        db.create_all()
        f = Factory()
        f.instansi()
        staf = f.pegawai("Staf Kunci", unit=f.unit("Seksi Kunci"))
        db.session.commit()
        nip, pegawai_id = staf.nip, staf.id
        db.session.remove()
    with app.app_context():  # the test's own (Browser expires the session after each request)
        yield type("Berkas", (), {"app": app, "path": str(path), "nip": nip, "pegawai_id": pegawai_id})
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def masuk(berkas) -> Browser:
    b = Browser(berkas.app.test_client())
    assert b.login(berkas.nip, PASSWORD).status_code == 302
    return b


def entri(tanggal, mulai="08:00", selesai="09:30", uraian="Liputan kegiatan bupati di pendopo") -> dict:
    return {"tanggal": tanggal.isoformat(), "jam_mulai": mulai, "jam_selesai": selesai, "uraian": uraian,
            "volume": "1", "satuan": "berita", "rhk": "atasan", "tautan_bukti": ""}


def banyak_entri(berkas) -> int:
    with berkas.app.app_context():
        try:
            return db.session.execute(select(func.count()).select_from(Aktivitas)).scalar_one()
        finally:
            db.session.remove()


def test_a_form_with_errors_is_answered_while_another_process_writes(berkas):
    """Validation needs no lock: the staff member sees the message on the field at once, not "database is
    locked" after the busy timeout."""
    b = masuk(berkas)
    lain = sqlite3.connect(berkas.path, timeout=0, isolation_level=None)
    lain.execute("BEGIN IMMEDIATE")
    try:
        r = b.post("/aktivitas", entri(today_local(), uraian=""), htmx=True)
    finally:
        lain.execute("ROLLBACK")
        lain.close()
    assert r.status_code == 422
    assert "Uraian" in r.get_data(as_text=True)
    assert banyak_entri(berkas) == 0


def test_a_save_waits_for_the_other_writer_then_lands(berkas):
    """The service still writes as the one writer: a save that arrives while another process writes waits
    for it (within the busy timeout) and is then stored once."""
    b = masuk(berkas)
    lain = sqlite3.connect(berkas.path, timeout=0, isolation_level=None, check_same_thread=False)
    lain.execute("BEGIN IMMEDIATE")
    lepas = threading.Timer(0.1, lambda: lain.execute("ROLLBACK"))
    lepas.start()
    try:
        r = b.post("/aktivitas", entri(today_local()), htmx=True)
    finally:
        lepas.join()
        lain.close()
    assert r.status_code == 200, r.get_data(as_text=True)[:500]
    assert "Aktivitas tersimpan." in r.get_data(as_text=True)
    assert banyak_entri(berkas) == 1


def test_a_write_between_the_form_and_the_service_is_seen_by_the_service(berkas):
    """Another tab stores 08:00–09:30 while this save's form is being read.  The service reads the day as
    it is now (not the reader's older snapshot) and refuses the overlap with its message — neither a
    double booking nor SQLITE_BUSY_SNAPSHOT ("database is locked")."""
    b = masuk(berkas)
    b.token()  # the page the token comes from is read before the other tab writes
    hari = today_local()
    engine = berkas.app.extensions["sqlalchemy"].engines[None]
    ditulis = []

    def tab_lain(_conn, _cursor, statement, _parameters, _context, _executemany):
        if ditulis or "FROM akun" not in statement:
            return
        lain = sqlite3.connect(berkas.path, timeout=5, isolation_level=None)
        kini = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        lain.execute(
            "INSERT INTO aktivitas (pegawai_id, tanggal, jam_mulai, jam_selesai, durasi_menit, uraian, volume, satuan,"
            " tugas_atasan, hari_libur, status, versi, created_at, updated_at) VALUES (?, ?, '08:00:00.000000',"
            " '09:30:00.000000', 90, 'Rapat dari tab lain', 1, 'kegiatan', 1, 0, 'Draft', 1, ?, ?)",
            (berkas.pegawai_id, hari.isoformat(), kini, kini))
        lain.close()
        ditulis.append(True)

    event.listen(engine, "after_cursor_execute", tab_lain)
    try:
        r = b.post("/aktivitas", entri(hari), htmx=True)
    finally:
        event.remove(engine, "after_cursor_execute", tab_lain)
    assert ditulis
    assert r.status_code == 422, r.get_data(as_text=True)[:500]
    assert "bertumpang tindih dengan aktivitas 08:00–09:30" in r.get_data(as_text=True)
    assert banyak_entri(berkas) == 1
