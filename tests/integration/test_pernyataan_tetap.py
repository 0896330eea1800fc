"""Statements of the write paths built once per process (#17): the same answers as when they were built per call.

A save, an edit or a copy checks the day's entries through ``_SLOT_HARI`` sent with ``baris``, which has no
autoflush: what is still pending in the session must count all the same.  The verification's loads take
the entry's id as a bind parameter; one statement serves every entry.  The audit chain is written without the
ORM's unit of work: the chain must verify, the head must count, and a head the session read before must
show the new one.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from sqlalchemy import select, text

from kinerja.aktivitas import services as aktivitas_services
from kinerja.audit.services import Kejadian, chain_head, record, record_many, verify_chain
from kinerja.extensions import db
from kinerja.models import Aktivitas, AuditEvent, AuditHead
from kinerja.verifikasi import queries as verifikasi_queries
from kinerja.verifikasi import services as verifikasi_services

HARI = date(2026, 5, 4)


def _entri(pegawai, mulai: int, selesai: int, status: str = "Draft") -> Aktivitas:
    item = Aktivitas(pegawai_id=pegawai.id, tanggal=HARI, jam_mulai=time(mulai), jam_selesai=time(selesai),
                     durasi_menit=(selesai - mulai) * 60, uraian="Menyusun laporan", volume=Decimal(1),
                     satuan="laporan", tugas_atasan=True, status=status)
    db.session.add(item)
    return item


def test_the_day_check_counts_entries_still_pending_in_the_session(org):
    _entri(org.staf1, 8, 9)
    db.session.flush()
    _entri(org.staf1, 10, 12)  # added, not flushed yet
    _entri(org.staf2, 9, 10)  # someone else's day stays out
    slots = aktivitas_services._slots(org.staf1.id, HARI)
    assert sorted((s.jam_mulai, s.jam_selesai, menit) for s, menit in slots) == [
        (time(8), time(9), 60), (time(10), time(12), 120)]
    assert aktivitas_services._slots(org.staf1.id, date(2026, 5, 5)) == []


def test_the_day_lock_is_taken_on_the_pegawai_row(org, count_queries):
    with count_queries() as q:
        aktivitas_services._lock_pegawai(org.staf1.id)
    assert q.count == 1
    if db.engine.dialect.name == "postgresql":
        assert q.statements[0].rstrip().upper().endswith("FOR UPDATE"), q.statements[0]


def test_one_verification_statement_serves_every_entry(org):
    pertama, kedua = _entri(org.staf1, 8, 9, "Diajukan"), _entri(org.staf2, 9, 10, "Diajukan")
    db.session.flush()
    ids = (pertama.id, kedua.id)
    db.session.expunge_all()
    for aktivitas_id, pegawai in zip(ids * 2, (org.staf1, org.staf2) * 2, strict=True):
        dimuat = verifikasi_services._load(aktivitas_id)
        assert (dimuat.id, dimuat.pegawai.id) == (aktivitas_id, pegawai.id)
        baris = verifikasi_queries.load_baris(aktivitas_id)
        assert (baris.id, baris.pegawai.nama, baris.bukti) == (aktivitas_id, pegawai.nama, [])
    assert verifikasi_services._load(max(ids) + 1000) is None
    assert verifikasi_queries.load_baris(max(ids) + 1000) is None


def test_the_audit_chain_written_without_the_orm_verifies_and_counts(org):
    sebelum = chain_head()
    record(org.admin, "uji.satu", "uji", 1, sesudah={"catatan": "Rapat 'koordinasi' & evaluasi"})
    record_many(org.admin, [Kejadian("uji.banyak", "uji", i, sebelum={"i": i - 1}, sesudah={"i": i}) for i in range(3)])
    record_many(org.admin, [])  # nothing to append: nothing written
    sesudah = chain_head()
    assert sesudah.jumlah == sebelum.jumlah + 4
    terakhir = db.session.execute(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(4)).scalars().all()[::-1]
    assert [(e.aksi, e.objek_id, e.aktor_id, e.versi) for e in terakhir] == [
        ("uji.satu", "1", org.admin.id, 2), ("uji.banyak", "0", org.admin.id, 2), ("uji.banyak", "1", org.admin.id, 2),
        ("uji.banyak", "2", org.admin.id, 2)]
    assert [e.hash_sebelumnya for e in terakhir] == [sebelum.hash] + [e.hash for e in terakhir[:-1]]
    assert sesudah.hash == terakhir[-1].hash
    checked, problem = verify_chain()
    assert problem is None and checked == sesudah.jumlah


def test_a_head_the_session_read_before_shows_the_new_one(org):
    record(org.admin, "uji.awal", "uji", 1)
    head = db.session.get(AuditHead, 1)
    jumlah = head.jumlah
    record(org.admin, "uji.lagi", "uji", 2)
    assert db.session.get(AuditHead, 1).jumlah == jumlah + 1
    assert head.hash_terakhir == db.session.execute(text("SELECT hash_terakhir FROM audit_head")).scalar_one()


def test_the_first_write_of_an_installation_makes_the_head(org):
    db.session.execute(text("DELETE FROM audit_event"))
    db.session.execute(text("DELETE FROM audit_head"))
    record(None, "uji.pertama", "uji", aktor_label="cli")
    assert chain_head().jumlah == 1
    assert verify_chain() == (1, None)
