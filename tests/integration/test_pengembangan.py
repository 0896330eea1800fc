"""Pengembangan: the rencana after a signed evaluation, evidence and confirmation, JP, B.1.8/B.1.9, tindak lanjut."""

from __future__ import annotations

import io
import secrets
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from kinerja.errors import DomainError, PermissionDenied
from kinerja.extensions import db
from kinerja.models import (
    AuditEvent,
    Evaluasi,
    KegiatanPengembangan,
    RencanaPengembangan,
    TindakLanjutEvaluasi,
    UmpanBalikBimbingan,
)
from kinerja.pengembangan import queries, rules, services
from kinerja.waktu import today_local, utcnow
from tests.support.evaluasi import buat_periode, buat_skp
from tests.support.factories import PASSWORD

PDF = b"%PDF-1.4\n%sertifikat\n%%EOF\n"


def count(model, *where):
    return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def evaluasi(org, signed: bool = True, pegawai=None, periode=None) -> Evaluasi:
    """An evaluation of staf1 (penilai kasi), built directly: only its status and signature fields matter here."""
    pegawai = pegawai or org.staf1
    periode = periode or buat_periode()
    skp = buat_skp(pegawai, tahun=periode.tanggal_mulai.year)
    ev = Evaluasi(periode_id=periode.id, pegawai_id=pegawai.id, skp_id=skp.id, penilai_id=pegawai.atasan_id,
                  atasan_penilai_id=pegawai.atasan.atasan_id, unit_id=pegawai.unit_id, kode=secrets.token_urlsafe(12),
                  riwayat_dokumen=[], status="Selesai" if signed else "Dinilai", predikat="Baik",
                  ttd_pegawai_at=utcnow() - timedelta(days=2) if signed else None,
                  ttd_penilai_at=utcnow() - timedelta(days=1) if signed else None)
    db.session.add(ev)
    db.session.flush()
    return ev


def akun(factory, pegawai):
    return factory.akun_of(pegawai)


def kegiatan_data(jp=12, hari=30, jenis="Pelatihan"):
    return rules.KegiatanData("Analisis data", jenis, "Pelatihan analisis data", jp, today_local() + timedelta(days=hari))


def disepakati(factory, org, ev):
    penilai, pegawai = akun(factory, org.kasi), akun(factory, org.staf1)
    services.save_kompetensi(penilai, ev.id, [("Analisis data", 2, "Belum memakai data dalam laporan")])
    item = services.add_kegiatan(penilai, ev.id, kegiatan_data())
    services.sign_rencana(penilai, ev.id)
    services.sign_rencana(pegawai, ev.id)
    return item


def test_plan_needs_a_signed_evaluation(factory, org, browser):
    ev = evaluasi(org, signed=False)
    with pytest.raises(DomainError, match="setelah evaluasi ditandatangani"):
        services.add_kegiatan(akun(factory, org.kasi), ev.id, kegiatan_data())
    browser.login(org.staf1.nip, PASSWORD)
    html = browser.get(f"/pengembangan/evaluasi/{ev.id}").get_data(as_text=True)
    assert "Rencana Pengembangan Kompetensi" in html and "setelah evaluasi ini ditandatangani" in html


def test_penilai_and_pegawai_agree_and_the_document_is_stored(factory, org, browser, make_browser):
    ev = evaluasi(org)
    penilai = make_browser()
    penilai.login(org.kasi.nip, PASSWORD)
    r = penilai.post(f"/pengembangan/evaluasi/{ev.id}/kompetensi",
                     {"kompetensi-0": "Analisis data", "nilai-0": "2", "alasan-0": "Laporan belum berbasis data"})
    assert r.status_code == 302
    r = penilai.post(f"/pengembangan/evaluasi/{ev.id}/kegiatan", {
        "kesenjangan": "Analisis data", "jenis": "Pelatihan", "uraian": "Diklat", "jp": "12",
        "target_tanggal": (today_local() + timedelta(days=60)).isoformat()})
    assert r.status_code == 302
    browser.login(org.staf1.nip, PASSWORD)
    r = browser.post(f"/pengembangan/evaluasi/{ev.id}/kegiatan", {
        "kesenjangan": "Menulis laporan", "jenis": "Mentoring", "jp": "8",
        "target_tanggal": (today_local() + timedelta(days=90)).isoformat()})
    assert r.status_code == 302  # the pegawai proposes too
    assert penilai.post(f"/pengembangan/evaluasi/{ev.id}/setujui").status_code == 302
    rencana = db.session.execute(select(RencanaPengembangan)).scalar_one()
    assert rencana.ttd_penilai_at is not None and not rencana.disepakati and rencana.dokumen_sha256 is None
    assert browser.post(f"/pengembangan/evaluasi/{ev.id}/setujui").status_code == 302
    db.session.refresh(rencana)
    assert rencana.disepakati and len(rencana.dokumen_sha256) == 64
    assert rencana.snapshot_pegawai["nama"] == "Staf Satu"
    # Agreed: locked for both.
    r = browser.post(f"/pengembangan/evaluasi/{ev.id}/kegiatan", {
        "kesenjangan": "X", "jenis": "Seminar", "jp": "2", "target_tanggal": today_local().isoformat()})
    assert r.status_code == 422 and "sudah disepakati" in r.get_data(as_text=True)
    assert count(KegiatanPengembangan) == 2
    pdf = browser.get(f"/pengembangan/evaluasi/{ev.id}/cetak/b19")
    assert pdf.status_code == 200 and pdf.content_type == "application/pdf" and pdf.data.startswith(b"%PDF")
    import hashlib

    assert hashlib.sha256(pdf.data).hexdigest() == rencana.dokumen_sha256  # reprints serve the stored file
    assert count(AuditEvent, AuditEvent.aksi == "baca.rencana_pengembangan") == 0  # the pegawai's own
    assert penilai.get(f"/pengembangan/evaluasi/{ev.id}/cetak/b19").data == pdf.data
    assert count(AuditEvent, AuditEvent.aksi == "baca.rencana_pengembangan") == 1  # the penilai's read is audited
    publik = make_browser().get(f"/pengembangan/v/{rencana.kode}")
    assert publik.status_code == 200 and "Staf Satu" in publik.get_data(as_text=True)
    assert count(AuditEvent, AuditEvent.aksi == "pengembangan.setujui") == 2


def test_draft_b19_has_no_verification_address(factory, org, browser):
    ev = evaluasi(org)
    services.add_kegiatan(akun(factory, org.kasi), ev.id, kegiatan_data())
    rencana = db.session.execute(select(RencanaPengembangan)).scalar_one()
    browser.login(org.kasi.nip, PASSWORD)
    pdf = browser.get(f"/pengembangan/evaluasi/{ev.id}/cetak/b19")
    assert pdf.status_code == 200 and rencana.kode.encode() not in pdf.data
    assert make_public_404(browser, rencana.kode)


def make_public_404(browser, kode):
    return browser.get(f"/pengembangan/v/{kode}").status_code == 404 and browser.get("/pengembangan/v/zz").status_code == 404


def test_change_after_one_signature_asks_both_again(factory, org):
    ev = evaluasi(org)
    penilai, pegawai = akun(factory, org.kasi), akun(factory, org.staf1)
    services.add_kegiatan(penilai, ev.id, kegiatan_data())
    services.sign_rencana(penilai, ev.id)
    services.add_kegiatan(pegawai, ev.id, kegiatan_data(jp=4, jenis="Seminar"))
    rencana = db.session.execute(select(RencanaPengembangan)).scalar_one()
    assert rencana.ttd_penilai_at is None
    with pytest.raises(DomainError, match="paling sedikit satu"):
        services.sign_rencana(penilai, evaluasi(org, pegawai=org.staf2, periode=ev.periode).id)


def test_outsiders_and_wrong_roles(factory, org, make_browser):
    ev = evaluasi(org)
    for who in (org.staf2, org.kabid2, org.staf3):
        b = make_browser()
        b.login(who.nip, PASSWORD)
        assert b.get(f"/pengembangan/evaluasi/{ev.id}").status_code == 404
        assert b.post(f"/pengembangan/evaluasi/{ev.id}/kegiatan", {
            "kesenjangan": "X", "jenis": "Seminar", "jp": "2",
            "target_tanggal": today_local().isoformat()}).status_code == 404
        assert b.get(f"/pengembangan/evaluasi/{ev.id}/cetak/b19").status_code == 404
    kabid = make_browser()
    kabid.login(org.kabid.nip, PASSWORD)  # above in the chain: reads, does not edit
    assert kabid.get(f"/pengembangan/evaluasi/{ev.id}").status_code == 200
    assert kabid.post(f"/pengembangan/evaluasi/{ev.id}/setujui").status_code == 403
    with pytest.raises(PermissionDenied):
        services.save_kompetensi(akun(factory, org.staf1), ev.id, [("A", 3, "b")])  # the pegawai does not rate himself
    assert count(RencanaPengembangan) == 0


def test_permission_is_checked_before_the_form_and_the_state(factory, org, make_browser):
    """Issue #9 §2: 404 outside the evaluation, 403 for who sees it but may not act, whatever the form or state."""
    ev = evaluasi(org)
    item = disepakati(factory, org, ev)
    services.submit_bukti(akun(factory, org.staf1), item.id, services.Bukti("s.pdf", PDF), today_local())
    admin = make_browser()
    admin.login("admin", PASSWORD)  # sees every evaluation, is no party to the rencana
    for url in (f"/pengembangan/evaluasi/{ev.id}/kegiatan", f"/pengembangan/evaluasi/{ev.id}/kompetensi",
                f"/pengembangan/evaluasi/{ev.id}/setujui", f"/pengembangan/kegiatan/{item.id}/hapus",
                f"/pengembangan/kegiatan/{item.id}/bukti", f"/pengembangan/kegiatan/{item.id}/konfirmasi"):
        assert admin.post(url, {}).status_code == 403, url
    kasi = make_browser()
    kasi.login(org.kasi.nip, PASSWORD)
    assert kasi.post(f"/pengembangan/kegiatan/{item.id}/bukti", {}).status_code == 403  # only the pegawai uploads
    staf = make_browser()
    staf.login(org.staf1.nip, PASSWORD)
    assert staf.post(f"/pengembangan/evaluasi/{ev.id}/kompetensi", {}).status_code == 403  # the penilai rates
    assert staf.post(f"/pengembangan/kegiatan/{item.id}/konfirmasi", {}).status_code == 403  # the atasan confirms
    luar = make_browser()
    luar.login(org.staf3.nip, PASSWORD)
    for url in (f"/pengembangan/evaluasi/{ev.id}/tindak-lanjut", f"/pengembangan/kegiatan/{item.id}/konfirmasi",
                f"/pengembangan/kegiatan/{item.id}/bukti", f"/pengembangan/kegiatan/{item.id}/hapus"):
        assert luar.post(url, {}).status_code == 404, url


def test_evidence_confirmation_and_jp(factory, org, browser, make_browser):
    ev = evaluasi(org)
    item = disepakati(factory, org, ev)
    browser.login(org.staf1.nip, PASSWORD)
    palsu = {"bukti": (io.BytesIO(b"MZ\x90\x00exe"), "sertifikat.pdf"), "tanggal_selesai": today_local().isoformat()}
    r = browser.post(f"/pengembangan/kegiatan/{item.id}/bukti", palsu, content_type="multipart/form-data")
    assert r.status_code == 422 and "tidak didukung" in r.get_data(as_text=True)
    besok = {"bukti": (io.BytesIO(PDF), "s.pdf"), "tanggal_selesai": (today_local() + timedelta(days=1)).isoformat()}
    r = browser.post(f"/pengembangan/kegiatan/{item.id}/bukti", besok, content_type="multipart/form-data")
    assert r.status_code == 422 and "masa depan" in r.get_data(as_text=True)
    ok = {"bukti": (io.BytesIO(PDF), "sertifikat.pdf"), "tanggal_selesai": today_local().isoformat()}
    r = browser.post(f"/pengembangan/kegiatan/{item.id}/bukti", ok, content_type="multipart/form-data")
    assert r.status_code == 302
    db.session.refresh(item)
    assert item.status == rules.MENUNGGU
    assert queries.capaian_jp(org.staf1.id, today_local().year).total == 0  # not confirmed yet

    atasan = make_browser()
    atasan.login(org.kasi.nip, PASSWORD)
    unduh = atasan.get(f"/pengembangan/kegiatan/{item.id}/bukti")
    assert unduh.status_code == 200 and unduh.data == PDF and unduh.headers["Content-Disposition"].startswith("attachment")
    unduh.close()
    assert count(AuditEvent, AuditEvent.aksi == "baca.bukti_pengembangan") == 1
    assert browser.post(f"/pengembangan/kegiatan/{item.id}/konfirmasi", {"keputusan": "setuju"}).status_code == 403
    r = atasan.post(f"/pengembangan/kegiatan/{item.id}/konfirmasi", {"keputusan": "kembalikan"}, follow_redirects=True)
    assert "catatan" in r.get_data(as_text=True).lower()
    assert atasan.post(f"/pengembangan/kegiatan/{item.id}/konfirmasi", {"keputusan": "setuju"}, csrf=False).status_code == 400
    assert atasan.post(f"/pengembangan/kegiatan/{item.id}/konfirmasi", {"keputusan": "setuju"}).status_code == 302
    db.session.refresh(item)
    assert item.status == rules.SELESAI
    jp = queries.capaian_jp(org.staf1.id, today_local().year)
    assert (jp.total, jp.kurang) == (12, 8)
    assert queries.jp_per_pegawai(today_local().year) == {org.staf1.id: 12}
    assert "12 JP" in browser.get("/akun").get_data(as_text=True)  # shown on the pegawai's own page
    assert count(AuditEvent, AuditEvent.aksi == "pengembangan.konfirmasi") == 1
    luar = make_browser()
    luar.login(org.staf3.nip, PASSWORD)
    assert luar.get(f"/pengembangan/kegiatan/{item.id}/bukti").status_code == 404


def test_umpan_balik_bimbingan_b18(factory, org, browser):
    ev = evaluasi(org)
    browser.login(org.staf1.nip, PASSWORD)
    tidak_lengkap = {f"nilai-{n}": "4" for n in range(1, 9)}
    r = browser.post(f"/pengembangan/evaluasi/{ev.id}/umpan-balik", tidak_lengkap)
    assert r.status_code == 422 and "kesembilan" in r.get_data(as_text=True)
    lengkap = {f"nilai-{n}": str(1 + n % 5) for n in range(1, 10)}
    assert browser.post(f"/pengembangan/evaluasi/{ev.id}/umpan-balik", lengkap, csrf=False).status_code == 400
    assert browser.post(f"/pengembangan/evaluasi/{ev.id}/umpan-balik", lengkap).status_code == 302
    ub = db.session.execute(select(UmpanBalikBimbingan)).scalar_one()
    assert ub.nilai == [1 + n % 5 for n in range(1, 10)] and len(ub.dokumen_sha256) == 64
    pdf = browser.get(f"/pengembangan/evaluasi/{ev.id}/cetak/b18")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    r = browser.post(f"/pengembangan/evaluasi/{ev.id}/umpan-balik", lengkap)
    assert r.status_code == 422 and "sudah diisi" in r.get_data(as_text=True)
    assert count(AuditEvent, AuditEvent.aksi == "baca.umpan_balik_bimbingan") == 0  # own document
    assert browser.get(f"/pengembangan/evaluasi/{ev.id}/cetak/b99").status_code == 404
    with pytest.raises(PermissionDenied):
        services.submit_umpan_balik(akun(factory, org.kasi), ev.id, [3] * 9)  # only the pegawai


def test_tindak_lanjut_by_admin_visible_to_pegawai(factory, org, browser, make_browser):
    ev = evaluasi(org)
    data = {"jenis": "Penghargaan", "uraian": "Pegawai teladan semester", "tanggal": today_local().isoformat(),
            "nomor_sk": "800/123/DISKOMINFO/2026"}
    kasi = make_browser()
    kasi.login(org.kasi.nip, PASSWORD)
    assert kasi.post(f"/pengembangan/evaluasi/{ev.id}/tindak-lanjut", data).status_code == 403
    browser.login("admin", PASSWORD)
    assert browser.post(f"/pengembangan/evaluasi/{ev.id}/tindak-lanjut", data, csrf=False).status_code == 400
    r = browser.post(f"/pengembangan/evaluasi/{ev.id}/tindak-lanjut", {**data, "nomor_sk": ""})
    assert r.status_code == 422
    assert browser.post(f"/pengembangan/evaluasi/{ev.id}/tindak-lanjut", data).status_code == 302
    assert count(TindakLanjutEvaluasi) == 1
    staf = make_browser()
    staf.login(org.staf1.nip, PASSWORD)
    html = staf.get(f"/pengembangan/evaluasi/{ev.id}").get_data(as_text=True)
    assert "Pegawai teladan semester" in html and "800/123/DISKOMINFO/2026" in html
    assert "Catat Tindak Lanjut" not in html
    assert "Pegawai teladan semester" in staf.get(f"/evaluasi/{ev.id}").get_data(as_text=True)
    assert count(AuditEvent, AuditEvent.aksi == "pengembangan.tindak_lanjut") == 1


def test_next_evaluation_shows_what_was_planned_and_achieved(factory, org, browser):
    s1 = buat_periode(kode="S1")
    ev1 = evaluasi(org, periode=s1)
    item = disepakati(factory, org, ev1)
    services.submit_bukti(akun(factory, org.staf1), item.id, services.Bukti("s.pdf", PDF), today_local())
    services.confirm_kegiatan(akun(factory, org.kasi), item.id, True)
    s2 = buat_periode(kode="S2")
    ev2 = Evaluasi(periode_id=s2.id, pegawai_id=org.staf1.id, skp_id=ev1.skp_id, penilai_id=org.kasi.id,
                   unit_id=org.seksi.id, kode=secrets.token_urlsafe(12), riwayat_dokumen=[], status="Draft")
    db.session.add(ev2)
    db.session.flush()
    browser.login(org.staf1.nip, PASSWORD)
    html = browser.get(f"/evaluasi/{ev2.id}").get_data(as_text=True)
    assert "Rencana setelah evaluasi Semester I" in html and "direncanakan 12 JP, tercapai 12 JP" in html
    sebelumnya = queries.rencana_sebelumnya(ev2)
    assert sebelumnya.evaluasi_id == ev1.id and sebelumnya.jp_tercapai == 12


def test_overview_page(factory, org, make_browser, count_queries):
    ev = evaluasi(org)
    disepakati(factory, org, ev)
    for who, teks in ((org.staf1, "Pengembangan Kompetensi"), (org.kasi, "Staf Satu")):
        b = make_browser()
        b.login(who.nip, PASSWORD)
        html = b.get("/pengembangan").get_data(as_text=True)
        assert teks in html
    b = make_browser()
    b.login(org.kasi.nip, PASSWORD)
    b.get("/pengembangan")
    with count_queries() as q:
        b.get("/pengembangan")
    sedikit = q.count
    evaluasi(org, pegawai=org.staf2, periode=ev.periode)
    disepakati_staf2 = services.add_kegiatan(akun(factory, org.kasi), db.session.execute(
        select(Evaluasi.id).where(Evaluasi.pegawai_id == org.staf2.id)).scalar_one(), kegiatan_data())
    assert disepakati_staf2.id
    with count_queries() as q:
        b.get("/pengembangan")
    assert q.count == sedikit <= 12
