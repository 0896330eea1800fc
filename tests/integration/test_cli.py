"""CLI commands: create-admin, demo-data (idempotent, --scale), backup."""

import logging
import sqlite3

import pytest
from sqlalchemy import func, select

from kinerja import create_app, kait
from kinerja.config import TestConfig
from kinerja.extensions import db
from kinerja.models import Akun, Pegawai
from kinerja.organisasi.rules import parse_nip


def test_create_admin(runner):
    r = runner.invoke(args=["create-admin", "--username", "kepegawaian", "--password", "teh manis hangat sore hari"])
    assert r.exit_code == 0, r.output
    assert db.session.execute(select(Akun).where(Akun.username == "kepegawaian")).scalar_one().is_admin


def test_create_admin_refuses_weak_password(runner):
    r = runner.invoke(args=["create-admin", "--username", "kepegawaian", "--password", "password1234"])
    assert r.exit_code != 0 and "terlalu umum" in r.output


def test_demo_data_is_valid_and_idempotent(runner, caplog):
    caplog.set_level(logging.INFO)
    first = runner.invoke(args=["demo-data"])
    assert first.exit_code == 0, first.output
    # `make run` shows a short summary, not one log line per audit event.
    assert [r for r in caplog.records if r.name.startswith("kinerja") and r.levelno < logging.WARNING] == []
    # One summary line for the organisation and one per feature demo step (kinerja.kait.add_demo_step),
    # whatever the number of rows written.
    assert len(first.output.splitlines()) <= 1 + len(kait.demo_steps())
    count = db.session.execute(select(func.count(Pegawai.id))).scalar_one()
    assert 30 <= count <= 60
    for p in db.session.execute(select(Pegawai)).scalars():
        parse_nip(p.nip, p.status)  # every demo NIP is valid
    again = runner.invoke(args=["demo-data"])
    assert again.exit_code == 0
    assert db.session.execute(select(func.count(Pegawai.id))).scalar_one() == count
    kadis = db.session.execute(select(Pegawai).where(Pegawai.nip == "197203151998031004")).scalar_one()
    assert kadis.atasan_id is None and kadis.pimpinan
    # --- surel: the README pegawai has a returned entry; some pegawai have not logged today
    from kinerja.models import Aktivitas

    andi = db.session.execute(select(Pegawai).where(Pegawai.nip == "199203112019031007")).scalar_one()
    assert andi.email and db.session.execute(select(func.count(Aktivitas.id)).where(
        Aktivitas.pegawai_id == andi.id, Aktivitas.status == "Dikembalikan")).scalar_one() >= 1
    dry = runner.invoke(args=["send-reminders", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    from kinerja.kalender import holidays_between
    from kinerja.kalender import rules as kalender_rules
    from kinerja.waktu import today_local

    hari_ini = today_local()
    if kalender_rules.is_working_day(hari_ini, 5, holidays_between(hari_ini, hari_ini)):
        assert dry.output.count("Belum mengisi aktivitas") >= 4, dry.output


def test_demo_data_scale_builds_a_tree(runner):
    r = runner.invoke(args=["demo-data", "--scale", "60"])
    assert r.exit_code == 0, r.output
    rows = db.session.execute(select(Pegawai.id, Pegawai.atasan_id)).all()
    assert 55 <= len(rows) <= 65
    assert sum(1 for _, atasan in rows if atasan is None) == 1


def test_demo_data_scale_builds_a_kabupaten_of_several_opd(runner, monkeypatch):
    """Above OPD_SIZE pegawai: several OPD as top units of one pemda, each with its own Kepala,
    bidang and seksi, a year of daily logs, and progress printed while it runs."""
    from kinerja.demo import organisasi
    from kinerja.models import Aktivitas, UnitKerja

    monkeypatch.setattr(organisasi, "OPD_SIZE", 25)
    r = runner.invoke(args=["demo-data", "--scale", "75"])
    assert r.exit_code == 0, r.output
    assert "aktivitas:" in r.output  # progress (stderr, mixed into the runner's output)
    roots = db.session.execute(select(UnitKerja).where(UnitKerja.induk_id.is_(None)).order_by(UnitKerja.id)).scalars().all()
    assert len(roots) == 3
    assert roots[1].nama == "Dinas Pendidikan dan Kebudayaan"
    pegawai = {p.id: p for p in db.session.execute(select(Pegawai)).scalars()}
    assert 70 <= len(pegawai) <= 80
    kepala = [p for p in pegawai.values() if p.atasan_id is None]
    assert sorted(p.unit_id for p in kepala) == sorted(u.id for u in roots)
    assert all(p.pimpinan for p in kepala)
    for root in roots:
        assert root.anak and all(bidang.anak for bidang in root.anak)  # bidang with seksi

    def top(p):
        while p.atasan_id is not None:
            p = pegawai[p.atasan_id]
        return p

    for p in pegawai.values():
        unit = p.unit
        while unit.induk is not None:
            unit = unit.induk
        assert top(p).unit_id == unit.id  # everyone reports up to their own OPD's Kepala
    days = db.session.execute(select(func.count(func.distinct(Aktivitas.tanggal)))).scalar_one()
    assert days > 200


def test_demo_data_scale_entries_read_back_as_written(runner, monkeypatch):
    """The bulk load (COPY on PostgreSQL) gives entries a user sees as written: text with tabs,
    backslashes and line breaks intact, timestamps in the afternoon of their day (WIB), a verification
    by the atasan the next morning, a note on returned entries only; the table keeps its indexes."""
    from datetime import time, timedelta
    from zoneinfo import ZoneInfo

    from sqlalchemy import inspect

    from kinerja.demo import aktivitas as demo
    from kinerja.models import Aktivitas

    aneh = "Rapat\tkoordinasi C:\\data\\ \\N baris\r\nkedua"
    monkeypatch.setattr(demo, "UMUM", [(aneh, "kegiatan\tx", (1, 1), (60, 60), None)])
    r = runner.invoke(args=["demo-data", "--scale", "40"])
    assert r.exit_code == 0, r.output
    atasan = dict(db.session.execute(select(Pegawai.id, Pegawai.atasan_id)).all())
    rows = db.session.execute(select(Aktivitas)).scalars().all()
    assert len(rows) > 5000
    assert any(a.uraian == aneh and a.satuan == "kegiatan\tx" for a in rows)
    wib = ZoneInfo("Asia/Jakarta")
    for a in rows:
        dibuat = a.created_at.astimezone(wib)
        assert (dibuat.date(), dibuat.time()) == (a.tanggal, time(16, 30)), a.id
        menit = lambda t: t.hour * 60 + t.minute  # noqa: E731
        assert menit(a.jam_selesai) - menit(a.jam_mulai) == a.durasi_menit
        assert a.tugas_atasan == (a.rhk_id is None)
        assert a.diajukan_at == (None if a.status == "Draft" else a.created_at)
        if a.status in ("Disetujui", "Dikembalikan"):
            diverifikasi = a.diverifikasi_at.astimezone(wib)
            assert (diverifikasi.date(), diverifikasi.time()) == (a.tanggal + timedelta(days=1), time(10))
            assert a.diverifikasi_oleh_id == atasan[a.pegawai_id] and a.updated_at == a.diverifikasi_at
        else:
            assert a.diverifikasi_at is None and a.diverifikasi_oleh_id is None and a.updated_at == a.created_at
        assert (a.catatan_verifikasi is not None) == (a.status == "Dikembalikan")
    indexes = {ix["name"] for ix in inspect(db.session.connection()).get_indexes("aktivitas")}
    assert indexes == {ix.name for ix in Aktivitas.__table__.indexes}


@pytest.mark.no_db
def test_backup_is_consistent_copy(tmp_path):
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/sumber.db")
    with app.app_context():
        db.create_all()
        from kinerja.demo import load_demo

        load_demo()
        runner = app.test_cli_runner()
        dest = tmp_path / "cadangan.db"
        r = runner.invoke(args=["backup", str(dest)])
        assert r.exit_code == 0, r.output
        assert "integrity_check: ok" in r.output
        again = runner.invoke(args=["backup", str(dest)])
        assert again.exit_code != 0 and "sudah ada" in again.output
        db.engine.dispose()
    copy = sqlite3.connect(dest)
    assert copy.execute("select count(*) from pegawai").fetchone()[0] >= 30
    copy.close()


def test_demo_data_scale_leaves_planner_statistics(runner):
    """After the bulk load the database knows its tables: without statistics PostgreSQL planned the
    inbox at 10,000 pegawai as a scan of every submitted entry (25 ms instead of 0.05 ms) until
    autovacuum came by.  ``--scale`` ends with ANALYZE (pg_stats, or SQLite's sqlite_stat1)."""
    from sqlalchemy import text

    r = runner.invoke(args=["demo-data", "--scale", "40"])
    assert r.exit_code == 0, r.output
    conn = db.session.connection()
    if conn.dialect.name == "postgresql":
        kolom = set(conn.execute(text("SELECT attname FROM pg_stats WHERE tablename = 'aktivitas'")).scalars())
        assert {"status", "pegawai_id", "tanggal"} <= kolom
        assert conn.execute(text("SELECT count(*) FROM pg_stats WHERE tablename = 'pegawai'")).scalar_one() > 0
    else:
        tabel = set(conn.execute(text("SELECT tbl FROM sqlite_stat1")).scalars())
        assert {"aktivitas", "pegawai"} <= tabel
