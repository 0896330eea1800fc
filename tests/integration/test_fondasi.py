"""Foundation behaviour: sessions, password changes, audit chain, notifications, beranda."""

import time

from sqlalchemy import text

from kinerja.audit.services import record, verify_chain
from kinerja.extensions import db
from kinerja.models import Akun, AuditEvent
from kinerja.notifikasi.services import notify
from kinerja.organisasi.services import set_pegawai_aktif
from tests.support.factories import PASSWORD


def test_idle_timeout_logs_out_with_message(browser, org):
    browser.login(org.staf1.nip, PASSWORD)
    with browser.client.session_transaction() as s:
        s["last_seen"] = int(time.time()) - 61 * 60
    r = browser.get("/")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    page = browser.get(r.headers["Location"]).get_data(as_text=True)
    assert "terlalu lama tidak aktif" in page


def test_absolute_timeout(browser, org):
    browser.login(org.staf1.nip, PASSWORD)
    with browser.client.session_transaction() as s:
        s["login_at"] = int(time.time()) - 13 * 3600
    assert browser.get("/").status_code == 302


def test_idle_warning_data_is_on_every_page(browser, org):
    browser.login(org.staf1.nip, PASSWORD)
    html = browser.get("/").get_data(as_text=True)
    assert 'data-idle-timeout="3600"' in html and "Tetap Masuk" in html


def test_temporary_password_must_be_changed_first(browser, factory):
    factory.instansi()
    p = factory.pegawai("Baru", harus_ganti_sandi=True)
    r = browser.login(p.nip, PASSWORD)
    assert r.headers["Location"].endswith("/akun/kata-sandi")
    assert browser.get("/").headers["Location"].endswith("/akun/kata-sandi")
    r = browser.post("/akun/kata-sandi", {"sandi_lama": PASSWORD, "sandi_baru": "teh manis hangat sore hari",
                                          "ulangi_sandi": "teh manis hangat sore hari"})
    assert r.status_code == 302
    assert browser.get("/").status_code == 200


def test_password_change_refuses_weak_password_at_field(browser, org):
    browser.login(org.staf1.nip, PASSWORD)
    r = browser.post("/akun/kata-sandi", {"sandi_lama": PASSWORD, "sandi_baru": "password1234",
                                          "ulangi_sandi": "password1234"})
    assert r.status_code == 422
    assert "terlalu umum" in r.get_data(as_text=True)


def test_password_change_ends_other_sessions(make_browser, org):
    a, b = make_browser(), make_browser()
    a.login(org.staf1.nip, PASSWORD)
    b.login(org.staf1.nip, PASSWORD)
    r = a.post("/akun/kata-sandi", {"sandi_lama": PASSWORD, "sandi_baru": "teh manis hangat sore hari",
                                    "ulangi_sandi": "teh manis hangat sore hari"})
    assert r.status_code == 302
    assert a.get("/").status_code == 200
    assert b.get("/").status_code == 302


def test_deactivation_ends_sessions_and_blocks_login(browser, org):
    browser.login(org.staf1.nip, PASSWORD)
    set_pegawai_aktif(db.session.get(Akun, org.admin.id), org.staf1.id, False)
    assert browser.get("/").status_code == 302
    r = browser.login(org.staf1.nip, PASSWORD)
    assert r.status_code == 422


def test_deactivating_an_atasan_with_staff_is_refused(org):
    import pytest

    from kinerja.errors import DomainError

    with pytest.raises(DomainError) as err:
        set_pegawai_aktif(org.admin, org.kasi.id, False)
    assert "masih menjadi atasan" in err.value.message


def test_open_redirect_is_ignored(browser, org):
    browser.token()
    r = browser.post("/login?next=https://jahat.example/", {"identitas": org.staf1.nip, "kata_sandi": PASSWORD})
    assert r.headers["Location"] == "/"


def test_audit_chain_verifies_and_detects_tampering(org):
    for i in range(3):
        record(org.admin, "uji.aksi", "uji", i, sesudah={"i": i})
    db.session.flush()
    checked, problem = verify_chain()
    assert problem is None and checked >= 3
    target = db.session.query(AuditEvent).filter_by(aksi="uji.aksi").order_by(AuditEvent.id).first()
    db.session.execute(text("UPDATE audit_event SET sesudah = :v WHERE id = :id"), {"v": '{"i":99}', "id": target.id})
    db.session.expire_all()
    _, problem = verify_chain()
    assert problem is not None and problem.event_id == target.id


def test_audit_chain_detects_deleted_row(org):
    for i in range(3):
        record(org.admin, "uji.aksi", "uji", i)
    db.session.flush()
    middle = db.session.query(AuditEvent).filter_by(aksi="uji.aksi").order_by(AuditEvent.id).all()[1]
    db.session.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": middle.id})
    db.session.expire_all()
    _, problem = verify_chain()
    assert problem is not None


def test_audit_verify_cli(runner, org):
    record(org.admin, "uji.aksi", "uji", 1)
    db.session.flush()
    ok = runner.invoke(args=["audit-verify"])
    assert ok.exit_code == 0 and "utuh" in ok.output
    db.session.execute(text("UPDATE audit_event SET aktor_label = 'penyusup' WHERE aksi = 'uji.aksi'"))
    bad = runner.invoke(args=["audit-verify"])
    assert bad.exit_code == 1 and "RUSAK" in bad.output


def test_notifications_are_private_and_marked_read(make_browser, org):
    staf1 = db.session.query(Akun).filter_by(pegawai_id=org.staf1.id).one()
    item = notify(staf1, "SKP Anda disetujui.", "/")
    db.session.commit()
    owner, other = make_browser(), make_browser()
    owner.login(org.staf1.nip, PASSWORD)
    other.login(org.staf2.nip, PASSWORD)
    assert "SKP Anda disetujui." in owner.get("/notifikasi/").get_data(as_text=True)
    assert "SKP Anda disetujui." not in other.get("/notifikasi/").get_data(as_text=True)
    assert other.post(f"/notifikasi/{item.id}/buka").status_code == 404
    assert owner.post(f"/notifikasi/{item.id}/buka").status_code == 302
    assert owner.post(f"/notifikasi/{item.id}/buka", csrf=False).status_code == 400


def test_beranda_shows_subordinates_for_atasan_only(make_browser, org):
    atasan, staf = make_browser(), make_browser()
    atasan.login(org.kasi.nip, PASSWORD)
    staf.login(org.staf1.nip, PASSWORD)
    assert "Bawahan Langsung (2)" in atasan.get("/").get_data(as_text=True)
    page = staf.get("/").get_data(as_text=True)
    assert "Bawahan Langsung" not in page and "Kepala Seksi Uji" in page  # own atasan shown


def test_beranda_admin_lists_data_problems(browser, org, factory):
    factory.pegawai("Tanpa Atasan", unit=org.seksi)
    browser.login("admin", PASSWORD)
    page = browser.get("/").get_data(as_text=True)
    assert "Tanpa Atasan" in page and "belum punya atasan" in page
    assert "Kepala Dinas Uji" not in page.split("Masalah data")[1]  # the top of the tree is fine


def test_account_without_pegawai_sees_no_personal_data(browser, factory, org):
    # An account with no role (no pegawai, not admin) sees nobody's records.
    from kinerja.akun.services import hash_password

    db.session.add(Akun(username="tamu", password_hash=hash_password(PASSWORD), is_admin=False, harus_ganti_sandi=False))
    db.session.commit()
    browser.login("tamu", PASSWORD)
    page = browser.get("/").get_data(as_text=True)
    for nama in ("Staf Satu", "Kepala Seksi Uji", "Kepala Dinas Uji"):
        assert nama not in page
    assert browser.get("/admin").status_code == 403
