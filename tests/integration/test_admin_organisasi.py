"""Admin kepegawaian (C1): access rules, instansi and logo, unit kerja, jabatan, kalender kerja."""

from __future__ import annotations

import io
import os
from datetime import date

import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from kinerja.extensions import db
from kinerja.models import AuditEvent, HariLibur, Instansi, Jabatan, UnitKerja
from tests.support.factories import PASSWORD

# ------------------------------------------------------------------ access matrix

GET_PAGES = [
    "/admin/instansi", "/admin/unit", "/admin/unit/baru", "/admin/unit/{unit}", "/admin/jabatan",
    "/admin/jabatan/baru", "/admin/jabatan/{jabatan}", "/admin/pegawai", "/admin/pegawai/baru",
    "/admin/pegawai/{pegawai}", "/admin/pegawai/opsi-golongan?status=PPPK", "/admin/pegawai/opsi-atasan",
    "/admin/kalender",
]

POST_ACTIONS = [
    "/admin/instansi", "/admin/instansi/logo/unggah", "/admin/instansi/logo/hapus", "/admin/unit/baru",
    "/admin/unit/{unit}", "/admin/jabatan/baru", "/admin/jabatan/{jabatan}", "/admin/pegawai/baru",
    "/admin/pegawai/{pegawai}", "/admin/pegawai/{pegawai}/nonaktifkan", "/admin/pegawai/{pegawai}/aktifkan",
    "/admin/pegawai/{pegawai}/atur-ulang-sandi", "/admin/kalender/tambah", "/admin/kalender/muat-nasional",
    "/admin/kalender/{libur}/hapus",
]


@pytest.fixture
def ids(org):
    libur = HariLibur(tanggal=date(2026, 8, 17), nama="Hari Kemerdekaan", jenis="Libur Nasional", sumber="admin")
    db.session.add(libur)
    db.session.flush()
    return {"unit": org.seksi.id, "jabatan": org.kadis.jabatan_id, "pegawai": org.staf1.id, "libur": libur.id}


@pytest.fixture
def admin_browser(browser, org):
    assert browser.login("admin", PASSWORD).status_code == 302
    return browser


@pytest.mark.parametrize("url", GET_PAGES)
def test_admin_pages_open_for_admin(admin_browser, ids, url):
    r = admin_browser.get(url.format(**ids))
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("url", GET_PAGES)
def test_admin_pages_forbidden_for_pegawai(browser, org, ids, url):
    browser.login(org.kadis.nip, PASSWORD)
    r = browser.get(url.format(**ids))
    assert r.status_code == 403
    assert "Akses ditolak" in r.get_data(as_text=True)


@pytest.mark.parametrize("url", GET_PAGES)
def test_admin_pages_send_anonymous_to_login(browser, ids, url):
    r = browser.get(url.format(**ids))
    assert r.status_code == 302
    assert r.headers["Location"].startswith("/login")


@pytest.mark.parametrize("url", POST_ACTIONS)
def test_admin_posts_need_csrf(admin_browser, ids, url):
    before = db.session.query(AuditEvent).count()
    r = admin_browser.post(url.format(**ids), {"nama": "X", "tahun": "2026"}, csrf=False)
    assert r.status_code == 400
    assert "Sesi formulir kedaluwarsa, muat ulang halaman." in r.get_data(as_text=True)
    assert db.session.query(AuditEvent).count() == before


@pytest.mark.parametrize("url", POST_ACTIONS)
def test_admin_posts_forbidden_for_pegawai(browser, org, ids, url):
    browser.login(org.kasi.nip, PASSWORD)
    before = db.session.query(AuditEvent).count()
    r = browser.post(url.format(**ids), {"nama": "X", "tahun": "2026"})
    assert r.status_code == 403
    assert db.session.query(AuditEvent).count() == before
    assert db.session.get(HariLibur, ids["libur"]) is not None


@pytest.mark.parametrize("url", POST_ACTIONS)
def test_admin_posts_send_anonymous_to_login(browser, ids, url):
    r = browser.post(url.format(**ids), {"nama": "X"})
    assert r.status_code == 302
    assert r.headers["Location"].startswith("/login")


def test_admin_menu_lists_the_pages(admin_browser):
    page = admin_browser.get("/admin").get_data(as_text=True)
    labels = ["Instansi", "Unit Kerja", "Jabatan", "Pegawai", "Kalender Kerja", "Jejak Audit"]
    positions = [page.index(f"<strong>{label}</strong>") for label in labels]
    assert positions == sorted(positions), "the audit entry comes last"


# ------------------------------------------------------------------ instansi

def _instansi_form(**overrides):
    data = {"nama_pemda": "Pemerintah Kabupaten Bukitintan", "nama_dinas": "Dinas Kominfo", "alamat": "Jl. Baru 1",
            "kota_ttd": "Bukitintan", "zona_waktu": "Asia/Makassar", "target_menit_bulanan": "6000",
            "batas_menit_harian": "600", "masa_tenggang_hari_kerja": "2"}
    data.update(overrides)
    return data


def test_instansi_settings_saved_and_audited(admin_browser):
    r = admin_browser.post("/admin/instansi", _instansi_form())
    assert r.status_code == 302 and r.headers["Location"] == "/admin/instansi"
    inst = db.session.query(Instansi).one()
    assert (inst.nama_dinas, inst.zona_waktu, inst.target_menit_bulanan, inst.masa_tenggang_hari_kerja) == (
        "Dinas Kominfo", "Asia/Makassar", 6000, 2)
    assert db.session.query(AuditEvent).filter_by(aksi="instansi.ubah").count() == 1
    assert "Pengaturan instansi tersimpan." in admin_browser.get("/admin/instansi").get_data(as_text=True)


@pytest.mark.parametrize("field, value, message", [
    ("target_menit_bulanan", "10", "Target menit bulanan harus antara 60 dan 20.000."),
    ("target_menit_bulanan", "banyak", "Isi dengan bilangan bulat."),
    ("zona_waktu", "Europe/London", "Pilih zona waktu WIB, WITA, atau WIT."),
    ("masa_tenggang_hari_kerja", "11", "Masa tenggang harus 0 sampai 10 hari kerja."),
    ("nama_dinas", "", "Isi nama dinas."),
])
def test_instansi_bad_input_is_refused_at_the_field(admin_browser, field, value, message):
    r = admin_browser.post("/admin/instansi", _instansi_form(**{field: value}))
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert f'id="{field}-galat"' in html and message in html
    assert db.session.query(Instansi).one().nama_dinas == "Dinas Komunikasi dan Informatika"


# ------------------------------------------------------------------ logo

def _image_bytes(fmt: str = "PNG", size=(64, 48), mode="RGB") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, (200, 30, 30)).save(buf, format=fmt)
    return buf.getvalue()


def _logo_dir(app):
    return os.path.join(str(app.config["UPLOAD_DIR"]), "logo")


def _logo_files(app) -> set[str]:
    folder = _logo_dir(app)
    return set(os.listdir(folder)) if os.path.isdir(folder) else set()


def _upload(browser, data: bytes, filename: str = "logo.png"):
    # Encoded in memory: the test client spools big bodies to a temporary file it never closes.
    boundary, body = encode_multipart({"logo": FileStorage(io.BytesIO(data), filename)})
    return browser.post("/admin/instansi/logo/unggah", body, content_type=f"multipart/form-data; boundary={boundary}")


def test_logo_upload_reencodes_serves_and_replaces(app, admin_browser, make_browser, org):
    r = _upload(admin_browser, _image_bytes("JPEG"), "kop.jpg")
    assert r.status_code == 302
    first = db.session.query(Instansi).one().logo_nama_file
    assert first and first.endswith(".png") and first != "kop.jpg"
    path = os.path.join(_logo_dir(app), first)
    with Image.open(path) as stored:
        assert stored.format == "PNG" and stored.size == (64, 48)

    pegawai = make_browser()
    pegawai.login(org.staf3.nip, PASSWORD)
    served = pegawai.get("/admin/instansi/logo")
    assert served.status_code == 200
    assert served.mimetype == "image/png"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    with open(path, "rb") as fh:
        assert served.data == fh.read()
    served.close()

    assert _upload(admin_browser, _image_bytes("PNG", mode="RGBA")).status_code == 302
    second = db.session.query(Instansi).one().logo_nama_file
    assert second != first and not os.path.exists(path), "the old file is removed"
    assert os.path.exists(os.path.join(_logo_dir(app), second))
    assert db.session.query(AuditEvent).filter_by(aksi="instansi.logo").count() == 2

    assert admin_browser.post("/admin/instansi/logo/hapus").status_code == 302
    assert db.session.query(Instansi).one().logo_nama_file is None
    assert not os.path.exists(os.path.join(_logo_dir(app), second))
    assert pegawai.get("/admin/instansi/logo").status_code == 404


def test_logo_needs_login(browser, org):
    assert browser.get("/admin/instansi/logo").status_code == 302


def _big_noise_png() -> bytes:
    buf = io.BytesIO()
    Image.frombytes("RGB", (700, 700), os.urandom(700 * 700 * 3)).save(buf, format="PNG")
    return buf.getvalue()


@pytest.mark.parametrize("data, filename, message", [
    (_big_noise_png(), "besar.png", "Berkas logo terlalu besar. Maksimal 1.024 KB."),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "logo.png",
     "Berkas ini bukan gambar PNG atau JPEG."),
    (b"MZ\x90\x00" + b"\x00" * 500, "logo.png", "Berkas ini bukan gambar PNG atau JPEG."),
    (_image_bytes("PNG")[:60], "rusak.png", "Berkas gambar rusak atau tidak dapat dibaca."),
    (_image_bytes("GIF"), "logo.png", "Logo harus berupa gambar PNG atau JPEG."),
    (_image_bytes("PNG", size=(2001, 10)), "lebar.png", "Ukuran logo maksimal 2000×2000 piksel"),
    (b"", "kosong.png", "Pilih berkas logo terlebih dahulu."),
])
def test_bad_logo_is_refused_and_nothing_written(app, admin_browser, data, filename, message):
    assert len(_big_noise_png()) > app.config["LOGO_MAX_BYTES"]
    before = _logo_files(app)
    r = _upload(admin_browser, data, filename)
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert 'id="logo-galat"' in html and message in html
    assert _logo_files(app) == before
    assert db.session.query(Instansi).one().logo_nama_file is None
    assert db.session.query(AuditEvent).filter_by(aksi="instansi.logo").count() == 0


# ------------------------------------------------------------------ unit kerja

def test_unit_tree_shows_depth_pimpinan_and_counts(admin_browser, org, count_queries):
    with count_queries() as q:
        r = admin_browser.get("/admin/unit")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    order = [html.index(n) for n in ("Dinas Uji", "Bidang Lain", "Bidang Uji", "Seksi Uji")]
    assert order == sorted(order), "children follow their parent, siblings by name"
    assert "— — </span><span class=\"visually-hidden\">Tingkat 3: </span>Seksi Uji" in html
    assert "Kepala Seksi Uji" in html
    seksi_row = html[html.index("Tingkat 3: </span>Seksi Uji"):].split("</tr>")[0]
    assert '<td class="text-end">3</td>' in seksi_row  # kasi + 2 staf
    assert q.count <= 12


def _banyak_unit(factory, org, start: int, stop: int):
    """Units "Seksi Banyak i" under Bidang Uji, each with a head and a staff member (an N+1 would show)."""
    for i in range(start, stop):
        unit = factory.unit(f"Seksi Banyak {i:02d}", induk=org.bidang)
        kepala = factory.pegawai(f"Kepala Banyak {i:02d}", unit=unit, pimpinan=True)
        factory.pegawai(f"Staf Banyak {i:02d}", unit=unit, atasan=kepala)


def test_unit_tree_paginates_with_pinned_queries(admin_browser, factory, org, count_queries):
    """#17: a kabupaten has 1,233 units; the tree is shown 25 rows a page, in tree order, and the
    page costs the same number of queries whatever the number of units."""
    _banyak_unit(factory, org, 0, 5)
    with count_queries() as sedikit:
        assert admin_browser.get("/admin/unit").status_code == 200
    _banyak_unit(factory, org, 5, 60)
    with count_queries() as banyak:
        page1 = admin_browser.get("/admin/unit").get_data(as_text=True)
    assert banyak.count == sedikit.count <= 6
    # Tree order: Dinas Uji, Bidang Lain, Bidang Uji, Seksi Banyak 00..59, Seksi Uji — 64 rows.
    assert "64 unit kerja · halaman 1 dari 3" in page1  # #17: the count names what it counts
    assert "Seksi Banyak 21" in page1 and "Seksi Banyak 22" not in page1
    with count_queries() as halaman2:
        r = admin_browser.get("/admin/unit?halaman=2", htmx=True)
    page2 = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" not in page2
    assert halaman2.count <= sedikit.count
    assert "Seksi Banyak 22" in page2 and "Seksi Banyak 46" in page2
    assert "Seksi Banyak 21" not in page2 and "Seksi Banyak 47" not in page2 and "Dinas Uji" not in page2
    row = page2[page2.index("Seksi Banyak 30"):].split("</tr>")[0]
    assert "Kepala Banyak 30" in row and '<td class="text-end">2</td>' in row  # head and active staff of the row
    page3 = admin_browser.get("/admin/unit?halaman=3").get_data(as_text=True)
    assert "Seksi Uji" in page3 and "Seksi Banyak 47" in page3
    assert "halaman 2 dari 3" in page2 and "halaman 3 dari 3" in page3


def test_unit_tree_page_out_of_range_and_search_pages(admin_browser, factory, org):
    _banyak_unit(factory, org, 0, 30)
    r = admin_browser.get("/admin/unit?halaman=99")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Seksi Banyak" not in html and "Tidak ada unit kerja pada halaman ini." in html
    assert 'href="/admin/unit?halaman=1"' in html  # back to the first page
    # A search keeps the ancestors and pages the result.
    hasil = admin_browser.get("/admin/unit?q=banyak&halaman=2").get_data(as_text=True)
    assert "Seksi Banyak 29" in hasil and "Seksi Banyak 00" not in hasil and "Bidang Lain" not in hasil


def test_unit_tree_page_forbidden_for_pegawai(browser, org):
    browser.login(org.kasi.nip, PASSWORD)
    r = browser.get("/admin/unit?halaman=2")
    assert r.status_code == 403


def test_unit_search_keeps_ancestors(admin_browser, org):
    r = admin_browser.get("/admin/unit?q=seksi", htmx=True)
    html = r.get_data(as_text=True)
    assert "<html" not in html and "Seksi Uji" in html and "Bidang Uji" in html and "Bidang Lain" not in html


def test_unit_create_and_edit(admin_browser, org):
    r = admin_browser.post("/admin/unit/baru", {"nama": "Seksi Baru", "singkatan": "SB", "induk_id": str(org.bidang.id),
                                                "hari_kerja_per_minggu": "6", "aktif": "y"})
    assert r.status_code == 302
    unit = db.session.query(UnitKerja).filter_by(nama="Seksi Baru").one()
    assert (unit.induk_id, unit.hari_kerja_per_minggu, unit.aktif) == (org.bidang.id, 6, True)
    r = admin_browser.post(f"/admin/unit/{unit.id}", {"nama": "Seksi Baru", "induk_id": str(org.bidang2.id),
                                                      "hari_kerja_per_minggu": "5"})
    assert r.status_code == 302
    db.session.refresh(unit)
    assert (unit.induk_id, unit.hari_kerja_per_minggu, unit.aktif) == (org.bidang2.id, 5, False)


def test_unit_cycle_is_refused(admin_browser, org):
    r = admin_browser.post(f"/admin/unit/{org.bidang.id}", {"nama": "Bidang Uji", "induk_id": str(org.seksi.id),
                                                           "hari_kerja_per_minggu": "5", "aktif": "y"})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert 'id="induk_id-galat"' in html
    assert "Unit induk tidak boleh unit itu sendiri atau unit di bawahnya." in html
    db.session.refresh(org.bidang)
    assert org.bidang.induk_id == org.root.id


def test_unit_edit_form_offers_no_descendant_as_induk(admin_browser, org):
    html = admin_browser.get(f"/admin/unit/{org.bidang.id}").get_data(as_text=True)
    select = html[html.index('id="induk_id"'):].split("</select>")[0]
    assert "Dinas Uji" in select and "Seksi Uji" not in select and ">— Bidang Uji<" not in select


def test_unit_duplicate_name_is_refused(admin_browser, org):
    r = admin_browser.post("/admin/unit/baru", {"nama": "seksi uji", "hari_kerja_per_minggu": "5", "aktif": "y"})
    assert r.status_code == 422
    assert "Nama unit kerja sudah dipakai." in r.get_data(as_text=True)
    assert db.session.query(UnitKerja).count() == 4


# ------------------------------------------------------------------ jabatan

def test_jabatan_search_and_pagination(admin_browser, factory, org):
    for i in range(30):
        factory.jabatan(f"Analis Data {i:02d}")
    page1 = admin_browser.get("/admin/jabatan?q=analis").get_data(as_text=True)
    assert "Analis Data 00" in page1 and "Analis Data 25" not in page1 and "Kepala Dinas" not in page1
    assert "30 jabatan · halaman 1 dari 2" in page1
    page2 = admin_browser.get("/admin/jabatan?q=analis&halaman=2", htmx=True)
    html = page2.get_data(as_text=True)
    assert "<html" not in html and "Analis Data 29" in html and "Analis Data 00" not in html
    assert "HX-Request" in page2.headers["Vary"]


def test_jabatan_create_edit_and_rules(admin_browser, org):
    r = admin_browser.post("/admin/jabatan/baru", {"nama": "Pranata Komputer Ahli Muda", "jenis": "Fungsional",
                                                   "jenjang": "Ahli Muda"})
    assert r.status_code == 302
    jab = db.session.query(Jabatan).filter_by(nama="Pranata Komputer Ahli Muda").one()
    assert (jab.jenis, jab.jenjang) == ("Fungsional", "Ahli Muda")

    r = admin_browser.post(f"/admin/jabatan/{jab.id}", {"nama": jab.nama, "jenis": "Pelaksana", "jenjang": "Ahli Muda"})
    assert r.status_code == 422
    assert "Jenjang hanya untuk jabatan fungsional." in r.get_data(as_text=True)
    r = admin_browser.post("/admin/jabatan/baru", {"nama": "kepala dinas", "jenis": "JPT"})
    assert r.status_code == 422
    assert "Nama jabatan sudah ada." in r.get_data(as_text=True)
    db.session.refresh(jab)
    assert jab.jenis == "Fungsional"
    assert db.session.query(Jabatan).count() == 2


# ------------------------------------------------------------------ kalender kerja

def test_kalender_loads_national_holidays_once(admin_browser, org):
    r = admin_browser.post("/admin/kalender/muat-nasional", {"tahun": "2026"})
    assert r.status_code == 302 and "tahun=2026" in r.headers["Location"]
    rows = db.session.query(HariLibur).all()
    assert len(rows) > 15
    assert {h.jenis for h in rows} == {"Libur Nasional", "Cuti Bersama"}
    page = admin_browser.get("/admin/kalender?tahun=2026").get_data(as_text=True)
    assert "Senin, 17 Agustus 2026" in page and "Pustaka libur nasional" in page
    admin_browser.post("/admin/kalender/muat-nasional", {"tahun": "2026"})
    assert db.session.query(HariLibur).count() == len(rows)
    assert "Semua hari libur nasional tahun 2026 sudah tercatat." in admin_browser.get("/admin/kalender").get_data(as_text=True)


def test_kalender_add_and_remove_a_day(admin_browser, org):
    r = admin_browser.post("/admin/kalender/tambah", {"tanggal": "2026-10-12", "nama": "Ulang Tahun Kota Bukitintan",
                                                      "jenis": "Libur Daerah"})
    assert r.status_code == 302
    item = db.session.query(HariLibur).one()
    assert (item.tanggal, item.jenis, item.sumber) == (date(2026, 10, 12), "Libur Daerah", "admin")
    page = admin_browser.get("/admin/kalender?tahun=2026").get_data(as_text=True)
    assert "Senin, 12 Oktober 2026" in page and "Ulang Tahun Kota Bukitintan" in page
    assert "Ulang Tahun Kota Bukitintan" not in admin_browser.get("/admin/kalender?tahun=2025").get_data(as_text=True)

    dup = admin_browser.post("/admin/kalender/tambah", {"tanggal": "2026-10-12", "nama": "Lagi", "jenis": "Libur Daerah"})
    assert dup.status_code == 422
    assert "Tanggal ini sudah tercatat sebagai hari libur." in dup.get_data(as_text=True)
    bad = admin_browser.post("/admin/kalender/tambah", {"tanggal": "12/10/2026", "nama": "X", "jenis": "Libur Daerah"})
    assert bad.status_code == 422 and "Isi tanggal dengan benar." in bad.get_data(as_text=True)
    assert db.session.query(HariLibur).count() == 1

    url = f"/admin/kalender/{item.id}/hapus"
    r = admin_browser.post(url, {"tahun": "2026"})
    assert r.status_code == 302 and r.headers["Location"] == "/admin/kalender?tahun=2026"
    assert db.session.query(HariLibur).count() == 0
    assert admin_browser.post(url).status_code == 404
