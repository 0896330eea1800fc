"""One access layer, one answer (issue #9 §2): 404 for what you may not see on every method, 403 only for
what you may see but not do, one answer for accounts without a pegawai record, results hidden from their
pegawai until final, and the scope of a delegated verifikator.
"""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import pytest

from kinerja.akun.services import hash_password
from kinerja.evaluasi import services as ev_services
from kinerja.extensions import db
from kinerja.models import Aktivitas, Akun, DelegasiVerifikasi, Rhk
from kinerja.waktu import today_local
from tests.integration.test_evaluasi_views import pdf_text
from tests.support.evaluasi import A, buat_skenario, isi_realisasi, nilai, tetapkan_capaian
from tests.support.factories import PASSWORD
from tests.support.skp_factories import buat_skp, setujui

PESAN_NETRAL = "Anda tidak berwenang melakukan tindakan ini."
BOCORAN = ("pemilik", "atasan langsung", "pejabat penilai", "Hanya ")


def _login(make_browser, who):
    b = make_browser()
    b.login(who if isinstance(who, str) else who.nip, PASSWORD)
    return b


# ------------------------------------------------------------------ SKP: 404 for others, 403 for the chain


@pytest.fixture
def skp_target(skp_org):
    skp = buat_skp(skp_org.staf1, rhk=[("Utama", "RHK rahasia staf satu", ["IKI rahasia"], skp_org.skp_kasi.rhk[0])])
    setujui(skp)
    skp.status, skp.dalam_revisi = "Draft", True
    db.session.flush()
    skp_org.target = skp
    return skp_org


def _skp_attempts(skp, rhk, iki):
    return [
        (f"/skp/{skp.id}/rhk", {"rhk-baru-jenis": "Utama", "rhk-baru-uraian": "Disusupkan"}),
        (f"/skp/rhk/{rhk.id}", {f"rhk-{rhk.id}-jenis": "Utama", f"rhk-{rhk.id}-uraian": "Dibajak"}),
        (f"/skp/rhk/{rhk.id}/naik", {}),
        (f"/skp/rhk/{rhk.id}/turun", {}),
        (f"/skp/rhk/{rhk.id}/hapus", {}),
        (f"/skp/rhk/{rhk.id}/iki", {f"iki-baru-{rhk.id}-aspek": "Waktu", f"iki-baru-{rhk.id}-indikator": "x",
                                    f"iki-baru-{rhk.id}-target_teks": "y"}),
        (f"/skp/iki/{iki.id}", {f"iki-{iki.id}-aspek": "Waktu", f"iki-{iki.id}-indikator": "x",
                                f"iki-{iki.id}-target_teks": "y"}),
        (f"/skp/iki/{iki.id}/hapus", {}),
        (f"/skp/{skp.id}/lampiran", {"dukungan_sumber_daya": "x", "skema_pertanggungjawaban": "", "konsekuensi": ""}),
        (f"/skp/{skp.id}/pendekatan", {"pendekatan": "Kualitatif"}),
        (f"/skp/{skp.id}/ajukan", {}),
        (f"/skp/{skp.id}/revisi", {}),
        (f"/skp/{skp.id}/setujui", {}),
        (f"/skp/{skp.id}/kembalikan", {"catatan": "x"}),
    ]


@pytest.mark.parametrize("who", ["staf2", "staf3", "kabid2"])
def test_skp_posts_of_someone_you_may_not_see_are_404_like_a_missing_id(make_browser, skp_target, who):
    b = _login(make_browser, getattr(skp_target, who))
    skp = skp_target.target
    rhk, iki = skp.rhk[0], skp.rhk[0].iki[0]
    for url, data in _skp_attempts(skp, rhk, iki):
        for htmx in (False, True):
            r = b.post(url, data, htmx=htmx)
            assert r.status_code == 404, (url, htmx, r.status_code)
            body = r.get_data(as_text=True)
            assert not any(word in body for word in BOCORAN), (url, body)
    missing = b.post("/skp/rhk/987654/hapus")
    assert missing.status_code == 404
    db.session.expire_all()
    assert db.session.get(Rhk, rhk.id).uraian == "RHK rahasia staf satu"


@pytest.mark.parametrize("who", ["kasi", "kabid", "admin"])
def test_skp_content_posts_by_those_who_may_see_it_are_403_with_a_neutral_message(make_browser, skp_target, who):
    b = _login(make_browser, "admin" if who == "admin" else getattr(skp_target, who))
    skp = skp_target.target
    rhk, iki = skp.rhk[0], skp.rhk[0].iki[0]
    for url, data in _skp_attempts(skp, rhk, iki)[:-2]:  # content and the owner's workflow steps
        r = b.post(url, data)
        assert r.status_code == 403, (url, r.status_code)
        body = r.get_data(as_text=True)
        assert PESAN_NETRAL in body and not any(word in body for word in BOCORAN), (url, body)


# ------------------------------------------------------------------ accounts without a pegawai record


PEGAWAI_SAJA = [
    ("GET", "/aktivitas"), ("GET", "/aktivitas/minggu"), ("GET", "/aktivitas/bulan"), ("POST", "/aktivitas"),
    ("POST", "/aktivitas/salin-kemarin"), ("POST", "/aktivitas/ajukan"),
    ("GET", "/verifikasi/"), ("GET", "/verifikasi/kepatuhan"), ("POST", "/verifikasi/setujui-terpilih"),
    ("POST", "/verifikasi/aktivitas/1/setujui"), ("GET", "/skp/"), ("POST", "/skp/buat"), ("POST", "/skp/salin"),
    ("GET", "/dialog/diikuti"),
]
PESAN_PEGAWAI = "Halaman ini untuk akun pegawai"


@pytest.mark.parametrize("who", ["admin", "tamu"])
def test_pages_for_pegawai_answer_403_to_accounts_without_a_pegawai_record(make_browser, org, who):
    if who == "tamu":
        db.session.add(Akun(username="tamu", password_hash=hash_password(PASSWORD), harus_ganti_sandi=False))
        db.session.flush()
    b = _login(make_browser, who)
    for method, url in PEGAWAI_SAJA:
        r = b.get(url) if method == "GET" else b.post(url, {})
        assert r.status_code == 403, (method, url, r.status_code)
        assert PESAN_PEGAWAI in r.get_data(as_text=True), (method, url)


# ------------------------------------------------------------------ results before they are final


@pytest.fixture
def dinilai(factory, org):
    sk = buat_skenario(factory, org)
    tetapkan_capaian(org, org.bidang, sk.periode.id, "Istimewa")
    for name in ("staf1", "kasi"):
        isi_realisasi(factory, sk.ev[name])
        nilai(factory, sk.ev[name], hasil=A, perilaku=A, finalisasi=False)  # "Dinilai": Sangat Baik, not final
    return sk


def test_a_pegawai_does_not_print_his_result_before_it_is_final(make_browser, dinilai):
    ev = dinilai.ev["staf1"]
    assert ev.status == "Dinilai" and ev.predikat == "Sangat Baik"
    b = _login(make_browser, dinilai.org.staf1)
    page = b.get(f"/evaluasi/{ev.id}").get_data(as_text=True)
    # Neither the result nor a kurva that counts it (his own, or his kasi's that is not final either).
    assert "<strong>Sangat Baik</strong>" not in page and "Di Atas Ekspektasi</dd>" not in page
    assert "dari 1 pegawai" not in page and "dari 2 pegawai" not in page
    for jenis in ("evaluasi", "dokumen"):
        r = b.get(f"/evaluasi/{ev.id}/cetak/{jenis}")
        assert r.status_code == 200
        text = pdf_text(r.data).upper()
        assert "PREDIKAT KINERJA PEGAWAI SANGAT BAIK" not in text and "DI ATAS EKSPEKTASI" not in text, jenis
        assert "DARI 1 PEGAWAI" not in text and "DARI 2 PEGAWAI" not in text, jenis
    # The penilai still prints the draft with the result.
    penilai = _login(make_browser, dinilai.org.kasi)
    assert "PREDIKAT KINERJA PEGAWAI SANGAT BAIK" in pdf_text(penilai.get(f"/evaluasi/{ev.id}/cetak/evaluasi").data).upper()


def test_a_kasi_does_not_see_his_own_result_on_the_unit_page(make_browser, dinilai):
    org = dinilai.org
    b = _login(make_browser, org.kasi)
    body = b.get(f"/evaluasi/unit/{org.seksi.id}?periode={dinilai.periode.id}").get_data(as_text=True)
    # A head of unit sits in the organisation above (DOMAIN.md §5): his row, if shown, has no result.
    baris = [line for line in body.splitlines() if "Kepala Seksi Uji" in line and "<tr>" in line]
    assert not baris or "Sangat Baik" not in baris[0]
    staf = [line for line in body.splitlines() if "Staf Satu" in line and "<tr>" in line]
    assert staf and "Sangat Baik" in staf[0]  # he rates Staf Satu: he sees that result
    assert "Sangat Baik" not in b.get("/evaluasi/").get_data(as_text=True).split("Pegawai yang Saya Nilai")[0]


def test_the_result_shows_once_the_penilai_has_finalised(make_browser, factory, dinilai):
    ev = dinilai.ev["staf1"]
    ev_services.finalize_evaluasi(factory.akun_of(dinilai.org.kasi), ev.id)
    b = _login(make_browser, dinilai.org.staf1)
    assert "<strong>Sangat Baik</strong>" in b.get(f"/evaluasi/{ev.id}").get_data(as_text=True)
    assert "PREDIKAT KINERJA PEGAWAI SANGAT BAIK" in pdf_text(b.get(f"/evaluasi/{ev.id}/cetak/dokumen").data).upper()


# ------------------------------------------------------------------ delegation scope


def _entry(pegawai, status="Diajukan", hari=None):
    hari = hari or today_local() - timedelta(days=1)
    item = Aktivitas(pegawai_id=pegawai.id, tanggal=hari, jam_mulai=time(8), jam_selesai=time(9), durasi_menit=60,
                     uraian=f"Pekerjaan {pegawai.nama}", volume=Decimal(1), satuan="dokumen", status=status)
    db.session.add(item)
    db.session.flush()
    return item


def _delegasi(unit, verifikator):
    hari = today_local()
    db.session.add(DelegasiVerifikasi(unit_id=unit.id, verifikator_id=verifikator.id, aktif=True,
                                      tanggal_mulai=hari - timedelta(days=3), tanggal_selesai=hari + timedelta(days=3)))
    db.session.flush()


def test_two_delegates_of_one_unit_do_not_verify_each_other(make_browser, org):
    _delegasi(org.seksi, org.staf1)
    _delegasi(org.seksi, org.staf2)
    e1, e2 = _entry(org.staf1), _entry(org.staf2)
    b1 = _login(make_browser, org.staf1)
    assert "Pekerjaan Staf Dua" not in b1.get("/verifikasi/").get_data(as_text=True)
    assert b1.post(f"/verifikasi/aktivitas/{e2.id}/setujui", {}).status_code == 404
    b2 = _login(make_browser, org.staf2)
    assert b2.post(f"/verifikasi/aktivitas/{e1.id}/kembalikan", {f"a{e1.id}-catatan": "x"}).status_code == 404
    b2.post("/verifikasi/setujui-terpilih", {"ids": [e1.id]})
    db.session.expire_all()
    assert db.session.get(Aktivitas, e1.id).status == "Diajukan"
    assert db.session.get(Aktivitas, e2.id).status == "Diajukan"


def test_a_delegate_does_not_verify_her_supervisor_or_the_unit_head(make_browser, org):
    _delegasi(org.seksi, org.staf1)
    _delegasi(org.bidang, org.staf1)
    kasi = _entry(org.kasi)            # her own atasan, and head of the seksi
    kabid = _entry(org.kabid)          # above her in the chain, head of the bidang
    staf2 = _entry(org.staf2)          # a colleague she may verify
    b = _login(make_browser, org.staf1)
    inbox = b.get("/verifikasi/").get_data(as_text=True)
    assert "Pekerjaan Staf Dua" in inbox
    assert "Pekerjaan Kepala Seksi Uji" not in inbox and "Pekerjaan Kepala Bidang Uji" not in inbox
    for item in (kasi, kabid):
        assert b.post(f"/verifikasi/aktivitas/{item.id}/setujui", {}).status_code in (403, 404)
    b.post("/verifikasi/setujui-terpilih", {"ids": [kasi.id, kabid.id, staf2.id]})
    db.session.expire_all()
    assert [db.session.get(Aktivitas, i.id).status for i in (kasi, kabid, staf2)] == ["Diajukan", "Diajukan", "Disetujui"]


def test_a_delegate_does_not_verify_the_head_of_the_unit_outside_her_chain(make_browser, org):
    _delegasi(org.bidang2, org.staf1)
    kepala = _entry(org.kabid2)
    b = _login(make_browser, org.staf1)
    assert "Kepala Bidang Lain" not in b.get("/verifikasi/").get_data(as_text=True)
    assert b.post(f"/verifikasi/aktivitas/{kepala.id}/setujui", {}).status_code in (403, 404)
    assert db.session.get(Aktivitas, kepala.id).status == "Diajukan"
    staf3 = _entry(org.staf3)
    assert b.post(f"/verifikasi/aktivitas/{staf3.id}/setujui", {}).status_code == 303
