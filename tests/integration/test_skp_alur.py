"""SKP workflow: Draft → Diajukan → Disetujui / Ditolak, revisions, and every refusal."""

from __future__ import annotations

import io
import json
from datetime import timedelta

from kinerja.extensions import db
from kinerja.models import AuditEvent, Notifikasi, Rhk, Skp, SkpVersi
from kinerja.waktu import today_local
from tests.support.factories import PASSWORD
from tests.support.skp_factories import buat_skp

EKSPEKTASI = {f"ekspektasi_{n}": f"Ekspektasi khusus nomor {n}" for n in range(1, 8)}


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _as(make_browser, pegawai):
    b = make_browser()
    b.login(pegawai.nip, PASSWORD)
    return b


def _admin(make_browser):
    b = make_browser()
    b.login("admin", PASSWORD)
    return b


def _notif(akun_pegawai, factory) -> list[str]:
    akun = factory.akun_of(akun_pegawai)
    return [n.pesan for n in db.session.query(Notifikasi).filter_by(penerima_id=akun.id)]


def _lengkap(org):
    return buat_skp(org.staf1, rhk=[("Utama", "Tersusunnya modul aplikasi perizinan", ["Jumlah modul"], org.skp_kasi.rhk[0]),
                                    ("Utama", "Terkelolanya konten website", ["Jumlah konten"], org.skp_kasi.rhk[1])])


def _state(skp_id):
    db.session.expire_all()
    s = db.session.get(Skp, skp_id)
    return s.status, s.versi, s.dalam_revisi


# ------------------------------------------------------------------ submit


def test_submitting_an_empty_skp_is_refused(make_browser, skp_org):
    skp = buat_skp(skp_org.staf1)
    r = _as(make_browser, skp_org.staf1).post(f"/skp/{skp.id}/ajukan")
    assert r.status_code == 422
    assert "SKP masih kosong" in r.get_data(as_text=True)
    assert _state(skp.id) == ("Draft", 0, False)


def test_submitting_an_rhk_without_iki_is_refused(make_browser, skp_org):
    skp = buat_skp(skp_org.staf1, rhk=[("Utama", "Tanpa indikator sama sekali", [], skp_org.skp_kasi.rhk[0])])
    r = _as(make_browser, skp_org.staf1).post(f"/skp/{skp.id}/ajukan")
    assert r.status_code == 422
    assert "belum punya Indikator Kinerja Individu" in r.get_data(as_text=True)
    assert _state(skp.id)[0] == "Draft"


def test_submitting_only_tambahan_is_refused(make_browser, skp_org):
    skp = buat_skp(skp_org.staf1, rhk=[("Tambahan", "Hanya tambahan", ["x"], None)])
    r = _as(make_browser, skp_org.staf1).post(f"/skp/{skp.id}/ajukan")
    assert r.status_code == 422 and "berjenis Utama" in r.get_data(as_text=True)


def test_submitting_a_forged_intervensi_is_refused(make_browser, skp_org):
    # an RHK of the kadis (not the penilai) slipped in directly
    skp = buat_skp(skp_org.staf1, rhk=[("Utama", "Menyusup", ["x"], skp_org.skp_kadis.rhk[0])])
    r = _as(make_browser, skp_org.staf1).post(f"/skp/{skp.id}/ajukan")
    assert r.status_code == 422
    assert "tidak ada di SKP atasan yang sudah disetujui" in r.get_data(as_text=True)
    assert _state(skp.id)[0] == "Draft"


def test_submit_notifies_the_penilai_and_locks_editing(make_browser, skp_org, factory):
    skp = _lengkap(skp_org)
    pegawai = _as(make_browser, skp_org.staf1)
    r = pegawai.post(f"/skp/{skp.id}/ajukan")
    assert r.status_code == 302
    assert _state(skp.id) == ("Diajukan", 0, False)
    assert any("mengajukan SKP tahun 2026" in p for p in _notif(skp_org.kasi, factory))
    assert db.session.query(AuditEvent).filter_by(aksi="skp.ajukan").count() == 1
    # no more edits while waiting
    r = pegawai.post(f"/skp/{skp.id}/rhk", {"rhk-baru-jenis": "Utama", "rhk-baru-uraian": "Baru"}, htmx=True)
    assert r.status_code == 422 and "menunggu persetujuan" in r.get_data(as_text=True)
    assert db.session.query(Rhk).filter_by(skp_id=skp.id).count() == 2
    # submitting twice is refused with a clear message
    r = pegawai.post(f"/skp/{skp.id}/ajukan")
    assert r.status_code == 422 and "sudah diajukan" in r.get_data(as_text=True)


# ------------------------------------------------------------------ approve / return


def test_the_penilai_approves_with_ekspektasi(make_browser, skp_org, factory):
    skp = _lengkap(skp_org)
    _as(make_browser, skp_org.staf1).post(f"/skp/{skp.id}/ajukan")
    atasan = _as(make_browser, skp_org.kasi)
    page = atasan.get(f"/skp/{skp.id}").get_data(as_text=True)
    assert "Setujui SKP" in page and "Kembalikan SKP" in page and "Ekspektasi Khusus Pimpinan" in page
    r = atasan.post(f"/skp/{skp.id}/setujui", EKSPEKTASI)
    assert r.status_code == 302
    assert _state(skp.id) == ("Disetujui", 1, False)
    skp = db.session.get(Skp, skp.id)
    assert skp.snapshot_pegawai["nama"] == "Staf Satu"
    assert skp.snapshot_penilai["nama"] == "Kepala Seksi Uji"
    assert skp.snapshot_atasan_penilai["nama"] == "Kepala Bidang Uji"
    assert not skp.disetujui_oleh_admin
    assert [p.ekspektasi for p in skp.perilaku][0] == "Ekspektasi khusus nomor 1"
    versi = db.session.query(SkpVersi).filter_by(skp_id=skp.id).one()
    assert versi.versi == 1
    assert [r["uraian"] for r in versi.isi["rhk"]] == ["Tersusunnya modul aplikasi perizinan", "Terkelolanya konten website"]
    assert versi.isi["rhk"][0]["intervensi"] == "Tersedianya aplikasi e-government yang andal"
    assert versi.isi["perilaku"][6]["ekspektasi"] == "Ekspektasi khusus nomor 7"
    assert any("telah disetujui" in p for p in _notif(skp_org.staf1, factory))
    assert db.session.query(AuditEvent).filter_by(aksi="skp.setujui").count() == 1


def test_approval_with_an_ekspektasi_left_empty(make_browser, skp_org):
    # Issue #10 §4: ekspektasi khusus pimpinan is optional ("dapat diberikan").
    skp = _lengkap(skp_org)
    _as(make_browser, skp_org.staf1).post(f"/skp/{skp.id}/ajukan")
    data = dict(EKSPEKTASI, ekspektasi_4="")
    r = _as(make_browser, skp_org.kasi).post(f"/skp/{skp.id}/setujui", data)
    assert r.status_code == 302
    assert _state(skp.id)[0] == "Disetujui"


def test_approving_ones_own_skp_is_refused(make_browser, skp_org):
    own = skp_org.skp_kasi
    own.status = "Diajukan"
    db.session.flush()
    r = _as(make_browser, skp_org.kasi).post(f"/skp/{own.id}/setujui", EKSPEKTASI)
    assert r.status_code == 403
    assert "SKP Anda sendiri" in r.get_data(as_text=True)
    assert _state(own.id)[0] == "Diajukan"


def test_a_non_atasan_cannot_approve_or_return(make_browser, skp_org):
    skp = _lengkap(skp_org)
    _as(make_browser, skp_org.staf1).post(f"/skp/{skp.id}/ajukan")
    # higher atasan (may see it: 403); unrelated and colleague (may not see it: 404, issue #9 §2)
    for who, expected in ((skp_org.kabid, 403), (skp_org.kadis, 403), (skp_org.kabid2, 404), (skp_org.staf2, 404)):
        b = _as(make_browser, who)
        r = b.post(f"/skp/{skp.id}/setujui", EKSPEKTASI)
        assert r.status_code == expected, who.nama
        assert b.post(f"/skp/{skp.id}/kembalikan", {"catatan": "x"}).status_code == expected
    # an admin cannot approve somebody who has an atasan either
    assert _admin(make_browser).post(f"/skp/{skp.id}/setujui", EKSPEKTASI).status_code == 403
    assert _state(skp.id)[0] == "Diajukan"
    # the higher atasan can see it, but gets no approval form
    page = _as(make_browser, skp_org.kabid).get(f"/skp/{skp.id}").get_data(as_text=True)
    assert "Setujui SKP" not in page


def test_return_needs_a_catatan_then_the_pegawai_fixes_and_resubmits(make_browser, skp_org, factory):
    skp = _lengkap(skp_org)
    pegawai = _as(make_browser, skp_org.staf1)
    pegawai.post(f"/skp/{skp.id}/ajukan")
    atasan = _as(make_browser, skp_org.kasi)
    r = atasan.post(f"/skp/{skp.id}/kembalikan", {"catatan": "  "})
    assert r.status_code == 422 and "Tuliskan catatan" in r.get_data(as_text=True)
    assert _state(skp.id)[0] == "Diajukan"
    r = atasan.post(f"/skp/{skp.id}/kembalikan", {"catatan": "Target modul terlalu rendah, naikkan menjadi 8."})
    assert r.status_code == 302
    assert _state(skp.id)[0] == "Ditolak"
    assert any("dikembalikan" in p and "terlalu rendah" in p for p in _notif(skp_org.staf1, factory))
    page = pegawai.get(f"/skp/{skp.id}").get_data(as_text=True)
    assert "Target modul terlalu rendah" in page and "Ajukan SKP" in page
    # the pegawai edits and resubmits
    rhk = db.session.query(Rhk).filter_by(skp_id=skp.id).first()
    r = pegawai.post(f"/skp/rhk/{rhk.id}/iki", {f"iki-baru-{rhk.id}-aspek": "Kualitas",
                                                 f"iki-baru-{rhk.id}-indikator": "Modul lulus uji",
                                                 f"iki-baru-{rhk.id}-target_teks": "8 modul"}, htmx=True)
    assert r.status_code == 200
    assert pegawai.post(f"/skp/{skp.id}/ajukan").status_code == 302
    assert _state(skp.id)[0] == "Diajukan"
    assert db.session.get(Skp, skp.id).catatan_pengembalian is None


def test_approving_a_draft_is_refused(make_browser, skp_org):
    skp = _lengkap(skp_org)
    r = _as(make_browser, skp_org.kasi).post(f"/skp/{skp.id}/setujui", EKSPEKTASI)
    assert r.status_code == 422 and "belum diajukan" in r.get_data(as_text=True)
    assert _state(skp.id) == ("Draft", 0, False)


# ------------------------------------------------------------------ locked, revision, history


def test_editing_an_approved_skp_outside_a_revision_is_refused(make_browser, skp_org):
    kasi = _as(make_browser, skp_org.kasi)
    skp = skp_org.skp_kasi
    rhk = skp.rhk[0]
    before = (rhk.uraian, len(skp.rhk))
    r = kasi.post(f"/skp/{skp.id}/rhk", {"rhk-baru-jenis": "Utama", "rhk-baru-uraian": "Baru"}, htmx=True)
    assert r.status_code == 422 and "Mulai Revisi" in r.get_data(as_text=True)
    r = kasi.post(f"/skp/rhk/{rhk.id}", {f"rhk-{rhk.id}-jenis": "Utama", f"rhk-{rhk.id}-uraian": "Diubah"}, htmx=True)
    assert r.status_code == 422
    r = kasi.post(f"/skp/iki/{rhk.iki[0].id}/hapus", htmx=True)
    assert r.status_code == 422
    r = kasi.post(f"/skp/{skp.id}/lampiran", {"dukungan_sumber_daya": "x", "skema_pertanggungjawaban": "", "konsekuensi": ""})
    assert r.status_code == 422
    db.session.expire_all()
    skp = db.session.get(Skp, skp.id)
    assert (skp.rhk[0].uraian, len(skp.rhk)) == before and len(skp.rhk[0].iki) == 2
    # no edit controls on the page
    page = kasi.get(f"/skp/{skp.id}").get_data(as_text=True)
    assert "Tambah Rencana Hasil Kerja" not in page and "Mulai Revisi" in page


def test_revision_cycle_creates_a_second_version(make_browser, skp_org):
    skp = _lengkap(skp_org)
    pegawai, atasan = _as(make_browser, skp_org.staf1), _as(make_browser, skp_org.kasi)
    pegawai.post(f"/skp/{skp.id}/ajukan")
    atasan.post(f"/skp/{skp.id}/setujui", EKSPEKTASI)
    assert pegawai.post(f"/skp/{skp.id}/revisi").status_code == 302
    assert _state(skp.id) == ("Draft", 1, True)
    assert db.session.query(AuditEvent).filter_by(aksi="skp.mulai_revisi").count() == 1
    page = pegawai.get(f"/skp/{skp.id}").get_data(as_text=True)
    assert "sedang direvisi" in page and "Tambah Rencana Hasil Kerja" in page
    r = pegawai.post(f"/skp/{skp.id}/rhk", {"rhk-baru-jenis": "Tambahan", "rhk-baru-uraian": "Terlaksananya pelatihan OPD",
                                            "rhk-baru-rhk_atasan_id": skp_org.skp_kasi.rhk[2].id}, htmx=True)
    assert r.status_code == 200
    rhk = db.session.query(Rhk).filter_by(skp_id=skp.id, jenis="Tambahan").one()
    pegawai.post(f"/skp/rhk/{rhk.id}/iki", {f"iki-baru-{rhk.id}-aspek": "Kuantitas",
                                             f"iki-baru-{rhk.id}-indikator": "Jumlah pelatihan",
                                             f"iki-baru-{rhk.id}-target_teks": "4 kali"}, htmx=True)
    assert pegawai.post(f"/skp/{skp.id}/ajukan").status_code == 302
    page = atasan.get(f"/skp/{skp.id}").get_data(as_text=True)
    assert "Ekspektasi khusus nomor 1" in page  # prefilled from the approved version
    assert atasan.post(f"/skp/{skp.id}/setujui", EKSPEKTASI).status_code == 302
    assert _state(skp.id) == ("Disetujui", 2, False)
    versi = db.session.query(SkpVersi).filter_by(skp_id=skp.id).order_by(SkpVersi.versi).all()
    assert [v.versi for v in versi] == [1, 2]
    assert len(versi[0].isi["rhk"]) == 2 and len(versi[1].isi["rhk"]) == 3
    page = pegawai.get(f"/skp/{skp.id}").get_data(as_text=True)
    assert "Versi 1" in page and "Versi 2" in page and "Kepala Seksi Uji" in page
    v1 = pegawai.get(f"/skp/{skp.id}/versi/1").get_data(as_text=True)
    assert "Terkelolanya konten website" in v1 and "Terlaksananya pelatihan OPD" not in v1
    assert pegawai.get(f"/skp/{skp.id}/versi/3").status_code == 404


def test_revision_only_by_the_owner_and_only_when_approved(make_browser, skp_org):
    assert _as(make_browser, skp_org.kabid).post(f"/skp/{skp_org.skp_kasi.id}/revisi").status_code == 403
    draft = _lengkap(skp_org)
    r = _as(make_browser, skp_org.staf1).post(f"/skp/{draft.id}/revisi")
    assert r.status_code == 422 and "revisi tidak diperlukan" in r.get_data(as_text=True)


def test_snapshots_do_not_follow_later_org_changes(make_browser, skp_org):
    kasi = skp_org.kasi
    kasi.nama = "Nama Baru Setelah Mutasi"
    db.session.flush()
    page = _as(make_browser, kasi).get(f"/skp/{skp_org.skp_kasi.id}").get_data(as_text=True)
    assert "Kepala Seksi Uji" in page  # as signed


# ------------------------------------------------------------------ the top of the tree


def test_the_top_is_submitted_to_and_approved_by_an_admin(make_browser, skp_org, factory):
    skp_org.skp_kadis.tahun = 2025
    db.session.flush()
    skp = buat_skp(skp_org.kadis, jenis_form="JPT", rhk=[("Utama", "Meningkatnya indeks SPBE", ["Indeks SPBE"], None)])
    kadis = _as(make_browser, skp_org.kadis)
    assert kadis.post(f"/skp/{skp.id}/ajukan").status_code == 302
    assert any("mengajukan SKP" in n.pesan for n in db.session.query(Notifikasi).filter_by(penerima_id=skp_org.admin.id))
    assert kadis.post(f"/skp/{skp.id}/setujui", EKSPEKTASI).status_code == 403  # own
    # a subordinate may not see the kadis's SKP at all: 404 (issue #9 §2)
    assert _as(make_browser, skp_org.kabid).post(f"/skp/{skp.id}/setujui", EKSPEKTASI).status_code == 404
    admin = _admin(make_browser)
    page = admin.get(f"/skp/{skp.id}").get_data(as_text=True)
    assert "Catat Persetujuan Kertas" in page and "Tanggal Persetujuan" in page
    # The admin records the paper approval: the date and the scan are required (issue #10 §1).
    r = admin.post(f"/skp/{skp.id}/setujui", EKSPEKTASI)
    assert r.status_code == 422
    body = r.get_data(as_text=True)
    assert "2 isian perlu diperbaiki" in body and "Isi tanggal persetujuan" in body and "Unggah pindaian" in body
    besok = (today_local() + timedelta(days=1)).isoformat()
    r = admin.post(f"/skp/{skp.id}/setujui", {**EKSPEKTASI, "tanggal": besok, "pindaian": (io.BytesIO(PNG), "s.png")})
    assert r.status_code == 422 and "tidak boleh di masa depan" in r.get_data(as_text=True)
    r = admin.post(f"/skp/{skp.id}/setujui", {**EKSPEKTASI, "tanggal": today_local().isoformat(),
                                              "pindaian": (io.BytesIO(b"bukan gambar"), "s.png")})
    assert r.status_code == 422 and "PDF, JPG, atau PNG" in r.get_data(as_text=True)
    assert db.session.get(Skp, skp.id).status == "Diajukan"  # nothing half-written
    assert admin.post(f"/skp/{skp.id}/setujui", {**EKSPEKTASI, "tanggal": today_local().isoformat(),
                                                 "pindaian": (io.BytesIO(PNG), "s.png")}, csrf=False).status_code == 400
    assert admin.post(f"/skp/{skp.id}/setujui", {**EKSPEKTASI, "tanggal": today_local().isoformat(),
                                                 "pindaian": (io.BytesIO(PNG), "s.png")}).status_code == 302
    skp = db.session.get(Skp, skp.id)
    assert skp.status == "Disetujui" and skp.disetujui_oleh_admin and skp.disetujui_oleh_id == skp_org.admin.id
    assert skp.persetujuan_kertas_tanggal == today_local() and skp.persetujuan_kertas_pindaian
    assert skp.snapshot_penilai["nama"] == ""
    event = db.session.query(AuditEvent).filter_by(aksi="skp.setujui", objek_id=str(skp.id)).one()
    kertas = json.loads(event.sesudah)["kertas"]
    assert kertas["tanggal"] == today_local().isoformat() and len(kertas["pindaian_sha256"]) == 64
    page = kadis.get(f"/skp/{skp.id}").get_data(as_text=True)
    assert "disetujui di atas kertas" in page
    r = kadis.get(f"/skp/{skp.id}/pindaian")
    assert r.status_code == 200 and r.data == PNG
    assert _as(make_browser, skp_org.kabid).get(f"/skp/{skp.id}/pindaian").status_code == 404
