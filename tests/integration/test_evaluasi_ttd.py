"""Issue #9 §1 "Signed means frozen" and #10 §3 keberatan per PP 30/2019, through the pages.

Each finding has a test here that failed on the code before the fix.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from kinerja.evaluasi import rules, services
from kinerja.extensions import db
from kinerja.models import AuditEvent, Evaluasi, Periode, Rhk, Skp
from kinerja.waktu import today_local
from tests.support.evaluasi import (
    A,
    S,
    buat_periode,
    buat_skenario,
    evaluasi_of,
    isi_realisasi,
    nilai,
    tetapkan_capaian,
)
from tests.support.factories import PASSWORD


@pytest.fixture
def skenario(factory, org):
    return buat_skenario(factory, org)


def login(make_browser, who):
    b = make_browser()
    ident = who if isinstance(who, str) else who.nip
    assert b.login(ident, PASSWORD).status_code == 302
    return b


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _ev(ev) -> Evaluasi:
    db.session.expire_all()
    return db.session.get(Evaluasi, ev.id)


def _siap_ttd(s, factory, nama="staf1"):
    ev = s.ev[nama]
    tetapkan_capaian(s.org, s.org.seksi, s.periode.id, "Baik")
    isi_realisasi(factory, ev)
    nilai(factory, ev)
    return ev


def _ttd(b, ev, expect=302):
    r = b.post(f"/evaluasi/{ev.id}/tanda-tangan", {"kata_sandi": PASSWORD})
    assert r.status_code == expect, r.get_data(as_text=True)[:3000]
    return r


def _rhk_form(rhk_id, uraian):
    return {f"rhk-{rhk_id}-jenis": "Utama", f"rhk-{rhk_id}-uraian": uraian, f"rhk-{rhk_id}-rhk_atasan_id": ""}


def _upload(client, kode, content):
    r = client.post(f"/v/{kode}", {"berkas": (io.BytesIO(content), "dokumen.pdf")},
                    content_type="multipart/form-data")
    assert r.status_code == 200
    return r.get_data(as_text=True)


# ------------------------------------------------------------------ snapshot of the SKP (#9 §1)

def test_skp_revision_after_signing_never_reaches_the_reissued_documents(make_browser, skenario, factory):
    """Found: revised RHK text appeared in the re-issued form B under the original signatures."""
    s = skenario
    ev = _siap_ttd(s, factory)
    staf, kasi = login(make_browser, s.org.staf1), login(make_browser, s.org.kasi)
    _ttd(staf, ev)
    _ttd(kasi, ev)
    ev = _ev(ev)
    kode_v1 = ev.kode
    b_v1 = kasi.get(f"/evaluasi/{ev.id}/cetak/evaluasi").data
    asli = s.skp["staf1"].rhk[0].uraian
    assert asli in pdf_text(b_v1)
    # The pegawai starts a revision of the SKP and edits the RHK.
    skp_id, rhk_id = s.skp["staf1"].id, s.skp["staf1"].rhk[0].id
    assert staf.post(f"/skp/{skp_id}/revisi", {}).status_code == 302
    r = staf.post(f"/skp/rhk/{rhk_id}", _rhk_form(rhk_id, "RHK DIUBAH SETELAH TTD"))
    assert r.status_code in (200, 302)
    assert db.session.get(Rhk, rhk_id).uraian == "RHK DIUBAH SETELAH TTD"
    # The detail page still shows the snapshot.
    page = staf.get(f"/evaluasi/{ev.id}").get_data(as_text=True)
    assert asli in page and "RHK DIUBAH SETELAH TTD" not in page
    # Keberatan, explanation, decision: the documents are re-issued.
    assert staf.post(f"/evaluasi/{ev.id}/keberatan/ajukan",
                     {"alasan": "Realisasi saya melebihi target yang ditetapkan; mohon ditinjau."}).status_code == 302
    assert kasi.post(f"/evaluasi/{ev.id}/keberatan/penjelasan", {"penjelasan": "Sudah sesuai."}).status_code == 302
    kabid = login(make_browser, s.org.kabid)
    assert kabid.post(f"/evaluasi/{ev.id}/keberatan/keputusan",
                      {"keputusan": "tetap", "pertimbangan": "Penilaian sudah tepat."}).status_code == 302
    ev = _ev(ev)
    b_v2 = kasi.get(f"/evaluasi/{ev.id}/cetak/evaluasi").data
    text = pdf_text(b_v2)
    assert "RHK DIUBAH SETELAH TTD" not in text and asli in text
    # Both versions stay verifiable, each with its own code; the old one says it was superseded and why.
    assert ev.kode != kode_v1
    baru = _upload(make_browser(), ev.kode, b_v2)
    assert "Cocok." in baru and "versi 2" in baru.lower()
    lama_page = make_browser().get(f"/v/{kode_v1}").get_data(as_text=True)
    assert "diganti" in lama_page and "keberatan diputuskan pada" in lama_page
    lama = _upload(make_browser(), kode_v1, b_v1)
    assert "Cocok" in lama and "diganti" in lama
    assert "Cocok." not in _upload(make_browser(), kode_v1, b_v1.replace(b"%%EOF", b"%%EOF\n"))


def test_opened_evaluation_keeps_its_snapshot_and_penilai_may_refresh(make_browser, skenario, factory):
    s = skenario
    ev = s.ev["staf1"]
    staf, kasi = login(make_browser, s.org.staf1), login(make_browser, s.org.kasi)
    skp_id, rhk_id = s.skp["staf1"].id, s.skp["staf1"].rhk[0].id
    assert staf.post(f"/skp/{skp_id}/revisi", {}).status_code == 302
    assert staf.post(f"/skp/rhk/{rhk_id}", _rhk_form(rhk_id, "RHK REVISI BARU")).status_code in (200, 302)
    page = kasi.get(f"/evaluasi/{ev.id}").get_data(as_text=True)
    assert "RHK REVISI BARU" not in page and "Perbarui dari SKP" in page
    assert staf.get(f"/evaluasi/{ev.id}").get_data(as_text=True).count("Perbarui dari SKP") == 0
    # Refresh takes the latest APPROVED version: the unapproved revision is not it.
    assert kasi.post(f"/evaluasi/{ev.id}/perbarui-skp", {}).status_code == 302
    assert "RHK REVISI BARU" not in kasi.get(f"/evaluasi/{ev.id}").get_data(as_text=True)
    # Submit and approve the revision through the pages, then refresh: now it is there.
    assert staf.post(f"/skp/{skp_id}/ajukan", {}).status_code == 302
    data = {f"ekspektasi_{n}": f"Ekspektasi revisi {n}" for n in range(1, 8)}
    assert kasi.post(f"/skp/{skp_id}/setujui", data).status_code == 302
    assert "RHK REVISI BARU" not in kasi.get(f"/evaluasi/{ev.id}").get_data(as_text=True)
    assert kasi.post(f"/evaluasi/{ev.id}/perbarui-skp", {}).status_code == 302
    page = kasi.get(f"/evaluasi/{ev.id}").get_data(as_text=True)
    assert "RHK REVISI BARU" in page and "versi 2" in page
    assert db.session.get(Skp, skp_id).versi == 2
    assert "Ekspektasi revisi 3" in pdf_text(kasi.get(f"/evaluasi/{ev.id}/cetak/evaluasi").data)
    assert db.session.execute(select(AuditEvent).where(AuditEvent.aksi == "evaluasi.perbarui_skp")).scalars().all()
    # The pegawai may not refresh; nobody may once someone signed.
    assert staf.post(f"/evaluasi/{ev.id}/perbarui-skp", {}).status_code == 403
    assert kasi.post(f"/evaluasi/{ev.id}/perbarui-skp", {}, csrf=False).status_code == 400
    assert login(make_browser, s.org.staf2).post(f"/evaluasi/{ev.id}/perbarui-skp", {}).status_code == 404


def test_refresh_refused_once_signed(make_browser, skenario, factory):
    s = skenario
    ev = _siap_ttd(s, factory)
    _ttd(login(make_browser, s.org.staf1), ev)
    kasi = login(make_browser, s.org.kasi)
    assert "Perbarui dari SKP" not in kasi.get(f"/evaluasi/{ev.id}").get_data(as_text=True)
    r = kasi.post(f"/evaluasi/{ev.id}/perbarui-skp", {})
    assert r.status_code == 422 and "sudah ditandatangani" in r.get_data(as_text=True)


# ------------------------------------------------------------------ drafts carry no QR (#9 §1)

def test_draft_printout_has_no_qr_and_no_verification_address(make_browser, skenario, factory):
    """Found: a draft Dokumen Evaluasi carried a /v/ address that answered 404."""
    s = skenario
    ev = s.ev["staf2"]
    b = login(make_browser, s.org.staf2)
    for jenis in ("dokumen", "evaluasi"):
        text = pdf_text(b.get(f"/evaluasi/{ev.id}/cetak/{jenis}").data)
        assert "DRAFT" in text and "/v/" not in text and "Pindai kode QR" not in text, jenis


# ------------------------------------------------------------------ signing preconditions (#9 §1)

def test_signing_refused_before_the_period_ends_then_allowed_early_by_admin(make_browser, skenario, factory):
    s = skenario
    akhir = today_local() + timedelta(days=20)
    periode = db.session.get(Periode, s.periode.id)
    periode.tanggal_selesai = akhir
    db.session.commit()
    ev = _siap_ttd(s, factory)
    staf = login(make_browser, s.org.staf1)
    r = _ttd(staf, ev, expect=422)
    assert "belum berakhir" in r.get_data(as_text=True)
    assert _ev(ev).ttd_pegawai_at is None
    admin = login(make_browser, "admin")
    page = admin.get(f"/admin/tahun-kinerja/{periode.tahun_kinerja.tahun}").get_data(as_text=True)
    assert "Izinkan tanda tangan sebelum periode berakhir" in page
    assert admin.post(f"/admin/tahun-kinerja/periode/{periode.id}/ttd-awal", {f"t{periode.id}-izinkan": "y"}, csrf=False).status_code == 400
    assert staf.post(f"/admin/tahun-kinerja/periode/{periode.id}/ttd-awal", {f"t{periode.id}-izinkan": "y"}).status_code in (403, 404)
    assert admin.post(f"/admin/tahun-kinerja/periode/{periode.id}/ttd-awal", {f"t{periode.id}-izinkan": "y"}).status_code == 302
    assert db.session.execute(select(AuditEvent).where(AuditEvent.aksi == "periode.ttd_lebih_awal")).scalars().all()
    _ttd(staf, ev)
    assert _ev(ev).ttd_pegawai_at is not None


def test_signing_semester_ii_on_30_november_is_refused_with_a_clear_message(skenario, factory):
    s = skenario
    periode = buat_periode(kode="S2")
    tahun = periode.tanggal_mulai.year
    services.open_evaluasi(s.org.admin, periode.id)
    ev = evaluasi_of(s.org.staf1, periode)
    tetapkan_capaian(s.org, s.org.seksi, periode.id, "Baik")
    isi_realisasi(factory, ev)
    nilai(factory, ev)
    from datetime import datetime

    with pytest.raises(services.DomainError) as err:
        services.sign_evaluasi(factory.akun_of(s.org.staf1), ev.id, PASSWORD,
                               now=datetime(tahun, 11, 30, 3, 0, tzinfo=UTC))
    assert "Semester II" in err.value.message and "31 Desember" in err.value.message
    services.sign_evaluasi(factory.akun_of(s.org.staf1), ev.id, PASSWORD,
                           now=datetime(tahun + 1, 1, 2, 3, 0, tzinfo=UTC))


def test_signing_requires_capaian_organisasi(make_browser, skenario, factory):
    s = skenario
    ev = s.ev["staf1"]
    isi_realisasi(factory, ev)
    nilai(factory, ev)  # finalised without any capaian set
    r = _ttd(login(make_browser, s.org.staf1), ev, expect=422)
    assert "Capaian Kinerja Organisasi" in r.get_data(as_text=True)
    tetapkan_capaian(s.org, s.org.seksi, s.periode.id, "Baik")
    _ttd(login(make_browser, s.org.staf1), ev)
    assert _ev(ev).capaian_organisasi == "Baik"


# ------------------------------------------------------------------ aktivitas only on approved RHK (#9 §1)

def test_aktivitas_cannot_link_an_rhk_of_an_unapproved_revision(make_browser, skenario):
    """Found: an RHK added during an unapproved revision was accepted."""
    s = skenario
    staf = login(make_browser, s.org.staf1)
    skp_id = s.skp["staf1"].id
    assert staf.post(f"/skp/{skp_id}/revisi", {}).status_code == 302
    r = staf.post(f"/skp/{skp_id}/rhk", {"rhk-baru-jenis": "Utama", "rhk-baru-uraian": "RHK BARU BELUM DISETUJUI",
                                         "rhk-baru-rhk_atasan_id": ""})
    assert r.status_code in (200, 302)
    baru = db.session.execute(select(Rhk).where(Rhk.uraian == "RHK BARU BELUM DISETUJUI")).scalar_one()
    lama = s.skp["staf1"].rhk[0]
    page = staf.get("/aktivitas").get_data(as_text=True)
    assert f'value="{lama.id}"' in page and f'value="{baru.id}"' not in page
    hari = today_local()
    data = {"tanggal": hari.isoformat(), "jam_mulai": "08:00", "jam_selesai": "09:00", "uraian": "Menyusun laporan",
            "volume": "1", "satuan": "laporan", "rhk": str(baru.id), "tautan_bukti": ""}
    r = staf.post("/aktivitas", data, htmx=True)
    assert r.status_code == 422 and "sudah disetujui" in r.get_data(as_text=True)
    data["rhk"] = str(lama.id)
    assert staf.post("/aktivitas", data, htmx=True).status_code == 200


# ------------------------------------------------------------------ keberatan per PP 30/2019 (#10 §3)

def test_keberatan_without_the_pegawai_signature(make_browser, skenario, factory):
    """Found: keberatan required the pegawai's signature first."""
    s = skenario
    ev = _siap_ttd(s, factory)
    kasi, staf = login(make_browser, s.org.kasi), login(make_browser, s.org.staf1)
    _ttd(kasi, ev)  # the penilai signs and hands over the result first
    ev = _ev(ev)
    assert ev.status == rules.DISERAHKAN and ev.tanggal_diterima == today_local() and ev.ttd_pegawai_at is None
    assert ev.dokumen_c_sha256
    page = staf.get(f"/evaluasi/{ev.id}/keberatan").get_data(as_text=True)
    assert "Ajukan Keberatan" in page
    assert staf.post(f"/evaluasi/{ev.id}/keberatan/ajukan",
                     {"alasan": "Realisasi saya melebihi target yang ditetapkan; mohon ditinjau."}).status_code == 302
    assert _ev(ev).status == rules.KEBERATAN


def test_pegawai_refuses_to_sign_and_the_window_still_runs(make_browser, skenario, factory):
    s = skenario
    ev = _siap_ttd(s, factory)
    kasi, staf = login(make_browser, s.org.kasi), login(make_browser, s.org.staf1)
    _ttd(kasi, ev)
    assert "pegawai menolak menandatangani" in kasi.get(f"/evaluasi/{ev.id}/tanda-tangan").get_data(as_text=True).lower()
    assert staf.post(f"/evaluasi/{ev.id}/tolak-tanda-tangan", {"catatan": "Tidak setuju."}).status_code == 403
    assert kasi.post(f"/evaluasi/{ev.id}/tolak-tanda-tangan", {"catatan": "x"}, csrf=False).status_code == 400
    assert kasi.post(f"/evaluasi/{ev.id}/tolak-tanda-tangan", {"catatan": ""}).status_code == 422
    r = kasi.post(f"/evaluasi/{ev.id}/tolak-tanda-tangan",
                  {"catatan": "Pegawai menolak menandatangani saat penyerahan di ruang rapat."})
    assert r.status_code == 302
    ev = _ev(ev)
    assert ev.status == rules.SELESAI and ev.ttd_pegawai_ditolak_at is not None and ev.dokumen_versi == 2
    text = pdf_text(kasi.get(f"/evaluasi/{ev.id}/cetak/dokumen").data)
    assert "menolak menandatangani" in text.lower()
    assert staf.post(f"/evaluasi/{ev.id}/keberatan/ajukan",
                     {"alasan": "Realisasi saya melebihi target yang ditetapkan; mohon ditinjau."}).status_code == 302


def test_keberatan_window_counts_from_delivery(skenario, factory):
    s = skenario
    ev = _siap_ttd(s, factory)
    services.sign_evaluasi(factory.akun_of(s.org.kasi), ev.id, PASSWORD)
    ev = _ev(ev)
    alasan = "Realisasi saya melebihi target yang ditetapkan; mohon ditinjau."
    with pytest.raises(services.DomainError):
        services.file_keberatan(factory.akun_of(s.org.staf1), ev.id, alasan, today=ev.tanggal_diterima + timedelta(days=15))
    services.file_keberatan(factory.akun_of(s.org.staf1), ev.id, alasan, today=ev.tanggal_diterima + timedelta(days=14))


def _keberatan_dijelaskan(s, factory):
    ev = _siap_ttd(s, factory)
    for who in (s.org.staf1, s.org.kasi):
        services.sign_evaluasi(factory.akun_of(who), ev.id, PASSWORD)
    services.file_keberatan(factory.akun_of(s.org.staf1), ev.id, "Realisasi melebihi target; mohon ditinjau ulang.")
    services.explain_keberatan(factory.akun_of(s.org.kasi), ev.id, "Sudah sesuai bukti.")
    return _ev(ev)


def test_admin_never_decides_a_keberatan(make_browser, skenario, factory):
    """Found: the admin decided when there was no atasan penilai in the system."""
    s = skenario
    ev = _keberatan_dijelaskan(s, factory)
    ev.atasan_penilai_id = None
    db.session.commit()
    admin = login(make_browser, "admin")
    assert "Tetapkan Keputusan" not in admin.get(f"/evaluasi/{ev.id}/keberatan").get_data(as_text=True)
    r = admin.post(f"/evaluasi/{ev.id}/keberatan/keputusan", {"keputusan": "tetap", "pertimbangan": "Tetap."})
    assert r.status_code in (403, 422)
    assert _ev(ev).status == rules.DIJELASKAN
    assert "Keberatan Menunggu Keputusan" not in admin.get("/evaluasi/").get_data(as_text=True)
    assert "belum tercatat" in admin.get(f"/evaluasi/{ev.id}/keberatan").get_data(as_text=True)


def test_decision_sets_both_ratings_and_the_predikat_follows(make_browser, skenario, factory):
    """Found: "ubah" overwrote only the predikat; form B printed contradicting ratings."""
    s = skenario
    ev = _keberatan_dijelaskan(s, factory)  # Sesuai / Di Atas → Baik
    kode_v1, b_v1 = ev.kode, services.document_for(factory.akun_of(s.org.kasi), ev.id, "B")[0]
    kabid = login(make_browser, s.org.kabid)
    page = kabid.get(f"/evaluasi/{ev.id}/keberatan").get_data(as_text=True)
    assert "Rating Hasil Kerja" in page and "Rating Perilaku Kerja" in page
    r = kabid.post(f"/evaluasi/{ev.id}/keberatan/keputusan",
                   {"keputusan": "ubah", "rating_hasil_kerja": A, "rating_perilaku_kerja": A,
                    "pertimbangan": "Bukti dukung menunjukkan hasil di atas ekspektasi."})
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    ev = _ev(ev)
    assert (ev.rating_hasil_kerja, ev.rating_perilaku_kerja, ev.predikat) == (A, A, "Sangat Baik")
    assert ev.predikat_awal == "Baik"
    text = pdf_text(kabid.get(f"/evaluasi/{ev.id}/cetak/evaluasi").data)
    assert "SANGAT BAIK" in text and "SESUAI EKSPEKTASI" not in text
    assert "Cocok." in _upload(make_browser(), ev.kode, kabid.get(f"/evaluasi/{ev.id}/cetak/evaluasi").data)
    assert "diganti" in _upload(make_browser(), kode_v1, b_v1)


def test_decision_with_unchanged_ratings_is_refused(make_browser, skenario, factory):
    s = skenario
    ev = _keberatan_dijelaskan(s, factory)
    kabid = login(make_browser, s.org.kabid)
    r = kabid.post(f"/evaluasi/{ev.id}/keberatan/keputusan",
                   {"keputusan": "ubah", "rating_hasil_kerja": S, "rating_perilaku_kerja": A, "pertimbangan": "Ubah."})
    assert r.status_code == 422 and "sama dengan semula" in r.get_data(as_text=True)
    r = kabid.post(f"/evaluasi/{ev.id}/keberatan/keputusan",
                   {"keputusan": "ubah", "rating_hasil_kerja": "", "rating_perilaku_kerja": A, "pertimbangan": "Ubah."})
    assert r.status_code == 422 and "Pilih Rating Hasil Kerja" in r.get_data(as_text=True)
    assert _ev(ev).status == rules.DIJELASKAN


def test_pegawai_signing_after_handover_issues_a_new_version(make_browser, skenario, factory):
    s = skenario
    ev = _siap_ttd(s, factory)
    kasi, staf = login(make_browser, s.org.kasi), login(make_browser, s.org.staf1)
    _ttd(kasi, ev)
    ev = _ev(ev)
    kode_v1, diterima = ev.kode, ev.tanggal_diterima
    assert "Belum ditandatangani" in pdf_text(staf.get(f"/evaluasi/{ev.id}/cetak/dokumen").data)
    _ttd(staf, ev)
    ev = _ev(ev)
    assert ev.status == rules.SELESAI and ev.dokumen_versi == 2 and ev.tanggal_diterima == diterima
    assert pdf_text(staf.get(f"/evaluasi/{ev.id}/cetak/dokumen").data).count("Ditandatangani secara elektronik") == 2
    lama = make_browser().get(f"/v/{kode_v1}").get_data(as_text=True)
    assert "Versi 1 sudah diganti" in lama and "ditandatangani pegawai pada" in lama
