"""The atasan's view (/skp/tim): subordinates' SKPs by status, the matriks peran hasil; query budgets; beranda panel."""

from __future__ import annotations

from kinerja.extensions import db
from tests.support.factories import PASSWORD
from tests.support.skp_factories import buat_skp


def _login(browser, pegawai):
    browser.login(pegawai.nip, PASSWORD)
    return browser


def test_team_view_groups_direct_subordinates_by_status(browser, skp_org):
    buat_skp(skp_org.staf1, status="Diajukan", rhk=[("Utama", "Modul perizinan", ["x"], skp_org.skp_kasi.rhk[0])])
    _login(browser, skp_org.kasi)
    body = browser.get("/skp/tim").get_data(as_text=True)
    assert "Staf Satu" in body and "Staf Dua" in body
    assert "Diajukan: 1" in body and "Belum Dibuat: 1" in body
    assert "Periksa SKP" in body
    body = browser.get("/skp/tim?status=Diajukan").get_data(as_text=True)
    daftar = body[:body.index("Matriks Peran Hasil")]
    assert "Staf Satu" in daftar and "Staf Dua" not in daftar


def test_indirect_subordinates_only_with_the_toggle(browser, skp_org):
    _login(browser, skp_org.kabid)
    body = browser.get("/skp/tim").get_data(as_text=True)
    assert "Kepala Seksi Uji" in body and "Staf Satu" not in body and "Kepala Bidang Lain" not in body
    body = browser.get("/skp/tim?semua=1").get_data(as_text=True)
    assert "Staf Satu" in body and "bawahan tidak langsung" in body


def test_team_view_full_page_fragment_and_vary(browser, skp_org):
    _login(browser, skp_org.kasi)
    full = browser.get("/skp/tim")
    frag = browser.get("/skp/tim?semua=1", htmx=True)
    assert full.status_code == frag.status_code == 200
    assert "<html" in full.get_data(as_text=True)
    assert "<html" not in frag.get_data(as_text=True) and 'id="tim-isi"' in frag.get_data(as_text=True)
    assert "HX-Request" in frag.headers["Vary"] and "HX-Request" in full.headers["Vary"]


def test_matriks_peran_hasil_rows_columns_cells_and_gaps(browser, skp_org):
    kasi_rhk = skp_org.skp_kasi.rhk
    buat_skp(skp_org.staf1, rhk=[("Utama", "Modul perizinan daring", ["x"], kasi_rhk[0]),
                                 ("Utama", "Konten website mingguan", ["x"], kasi_rhk[1])])
    buat_skp(skp_org.staf2, rhk=[("Utama", "Integrasi aplikasi kepegawaian", ["x"], kasi_rhk[0])])
    _login(browser, skp_org.kasi)
    body = browser.get("/skp/tim").get_data(as_text=True)
    matriks = body[body.index("Matriks Peran Hasil"):]
    for text in ("Tersedianya aplikasi e-government yang andal", "Staf Satu", "Staf Dua", "Modul perizinan daring",
                 "Integrasi aplikasi kepegawaian", "Konten website mingguan"):
        assert text in matriks, text
    # the Tambahan RHK nobody intervenes is flagged with words, not only colour
    baris = matriks[matriks.index("Terlaksananya pendampingan OPD"):]
    assert baris.index("Belum diintervensi bawahan") < baris.index("</tr>")
    assert matriks.count("Belum diintervensi bawahan") == 1


def test_matriks_without_own_skp_says_so(browser, skp_org):
    _login(browser, skp_org.kabid2)
    assert "Anda belum punya SKP tahun" in browser.get("/skp/tim").get_data(as_text=True)


def test_admin_sees_the_top_of_the_tree(make_browser, skp_org):
    b = make_browser()
    b.login("admin", PASSWORD)
    body = b.get("/skp/tim").get_data(as_text=True)
    assert "Kepala Dinas Uji" in body and "Staf Satu" not in body


# ------------------------------------------------------------------ query budgets (no N+1)


def _bawahan(factory, org, n):
    """n more staff under the kasi, each with an SKP of 3 RHK × 3 IKI intervening the kasi's RHK."""
    for i in range(n):
        p = factory.pegawai(f"Staf Tambahan {i}", atasan=org.kasi)
        buat_skp(p, jumlah_rhk=3, iki_per_rhk=3, intervensi=org.skp_kasi.rhk, status="Diajukan" if i % 2 else "Draft")


def _count(browser, url, count_queries) -> int:
    browser.get(url)  # warm (login, caches)
    with count_queries() as q:
        assert browser.get(url).status_code == 200
    return q.count


def test_team_page_query_count_does_not_grow(browser, skp_org, factory, count_queries):
    buat_skp(skp_org.staf1, jumlah_rhk=1, intervensi=skp_org.skp_kasi.rhk)
    _login(browser, skp_org.kasi)
    small = _count(browser, "/skp/tim", count_queries)
    _bawahan(factory, skp_org, 12)
    large = _count(browser, "/skp/tim", count_queries)
    assert small == large <= 12
    assert _count(browser, "/skp/tim?semua=1", count_queries) <= 12


def test_skp_page_query_count_does_not_grow(browser, skp_org, factory, count_queries):
    small_skp = buat_skp(skp_org.staf1, jumlah_rhk=1, iki_per_rhk=1, intervensi=skp_org.skp_kasi.rhk)
    large_skp = buat_skp(skp_org.staf2, jumlah_rhk=15, iki_per_rhk=3, intervensi=skp_org.skp_kasi.rhk)
    b1 = _login(browser, skp_org.kasi)  # the atasan views both (read-only)
    small = _count(b1, f"/skp/{small_skp.id}", count_queries)
    large = _count(b1, f"/skp/{large_skp.id}", count_queries)
    assert small == large <= 12
    # the owner's editable page (adds the intervensi choices) is pinned too
    owner_small = browser.__class__(browser.client.application.test_client())
    owner_small.login(skp_org.staf1.nip, PASSWORD)
    owner_large = browser.__class__(browser.client.application.test_client())
    owner_large.login(skp_org.staf2.nip, PASSWORD)
    assert _count(owner_small, f"/skp/{small_skp.id}", count_queries) == _count(owner_large, f"/skp/{large_skp.id}", count_queries) <= 12


# ------------------------------------------------------------------ beranda panel


def test_beranda_panel_for_pegawai_and_atasan(make_browser, skp_org):
    from kinerja.waktu import today_local

    tahun = today_local().year
    for s in (skp_org.skp_kadis, skp_org.skp_kabid, skp_org.skp_kasi):
        s.tahun = tahun
    db.session.flush()
    staf = make_browser()
    staf.login(skp_org.staf1.nip, PASSWORD)
    body = staf.get("/").get_data(as_text=True)
    assert f"SKP {tahun}" in body and "Anda belum membuat SKP" in body
    buat_skp(skp_org.staf1, tahun=tahun, status="Diajukan", rhk=[("Utama", "x", ["y"], None)])
    buat_skp(skp_org.staf2, tahun=tahun, status="Diajukan", rhk=[("Utama", "x", ["y"], None)])
    body = staf.get("/").get_data(as_text=True)
    assert "Status SKP Anda" in body and "Diajukan" in body
    kasi = make_browser()
    kasi.login(skp_org.kasi.nip, PASSWORD)
    body = kasi.get("/").get_data(as_text=True)
    assert "<strong>2</strong> SKP bawahan menunggu persetujuan Anda" in body
    assert "/skp/tim?status=Diajukan" in body
    assert 'class="col-lg-6"' in body
