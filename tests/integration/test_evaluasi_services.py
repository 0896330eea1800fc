"""Evaluasi services: every transition and every refusal."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from kinerja.errors import DomainError, NotFound, PermissionDenied
from kinerja.evaluasi import queries, rules, services
from kinerja.extensions import db
from kinerja.models import AuditEvent, CapaianOrganisasi, Evaluasi, Notifikasi
from kinerja.waktu import today_local
from tests.support.evaluasi import (
    A,
    B,
    S,
    buat_aktivitas,
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


def _audit(aksi: str) -> int:
    return db.session.query(AuditEvent).filter_by(aksi=aksi).count()


# ------------------------------------------------------------------ opening

def test_open_creates_one_evaluation_per_approved_skp(skenario):
    s = skenario
    assert db.session.query(Evaluasi).filter_by(periode_id=s.periode.id).count() == 6
    ev = s.ev["staf1"]
    assert ev.status == rules.DRAFT
    assert ev.penilai_id == s.org.kasi.id and ev.atasan_penilai_id == s.org.kabid.id
    assert ev.unit_id == s.org.seksi.id and not ev.kepala_unit and s.ev["kasi"].kepala_unit
    assert len(ev.kode) >= 16
    assert _audit("evaluasi.buka") == 1
    assert db.session.query(Notifikasi).filter_by(jenis="evaluasi").count() == 6


def test_open_is_idempotent_and_adds_later_arrivals(skenario, factory):
    s = skenario
    hasil = services.open_evaluasi(s.org.admin, s.periode.id)
    assert (hasil.dibuat, hasil.sudah_ada) == (0, 6)
    baru = factory.pegawai("Staf Baru", atasan=s.org.kasi)
    buat_skp(baru)
    hasil = services.open_evaluasi(s.org.admin, s.periode.id)
    assert (hasil.dibuat, hasil.sudah_ada) == (1, 6)


def test_open_is_admin_only(skenario):
    with pytest.raises(PermissionDenied):
        services.open_evaluasi(skenario.akun(skenario.org.kabid), skenario.periode.id)


# ------------------------------------------------------------------ realisasi

def test_realisasi_save_and_submit_notifies_penilai(skenario, factory):
    s = skenario
    ev = s.ev["staf1"]
    isi_realisasi(factory, ev)
    db.session.refresh(ev)
    assert ev.status == rules.DIAJUKAN and ev.realisasi_diajukan_at is not None
    assert {r.realisasi_angka for r in ev.realisasi} == {Decimal("12"), None}
    kasi_akun = s.akun(s.org.kasi)
    pesan = [n.pesan for n in db.session.query(Notifikasi).filter_by(penerima_id=kasi_akun.id)]
    assert any("Staf Satu mengajukan realisasi" in p for p in pesan)
    assert _audit("evaluasi.ajukan_realisasi") == 1


def test_submit_needs_every_rhk(skenario):
    s = skenario
    ev = s.ev["staf1"]
    akun = s.akun(s.org.staf1)
    services.save_realisasi(akun, ev.id, [services.RealisasiInput(ev.skp.rhk[0].id, "Sebagian")])
    with pytest.raises(DomainError, match="setiap Rencana Hasil Kerja"):
        services.submit_realisasi(akun, ev.id)


def test_realisasi_only_by_the_pegawai(skenario):
    s = skenario
    ev = s.ev["staf1"]
    with pytest.raises(PermissionDenied):
        services.save_realisasi(s.akun(s.org.kasi), ev.id, [])
    with pytest.raises(NotFound):
        services.save_realisasi(s.akun(s.org.staf2), ev.id, [])


def test_realisasi_number_only_where_target_is_numeric(skenario):
    s = skenario
    ev = s.ev["staf1"]
    tambahan = next(r for r in ev.skp.rhk if r.jenis == "Tambahan")
    with pytest.raises(DomainError, match="Angka realisasi"):
        services.save_realisasi(s.akun(s.org.staf1), ev.id,
                                [services.RealisasiInput(tambahan.id, "x", Decimal("3"))])


def test_realisasi_links_must_be_web_addresses(skenario):
    s = skenario
    ev = s.ev["staf1"]
    with pytest.raises(DomainError, match="http"):
        services.save_realisasi(s.akun(s.org.staf1), ev.id,
                                [services.RealisasiInput(ev.skp.rhk[0].id, "x", tautan=["javascript:alert(1)"])])
    services.save_realisasi(s.akun(s.org.staf1), ev.id,
                            [services.RealisasiInput(ev.skp.rhk[0].id, "x", tautan=["https://drive.example/a"])])
    assert ev.realisasi[0].tautan == ["https://drive.example/a"]


def test_deadline_applies_and_admin_can_extend_for_one_person(skenario):
    s = skenario
    ev = s.ev["staf1"]
    akun = s.akun(s.org.staf1)
    late = s.periode.batas_pengisian + timedelta(days=1)
    with pytest.raises(DomainError, match="sudah lewat"):
        services.save_realisasi(akun, ev.id, [], today=late)
    services.set_batas_pengisian(s.org.admin, ev.id, s.periode.batas_pengisian + timedelta(days=10))
    services.save_realisasi(akun, ev.id, [], today=late)  # now fine
    with pytest.raises(PermissionDenied):
        services.set_batas_pengisian(s.akun(s.org.kasi), ev.id, None)


def test_penilai_can_return_realisasi(skenario, factory):
    s = skenario
    ev = s.ev["staf1"]
    isi_realisasi(factory, ev)
    services.return_realisasi(s.akun(s.org.kasi), ev.id, "Lengkapi bukti dukung.")
    assert ev.status == rules.DRAFT and ev.catatan_pengembalian == "Lengkapi bukti dukung."


def test_aktivitas_listed_per_rhk_in_period(skenario):
    s = skenario
    ev = s.ev["staf1"]
    utama = ev.skp.rhk[0]
    year = s.periode.tahun
    for day in range(1, 6):
        buat_aktivitas(s.org.staf1, utama, date(year, 2, day), menit=90)
    buat_aktivitas(s.org.staf1, utama, date(year, 2, 9), status="Diajukan")  # not approved
    buat_aktivitas(s.org.staf1, utama, date(year, 8, 3))  # outside the period
    bukti = queries.aktivitas_per_rhk(s.org.staf1.id, [r.id for r in ev.skp.rhk], s.periode.tanggal_mulai,
                                      s.periode.tanggal_selesai)
    assert (bukti[utama.id].jumlah, bukti[utama.id].menit, bukti[utama.id].jam) == (5, 450, "7 jam 30 menit")
    assert len(bukti[utama.id].contoh) == 3 and bukti[utama.id].contoh[0].tanggal == date(year, 2, 5)
    assert bukti[ev.skp.rhk[1].id].jumlah == 0


# ------------------------------------------------------------------ rating

def test_rating_before_realisasi_is_refused(skenario, factory):
    s = skenario
    with pytest.raises(DomainError, match="Realisasi belum diajukan"):
        nilai(factory, s.ev["staf1"], finalisasi=False)


def test_rating_someone_not_ones_subordinate_is_refused(skenario, factory):
    s = skenario
    ev = s.ev["staf1"]
    isi_realisasi(factory, ev)
    data = services.PenilaianInput(S, S)
    with pytest.raises(NotFound):  # unrelated atasan: cannot even see it
        services.save_penilaian(s.akun(s.org.kabid2), ev.id, data)
    with pytest.raises(PermissionDenied):  # the atasan penilai sees it, but does not rate
        services.save_penilaian(s.akun(s.org.kabid), ev.id, data)
    with pytest.raises(PermissionDenied):
        services.save_penilaian(s.akun(s.org.staf1), ev.id, data)


def test_rating_gives_predikat_from_matrix_and_finalise_snapshots(skenario, factory):
    s = skenario
    ev = s.ev["staf1"]
    isi_realisasi(factory, ev)
    nilai(factory, ev, S, A, finalisasi=False)
    assert (ev.status, ev.predikat) == (rules.DINILAI, "Baik")
    nilai(factory, ev, A, A, finalisasi=True)
    assert (ev.status, ev.predikat) == (rules.FINAL, "Sangat Baik")
    assert ev.snapshot_pegawai["nama"] == "Staf Satu" and ev.snapshot_penilai["nama"] == "Kepala Seksi Uji"
    assert ev.snapshot_atasan_penilai["nama"] == "Kepala Bidang Uji"
    assert _audit("evaluasi.nilai") == 2 and _audit("evaluasi.finalisasi") == 1


def test_finalise_needs_all_feedback(skenario, factory):
    s = skenario
    ev = s.ev["staf1"]
    isi_realisasi(factory, ev)
    services.save_penilaian(s.akun(s.org.kasi), ev.id, services.PenilaianInput(S, S))
    with pytest.raises(DomainError, match="umpan balik"):
        services.finalize_evaluasi(s.akun(s.org.kasi), ev.id)


def test_invalid_rating_is_refused(skenario, factory):
    s = skenario
    ev = s.ev["staf1"]
    isi_realisasi(factory, ev)
    with pytest.raises(DomainError) as err:
        services.save_penilaian(s.akun(s.org.kasi), ev.id, services.PenilaianInput("Luar Biasa", S))
    assert err.value.field == "rating_hasil_kerja"


def test_head_of_unit_rating_follows_capaian(skenario, factory):
    s = skenario
    ev = s.ev["kasi"]  # kasi leads Seksi Uji
    isi_realisasi(factory, ev)
    with pytest.raises(DomainError, match="Capaian Kinerja"):
        nilai(factory, ev, A, A, finalisasi=False)
    services.set_capaian_organisasi(s.akun(s.org.kabid), s.org.seksi.id, s.periode.id, "Baik")  # set from above
    nilai(factory, ev, A, A, finalisasi=False)  # asked for Di Atas, gets Sesuai
    assert ev.rating_hasil_kerja == S and ev.predikat == "Baik"


# ------------------------------------------------------------------ capaian organisasi

def test_capaian_set_by_the_pimpinan_above_only(skenario):
    s = skenario
    services.set_capaian_organisasi(s.akun(s.org.kadis), s.org.bidang.id, s.periode.id, "Istimewa")
    services.set_capaian_organisasi(s.akun(s.org.kadis), s.org.bidang.id, s.periode.id, "Baik")
    item = db.session.query(CapaianOrganisasi).one()
    assert item.capaian == "Baik" and item.penetap["nama"] == s.org.kadis.nama
    for who in (s.org.kabid, s.org.kasi, s.org.kabid2):  # its own head, a head below, a head elsewhere
        with pytest.raises(PermissionDenied):
            services.set_capaian_organisasi(s.akun(who), s.org.bidang.id, s.periode.id, "Baik")
    # The admin records a capaian on someone's behalf only for the dinas itself (issue #10 §2).
    with pytest.raises(PermissionDenied):
        services.set_capaian_organisasi(s.org.admin, s.org.bidang.id, s.periode.id, "Istimewa")
    with pytest.raises(PermissionDenied):
        services.set_capaian_organisasi(s.org.admin, s.org.seksi.id, s.periode.id, "Istimewa")
    item = db.session.query(CapaianOrganisasi).one()
    assert item.capaian == "Baik" and item.penetap["nama"] == s.org.kadis.nama and not item.penetap.get("dicatat_admin")
    with pytest.raises(DomainError):
        services.set_capaian_organisasi(s.akun(s.org.kadis), s.org.bidang.id, s.periode.id, "Luar Biasa")
    # The seksi has none of its own: it inherits the bidang's.
    assert queries.capaian_efektif(s.org.seksi.id, s.periode.id) == ("Baik", s.org.bidang.id)


def test_kasi_cannot_set_his_own_seksi_capaian_and_so_his_own_rating(skenario, factory):
    s = skenario
    with pytest.raises(PermissionDenied):
        services.set_capaian_organisasi(s.akun(s.org.kasi), s.org.seksi.id, s.periode.id, "Istimewa")
    with pytest.raises(PermissionDenied):
        services.set_capaian_organisasi(s.akun(s.org.kadis), s.org.root.id, s.periode.id, "Istimewa")
    services.set_capaian_organisasi(s.org.admin, s.org.root.id, s.periode.id, "Baik")  # the dinas: recorded by admin
    assert db.session.query(CapaianOrganisasi).one().penetap["dicatat_admin"] is True
    assert db.session.query(CapaianOrganisasi).count() == 1


def test_kurva_of_unit_warns_but_does_not_block(skenario, factory):
    s = skenario
    services.set_capaian_organisasi(s.akun(s.org.kabid), s.org.seksi.id, s.periode.id, "Baik")
    for name in ("staf1", "staf2"):
        isi_realisasi(factory, s.ev[name])
        nilai(factory, s.ev[name], S, S)  # both Baik: 100% > 70%, and nobody below
    kurva = queries.kurva_unit(s.org.seksi.id, s.periode.id)
    assert kurva.total == 2 and kurva.jumlah("Baik") == 2
    assert kurva.penyimpangan[0] == "Baik 2 dari 2 pegawai = 100%, melebihi batas 70%."
    assert s.ev["staf2"].status == rules.FINAL  # warned, never blocked


# ------------------------------------------------------------------ signatures

@pytest.fixture
def final(skenario, factory):
    ev = skenario.ev["staf1"]
    # A complete form: signing needs the unit's capaian kinerja organisasi (issue #9 §1).
    tetapkan_capaian(skenario.org, skenario.org.seksi, skenario.periode.id, "Baik")
    isi_realisasi(factory, ev)
    nilai(factory, ev)
    return ev


def test_sign_in_order_locks_and_generates_documents_once(skenario, final, factory, app):
    s = skenario
    ev = final
    # (The penilai may also sign first — the handover; see test_evaluasi_ttd.py.)
    services.sign_evaluasi(s.akun(s.org.staf1), ev.id, PASSWORD, "http://kinerja.test/")
    assert ev.status == rules.TTD_PEGAWAI and ev.ttd_pegawai_at is not None
    with pytest.raises(DomainError, match="sudah menandatangani"):
        services.sign_evaluasi(s.akun(s.org.staf1), ev.id, PASSWORD)
    services.sign_evaluasi(s.akun(s.org.kasi), ev.id, PASSWORD, "http://kinerja.test/")
    assert ev.status == rules.SELESAI and ev.ttd_penilai_at is not None
    assert ev.tanggal_diterima == today_local()
    assert len(ev.dokumen_c_sha256) == 64 and len(ev.dokumen_b_sha256) == 64 and ev.dokumen_versi == 1
    stored, _ = services.document_for(s.akun(s.org.staf1), ev.id, "C")
    from kinerja.dokumen.pdf import sha256_hex

    assert sha256_hex(stored) == ev.dokumen_c_sha256  # reprint = the stored file
    with pytest.raises(DomainError, match="sudah menandatangani"):
        services.sign_evaluasi(s.akun(s.org.kasi), ev.id, PASSWORD)
    assert _audit("evaluasi.ttd_pegawai") == 1 and _audit("evaluasi.ttd_penilai") == 1


def test_sign_needs_the_right_password_and_the_right_person(skenario, final):
    s = skenario
    with pytest.raises(DomainError) as err:
        services.sign_evaluasi(s.akun(s.org.staf1), final.id, "bukan-kata-sandinya")
    assert err.value.field == "kata_sandi" and final.status == rules.FINAL
    with pytest.raises(PermissionDenied):
        services.sign_evaluasi(s.akun(s.org.kabid), final.id, PASSWORD)
    with pytest.raises(NotFound):
        services.sign_evaluasi(s.akun(s.org.staf2), final.id, PASSWORD)


def test_signing_before_finalisation_is_refused(skenario, factory):
    s = skenario
    ev = s.ev["staf1"]
    isi_realisasi(factory, ev)
    with pytest.raises(DomainError, match="belum difinalisasi"):
        services.sign_evaluasi(s.akun(s.org.staf1), ev.id, PASSWORD)


def test_changing_a_finalised_or_signed_evaluation_is_refused(skenario, final, factory):
    s = skenario
    with pytest.raises(DomainError, match="difinalisasi"):
        nilai(factory, final, B, B, finalisasi=False)
    tanda_tangani(factory, final)
    with pytest.raises(DomainError, match="terkunci"):
        nilai(factory, final, B, B, finalisasi=False)
    with pytest.raises(DomainError, match="terkunci"):
        services.save_realisasi(s.akun(s.org.staf1), final.id, [])
    with pytest.raises(DomainError, match="terkunci"):
        services.return_realisasi(s.akun(s.org.kasi), final.id, "Ubah")


# ------------------------------------------------------------------ keberatan

ALASAN = "Realisasi saya melebihi target dua belas laporan; mohon ditinjau kembali."


def test_keberatan_full_flow_reissues_documents(skenario, final, factory):
    s = skenario
    tanda_tangani(factory, final)
    old_hash = final.dokumen_c_sha256
    services.file_keberatan(s.akun(s.org.staf1), final.id, ALASAN)
    assert final.status == rules.KEBERATAN
    with pytest.raises(PermissionDenied):  # only the atasan penilai decides
        services.decide_keberatan(s.akun(s.org.kasi), final.id, "ubah", A, A, "x")
    with pytest.raises(DomainError, match="belum dijelaskan"):
        services.decide_keberatan(s.akun(s.org.kabid), final.id, "tetap", None, None, "Sudah tepat.")
    with pytest.raises(PermissionDenied):
        services.explain_keberatan(s.akun(s.org.kabid), final.id, "x")
    services.explain_keberatan(s.akun(s.org.kasi), final.id, "Penilaian sudah sesuai bukti dukung.")
    services.decide_keberatan(s.akun(s.org.kabid), final.id, "ubah", A, A, "Bukti menunjukkan hasil di atas target.",
                              "http://kinerja.test/")
    assert final.status == rules.DIPUTUS and final.predikat == "Sangat Baik" and final.predikat_awal == "Baik"
    assert final.dokumen_versi == 2 and final.dokumen_c_sha256 != old_hash
    assert [r["dokumen_c_sha256"] for r in final.riwayat_dokumen] == [old_hash, final.dokumen_c_sha256]
    current = services.document_for(s.akun(s.org.staf1), final.id, "C")[0]
    assert services.check_document(final.dokumen[0], current) == ("current", final.dokumen[-1])
    with pytest.raises(DomainError, match="sudah pernah diajukan"):
        services.file_keberatan(s.akun(s.org.staf1), final.id, ALASAN)


def test_keberatan_after_14_days_or_by_someone_else_is_refused(skenario, final, factory):
    s = skenario
    with pytest.raises(DomainError, match="setelah pejabat penilai menandatangani"):
        services.file_keberatan(s.akun(s.org.staf1), final.id, ALASAN)
    tanda_tangani(factory, final)
    with pytest.raises(PermissionDenied):
        services.file_keberatan(s.akun(s.org.kasi), final.id, ALASAN)
    with pytest.raises(NotFound):
        services.file_keberatan(s.akun(s.org.staf2), final.id, ALASAN)
    late = final.tanggal_diterima + timedelta(days=15)
    with pytest.raises(DomainError, match="sudah lewat"):
        services.file_keberatan(s.akun(s.org.staf1), final.id, ALASAN, today=late)
    services.file_keberatan(s.akun(s.org.staf1), final.id, ALASAN, today=final.tanggal_diterima + timedelta(days=14))


def test_keberatan_decision_keep(skenario, final, factory):
    s = skenario
    tanda_tangani(factory, final)
    services.file_keberatan(s.akun(s.org.staf1), final.id, ALASAN)
    services.explain_keberatan(s.akun(s.org.kasi), final.id, "Penilaian sudah sesuai bukti dukung.")
    with pytest.raises(DomainError):
        services.decide_keberatan(s.akun(s.org.kabid), final.id, "ubah", S, A, "Sama saja.")
    services.decide_keberatan(s.akun(s.org.kabid), final.id, "tetap", None, None, "Penilaian sudah tepat.")
    assert final.predikat == "Baik" and "tetap Baik" in final.keputusan_atasan


# ------------------------------------------------------------------ akhir

def test_akhir_shows_both_semesters(skenario, factory):
    from tests.support.evaluasi import buat_periode, evaluasi_of

    s = skenario
    isi_realisasi(factory, s.ev["staf1"])
    nilai(factory, s.ev["staf1"])
    s2 = buat_periode(kode="S2")
    akhir = buat_periode(kode="AKHIR")
    services.open_evaluasi(s.org.admin, s2.id)
    services.open_evaluasi(s.org.admin, akhir.id)
    ev = evaluasi_of(s.org.staf1, akhir)
    semester = queries.hasil_semester(ev)
    assert [x.periode.kode for x in semester] == ["S1", "S2"]
    assert semester[0].predikat == "Baik" and semester[1].predikat is None


def test_menunggu_saya(skenario, factory):
    s = skenario
    assert len(queries.menunggu_saya(s.akun(s.org.staf1)).isi_realisasi) == 1
    isi_realisasi(factory, s.ev["staf1"])
    assert [e.id for e in queries.menunggu_saya(s.akun(s.org.kasi)).dinilai] == [s.ev["staf1"].id]
    assert queries.menunggu_saya(s.org.admin).kosong


def test_kurva_covers_the_bidang_and_a_seksi_alone_does_not_warn(skenario, factory):
    s = skenario
    services.set_capaian_organisasi(s.akun(s.org.kadis), s.org.bidang.id, s.periode.id, "Baik")
    for name in ("staf1", "staf2"):
        isi_realisasi(factory, s.ev[name])
        nilai(factory, s.ev[name], S, S)  # both Baik: on its own the seksi would depart from "Baik"
    isi_realisasi(factory, s.ev["kasi"])
    nilai(factory, s.ev["kasi"], S, B)  # the kasi (head: hasil follows the capaian) → Kurang/Misconduct
    bidang = queries.kurva_unit(s.org.bidang.id, s.periode.id)
    assert bidang.total == 3 and bidang.sesuai_pola and bidang.jumlah("Kurang/Misconduct") == 1
    seksi = queries.kurva_pimpinan(s.org.seksi.id, s.periode.id)
    assert seksi.hasil.total == 2 and seksi.hasil.penyimpangan == [] and seksi.diperiksa_di == s.org.bidang.id
    assert queries.kurva_evaluasi(s.ev["staf1"]).total == 3  # form B: the kurva of the whole bidang
    rincian = dict(queries.kurva_pimpinan(s.org.bidang.id, s.periode.id).rincian)
    assert rincian["Seksi Uji"].total == 3  # per-unit breakdown, information only
