"""The audit trail reads like a ledger (issue #15): names beside NIPs, Indonesian event names, before →
after, and a search that finds words anywhere in the event."""

from __future__ import annotations

from kinerja.audit.services import record
from kinerja.extensions import db
from tests.support.factories import PASSWORD


def _admin(make_browser):
    b = make_browser()
    assert b.login("admin", PASSWORD).status_code == 302
    return b


def test_the_ledger_reads_in_words(make_browser, org, factory):
    akun = factory.akun_of(org.staf1)
    record(akun, "aktivitas.setujui", "aktivitas", 77, sebelum={"status": "Diajukan"},
           sesudah={"status": "Disetujui", "catatan": "Bukti lengkap"})
    db.session.flush()
    html = _admin(make_browser).get("/admin/audit/").get_data(as_text=True)
    assert "Aktivitas disetujui" in html and "Login berhasil" in html  # the admin's own login
    assert org.staf1.nama in html  # the name beside the NIP
    assert "<del>Diajukan</del> &rarr; <ins>Disetujui</ins>" in html and "<ins>Bukti lengkap</ins>" in html


def test_search_finds_words_anywhere(make_browser, org, factory):
    akun = factory.akun_of(org.staf1)
    record(akun, "aktivitas.setujui", "aktivitas", 77, sesudah={"catatan": "Dokumentasi rapat koordinasi"})
    db.session.flush()
    admin = _admin(make_browser)
    for q in ("koordinasi", "disetujui", org.staf1.nama.split()[-1], "RAPAT dokumentasi"):
        html = admin.get("/admin/audit/", query_string={"q": q}).get_data(as_text=True)
        assert "Dokumentasi rapat koordinasi" in html, q
    html = admin.get("/admin/audit/", query_string={"q": "koordinasi tidakadadimanapun"}).get_data(as_text=True)
    assert "Tidak ada kejadian yang cocok" in html
