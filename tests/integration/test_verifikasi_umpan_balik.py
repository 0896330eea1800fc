"""Umpan balik: the entry's detail page and its comment thread."""

from __future__ import annotations

import pytest

from kinerja.extensions import db
from kinerja.models import AuditEvent, KomentarAktivitas, Notifikasi
from tests.integration.test_verifikasi import buat_aktivitas, masuk


@pytest.fixture
def a(org):
    item = buat_aktivitas(org.staf1, uraian="Menyusun dokumen arsitektur aplikasi")
    db.session.commit()
    return item


@pytest.mark.parametrize("who, status", [
    ("staf1", 200), ("kasi", 200), ("kabid", 200), ("kadis", 200), ("admin", 200),
    ("staf2", 404), ("kabid2", 404), ("staf3", 404),
])
def test_detail_visible_to_pegawai_chain_and_admin(make_browser, org, a, who, status):
    b = masuk(make_browser, "admin" if who == "admin" else getattr(org, who))
    r = b.get(f"/verifikasi/aktivitas/{a.id}")
    assert r.status_code == status
    if status == 200:
        assert "Menyusun dokumen arsitektur aplikasi" in r.get_data(as_text=True)


def test_detail_shows_verify_form_only_to_the_verifier(make_browser, org, a):
    assert ">Setujui</button>" in masuk(make_browser, org.kasi).get(f"/verifikasi/aktivitas/{a.id}").get_data(as_text=True)
    for who in (org.kabid, org.staf1):
        html = masuk(make_browser, who).get(f"/verifikasi/aktivitas/{a.id}").get_data(as_text=True)
        assert ">Setujui</button>" not in html


def test_atasan_comment_notifies_the_pegawai_and_pegawai_reply_notifies_atasan(make_browser, factory, org, a):
    kasi = masuk(make_browser, org.kasi)
    r = kasi.post(f"/verifikasi/aktivitas/{a.id}/komentar", {"isi": "Tambahkan diagram alur data."}, htmx=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and 'id="umpan-balik"' in html and "<html" not in html
    assert "Tambahkan diagram alur data." in html and "Kepala Seksi Uji" in html
    assert "HX-Request" in r.headers["Vary"]
    notif = db.session.query(Notifikasi).filter_by(penerima_id=factory.akun_of(org.staf1).id).one()
    assert "umpan balik" in notif.pesan and notif.tautan == f"/verifikasi/aktivitas/{a.id}"

    staf = masuk(make_browser, org.staf1)
    r = staf.post(f"/verifikasi/aktivitas/{a.id}/komentar", {"isi": "Baik, sudah saya tambahkan."})
    assert r.status_code == 303
    page = staf.get(r.headers["Location"]).get_data(as_text=True)
    assert "Baik, sudah saya tambahkan." in page and "Tambahkan diagram alur data." in page
    assert db.session.query(Notifikasi).filter_by(penerima_id=factory.akun_of(org.kasi).id).count() == 1
    assert db.session.query(AuditEvent).filter_by(aksi="aktivitas.komentar").count() == 2


def test_higher_atasan_may_comment(make_browser, org, a):
    r = masuk(make_browser, org.kadis).post(f"/verifikasi/aktivitas/{a.id}/komentar", {"isi": "Bagus."}, htmx=True)
    assert r.status_code == 200
    assert db.session.query(KomentarAktivitas).filter_by(aktivitas_id=a.id).count() == 1


def test_empty_comment_is_422(make_browser, org, a):
    r = masuk(make_browser, org.kasi).post(f"/verifikasi/aktivitas/{a.id}/komentar", {"isi": "   "}, htmx=True)
    assert r.status_code == 422 and "Tulis umpan balik terlebih dahulu." in r.get_data(as_text=True)
    assert db.session.query(KomentarAktivitas).count() == 0


@pytest.mark.parametrize("who, status", [("staf2", 404), ("kabid2", 404), ("admin", 403)])
def test_others_cannot_comment(make_browser, org, a, who, status):
    b = masuk(make_browser, "admin" if who == "admin" else getattr(org, who))
    assert b.post(f"/verifikasi/aktivitas/{a.id}/komentar", {"isi": "Halo"}).status_code == status
    assert db.session.query(KomentarAktivitas).count() == 0


def test_detail_fragment_and_full_page(make_browser, org, a):
    b = masuk(make_browser, org.staf1)
    full = b.get(f"/verifikasi/aktivitas/{a.id}").get_data(as_text=True)
    frag = b.get(f"/verifikasi/aktivitas/{a.id}", htmx=True).get_data(as_text=True)
    assert "<html" in full and "Tulis umpan balik" in full
    assert "<html" not in frag and 'id="umpan-balik"' in frag


def test_detail_shows_status_history(make_browser, factory, org, a):
    from kinerja.verifikasi.services import approve_aktivitas

    approve_aktivitas(factory.akun_of(org.kasi), a.id)
    html = masuk(make_browser, org.staf1).get(f"/verifikasi/aktivitas/{a.id}").get_data(as_text=True)
    assert "aktivitas.setujui" in html and "Disetujui oleh" in html
