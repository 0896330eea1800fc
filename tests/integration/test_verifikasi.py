"""Verifikasi (C3): inbox, Setujui/Kembalikan, Setujui Terpilih, races, access, CSRF, htmx."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from kinerja.errors import DomainError, PermissionDenied
from kinerja.errors import KonflikError as VerifikasiConflict
from kinerja.extensions import db
from kinerja.models import Aktivitas, AuditEvent, BuktiDukung, DelegasiVerifikasi, Notifikasi
from kinerja.verifikasi import services
from kinerja.waktu import today_local, utcnow
from tests.support.factories import PASSWORD

_urut = iter(range(1, 10_000))


def buat_aktivitas(pegawai, hari=None, status="Diajukan", jam=8, durasi=60, uraian=None, tautan=None, bukti=False):
    hari = hari or today_local() - timedelta(days=1)
    n = next(_urut)
    a = Aktivitas(pegawai_id=pegawai.id, tanggal=hari, jam_mulai=time(jam, 0), jam_selesai=time(jam + durasi // 60, durasi % 60),
                  durasi_menit=durasi, uraian=uraian or f"Menyusun laporan nomor {n}", volume=Decimal("2"),
                  satuan="dokumen", status=status, tautan_bukti=tautan,
                  diajukan_at=utcnow() if status != "Draft" else None)
    db.session.add(a)
    db.session.flush()
    if bukti:
        db.session.add(BuktiDukung(aktivitas_id=a.id, nama_asli=f"notulen-{n}.pdf", nama_simpan=f"x{n}{a.id}.pdf",
                                   mime="application/pdf", ukuran=10, sha256="0" * 64))
        db.session.flush()
    return a


def akun(factory, pegawai):
    return factory.akun_of(pegawai)


def masuk(make_browser, pegawai_or_username):
    b = make_browser()
    ident = pegawai_or_username if isinstance(pegawai_or_username, str) else pegawai_or_username.nip
    assert b.login(ident, PASSWORD).status_code == 302
    return b


def status_of(aktivitas_id):
    return db.session.execute(select(Aktivitas.status).where(Aktivitas.id == aktivitas_id)).scalar_one()


@pytest.fixture
def entri(org):
    items = {
        "satu": buat_aktivitas(org.staf1, tautan="https://drive.example.go.id/berkas", bukti=True,
                               uraian="Memperbarui modul layanan pengaduan"),
        "satu_lama": buat_aktivitas(org.staf1, hari=today_local() - timedelta(days=3), uraian="Rapat koordinasi lama"),
        "dua": buat_aktivitas(org.staf2, uraian="Menginput data statistik sektoral"),
        "draft": buat_aktivitas(org.staf1, status="Draft", uraian="Draf belum diajukan"),
        "tiga": buat_aktivitas(org.staf3, uraian="Pekerjaan bidang lain"),
        "kasi": buat_aktivitas(org.kasi, uraian="Pekerjaan kepala seksi"),
    }
    db.session.commit()
    return items


# ------------------------------------------------------------------ inbox


def test_inbox_lists_submitted_entries_of_direct_subordinates_oldest_first(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    r = b.get("/verifikasi/")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Memperbarui modul layanan pengaduan" in html and "Menginput data statistik sektoral" in html
    assert html.index("Rapat koordinasi lama") < html.index("Memperbarui modul layanan pengaduan")
    assert "Draf belum diajukan" not in html and "Pekerjaan bidang lain" not in html
    assert "Pekerjaan kepala seksi" not in html
    assert f'/aktivitas/bukti/{entri["satu"].bukti[0].id}' in html and "https://drive.example.go.id/berkas" in html
    assert "2 dokumen" in html and "1 jam" in html
    for label in ("Setujui", "Periksa", "Setujui Terpilih"):  # Kembalikan, Catatan: test_verifikasi_ringkas
        assert label in html
    assert 'data-select-all="aktivitas"' in html and 'data-group="aktivitas"' in html


def test_higher_atasan_does_not_verify_but_views(make_browser, org, entri):
    b = masuk(make_browser, org.kabid)
    html = b.get("/verifikasi/").get_data(as_text=True)
    assert "Memperbarui modul layanan pengaduan" not in html
    assert "Pekerjaan kepala seksi" in html  # kasi is kabid's direct subordinate
    # sees it, does not verify it: 403 (issue #9 §2)
    assert b.post(f"/verifikasi/aktivitas/{entri['satu'].id}/setujui").status_code == 403
    assert b.get(f"/verifikasi/aktivitas/{entri['satu'].id}").status_code == 200
    assert status_of(entri["satu"].id) == "Diajukan"


def test_inbox_htmx_fragment_full_page_and_vary(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    full = b.get("/verifikasi/")
    frag = b.get("/verifikasi/", htmx=True)
    assert "<html" in full.get_data(as_text=True)
    assert "<html" not in frag.get_data(as_text=True) and 'id="inbox"' in frag.get_data(as_text=True)
    assert "HX-Request" in full.headers["Vary"] and "HX-Request" in frag.headers["Vary"]


def test_nav_shows_verifikasi_only_to_verifiers(make_browser, org, entri):
    assert ">Verifikasi</a>" in masuk(make_browser, org.kasi).get("/").get_data(as_text=True)
    staf = masuk(make_browser, org.staf1)
    assert ">Verifikasi</a>" not in staf.get("/").get_data(as_text=True)
    assert "tidak memiliki bawahan" in staf.get("/verifikasi/").get_data(as_text=True)


def test_admin_inbox_is_a_page_for_pegawai(make_browser, org):
    """One answer for accounts without a pegawai record (issue #9 §2): 403, not a redirect."""
    r = masuk(make_browser, "admin").get("/verifikasi/")
    assert r.status_code == 403 and "Halaman ini untuk akun pegawai" in r.get_data(as_text=True)


def test_inbox_query_count_does_not_grow_with_entries(make_browser, org, count_queries):
    buat_aktivitas(org.staf1)
    db.session.commit()
    b = masuk(make_browser, org.kasi)
    b.get("/verifikasi/")
    with count_queries() as few:
        assert b.get("/verifikasi/").status_code == 200
    for i in range(2, 9):
        for p in (org.staf1, org.staf2):
            buat_aktivitas(p, hari=today_local() - timedelta(days=i), bukti=True)
            buat_aktivitas(p, hari=today_local() - timedelta(days=i), jam=10)
    db.session.commit()
    with count_queries() as many:
        html = b.get("/verifikasi/").get_data(as_text=True)
    assert html.count('data-baris="') > 15
    assert many.count == few.count, (few.statements, many.statements)
    assert many.count <= 7, many.statements  # 9 before the compact inbox (issue #17)


def test_inbox_paginates_by_group(make_browser, org):
    from kinerja.verifikasi.queries import GRUP_PER_HALAMAN

    n = GRUP_PER_HALAMAN + 2
    for i in range(1, n + 1):
        buat_aktivitas(org.staf1, hari=today_local() - timedelta(days=i), uraian=f"Entri hari ke-{i}")
    db.session.commit()
    b = masuk(make_browser, org.kasi)
    page1 = b.get("/verifikasi/").get_data(as_text=True)
    page2 = b.get("/verifikasi/?halaman=2").get_data(as_text=True)
    assert f"Entri hari ke-{n}<" in page1 and "Entri hari ke-1<" not in page1
    assert "Entri hari ke-1<" in page2 and f"Entri hari ke-{n}<" not in page2
    assert f"{n} aktivitas menunggu verifikasi" in page1


# ------------------------------------------------------------------ approve / return


def test_approve_htmx_swaps_the_row_and_locks_it(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    a = entri["satu"]
    r = b.post(f"/verifikasi/aktivitas/{a.id}/setujui", {f"a{a.id}-verdict": "Sesuai", f"a{a.id}-versi": a.versi}, htmx=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" not in html
    assert f'id="aktivitas-{a.id}"' in html and "Disetujui oleh" in html and "terkunci" in html
    assert ">Setujui</button>" not in html
    assert "HX-Request" in r.headers["Vary"]
    row = db.session.get(Aktivitas, a.id)
    assert (row.status, row.verdict_bukti, row.diverifikasi_oleh_id) == ("Disetujui", "Sesuai", org.kasi.id)
    assert db.session.query(AuditEvent).filter_by(aksi="aktivitas.setujui", objek_id=str(a.id)).count() == 1


def test_approve_without_htmx_redirects_with_message(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    r = b.post(f"/verifikasi/aktivitas/{entri['dua'].id}/setujui")
    assert r.status_code == 303
    assert "Aktivitas disetujui." in b.get(r.headers["Location"]).get_data(as_text=True)
    assert status_of(entri["dua"].id) == "Disetujui"


def test_return_requires_catatan(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    a = entri["satu"]
    r = b.post(f"/verifikasi/aktivitas/{a.id}/kembalikan", {f"a{a.id}-catatan": "  "}, htmx=True)
    assert r.status_code == 422
    assert "Catatan wajib diisi saat mengembalikan aktivitas." in r.get_data(as_text=True)
    assert status_of(a.id) == "Diajukan"
    # Without htmx: the detail page with the error, still 422.
    r = b.post(f"/verifikasi/aktivitas/{a.id}/kembalikan", {f"a{a.id}-catatan": ""})
    assert r.status_code == 422 and "Catatan wajib diisi" in r.get_data(as_text=True)


def test_return_with_catatan_notifies_the_pegawai(make_browser, factory, org, entri):
    b = masuk(make_browser, org.kasi)
    a = entri["satu"]
    r = b.post(f"/verifikasi/aktivitas/{a.id}/kembalikan",
               {f"a{a.id}-catatan": "Lampirkan notulen rapat.", f"a{a.id}-verdict": "Kurang"}, htmx=True)
    assert r.status_code == 200 and "Dikembalikan oleh" in r.get_data(as_text=True)
    row = db.session.get(Aktivitas, a.id)
    assert (row.status, row.catatan_verifikasi, row.verdict_bukti) == ("Dikembalikan", "Lampirkan notulen rapat.", "Kurang")
    notif = db.session.query(Notifikasi).filter_by(penerima_id=akun(factory, org.staf1).id).one()
    assert "dikembalikan" in notif.pesan and "Lampirkan notulen rapat." in notif.pesan
    assert notif.tautan == f"/verifikasi/aktivitas/{a.id}"
    assert db.session.query(AuditEvent).filter_by(aksi="aktivitas.kembalikan", objek_id=str(a.id)).count() == 1
    # The pegawai sees the note on the entry's page.
    staf = masuk(make_browser, org.staf1)
    assert "Lampirkan notulen rapat." in staf.get(f"/verifikasi/aktivitas/{a.id}").get_data(as_text=True)


# 403 for those who see the entry (the pegawai, a higher atasan), 404 for the others (issue #9 §2).
@pytest.mark.parametrize("who, code", [("kabid2", 404), ("kabid", 403), ("staf2", 404), ("staf1", 403)])
def test_only_the_direct_atasan_verifies(make_browser, org, entri, who, code):
    b = masuk(make_browser, getattr(org, who))
    a = entri["satu"]
    assert b.post(f"/verifikasi/aktivitas/{a.id}/setujui", htmx=True).status_code == code
    assert b.post(f"/verifikasi/aktivitas/{a.id}/kembalikan", {f"a{a.id}-catatan": "x"}).status_code == code
    assert status_of(a.id) == "Diajukan"


def test_admin_cannot_verify(make_browser, org, entri):
    b = masuk(make_browser, "admin")
    assert b.post(f"/verifikasi/aktivitas/{entri['satu'].id}/setujui").status_code == 403
    assert b.post("/verifikasi/setujui-terpilih", {"ids": [entri["satu"].id]}).status_code == 403


def test_unknown_entry_is_404(make_browser, org, entri):
    assert masuk(make_browser, org.kasi).post("/verifikasi/aktivitas/999999/setujui").status_code == 404


@pytest.mark.parametrize("url", ["/verifikasi/aktivitas/{id}/setujui", "/verifikasi/aktivitas/{id}/kembalikan",
                                 "/verifikasi/setujui-terpilih", "/verifikasi/aktivitas/{id}/komentar"])
def test_state_changes_need_csrf(make_browser, org, entri, url):
    b = masuk(make_browser, org.kasi)
    a = entri["satu"]
    r = b.post(url.format(id=a.id), {f"a{a.id}-catatan": "x", "ids": [a.id], "isi": "x"}, csrf=False)
    assert r.status_code == 400
    assert "Sesi formulir kedaluwarsa, muat ulang halaman." in r.get_data(as_text=True)
    assert status_of(a.id) == "Diajukan"


def test_draft_and_approved_entries_cannot_be_verified(factory, org, entri):
    kasi = akun(factory, org.kasi)
    with pytest.raises(VerifikasiConflict, match="belum diajukan"):
        services.approve_aktivitas(kasi, entri["draft"].id)
    services.approve_aktivitas(kasi, entri["satu"].id)
    with pytest.raises(VerifikasiConflict, match="sudah diverifikasi oleh Kepala Seksi Uji"):
        services.approve_aktivitas(kasi, entri["satu"].id)
    with pytest.raises(VerifikasiConflict, match="sudah diverifikasi oleh Kepala Seksi Uji"):
        services.return_aktivitas(kasi, entri["satu"].id, "Ubah")
    assert status_of(entri["satu"].id) == "Disetujui"


def test_approved_entry_state_is_locked_from_the_browser(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    a = entri["satu"]
    b.post(f"/verifikasi/aktivitas/{a.id}/setujui", htmx=True)
    r = b.post(f"/verifikasi/aktivitas/{a.id}/kembalikan", {f"a{a.id}-catatan": "Ternyata salah"}, htmx=True)
    assert r.status_code == 422 and "sudah diverifikasi oleh Kepala Seksi Uji" in r.get_data(as_text=True)
    assert status_of(a.id) == "Disetujui"


def test_invalid_verdict_is_refused(factory, org, entri):
    with pytest.raises(DomainError, match="kesesuaian bukti"):
        services.approve_aktivitas(akun(factory, org.kasi), entri["satu"].id, verdict="Luar biasa")


# ------------------------------------------------------------------ races


def _delegasi(org, verifikator, unit, mulai=None, selesai=None, aktif=True):
    d = DelegasiVerifikasi(unit_id=unit.id, verifikator_id=verifikator.id, aktif=aktif,
                           tanggal_mulai=mulai or today_local() - timedelta(days=1), tanggal_selesai=selesai or today_local() + timedelta(days=1))
    db.session.add(d)
    db.session.commit()
    return d


def test_race_between_atasan_and_delegate_one_wins(make_browser, org, entri):
    _delegasi(org, org.kabid2, org.seksi)
    atasan, delegate = masuk(make_browser, org.kasi), masuk(make_browser, org.kabid2)
    a = entri["satu"]
    # Both opened the inbox and see version 1 of the entry.
    assert "Memperbarui modul layanan pengaduan" in delegate.get("/verifikasi/").get_data(as_text=True)
    form = {f"a{a.id}-versi": a.versi}
    assert atasan.post(f"/verifikasi/aktivitas/{a.id}/setujui", form, htmx=True).status_code == 200
    r = delegate.post(f"/verifikasi/aktivitas/{a.id}/setujui", form, htmx=True)
    assert r.status_code == 422
    assert "Aktivitas ini sudah diverifikasi oleh Kepala Seksi Uji." in r.get_data(as_text=True)
    row = db.session.get(Aktivitas, a.id)
    assert row.diverifikasi_oleh_id == org.kasi.id
    assert db.session.query(AuditEvent).filter_by(aksi="aktivitas.setujui", objek_id=str(a.id)).count() == 1


def test_stale_version_after_a_change_is_refused(factory, org, entri):
    a = entri["satu"]
    with pytest.raises(VerifikasiConflict, match="baru saja diubah"):
        services.approve_aktivitas(akun(factory, org.kasi), a.id, expected_versi=a.versi + 5)
    assert status_of(a.id) == "Diajukan"


def test_concurrent_write_caught_by_the_version_column(factory, org, entri):
    """The loser's in-memory row is stale: its UPDATE … WHERE versi = n matches nothing."""
    a = entri["satu"]
    kasi = akun(factory, org.kasi)
    session = db.session()
    session.expire_on_commit = False
    loaded = db.session.get(Aktivitas, a.id)
    assert loaded.status == "Diajukan"
    # Another process (the delegate) approves in between, bumping the version.
    db.session.execute(update(Aktivitas).where(Aktivitas.id == a.id).values(
        status="Disetujui", diverifikasi_oleh_id=org.kabid2.id, versi=Aktivitas.versi + 1
    ).execution_options(synchronize_session=False))
    db.session.commit()
    assert loaded.status == "Diajukan"  # still stale in this session
    with pytest.raises(VerifikasiConflict, match="sudah diverifikasi oleh Kepala Bidang Lain"):
        services.approve_aktivitas(kasi, a.id)
    session.expire_on_commit = True
    assert db.session.get(Aktivitas, a.id).diverifikasi_oleh_id == org.kabid2.id


# ------------------------------------------------------------------ Setujui Terpilih


def test_approve_many_reports_per_item(factory, org, entri):
    kasi = akun(factory, org.kasi)
    services.approve_aktivitas(kasi, entri["dua"].id)
    hasil = services.approve_many(kasi, [entri["satu"].id, entri["satu_lama"].id, entri["dua"].id, entri["tiga"].id,
                                         entri["draft"].id])
    assert sorted(hasil.disetujui) == sorted([entri["satu"].id, entri["satu_lama"].id])
    alasan = dict(hasil.dilewati)
    assert "sudah diverifikasi" in alasan[entri["dua"].id]
    assert "bukan wewenang" in alasan[entri["tiga"].id]
    assert "belum diajukan" in alasan[entri["draft"].id]
    assert status_of(entri["tiga"].id) == "Diajukan"
    assert db.session.query(AuditEvent).filter_by(aksi="aktivitas.setujui").count() == 3


def test_approve_many_needs_a_selection(factory, org, entri):
    with pytest.raises(DomainError, match="Pilih minimal satu"):
        services.approve_many(akun(factory, org.kasi), [])


def test_setujui_terpilih_route_htmx(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    ids = [entri["satu"].id, entri["dua"].id]
    r = b.post("/verifikasi/setujui-terpilih", {"ids": ids}, htmx=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and 'id="inbox"' in html and "<html" not in html
    assert "2 aktivitas disetujui." in html
    assert "Memperbarui modul layanan pengaduan" not in html and "Rapat koordinasi lama" in html
    assert [status_of(i) for i in ids] == ["Disetujui", "Disetujui"]
    r = b.post("/verifikasi/setujui-terpilih", {}, htmx=True)
    assert r.status_code == 422 and "Pilih minimal satu" in r.get_data(as_text=True)


def test_setujui_terpilih_without_htmx(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    r = b.post("/verifikasi/setujui-terpilih", {"ids": [entri["satu"].id, entri["tiga"].id]})
    assert r.status_code == 303
    html = b.get("/verifikasi/").get_data(as_text=True)
    assert "1 aktivitas disetujui." in html and "1 dilewati" in html
    assert status_of(entri["tiga"].id) == "Diajukan"


def test_service_refuses_an_account_without_pegawai(org, entri):
    with pytest.raises(PermissionDenied):
        services.approve_aktivitas(org.admin, entri["satu"].id)


def test_inbox_filter_by_pegawai(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    html = b.get(f"/verifikasi/?pegawai={org.staf2.id}").get_data(as_text=True)
    assert "Menginput data statistik sektoral" in html and "Memperbarui modul layanan pengaduan" not in html
    # A pegawai outside the scope shows nothing.
    assert "Pekerjaan bidang lain" not in b.get(f"/verifikasi/?pegawai={org.staf3.id}").get_data(as_text=True)


def test_approve_htmx_answer_computes_only_what_the_row_shows(make_browser, org, entri, count_queries):
    """The htmx answer is one row: the page header's navigation, search box and notification badge are
    not in it, so nothing is read for them, and nothing is reloaded after the commit (13 statements before, 8 now)."""
    b = masuk(make_browser, org.kasi)
    a = entri["satu"]
    b.token()  # the CSRF token comes from a page read before, as in the browser
    data = {f"a{a.id}-verdict": "Sesuai", f"a{a.id}-versi": a.versi}
    with count_queries() as q:
        r = b.post(f"/verifikasi/aktivitas/{a.id}/setujui", data, htmx=True)
    assert r.status_code == 200 and "Disetujui oleh" in r.get_data(as_text=True)
    assert not [s for s in q.statements if "count(notifikasi.id)" in s and "FROM akun" not in s]
    assert q.count <= 8, q.count
