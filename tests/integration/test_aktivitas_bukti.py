"""Bukti dukung uploads: allow-list by content, size limit, storage, atomicity, scoped download."""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from kinerja.aktivitas import bukti, services
from kinerja.extensions import db
from kinerja.models import Aktivitas, BuktiDukung
from kinerja.waktu import today_local
from tests.integration.test_aktivitas import form_data, login

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.fixture
def today():
    return today_local("Asia/Jakarta")


@pytest.fixture
def bukti_dir(app):
    return bukti.bukti_folder(app.config["UPLOAD_DIR"])


def _files(bukti_dir) -> set[str]:
    return set(os.listdir(bukti_dir)) if os.path.isdir(bukti_dir) else set()


def _post(browser, today, *files, htmx=True, **extra):
    data = form_data(today, **extra)
    data["bukti"] = [(io.BytesIO(content), name) for name, content in files]
    return browser.post("/aktivitas", data, htmx=htmx, content_type="multipart/form-data")


@pytest.mark.parametrize("name, content, mime", [
    ("laporan.pdf", PDF, "application/pdf"),
    ("foto kegiatan.png", PNG, "image/png"),
    ("rekap.xlsx", _xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_good_upload_is_stored_under_a_generated_name(browser, org, today, bukti_dir, name, content, mime):
    login(browser, org.staf1)
    r = _post(browser, today, (name, content))
    assert r.status_code == 200, r.get_data(as_text=True)
    bukti = db.session.execute(select(BuktiDukung)).scalar_one()
    assert (bukti.nama_asli, bukti.mime, bukti.ukuran) == (name, mime, len(content))
    assert re.fullmatch(r"[0-9a-f]{32}\.(pdf|png|xlsx)", bukti.nama_simpan)
    with open(os.path.join(bukti_dir, bukti.nama_simpan), "rb") as fh:
        assert fh.read() == content
    assert name in r.get_data(as_text=True)


def test_two_files_and_a_link(browser, org, today):
    login(browser, org.staf1)
    r = _post(browser, today, ("a.pdf", PDF), ("b.png", PNG), tautan_bukti="https://bukitintankab.go.id/berita/12")
    assert r.status_code == 200
    item = db.session.execute(select(Aktivitas)).scalar_one()
    assert [b.nama_asli for b in item.bukti] == ["a.pdf", "b.png"]
    assert item.tautan_bukti == "https://bukitintankab.go.id/berita/12"


@pytest.mark.parametrize("name, content, message", [
    ("foto.png", b"ini sebenarnya teks biasa, bukan gambar", "bukan PDF, JPG, PNG, DOCX, atau XLSX"),
    ("skrip.pdf", b"<script>alert(1)</script>", "bukan PDF"),
    ("dokumen.docx", b"PK\x03\x04 bukan zip", "bukan PDF"),
    ("besar.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "terlalu besar"),
])
def test_bad_upload_is_refused_and_nothing_is_written(browser, org, today, bukti_dir, name, content, message):
    before = _files(bukti_dir)
    login(browser, org.staf1)
    r = _post(browser, today, (name, content))
    r.request.environ["wsgi.input"].close()  # the test client spools a large body to a temporary file
    assert r.status_code == 422
    assert message in r.get_data(as_text=True)
    assert db.session.execute(select(func.count(Aktivitas.id))).scalar_one() == 0
    assert db.session.execute(select(func.count(BuktiDukung.id))).scalar_one() == 0
    assert _files(bukti_dir) == before


def test_file_is_not_written_when_a_rule_fails(browser, org, today, bukti_dir):
    before = _files(bukti_dir)
    login(browser, org.staf1)
    r = _post(browser, today, ("a.pdf", PDF), jam_mulai="10:00", jam_selesai="09:00")
    assert r.status_code == 422
    assert _files(bukti_dir) == before


def test_file_is_removed_when_the_commit_fails(factory, org, today, bukti_dir, monkeypatch):
    before = _files(bukti_dir)

    def failing_commit():
        raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(db.session, "commit", failing_commit)
    data = services.AktivitasData(today, time(8), time(9), "Uraian", "1", "berkas", "atasan")
    with pytest.raises(OperationalError):
        services.create_aktivitas(factory.akun_of(org.staf1), data, [bukti.BuktiUpload("a.pdf", PDF)], today=today)
    assert _files(bukti_dir) == before


def test_edit_adds_and_removes_files(browser, factory, org, today, bukti_dir):
    akun = factory.akun_of(org.staf1)
    data = services.AktivitasData(today, time(8), time(9), "Uraian", "1", "berkas", "atasan")
    item = services.create_aktivitas(akun, data, [bukti.BuktiUpload("lama.pdf", PDF)], today=today)
    old = item.bukti[0]
    old_path = os.path.join(bukti_dir, old.nama_simpan)
    assert os.path.isfile(old_path)
    login(browser, org.staf1)
    prefix = f"ubah{item.id}-"
    form = {prefix + k: v for k, v in form_data(today).items()}
    form[prefix + "versi"] = str(item.versi)
    form["hapus_bukti"] = str(old.id)
    form[prefix + "bukti"] = [(io.BytesIO(PNG), "baru.png")]
    r = browser.post(f"/aktivitas/{item.id}/ubah", form, htmx=True, content_type="multipart/form-data")
    assert r.status_code == 200, r.get_data(as_text=True)
    db.session.expire_all()
    saved = db.session.get(Aktivitas, item.id)
    assert [b.nama_asli for b in saved.bukti] == ["baru.png"]
    assert not os.path.exists(old_path)


def test_delete_removes_the_files(factory, org, today, bukti_dir):
    akun = factory.akun_of(org.staf1)
    data = services.AktivitasData(today, time(8), time(9), "Uraian", "1", "berkas", "atasan")
    item = services.create_aktivitas(akun, data, [bukti.BuktiUpload("a.pdf", PDF)], today=today)
    path = os.path.join(bukti_dir, item.bukti[0].nama_simpan)
    services.delete_aktivitas(akun, item.id)
    assert not os.path.exists(path)


@pytest.fixture
def uploaded(factory, org, today):
    data = services.AktivitasData(today, time(8), time(9), "Liputan kegiatan bupati", "1", "berita", "atasan")
    item = services.create_aktivitas(factory.akun_of(org.staf1), data,
                                     [bukti.BuktiUpload("Laporan Liputan.pdf", PDF)], today=today)
    return item.bukti[0]


@pytest.mark.parametrize("who", ["staf1", "kasi", "kabid", "kadis", "admin"])
def test_download_by_owner_atasan_chain_and_admin(browser, org, uploaded, who):
    login(browser, getattr(org, who))
    r = browser.get(f"/aktivitas/bukti/{uploaded.id}")
    assert r.status_code == 200
    body = r.data
    r.close()
    assert body == PDF
    assert r.headers["Content-Disposition"].startswith("attachment")
    assert "Laporan" in r.headers["Content-Disposition"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Content-Type"] == "application/pdf"
    assert "no-store" in r.headers["Cache-Control"]


@pytest.mark.parametrize("who", ["staf2", "staf3", "kabid2"])
def test_download_by_anyone_else_is_404(browser, org, uploaded, who):
    login(browser, getattr(org, who))
    assert browser.get(f"/aktivitas/bukti/{uploaded.id}").status_code == 404


def test_download_needs_login(client, uploaded):
    r = client.get(f"/aktivitas/bukti/{uploaded.id}")
    assert r.status_code == 302 and "/login" in r.headers["Location"]


def test_missing_id_is_404(browser, org):
    login(browser, org.staf1)
    assert browser.get("/aktivitas/bukti/987654").status_code == 404


def test_download_by_a_delegated_verifier(browser, org, uploaded, today):
    from datetime import timedelta

    from kinerja.models import DelegasiVerifikasi

    # kabid2 is outside staf1's chain; an admin delegation for the seksi lets them verify, and so see the evidence.
    db.session.add(DelegasiVerifikasi(unit_id=org.seksi.id, verifikator_id=org.kabid2.id, aktif=True,
                                      tanggal_mulai=today - timedelta(days=1), tanggal_selesai=today + timedelta(days=1)))
    db.session.commit()
    login(browser, org.kabid2)
    r = browser.get(f"/aktivitas/bukti/{uploaded.id}")
    assert r.status_code == 200
    r.close()
