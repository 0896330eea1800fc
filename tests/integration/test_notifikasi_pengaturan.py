"""Pengaturan Notifikasi, the pegawai's own Surel, "Lupa kata sandi?" and the Beranda's "Perlu diperbaiki"."""

import re
from datetime import timedelta

from sqlalchemy import select

from kinerja.extensions import db
from kinerja.models import AuditEvent, Pegawai, TokenSandi
from kinerja.notifikasi import lupa_sandi, rules
from kinerja.waktu import today_local, utcnow
from tests.support.evaluasi import buat_aktivitas, buat_skp
from tests.support.factories import PASSWORD
from tests.support.smtp import Kotak

SANDI_BARU = "pohon-mangga-di-halaman-kantor"


def masuk(make_browser, pegawai):
    b = make_browser()
    assert b.login(pegawai.nip, PASSWORD).status_code == 302
    return b


def _aksi(nama):
    return db.session.execute(select(AuditEvent).where(AuditEvent.aksi == nama)).scalars().all()


# ------------------------------------------------------------------ Surel & Pengaturan Notifikasi


def test_pegawai_sets_their_own_surel(make_browser, org):
    b = masuk(make_browser, org.staf1)
    page = b.get("/akun").get_data(as_text=True)
    assert "Surel &amp; Notifikasi" in page and "belum diisi" in page
    r = b.post("/notifikasi/surel", {"surel": " Staf.Satu@BukitintanKab.go.id "})
    assert r.status_code == 302
    assert db.session.get(Pegawai, org.staf1.id).email == "staf.satu@bukitintankab.go.id"
    assert "staf.satu@bukitintankab.go.id" in b.get("/notifikasi/pengaturan").get_data(as_text=True)
    [ev] = _aksi("pegawai.surel")
    assert "staf.satu@bukitintankab.go.id" in ev.sesudah


def test_a_bad_surel_is_refused_with_a_message(make_browser, org):
    b = masuk(make_browser, org.staf1)
    r = b.post("/notifikasi/surel", {"surel": "staf satu@kantor"})
    assert r.status_code == 422
    assert "Alamat surel tidak valid" in r.get_data(as_text=True)
    assert db.session.get(Pegawai, org.staf1.id).email is None


def test_surel_and_settings_need_csrf(make_browser, org):
    b = masuk(make_browser, org.staf1)
    assert b.post("/notifikasi/surel", {"surel": "a@b.id"}, csrf=False).status_code == 400
    data = {f"saluran_{k}": "aplikasi" for k in rules.KELOMPOK}
    assert b.post("/notifikasi/pengaturan", data, csrf=False).status_code == 400
    assert db.session.get(Pegawai, org.staf1.id).email is None


def test_surel_form_changes_only_the_own_address(make_browser, org):
    """The route has no pegawai id: whoever posts changes their own address, never someone else's."""
    org.staf2.email = "staf.dua@bukitintankab.go.id"
    db.session.commit()
    b = masuk(make_browser, org.staf1)
    b.post("/notifikasi/surel", {"surel": "baru@bukitintankab.go.id", "pegawai_id": str(org.staf2.id)})
    assert db.session.get(Pegawai, org.staf2.id).email == "staf.dua@bukitintankab.go.id"
    assert db.session.get(Pegawai, org.staf1.id).email == "baru@bukitintankab.go.id"


def test_admin_without_pegawai_record_has_no_surel_to_set(make_browser, org):
    b = make_browser()
    b.login("admin", PASSWORD)
    assert b.get("/notifikasi/pengaturan").status_code == 200
    assert b.post("/notifikasi/surel", {"surel": "admin@x.id"}).status_code == 404


def test_unknown_channel_is_refused(make_browser, org):
    b = masuk(make_browser, org.staf1)
    data = {f"saluran_{k}": "aplikasi" for k in rules.KELOMPOK} | {"saluran_skp": "merpati-pos"}
    assert b.post("/notifikasi/pengaturan", data).status_code == 422


def test_settings_page_lists_every_kind_with_its_choices(make_browser, org):
    page = masuk(make_browser, org.staf1).get("/notifikasi/pengaturan").get_data(as_text=True)
    assert "Pengaturan Notifikasi" in page
    for label in rules.KELOMPOK.values():
        assert label in page
    assert "Aplikasi + ringkasan harian" in page
    assert "Pengiriman surel belum diatur oleh admin" in page


# ------------------------------------------------------------------ Lupa kata sandi?


def test_without_smtp_the_login_page_says_to_contact_the_admin(browser):
    page = browser.get("/login").get_data(as_text=True)
    assert "Lupa kata sandi? Hubungi admin kepegawaian." in page
    assert "/lupa-kata-sandi" not in page
    r = browser.post("/lupa-kata-sandi", {"identitas": "199001012015031001"})
    assert r.status_code == 200 and "Hubungi admin kepegawaian" in r.get_data(as_text=True)
    assert db.session.execute(select(TokenSandi)).first() is None


def _minta(browser, identitas):
    return browser.post("/lupa-kata-sandi", {"identitas": identitas}, follow_redirects=True)


def _tautan(msg) -> str:
    return re.search(r"http://localhost(/atur-ulang-sandi/\S+)", Kotak.isi(msg)).group(1)


def test_reset_link_by_email_works_once(make_browser, org, kotak_surel):
    org.staf1.email = "staf.satu@bukitintankab.go.id"
    db.session.commit()
    b = make_browser()
    assert 'href="/lupa-kata-sandi"' in b.get("/login").get_data(as_text=True)
    r = _minta(b, org.staf1.nip)
    assert lupa_sandi.PESAN_TERKIRIM in r.get_data(as_text=True)
    [msg] = kotak_surel.tunggu(1)
    assert msg["To"] == "staf.satu@bukitintankab.go.id"
    body = Kotak.isi(msg)
    assert "Yth. Staf Satu" in body and "hanya dapat dipakai sekali" in body and body.count("http") == 1
    tautan = _tautan(msg)
    token = tautan.rsplit("/", 1)[1]
    row = db.session.execute(select(TokenSandi)).scalar_one()
    assert token not in row.token_hash and len(row.token_hash) == 64  # only the hash is stored

    assert b.get(tautan).status_code == 200
    assert b.post(tautan, {"sandi_baru": SANDI_BARU, "ulangi_sandi": SANDI_BARU}).status_code == 302
    assert make_browser().login(org.staf1.nip, PASSWORD).status_code != 302
    assert make_browser().login(org.staf1.nip, SANDI_BARU).status_code == 302
    assert b.get(tautan).status_code == 404  # single use
    assert b.post(tautan, {"sandi_baru": SANDI_BARU + "x", "ulangi_sandi": SANDI_BARU + "x"}).status_code == 404
    assert _aksi("akun.lupa_sandi") and _aksi("akun.atur_ulang_sandi")


def test_reset_ends_the_other_sessions(make_browser, org, kotak_surel):
    org.staf1.email = "staf.satu@bukitintankab.go.id"
    db.session.commit()
    lama = masuk(make_browser, org.staf1)
    b = make_browser()
    _minta(b, org.staf1.nip)
    tautan = _tautan(kotak_surel.tunggu(1)[0])
    b.post(tautan, {"sandi_baru": SANDI_BARU, "ulangi_sandi": SANDI_BARU})
    r = lama.get("/akun")
    assert r.status_code == 302 and "/login" in r.headers["Location"]


def test_no_account_enumeration(make_browser, org, kotak_surel):
    b = make_browser()
    ada_tanpa_surel = _minta(b, org.staf2.nip).get_data(as_text=True)
    tidak_ada = _minta(b, "199912312020121001").get_data(as_text=True)
    assert lupa_sandi.PESAN_TERKIRIM in ada_tanpa_surel and lupa_sandi.PESAN_TERKIRIM in tidak_ada
    assert kotak_surel.pesan == []


def test_reset_links_are_throttled_per_account(make_browser, org, kotak_surel):
    org.staf1.email = "staf.satu@bukitintankab.go.id"
    db.session.commit()
    b = make_browser()
    for _ in range(lupa_sandi.MAKS_PER_JAM + 2):
        assert lupa_sandi.PESAN_TERKIRIM in _minta(b, org.staf1.nip).get_data(as_text=True)
    assert len(kotak_surel.tunggu(lupa_sandi.MAKS_PER_JAM)) == lupa_sandi.MAKS_PER_JAM
    assert _aksi("akun.lupa_sandi_dibatasi")


def test_reset_requests_are_throttled_per_address(make_browser, org, kotak_surel, monkeypatch):
    monkeypatch.setattr(lupa_sandi, "MAKS_IP_PER_JAM", 2)
    org.staf1.email = "staf.satu@bukitintankab.go.id"
    db.session.commit()
    b = make_browser()
    _minta(b, "199912312020121001")
    _minta(b, "199912312020121002")
    _minta(b, org.staf1.nip)  # third from this address: refused silently
    assert kotak_surel.pesan == []


def test_expired_link_is_refused(make_browser, org, kotak_surel):
    org.staf1.email = "staf.satu@bukitintankab.go.id"
    db.session.commit()
    b = make_browser()
    _minta(b, org.staf1.nip)
    tautan = _tautan(kotak_surel.tunggu(1)[0])
    row = db.session.execute(select(TokenSandi)).scalar_one()
    row.kedaluwarsa_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    r = b.get(tautan)
    assert r.status_code == 404 and "Minta tautan baru" in r.get_data(as_text=True)


def test_weak_password_is_refused_and_the_link_stays(make_browser, org, kotak_surel):
    org.staf1.email = "staf.satu@bukitintankab.go.id"
    db.session.commit()
    b = make_browser()
    _minta(b, org.staf1.nip)
    tautan = _tautan(kotak_surel.tunggu(1)[0])
    r = b.post(tautan, {"sandi_baru": "pendek", "ulangi_sandi": "pendek"})
    assert r.status_code == 422 and "minimal" in r.get_data(as_text=True)
    assert b.post(tautan, {"sandi_baru": SANDI_BARU, "ulangi_sandi": SANDI_BARU}, csrf=False).status_code == 400
    assert b.get(tautan).status_code == 200


# ------------------------------------------------------------------ Beranda: Perlu diperbaiki


def test_beranda_lists_returned_entries_with_a_link(make_browser, org):
    skp = buat_skp(org.staf1)
    a = buat_aktivitas(org.staf1, skp.rhk[0], today_local() - timedelta(days=1), status="Dikembalikan",
                       uraian="Menyusun notulen rapat koordinasi")
    a.catatan_verifikasi = "Lampirkan daftar hadir."
    db.session.commit()
    page = masuk(make_browser, org.staf1).get("/").get_data(as_text=True)
    assert "Perlu diperbaiki" in page
    assert f'href="/aktivitas/{a.id}/ubah"' in page
    assert "Menyusun notulen rapat koordinasi" in page and "Lampirkan daftar hadir." in page
    assert "Perlu diperbaiki" not in masuk(make_browser, org.staf2).get("/").get_data(as_text=True)
