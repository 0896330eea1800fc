"""Kegiatan rutin (issue #15): keep an entry as a routine, add it to a day with one click, manage the list.
Routines are private to their owner (another pegawai's routine is 404), every POST needs CSRF."""

from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy import func, select

from kinerja.extensions import db
from kinerja.models import Aktivitas, AuditEvent, KegiatanRutin
from kinerja.waktu import today_local
from tests.integration.test_aktivitas import add_entry, approved_skp, login


@pytest.fixture
def today():
    return today_local("Asia/Jakarta")


def _rutin(pegawai, rhk=None, mulai=time(7, 30), selesai=time(8, 0), uraian="Apel pagi") -> KegiatanRutin:
    item = KegiatanRutin(pegawai_id=pegawai.id, jam_mulai=mulai, jam_selesai=selesai, uraian=uraian, volume=1,
                         satuan="kegiatan", rhk_id=rhk.id if rhk else None, tugas_atasan=rhk is None)
    db.session.add(item)
    db.session.flush()
    return item


def _jumlah(model, **where) -> int:
    stmt = select(func.count(model.id))
    for key, value in where.items():
        stmt = stmt.where(getattr(model, key) == value)
    return db.session.execute(stmt).scalar_one()


def test_entry_becomes_a_routine_and_shows_on_the_day(browser, org, today):
    rhk = approved_skp(org.staf1, today.year)
    entry = add_entry(org.staf1, today, time(7, 30), 30, rhk=rhk[0], uraian="Apel pagi")
    login(browser, org.staf1)
    r = browser.post(f"/aktivitas/{entry.id}/rutin", {}, htmx=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "disimpan sebagai kegiatan rutin" in html
    item = db.session.execute(select(KegiatanRutin).where(KegiatanRutin.pegawai_id == org.staf1.id)).scalar_one()
    assert (item.jam_mulai, item.jam_selesai, item.uraian, item.rhk_id, item.satuan) == (
        time(7, 30), time(8, 0), "Apel pagi", rhk[0].id, "berita")
    assert "+ 07:30–08:00 Apel pagi" in html  # the one-click button on the day
    assert _jumlah(AuditEvent, aksi="kegiatan_rutin.buat") == 1
    # The same routine twice is refused with a message.
    r = browser.post(f"/aktivitas/{entry.id}/rutin", {}, htmx=True)
    assert r.status_code == 422 and "sudah ada di kegiatan rutin" in r.get_data(as_text=True)


def test_one_click_adds_the_routine_to_the_day(browser, org, today):
    rhk = approved_skp(org.staf1, today.year)
    rutin = _rutin(org.staf1, rhk[0])
    login(browser, org.staf1)
    r = browser.post(f"/aktivitas/rutin/{rutin.id}/pakai", {"tanggal": today.isoformat()}, htmx=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 200, html[:1500]
    assert 'id="form-aktivitas"' in html and "Kegiatan rutin ditambahkan" in html
    assert "aktivitasTersimpan" in r.headers["HX-Trigger"]
    item = db.session.execute(select(Aktivitas).where(Aktivitas.pegawai_id == org.staf1.id)).scalar_one()
    assert (item.tanggal, item.jam_mulai, item.jam_selesai, item.rhk_id, item.status) == (
        today, time(7, 30), time(8, 0), rhk[0].id, "Draft")
    # Jam Mulai of the next entry follows on from the routine.
    assert 'value="08:00"' in html
    # Twice on one day: the overlap rule names the routine, nothing is written, the message goes to the list.
    r = browser.post(f"/aktivitas/rutin/{rutin.id}/pakai", {"tanggal": today.isoformat()}, htmx=True)
    assert r.status_code == 422
    assert r.headers["HX-Retarget"] == "#daftar-aktivitas"
    assert "07:30–08:00 Apel pagi: Waktu ini bertumpang tindih" in r.get_data(as_text=True)
    assert _jumlah(Aktivitas, pegawai_id=org.staf1.id) == 1


def test_without_javascript_the_routine_redirects_to_the_day(browser, org, today):
    rutin = _rutin(org.staf1)
    login(browser, org.staf1)
    r = browser.post(f"/aktivitas/rutin/{rutin.id}/pakai", {"tanggal": today.isoformat()})
    assert r.status_code == 302 and f"tanggal={today.isoformat()}" in r.headers["Location"]
    assert _jumlah(Aktivitas, pegawai_id=org.staf1.id, tugas_atasan=True) == 1


def test_manage_list_and_delete(browser, org, today):
    rutin = _rutin(org.staf1)
    _rutin(org.staf2, uraian="Rutin rekan")
    login(browser, org.staf1)
    html = browser.get("/aktivitas/rutin").get_data(as_text=True)
    assert "Apel pagi" in html and "Rutin rekan" not in html
    r = browser.post(f"/aktivitas/rutin/{rutin.id}/hapus", {}, htmx=True)
    assert r.status_code == 200 and "Kegiatan rutin dihapus." in r.get_data(as_text=True)
    assert _jumlah(KegiatanRutin, pegawai_id=org.staf1.id) == 0
    assert _jumlah(AuditEvent, aksi="kegiatan_rutin.hapus") == 1


def test_another_pegawais_routine_or_entry_is_404(browser, org, today):
    rutin = _rutin(org.staf2)
    entry = add_entry(org.staf2, today, time(9), 30)
    login(browser, org.staf1)
    assert browser.post(f"/aktivitas/rutin/{rutin.id}/pakai", {"tanggal": today.isoformat()}).status_code == 404
    assert browser.post(f"/aktivitas/rutin/{rutin.id}/hapus", {}).status_code == 404
    assert browser.post(f"/aktivitas/{entry.id}/rutin", {}).status_code == 404
    assert _jumlah(KegiatanRutin) == 1 and _jumlah(Aktivitas, pegawai_id=org.staf1.id) == 0


def test_missing_csrf_is_refused(browser, org, today):
    rutin = _rutin(org.staf1)
    entry = add_entry(org.staf1, today, time(9), 30)
    login(browser, org.staf1)
    for url in (f"/aktivitas/rutin/{rutin.id}/pakai", f"/aktivitas/rutin/{rutin.id}/hapus", f"/aktivitas/{entry.id}/rutin"):
        assert browser.post(url, {"tanggal": today.isoformat()}, csrf=False).status_code == 400, url
    assert _jumlah(KegiatanRutin) == 1 and _jumlah(Aktivitas) == 1


def test_admin_without_pegawai_gets_403(browser, org):
    login(browser, org.admin)
    assert browser.get("/aktivitas/rutin").status_code == 403
