"""#17 on PostgreSQL: a request that only read ends its transaction with COMMIT, so psycopg keeps the
statements it prepared (a ROLLBACK makes it forget them all, and PostgreSQL would plan every query of
every request anew); a request that wrote without committing is still rolled back."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import select, text, update

from kinerja.database import end_read_transaction
from kinerja.extensions import db
from kinerja.models import Instansi

DB_URL = os.environ.get("KINERJA_TEST_DATABASE_URL", "")
postgresql = pytest.mark.skipif(not DB_URL.startswith("postgresql"),
                                reason="butuh PostgreSQL (KINERJA_TEST_DATABASE_URL): pernyataan siap pakai psycopg")


def test_a_request_that_wrote_without_committing_is_still_rolled_back(app, factory):
    inst = factory.instansi(nama_dinas="Dinas Asal")
    db.session.commit()
    with app.test_request_context("/"):
        db.session.execute(update(Instansi).where(Instansi.id == inst.id).values(nama_dinas="Dinas Tertulis"))
        end_read_transaction(db.session())
        db.session.rollback()  # what closing the session at the end of the request does
    assert db.session.execute(select(Instansi.nama_dinas).where(Instansi.id == inst.id)).scalar_one() == "Dinas Asal"


def test_pending_changes_are_never_committed_by_the_end_of_a_request(app, factory):
    inst = factory.instansi(nama_dinas="Dinas Asal")
    db.session.commit()
    with app.test_request_context("/"):
        db.session.get(Instansi, inst.id).nama_dinas = "Belum Disimpan"
        end_read_transaction(db.session())
        db.session.rollback()
    assert db.session.execute(select(Instansi.nama_dinas).where(Instansi.id == inst.id)).scalar_one() == "Dinas Asal"


@postgresql
@pytest.mark.no_db
def test_read_requests_keep_prepared_statements(tmp_path):
    """A fresh app with one pooled connection: after a few GETs of the login page (which reads the
    instansi), that connection holds prepared statements; before, every request's ROLLBACK dropped them."""
    from kinerja import create_app
    from kinerja.config import TestConfig

    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=DB_URL, UPLOAD_DIR=str(tmp_path),
                     SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 1, "max_overflow": 0, "pool_pre_ping": True})
    client = app.test_client()
    for _ in range(8):
        assert client.get("/login").status_code == 200
    with app.app_context():
        with db.engine.connect() as conn:
            prepared = conn.execute(text("SELECT statement FROM pg_prepared_statements")).scalars().all()
        db.engine.dispose()
    assert any("instansi" in s for s in prepared), prepared


@postgresql
@pytest.mark.no_db
def test_a_page_rendered_inside_a_command_leaves_the_command_its_transaction(tmp_path):
    """The CLI, the demo data and background jobs render PDFs in ``render_context`` (a request context under
    their own app context).  The end of that request must not end the command's transaction: the command
    goes on with its session and commits what it changed after rendering (``flask demo-data --scale`` failed
    with "This transaction is inactive" when it signed a Penetapan Predikat)."""
    from kinerja import create_app
    from kinerja.config import TestConfig
    from kinerja.dokumen.arsip import render_context

    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=DB_URL, UPLOAD_DIR=str(tmp_path))
    with app.app_context():
        inst = Instansi(nama_pemda="Kabupaten Uji Perintah", nama_dinas="Dinas Sebelum Cetak")
        db.session.add(inst)
        db.session.commit()
        inst_id = inst.id
        try:
            item = db.session.get(Instansi, inst_id)  # a read: the command's transaction begins
            with render_context():
                pass
            item.nama_dinas = "Dinas Sesudah Cetak"
            db.session.commit()
            db.session.close()
            assert db.session.get(Instansi, inst_id).nama_dinas == "Dinas Sesudah Cetak"
        finally:
            db.session.rollback()
            db.session.execute(text("DELETE FROM instansi WHERE id = :id"), {"id": inst_id})
            db.session.commit()
            db.engine.dispose()
