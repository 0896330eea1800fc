"""The audit chain is keyed (HMAC, key outside the database); reading other people's documents is audited."""

from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy import text

from kinerja.audit.rules import event_hash
from kinerja.audit.services import record, verify_chain
from kinerja.extensions import db
from kinerja.models import AuditEvent, AuditHead
from tests.support.factories import PASSWORD


def _fields(row) -> dict:
    return {"waktu": row.waktu.isoformat(), "aktor_id": row.aktor_id, "aktor_label": row.aktor_label,
            "aksi": row.aksi, "objek_tipe": row.objek_tipe, "objek_id": row.objek_id, "sebelum": row.sebelum,
            "sesudah": row.sesudah, "alamat_ip": row.alamat_ip}


def _rechain_with(hash_function) -> None:
    """What someone who can write the database does: recompute every hash and the head."""
    previous = "0" * 64
    rows = db.session.query(AuditEvent).order_by(AuditEvent.id).all()
    for row in rows:
        new = hash_function(previous, _fields(row))
        db.session.execute(text("UPDATE audit_event SET hash_sebelumnya = :p, hash = :h WHERE id = :id"),
                           {"p": previous, "h": new, "id": row.id})
        previous = new
    db.session.execute(text("UPDATE audit_head SET hash_terakhir = :h, jumlah = :n"), {"h": previous, "n": len(rows)})
    db.session.expire_all()


def _three(org) -> list[AuditEvent]:
    for i in range(3):
        record(org.admin, "uji.aksi", "uji", i, sesudah={"i": i})
    db.session.flush()
    return db.session.query(AuditEvent).filter_by(aksi="uji.aksi").order_by(AuditEvent.id).all()


def test_deleting_an_event_and_recomputing_the_chain_is_detected(org):
    middle = _three(org)[1]
    db.session.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": middle.id})
    _rechain_with(event_hash)  # the app's own (formerly unkeyed) hash function
    _, problem = verify_chain()
    assert problem is not None


def test_editing_an_event_and_recomputing_with_a_guessed_key_is_detected(org):
    import hashlib
    import hmac

    from kinerja.audit.rules import canonical

    target = _three(org)[0]
    db.session.execute(text("UPDATE audit_event SET aktor_label = 'penyusup' WHERE id = :id"), {"id": target.id})

    def wrong_key(previous, fields):
        return hmac.new(b"kunci-tebakan", (previous + "|" + canonical(fields)).encode(), hashlib.sha256).hexdigest()

    _rechain_with(wrong_key)
    _, problem = verify_chain()
    assert problem is not None


def test_cutting_off_the_last_events_is_detected(org):
    rows = _three(org)
    last = rows[-1]
    db.session.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": last.id})
    db.session.execute(text("UPDATE audit_head SET hash_terakhir = :h, jumlah = jumlah - 1"), {"h": rows[-2].hash})
    db.session.expire_all()
    _, problem = verify_chain()
    assert problem is not None


def test_audit_verify_prints_the_head(runner, org):
    _three(org)
    head = db.session.get(AuditHead, 1)
    result = runner.invoke(args=["audit-verify"])
    assert result.exit_code == 0, result.output
    assert head.hash_terakhir in result.output and f"{head.jumlah} kejadian" in result.output


# ------------------------------------------------------------------ reading other people's documents

def _reads(jenis: str | None = None) -> list[AuditEvent]:
    q = db.session.query(AuditEvent).filter(AuditEvent.aksi.startswith("baca."))
    if jenis:
        q = q.filter_by(aksi=f"baca.{jenis}")
    return q.all()


def _login(browser, who):
    ident = getattr(who, "nip", None) or who.username
    assert browser.login(ident, PASSWORD).status_code == 302


@pytest.fixture
def bukti(factory, org):
    from kinerja.aktivitas import bukti as bukti_module
    from kinerja.aktivitas import services
    from kinerja.waktu import today_local

    today = today_local("Asia/Jakarta")
    data = services.AktivitasData(today, time(8), time(9), "Liputan kegiatan", "1", "berita", "atasan")
    item = services.create_aktivitas(factory.akun_of(org.staf1), data,
                                     [bukti_module.BuktiUpload("bukti.pdf", b"%PDF-1.4\n%%EOF\n")], today=today)
    return item.bukti[0]


def test_downloading_someone_elses_bukti_is_audited(browser, org, bukti):
    _login(browser, org.staf1)
    browser.get(f"/aktivitas/bukti/{bukti.id}").close()
    assert _reads() == []  # the owner reading their own file is not an event
    browser.logout()
    _login(browser, org.kasi)
    r = browser.get(f"/aktivitas/bukti/{bukti.id}")
    assert r.status_code == 200
    r.close()
    [event] = _reads("bukti")
    assert event.objek_id == str(bukti.id) and event.aktor_label == org.kasi.nip
    assert str(org.staf1.id) in event.sesudah
    _, problem = verify_chain()
    assert problem is None


def test_reading_someone_elses_lkh_is_audited(browser, org):
    from kinerja.waktu import today_local

    today = today_local("Asia/Jakarta")
    _login(browser, org.kasi)
    assert browser.get(f"/laporan/lkh/{org.staf1.id}/{today.year}/{today.month}.xlsx").status_code == 200
    assert browser.get(f"/laporan/lkh/{org.kasi.id}/{today.year}/{today.month}.xlsx").status_code == 200
    [event] = _reads("lkh")
    assert str(org.staf1.id) in event.sesudah


def test_printing_someone_elses_skp_is_audited(browser, skp_org):
    _login(browser, skp_org.kabid)
    assert browser.get(f"/skp/{skp_org.skp_kasi.id}/cetak").status_code == 200
    [event] = _reads("skp")
    assert event.objek_id == str(skp_org.skp_kasi.id)


def test_printing_someone_elses_evaluation_is_audited(browser, org, factory):
    from tests.support.evaluasi import buat_skenario, isi_realisasi, nilai

    s = buat_skenario(factory, org)
    ev = s.ev["staf1"]
    isi_realisasi(factory, ev)
    nilai(factory, ev)
    _login(browser, org.kasi)
    r = browser.get(f"/evaluasi/{ev.id}/cetak/evaluasi")
    assert r.status_code == 200
    [event] = _reads("evaluasi")
    assert event.objek_id == str(ev.id)


# ------------------------------------------------------------------ an existing (unkeyed) chain is sealed by the migration

def _legacy_database(url: str):
    """A database at the revision before the audit key, holding three unkeyed events."""
    from datetime import UTC, datetime

    from flask_migrate import upgrade

    from kinerja import create_app
    from kinerja.audit.rules import GENESIS, canonical
    from kinerja.config import TestConfig

    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        upgrade(revision=_revision_before_key())
        previous = GENESIS
        with db.engine.begin() as conn:
            for i in range(3):
                waktu = datetime(2026, 1, 1 + i, 8, 0, tzinfo=UTC)
                fields = {"waktu": waktu.isoformat(), "aktor_id": None, "aktor_label": "cli", "aksi": "uji.lama",
                          "objek_tipe": "uji", "objek_id": str(i), "sebelum": None, "sesudah": canonical({"i": i}),
                          "alamat_ip": None}
                digest = event_hash(previous, fields)
                conn.execute(text(
                    "INSERT INTO audit_event (waktu, aktor_label, aksi, objek_tipe, objek_id, sesudah, hash_sebelumnya,"
                    " hash) VALUES (:w, 'cli', 'uji.lama', 'uji', :o, :s, :p, :h)"),
                    {"w": waktu.replace(tzinfo=None), "o": str(i), "s": fields["sesudah"], "p": previous, "h": digest})
                previous = digest
            conn.execute(text("INSERT INTO audit_head (id, hash_terakhir, jumlah) VALUES (1, :h, 3)"), {"h": previous})
    return app


def _revision_before_key() -> str:
    import importlib.util
    import pathlib

    path = pathlib.Path(__file__).resolve().parents[2] / "migrations" / "versions" / "w2_jejak.py"
    spec = importlib.util.spec_from_file_location("w2_jejak", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.down_revision


def _upgrade_and_check(app):
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()
        checked, problem = verify_chain()
        assert problem is None and checked == 4
        seal = db.session.query(AuditEvent).order_by(AuditEvent.id.desc()).first()
        assert seal.aksi == "audit.segel_hmac" and seal.versi == 2
        # New events continue the keyed chain.
        record(None, "uji.baru", "uji", 9, aktor_label="cli")
        db.session.commit()
        assert verify_chain() == (5, None)
        # Rewriting a legacy event and recomputing the legacy links no longer passes.
        first = db.session.query(AuditEvent).order_by(AuditEvent.id).first()
        db.session.execute(text("UPDATE audit_event SET objek_id = '99' WHERE id = :id"), {"id": first.id})
        db.session.commit()
        db.session.expire_all()
        _rechain_with(event_hash)
        db.session.commit()
        _, problem = verify_chain()
        assert problem is not None
        db.session.remove()
        db.engine.dispose()


@pytest.mark.no_db
def test_migration_seals_an_existing_sqlite_chain(tmp_path):
    _upgrade_and_check(_legacy_database(f"sqlite:///{tmp_path}/lama.db"))


@pytest.mark.no_db
def test_migration_seals_an_existing_postgres_chain():
    import os
    import uuid

    from sqlalchemy import create_engine

    base = os.environ.get("KINERJA_TEST_DATABASE_URL", "")
    if not base.startswith("postgresql"):
        pytest.skip("bukan putaran PostgreSQL")
    name = f"kinerja_audit_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        _upgrade_and_check(_legacy_database(base.rsplit("/", 1)[0] + "/" + name))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
