"""Panduan: the guide's pages, the "Bantuan" link of every page, the screenshots it shows, the checklist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kinerja.extensions import db
from kinerja.models import AuditEvent, PreferensiPanduan
from kinerja.panduan import isi
from kinerja.waktu import utcnow
from tests.support.evaluasi import buat_aktivitas, buat_skp
from tests.support.factories import PASSWORD

STATIC = Path(__file__).resolve().parents[2] / "static"


@pytest.mark.parametrize("slug", [b.slug for b in isi.BAGIAN])
def test_every_section_renders_with_its_screenshots(browser, org, slug):
    browser.login(org.staf1.nip, PASSWORD)
    r = browser.get(f"/panduan/{slug}")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and isi.BAGIAN_PER_SLUG[slug].judul in html
    for src in re.findall(r'src="/static/panduan/([^"?]+)(?:\?v=[0-9a-f]{12})?"', html):  # ?v=: fingerprint (#17)
        assert (STATIC / "panduan" / src).is_file(), f"gambar panduan {src} belum dibuat (make panduan-screenshots)"


def test_every_screenshot_is_used_small_and_present():
    used = set()
    for b in isi.BAGIAN:
        text = (STATIC.parent / "templates" / "panduan" / "bagian" / f"{b.slug}.html").read_text()
        used |= set(re.findall(r'gambar\("([^"]+)"', text))
    assert used == set(isi.GAMBAR)
    for nama in isi.GAMBAR:
        path = STATIC / "panduan" / f"{nama}.png"
        assert path.is_file(), f"{path} belum dibuat: jalankan make panduan-screenshots"
        assert path.stat().st_size < 150 * 1024


def test_index_and_unknown_section(browser, org):
    assert browser.get("/panduan").status_code == 302  # login first
    browser.login("admin", PASSWORD)
    html = browser.get("/panduan").get_data(as_text=True)
    assert all(b.judul in html for b in isi.BAGIAN)
    assert browser.get("/panduan/tidak-ada").status_code == 404


@pytest.mark.parametrize("url, slug", [("/aktivitas", "aktivitas-harian"), ("/verifikasi/", "verifikasi"),
                                       ("/dialog/diikuti", "dialog"), ("/", "mulai"), ("/pengumuman", "pengumuman"),
                                       ("/akun", "mulai"), ("/evaluasi/", "evaluasi")])
def test_pages_link_to_their_guide_section(browser, org, url, slug):
    browser.login(org.kasi.nip, PASSWORD)
    html = browser.get(url).get_data(as_text=True)
    assert f'<a href="/panduan/{slug}">Bantuan</a>' in html


def test_guide_and_public_pages_have_no_bantuan_link(browser, org):
    assert "Bantuan</a>" not in browser.get("/login").get_data(as_text=True)
    browser.login(org.kasi.nip, PASSWORD)
    assert "Bantuan</a>" not in browser.get("/panduan/skp").get_data(as_text=True)


def test_checklist_follows_the_data_and_can_be_dismissed(browser, org, factory):
    browser.login(org.staf1.nip, PASSWORD)
    html = browser.get("/").get_data(as_text=True)
    assert "Langkah Pertama" in html and "Buat SKP tahun ini" in html
    assert 'text-bg-success">Selesai' not in html  # nothing done yet (the factory's pegawai has no jabatan)
    skp = buat_skp(org.staf1)
    buat_aktivitas(org.staf1, skp.rhk[0], utcnow().date())
    akun = factory.akun_of(org.staf1)
    akun.sandi_diganti_at = utcnow()
    org.staf1.jabatan = factory.jabatan("Pranata Komputer")
    db.session.flush()
    assert "Langkah Pertama" not in browser.get("/").get_data(as_text=True)  # every step done: gone


def test_checklist_dismissal(browser, org):
    browser.login(org.staf2.nip, PASSWORD)
    assert "Langkah Pertama" in browser.get("/").get_data(as_text=True)
    assert browser.post("/panduan/daftar-periksa/tutup", csrf=False).status_code == 400
    assert browser.post("/panduan/daftar-periksa/tutup").status_code == 302
    assert "Langkah Pertama" not in browser.get("/").get_data(as_text=True)
    assert db.session.execute(select(func.count(PreferensiPanduan.akun_id))).scalar_one() == 1
    assert db.session.execute(select(func.count(AuditEvent.id)).where(
        AuditEvent.aksi == "panduan.tutup_daftar_periksa")).scalar_one() == 1


def test_admin_checklist(browser, org):
    browser.login("admin", PASSWORD)
    html = browser.get("/").get_data(as_text=True)
    assert "Siapkan tahun kinerja dan periode penilaian" in html
    assert "Buat SKP tahun ini" not in html
