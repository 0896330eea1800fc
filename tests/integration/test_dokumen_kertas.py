"""Paper size per instansi (A4 or F4/folio 215 × 330 mm) used by every document, and the kop surat
fields (issue #10 §4)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from kinerja.extensions import db
from kinerja.models import Instansi
from tests.integration.test_admin_organisasi import _instansi_form
from tests.support.factories import PASSWORD

MM = 72 / 25.4

@pytest.fixture
def admin_browser(make_browser, factory, org):
    b = make_browser()
    assert b.login("admin", PASSWORD).status_code == 302
    return b

def _ukuran(pdf: bytes) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM)) for p in PdfReader(io.BytesIO(pdf)).pages]

def test_f4_and_kop_surat_from_the_instansi_settings_reach_the_documents(admin_browser, org):
    url = f"/laporan/lkh/{org.staf1.id}/2026/3.pdf"
    assert set(_ukuran(admin_browser.get(url).data)) == {(297, 210)}  # A4 landscape by default
    r = admin_browser.post("/admin/instansi", _instansi_form(
        ukuran_kertas="F4", kode_pos="12345", telepon="(0761) 123456", surel="diskominfo@bukitintan.go.id",
        laman="https://diskominfo.bukitintan.go.id"))
    assert r.status_code == 302
    inst = db.session.query(Instansi).one()
    assert (inst.ukuran_kertas, inst.kode_pos, inst.surel) == ("F4", "12345", "diskominfo@bukitintan.go.id")
    pdf = admin_browser.get(url).data
    assert set(_ukuran(pdf)) == {(330, 215)}  # F4/folio, landscape
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Jl. Baru 1 12345" in text and "Telepon (0761) 123456" in text and "Laman https://diskominfo" in text

def test_unknown_paper_size_is_refused(admin_browser):
    r = admin_browser.post("/admin/instansi", _instansi_form(ukuran_kertas="Letter"))
    assert r.status_code == 422 and "Pilih ukuran kertas A4 atau F4." in r.get_data(as_text=True)
