"""Evaluasi pages: access by role, CSRF, htmx preview, PDFs (forms B and C), /v/<kode>, query budgets."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from kinerja.evaluasi import queries, rules, services
from kinerja.extensions import db
from tests.support.evaluasi import (
    A,
    S,
    buat_skenario,
    buat_skp,
    isi_realisasi,
    nilai,
    tanda_tangani,
    tetapkan_capaian,
)
from tests.support.factories import PASSWORD


@pytest.fixture
def skenario(factory, org):
    return buat_skenario(factory, org)


def login(make_browser, who):
    b = make_browser()
    if who is None:
        return b
    ident = who if isinstance(who, str) else who.nip
    r = b.login(ident, PASSWORD)
    assert r.status_code == 302
    return b


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def signed(skenario, factory):
    ev = skenario.ev["staf1"]
    services.set_capaian_organisasi(skenario.akun(skenario.org.kabid), skenario.org.seksi.id, skenario.periode.id, "Baik")
    isi_realisasi(factory, ev)
    nilai(factory, ev)
    tanda_tangani(factory, ev)
    return ev


# ------------------------------------------------------------------ access

ROLES = {  # who → can see staf1's evaluation
    "staf1": True, "kasi": True, "kabid": True, "kadis": True, "admin": True,
    "staf2": False, "staf3": False, "kabid2": False,
}


def _who(org, role):
    return "admin" if role == "admin" else getattr(org, role)


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("path", ["", "/tanda-tangan", "/keberatan", "/cetak/dokumen", "/cetak/evaluasi"])
def test_access_to_an_evaluation_and_its_pdfs(make_browser, skenario, role, path):
    ev = skenario.ev["staf1"]
    b = login(make_browser, _who(skenario.org, role))
    r = b.get(f"/evaluasi/{ev.id}{path}")
    if ROLES[role] and path == "/tanda-tangan" and role not in ("staf1", "kasi"):
        # The signing page is the action: those who see the evaluation but do not sign it get 403 (issue #9 §2).
        assert r.status_code == 403, (role, path)
    elif ROLES[role]:
        assert r.status_code == 200, (role, path)
        if path.startswith("/cetak"):
            assert r.mimetype == "application/pdf" and r.data.startswith(b"%PDF")
    else:
        assert r.status_code == 404, (role, path)
        assert "Staf Satu" not in r.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/evaluasi/", "/evaluasi/1", "/evaluasi/1/cetak/dokumen", "/evaluasi/1/tanda-tangan"])
def test_anonymous_is_sent_to_login(client, path):
    r = client.get(path)
    assert r.status_code == 302 and "/login" in r.headers["Location"]


def test_user_without_role_sees_nothing(make_browser, skenario, factory):
    lone = factory.pegawai("Pegawai Baru Tanpa Apa-apa")
    b = login(make_browser, lone)
    page = b.get("/evaluasi/").get_data(as_text=True)
    assert "Staf Satu" not in page and "Buka Evaluasi" not in page


def test_unit_page_access(make_browser, skenario):
    s = skenario
    url = f"/evaluasi/unit/{s.org.seksi.id}?periode={s.periode.id}"
    assert login(make_browser, s.org.kasi).get(url).status_code == 200
    assert login(make_browser, "admin").get(url).status_code == 200
    assert login(make_browser, s.org.staf1).get(url).status_code == 404
    assert login(make_browser, s.org.kabid2).get(url).status_code == 404


# ------------------------------------------------------------------ pages through the browser

def test_realisasi_form_save_and_submit(make_browser, skenario):
    s = skenario
    ev = s.ev["staf1"]
    b = login(make_browser, s.org.staf1)
    page = b.get(f"/evaluasi/{ev.id}").get_data(as_text=True)
    assert 'for="entri-0-realisasi"' in page and "Ajukan Realisasi" in page
    data = {"aksi": "ajukan"}
    for i, rhk in enumerate(ev.skp.rhk):
        data.update({f"entri-{i}-rhk_id": rhk.id, f"entri-{i}-realisasi": f"Realisasi {i}", f"entri-{i}-tautan": ""})
    r = b.post(f"/evaluasi/{ev.id}/realisasi", data)
    assert r.status_code == 302
    assert db.session.get(type(ev), ev.id).status == rules.DIAJUKAN


def test_realisasi_validation_failure_is_422(make_browser, skenario):
    s = skenario
    ev = s.ev["staf1"]
    b = login(make_browser, s.org.staf1)
    r = b.post(f"/evaluasi/{ev.id}/realisasi", {"aksi": "ajukan", "entri-0-rhk_id": ev.skp.rhk[0].id,
                                                "entri-0-realisasi": "hanya satu"})
    assert r.status_code == 422
    assert "setiap Rencana Hasil Kerja" in r.get_data(as_text=True)


def test_rating_form_and_finalise_and_sign_pages(make_browser, skenario, factory):
    s = skenario
    ev = s.ev["staf1"]
    isi_realisasi(factory, ev)
    b = login(make_browser, s.org.kasi)
    page = b.get(f"/evaluasi/{ev.id}").get_data(as_text=True)
    for label in ("Rating Hasil Kerja", "Rating Perilaku Kerja", "Umpan Balik", "Kurva Distribusi"):
        assert label in page
    assert "<svg" in page and "style=" not in page
    data = {"rating_hasil_kerja": S, "rating_perilaku_kerja": S, "catatan_rekomendasi": "Lanjutkan."}
    for i, rhk in enumerate(ev.skp.rhk):
        data.update({f"rhk-{i}-rhk_id": rhk.id, f"rhk-{i}-umpan_balik": "Baik."})
    for n in range(7):
        data.update({f"perilaku-{n}-nomor": n + 1, f"perilaku-{n}-umpan_balik": "Sesuai."})
    assert b.post(f"/evaluasi/{ev.id}/penilaian", data).status_code == 302
    page = b.get(f"/evaluasi/{ev.id}").get_data(as_text=True)
    assert "Predikat Kinerja" in page and "menghasilkan Predikat Kinerja Baik" in page
    assert b.post(f"/evaluasi/{ev.id}/finalisasi").status_code == 302
    # Signing needs the unit's capaian kinerja organisasi (issue #9 §1).
    r = b.post(f"/evaluasi/{ev.id}/tanda-tangan", {"kata_sandi": PASSWORD})
    assert r.status_code == 422 and "Capaian Kinerja Organisasi" in r.get_data(as_text=True)
    tetapkan_capaian(s.org, s.org.seksi, s.periode.id, "Baik")
    p = login(make_browser, s.org.staf1)
    r = p.post(f"/evaluasi/{ev.id}/tanda-tangan", {"kata_sandi": "salah-sandi-sekali"})
    assert r.status_code == 422 and "Kata sandi salah" in r.get_data(as_text=True)
    assert p.post(f"/evaluasi/{ev.id}/tanda-tangan", {"kata_sandi": PASSWORD}).status_code == 302
    assert b.post(f"/evaluasi/{ev.id}/tanda-tangan", {"kata_sandi": PASSWORD}).status_code == 302
    ev = db.session.get(type(ev), ev.id)
    assert ev.status == rules.SELESAI and ev.dokumen_c_sha256


def test_penilai_rating_refused_before_realisasi_via_page(make_browser, skenario):
    s = skenario
    ev = s.ev["staf1"]
    b = login(make_browser, s.org.kasi)
    r = b.post(f"/evaluasi/{ev.id}/penilaian", {"rating_hasil_kerja": S, "rating_perilaku_kerja": S})
    assert r.status_code == 422 and "Realisasi belum diajukan" in r.get_data(as_text=True)


def test_wrong_user_posts_are_refused(make_browser, skenario, factory):
    s = skenario
    ev = s.ev["staf1"]
    isi_realisasi(factory, ev)
    other = login(make_browser, s.org.kabid2)
    assert other.post(f"/evaluasi/{ev.id}/penilaian", {"rating_hasil_kerja": S}).status_code == 404
    assert other.post(f"/evaluasi/{ev.id}/finalisasi").status_code == 404
    higher = login(make_browser, s.org.kabid)
    assert higher.post(f"/evaluasi/{ev.id}/penilaian", {"rating_hasil_kerja": S, "rating_perilaku_kerja": S}).status_code == 403
    assert higher.post(f"/evaluasi/{ev.id}/pratinjau-predikat", {"rating_hasil_kerja": S}).status_code == 403
    staf = login(make_browser, s.org.staf1)
    assert staf.post(f"/evaluasi/periode/{s.periode.id}/buka").status_code == 403


@pytest.mark.parametrize("path", [
    "/evaluasi/{id}/realisasi", "/evaluasi/{id}/penilaian", "/evaluasi/{id}/pratinjau-predikat",
    "/evaluasi/{id}/finalisasi", "/evaluasi/{id}/tanda-tangan", "/evaluasi/{id}/keberatan/ajukan",
    "/evaluasi/{id}/keberatan/penjelasan", "/evaluasi/{id}/keberatan/keputusan", "/evaluasi/{id}/kembalikan",
    "/evaluasi/{id}/batas", "/evaluasi/periode/{periode}/buka", "/evaluasi/unit/{unit}?periode={periode}",
])
def test_missing_csrf_is_400(make_browser, skenario, path):
    s = skenario
    b = login(make_browser, "admin")
    url = path.format(id=s.ev["staf1"].id, periode=s.periode.id, unit=s.org.seksi.id)
    r = b.post(url, {}, csrf=False)
    assert r.status_code == 400
    assert "Sesi formulir kedaluwarsa" in r.get_data(as_text=True)


def test_predikat_preview_fragment(make_browser, skenario, factory):
    s = skenario
    ev = s.ev["staf1"]
    isi_realisasi(factory, ev)
    b = login(make_browser, s.org.kasi)
    r = b.post(f"/evaluasi/{ev.id}/pratinjau-predikat",
               {"rating_hasil_kerja": "Di Atas Ekspektasi", "rating_perilaku_kerja": "Di Bawah Ekspektasi"}, htmx=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "HX-Request" in r.headers["Vary"]
    assert "<html" not in html and 'id="pratinjau-predikat"' in html
    assert "Kurang/Misconduct" in html and "matriks kuadran" in html
    empty = b.post(f"/evaluasi/{ev.id}/pratinjau-predikat", {"rating_hasil_kerja": ""}, htmx=True)
    assert "Pilih Rating Hasil Kerja" in empty.get_data(as_text=True)


def test_admin_opens_period_and_sees_progress(make_browser, skenario, factory):
    s = skenario
    buat_skp(factory.pegawai("Staf Datang Belakangan", atasan=s.org.kasi))
    b = login(make_browser, "admin")
    page = b.get(f"/evaluasi/?periode={s.periode.id}").get_data(as_text=True)
    assert "Buka Evaluasi" in page and "1 pegawai dengan SKP disetujui belum masuk" in page
    r = b.post(f"/evaluasi/periode/{s.periode.id}/buka")
    assert r.status_code == 302
    page = b.get(f"/evaluasi/?periode={s.periode.id}").get_data(as_text=True)
    assert "1 pegawai baru, 6 sudah ada" in page
    assert "Seksi Uji" in page and "Belum diisi" in page and "Ditandatangani" in page


def test_capaian_form_on_unit_page(make_browser, skenario):
    s = skenario
    url = f"/evaluasi/unit/{s.org.seksi.id}?periode={s.periode.id}"
    kasi = login(make_browser, s.org.kasi)  # the seksi's own head sees his unit but cannot set its capaian
    page = kasi.get(url).get_data(as_text=True)
    assert kasi.get(url).status_code == 200 and "Simpan Capaian" not in page
    assert kasi.post(url, {"capaian": "Istimewa"}).status_code == 403
    assert login(make_browser, s.org.staf3).post(url, {"capaian": "Istimewa"}).status_code == 404
    b = login(make_browser, s.org.kabid)  # the pimpinan above sets it
    assert b.post(url, {"capaian": "Istimewa"}, csrf=False).status_code == 400
    assert "Simpan Capaian" in b.get(url).get_data(as_text=True)
    assert b.post(url, {"capaian": "Istimewa"}).status_code == 302
    page = b.get(url).get_data(as_text=True)
    assert "Sangat Baik paling banyak 70%" in page
    assert b.post(url, {"capaian": "Hebat"}).status_code == 422


def test_extension_of_deadline_by_admin(make_browser, skenario):
    s = skenario
    ev = s.ev["staf1"]
    b = login(make_browser, "admin")
    assert b.post(f"/evaluasi/{ev.id}/batas", {"batas": "2099-01-31"}).status_code == 302
    assert str(db.session.get(type(ev), ev.id).batas_pengisian_khusus) == "2099-01-31"


def test_keberatan_pages(make_browser, signed):
    ev = signed
    org = db.session.get(type(ev), ev.id)
    staf = login(make_browser, org.pegawai)
    assert "Ajukan Keberatan" in staf.get(f"/evaluasi/{ev.id}/keberatan").get_data(as_text=True)
    assert staf.post(f"/evaluasi/{ev.id}/keberatan/ajukan", {"alasan": "pendek"}).status_code == 422
    alasan = "Realisasi saya melebihi target yang ditetapkan; mohon ditinjau."
    assert staf.post(f"/evaluasi/{ev.id}/keberatan/ajukan", {"alasan": alasan}).status_code == 302
    penilai = login(make_browser, org.penilai)
    assert penilai.post(f"/evaluasi/{ev.id}/keberatan/penjelasan", {"penjelasan": "Sudah sesuai."}).status_code == 302
    atasan = login(make_browser, org.atasan_penilai)
    r = atasan.post(f"/evaluasi/{ev.id}/keberatan/keputusan",
                    {"keputusan": "ubah", "rating_hasil_kerja": A, "rating_perilaku_kerja": A,
                     "pertimbangan": "Bukti kuat."})
    assert r.status_code == 302
    ev = db.session.get(type(ev), ev.id)
    assert ev.status == rules.DIPUTUS and ev.predikat == "Sangat Baik" and ev.dokumen_versi == 2


# ------------------------------------------------------------------ documents

B_SECTIONS = [
    "EVALUASI KINERJA PEGAWAI", "PERIODE: SEMESTER I", "PERIODE PENILAIAN", "PEGAWAI YANG DINILAI",
    "PEJABAT PENILAI KINERJA", "NAMA", "NIP", "PANGKAT/GOL. RUANG", "JABATAN", "UNIT KERJA",
    "CAPAIAN KINERJA ORGANISASI", "POLA DISTRIBUSI", "KURVA DISTRIBUSI PREDIKAT KINERJA PEGAWAI", "HASIL KERJA",
    "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI", "ASPEK", "INDIKATOR KINERJA INDIVIDU", "TARGET",
    "REALISASI BERDASARKAN BUKTI DUKUNG", "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG", "A. UTAMA",
    "B. TAMBAHAN", "RATING HASIL KERJA", "PERILAKU KERJA", "EKSPEKTASI KHUSUS PIMPINAN", "Berorientasi Pelayanan",
    "Kolaboratif", "RATING PERILAKU KERJA", "PREDIKAT KINERJA PEGAWAI", "Pegawai yang Dinilai",
    "Pejabat Penilai Kinerja", "Ditandatangani secara elektronik",
]
C_SECTIONS = [
    "DOKUMEN EVALUASI KINERJA PEGAWAI", "PERIODE: SEMESTER I", "PERIODE PENILAIAN", "1 PEGAWAI YANG DINILAI",
    "2 PEJABAT PENILAI KINERJA", "3 ATASAN PEJABAT PENILAI KINERJA", "PANGKAT/GOL RUANG", "4 EVALUASI KINERJA",
    "CAPAIAN KINERJA ORGANISASI", "PREDIKAT KINERJA PEGAWAI", "5 CATATAN/REKOMENDASI", "Pegawai yang Dinilai",
    "Pejabat Penilai Kinerja", "Ditandatangani secara elektronik", "Bukitintan",
]


def test_form_b_has_every_section(make_browser, signed):
    b = login(make_browser, "admin")
    text = pdf_text(b.get(f"/evaluasi/{signed.id}/cetak/evaluasi").data)
    for section in B_SECTIONS:
        assert section in text, section
    assert "SESUAI EKSPEKTASI" in text and "DI ATAS EKSPEKTASI" in text and "BAIK" in text
    assert "Tercapai untuk" in text and "Hasil baik, pertahankan." in text
    assert "DRAFT" not in text


def test_form_c_has_every_section_and_keberatan_sections_after_decision(make_browser, signed, factory):
    s_ev = signed
    b = login(make_browser, "admin")
    text = pdf_text(b.get(f"/evaluasi/{s_ev.id}/cetak/dokumen").data)
    for section in C_SECTIONS:
        assert section in text, section
    assert "KEBERATAN" not in text.replace("ATASAN", "")
    akun = factory.akun_of
    services.file_keberatan(akun(s_ev.pegawai), s_ev.id, "Realisasi saya melebihi target; mohon ditinjau ulang.")
    services.explain_keberatan(akun(s_ev.penilai), s_ev.id, "Penilaian sesuai bukti dukung.")
    services.decide_keberatan(akun(s_ev.atasan_penilai), s_ev.id, "tetap", None, "Sudah tepat.", "http://localhost/")
    text = pdf_text(b.get(f"/evaluasi/{s_ev.id}/cetak/dokumen").data)
    for section in ("6 KEBERATAN", "7 PENJELASAN PEJABAT PENILAI ATAS KEBERATAN",
                    "8 KEPUTUSAN ATASAN PEJABAT PENILAI KINERJA", "Predikat kinerja tetap Baik"):
        assert section in text, section


def test_reprint_serves_the_stored_file(make_browser, signed):
    b = login(make_browser, signed.pegawai)
    first = b.get(f"/evaluasi/{signed.id}/cetak/dokumen").data
    second = b.get(f"/evaluasi/{signed.id}/cetak/dokumen").data
    from kinerja.dokumen.pdf import sha256_hex

    assert first == second and sha256_hex(first) == db.session.get(type(signed), signed.id).dokumen_c_sha256


def test_basah_variant_leaves_signing_spaces_empty(make_browser, signed):
    b = login(make_browser, signed.pegawai)
    text = pdf_text(b.get(f"/evaluasi/{signed.id}/cetak/dokumen?basah=1").data)
    assert "Ditandatangani secara elektronik" not in text and "tanda tangan basah" in text


def test_unsigned_draft_has_watermark(make_browser, skenario):
    ev = skenario.ev["staf2"]
    b = login(make_browser, skenario.org.staf2)
    for jenis in ("dokumen", "evaluasi"):
        text = pdf_text(b.get(f"/evaluasi/{ev.id}/cetak/{jenis}").data)
        assert "DRAFT" in text and "Ditandatangani secara elektronik" not in text


def _decode_qr_codes(pdf: bytes) -> list[str]:
    """Rasterise every page (pdfium) and read the QR codes on it (zxing-cpp), as a phone would."""
    import pypdfium2
    import zxingcpp

    found = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            image = page.render(scale=200 / 72).to_pil()
            found.extend(code.text for code in zxingcpp.read_barcodes(image) if code.format == zxingcpp.BarcodeFormat.QRCode)
    finally:
        document.close()
    return found


def test_qr_code_decodes_to_the_verification_url(make_browser, signed):
    ev = db.session.get(type(signed), signed.id)
    b = login(make_browser, ev.pegawai)
    for jenis in ("dokumen", "evaluasi"):
        content = b.get(f"/evaluasi/{ev.id}/cetak/{jenis}").data
        assert _decode_qr_codes(content) == [f"http://kinerja.test/v/{ev.kode}"], jenis
    assert ev.kode == ev.dokumen[-1].kode  # the code of the issued version


def test_draft_printout_has_no_qr_code(make_browser, skenario):
    ev = skenario.ev["staf2"]
    b = login(make_browser, skenario.org.staf2)
    for jenis in ("dokumen", "evaluasi"):
        assert _decode_qr_codes(b.get(f"/evaluasi/{ev.id}/cetak/{jenis}").data) == [], jenis


def test_qr_uses_the_configured_public_address(app, make_browser, skenario, factory, monkeypatch):
    from kinerja.evaluasi import dokumen, grafik

    seen = []

    def spy(url):
        seen.append(url)
        return grafik.qr_svg_data_uri(url)

    monkeypatch.setattr(dokumen, "qr_svg_data_uri", spy)
    monkeypatch.setitem(app.config, "KINERJA_BASE_URL", "https://kinerja.bukitintankab.go.id/")
    s = skenario
    ev = s.ev["staf2"]
    tetapkan_capaian(s.org, s.org.seksi, s.periode.id, "Baik")
    isi_realisasi(factory, ev)
    nilai(factory, ev)
    login(make_browser, s.org.staf2).post(f"/evaluasi/{ev.id}/tanda-tangan", {"kata_sandi": PASSWORD})
    r = login(make_browser, s.org.kasi).post(f"/evaluasi/{ev.id}/tanda-tangan", {"kata_sandi": PASSWORD})
    assert r.status_code == 302  # the request itself comes in on http://localhost/
    ev = db.session.get(type(ev), ev.id)
    assert seen == [f"https://kinerja.bukitintankab.go.id/v/{ev.kode}"] * 2


# ------------------------------------------------------------------ /v/<kode>

def test_verification_page_is_public_and_shows_no_hr_content(client, signed):
    ev = db.session.get(type(signed), signed.id)
    r = client.get(f"/v/{ev.kode}")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Staf Satu" in html and ev.dokumen_c_sha256 in html and "Semester I" in html
    assert ev.pegawai.nip not in html and "****" in html
    # issue #15: the SHA-256 only behind "Detail teknis"
    detail = html.index("<summary>Detail teknis</summary>")
    assert html.index("SHA-256") > detail and html.index(ev.dokumen_c_sha256) > detail
    for secret in ("Predikat", "Baik", "Ekspektasi", "pelatihan analisis"):
        assert secret not in html, secret


@pytest.mark.parametrize("kode", ["tidak-ada", "x" * 40, "%3Cscript%3E", "1"])
def test_verification_unknown_code_is_plain_404(client, signed, kode):
    r = client.get(f"/v/{kode}")
    assert r.status_code == 404 and "Staf Satu" not in r.get_data(as_text=True)


def test_verification_of_unsigned_evaluation_is_404(client, skenario):
    assert client.get(f"/v/{skenario.ev['staf2'].kode}").status_code == 404


def test_verification_upload_match_and_mismatch(browser, signed, factory, monkeypatch):
    from kinerja.evaluasi import publik

    ev = db.session.get(type(signed), signed.id)
    stored = services.document_for(factory.akun_of(ev.pegawai), ev.id, "C")[0]
    r = browser.post(f"/v/{ev.kode}", {"berkas": (io.BytesIO(stored), "dokumen.pdf")},
                     content_type="multipart/form-data")
    assert r.status_code == 200 and "Cocok." in r.get_data(as_text=True)
    r = browser.post(f"/v/{ev.kode}", {"berkas": (io.BytesIO(stored + b"x"), "dokumen.pdf")},
                     content_type="multipart/form-data")
    assert "Tidak cocok." in r.get_data(as_text=True)
    # The limit is 5 MB; shrink it so the test client does not spool a huge body to a temp file.
    monkeypatch.setattr(publik, "BATAS_UNGGAH", 1000)
    r = browser.post(f"/v/{ev.kode}", {"berkas": (io.BytesIO(b"0" * 1010), "besar.pdf")},
                     content_type="multipart/form-data")
    assert r.status_code == 422 and "lebih dari 5 MB" in r.get_data(as_text=True)
    r = browser.post(f"/v/{ev.kode}", {"berkas": (io.BytesIO(stored), "dokumen.pdf")},
                     content_type="multipart/form-data", csrf=False)
    assert r.status_code == 400


# ------------------------------------------------------------------ query budgets

def _grow(factory, s, n):
    for i in range(n):
        p = factory.pegawai(f"Staf Tambahan {i}", atasan=s.org.kasi)
        buat_skp(p)
    services.open_evaluasi(s.org.admin, s.periode.id)


def test_query_count_penilai_list_is_fixed(make_browser, skenario, factory, count_queries):
    s = skenario
    b = login(make_browser, s.org.kasi)
    url = f"/evaluasi/?periode={s.periode.id}"
    b.get(url)
    with count_queries() as small:
        assert "Staf Dua" in b.get(url).get_data(as_text=True)
    _grow(factory, s, 6)
    with count_queries() as large:
        assert "Staf Tambahan 5" in b.get(url).get_data(as_text=True)
    assert small.count == large.count
    assert large.count <= 12, large.statements


def test_query_count_admin_progress_is_fixed(make_browser, skenario, factory, count_queries):
    s = skenario
    b = login(make_browser, "admin")
    url = f"/evaluasi/?periode={s.periode.id}"
    b.get(url)
    with count_queries() as small:
        b.get(url)
    _grow(factory, s, 6)
    with count_queries() as large:
        assert "Seksi Uji" in b.get(url).get_data(as_text=True)
    assert small.count == large.count
    assert large.count <= 12, large.statements


def test_form_b_page_breaks_short_and_long(skenario, factory):
    """Issue #10 §4 (looked at as PNG): the HASIL KERJA table starts on page 1 even when its first RHK
    block does not fit there (found: page 1 a third empty), long RHK rows break across pages instead of
    leaving pages with only a heading, and the signature block stays with the predikat."""
    from kinerja.evaluasi import dokumen

    ev = skenario.ev["staf1"]
    isi_realisasi(factory, ev)

    def pages(content: bytes) -> list[str]:
        return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(content)).pages]

    pendek = pages(dokumen.render(ev, "B", None))
    assert "A. UTAMA" in pendek[0]
    panjang_teks = ("Terlaksana sesuai rencana dengan bukti dukung laporan kinerja harian, berita acara uji, "
                    "tangkapan layar aplikasi, dan notulen rapat koordinasi bersama perangkat daerah. ") * 8
    for r in ev.realisasi:
        r.realisasi = panjang_teks
        r.umpan_balik = panjang_teks[:600]
    panjang = pages(dokumen.render(ev, "B", None))
    assert "A. UTAMA" in panjang[0]
    for text in panjang[1:-1]:  # every middle page carries table content, not just a heading
        assert "Terlaksana sesuai rencana" in text or "PERILAKU KERJA" in text
    assert "PREDIKAT KINERJA PEGAWAI" in panjang[-1] and "Pegawai yang Dinilai" in panjang[-1]


def _tanpa_skp(factory, s, start: int, stop: int):
    for i in range(start, stop):
        factory.pegawai(f"Zulkifli Tanpa SKP {i:02d}", atasan=s.org.kasi)


def _baris_tidak_dapat(html: str) -> list[str]:
    tabel = html[html.index('id="tabel-tidak-dapat"'):].split("</table>")[0]
    return re.findall(r"<tr><td>([^<]+)</td>", tabel)


def test_admin_list_tidak_dapat_paginates(make_browser, skenario, factory, count_queries):
    """#17: at 10,000 pegawai the admin's "belum dapat dievaluasi" list is shown 25 rows a page (by
    name), with the number of queries fixed whatever its length."""
    s = skenario
    _tanpa_skp(factory, s, 0, 3)
    b = login(make_browser, "admin")
    url = f"/evaluasi/?periode={s.periode.id}"
    b.get(url)
    with count_queries() as sedikit:
        b.get(url)
    _tanpa_skp(factory, s, 3, 40)
    with count_queries() as banyak:
        page1 = b.get(url).get_data(as_text=True)
    assert banyak.count == sedikit.count <= 13, banyak.statements
    semua = [t.pegawai.nama for t in queries.tidak_dapat_dievaluasi(s.periode)]
    assert len(semua) > 40
    pages = (len(semua) + 24) // 25
    assert _baris_tidak_dapat(page1) == semua[:25]
    assert f"{len(semua)} pegawai · halaman 1 dari {pages}" in page1
    page2 = b.get(url + "&halaman=2").get_data(as_text=True)
    assert _baris_tidak_dapat(page2) == semua[25:50]
    assert "Progres Evaluasi per Unit" in page2  # the rest of the page stays
    assert f'href="/evaluasi/?periode={s.periode.id}&amp;halaman=1"' in page2


def test_admin_list_tidak_dapat_page_out_of_range(make_browser, skenario, factory):
    s = skenario
    _tanpa_skp(factory, s, 0, 30)
    b = login(make_browser, "admin")
    r = b.get(f"/evaluasi/?periode={s.periode.id}&halaman=99")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Zulkifli" not in html and "Tidak ada pegawai pada halaman ini." in html
    assert "Semua pegawai aktif dapat dievaluasi" not in html


def test_tidak_dapat_list_is_admin_only(make_browser, skenario, factory):
    s = skenario
    _tanpa_skp(factory, s, 0, 30)
    for who in (s.org.staf1, s.org.kasi):  # the kasi rates them, but the kabupaten-wide list is the admin's
        r = login(make_browser, who).get(f"/evaluasi/?periode={s.periode.id}&halaman=2")
        html = r.get_data(as_text=True)
        assert r.status_code == 200
        assert "Belum Dapat Dievaluasi" not in html and "Zulkifli Tanpa SKP 29" not in html


def test_open_evaluasi_query_count_does_not_grow_with_skp(skenario, factory, count_queries):
    """#17: "Buka Evaluasi" for a kabupaten (10,000 SKPs) reads the approved versions in one go, not
    one query per SKP (the new rows are still written one INSERT each on SQLite)."""
    s = skenario
    for i in range(2):
        buat_skp(factory.pegawai(f"Staf Baru {i}", atasan=s.org.kasi))
    with count_queries() as sedikit:
        services.open_evaluasi(s.org.admin, s.periode.id)
    for i in range(2, 10):
        buat_skp(factory.pegawai(f"Staf Baru {i}", atasan=s.org.kasi))
    with count_queries() as banyak:
        hasil = services.open_evaluasi(s.org.admin, s.periode.id)
    assert hasil.dibuat == 8

    def baca(counter):
        return [q for q in counter.statements if q.lstrip().upper().startswith("SELECT")]

    assert len(baca(banyak)) == len(baca(sedikit)), baca(banyak)
