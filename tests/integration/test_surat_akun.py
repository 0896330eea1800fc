"""Surat akun after an import (issue #15): one PDF page per new pegawai with NIP, a temporary password
and the first-login steps; the password must be changed at first login; made once, not stored."""

from __future__ import annotations

import io
import json
import re

from pypdf import PdfReader

from kinerja.extensions import db
from kinerja.models import Akun, AuditEvent
from tests.support.factories import PASSWORD


def _baru(factory, org, nama):
    p = factory.pegawai(nama, atasan=org.kasi, unit=org.seksi)
    akun = factory.akun_of(p)
    akun.password_hash = "scrypt:32768:8:1$garam$!" + "0" * 64  # as the import leaves it: no password matches
    akun.harus_ganti_sandi, akun.terakhir_masuk = True, None
    db.session.flush()
    return p


def _admin(make_browser):
    b = make_browser()
    assert b.login("admin", PASSWORD).status_code == 302
    return b


def test_admin_prints_one_page_per_new_pegawai_once(make_browser, factory, org):
    satu, dua = _baru(factory, org, "Pegawai Baru Satu"), _baru(factory, org, "Pegawai Baru Dua")
    admin = _admin(make_browser)
    assert "Cetak Surat Akun (2 pegawai)" in admin.get("/admin/impor").get_data(as_text=True)
    assert admin.post("/admin/impor/surat-akun", csrf=False).status_code == 400
    staf = make_browser()
    assert staf.login(org.staf1.nip, PASSWORD).status_code == 302
    assert staf.post("/admin/impor/surat-akun").status_code == 403
    r = admin.post("/admin/impor/surat-akun")
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/pdf"
    assert r.headers["Cache-Control"] == "no-store" and "attachment" in r.headers["Content-Disposition"]
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(r.data)).pages]
    assert len(pages) == 2
    by_nama = {("Satu" if "Baru Satu" in t else "Dua"): t for t in pages}
    for p, key in ((satu, "Satu"), (dua, "Dua")):
        teks = by_nama[key]
        assert "Langkah masuk pertama kali" in teks and "kata sandi baru" in teks
        sandi = re.search(r"Kata sandi sementara (\S+)", teks).group(1)
        b = make_browser()
        assert b.login(p.nip, sandi).status_code == 302  # the printed password works ...
        assert db.session.query(Akun).filter_by(pegawai_id=p.id).one().harus_ganti_sandi  # ... once, then changed
    event = db.session.query(AuditEvent).filter_by(aksi="akun.surat_akun").one()
    assert json.loads(event.sesudah)["jumlah"] == 2 and PASSWORD not in (event.sesudah or "")
    # generated once: the same pegawai are not printed again
    r = admin.post("/admin/impor/surat-akun")
    assert r.status_code == 302
    assert "Cetak Surat Akun" not in admin.get("/admin/impor").get_data(as_text=True)
