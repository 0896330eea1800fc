"""Notification rules: groups, channels, hourly batching, digest grouping, reminder selection."""

from datetime import UTC, date, datetime, timedelta

import pytest

from kinerja.notifikasi import rules
from kinerja.notifikasi.rules import Antre, Pengingat

T0 = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


def antre(i, penerima=1, jenis="umum", menit=0, pesan=None):
    return Antre(i, penerima, jenis, pesan or f"Pesan {i}", "/x", T0 + timedelta(minutes=menit))


@pytest.mark.parametrize(("jenis", "kelompok"), [
    ("aktivitas.dikembalikan", "aktivitas"), ("aktivitas.umpan_balik", "aktivitas"),
    ("aktivitas.diajukan", "verifikasi"), ("verifikasi.delegasi", "verifikasi"), ("skp", "skp"),
    ("evaluasi", "evaluasi"), ("evaluasi.keberatan", "keberatan"), ("dialog.undangan", "dialog"),
    ("dialog.pengingat", "dialog"), ("pengumuman", "pengumuman"), ("sosialisasi", "pengumuman"), ("pengingat.aktivitas", "pengingat"),
    ("umum", "umum"), ("entah", "umum"), (None, "umum"),
])
def test_every_jenis_falls_in_a_group(jenis, kelompok):
    assert rules.kelompok_of(jenis) == kelompok


def test_channel_defaults_to_email_and_ignores_unknown_values():
    assert rules.saluran_of({}, "skp") == rules.SUREL
    assert rules.saluran_of({"skp": "aplikasi"}, "skp") == rules.APLIKASI
    assert rules.saluran_of({"skp": "burung-merpati"}, "skp") == rules.SUREL


@pytest.mark.parametrize(("saluran", "surel", "smtp", "status"), [
    ("surel", True, True, "antre"), ("ringkasan", True, True, "ringkasan"), ("aplikasi", True, True, None),
    ("surel", False, True, None), ("surel", True, False, None),
])
def test_initial_email_status(saluran, surel, smtp, status):
    assert rules.status_surel_awal(saluran, surel, smtp) == status


@pytest.mark.parametrize(("nilai", "hasil"), [
    ("", (None, None)), ("  Budi@Bukitintankab.GO.id ", ("budi@bukitintankab.go.id", None)),
])
def test_email_is_normalised(nilai, hasil):
    assert rules.periksa_surel(nilai) == hasil


@pytest.mark.parametrize("nilai", ["budi", "budi@", "@x.id", "budi@x", "a b@x.id", "budi@x..id", "x" * 150 + "@x.id",
                                   "budi@x.id\nBcc: y@z.id"])
def test_bad_email_is_refused_with_a_message(nilai):
    email, salah = rules.periksa_surel(nilai)
    assert email is None and salah


def test_ordinary_notifications_are_one_email_each():
    rencana = rules.rencana_kirim([antre(1), antre(2, penerima=2)], {}, T0)
    assert [p.notifikasi_ids for p in rencana] == [(1,), (2,)]
    assert rencana[0].subjek == "[Kinerja] Pesan 1"


def test_submitted_entries_are_one_email_per_atasan():
    items = [antre(i, penerima=7, jenis=rules.JENIS_BATCH, menit=i) for i in range(1, 4)]
    rencana = rules.rencana_kirim(items, {}, T0 + timedelta(minutes=5))
    assert len(rencana) == 1
    assert rencana[0].notifikasi_ids == (1, 2, 3)
    assert "3 pengajuan aktivitas" in rencana[0].isi
    assert rencana[0].tautan == "/verifikasi/"


def test_submitted_entries_wait_an_hour_after_the_last_email():
    items = [antre(1, penerima=7, jenis=rules.JENIS_BATCH)]
    now = T0 + timedelta(minutes=10)
    assert rules.rencana_kirim(items, {7: now - timedelta(minutes=59)}, now) == []
    assert len(rules.rencana_kirim(items, {7: now - timedelta(minutes=60)}, now)) == 1
    # another atasan is not held back
    assert len(rules.rencana_kirim(items + [antre(2, penerima=8, jenis=rules.JENIS_BATCH)],
                                   {7: now}, now)) == 1


def test_digest_is_one_message_per_recipient_with_every_line():
    items = [antre(1, 1, "skp", 0, "SKP disetujui."), antre(2, 2, "umum", 1, "Lain."),
             antre(3, 1, rules.JENIS_BATCH, 2), antre(4, 1, rules.JENIS_BATCH, 3), antre(5, 1, "dialog", 4, "Dialog besok.")]
    pesan = rules.kelompokkan_ringkasan(items, date(2026, 11, 30))
    assert [p.penerima_id for p in pesan] == [1, 2]
    satu = pesan[0]
    assert satu.notifikasi_ids == (1, 3, 4, 5, )
    assert "- SKP disetujui." in satu.isi and "- Dialog besok." in satu.isi
    assert "- 2 pengajuan aktivitas bawahan" in satu.isi
    assert satu.subjek == "[Kinerja] Ringkasan notifikasi (3)"


def test_absolute_link_never_leaves_the_app():
    assert rules.tautan_mutlak("https://kinerja.example.go.id/", "/skp/3") == "https://kinerja.example.go.id/skp/3"
    assert rules.tautan_mutlak("https://k.id/", "//evil.example/x") == "https://k.id/notifikasi/"
    assert rules.tautan_mutlak("https://k.id/", "https://evil.example/") == "https://k.id/notifikasi/"


def test_body_has_exactly_one_link():
    body = rules.badan_surel("Budi", "SKP Anda disetujui.", "https://k.id/skp/1")
    assert body.count("http") == 1 and body.startswith("Yth. Budi,")


@pytest.mark.parametrize(("hari_kerja", "tanggal", "jam", "hasil"), [
    (True, date(2026, 11, 30), 15, True),    # today, at the hour
    (True, date(2026, 11, 30), 14, False),   # today, before the hour
    (True, date(2026, 11, 27), 8, True),     # an earlier day: any hour
    (False, date(2026, 11, 29), 16, False),  # not a working day
    (True, date(2026, 12, 1), 16, False),    # the future
])
def test_daily_log_reminder_time(hari_kerja, tanggal, jam, hasil):
    assert rules.aktivitas_waktunya(hari_kerja, tanggal, date(2026, 11, 30), jam, 15) is hasil


def test_who_is_reminded_to_log():
    assert rules.perlu_ingat_aktivitas(True, punya_entri=False, absen=False)
    assert not rules.perlu_ingat_aktivitas(True, punya_entri=True, absen=False)
    assert not rules.perlu_ingat_aktivitas(True, punya_entri=False, absen=True)
    assert not rules.perlu_ingat_aktivitas(False, punya_entri=False, absen=False)


@pytest.mark.parametrize(("tanggal", "status", "hasil"), [
    (date(2026, 1, 30), None, False), (date(2026, 1, 31), None, True), (date(2026, 2, 5), "Draft", True),
    (date(2026, 2, 5), "Ditolak", True), (date(2026, 2, 5), "Diajukan", False), (date(2026, 2, 5), "Disetujui", False),
    (date(2027, 2, 5), None, False),
])
def test_skp_deadline(tanggal, status, hasil):
    assert rules.skp_terlambat(tanggal, date(2026, 1, 31), status) is hasil
    assert not rules.skp_terlambat(tanggal, None, status)


def test_waiting_limit_counts_working_days():
    kerja = lambda d: d.weekday() < 5  # noqa: E731
    assert rules.batas_tunggu(date(2026, 11, 30), 3, kerja) == date(2026, 11, 25)  # Mon → previous Wed
    assert rules.batas_tunggu(date(2026, 12, 3), 3, kerja) == date(2026, 11, 30)  # Thu → Mon


def test_a_reminder_is_sent_once_per_day_and_subject():
    a = Pengingat("aktivitas", 5, "1", "Budi", "x", "/aktivitas")
    b = Pengingat("evaluasi", 5, "1", "Budi", "y", "/evaluasi/1", subjek="1")
    c = Pengingat("evaluasi", 5, "1", "Budi", "y", "/evaluasi/2", subjek="2")
    hari = date(2026, 11, 30)
    assert rules.pilih_baru([a, b, c, a], set(), hari) == [a, b, c]
    assert rules.pilih_baru([a, b, c], {a.kunci(hari), c.kunci(hari)}, hari) == [b]
    assert a.kunci(hari) != a.kunci(hari + timedelta(days=1))


def test_evaluation_steps_and_who_is_reminded_before_the_deadline():
    langkah = rules.langkah_evaluasi
    assert langkah("Draft", "pegawai", True) == "Isi dan ajukan realisasi"
    assert langkah("Draft", "penilai", True) is None
    assert langkah("Realisasi Diajukan", "penilai", True) == "Beri penilaian"
    assert langkah("Dinilai", "penilai", True) == "Finalisasi penilaian"
    assert langkah("Menunggu Tanda Tangan", "pegawai", True) == langkah("Menunggu Tanda Tangan", "penilai", True) \
        == "Tandatangani"
    assert langkah("Ditandatangani Pegawai", "penilai", True) == "Tandatangani"
    assert langkah("Ditandatangani Pegawai", "pegawai", True) is None
    # handed over (signing is the pegawai's choice) and keberatan (no due date): never reminded
    for status in ("Ditandatangani Penilai", "Selesai", "Keberatan Diajukan", "Keberatan Dijelaskan"):
        assert langkah(status, "pegawai", True) is None and langkah(status, "penilai", True) is None
    # signing is reminded only when it can happen by the deadline (the period over, or early signing)
    assert langkah("Menunggu Tanda Tangan", "pegawai", False) is None
    assert langkah("Dinilai", "penilai", False) == "Finalisasi penilaian"


@pytest.mark.parametrize(("batas", "selesai", "lebih_awal", "hasil"), [
    (date(2026, 7, 14), date(2026, 6, 30), False, True),
    (date(2026, 6, 30), date(2026, 6, 30), False, False),
    (date(2026, 6, 30), date(2026, 6, 30), True, True),
])
def test_signing_possible_by_the_deadline(batas, selesai, lebih_awal, hasil):
    assert rules.ttd_mungkin_sebelum(batas, selesai, lebih_awal) is hasil
