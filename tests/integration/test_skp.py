"""SKP pages for the pegawai: create, copy, inline RHK/IKI editing (htmx), lampiran."""

from __future__ import annotations

import pytest

from kinerja.extensions import db
from kinerja.models import AuditEvent, Iki, Rhk, Skp
from tests.support.factories import PASSWORD
from tests.support.skp_factories import TAHUN, buat_skp, tahun_kinerja


def _login(browser, pegawai):
    browser.login(pegawai.nip, PASSWORD)
    return browser


def _audit(aksi: str) -> int:
    return db.session.query(AuditEvent).filter_by(aksi=aksi).count()


# ------------------------------------------------------------------ index and create


def test_index_lists_open_years_and_creates_skp_with_perilaku_and_lampiran(browser, skp_org):
    _login(browser, skp_org.staf1)
    page = browser.get("/skp/").get_data(as_text=True)
    assert "SKP Saya" in page and "Buat SKP" in page
    r = browser.post("/skp/buat", {"tahun": TAHUN, "pendekatan": "Kualitatif"})
    assert r.status_code == 302
    skp = db.session.query(Skp).filter_by(pegawai_id=skp_org.staf1.id, tahun=TAHUN).one()
    assert (skp.status, skp.pendekatan, skp.jenis_form, skp.versi) == ("Draft", "Kualitatif", "JA_JF", 0)
    assert [p.nomor for p in skp.perilaku] == [1, 2, 3, 4, 5, 6, 7]
    assert skp.dukungan_sumber_daya and skp.skema_pertanggungjawaban and skp.konsekuensi
    assert skp.penilai_id == skp_org.kasi.id
    assert _audit("skp.buat") == 1
    page = browser.get(f"/skp/{skp.id}").get_data(as_text=True)
    for label in ("Berorientasi Pelayanan", "Kolaboratif", "Memahami dan memenuhi kebutuhan masyarakat",
                  "Tambah Rencana Hasil Kerja", "Ajukan SKP", "Cetak SKP", "Kepala Seksi Uji", "Kepala Bidang Uji"):
        assert label in page, label


def test_jpt_gets_jpt_form(browser, skp_org):
    skp_org.skp_kadis.tahun = 2025  # free 2026 for the kadis
    db.session.flush()
    _login(browser, skp_org.kadis)
    browser.post("/skp/buat", {"tahun": TAHUN, "pendekatan": "Kuantitatif"})
    assert db.session.query(Skp).filter_by(pegawai_id=skp_org.kadis.id, tahun=TAHUN).one().jenis_form == "JPT"


def test_second_skp_for_the_same_year_is_refused(browser, skp_org):
    _login(browser, skp_org.kasi)
    r = browser.post("/skp/buat", {"tahun": TAHUN, "pendekatan": "Kuantitatif"})
    assert r.status_code == 422
    assert f"Anda sudah punya SKP tahun {TAHUN}" in r.get_data(as_text=True)
    assert db.session.query(Skp).filter_by(pegawai_id=skp_org.kasi.id).count() == 1


def test_year_without_tahun_kinerja_is_refused(browser, skp_org):
    _login(browser, skp_org.staf1)
    r = browser.post("/skp/buat", {"tahun": 2031, "pendekatan": "Kuantitatif"})
    assert r.status_code == 422
    assert "belum dibuka oleh admin" in r.get_data(as_text=True)
    assert db.session.query(Skp).filter_by(pegawai_id=skp_org.staf1.id).count() == 0


def test_copy_from_last_year_clears_intervensi_and_says_so(browser, skp_org):
    tahun_kinerja(TAHUN + 1)
    lama = buat_skp(skp_org.staf1, status="Disetujui", rhk=[
        ("Utama", "Tersusunnya modul aplikasi", ["Jumlah modul", "Waktu penyelesaian"], skp_org.skp_kasi.rhk[0]),
        ("Tambahan", "Terdokumentasinya rapat", ["Jumlah notula"], None)])
    lama.konsekuensi = ["Konsekuensi khusus"]
    db.session.flush()
    _login(browser, skp_org.staf1)
    assert "Salin dari Tahun Lalu" in browser.get("/skp/").get_data(as_text=True)
    r = browser.post("/skp/salin", {"tahun": TAHUN + 1}, follow_redirects=True)
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "dikosongkan" in page and "pilih ulang" in page
    baru = db.session.query(Skp).filter_by(pegawai_id=skp_org.staf1.id, tahun=TAHUN + 1).one()
    assert [(x.jenis, x.uraian, len(x.iki), x.rhk_atasan_id) for x in baru.rhk] == [
        ("Utama", "Tersusunnya modul aplikasi", 2, None), ("Tambahan", "Terdokumentasinya rapat", 1, None)]
    assert baru.konsekuensi == ["Konsekuensi khusus"]
    assert baru.status == "Draft" and baru.versi == 0


def test_copy_without_last_year_is_refused(browser, skp_org):
    _login(browser, skp_org.staf1)
    r = browser.post("/skp/salin", {"tahun": TAHUN})
    assert r.status_code == 422
    assert "Belum ada SKP tahun 2025" in r.get_data(as_text=True)


# ------------------------------------------------------------------ RHK and IKI inline (htmx)


@pytest.fixture
def draft(skp_org):
    skp_org.draft = buat_skp(skp_org.staf1)
    return skp_org


def _rhk_data(prefix="rhk-baru", **kw):
    data = {f"{prefix}-jenis": "Utama", f"{prefix}-uraian": "Tersedianya modul layanan perizinan daring",
            f"{prefix}-rhk_atasan_id": "", f"{prefix}-penugasan_dari": ""}
    data.update({f"{prefix}-{k}": v for k, v in kw.items()})
    return data


def test_add_rhk_form_is_a_fragment_for_htmx_and_a_page_otherwise(browser, draft):
    _login(browser, draft.staf1)
    url = f"/skp/{draft.draft.id}?tambah_rhk=1"
    full = browser.get(url)
    frag = browser.get(url, htmx=True)
    assert full.status_code == frag.status_code == 200
    assert "<html" in full.get_data(as_text=True)
    body = frag.get_data(as_text=True)
    assert "<html" not in body and 'id="rhk-baru"' in body
    assert "Rencana Hasil Kerja Pimpinan yang Diintervensi" in body
    # the atasan's approved RHK are the choices
    assert "Tersedianya aplikasi e-government yang andal" in body
    assert "HX-Request" in frag.headers.get("Vary", "")
    assert "HX-Request" in full.headers.get("Vary", "")


def test_add_rhk_with_intervensi(browser, draft):
    _login(browser, draft.staf1)
    target = draft.skp_kasi.rhk[0]
    r = browser.post(f"/skp/{draft.draft.id}/rhk", _rhk_data(rhk_atasan_id=target.id), htmx=True)
    assert r.status_code == 200
    body = r.get_data(as_text=True)
    assert "<html" not in body and 'id="daftar-rhk"' in body
    assert r.headers["HX-Retarget"] == "#daftar-rhk"
    rhk = db.session.query(Rhk).filter_by(skp_id=draft.draft.id).one()
    assert (rhk.rhk_atasan_id, rhk.uraian) == (target.id, "Tersedianya modul layanan perizinan daring")
    assert _audit("rhk.tambah") == 1


def test_add_rhk_without_js_redirects(browser, draft):
    _login(browser, draft.staf1)
    r = browser.post(f"/skp/{draft.draft.id}/rhk", _rhk_data())
    assert r.status_code == 302


def test_add_rhk_validation_error_is_422_fragment(browser, draft):
    _login(browser, draft.staf1)
    r = browser.post(f"/skp/{draft.draft.id}/rhk", _rhk_data(uraian=""), htmx=True)
    assert r.status_code == 422
    body = r.get_data(as_text=True)
    assert "Tuliskan rencana hasil kerja." in body and "<html" not in body
    r = browser.post(f"/skp/{draft.draft.id}/rhk", _rhk_data(uraian=""))
    assert r.status_code == 422 and "<html" in r.get_data(as_text=True)
    assert db.session.query(Rhk).filter_by(skp_id=draft.draft.id).count() == 0


def test_intervening_a_forged_rhk_is_refused(browser, draft):
    _login(browser, draft.staf1)
    bukan_atasan = buat_skp(draft.staf3, status="Disetujui", rhk=[("Utama", "RHK orang lain", ["x"], None)])
    for forged in (bukan_atasan.rhk[0].id, draft.skp_kadis.rhk[0].id, 999999):
        r = browser.post(f"/skp/{draft.draft.id}/rhk", _rhk_data(rhk_atasan_id=forged), htmx=True)
        assert r.status_code == 422
        assert "tidak ada di SKP atasan Anda" in r.get_data(as_text=True)
    assert db.session.query(Rhk).filter_by(skp_id=draft.draft.id).count() == 0


def test_atasan_draft_skp_is_not_offered_for_intervensi(browser, skp_org):
    # staf3's atasan kabid2 has no approved SKP: nothing to pick, and the page says why
    skp = buat_skp(skp_org.staf3)
    buat_skp(skp_org.kabid2, rhk=[("Utama", "RHK kabid2 belum disetujui", ["x"], None)])
    _login(browser, skp_org.staf3)
    body = browser.get(f"/skp/{skp.id}?tambah_rhk=1", htmx=True).get_data(as_text=True)
    assert "RHK kabid2 belum disetujui" not in body
    assert "belum disetujui" in body


def test_top_of_tree_gets_a_text_field_for_the_organisation_target(browser, skp_org):
    skp_org.skp_kadis.tahun = 2025
    db.session.flush()
    skp = buat_skp(skp_org.kadis, jenis_form="JPT")
    _login(browser, skp_org.kadis)
    body = browser.get(f"/skp/{skp.id}?tambah_rhk=1", htmx=True).get_data(as_text=True)
    assert 'name="rhk-baru-intervensi_teks"' in body and 'name="rhk-baru-rhk_atasan_id"' not in body
    assert "Perspektif" in body
    r = browser.post(f"/skp/{skp.id}/rhk", _rhk_data(intervensi_teks="Meningkatnya indeks SPBE kabupaten",
                                                     perspektif="Proses Bisnis"), htmx=True)
    assert r.status_code == 200
    rhk = db.session.query(Rhk).filter_by(skp_id=skp.id).one()
    assert (rhk.intervensi_teks, rhk.perspektif, rhk.rhk_atasan_id) == ("Meningkatnya indeks SPBE kabupaten", "Proses Bisnis", None)


def test_edit_rhk_inline(browser, draft):
    skp = buat_skp(draft.staf2, rhk=[("Utama", "Lama", ["x"], None)])
    _login(browser, draft.staf2)
    rhk = skp.rhk[0]
    frag = browser.get(f"/skp/{skp.id}?ubah_rhk={rhk.id}", htmx=True)
    assert frag.status_code == 200 and f'id="rhk-{rhk.id}"' in frag.get_data(as_text=True)
    assert "<html" not in frag.get_data(as_text=True)
    r = browser.post(f"/rhk/{rhk.id}".join(["/skp", ""]), _rhk_data(f"rhk-{rhk.id}", uraian="Baru", jenis="Tambahan"), htmx=True)
    assert r.status_code == 200
    db.session.refresh(rhk)
    assert (rhk.uraian, rhk.jenis) == ("Baru", "Tambahan")
    r = browser.post(f"/skp/rhk/{rhk.id}", _rhk_data(f"rhk-{rhk.id}", uraian=" "), htmx=True)
    assert r.status_code == 422 and "<html" not in r.get_data(as_text=True)


def test_reorder_rhk_up_and_down(browser, draft):
    skp = buat_skp(draft.staf2, rhk=[("Utama", "Alfa", ["x"], None), ("Utama", "Bravo", ["x"], None),
                                     ("Utama", "Charlie", ["x"], None)])
    _login(browser, draft.staf2)
    satu, dua, tiga = skp.rhk
    r = browser.post(f"/skp/rhk/{tiga.id}/naik", htmx=True)
    assert r.status_code == 200 and 'id="daftar-rhk"' in r.get_data(as_text=True)
    db.session.expire_all()
    assert [x.uraian for x in sorted(skp.rhk, key=lambda x: x.urutan)] == ["Alfa", "Charlie", "Bravo"]
    browser.post(f"/skp/rhk/{satu.id}/turun", htmx=True)
    db.session.expire_all()
    assert [x.uraian for x in sorted(skp.rhk, key=lambda x: x.urutan)] == ["Charlie", "Alfa", "Bravo"]
    page = browser.get(f"/skp/{skp.id}").get_data(as_text=True)
    assert page.index("Charlie") < page.index("Alfa") < page.index("Bravo")


def test_delete_rhk(browser, draft):
    skp = buat_skp(draft.staf2, rhk=[("Utama", "Hapus aku", ["x", "y"], None)])
    _login(browser, draft.staf2)
    rid = skp.rhk[0].id
    r = browser.post(f"/skp/rhk/{rid}/hapus", htmx=True)
    assert r.status_code == 200
    assert db.session.get(Rhk, rid) is None and db.session.query(Iki).filter_by(rhk_id=rid).count() == 0
    assert _audit("rhk.hapus") == 1


def test_delete_rhk_used_elsewhere_is_refused(browser, draft, monkeypatch):
    from kinerja import kait

    skp = buat_skp(draft.staf2, rhk=[("Utama", "Dipakai", ["x"], None)])
    rid = skp.rhk[0].id
    registry = kait._of(browser.client.application)
    monkeypatch.setattr(registry, "rhk_usage", [lambda rhk_id: 3 if rhk_id == rid else 0])
    _login(browser, draft.staf2)
    r = browser.post(f"/skp/rhk/{rid}/hapus", htmx=True)
    assert r.status_code == 422
    assert "sudah dipakai oleh 3 data lain" in r.get_data(as_text=True)
    assert db.session.get(Rhk, rid) is not None


def test_delete_rhk_intervened_by_a_subordinate_is_refused(browser, skp_org):
    # the kasi revises; staf1's RHK intervenes the kasi's first RHK
    buat_skp(skp_org.staf1, rhk=[("Utama", "Turunan", ["x"], skp_org.skp_kasi.rhk[0])])
    skp_org.skp_kasi.status, skp_org.skp_kasi.dalam_revisi = "Draft", True
    db.session.flush()
    _login(browser, skp_org.kasi)
    rid = skp_org.skp_kasi.rhk[0].id
    r = browser.post(f"/skp/rhk/{rid}/hapus", htmx=True)
    assert r.status_code == 422
    assert "diintervensi oleh 1 RHK bawahan" in r.get_data(as_text=True)
    assert db.session.get(Rhk, rid) is not None


def _iki_data(prefix, **kw):
    data = {f"{prefix}-aspek": "Kuantitas", f"{prefix}-indikator": "Jumlah modul yang selesai diuji",
            f"{prefix}-target_teks": "6 modul", f"{prefix}-target_angka": "6", f"{prefix}-satuan": "modul"}
    data.update({f"{prefix}-{k}": v for k, v in kw.items()})
    return data


def test_iki_add_edit_delete(browser, draft):
    skp = buat_skp(draft.staf2, rhk=[("Utama", "Dengan IKI", [], None)])
    rhk = skp.rhk[0]
    _login(browser, draft.staf2)
    frag = browser.get(f"/skp/{skp.id}?tambah_iki={rhk.id}", htmx=True).get_data(as_text=True)
    assert "Indikator Kinerja Individu" in frag and "Aspek" in frag and "<html" not in frag
    r = browser.post(f"/skp/rhk/{rhk.id}/iki", _iki_data(f"iki-baru-{rhk.id}", target_angka="99,5"), htmx=True)
    assert r.status_code == 200
    body = r.get_data(as_text=True)
    assert "Jumlah modul yang selesai diuji" in body and 'hx-swap-oob="true"' in body
    iki = db.session.query(Iki).filter_by(rhk_id=rhk.id).one()
    assert str(iki.target_angka) == "99.50" and iki.satuan == "modul"
    r = browser.post(f"/skp/iki/{iki.id}", _iki_data(f"iki-{iki.id}", aspek="Waktu", target_teks="Desember"), htmx=True)
    assert r.status_code == 200
    db.session.refresh(iki)
    assert (iki.aspek, iki.target_teks) == ("Waktu", "Desember")
    r = browser.post(f"/skp/iki/{iki.id}", _iki_data(f"iki-{iki.id}", target_teks=""), htmx=True)
    assert r.status_code == 422 and "Tuliskan target" in r.get_data(as_text=True)
    r = browser.post(f"/skp/iki/{iki.id}/hapus", htmx=True)
    assert r.status_code == 200
    assert db.session.query(Iki).filter_by(rhk_id=rhk.id).count() == 0
    assert _audit("iki.tambah") == _audit("iki.ubah") == _audit("iki.hapus") == 1


def test_iki_invalid_number_and_aspek(browser, draft):
    skp = buat_skp(draft.staf2, rhk=[("Utama", "X", [], None)])
    rhk = skp.rhk[0]
    _login(browser, draft.staf2)
    r = browser.post(f"/skp/rhk/{rhk.id}/iki", _iki_data(f"iki-baru-{rhk.id}", target_angka="banyak"), htmx=True)
    assert r.status_code == 422 and "Isi dengan angka" in r.get_data(as_text=True)
    r = browser.post(f"/skp/rhk/{rhk.id}/iki", _iki_data(f"iki-baru-{rhk.id}", aspek="Biaya"), htmx=True)
    assert r.status_code == 422
    assert db.session.query(Iki).filter_by(rhk_id=rhk.id).count() == 0


def test_lampiran_one_item_per_line(browser, draft):
    _login(browser, draft.staf1)
    sid = draft.draft.id
    frag = browser.get(f"/skp/{sid}?ubah_lampiran=1", htmx=True).get_data(as_text=True)
    assert "Dukungan Sumber Daya" in frag and "<html" not in frag
    r = browser.post(f"/skp/{sid}/lampiran", {"dukungan_sumber_daya": "Laptop\n\nAnggaran DPA",
                                              "skema_pertanggungjawaban": "1. Laporan bulanan",
                                              "konsekuensi": "- Teguran"}, htmx=True)
    assert r.status_code == 200
    skp = db.session.get(Skp, sid)
    assert skp.dukungan_sumber_daya == ["Laptop", "Anggaran DPA"]
    assert skp.skema_pertanggungjawaban == ["Laporan bulanan"] and skp.konsekuensi == ["Teguran"]


def test_pendekatan_can_change_while_draft(browser, draft):
    _login(browser, draft.staf1)
    r = browser.post(f"/skp/{draft.draft.id}/pendekatan", {"pendekatan": "Kualitatif"})
    assert r.status_code == 302
    assert db.session.get(Skp, draft.draft.id).pendekatan == "Kualitatif"


# ------------------------------------------------------------------ CSRF


def test_every_post_without_csrf_is_400(browser, draft):
    skp = buat_skp(draft.staf2, rhk=[("Utama", "X", ["y"], None)])
    rhk, iki = skp.rhk[0], skp.rhk[0].iki[0]
    _login(browser, draft.staf2)
    urls = ["/skp/buat", "/skp/salin", f"/skp/{skp.id}/rhk", f"/skp/rhk/{rhk.id}", f"/skp/rhk/{rhk.id}/naik",
            f"/skp/rhk/{rhk.id}/turun", f"/skp/rhk/{rhk.id}/hapus", f"/skp/rhk/{rhk.id}/iki", f"/skp/iki/{iki.id}",
            f"/skp/iki/{iki.id}/hapus", f"/skp/{skp.id}/lampiran", f"/skp/{skp.id}/pendekatan",
            f"/skp/{skp.id}/ajukan", f"/skp/{skp.id}/setujui", f"/skp/{skp.id}/kembalikan", f"/skp/{skp.id}/revisi"]
    before = db.session.query(AuditEvent).count()
    for url in urls:
        assert browser.post(url, {}, csrf=False).status_code == 400, url
        assert browser.post(url, {}, csrf=False, htmx=True).status_code == 400, url
    assert db.session.query(AuditEvent).count() == before
