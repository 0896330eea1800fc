"""The top of the tree (issue #10 §1): officials outside the dinas evaluate the Kepala Dinas,
through an account limited to what they must see and sign, or on paper recorded by the admin."""

from __future__ import annotations

import io

import pytest
from werkzeug.security import generate_password_hash

from kinerja.errors import DomainError, PermissionDenied
from kinerja.evaluasi import queries, rules, services
from kinerja.extensions import db
from kinerja.models import Akun, AuditEvent, CapaianOrganisasi, Evaluasi, PejabatLuar
from kinerja.pejabat_luar import services as luar_services
from kinerja.waktu import today_local
from tests.support.evaluasi import A, S, buat_periode, buat_skp, evaluasi_of, isi_realisasi
from tests.support.factories import PASSWORD

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def puncak(factory, org):
    """org + Sekda (penilai of kadis, with an account) and Bupati (atasan penilai, no NIP, no account)."""
    periode = buat_periode()
    for name in ("kadis", "kabid", "kasi", "staf1"):
        buat_skp(getattr(org, name))
    sekda = luar_services.save_pejabat_luar(org.admin, None, luar_services.DataPejabat(
        nama="Drs. Sekda Uji, M.Si.", nip="197001011990031001", pangkat_golongan="IV/d Pembina Utama Madya",
        jabatan="Sekretaris Daerah", instansi="Pemerintah Kabupaten Uji"))
    bupati = luar_services.save_pejabat_luar(org.admin, None, luar_services.DataPejabat(
        nama="Bupati Uji", jabatan="Bupati", instansi="Pemerintah Kabupaten Uji"))
    luar_services.set_penilai_luar(org.admin, org.kadis.id, sekda.id, bupati.id)
    akun = Akun(username="sekda", pejabat_luar_id=sekda.id, password_hash=generate_password_hash(PASSWORD),
                harus_ganti_sandi=False)
    db.session.add(akun)
    db.session.flush()
    services.open_evaluasi(org.admin, periode.id)
    return type("Puncak", (), dict(org=org, periode=periode, sekda=sekda, bupati=bupati, akun_sekda=akun,
                                   ev=evaluasi_of(org.kadis, periode)))


def _nilai_kadis(factory, p, aktor):
    ev = p.ev
    isi_realisasi(factory, ev)
    services.set_capaian_organisasi(aktor, p.org.root.id, p.periode.id, "Baik")
    services.save_penilaian(aktor, ev.id, services.PenilaianInput(
        rating_hasil_kerja=None, rating_perilaku_kerja=A,
        umpan_balik_rhk={r.id: "Capaian dinas sesuai rencana." for r in ev.skp.rhk},
        umpan_balik_perilaku={n: "Memimpin dengan teladan." for n in range(1, 8)}))
    services.finalize_evaluasi(aktor, ev.id)
    services.sign_evaluasi(factory.akun_of(p.org.kadis), ev.id, PASSWORD, "http://kinerja.test/")


def test_kepala_dinas_gets_the_external_penilai_and_the_bupati_as_atasan_penilai(puncak):
    p = puncak
    assert p.ev.penilai_id is None and p.ev.penilai_luar_id == p.sekda.id and p.ev.atasan_penilai_luar_id == p.bupati.id
    kabid = evaluasi_of(p.org.kabid, p.periode)  # penilai kadis, atasan penilai: the Sekda
    assert kabid.penilai_id == p.org.kadis.id and kabid.atasan_penilai_luar_id == p.sekda.id


def test_sekda_account_rates_and_signs_the_kepala_dinas(puncak, factory):
    p = puncak
    _nilai_kadis(factory, p, p.akun_sekda)
    services.sign_evaluasi(p.akun_sekda, p.ev.id, PASSWORD, "http://kinerja.test/")
    ev = db.session.get(Evaluasi, p.ev.id)
    assert ev.status == rules.SELESAI and ev.dokumen_c_sha256
    assert ev.rating_hasil_kerja == S and ev.predikat == "Baik"  # the head: hasil kerja follows the dinas's capaian
    assert ev.snapshot_penilai["nama"] == "Drs. Sekda Uji, M.Si." and ev.snapshot_penilai["jabatan"] == "Sekretaris Daerah"
    assert ev.snapshot_atasan_penilai["nama"] == "Bupati Uji" and ev.snapshot_atasan_penilai["nip"] == ""
    capaian = db.session.query(CapaianOrganisasi).one()
    assert capaian.penetap["nama"] == "Drs. Sekda Uji, M.Si." and not capaian.penetap.get("dicatat_admin")


def test_sekda_account_sees_only_what_concerns_the_sekda(puncak, factory):
    p = puncak
    staf = evaluasi_of(p.org.staf1, p.periode)
    assert [e.id for e in queries.list_evaluasi_dinilai(p.akun_sekda, p.periode.id)] == [p.ev.id]
    with pytest.raises(Exception) as err:
        queries.get_visible(p.akun_sekda, staf.id)
    assert type(err.value).__name__ == "NotFound"
    with pytest.raises(PermissionDenied):  # a bidang's capaian is the kepala dinas's decision
        services.set_capaian_organisasi(p.akun_sekda, p.org.bidang.id, p.periode.id, "Baik")


def test_paper_signature_recorded_by_admin_with_scan(puncak, factory):
    p = puncak
    _nilai_kadis(factory, p, p.akun_sekda)
    ev = p.ev
    with pytest.raises(DomainError, match="sebelum pegawai menandatangani"):
        services.record_ttd_manual(p.org.admin, ev.id, ev.periode.tanggal_mulai, services.Pindaian("scan.png", PNG))
    with pytest.raises(DomainError, match="PDF, JPG, atau PNG"):
        services.record_ttd_manual(p.org.admin, ev.id, today_local(), services.Pindaian("scan.png", b"GIF89a...."))
    with pytest.raises(PermissionDenied):
        services.record_ttd_manual(factory.akun_of(p.org.kadis), ev.id, today_local(), services.Pindaian("scan.png", PNG))

    services.record_ttd_manual(p.org.admin, ev.id, today_local(), services.Pindaian("ttd sekda.png", PNG), "http://kinerja.test/")
    ev = db.session.get(Evaluasi, ev.id)
    assert ev.status == rules.SELESAI and ev.ttd_penilai_manual and ev.tanggal_diterima == today_local()
    assert services.pindaian_path(ev.ttd_penilai_pindaian).read_bytes() == PNG
    assert db.session.query(AuditEvent).filter_by(aksi="evaluasi.ttd_penilai_manual").count() == 1


def test_manual_signature_only_for_an_external_penilai(factory, org):
    periode = buat_periode()
    buat_skp(org.staf1)
    services.open_evaluasi(org.admin, periode.id)
    ev = evaluasi_of(org.staf1, periode)
    with pytest.raises(DomainError, match="di luar instansi"):
        services.record_ttd_manual(org.admin, ev.id, periode.tanggal_mulai, services.Pindaian("x.png", PNG))


def test_admin_evaluasi_page_lists_who_cannot_be_evaluated_and_why(factory, org):
    periode = buat_periode()
    for name in ("kabid", "kasi", "staf1"):
        buat_skp(getattr(org, name))
    daftar = {t.pegawai.nama: t.alasan for t in queries.tidak_dapat_dievaluasi(periode)}
    assert "belum ada pejabat penilai" in daftar["Kepala Dinas Uji"][0]
    assert any("belum ada SKP" in a for a in daftar["Staf Dua"])
    assert any("capaian kinerja organisasi" in a for a in daftar["Staf Satu"])


# ------------------------------------------------------------------ through the pages

def _login(make_browser, who: str):
    b = make_browser()
    assert b.login(who, PASSWORD).status_code == 302
    return b


def test_admin_pages_for_pejabat_luar(make_browser, factory, org):
    admin = _login(make_browser, "admin")
    assert admin.get("/pejabat-luar").status_code == 200
    data = {"nama": "Sekda Baru", "nip": "", "pangkat_golongan": "", "jabatan": "Sekretaris Daerah",
            "instansi": "Pemerintah Kabupaten Uji", "aktif": "y"}
    assert admin.post("/pejabat-luar/baru", data, csrf=False).status_code == 400
    assert admin.post("/pejabat-luar/baru", dict(data, nip="123")).status_code == 422
    assert admin.post("/pejabat-luar/baru", data).status_code == 302
    sekda = db.session.query(PejabatLuar).filter_by(nama="Sekda Baru").one()
    prefix = f"p{org.kadis.id}-"
    assert admin.post(f"/pejabat-luar/penugasan/{org.kadis.id}", {prefix + "penilai_luar_id": str(sekda.id),
                                                                  prefix + "atasan_penilai_luar_id": ""}).status_code == 302
    assert db.session.get(type(org.kadis), org.kadis.id).penilai_luar_id == sekda.id
    prefix = f"p{org.kabid.id}-"  # has an atasan in the dinas: refused
    assert admin.post(f"/pejabat-luar/penugasan/{org.kabid.id}",
                      {prefix + "penilai_luar_id": str(sekda.id)}).status_code == 422
    r = admin.post(f"/pejabat-luar/{sekda.id}/akun", {"username": "sekda.uji"})
    assert r.status_code == 200 and "Kata sandi sementara" in r.get_data(as_text=True)
    assert db.session.query(Akun).filter_by(username="sekda.uji").one().pejabat_luar_id == sekda.id
    pegawai = _login(make_browser, org.kabid.nip)
    for url in ("/pejabat-luar", f"/pejabat-luar/{sekda.id}"):
        assert pegawai.get(url).status_code == 403
    assert pegawai.post("/pejabat-luar/baru", data).status_code == 403


def test_sekda_logs_in_and_signs_through_the_pages(make_browser, puncak, factory):
    p = puncak
    _nilai_kadis(factory, p, p.akun_sekda)
    sekda = _login(make_browser, "sekda")
    page = sekda.get(f"/evaluasi/?periode={p.periode.id}").get_data(as_text=True)
    assert p.org.kadis.nama in page
    assert sekda.get(f"/evaluasi/{evaluasi_of(p.org.staf1, p.periode).id}").status_code == 404
    assert sekda.get("/aktivitas").status_code in (403, 404, 302)
    assert sekda.post(f"/evaluasi/{p.ev.id}/tanda-tangan", {"kata_sandi": PASSWORD}, csrf=False).status_code == 400
    r = sekda.post(f"/evaluasi/{p.ev.id}/tanda-tangan", {"kata_sandi": PASSWORD})
    assert r.status_code == 302
    assert db.session.get(Evaluasi, p.ev.id).status == rules.SELESAI


def test_paper_signature_through_the_page(make_browser, puncak, factory):
    p = puncak
    _nilai_kadis(factory, p, p.akun_sekda)
    admin = _login(make_browser, "admin")
    assert "Catat Tanda Tangan Manual" in admin.get(f"/evaluasi/{p.ev.id}").get_data(as_text=True)
    data = lambda: {"tanggal": today_local().isoformat(), "pindaian": (io.BytesIO(PNG), "ttd.png")}  # noqa: E731
    assert admin.post(f"/evaluasi/{p.ev.id}/ttd-manual", data(), csrf=False).status_code == 400
    kadis = _login(make_browser, p.org.kadis.nip)
    assert kadis.post(f"/evaluasi/{p.ev.id}/ttd-manual", data()).status_code == 403
    r = admin.post(f"/evaluasi/{p.ev.id}/ttd-manual", {"tanggal": today_local().isoformat(),
                                                       "pindaian": (io.BytesIO(b"not an image"), "ttd.png")})
    assert r.status_code == 422 and "PDF, JPG, atau PNG" in r.get_data(as_text=True)
    assert admin.post(f"/evaluasi/{p.ev.id}/ttd-manual", data()).status_code == 302
    assert db.session.get(Evaluasi, p.ev.id).status == rules.SELESAI
    r = kadis.get(f"/evaluasi/{p.ev.id}/pindaian")
    assert r.status_code == 200 and r.data == PNG
    assert _login(make_browser, p.org.staf1.nip).get(f"/evaluasi/{p.ev.id}/pindaian").status_code == 404


def test_sekda_approves_the_skp_of_the_kepala_dinas(factory, org):
    from kinerja.errors import NotFound
    from kinerja.skp import queries as skp_queries
    from kinerja.skp import services as skp_services

    sekda = luar_services.save_pejabat_luar(org.admin, None, luar_services.DataPejabat(
        nama="Sekda Uji", jabatan="Sekretaris Daerah", instansi="Pemerintah Kabupaten Uji"))
    luar_services.set_penilai_luar(org.admin, org.kadis.id, sekda.id, None)
    akun = Akun(username="sekda", pejabat_luar_id=sekda.id, password_hash=generate_password_hash(PASSWORD),
                harus_ganti_sandi=False)
    db.session.add(akun)
    skp = buat_skp(org.kadis, approved=False)
    skp.status = "Diajukan"
    staf = buat_skp(org.staf1)
    db.session.flush()
    with pytest.raises(NotFound):  # the Sekda sees only the SKP of those he evaluates
        skp_queries.get_skp(akun, staf.id)
    with pytest.raises(NotFound):  # a kepala bidang cannot even see the top's SKP (404 policy)
        skp_services.approve_skp(factory.akun_of(org.kabid), skp.id, {n: "Teladan." for n in range(1, 8)})
    skp_services.approve_skp(akun, skp.id, {n: "Memimpin dengan teladan." for n in range(1, 8)})
    skp = skp_queries.get_skp(akun, skp.id)
    assert skp.status == "Disetujui" and skp.penilai_luar_id == sekda.id and not skp.disetujui_oleh_admin
    assert skp.snapshot_penilai["nama"] == "Sekda Uji" and skp.snapshot_penilai["instansi"] == "Pemerintah Kabupaten Uji"


def test_sekda_is_notified_when_the_kepala_dinas_submits_and_signs(puncak, factory):
    from kinerja.models import Notifikasi

    p = puncak
    _nilai_kadis(factory, p, p.akun_sekda)
    pesan = [n.pesan for n in db.session.query(Notifikasi).filter_by(penerima_id=p.akun_sekda.id)]
    assert any("mengajukan realisasi" in m for m in pesan) and any("Giliran Anda" in m for m in pesan)


# ------------------------------------------------------------------ Penetapan Predikat Kinerja

def test_penetapan_predikat_kinerja_signed_by_whoever_set_the_capaian(make_browser, factory, org):
    from pypdf import PdfReader

    periode = buat_periode()
    for name in ("kabid", "kasi", "staf1", "staf2"):
        buat_skp(getattr(org, name))
    services.open_evaluasi(org.admin, periode.id)
    services.set_capaian_organisasi(factory.akun_of(org.kadis), org.bidang.id, periode.id, "Baik")
    db.session.commit()
    url = f"/evaluasi/unit/{org.bidang.id}/penetapan?periode={periode.id}"
    kabid = _login(make_browser, org.kabid.nip)  # the bidang's own head: may print, may not sign
    r = kabid.get(url)
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    draft = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.data)).pages).split())
    assert "PENETAPAN PREDIKAT KINERJA" in draft and "Bidang Uji" in draft and "/v/" not in draft  # no QR yet
    assert kabid.post(url, {"kata_sandi": PASSWORD}).status_code == 403
    assert _login(make_browser, org.staf3.nip).get(url).status_code == 404
    assert _login(make_browser, org.kabid2.nip).post(url, {"kata_sandi": PASSWORD}).status_code == 404
    kadis = _login(make_browser, org.kadis.nip)
    assert kadis.post(url, {"kata_sandi": PASSWORD}, csrf=False).status_code == 400
    assert kadis.post(url, {"kata_sandi": "salah-sekali"}).status_code == 422
    assert kadis.post(url, {"kata_sandi": PASSWORD}).status_code == 302
    item = db.session.query(CapaianOrganisasi).filter_by(unit_id=org.bidang.id).one()
    assert item.ttd_at is not None and item.kode and item.dokumen_sha256
    signed = kabid.get(url).data
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(signed)).pages).split())
    assert f"/v/{item.kode}" in text and "Ditandatangani secara elektronik" in text and org.kadis.nama in text
    assert signed == kadis.get(url).data  # the stored file, byte-identical
    publik = make_browser().get(f"/v/{item.kode}").get_data(as_text=True)
    assert "Verifikasi Penetapan Predikat Kinerja" in publik and item.dokumen_sha256 in publik
    with pytest.raises(DomainError, match="sudah ditandatangani"):  # signed: the capaian is frozen
        services.set_capaian_organisasi(factory.akun_of(org.kadis), org.bidang.id, periode.id, "Istimewa")
