"""Sesi sosialisasi: schedule, invitations, attendance, per-unit view, scope and CSRF."""

from __future__ import annotations

from datetime import time, timedelta

from sqlalchemy import func, select

from kinerja.extensions import db
from kinerja.models import AuditEvent, Notifikasi, PesertaSosialisasi, SesiSosialisasi
from kinerja.pengumuman import sasaran
from kinerja.sosialisasi import queries, services
from kinerja.waktu import today_local
from tests.support.factories import PASSWORD


def count(model, *where):
    return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def sesi(actor, hari: int = -3, unit=None, peran="semua"):
    return services.create_sesi(actor, services.SesiData(
        "Sosialisasi", "Sosialisasi aplikasi kinerja", today_local() + timedelta(days=hari), time(9, 0), "Aula", "",
        "1. Mengapa mencatat\n2. SKP", sasaran.Sasaran(unit is None, unit.id if unit else None, True, peran)))


def form(**kw):
    data = {"jenis": "Bimtek", "judul": "Bimtek SKP", "tanggal": (today_local() + timedelta(days=5)).isoformat(),
            "jam": "13:30", "tempat": "", "tautan": "https://rapat.example.go.id/skp", "materi": "- RHK",
            "cakupan": "unit", "unit_id": "", "peran": "semua", "sub_unit": "y"}
    data.update(kw)
    return data


def test_pimpinan_schedules_for_their_unit_and_staff_are_invited(browser, make_browser, org):
    browser.login(org.kabid.nip, PASSWORD)
    r = browser.post("/sosialisasi/baru", form(unit_id=str(org.bidang.id)))
    assert r.status_code == 302
    s = db.session.execute(select(SesiSosialisasi)).scalar_one()
    assert {p.pegawai_id for p in s.peserta} == {org.kabid.id, org.kasi.id, org.staf1.id, org.staf2.id}
    assert count(Notifikasi, Notifikasi.jenis == "sosialisasi") == 3  # everybody but the organiser
    assert count(AuditEvent, AuditEvent.aksi == "sosialisasi.jadwalkan") == 1
    staf = make_browser()
    staf.login(org.staf1.nip, PASSWORD)
    assert "Bimtek SKP" in staf.get("/").get_data(as_text=True)  # upcoming sessions on the Beranda
    assert staf.get(f"/sosialisasi/{s.id}").status_code == 200
    assert "Catat Kehadiran" not in staf.get(f"/sosialisasi/{s.id}").get_data(as_text=True)
    luar = make_browser()
    luar.login(org.staf3.nip, PASSWORD)
    assert luar.get(f"/sosialisasi/{s.id}").status_code == 404


def test_invitation_is_emailed_by_each_invitees_choice(browser, factory, org, kotak_surel):
    # Invitations go through notify(): the "Pengumuman" kind of Pengaturan Notifikasi decides the e-mail.
    from kinerja.models import PreferensiNotifikasi
    from kinerja.notifikasi import rules
    from tests.support.smtp import Kotak

    org.staf1.email, org.staf2.email, org.kasi.email = ("staf.satu@bukitintankab.go.id", "staf.dua@bukitintankab.go.id",
                                                         "kasi@bukitintankab.go.id")
    staf2 = factory.akun_of(org.staf2).id
    db.session.add_all([PreferensiNotifikasi(akun_id=staf2, jenis=k, saluran="aplikasi") for k in rules.KELOMPOK])
    kasi = factory.akun_of(org.kasi).id
    db.session.add_all([PreferensiNotifikasi(akun_id=kasi, jenis=k, saluran="ringkasan") for k in rules.KELOMPOK])
    db.session.commit()
    browser.login(org.kabid.nip, PASSWORD)
    assert browser.post("/sosialisasi/baru", form(unit_id=str(org.bidang.id))).status_code == 302
    s = db.session.execute(select(SesiSosialisasi)).scalar_one()
    [msg] = kotak_surel.tunggu(1)
    assert msg["To"] == "staf.satu@bukitintankab.go.id"
    assert str(msg["Subject"]).strip() == "[Kinerja] Undangan bimtek: Bimtek SKP"
    assert f"http://localhost/sosialisasi/{s.id}" in Kotak.isi(msg)
    surel = dict(db.session.execute(select(Notifikasi.penerima_id, Notifikasi.surel_status)
                                    .where(Notifikasi.jenis == "sosialisasi")).all())
    assert surel == {factory.akun_of(org.staf1).id: "terkirim", staf2: None, kasi: "ringkasan"}


def test_scheduling_without_csrf_is_refused(browser, org):
    browser.login(org.kabid.nip, PASSWORD)
    assert browser.post("/sosialisasi/baru", form(unit_id=str(org.bidang.id)), csrf=False).status_code == 400
    assert count(SesiSosialisasi) == 0 and count(Notifikasi) == 0


def test_form_refusals(browser, make_browser, org):
    browser.login(org.kabid.nip, PASSWORD)
    r = browser.post("/sosialisasi/baru", form(unit_id=str(org.bidang2.id)))
    assert r.status_code == 422 and "di luar wewenang" in r.get_data(as_text=True)
    r = browser.post("/sosialisasi/baru", form(unit_id=str(org.bidang.id), tautan="javascript:alert(1)"))
    assert r.status_code == 422 and "https://" in r.get_data(as_text=True)
    r = browser.post("/sosialisasi/baru", form(unit_id=str(org.bidang.id), tautan=""))
    assert r.status_code == 422 and "tempat atau tautan" in r.get_data(as_text=True)
    assert count(SesiSosialisasi) == 0
    staf_browser = make_browser()
    staf_browser.login(org.staf1.nip, PASSWORD)
    assert staf_browser.get("/sosialisasi/baru").status_code == 403
    assert staf_browser.post("/sosialisasi/baru", form(unit_id=str(org.seksi.id))).status_code == 403


def test_attendance_per_unit(browser, org):
    s = sesi(org.admin)
    browser.login("admin", PASSWORD)
    r = browser.post(f"/sosialisasi/{s.id}/kehadiran", {"hadir": [str(org.staf1.id), str(org.kabid2.id)]})
    assert r.status_code == 302
    assert count(PesertaSosialisasi, PesertaSosialisasi.hadir.is_(True)) == 2
    rekap = {r.unit: r for r in queries.rekap_per_unit(s.id)}
    assert (rekap["Seksi Uji"].hadir, rekap["Seksi Uji"].diundang) == (1, 3)
    assert rekap["Seksi Uji"].nama_absen == ["Kepala Seksi Uji", "Staf Dua"]
    assert rekap["Bidang Lain"].hadir == 1
    html = browser.get(f"/sosialisasi/{s.id}").get_data(as_text=True)
    assert "Kehadiran per Unit" in html and "1 dari 3 (33%)" in html
    assert queries.tingkat_kehadiran() == (2, 7)
    assert queries.tingkat_kehadiran([org.staf1.id, org.staf2.id]) == (1, 2)
    assert queries.tingkat_kehadiran(tahun=today_local().year + 1) == (0, 0)
    # Correcting the list: staf1 was not there after all.
    browser.post(f"/sosialisasi/{s.id}/kehadiran", {"hadir": [str(org.kabid2.id)]})
    assert count(PesertaSosialisasi, PesertaSosialisasi.hadir.is_(True)) == 1
    assert count(AuditEvent, AuditEvent.aksi == "sosialisasi.kehadiran") == 2


def test_attendance_refusals(browser, make_browser, org):
    nanti = sesi(org.admin, hari=5)
    lalu = sesi(org.admin, unit=org.seksi)
    browser.login("admin", PASSWORD)
    r = browser.post(f"/sosialisasi/{nanti.id}/kehadiran", {"hadir": [str(org.staf1.id)]}, follow_redirects=True)
    assert "setelah sesi dimulai" in r.get_data(as_text=True)
    r = browser.post(f"/sosialisasi/{lalu.id}/kehadiran", {"hadir": [str(org.staf3.id)]}, follow_redirects=True)
    assert "bukan peserta" in r.get_data(as_text=True)
    assert count(PesertaSosialisasi, PesertaSosialisasi.hadir.is_(True)) == 0
    assert browser.post(f"/sosialisasi/{lalu.id}/kehadiran", {"hadir": [str(org.staf1.id)]}, csrf=False).status_code == 400
    staf = make_browser()
    staf.login(org.staf1.nip, PASSWORD)  # invited, but not the organiser
    assert staf.post(f"/sosialisasi/{lalu.id}/kehadiran", {"hadir": [str(org.staf1.id)]}).status_code == 403  # sees the session, may not record attendance
    assert count(PesertaSosialisasi, PesertaSosialisasi.hadir.is_(True)) == 0


def test_unknown_session_is_404(browser, org):
    browser.login("admin", PASSWORD)
    assert browser.get("/sosialisasi/424242").status_code == 404
    assert browser.post("/sosialisasi/424242/kehadiran").status_code == 404


def test_schedule_date_out_of_range(browser, org):
    browser.login("admin", PASSWORD)
    r = browser.post("/sosialisasi/baru", form(cakupan="dinas", tanggal="0001-01-01"))
    assert r.status_code == 422 and count(SesiSosialisasi) == 0
