"""Cetak Massal (C8): the admin or a pimpinan (their subtree only) prints a unit's documents for a
period as a background job; signed forms come byte-identical from the archive."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from kinerja.cetak import rules
from kinerja.dokumen import arsip
from kinerja.evaluasi import services as evaluasi_services
from kinerja.extensions import db
from kinerja.jobs.berkala_bawaan import bersihkan_hasil
from kinerja.models import AuditEvent, Pekerjaan
from kinerja.waktu import utcnow
from tests.support.evaluasi import buat_skenario, isi_realisasi, nilai, tanda_tangani
from tests.support.factories import PASSWORD


@pytest.fixture
def skenario(factory, org):
    return buat_skenario(factory, org)


def _masuk(make_browser, siapa):
    b = make_browser()
    b.login(siapa, PASSWORD)
    return b


def _mulai(b, periode_id, **data):
    form = {"periode_id": str(periode_id), "dokumen": data.pop("dokumen", ["B", "C"]), "format": "zip", **data}
    return b.post("/cetak-massal", form)


def _pekerjaan_terakhir() -> Pekerjaan:
    db.session.expire_all()
    return db.session.query(Pekerjaan).order_by(Pekerjaan.id.desc()).first()


def _zip(b, pid) -> zipfile.ZipFile:
    r = b.get(f"/cetak-massal/{pid}/unduh")
    data = r.data
    r.close()
    assert r.status_code == 200 and r.mimetype == "application/zip"
    return zipfile.ZipFile(io.BytesIO(data))


def test_admin_prints_a_unit_as_zip_with_signed_forms_byte_identical(skenario, factory, make_browser):
    org = skenario.org
    ev = skenario.ev["staf1"]
    evaluasi_services.set_capaian_organisasi(skenario.akun(org.kabid), org.seksi.id, skenario.periode.id, "Baik")
    isi_realisasi(factory, ev)
    nilai(factory, ev)
    tanda_tangani(factory, ev)
    db.session.expire_all()
    ev = db.session.get(type(ev), ev.id)
    b = _masuk(make_browser, "admin")
    r = _mulai(b, skenario.periode.id, unit_id=str(org.seksi.id), sub_unit="y")
    p = _pekerjaan_terakhir()
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/cetak-massal/{p.id}")
    assert p.status == "selesai" and p.jenis == "cetak.massal" and (p.selesai_n, p.total) == (6, 6)
    html = b.get(f"/cetak-massal/{p.id}").get_data(as_text=True)
    assert "6 dari 6" in html and "Unduh cetak-massal-semester-i-" in html
    zf = _zip(b, p.id)
    names = sorted(zf.namelist())
    staf1 = org.staf1
    assert f"{staf1.nip}-staf-satu-evaluasi.pdf" in names and f"{staf1.nip}-staf-satu-dokumen-evaluasi.pdf" in names
    assert len(names) == 6 and all(n.endswith(".pdf") for n in names)
    # Signed: exactly the archived bytes the QR code's /v/<kode> page verifies.
    assert zf.read(f"{staf1.nip}-staf-satu-evaluasi.pdf") == arsip.baca(ev.dokumen_b_berkas)
    assert zf.read(f"{staf1.nip}-staf-satu-dokumen-evaluasi.pdf") == arsip.baca(ev.dokumen_c_berkas)
    assert db.session.query(AuditEvent).filter_by(aksi="cetak_massal.mulai", objek_id=str(p.id)).count() == 1
    assert db.session.query(AuditEvent).filter_by(aksi="baca.cetak_massal", objek_id=str(p.id)).count() == 1


def test_merged_pdf_has_a_table_of_contents_and_bookmarks(skenario, make_browser):
    org = skenario.org
    b = _masuk(make_browser, "admin")
    _mulai(b, skenario.periode.id, unit_id=str(org.seksi.id), dokumen=["B", "SKP"], format="pdf")
    p = _pekerjaan_terakhir()
    assert p.status == "selesai", p.galat
    r = b.get(f"/cetak-massal/{p.id}/unduh")
    data = r.data
    r.close()
    assert r.mimetype == "application/pdf" and p.nama_hasil.endswith(".pdf")
    pdf = PdfReader(io.BytesIO(data))
    assert "DAFTAR ISI" in pdf.pages[0].extract_text()
    judul = [o.title for o in pdf.outline if not isinstance(o, list)]  # (a list = the bookmarks inside one document)
    assert judul[0] == "Daftar Isi" and len(judul) == 7  # 3 pegawai × (B + SKP) + the contents
    assert any("Staf Satu" in t and "Form B" in t for t in judul)


def test_lkh_of_a_month(skenario, make_browser):
    org = skenario.org
    b = _masuk(make_browser, "admin")
    r = _mulai(b, skenario.periode.id, unit_id=str(org.seksi.id), dokumen=["LKH"])
    assert r.status_code == 422 and "Pilih bulan LKH yang dicetak." in r.get_data(as_text=True)
    _mulai(b, skenario.periode.id, unit_id=str(org.seksi.id), dokumen=["LKH"], bulan="3")
    p = _pekerjaan_terakhir()
    names = _zip(b, p.id).namelist()
    assert f"{org.staf1.nip}-staf-satu-lkh-03.pdf" in names and len(names) == 3


def test_a_pimpinan_prints_only_their_subtree(skenario, factory, make_browser):
    org = skenario.org
    b = _masuk(make_browser, org.kabid.nip)
    r = _mulai(b, skenario.periode.id, unit_id=str(org.bidang2.id))
    assert r.status_code == 422 and "Pilih unit kerja yang tersedia." in r.get_data(as_text=True)
    page = b.get("/cetak-massal").get_data(as_text=True)
    assert "Bidang Uji" in page and "Bidang Lain" not in page and "Seluruh unit saya" in page
    _mulai(b, skenario.periode.id, dokumen=["B"])
    p = _pekerjaan_terakhir()
    names = _zip(b, p.id).namelist()
    assert p.hasil["dilewati"] == [], p.hasil
    assert {n.split("-")[0] for n in names} == {org.kabid.nip, org.kasi.nip, org.staf1.nip, org.staf2.nip}


def test_who_may_use_it(skenario, make_browser):
    org = skenario.org
    assert _masuk(make_browser, org.staf1.nip).get("/cetak-massal").status_code == 403
    b = _masuk(make_browser, org.kabid.nip)
    _mulai(b, skenario.periode.id, dokumen=["B"])
    p = _pekerjaan_terakhir()
    lain = _masuk(make_browser, org.kabid2.nip)
    for url in (f"/cetak-massal/{p.id}", f"/cetak-massal/{p.id}/unduh"):
        assert lain.get(url).status_code == 404
    assert lain.post(f"/cetak-massal/{p.id}/batal").status_code == 404
    assert _masuk(make_browser, "admin").get(f"/cetak-massal/{p.id}").status_code == 200
    assert b.post("/cetak-massal", {"periode_id": str(skenario.periode.id), "dokumen": "B"}, csrf=False).status_code == 400


def test_progress_is_polled_until_the_end_and_a_queued_print_can_be_cancelled(skenario, make_browser, monkeypatch):
    from kinerja.jobs import layanan

    monkeypatch.setattr(layanan, "_serahkan", lambda item, pid: False)  # the queue is down: stays queued
    b = _masuk(make_browser, "admin")
    _mulai(b, skenario.periode.id)
    p = _pekerjaan_terakhir()
    assert p.status == "antre"
    frag = b.get(f"/cetak-massal/{p.id}", htmx=True).get_data(as_text=True)
    assert 'hx-trigger="every 1s"' in frag and "Menunggu giliran" in frag and "Batalkan" in frag
    r = b.post(f"/cetak-massal/{p.id}/batal")
    assert r.status_code == 302
    frag = b.get(f"/cetak-massal/{p.id}", htmx=True).get_data(as_text=True)
    assert "dibatalkan" in frag and "hx-trigger" not in frag
    assert _pekerjaan_terakhir().status == "dibatalkan"
    again = b.post(f"/cetak-massal/{p.id}/batal", follow_redirects=True).get_data(as_text=True)
    assert "sudah berakhir; tidak ada yang dibatalkan" in again
    assert db.session.query(AuditEvent).filter_by(aksi="cetak_massal.batal", objek_id=str(p.id)).count() == 1


def test_the_result_is_kept_seven_days_then_removed(skenario, app, make_browser):
    org = skenario.org
    b = _masuk(make_browser, "admin")
    _mulai(b, skenario.periode.id, unit_id=str(org.seksi.id), sub_unit="", dokumen=["B"])
    p = _pekerjaan_terakhir()
    path = Path(app.config["UPLOAD_DIR"]) / p.berkas_hasil
    assert path.is_file()
    assert timedelta(days=6, hours=23) < p.kedaluwarsa_at - utcnow() <= timedelta(days=rules.SIMPAN_HARI)
    assert len(_zip(b, p.id).namelist()) == 3  # Seksi Uji alone: kasi, staf1, staf2
    p.kedaluwarsa_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert b.get(f"/cetak-massal/{p.id}/unduh").status_code == 404
    assert bersihkan_hasil() == 1
    assert not path.exists()
    assert "sudah dihapus" in b.get(f"/cetak-massal/{p.id}").get_data(as_text=True)


def test_print_evaluations_cli(skenario, runner, tmp_path):
    org = skenario.org
    out = tmp_path / "cetak.zip"
    r = runner.invoke(args=["print-evaluations", "--periode", str(skenario.periode.id), "--unit", str(org.seksi.id),
                            "--dokumen", "B", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "3 dokumen untuk 3 pegawai" in r.output
    assert len(zipfile.ZipFile(out).namelist()) == 3
    r = runner.invoke(args=["print-evaluations", "--periode", str(skenario.periode.id), "--dokumen", "X",
                            "--out", str(out)])
    assert r.exit_code != 0 and "Dokumen tidak dikenal: X" in r.output
