"""A request changes rows only inside its service call (``kinerja.database.menulis``); the guard
(``configure_write_guard``) refuses a write outside it in tests and logs it elsewhere."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import create_engine, select, text, update

from kinerja.database import (
    TULISAN_TANPA_NIAT,
    TulisanTanpaNiat,
    configure_write_guard,
    menulis,
    read_only,
)
from kinerja.extensions import db
from kinerja.models import Instansi


def _nama(inst_id: int) -> str:
    return db.session.execute(select(Instansi.nama_dinas).where(Instansi.id == inst_id)).scalar_one()


def test_a_write_in_a_reader_is_refused_and_remembered(factory):
    inst = factory.instansi(nama_dinas="Dinas Asal")
    with read_only(), pytest.raises(TulisanTanpaNiat, match="UPDATE instansi"):
        db.session.execute(update(Instansi).where(Instansi.id == inst.id).values(nama_dinas="Dinas Diam-diam"))
    assert TULISAN_TANPA_NIAT and TULISAN_TANPA_NIAT[0].startswith("UPDATE instansi")
    TULISAN_TANPA_NIAT.clear()  # seen: this test wanted it


def test_inside_menulis_the_reader_writes_and_is_a_reader_again_after(factory):
    inst = factory.instansi(nama_dinas="Dinas Asal")
    db.session.commit()
    with read_only():
        assert _nama(inst.id) == "Dinas Asal"  # the reader's transaction has begun
        with menulis(db.session):
            db.session.execute(update(Instansi).where(Instansi.id == inst.id).values(nama_dinas="Dinas Baru"))
            db.session.commit()
        assert _nama(inst.id) == "Dinas Baru"
        with pytest.raises(TulisanTanpaNiat):
            db.session.execute(update(Instansi).where(Instansi.id == inst.id).values(nama_dinas="Sesudahnya"))
    TULISAN_TANPA_NIAT.clear()


def test_menulis_inside_a_writer_changes_nothing(factory):
    """A command, a job or a nested service call is a writer already: no commit in between."""
    inst = factory.instansi(nama_dinas="Dinas Asal")
    db.session.commit()
    db.session.get(Instansi, inst.id).nama_dinas = "Belum Disimpan"
    with menulis(db.session):
        assert db.session.dirty  # not committed by menulis
    db.session.rollback()
    assert _nama(inst.id) == "Dinas Asal"


def test_a_pending_change_made_by_a_reader_is_refused_when_menulis_begins(factory):
    """menulis ends the reader's transaction; a change the reader left pending cannot slip through it."""
    inst = factory.instansi(nama_dinas="Dinas Asal")
    db.session.commit()
    with read_only():
        db.session.get(Instansi, inst.id).nama_dinas = "Diubah Pembaca"
        if db.session.get_bind().dialect.name == "sqlite":
            with pytest.raises(TulisanTanpaNiat), menulis(db.session):
                pass
        else:  # PostgreSQL has no writer lock: the reader's transaction simply goes on, change still pending
            with menulis(db.session):
                assert db.session.dirty
    db.session.rollback()
    TULISAN_TANPA_NIAT.clear()


@pytest.mark.no_db
def test_outside_tests_a_write_in_a_reader_is_logged(caplog):
    engine = create_engine("sqlite://")
    configure_write_guard(engine, ketat=False)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    with caplog.at_level(logging.WARNING, logger="kinerja.database"), read_only(), engine.begin() as conn:
        conn.execute(text("INSERT INTO t (x) VALUES (1)"))
        assert conn.execute(text("SELECT count(*) FROM t")).scalar_one() == 1
    assert "mengubah data di luar menulis() (transaksi pembaca): INSERT INTO t" in caplog.text
    assert not TULISAN_TANPA_NIAT
