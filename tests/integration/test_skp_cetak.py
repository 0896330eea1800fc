"""The printed SKP (form A + lampiran, DOMAIN.md §8.A) at /skp/<id>/cetak."""

from __future__ import annotations

import io

from pypdf import PdfReader

from kinerja.extensions import db
from tests.support.factories import PASSWORD
from tests.support.skp_factories import buat_skp


def _pdf_text(response) -> str:
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    """One line of text; a word broken after its hyphen at a line end ("e-\ngovernment") rejoined."""
    return " ".join(text.replace("-\n", "-").split())


def test_approved_skp_pdf_has_every_section_name_nip_rhk_and_iki(browser, skp_org):
    skp = skp_org.skp_kasi
    browser.login(skp_org.kasi.nip, PASSWORD)
    r = browser.get(f"/skp/{skp.id}/cetak")
    assert "inline" in r.headers["Content-Disposition"] and r.headers["Cache-Control"] == "no-store"
    assert "HX-Request" in r.headers.get("Vary", "")
    text = _flat(_pdf_text(r))
    for expected in (
        "SASARAN KINERJA PEGAWAI", "PENDEKATAN HASIL KERJA KUANTITATIF",
        "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL",
        "PEMERINTAH KABUPATEN BUKITINTAN", "PERIODE PENILAIAN: 1 JANUARI SD 31 DESEMBER TAHUN 2026",
        "PEGAWAI YANG DINILAI", "PEJABAT PENILAI KINERJA", "PANGKAT/GOL. RUANG", "UNIT KERJA",
        "HASIL KERJA", "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI", "INDIKATOR KINERJA INDIVIDU", "TARGET",
        "A. UTAMA", "B. TAMBAHAN", "PERILAKU KERJA", "EKSPEKTASI KHUSUS PIMPINAN",
        "Berorientasi Pelayanan", "Kolaboratif", "Ekspektasi perilaku 7",
        "Pegawai yang Dinilai", "Pejabat Penilai Kinerja", "Bukitintan,",
        "LAMPIRAN SASARAN KINERJA PEGAWAI", "DUKUNGAN SUMBER DAYA", "SKEMA PERTANGGUNGJAWABAN", "KONSEKUENSI",
        # names and NIPs (formatted) of the pegawai and the penilai
        "Kepala Seksi Uji", "Kepala Bidang Uji",
        f"NIP. {skp_org.kasi.nip[:8]} {skp_org.kasi.nip[8:14]} {skp_org.kasi.nip[14]} {skp_org.kasi.nip[15:]}",
        f"NIP. {skp_org.kabid.nip[:8]} {skp_org.kabid.nip[8:14]} {skp_org.kabid.nip[14]} {skp_org.kabid.nip[15:]}",
        # every RHK (and the one it intervenes) and every IKI
        "Tersedianya aplikasi e-government yang andal", "Terkelolanya website pemerintah daerah",
        "Terlaksananya pendampingan OPD", "Terkelolanya aplikasi layanan publik",
        "Jumlah aplikasi dikembangkan", "Ketersediaan layanan", "Jumlah pembaruan konten", "Jumlah OPD didampingi",
        "Anggaran kegiatan sesuai Dokumen Pelaksanaan Anggaran",
    ):
        assert expected in text, expected
    assert "DRAFT" not in text  # approved: no watermark
    assert text.count("Pegawai yang Dinilai") == 2  # form A and the lampiran


def test_draft_pdf_has_watermark_and_live_identity(browser, skp_org):
    skp = buat_skp(skp_org.staf1, rhk=[("Utama", "Tersusunnya modul perizinan", ["Jumlah modul"], skp_org.skp_kasi.rhk[0])])
    browser.login(skp_org.staf1.nip, PASSWORD)
    text = _flat(_pdf_text(browser.get(f"/skp/{skp.id}/cetak")))
    assert "DRAFT" in text
    assert "Staf Satu" in text and "Kepala Seksi Uji" in text
    assert "Tersusunnya modul perizinan" in text and "Jumlah modul" in text
    assert "Tersedianya aplikasi e-government yang andal" in text


def test_jpt_variant_title(browser, skp_org):
    skp_org.skp_kadis.jenis_form = "JPT"
    skp_org.skp_kadis.pendekatan = "Kualitatif"
    db.session.flush()
    browser.login(skp_org.kadis.nip, PASSWORD)
    text = _flat(_pdf_text(browser.get(f"/skp/{skp_org.skp_kadis.id}/cetak")))
    assert "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI" in text
    assert "PENDEKATAN HASIL KERJA KUALITATIF" in text
    assert "Meningkatnya kualitas layanan informasi publik" in text


def test_long_skp_breaks_across_pages_with_repeated_headers(browser, skp_org):
    skp = buat_skp(skp_org.staf2, jumlah_rhk=15, iki_per_rhk=3, intervensi=skp_org.skp_kasi.rhk)
    browser.login(skp_org.staf2.nip, PASSWORD)
    r = browser.get(f"/skp/{skp.id}/cetak")
    reader = PdfReader(io.BytesIO(r.data))
    assert len(reader.pages) >= 4
    pages = [_flat(p.extract_text()) for p in reader.pages]
    tabel = [p for p in pages if "RHK Staf Dua nomor" in p]
    assert len(tabel) >= 2
    assert all("RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI" in p for p in tabel)  # thead repeats
    # no RHK is split from its indicators: each RHK and its three IKI are on the same page
    for n in range(1, 16):
        page = next(p for p in pages if f"RHK Staf Dua nomor {n} " in p + " ")
        assert all(f"IKI {n}.{k}" in page for k in (1, 2, 3)), n
    assert "LAMPIRAN SASARAN KINERJA PEGAWAI" in pages[-1]
