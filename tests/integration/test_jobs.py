"""Background jobs (kinerja.jobs) in immediate mode: a job row records every request, its progress,
result, error, retries and cancellation; the admin sees them all."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kinerja.extensions import db
from kinerja.jobs import Konteks, antrekan, minta_batal, pulihkan, tugas
from kinerja.jobs.antrian import huey
from kinerja.models import Pekerjaan
from tests.support.factories import PASSWORD

DIJALANKAN: list[int] = []


@tugas("uji.tambah", judul="Uji tambah")
def _tambah(konteks: Konteks, *, a: int, b: int) -> dict:
    DIJALANKAN.append(konteks.id)
    konteks.mulai(3)
    for _ in range(3):
        konteks.maju()
    return {"jumlah": a + b}


@tugas("uji.gagal", retries=0)
def _gagal(konteks: Konteks, **_):
    raise ValueError("berkas sumber tidak ada")


@tugas("uji.gagal_ulang", retries=2, retry_delay=60)
def _gagal_ulang(konteks: Konteks, **_):
    raise RuntimeError("server surel sibuk")


@tugas("uji.batal")
def _batal_sendiri(konteks: Konteks, **_):
    konteks.mulai(10)
    konteks.maju()
    minta_batal(konteks.id)
    for _ in range(9):
        konteks.maju()


def _baris(pid: int) -> Pekerjaan:
    db.session.expire_all()
    return db.session.get(Pekerjaan, pid)


def test_a_job_runs_and_records_progress_and_result(factory):
    admin = factory.admin()
    p = antrekan("uji.tambah", {"a": 2, "b": 3}, peminta=admin)
    row = _baris(p.id)
    assert (row.status, row.selesai_n, row.total, row.hasil) == ("selesai", 3, 3, {"jumlah": 5})
    assert row.peminta_id == admin.id and row.params == {"a": 2, "b": 3} and row.percobaan == 1
    assert row.mulai_at and row.selesai_at and row.diantrekan_at and row.galat is None


def test_same_idempotency_key_gives_the_same_job_once():
    DIJALANKAN.clear()
    p1 = antrekan("uji.tambah", {"a": 1, "b": 1}, kunci="uji:satu")
    p2 = antrekan("uji.tambah", {"a": 1, "b": 1}, kunci="uji:satu")
    assert p1.id == p2.id and DIJALANKAN == [p1.id]


def test_failure_is_recorded_with_the_error():
    p = antrekan("uji.gagal")
    row = _baris(p.id)
    assert row.status == "gagal" and "ValueError: berkas sumber tidak ada" in row.galat and row.selesai_at


def test_a_failure_with_retries_left_goes_back_to_the_queue_with_backoff():
    p = antrekan("uji.gagal_ulang")
    row = _baris(p.id)
    assert row.status == "antre" and "server surel sibuk" in row.galat and row.percobaan == 1
    # huey holds the retry in its schedule (60 s, then doubled): not lost, not run at once.
    terjadwal = huey.scheduled()
    assert any(t.args == (p.id,) and t.retry_delay == 120 for t in terjadwal)


def test_a_failed_job_with_a_key_runs_again_when_asked_again():
    p1 = antrekan("uji.gagal", kunci="uji:ulang")
    assert _baris(p1.id).status == "gagal"
    p2 = antrekan("uji.gagal", kunci="uji:ulang")
    assert p2.id == p1.id and _baris(p1.id).percobaan == 1


def test_cancel_stops_a_running_job_at_its_next_step():
    p = antrekan("uji.batal")
    row = _baris(p.id)
    assert row.status == "dibatalkan" and row.hasil_json is None and row.selesai_at  # checked at most every 0.5 s


def test_a_queued_job_is_never_lost_when_the_queue_is_unreachable(monkeypatch):
    from kinerja.jobs.layanan import _TUGAS

    item = _TUGAS["uji.tambah"]

    def mati(*_a, **_k):
        raise ConnectionError("Redis tidak terjangkau")

    monkeypatch.setattr(type(item.huey_task), "__call__", mati)
    p = antrekan("uji.tambah", {"a": 4, "b": 4})
    row = _baris(p.id)
    assert row.status == "antre" and row.diantrekan_at is None
    monkeypatch.undo()
    assert pulihkan() == 1
    assert _baris(p.id).status == "selesai" and _baris(p.id).hasil == {"jumlah": 8}


def test_unknown_kind_is_refused():
    with pytest.raises(KeyError):
        antrekan("uji.tidak-ada")


def test_admin_page_lists_jobs_with_status_and_error(factory, make_browser, count_queries):
    factory.admin()
    antrekan("uji.tambah", {"a": 1, "b": 2})
    antrekan("uji.gagal")
    b = make_browser()
    b.login("admin", PASSWORD)
    html = b.get("/admin/pekerjaan").get_data(as_text=True)
    assert "Uji tambah" in html and "3 dari 3" in html
    assert "ValueError: berkas sumber tidak ada" in html and "gagal" in html
    html = b.get("/admin/pekerjaan?status=gagal").get_data(as_text=True)
    assert "berkas sumber tidak ada" in html and "Uji tambah" not in html
    with count_queries() as sedikit:
        b.get("/admin/pekerjaan")
    for i in range(5):
        antrekan("uji.tambah", {"a": i, "b": i}, peminta=factory.admin(f"admin{i}"))
    with count_queries() as banyak:
        b.get("/admin/pekerjaan")
    assert banyak.count == sedikit.count + 1 <= 12  # +1: the requesters' accounts (selectinload)


def test_admin_page_is_for_the_admin_only(org, make_browser):
    b = make_browser()
    b.login(org.staf1.nip, PASSWORD)
    assert b.get("/admin/pekerjaan").status_code == 403


def test_rows_are_listed_newest_first():
    a = antrekan("uji.tambah", {"a": 0, "b": 0})
    b = antrekan("uji.tambah", {"a": 0, "b": 1})
    ids = db.session.scalars(select(Pekerjaan.id).order_by(Pekerjaan.created_at.desc(), Pekerjaan.id.desc())).all()
    assert ids[:2] == [b.id, a.id]


def test_another_app_in_the_same_process_does_not_steal_the_queue(app, tmp_path):
    """Found in integration: building a second app (a production configuration, as the config tests
    do) re-pointed the process-wide queue at its SQLite file, so this app's jobs never ran."""
    from kinerja import create_app
    from kinerja.config import TestConfig

    create_app(TestConfig, JOBS_IMMEDIATE=False, JOBS_SQLITE_PATH=str(tmp_path / "antrian-lain.db"),
               SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/lain.db")
    p = antrekan("uji.tambah", {"a": 1, "b": 1})
    assert _baris(p.id).status == "selesai"
