"""flask send-reminders: who gets what, --dry-run, once per day (recorded), e-mail through real SMTP."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from kinerja.dialog import services as dialog_services
from kinerja.extensions import db
from kinerja.models import AuditEvent, Evaluasi, HariLibur, Instansi, Notifikasi, PengingatTerkirim
from kinerja.notifikasi import pengingat
from tests.support.evaluasi import buat_aktivitas, buat_periode, buat_skp
from tests.support.smtp import Kotak

JUMAT = date(2026, 11, 27)   # a Friday, before the "today" of any run of this suite
SABTU = date(2026, 11, 28)


def _pukul(tanggal: date, jam: int) -> datetime:
    return datetime(tanggal.year, tanggal.month, tanggal.day, jam, tzinfo=ZoneInfo("Asia/Jakarta"))


def _jenis(hasil, jenis):
    return sorted(p.nama for p in hasil.pengingat if p.jenis == jenis)


def _semua_mengisi(org, tanggal, kecuali=()):
    for p in (org.kadis, org.kabid, org.kasi, org.staf1, org.staf2, org.kabid2, org.staf3):
        if p not in kecuali:
            buat_aktivitas(p, buat_skp(p, tahun=tanggal.year).rhk[0], tanggal)


def test_pegawai_without_an_entry_on_a_working_day(org):
    _semua_mengisi(org, JUMAT, kecuali=(org.staf1, org.staf3))
    hasil = pengingat.kumpulkan(JUMAT, now=_pukul(JUMAT + timedelta(days=3), 9))
    assert _jenis(hasil, "aktivitas") == ["Staf Satu", "Staf Tiga"]
    [p] = [p for p in hasil.pengingat if p.nama == "Staf Satu"]
    assert p.pesan == "Anda belum mengisi aktivitas harian 27 November 2026. Mohon isi sebelum masa tenggang berakhir."
    assert p.tautan == "/aktivitas?tanggal=2026-11-27"


def test_no_daily_reminder_on_weekends_holidays_or_six_day_units(org):
    assert _jenis(pengingat.kumpulkan(SABTU, now=_pukul(SABTU + timedelta(days=2), 9)), "aktivitas") == []
    org.seksi.hari_kerja_per_minggu = 6  # Seksi Uji works on Saturday
    db.session.flush()
    assert _jenis(pengingat.kumpulkan(SABTU, now=_pukul(SABTU + timedelta(days=2), 9)), "aktivitas") == [
        "Kepala Seksi Uji", "Staf Dua", "Staf Satu"]
    db.session.add(HariLibur(tanggal=JUMAT, nama="Libur Uji", jenis="nasional"))
    db.session.flush()
    assert _jenis(pengingat.kumpulkan(JUMAT, now=_pukul(JUMAT + timedelta(days=3), 9)), "aktivitas") == []


def test_today_is_reminded_only_from_the_configured_hour(org):
    inst = db.session.execute(select(Instansi)).scalar_one()
    inst.jam_pengingat_harian = 16
    db.session.flush()
    sebelum = pengingat.kumpulkan(JUMAT, now=_pukul(JUMAT, 15))
    assert _jenis(sebelum, "aktivitas") == [] and sebelum.menunggu_jam == 16
    assert len(_jenis(pengingat.kumpulkan(JUMAT, now=_pukul(JUMAT, 16)), "aktivitas")) == 7


def test_inactive_pegawai_are_not_reminded(org, factory):
    org.staf3.aktif = False
    factory.akun_of(org.staf2).aktif = False
    db.session.flush()
    assert "Staf Tiga" not in _jenis(pengingat.kumpulkan(JUMAT, now=_pukul(SABTU, 9)), "aktivitas")
    assert "Staf Dua" not in _jenis(pengingat.kumpulkan(JUMAT, now=_pukul(SABTU, 9)), "aktivitas")


def _absen(pegawai, jenis, mulai, selesai, status="Disetujui"):
    from kinerja.models import Ketidakhadiran

    db.session.add(Ketidakhadiran(pegawai_id=pegawai.id, jenis=jenis, tanggal_mulai=mulai, tanggal_selesai=selesai,
                                  status=status, sumber="admin"))


def test_pegawai_on_an_absence_are_not_reminded_to_log(org):
    # Every kind of absence holds the reminder back, dinas luar included (it may be logged, but nobody
    # on a trip is nagged), and so does a request still awaiting the atasan; a refused one does not.
    _absen(org.staf1, "Cuti", JUMAT - timedelta(days=2), JUMAT + timedelta(days=3))
    _absen(org.staf2, "Dinas Luar", JUMAT, JUMAT)
    _absen(org.staf3, "Sakit", JUMAT, JUMAT, status="Diajukan")
    _absen(org.kasi, "Tugas Belajar", date(2026, 1, 1), date(2027, 12, 31))
    _absen(org.kabid, "Cuti", JUMAT, JUMAT, status="Ditolak")
    _absen(org.kadis, "Cuti", JUMAT - timedelta(days=3), JUMAT - timedelta(days=1))  # ended the day before
    db.session.flush()
    hasil = pengingat.kumpulkan(JUMAT, now=_pukul(SABTU, 9))
    assert _jenis(hasil, "aktivitas") == ["Kepala Bidang Lain", "Kepala Bidang Uji", "Kepala Dinas Uji"]


def test_atasan_with_submissions_waiting_too_long(org):
    skp = buat_skp(org.staf1)
    lama = buat_aktivitas(org.staf1, skp.rhk[0], date(2026, 11, 20), status="Diajukan")
    lama.diajukan_at = _pukul(date(2026, 11, 20), 16)
    baru = buat_aktivitas(org.staf1, skp.rhk[0], date(2026, 11, 26), status="Diajukan", uraian="Baru")
    baru.diajukan_at = _pukul(date(2026, 11, 26), 16)
    db.session.flush()
    hasil = pengingat.kumpulkan(JUMAT, now=_pukul(SABTU, 9))  # limit 3 working days: before Tue 24 Nov
    [p] = [p for p in hasil.pengingat if p.jenis == "verifikasi"]
    assert p.nama == "Kepala Seksi Uji"
    assert p.pesan == "1 aktivitas bawahan menunggu verifikasi Anda lebih dari 3 hari kerja."


def test_skp_not_submitted_by_the_admins_deadline(org):
    buat_skp(org.staf1, tahun=2026)
    buat_skp(org.staf2, tahun=2026, approved=False)
    inst = db.session.execute(select(Instansi)).scalar_one()
    inst.batas_pengajuan_skp = date(2026, 11, 27)
    db.session.flush()
    hasil = pengingat.kumpulkan(JUMAT, now=_pukul(SABTU, 9))
    names = _jenis(hasil, "skp")
    assert "Staf Dua" in names and "Staf Tiga" in names and "Staf Satu" not in names
    assert _jenis(pengingat.kumpulkan(JUMAT - timedelta(days=1), now=_pukul(SABTU, 9)), "skp") == []


def test_evaluation_steps_due_in_three_days(factory, org):
    from kinerja.evaluasi import services as evaluasi_services

    periode = buat_periode(tahun=2026, batas=JUMAT + timedelta(days=3))
    for p in (org.staf1, org.staf2):
        buat_skp(p, tahun=2026)
    evaluasi_services.open_evaluasi(org.admin, periode.id)
    ev2 = db.session.execute(select(Evaluasi).where(Evaluasi.pegawai_id == org.staf2.id)).scalar_one()
    ev2.status = "Realisasi Diajukan"
    db.session.flush()
    hasil = pengingat.kumpulkan(JUMAT, now=_pukul(SABTU, 9))
    pesan = {(p.nama, p.pesan) for p in hasil.pengingat if p.jenis == "evaluasi"}
    assert ("Staf Satu", "Isi dan ajukan realisasi evaluasi Semester I paling lambat 30 November 2026.") in pesan
    assert ("Kepala Seksi Uji", "Beri penilaian evaluasi Semester I paling lambat 30 November 2026.") in pesan
    assert _jenis(pengingat.kumpulkan(JUMAT + timedelta(days=1), now=_pukul(SABTU, 9)), "evaluasi") == []


def test_signing_steps_are_reminded_by_the_same_deadline(runner, factory, org):
    # The period's batas pengisian is the only evaluation due date (DOMAIN.md, evaluasi.rules): steps
    # still open three days before it are reminded to whoever must act -- finalising, both signatures.
    # A handed-over result (the pegawai may refuse to sign) and a keberatan (no due date) are not.
    from kinerja.evaluasi import services as evaluasi_services

    periode = buat_periode(tahun=2026, batas=SABTU + timedelta(days=3))  # a Saturday: no daily-log reminders
    pegawai = (org.staf1, org.staf2, org.kasi, org.kabid2, org.staf3)
    for p in pegawai:
        buat_skp(p, tahun=2026)
    evaluasi_services.open_evaluasi(org.admin, periode.id)
    status = {org.staf1: "Dinilai", org.staf2: "Menunggu Tanda Tangan", org.kasi: "Ditandatangani Pegawai",
              org.kabid2: "Ditandatangani Penilai", org.staf3: "Keberatan Diajukan"}
    for p, st in status.items():
        ev = db.session.execute(select(Evaluasi).where(Evaluasi.pegawai_id == p.id)).scalar_one()
        ev.status = st
    db.session.commit()
    pesan = {(p.nama, p.pesan) for p in pengingat.kumpulkan(SABTU, now=_pukul(SABTU, 16)).pengingat
             if p.jenis == "evaluasi"}
    assert pesan == {
        ("Kepala Seksi Uji", "Finalisasi penilaian evaluasi Semester I paling lambat 1 Desember 2026."),
        ("Staf Dua", "Tandatangani evaluasi Semester I paling lambat 1 Desember 2026."),
        ("Kepala Seksi Uji", "Tandatangani evaluasi Semester I paling lambat 1 Desember 2026."),
        ("Kepala Bidang Uji", "Tandatangani evaluasi Semester I paling lambat 1 Desember 2026."),
    }
    dry = runner.invoke(args=["send-reminders", "--dry-run", "--tanggal", SABTU.isoformat()])
    assert dry.exit_code == 0 and dry.output.count("Tenggat evaluasi") == 4, dry.output
    assert "Tandatangani evaluasi Semester I" in dry.output and org.staf2.nip in dry.output
    assert "4 dikirim, 0 sudah" in runner.invoke(args=["send-reminders", "--tanggal", SABTU.isoformat()]).output
    assert "0 dikirim, 4 sudah" in runner.invoke(args=["send-reminders", "--tanggal", SABTU.isoformat()]).output
    assert db.session.scalar(select(func.count(Notifikasi.id)).where(Notifikasi.jenis == "pengingat.evaluasi")) == 4


def _tindak_lanjut(factory, org, batas):
    kasi = factory.akun_of(org.kasi)
    dialog = dialog_services.create_dialog(kasi, dialog_services.DialogData(
        jenis="Rapat Rutin Tim", judul="Rapat Uji", tanggal=JUMAT - timedelta(days=1), jam=time(8, 0),
        tempat="Ruang Rapat", agenda="Progres", peserta_ids=[org.staf1.id, org.staf2.id]))
    return dialog_services.add_tindak_lanjut(kasi, dialog.id, "Siapkan data uji", org.staf2.id, batas)


def test_cli_dry_run_lists_and_sends_nothing(runner, org):
    _semua_mengisi(org, JUMAT, kecuali=(org.staf1,))
    db.session.commit()
    result = runner.invoke(args=["send-reminders", "--dry-run", "--tanggal", JUMAT.isoformat()])
    assert result.exit_code == 0, result.output
    assert "Belum mengisi aktivitas" in result.output and org.staf1.nip in result.output and "Staf Satu" in result.output
    assert "1 pengingat akan dikirim; tidak ada yang dikirim" in result.output
    assert db.session.scalar(select(func.count(Notifikasi.id))) == 0
    assert db.session.scalar(select(func.count(PengingatTerkirim.id))) == 0


def test_cli_sends_once_per_day(runner, org):
    _semua_mengisi(org, JUMAT, kecuali=(org.staf1, org.staf2))
    db.session.commit()
    first = runner.invoke(args=["send-reminders", "--tanggal", JUMAT.isoformat()])
    assert first.exit_code == 0, first.output
    assert "2 dikirim, 0 sudah dikirim sebelumnya" in first.output
    again = runner.invoke(args=["send-reminders", "--tanggal", JUMAT.isoformat()])
    assert "0 dikirim, 2 sudah dikirim sebelumnya" in again.output
    n = db.session.execute(select(Notifikasi).where(Notifikasi.jenis == "pengingat.aktivitas")).scalars().all()
    assert len(n) == 2
    assert db.session.execute(select(AuditEvent).where(AuditEvent.aksi == "notifikasi.pengingat")).scalar_one()


def test_cli_refuses_a_bad_date(runner, org):
    result = runner.invoke(args=["send-reminders", "--tanggal", "besok"])
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output


def test_dialog_follow_ups_fold_into_send_reminders(runner, factory, org):
    tl = _tindak_lanjut(factory, org, JUMAT + timedelta(days=1))
    _semua_mengisi(org, JUMAT)
    db.session.commit()
    result = runner.invoke(args=["send-reminders", "--tanggal", JUMAT.isoformat()])
    assert "1 dikirim" in result.output, result.output
    [n] = db.session.execute(select(Notifikasi).where(Notifikasi.jenis == "dialog.pengingat")).scalars().all()
    assert "Siapkan data uji" in n.pesan and n.tautan == f"/dialog/{tl.dialog_id}"
    # the former command finds it already reminded that day
    old = runner.invoke(args=["dialog", "kirim-pengingat", "--tanggal", JUMAT.isoformat()])
    assert "0 notifikasi dikirim" in old.output


@pytest.mark.usefixtures("kotak_surel")
def test_reminders_arrive_by_email(runner, org, kotak_surel):
    org.staf1.email = "staf.satu@bukitintankab.go.id"
    _semua_mengisi(org, JUMAT, kecuali=(org.staf1,))
    db.session.commit()
    result = runner.invoke(args=["send-reminders", "--tanggal", JUMAT.isoformat()])
    assert "1 dikirim" in result.output and "surel dikirim oleh pekerjaan latar" in result.output, result.output
    [msg] = kotak_surel.tunggu(1)
    assert msg["To"] == "staf.satu@bukitintankab.go.id"
    body = Kotak.isi(msg)
    assert "Anda belum mengisi aktivitas harian 27 November 2026" in body
    assert "http://localhost/aktivitas?tanggal=2026-11-27" in body and body.count("http") == 1
    runner.invoke(args=["send-reminders", "--tanggal", JUMAT.isoformat()])
    assert len(kotak_surel.pesan) == 1


def test_admin_sets_the_reminder_settings(browser, org):
    from tests.integration.test_admin_organisasi import _instansi_form
    from tests.support.factories import PASSWORD

    assert browser.login("admin", PASSWORD).status_code == 302
    page = browser.get("/admin/instansi").get_data(as_text=True)
    assert "Batas Pengajuan SKP" in page and "Jam Pengingat Aktivitas" in page
    r = browser.post("/admin/instansi", _instansi_form(batas_pengajuan_skp="2026-01-31", jam_pengingat_harian="16",
                                                       batas_tunggu_verifikasi="5"))
    assert r.status_code == 302
    inst = db.session.execute(select(Instansi)).scalar_one()
    assert (inst.batas_pengajuan_skp, inst.jam_pengingat_harian, inst.batas_tunggu_verifikasi) == (date(2026, 1, 31), 16, 5)
    r = browser.post("/admin/instansi", _instansi_form(jam_pengingat_harian="24"))
    assert r.status_code == 422 and "Jam pengingat harus 0 sampai 23." in r.get_data(as_text=True)
