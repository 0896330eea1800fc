"""Notifications by e-mail, delivered to a real SMTP server (aiosmtpd) and read back."""

from datetime import timedelta

from sqlalchemy import select

from kinerja.extensions import db
from kinerja.models import AuditEvent, Notifikasi, PreferensiNotifikasi
from kinerja.notifikasi import rules
from kinerja.notifikasi.surel import kirim_antrean, kirim_ringkasan
from kinerja.waktu import today_local, utcnow
from tests.support.evaluasi import buat_aktivitas, buat_skp
from tests.support.factories import PASSWORD
from tests.support.smtp import Kotak


def subjek(msg) -> str:
    return str(msg["Subject"]).strip()  # a long non-ASCII subject is folded onto its own line


def masuk(make_browser, pegawai):
    b = make_browser()
    assert b.login(pegawai.nip, PASSWORD).status_code == 302
    return b


def _kembalikan(make_browser, org):
    org.staf1.email = "staf.satu@bukitintankab.go.id"
    skp = buat_skp(org.staf1)
    a = buat_aktivitas(org.staf1, skp.rhk[0], today_local() - timedelta(days=1), status="Diajukan", uraian="Rapat koordinasi")
    b = masuk(make_browser, org.kasi)
    r = b.post(f"/verifikasi/aktivitas/{a.id}/kembalikan", {f"a{a.id}-catatan": "Lampirkan notulen rapat."}, htmx=True)
    assert r.status_code == 200
    return a


def test_returned_entry_is_emailed_to_the_pegawai(make_browser, org, kotak_surel):
    a = _kembalikan(make_browser, org)
    [msg] = kotak_surel.tunggu(1)
    assert msg["X-Envelope-To"] == "staf.satu@bukitintankab.go.id"
    assert msg["To"] == "staf.satu@bukitintankab.go.id"
    assert subjek(msg).startswith("[Kinerja] Aktivitas")
    body = Kotak.isi(msg)
    assert "dikembalikan oleh Kepala Seksi Uji: Lampirkan notulen rapat." in body
    assert body.startswith("Yth. Staf Satu,")
    assert body.count("http") == 1
    assert f"http://localhost/verifikasi/aktivitas/{a.id}" in body
    n = db.session.execute(select(Notifikasi).where(Notifikasi.jenis == "aktivitas.dikembalikan")).scalar_one()
    assert n.surel_status == "terkirim" and n.surel_at is not None


def test_without_smtp_nothing_is_queued(make_browser, org):
    _kembalikan(make_browser, org)
    n = db.session.execute(select(Notifikasi).where(Notifikasi.jenis == "aktivitas.dikembalikan")).scalar_one()
    assert n.surel_status is None


def test_in_app_only_choice_sends_no_email(make_browser, factory, org, kotak_surel):
    db.session.add(PreferensiNotifikasi(akun_id=factory.akun_of(org.staf1).id, jenis="aktivitas", saluran="aplikasi"))
    _kembalikan(make_browser, org)
    assert kotak_surel.pesan == []
    n = db.session.execute(select(Notifikasi).where(Notifikasi.jenis == "aktivitas.dikembalikan")).scalar_one()
    assert n.surel_status is None and n.dibaca_at is None  # still in the app


def test_submissions_are_one_email_per_atasan_per_hour(make_browser, org, kotak_surel):
    org.kasi.email = "kasi@bukitintankab.go.id"
    skp1, skp2 = buat_skp(org.staf1), buat_skp(org.staf2)
    kemarin = today_local() - timedelta(days=1)
    a1 = buat_aktivitas(org.staf1, skp1.rhk[0], kemarin, status="Draft")
    a2 = buat_aktivitas(org.staf2, skp2.rhk[0], kemarin, status="Draft")
    r = masuk(make_browser, org.staf1).post("/aktivitas/ajukan", {"tanggal": kemarin.isoformat(), "aksi": "terpilih",
                                                                   "ids": str(a1.id)})
    assert r.status_code in (200, 302, 303)
    assert len(kotak_surel.tunggu(1)) == 1
    r = masuk(make_browser, org.staf2).post("/aktivitas/ajukan", {"tanggal": kemarin.isoformat(), "aksi": "terpilih",
                                                                   "ids": str(a2.id)})
    assert r.status_code in (200, 302, 303)
    assert len(kotak_surel.pesan) == 1  # the second waits for the hour
    in_app = db.session.execute(select(Notifikasi).where(Notifikasi.jenis == rules.JENIS_BATCH)).scalars().all()
    assert len(in_app) == 2  # both are in the app at once
    assert kirim_antrean(utcnow() + timedelta(minutes=61)) == 1
    [_, kedua] = kotak_surel.tunggu(2)
    assert subjek(kedua) == "[Kinerja] Aktivitas menunggu verifikasi Anda"
    assert "http://localhost/verifikasi/" in Kotak.isi(kedua)


def test_daily_digest_collects_and_sends_once(factory, org, kotak_surel):
    from kinerja.notifikasi.services import notify

    org.staf1.email = "staf.satu@bukitintankab.go.id"
    akun = factory.akun_of(org.staf1)
    for k in rules.KELOMPOK:
        db.session.add(PreferensiNotifikasi(akun_id=akun.id, jenis=k, saluran="ringkasan"))
    db.session.flush()
    notify(akun, "SKP tahun 2026 Anda telah disetujui (versi 1).", "/skp/1", "skp")
    notify(akun, "Pak Kadis mengundang Anda ke dialog kinerja.", "/dialog/1", "dialog.undangan")
    db.session.commit()
    assert kirim_antrean() == 0
    assert kirim_ringkasan(today_local()) == 1
    [msg] = kotak_surel.tunggu(1)
    body = Kotak.isi(msg)
    assert subjek(msg) == "[Kinerja] Ringkasan notifikasi (2)"
    assert "SKP tahun 2026 Anda telah disetujui" in body and "mengundang Anda ke dialog" in body
    assert body.count("http") == 1 and "http://localhost/notifikasi/" in body
    assert kirim_ringkasan(today_local()) == 0  # sent once


def test_mail_server_down_keeps_the_message_queued(app, factory, org, monkeypatch):
    from kinerja.notifikasi.services import notify

    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", 9)  # nothing listens
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", False)
    org.staf1.email = "staf.satu@bukitintankab.go.id"
    n = notify(factory.akun_of(org.staf1), "Uji.", "/", "umum")
    db.session.commit()
    assert kirim_antrean() == 0
    db.session.refresh(n)
    assert n.surel_status == "antre"


def test_announcement_published_is_emailed(make_browser, factory, org, kotak_surel):
    from kinerja.pengumuman import sasaran
    from kinerja.pengumuman.services import PengumumanData, save_pengumuman

    org.staf1.email = "staf.satu@bukitintankab.go.id"
    db.session.flush()
    admin = org.admin
    save_pengumuman(admin, None, PengumumanData("Apel Hari Senin", "Apel pagi di halaman kantor.", False,
                                                sasaran.Sasaran(True, None, True, "semua")), terbitkan=True)
    assert kirim_antrean() >= 1
    judul = [subjek(m) for m in kotak_surel.tunggu(1) if m["To"] == "staf.satu@bukitintankab.go.id"]
    assert judul == ["[Kinerja] Pengumuman baru: Apel Hari Senin"]


def test_preference_change_is_audited(make_browser, factory, org):
    b = masuk(make_browser, org.staf1)
    data = {f"saluran_{k}": "aplikasi" for k in rules.KELOMPOK} | {"saluran_skp": "ringkasan"}
    r = b.post("/notifikasi/pengaturan", data)
    assert r.status_code == 302
    assert "Pengaturan notifikasi tersimpan." in b.get("/notifikasi/pengaturan").get_data(as_text=True)
    from kinerja.notifikasi.services import pilihan_lengkap

    pilihan = pilihan_lengkap(factory.akun_of(org.staf1).id)
    assert pilihan["skp"] == "ringkasan" and pilihan["dialog"] == "aplikasi"
    assert db.session.execute(select(AuditEvent).where(AuditEvent.aksi == "notifikasi.preferensi")).scalar_one()


def test_mail_job_is_retried_while_the_server_is_down(app, factory, org, monkeypatch):
    from kinerja.models import Pekerjaan
    from kinerja.notifikasi.services import notify
    from kinerja.notifikasi.surel import jadwalkan_pengiriman

    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", 9)  # nothing listens
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", False)
    org.staf1.email = "staf.satu@bukitintankab.go.id"
    n = notify(factory.akun_of(org.staf1), "Uji.", "/", "umum")
    db.session.commit()
    jadwalkan_pengiriman()
    job = db.session.execute(select(Pekerjaan).where(Pekerjaan.jenis == "surel.kirim")).scalar_one()
    assert job.status == "antre" and "Server surel tidak dapat dihubungi" in job.galat  # waits for its retry
    db.session.refresh(n)
    assert n.surel_status == "antre"
