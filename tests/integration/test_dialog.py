"""Dialog kinerja (C6): scheduling, the meeting page, follow-ups, tanggapan, closing, notulen, access."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, time, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from kinerja.dialog import services
from kinerja.extensions import db
from kinerja.models import AuditEvent, Dialog, Notifikasi, PesertaDialog, TindakLanjut
from kinerja.waktu import today_local
from tests.support.factories import PASSWORD

TODAY: date  # the instansi's day when each test starts (a run may cross midnight WIB)
KEMARIN: date


@pytest.fixture(autouse=True)
def _hari_ini(_jauh_dari_tengah_malam):  # tests.conftest: a test never starts in a day's last seconds
    global TODAY, KEMARIN
    TODAY = today_local()
    KEMARIN = TODAY - timedelta(days=1)


def login(browser, pegawai):
    browser.login(pegawai.nip, PASSWORD)
    return browser


def data(peserta, tanggal=None, jam=time(8, 0), **kw):
    values = dict(jenis="Rapat Rutin Tim", judul="Rapat rutin seksi", tanggal=tanggal or KEMARIN, jam=jam, daring=False,
                  tempat="Ruang Rapat Lt. 2", agenda="Capaian minggu lalu\nRencana minggu ini", pengulangan="",
                  peserta_ids=[p.id for p in peserta])
    values.update(kw)
    return services.DialogData(**values)


@pytest.fixture
def rapat(org, factory):
    """A meeting yesterday 08:00 led by kasi with staf1 and staf2, notes recorded, one follow-up for staf1."""
    kasi = factory.akun_of(org.kasi)
    dialog = services.create_dialog(kasi, data([org.staf1, org.staf2]))
    services.save_catatan(kasi, dialog.id, "Progres aplikasi 70%.", "Server uji lambat.", "Uji coba Jumat.")
    services.add_tindak_lanjut(kasi, dialog.id, "Siapkan data uji", org.staf1.id, TODAY + timedelta(days=3))
    return db.session.get(Dialog, dialog.id)


def form_baru(org, **kw):
    values = {"jenis": "Rapat Rutin Tim", "judul": "Rapat Senin", "tanggal": TODAY.isoformat(), "jam": "08:00",
              "tempat": "Ruang Rapat", "pengulangan": "mingguan", "agenda": "Evaluasi mingguan",
              "peserta": [str(org.staf1.id), str(org.staf2.id)]}
    values.update(kw)
    return values


def count(model, *where) -> int:
    return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


# ------------------------------------------------------------------ navigation and lists

def test_nav_shows_dialog_for_pegawai_only(browser, org):
    login(browser, org.staf1)
    assert "Dialog Kinerja" in browser.get("/").get_data(as_text=True)
    browser.logout()
    browser.login("admin", PASSWORD)
    assert 'href="/dialog"' not in browser.get("/").get_data(as_text=True)


def test_staff_without_subordinates_lands_on_their_meetings(browser, org, rapat):
    login(browser, org.staf1)
    r = browser.get("/dialog")
    assert r.status_code == 302 and r.headers["Location"].endswith("/dialog/diikuti")
    page = browser.get("/dialog/diikuti").get_data(as_text=True)
    assert "Rapat rutin seksi" in page and "Kepala Seksi Uji" in page


def test_leader_month_list_full_page_and_fragment(browser, org, rapat):
    login(browser, org.kasi)
    bulan = KEMARIN.strftime("%Y-%m")
    full = browser.get(f"/dialog?bulan={bulan}")
    assert full.status_code == 200 and "<html" in full.get_data(as_text=True)
    assert "HX-Request" in full.headers["Vary"]
    fragment = browser.get(f"/dialog?bulan={bulan}", htmx=True)
    body = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in body
    assert "Rapat rutin seksi" in body and "1 tindak lanjut terbuka" in body
    assert "HX-Request" in fragment.headers["Vary"]


def test_month_list_tolerates_garbage_month(browser, org, rapat):
    login(browser, org.kasi)
    assert browser.get("/dialog?bulan=<script>").status_code == 200
    assert browser.get("/dialog?bulan=2026-99").status_code == 200


def test_diikuti_fragment_and_vary(browser, org, rapat):
    login(browser, org.staf2)
    r = browser.get("/dialog/diikuti", htmx=True)
    assert r.status_code == 200 and "<html" not in r.get_data(as_text=True)
    assert "Rapat rutin seksi" in r.get_data(as_text=True)
    assert "HX-Request" in r.headers["Vary"]


def _many(org, factory, n):
    kasi = factory.akun_of(org.kasi)
    for i in range(n):
        d = services.create_dialog(kasi, data([org.staf1, org.staf2], tanggal=KEMARIN, jam=time(8 + i % 8, 0),
                                              judul=f"Rapat {i}"))
        services.add_tindak_lanjut(kasi, d.id, f"Tugas {i}", org.staf1.id, TODAY + timedelta(days=1))


@pytest.mark.parametrize("url,who", [
    ("/dialog?bulan={bulan}", "kasi"),
    ("/dialog/diikuti", "staf1"),
    ("/dialog/rekap", "kabid"),
    ("/", "staf1"),
])
def test_query_count_does_not_grow_with_meetings(browser, org, factory, count_queries, url, who):
    login(browser, getattr(org, who))
    url = url.format(bulan=KEMARIN.strftime("%Y-%m"))
    _many(org, factory, 1)
    with count_queries() as few:
        assert browser.get(url).status_code == 200
    _many(org, factory, 6)
    with count_queries() as many:
        assert browser.get(url).status_code == 200
    assert few.count == many.count, "\n".join(s[:150] for s in many.statements)
    if url != "/":  # the beranda's budget belongs to every panel together
        assert many.count <= 12, "\n".join(s[:150] for s in many.statements)


def test_rekap_for_unit_head(browser, org, rapat, factory):
    services.close_dialog(factory.akun_of(org.kasi), rapat.id)
    login(browser, org.kabid)
    page = browser.get("/dialog/rekap").get_data(as_text=True)
    assert "Kepala Seksi Uji" in page and "Kepala Bidang Uji" in page
    assert "Kepala Bidang Lain" not in page  # not under kabid
    row = re.search(r"Kepala Seksi Uji</td>.*?</tr>", page, re.S).group(0)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert cells[1].strip() == "2"  # bawahan langsung
    assert cells[2].strip().startswith("1")  # dialog terlaksana
    assert cells[3].strip() == "0,3"


def test_rekap_refused_for_staff(browser, org):
    login(browser, org.staf1)
    assert browser.get("/dialog/rekap").status_code == 403


def test_rekap_for_admin_lists_every_leader(browser, org):
    browser.login("admin", PASSWORD)
    page = browser.get("/dialog/rekap").get_data(as_text=True)
    for nama in ("Kepala Dinas Uji", "Kepala Bidang Uji", "Kepala Seksi Uji", "Kepala Bidang Lain"):
        assert nama in page


# ------------------------------------------------------------------ scheduling

def test_leader_schedules_meeting_and_invites(browser, org):
    login(browser, org.kasi)
    assert browser.get("/dialog/baru").status_code == 200
    r = browser.post("/dialog/baru", form_baru(org))
    assert r.status_code == 302
    dialog = db.session.execute(select(Dialog)).scalar_one()
    assert r.headers["Location"].endswith(f"/dialog/{dialog.id}")
    assert dialog.peserta_ids == {org.staf1.id, org.staf2.id}
    assert dialog.waktu_mulai.hour == 1  # 08:00 WIB stored as 01:00 UTC
    assert count(Notifikasi, Notifikasi.jenis == "dialog.undangan") == 2
    assert count(AuditEvent, AuditEvent.aksi == "dialog.jadwalkan") == 1
    page = browser.get(f"/dialog/{dialog.id}").get_data(as_text=True)
    assert "08.00 WIB" in page and "Setiap " in page


def test_indirect_subordinate_may_be_invited(browser, org):
    login(browser, org.kabid)
    r = browser.post("/dialog/baru", form_baru(org, peserta=[str(org.kasi.id), str(org.staf1.id)]))
    assert r.status_code == 302


@pytest.mark.parametrize("override,message", [
    ({"peserta": []}, "Pilih minimal satu peserta."),
    ({"judul": ""}, "Isi topik dialog."),
    ({"tanggal": "31-02-2026"}, "Isi tanggal dengan benar."),
    ({"jam": "25:99"}, "Isi jam dengan benar"),
    ({"jenis": "Arisan"}, "Pilih jenis dialog dari daftar."),
    ({"pengulangan": "harian"}, "Pilih pengulangan dari daftar."),
    ({"tempat": ""}, "Isi tempat dialog"),
    ({"peserta": ["abc"]}, "Ada pilihan yang tidak dikenal."),
    ({"judul": "x" * 201}, "Topik terlalu panjang"),
    ({"agenda": "<script>alert(1)</script>" * 300}, "Agenda terlalu panjang"),
])
def test_schedule_refuses_bad_input(browser, org, override, message):
    login(browser, org.kasi)
    r = browser.post("/dialog/baru", form_baru(org, **override))
    assert r.status_code == 422
    assert message in r.get_data(as_text=True)
    assert count(Dialog) == 0


def test_schedule_refuses_forged_participant(browser, org):
    login(browser, org.kasi)
    r = browser.post("/dialog/baru", form_baru(org, peserta=[str(org.staf1.id), str(org.staf3.id)]))
    assert r.status_code == 422
    assert "Peserta harus bawahan Anda" in r.get_data(as_text=True)
    assert count(Dialog) == 0 and count(Notifikasi) == 0


def test_online_meeting_needs_no_place(browser, org):
    login(browser, org.kasi)
    r = browser.post("/dialog/baru", form_baru(org, tempat="", daring="y"))
    assert r.status_code == 302
    assert db.session.execute(select(Dialog.tempat)).scalar_one() == "Daring"


def test_staff_cannot_schedule(browser, org):
    login(browser, org.staf1)
    assert browser.get("/dialog/baru").status_code == 403
    assert browser.post("/dialog/baru", form_baru(org)).status_code == 403


def test_schedule_without_csrf_is_refused(browser, org):
    login(browser, org.kasi)
    r = browser.post("/dialog/baru", form_baru(org), csrf=False)
    assert r.status_code == 400 and count(Dialog) == 0


# ------------------------------------------------------------------ who sees the meeting

@pytest.mark.parametrize("who,status", [
    ("kasi", 200), ("staf1", 200), ("staf2", 200),       # leader and participants
    ("kabid", 200), ("kadis", 200), ("admin", 200),      # the leader's atasan chain and admin
    ("staf3", 404), ("kabid2", 404),                     # everyone else: as if it did not exist
])
def test_meeting_page_access(browser, org, rapat, who, status):
    if who == "admin":
        browser.login("admin", PASSWORD)
    else:
        login(browser, getattr(org, who))
    r = browser.get(f"/dialog/{rapat.id}")
    assert r.status_code == status
    if status == 404:
        assert "Rapat rutin seksi" not in r.get_data(as_text=True)


def test_non_participant_colleague_gets_404(browser, org, factory):
    dialog = services.create_dialog(factory.akun_of(org.kasi), data([org.staf1], jenis="Konseling Kinerja"))
    login(browser, org.staf2)
    assert browser.get(f"/dialog/{dialog.id}").status_code == 404
    assert browser.get(f"/dialog/{dialog.id}/notulen.pdf").status_code == 404


def test_missing_meeting_is_404(browser, org):
    login(browser, org.kasi)
    assert browser.get("/dialog/999999").status_code == 404


def test_leader_sees_edit_controls_participant_does_not(browser, org, rapat):
    login(browser, org.kasi)
    page = browser.get(f"/dialog/{rapat.id}").get_data(as_text=True)
    assert "Tutup Dialog" in page and "Tambah Tindak Lanjut" in page and "Simpan Catatan" in page
    browser.logout()
    login(browser, org.staf2)
    page = browser.get(f"/dialog/{rapat.id}").get_data(as_text=True)
    assert "Tutup Dialog" not in page and "Simpan Catatan" not in page
    assert "Simpan Tanggapan" in page and "Server uji lambat." in page
    assert "Perbarui Status" not in page  # staf2 does not own the follow-up


# ------------------------------------------------------------------ editing the schedule

def test_leader_edits_schedule_and_participants(browser, org, rapat):
    login(browser, org.kasi)
    assert browser.get(f"/dialog/{rapat.id}/ubah").status_code == 200
    r = browser.post(f"/dialog/{rapat.id}/ubah", form_baru(org, judul="Rapat diubah", peserta=[str(org.staf1.id)],
                                                            tanggal=KEMARIN.isoformat()))
    assert r.status_code == 302
    dialog = db.session.get(Dialog, rapat.id)
    assert dialog.judul == "Rapat diubah" and dialog.peserta_ids == {org.staf1.id}


def test_edit_refuses_removing_followup_owner(browser, org, rapat):
    login(browser, org.kasi)
    r = browser.post(f"/dialog/{rapat.id}/ubah", form_baru(org, peserta=[str(org.staf2.id)],
                                                            tanggal=KEMARIN.isoformat()))
    assert r.status_code == 422
    assert "Staf Satu masih menjadi penanggung jawab tindak lanjut" in r.get_data(as_text=True)
    assert db.session.get(Dialog, rapat.id).peserta_ids == {org.staf1.id, org.staf2.id}


@pytest.mark.parametrize("who,status", [("staf1", 403), ("kabid", 403), ("staf3", 404), ("admin", 403)])
def test_only_leader_edits(browser, org, rapat, who, status):
    if who == "admin":
        browser.login("admin", PASSWORD)
    else:
        login(browser, getattr(org, who))
    assert browser.get(f"/dialog/{rapat.id}/ubah").status_code == status
    assert browser.post(f"/dialog/{rapat.id}/ubah", form_baru(org, judul="Dibajak")).status_code == status
    assert browser.post(f"/dialog/{rapat.id}/catatan", {"catatan": "Dibajak"}).status_code == status
    assert browser.post(f"/dialog/{rapat.id}/tutup").status_code == status
    assert db.session.get(Dialog, rapat.id).judul == "Rapat rutin seksi"
    assert db.session.get(Dialog, rapat.id).catatan == "Progres aplikasi 70%."


def test_edit_without_csrf_is_refused(browser, org, rapat):
    login(browser, org.kasi)
    assert browser.post(f"/dialog/{rapat.id}/ubah", form_baru(org), csrf=False).status_code == 400


# ------------------------------------------------------------------ notes

def test_notes_htmx_returns_section(browser, org, rapat):
    login(browser, org.kasi)
    r = browser.post(f"/dialog/{rapat.id}/catatan",
                     {"catatan": "Baru", "tantangan": "Listrik padam", "kesepakatan": "Lanjut"}, htmx=True)
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" not in body and 'id="bagian-catatan"' in body
    assert "Catatan dialog tersimpan." in body
    assert db.session.get(Dialog, rapat.id).tantangan == "Listrik padam"
    assert "HX-Request" in r.headers["Vary"]


def test_notes_plain_post_redirects(browser, org, rapat):
    login(browser, org.kasi)
    r = browser.post(f"/dialog/{rapat.id}/catatan", {"catatan": "Baru", "tantangan": "", "kesepakatan": ""})
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/dialog/{rapat.id}")


def test_notes_too_long_is_422(browser, org, rapat):
    login(browser, org.kasi)
    r = browser.post(f"/dialog/{rapat.id}/catatan", {"catatan": "x" * 5001}, htmx=True)
    assert r.status_code == 422 and "Catatan terlalu panjang" in r.get_data(as_text=True)
    assert db.session.get(Dialog, rapat.id).catatan == "Progres aplikasi 70%."


def test_notes_without_csrf_is_refused(browser, org, rapat):
    login(browser, org.kasi)
    assert browser.post(f"/dialog/{rapat.id}/catatan", {"catatan": "x"}, csrf=False).status_code == 400


# ------------------------------------------------------------------ follow-ups

def tl_form(org, **kw):
    values = {"uraian": "Perbaiki laporan", "penanggung_jawab_id": str(org.staf2.id),
              "batas_waktu": (TODAY + timedelta(days=7)).isoformat()}
    values.update(kw)
    return values


def test_add_followup_htmx(browser, org, rapat):
    login(browser, org.kasi)
    r = browser.post(f"/dialog/{rapat.id}/tindak-lanjut", tl_form(org), htmx=True)
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" not in body and "Perbaiki laporan" in body
    assert count(TindakLanjut) == 2
    assert count(Notifikasi, Notifikasi.jenis == "dialog.tindak_lanjut") == 2


def test_leader_may_own_a_followup(browser, org, rapat):
    login(browser, org.kasi)
    r = browser.post(f"/dialog/{rapat.id}/tindak-lanjut", tl_form(org, penanggung_jawab_id=str(org.kasi.id)))
    assert r.status_code == 302


@pytest.mark.parametrize("override,message", [
    ({"penanggung_jawab_id": "OWNER3"}, "Penanggung jawab harus pimpinan atau peserta dialog ini."),
    ({"penanggung_jawab_id": "abc"}, "Penanggung jawab harus pimpinan atau peserta dialog ini."),
    ({"penanggung_jawab_id": ""}, "Pilih penanggung jawab."),
    ({"batas_waktu": "SEBELUM_RAPAT"}, "Batas waktu tidak boleh sebelum tanggal dialog."),
    ({"batas_waktu": "besok"}, "Isi tanggal dengan benar."),
    ({"uraian": ""}, "Isi uraian tindak lanjut."),
])
def test_add_followup_refuses_bad_input(browser, org, rapat, override, message):
    if override.get("penanggung_jawab_id") == "OWNER3":
        override = {"penanggung_jawab_id": str(org.staf3.id)}
    if override.get("batas_waktu") == "SEBELUM_RAPAT":  # the day before the meeting (held yesterday)
        override = {"batas_waktu": (KEMARIN - timedelta(days=1)).isoformat()}
    login(browser, org.kasi)
    r = browser.post(f"/dialog/{rapat.id}/tindak-lanjut", tl_form(org, **override), htmx=True)
    assert r.status_code == 422
    assert message in r.get_data(as_text=True)
    assert count(TindakLanjut) == 1


def test_owner_not_in_meeting_refused_even_if_subordinate(browser, org, factory):
    dialog = services.create_dialog(factory.akun_of(org.kasi), data([org.staf1]))
    login(browser, org.kasi)
    r = browser.post(f"/dialog/{dialog.id}/tindak-lanjut", tl_form(org, penanggung_jawab_id=str(org.staf2.id)))
    assert r.status_code == 422
    assert "Penanggung jawab harus pimpinan atau peserta dialog ini." in r.get_data(as_text=True)


def test_add_followup_wrong_user_and_csrf(browser, org, rapat):
    login(browser, org.staf1)
    assert browser.post(f"/dialog/{rapat.id}/tindak-lanjut", tl_form(org)).status_code == 403
    browser.logout()
    login(browser, org.staf3)
    assert browser.post(f"/dialog/{rapat.id}/tindak-lanjut", tl_form(org)).status_code == 404
    browser.logout()
    login(browser, org.kasi)
    assert browser.post(f"/dialog/{rapat.id}/tindak-lanjut", tl_form(org), csrf=False).status_code == 400
    assert count(TindakLanjut) == 1


def test_remove_followup(browser, org, rapat):
    tl = rapat.tindak_lanjut[0]
    login(browser, org.staf1)
    assert browser.post(f"/dialog/{rapat.id}/tindak-lanjut/{tl.id}/hapus").status_code == 403
    browser.logout()
    login(browser, org.kasi)
    assert browser.post(f"/dialog/{rapat.id}/tindak-lanjut/{tl.id}/hapus", csrf=False).status_code == 400
    assert browser.post(f"/dialog/{rapat.id}/tindak-lanjut/99999/hapus").status_code == 404
    r = browser.post(f"/dialog/{rapat.id}/tindak-lanjut/{tl.id}/hapus", htmx=True)
    assert r.status_code == 200 and "Belum ada tindak lanjut." in r.get_data(as_text=True)
    assert count(TindakLanjut) == 0


def _status_url(rapat):
    tl = rapat.tindak_lanjut[0]
    return f"/dialog/{rapat.id}/tindak-lanjut/{tl.id}/status", f"tl{tl.id}-"


def test_owner_marks_followup_done(browser, org, rapat):
    url, prefix = _status_url(rapat)
    login(browser, org.staf1)
    r = browser.post(url, {prefix + "status": "Selesai", prefix + "catatan": "Data uji sudah di server"}, htmx=True)
    assert r.status_code == 200 and "Status tindak lanjut diperbarui: Selesai." in r.get_data(as_text=True)
    item = db.session.get(TindakLanjut, rapat.tindak_lanjut[0].id)
    assert item.status == "Selesai" and item.selesai_at is not None
    assert item.catatan_selesai == "Data uji sudah di server"
    # The leader hears about it.
    assert count(Notifikasi, Notifikasi.pesan.contains("menyelesaikan tindak lanjut")) == 1


@pytest.mark.parametrize("who,status", [("staf2", 403), ("kabid", 403), ("staf3", 404)])
def test_followup_status_wrong_user(browser, org, rapat, who, status):
    url, prefix = _status_url(rapat)
    login(browser, getattr(org, who))
    assert browser.post(url, {prefix + "status": "Selesai"}).status_code == status
    assert db.session.get(TindakLanjut, rapat.tindak_lanjut[0].id).status == "Belum"


def test_followup_status_bad_value_and_csrf(browser, org, rapat):
    url, prefix = _status_url(rapat)
    login(browser, org.staf1)
    r = browser.post(url, {prefix + "status": "Hilang"}, htmx=True)
    assert r.status_code == 422 and "Pilih status Belum, Proses, atau Selesai." in r.get_data(as_text=True)
    assert browser.post(url, {prefix + "status": "Selesai"}, csrf=False).status_code == 400
    assert db.session.get(TindakLanjut, rapat.tindak_lanjut[0].id).status == "Belum"


# ------------------------------------------------------------------ tanggapan and attendance

def test_participant_adds_tanggapan_and_attendance(browser, org, rapat):
    login(browser, org.staf2)
    r = browser.post(f"/dialog/{rapat.id}/tanggapan", {"tanggapan": "Saya butuh akses server uji.", "hadir": "y"},
                     htmx=True)
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and 'id="bagian-peserta"' in body and "Saya butuh akses server uji." in body
    peserta = db.session.execute(select(PesertaDialog).where(PesertaDialog.pegawai_id == org.staf2.id)).scalar_one()
    assert peserta.hadir and peserta.tanggapan_at is not None
    assert count(AuditEvent, AuditEvent.aksi == "dialog.tanggapan") == 1


def test_attendance_not_before_meeting_starts(browser, org, factory):
    dialog = services.create_dialog(factory.akun_of(org.kasi), data([org.staf1], tanggal=TODAY + timedelta(days=7)))
    login(browser, org.staf1)
    r = browser.post(f"/dialog/{dialog.id}/tanggapan", {"tanggapan": "", "hadir": "y"}, htmx=True)
    assert r.status_code == 422 and "Kehadiran dapat dikonfirmasi setelah dialog dimulai." in r.get_data(as_text=True)


@pytest.mark.parametrize("who,status", [("kasi", 403), ("kabid", 403), ("staf3", 404)])
def test_tanggapan_only_by_participants(browser, org, rapat, who, status):
    login(browser, getattr(org, who))
    assert browser.post(f"/dialog/{rapat.id}/tanggapan", {"tanggapan": "x"}).status_code == status
    assert count(PesertaDialog, PesertaDialog.tanggapan != "") == 0


def test_tanggapan_without_csrf_is_refused(browser, org, rapat):
    login(browser, org.staf1)
    assert browser.post(f"/dialog/{rapat.id}/tanggapan", {"tanggapan": "x"}, csrf=False).status_code == 400


# ------------------------------------------------------------------ closing

def test_a_future_dialog_shows_no_close_button(browser, org, factory):
    """Issue #15: "Tutup Dialog" is not offered before the meeting (it used to confirm, then refuse)."""
    dialog = services.create_dialog(factory.akun_of(org.kasi), data([org.staf1], tanggal=TODAY + timedelta(days=3)))
    page = login(browser, org.kasi).get(f"/dialog/{dialog.id}").get_data(as_text=True)
    assert "Tutup Dialog</button>" not in page and "Dialog dapat ditutup setelah pertemuan dimulai" in page
    assert "Ubah Jadwal dan Peserta" in page


def test_close_requires_notes(browser, org, factory):
    dialog = services.create_dialog(factory.akun_of(org.kasi), data([org.staf1]))
    login(browser, org.kasi)
    r = browser.post(f"/dialog/{dialog.id}/tutup")
    assert r.status_code == 302
    page = browser.get(f"/dialog/{dialog.id}").get_data(as_text=True)
    assert "Isi catatan dialog sebelum menutupnya." in page
    assert db.session.get(Dialog, dialog.id).status == "Terjadwal"


def test_close_refused_before_meeting(browser, org, factory):
    kasi = factory.akun_of(org.kasi)
    dialog = services.create_dialog(kasi, data([org.staf1], tanggal=TODAY + timedelta(days=2)))
    services.save_catatan(kasi, dialog.id, "Persiapan", "", "")
    login(browser, org.kasi)
    browser.post(f"/dialog/{dialog.id}/tutup")
    assert "Dialog belum berlangsung." in browser.get(f"/dialog/{dialog.id}").get_data(as_text=True)
    assert db.session.get(Dialog, dialog.id).status == "Terjadwal"


def test_closed_meeting_is_read_only_except_followup_status(browser, org, rapat):
    login(browser, org.kasi)
    assert browser.post(f"/dialog/{rapat.id}/tutup").status_code == 302
    dialog = db.session.get(Dialog, rapat.id)
    assert dialog.ditutup and dialog.identitas_pimpinan["nama"] == "Kepala Seksi Uji"
    assert count(AuditEvent, AuditEvent.aksi == "dialog.tutup") == 1

    r = browser.post(f"/dialog/{rapat.id}/catatan", {"catatan": "Diubah setelah ditutup"}, htmx=True)
    assert r.status_code == 422 and "sudah ditutup" in r.get_data(as_text=True)
    r = browser.post(f"/dialog/{rapat.id}/tindak-lanjut", tl_form(org), htmx=True)
    assert r.status_code == 422
    r = browser.get(f"/dialog/{rapat.id}/ubah")
    assert r.status_code == 302
    r = browser.post(f"/dialog/{rapat.id}/ubah", form_baru(org, judul="Diubah"))
    assert r.status_code == 302
    assert browser.post(f"/dialog/{rapat.id}/tutup").status_code == 302  # second close: a message, no change
    tl = rapat.tindak_lanjut[0]
    assert browser.post(f"/dialog/{rapat.id}/tindak-lanjut/{tl.id}/hapus", htmx=True).status_code == 422
    dialog = db.session.get(Dialog, rapat.id)
    assert dialog.catatan == "Progres aplikasi 70%." and dialog.judul == "Rapat rutin seksi"
    assert count(TindakLanjut) == 1 and count(AuditEvent, AuditEvent.aksi == "dialog.tutup") == 1
    page = browser.get(f"/dialog/{rapat.id}").get_data(as_text=True)
    assert "Tutup Dialog" not in page and "Cetak Notulen" in page

    browser.logout()
    login(browser, org.staf2)
    r = browser.post(f"/dialog/{rapat.id}/tanggapan", {"tanggapan": "Terlambat"}, htmx=True)
    assert r.status_code == 422 and "tanggapan tidak dapat diubah lagi" in r.get_data(as_text=True)

    browser.logout()
    login(browser, org.staf1)
    url, prefix = _status_url(rapat)
    assert browser.post(url, {prefix + "status": "Proses"}, htmx=True).status_code == 200
    assert db.session.get(TindakLanjut, tl.id).status == "Proses"


def test_closing_a_recurring_meeting_schedules_the_next(org, factory):
    kasi = factory.akun_of(org.kasi)
    dialog = services.create_dialog(kasi, data([org.staf1, org.staf2], pengulangan="mingguan"))
    services.save_catatan(kasi, dialog.id, "Selesai dibahas", "", "")
    closed, nxt = services.close_dialog(kasi, dialog.id)
    assert nxt is not None and nxt.sebelumnya_id == closed.id
    assert nxt.waktu_mulai - closed.waktu_mulai == timedelta(days=7)
    assert nxt.peserta_ids == closed.peserta_ids and nxt.status == "Terjadwal"
    assert nxt.pengulangan == "mingguan" and nxt.catatan == ""
    assert count(AuditEvent, AuditEvent.aksi == "dialog.jadwalkan_berulang") == 1


def test_recurring_closed_late_skips_to_the_future(org, factory):
    kasi = factory.akun_of(org.kasi)
    dialog = services.create_dialog(kasi, data([org.staf1], tanggal=TODAY - timedelta(days=20), pengulangan="mingguan"))
    services.save_catatan(kasi, dialog.id, "Terlambat ditutup", "", "")
    _, nxt = services.close_dialog(kasi, dialog.id)
    assert nxt.waktu_mulai > datetime.now(nxt.waktu_mulai.tzinfo)
    assert (nxt.waktu_mulai - dialog.waktu_mulai).days % 7 == 0


def test_close_without_csrf_is_refused(browser, org, rapat):
    login(browser, org.kasi)
    assert browser.post(f"/dialog/{rapat.id}/tutup", csrf=False).status_code == 400
    assert db.session.get(Dialog, rapat.id).status == "Terjadwal"


# ------------------------------------------------------------------ notulen PDF

def test_notulen_pdf(browser, org, rapat, factory):
    services.save_tanggapan(factory.akun_of(org.staf1), rapat.id, "Siap menyiapkan data.", True)
    services.close_dialog(factory.akun_of(org.kasi), rapat.id)
    login(browser, org.kabid)  # the leader's atasan may print it too
    r = browser.get(f"/dialog/{rapat.id}/notulen.pdf")
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(r.data))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for expected in ("NOTULEN DIALOG KINERJA", "RAPAT RUTIN TIM", "Rapat rutin seksi", "Ruang Rapat Lt. 2",
                     "Staf Satu", "Staf Dua", "Hadir", "Progres aplikasi 70%.", "Server uji lambat.",
                     "Uji coba Jumat.", "Siapkan data uji", "Siap menyiapkan data.", "Peserta",
                     "Pimpinan Dialog", "Kepala Seksi Uji", "NIP. " + org.kasi.nip[:8], "08.00 WIB", "Bukitintan,"):
        assert expected in text, expected


def test_notulen_only_after_closing(browser, org, rapat):
    login(browser, org.kasi)
    r = browser.get(f"/dialog/{rapat.id}/notulen.pdf")
    assert r.status_code == 302
    assert "Notulen dapat dicetak setelah dialog ditutup" in browser.get(f"/dialog/{rapat.id}").get_data(as_text=True)


def test_notulen_hidden_from_strangers(browser, org, rapat, factory):
    services.close_dialog(factory.akun_of(org.kasi), rapat.id)
    login(browser, org.kabid2)
    assert browser.get(f"/dialog/{rapat.id}/notulen.pdf").status_code == 404


# ------------------------------------------------------------------ beranda

def test_beranda_shows_next_meetings_and_overdue_followups_first(browser, org, rapat, factory):
    kasi = factory.akun_of(org.kasi)
    later = services.create_dialog(kasi, data([org.staf1], tanggal=TODAY + timedelta(days=2), judul="Bimbingan Andi",
                                              jenis="Bimbingan Kinerja"))
    late = services.add_tindak_lanjut(kasi, rapat.id, "Laporan yang terlambat", org.staf1.id, KEMARIN)
    assert later and late
    login(browser, org.staf1)
    page = browser.get("/").get_data(as_text=True)
    panel = page[page.index("judul-dialog-beranda"):]
    assert "Bimbingan Andi" in panel and "Jadwal Berikutnya" in panel
    assert panel.index("Laporan yang terlambat") < panel.index("Siapkan data uji")
    assert "Terlambat 1 hari" in panel
    browser.logout()
    login(browser, org.kasi)
    panel = browser.get("/").get_data(as_text=True)
    assert "Laporan yang terlambat" in panel and "Staf Satu" in panel


def test_beranda_panel_hidden_when_nothing_to_show(browser, org):
    login(browser, org.staf3)
    assert "judul-dialog-beranda" not in browser.get("/").get_data(as_text=True)


# ------------------------------------------------------------------ for the evaluation page

def test_list_dialog_for_pegawai_is_scoped(org, rapat, factory):
    other = services.create_dialog(factory.akun_of(org.kabid), data([org.staf1], judul="Bimbingan oleh kabid"))
    mulai, selesai = TODAY - timedelta(days=30), TODAY
    by_kasi = services.list_dialog_for_pegawai(factory.akun_of(org.kasi), org.staf1.id, mulai, selesai)
    assert [d.judul for d in by_kasi] == ["Rapat rutin seksi"]  # kasi may not open kabid's meeting
    by_kadis = services.list_dialog_for_pegawai(factory.akun_of(org.kadis), org.staf1.id, mulai, selesai)
    assert {d.id for d in by_kadis} == {rapat.id, other.id}
    by_self = services.list_dialog_for_pegawai(factory.akun_of(org.staf1), org.staf1.id, mulai, selesai)
    assert len(by_self) == 2
    assert services.list_dialog_for_pegawai(org.admin, org.staf1.id, TODAY + timedelta(days=1),
                                            TODAY + timedelta(days=30)) == []
    with pytest.raises(services.PermissionDenied):
        services.list_dialog_for_pegawai(factory.akun_of(org.kabid2), org.staf1.id, mulai, selesai)
    with pytest.raises(services.PermissionDenied):
        services.list_dialog_for_pegawai(factory.akun_of(org.staf2), org.staf1.id, mulai, selesai)


# ------------------------------------------------------------------ reminders

def test_followups_due_tomorrow_notified_once_per_day(org, rapat, factory):
    kasi = factory.akun_of(org.kasi)
    services.add_tindak_lanjut(kasi, rapat.id, "Besok jatuh tempo", org.staf2.id, TODAY + timedelta(days=1))
    done = services.add_tindak_lanjut(kasi, rapat.id, "Sudah selesai", org.staf1.id, TODAY + timedelta(days=1))
    services.set_status_tindak_lanjut(kasi, rapat.id, done.id, "Selesai", "")
    assert services.notify_followups_due(TODAY) == 1
    assert services.notify_followups_due(TODAY) == 0
    assert count(Notifikasi, Notifikasi.jenis == "dialog.pengingat") == 1
    assert count(AuditEvent, AuditEvent.aksi == "dialog.pengingat") == 1
    # The follow-up due in three days is reminded on its own eve.
    assert services.notify_followups_due(TODAY + timedelta(days=2)) == 1


@pytest.mark.parametrize("args", [["dialog", "kirim-pengingat"], ["dialog-reminders"]])
def test_reminder_cli(runner, org, rapat, factory, args):
    services.add_tindak_lanjut(factory.akun_of(org.kasi), rapat.id, "Besok", org.staf2.id, TODAY + timedelta(days=1))
    result = runner.invoke(args=[*args, "--tanggal", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert "1 notifikasi dikirim" in result.output
    again = runner.invoke(args=args + ["--tanggal", TODAY.isoformat()])
    assert "0 notifikasi dikirim" in again.output


def test_reminder_cli_refuses_bad_date(runner, org):
    result = runner.invoke(args=["dialog", "kirim-pengingat", "--tanggal", "kemarin"])
    assert result.exit_code != 0 and "TTTT-BB-HH" in result.output


def test_rekap_counts_only_the_last_three_months(org, factory):
    kasi = factory.akun_of(org.kasi)
    for tanggal in (TODAY - timedelta(days=10), TODAY - timedelta(days=200)):
        d = services.create_dialog(kasi, data([org.staf1], tanggal=tanggal))
        services.save_catatan(kasi, d.id, "Catatan", "", "")
        services.close_dialog(kasi, d.id)
    from kinerja.dialog.queries import rekap_pimpinan

    rekap = rekap_pimpinan(factory.akun_of(org.kabid))
    row = next(b for b in rekap.baris if b.pimpinan.id == org.kasi.id)
    assert row.terlaksana == 1 and row.bawahan_langsung == 2
    assert row.terakhir is not None and row.terakhir.date() <= TODAY
    assert rekap.selesai == TODAY and rekap.mulai > TODAY - timedelta(days=93)
    assert isinstance(rekap.mulai, date)


def test_absurd_ids_never_500(browser, org, rapat):
    login(browser, org.kasi)
    huge = "9" * 25
    assert browser.get(f"/dialog/{huge}").status_code == 404
    r = browser.post("/dialog/baru", form_baru(org, peserta=[huge]))
    assert r.status_code == 422 and "Peserta harus bawahan Anda" in r.get_data(as_text=True)
    r = browser.post(f"/dialog/{rapat.id}/tindak-lanjut", tl_form(org, penanggung_jawab_id=huge), htmx=True)
    assert r.status_code == 422
    assert browser.post(f"/dialog/{rapat.id}/tindak-lanjut/{huge}/status", {}).status_code == 404
