"""Issue 5, "Done when": the whole evaluation flow works for a unit created from scratch through the UI.

Starting from an empty database with only an Instansi and an admin account, everything else happens
through HTTP requests on the app's own routes, as the users would do it in the browser: the admin builds
the organisation, the pegawai change their temporary passwords, write and approve SKPs, and go through
one evaluation period to a signed, publicly verifiable document.  Ids are read from the pages and
redirects (select options, links, anchors), never from the database.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

from kinerja.evaluasi.rules import MATRIKS_PREDIKAT, SELESAI, SESUAI
from kinerja.organisasi.rules import mask_nip
from kinerja.periode.rules import batas_default
from kinerja.waktu import today_local
from tests.integration.test_evaluasi_views import pdf_text
from tests.integration.test_skp import _iki_data, _rhk_data
from tests.integration.test_skp_alur import EKSPEKTASI, PNG
from tests.support.factories import PASSWORD

NIP_KEPALA = "197503152000031002"
NIP_STAF = "199204182019032005"
NAMA_KEPALA = "Rahmat Hidayat, S.Sos., M.Si."
NAMA_STAF = "Siti Aminah, S.Kom."
SANDI_KEPALA = "lembayung senja di teluk biru 7"
SANDI_STAF = "gerimis pagi menyapa ladang jagung 3"


def _text(response) -> str:
    return response.get_data(as_text=True)


def _option_id(html: str, select_name: str, label: str) -> str:
    """The value of the <option> labelled ``label`` (ignoring the tree indent) in the select ``select_name``."""
    select = re.search(rf'<select[^>]*name="{re.escape(select_name)}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select {select_name} on the page"
    option = re.search(rf'<option[^>]*value="(\d+)"[^>]*>(?:\u2014 )*{re.escape(label)}</option>', select.group(1))
    assert option, f"no option {label!r} in {select_name}"
    return option.group(1)


def _hidden_values(html: str, name_pattern: str) -> list[str]:
    """Values of the hidden inputs whose name matches ``name_pattern``, in page order."""
    return re.findall(rf'<input[^>]*name="{name_pattern}"[^>]*value="([^"]*)"', html)


def _id_from(location: str, pattern: str) -> str:
    match = re.search(pattern, location)
    assert match, f"{pattern} not in {location}"
    return match.group(1)


def test_evaluasi_lengkap_untuk_unit_yang_dibuat_dari_nol(factory, make_browser):
    factory.instansi()
    factory.admin()
    tahun = today_local().year

    admin = make_browser()
    assert admin.login("admin", PASSWORD).status_code == 302

    # 1. The admin builds the organisation: two units, two jabatan, two pegawai.
    r = admin.post("/admin/unit/baru", {"nama": "Dinas Uji Coba", "singkatan": "DUC", "induk_id": "",
                                        "hari_kerja_per_minggu": "5", "aktif": "y"}, follow_redirects=True)
    assert r.status_code == 200 and "Unit kerja Dinas Uji Coba tersimpan." in _text(r)
    dinas_id = _option_id(_text(admin.get("/admin/unit/baru")), "induk_id", "Dinas Uji Coba")
    r = admin.post("/admin/unit/baru", {"nama": "Seksi Layanan Uji", "singkatan": "", "induk_id": dinas_id,
                                        "hari_kerja_per_minggu": "5", "aktif": "y"}, follow_redirects=True)
    assert "Unit kerja Seksi Layanan Uji tersimpan." in _text(r)
    assert "Tingkat 2: </span>Seksi Layanan Uji" in _text(r)

    for nama, jenis in (("Kepala Dinas Uji Coba", "JPT"), ("Pengelola Layanan Operasional", "Pelaksana")):
        r = admin.post("/admin/jabatan/baru", {"nama": nama, "jenis": jenis, "jenjang": ""}, follow_redirects=True)
        assert f"Jabatan {nama} tersimpan." in _text(r)

    form = _text(admin.get("/admin/pegawai/baru"))
    seksi_id = _option_id(form, "unit_id", "Seksi Layanan Uji")
    assert _option_id(form, "unit_id", "Dinas Uji Coba") == dinas_id

    def tambah_pegawai(data: dict) -> str:
        """Create a pegawai; return the temporary password shown (once) on the response."""
        r = admin.post("/admin/pegawai/baru", {"status": "PNS", "email": "", **data})
        html = _text(r)
        assert r.status_code == 200 and "Kata sandi sementara" in html and data["nip"] in html
        return re.search(r'<code class="fs-5">([^<]+)</code>', html).group(1)

    sementara_kepala = tambah_pegawai({
        "nip": NIP_KEPALA, "nama": NAMA_KEPALA, "golongan": "IV/c", "unit_id": dinas_id, "atasan_id": "",
        "jabatan_id": _option_id(form, "jabatan_id", "Kepala Dinas Uji Coba"), "pimpinan": "y"})
    form = _text(admin.get("/admin/pegawai/baru"))  # KEPALA is now offered as atasan
    sementara_staf = tambah_pegawai({
        "nip": NIP_STAF, "nama": NAMA_STAF, "golongan": "III/a", "unit_id": seksi_id,
        "jabatan_id": _option_id(form, "jabatan_id", "Pengelola Layanan Operasional"),
        "atasan_id": _option_id(form, "atasan_id", f"{NAMA_KEPALA} \u2014 19750315 200003 1 002")})
    units = _text(admin.get("/admin/unit"))
    assert NAMA_KEPALA in units  # shown as the pimpinan of Dinas Uji Coba

    # 2. Each logs in with the temporary password and is made to choose their own first.
    def masuk_pertama(nip: str, sementara: str, sandi: str):
        b = make_browser()
        r = b.login(nip, sementara)
        assert r.status_code == 302 and r.headers["Location"] == "/akun/kata-sandi"
        assert b.get("/skp/").headers.get("Location") == "/akun/kata-sandi"  # nothing else until it is changed
        r = b.post("/akun/kata-sandi", {"sandi_lama": sementara, "sandi_baru": sandi, "ulangi_sandi": sandi},
                   follow_redirects=True)
        assert r.status_code == 200 and "Kata sandi berhasil diganti." in _text(r)
        return b

    kepala = masuk_pertama(NIP_KEPALA, sementara_kepala, SANDI_KEPALA)
    staf = masuk_pertama(NIP_STAF, sementara_staf, SANDI_STAF)

    # 3. The admin opens the Tahun Kinerja (semesteran).
    r = admin.post("/admin/tahun-kinerja", {"tahun": tahun, "pola": "semesteran"}, follow_redirects=True)
    html = _text(r)
    assert f"Tahun kinerja {tahun} dibuat dengan 3 periode." in html
    periode_id = _id_from(html, r'<tr id="periode-(\d+)">\s*<th scope="row">Semester I</th>')

    # 4a. KEPALA (top of the tree) writes an SKP with the organisation target typed in; the admin approves it.
    r = kepala.post("/skp/buat", {"tahun": tahun, "pendekatan": "Kuantitatif"})
    skp_kepala = _id_from(r.headers["Location"], r"/skp/(\d+)$")
    tambah_rhk = _text(kepala.get(f"/skp/{skp_kepala}?tambah_rhk=1", htmx=True))
    assert 'name="rhk-baru-intervensi_teks"' in tambah_rhk and 'name="rhk-baru-rhk_atasan_id"' not in tambah_rhk
    rhk_kepala_uraian = "Meningkatnya kualitas layanan publik Dinas Uji Coba"
    r = kepala.post(f"/skp/{skp_kepala}/rhk", _rhk_data(uraian=rhk_kepala_uraian, perspektif="Penerima Layanan",
                                                        intervensi_teks="Meningkatnya indeks pelayanan publik daerah"))
    rhk_kepala = _id_from(r.headers["Location"], r"#rhk-(\d+)$")
    r = kepala.post(f"/skp/rhk/{rhk_kepala}/iki", _iki_data(f"iki-baru-{rhk_kepala}", indikator="Indeks kepuasan masyarakat",
                                                            target_teks="85 poin", target_angka="85", satuan="poin"))
    assert r.status_code == 302
    r = kepala.post(f"/skp/{skp_kepala}/ajukan", follow_redirects=True)
    assert "SKP diajukan." in _text(r) and "menunggu persetujuan admin kepegawaian" in _text(r)
    assert "Setujui SKP" in _text(admin.get(f"/skp/{skp_kepala}"))
    # The top of the tree: the admin records the paper approval (date + scan, issue #10 §1).
    kertas = {**EKSPEKTASI, "tanggal": today_local().isoformat(), "pindaian": (io.BytesIO(PNG), "skp-kepala.png")}
    r = admin.post(f"/skp/{skp_kepala}/setujui", kertas, follow_redirects=True)
    assert "SKP disetujui dan dikunci." in _text(r) and "dicatat oleh admin kepegawaian" in _text(r)

    # 4b. STAF intervenes KEPALA's RHK; KEPALA writes the seven ekspektasi and approves.
    r = staf.post("/skp/buat", {"tahun": tahun, "pendekatan": "Kuantitatif"})
    skp_staf = _id_from(r.headers["Location"], r"/skp/(\d+)$")
    tambah_rhk = _text(staf.get(f"/skp/{skp_staf}?tambah_rhk=1", htmx=True))
    rhk_atasan = _option_id(tambah_rhk, "rhk-baru-rhk_atasan_id", rhk_kepala_uraian)
    assert rhk_atasan == rhk_kepala
    r = staf.post(f"/skp/{skp_staf}/rhk", _rhk_data(uraian="Terlayaninya permohonan layanan tepat waktu",
                                                    rhk_atasan_id=rhk_atasan))
    rhk_staf = _id_from(r.headers["Location"], r"#rhk-(\d+)$")
    r = staf.post(f"/skp/rhk/{rhk_staf}/iki", _iki_data(f"iki-baru-{rhk_staf}", indikator="Jumlah permohonan dilayani",
                                                        target_teks="120 permohonan", target_angka="120",
                                                        satuan="permohonan"))
    assert r.status_code == 302
    r = staf.post(f"/skp/{skp_staf}/ajukan", follow_redirects=True)
    assert "SKP diajukan." in _text(r) and "menunggu persetujuan pejabat penilai" in _text(r)
    halaman = _text(kepala.get(f"/skp/{skp_staf}"))
    assert "Setujui SKP" in halaman and "Ekspektasi Khusus Pimpinan" in halaman
    r = kepala.post(f"/skp/{skp_staf}/setujui", EKSPEKTASI, follow_redirects=True)
    assert "SKP disetujui dan dikunci." in _text(r)

    # 5a. The admin opens the evaluation of Semester I.
    r = admin.post(f"/evaluasi/periode/{periode_id}/buka", follow_redirects=True)
    assert "Evaluasi dibuka: 2 pegawai baru, 0 sudah ada sebelumnya." in _text(r)

    daftar = _text(staf.get("/evaluasi/"))
    ev = _id_from(daftar, rf'href="/evaluasi/(\d+)">Buka<span class="visually-hidden"> evaluasi Semester I {tahun}')
    assert re.search(rf'href="/evaluasi/{ev}">Buka<span class="visually-hidden"> evaluasi {re.escape(NAMA_STAF)}',
                     _text(kepala.get(f"/evaluasi/?periode={periode_id}")))

    # Semester I's deadline is usually past when this runs: the admin extends it for this pegawai.
    if today_local() > batas_default(date(tahun, 6, 30)):
        batas = today_local() + timedelta(days=30)
        r = admin.post(f"/evaluasi/{ev}/batas", {"batas": batas.isoformat()}, follow_redirects=True)
        assert "Batas pengisian untuk pegawai ini diperbarui." in _text(r)

    # 5b. The capaian of Dinas Uji Coba is decided above it (its head's penilai outside the dinas):
    # KEPALA cannot set his own; the admin records it. The seksi below inherits it.
    assert kepala.post(f"/evaluasi/unit/{dinas_id}?periode={periode_id}", {"capaian": "Baik"}).status_code == 403
    r = admin.post(f"/evaluasi/unit/{dinas_id}?periode={periode_id}", {"capaian": "Baik"}, follow_redirects=True)
    assert "Capaian kinerja organisasi disimpan." in _text(r)
    unit_seksi = _text(kepala.get(f"/evaluasi/unit/{seksi_id}?periode={periode_id}"))
    assert "Capaian diambil dari unit induk" in unit_seksi and NAMA_STAF in unit_seksi

    # 5c. STAF fills in the realisasi and submits it.
    halaman = _text(staf.get(f"/evaluasi/{ev}"))
    assert "Ajukan Realisasi" in halaman
    assert _hidden_values(halaman, r"entri-0-rhk_id") == [rhk_staf]
    r = staf.post(f"/evaluasi/{ev}/realisasi", {
        "aksi": "ajukan", "entri-0-rhk_id": rhk_staf, "entri-0-realisasi": "62 permohonan dilayani tepat waktu",
        "entri-0-realisasi_angka": "62", "entri-0-tautan": "https://arsip.example.go.id/laporan-s1"},
        follow_redirects=True)
    assert "Realisasi diajukan ke pejabat penilai." in _text(r)

    # 5d. KEPALA gives feedback per RHK and per perilaku, rates, finalises.
    halaman = _text(kepala.get(f"/evaluasi/{ev}"))
    assert "Penilaian oleh Pejabat Penilai" in halaman and "62 permohonan dilayani tepat waktu" in halaman
    nomor_perilaku = _hidden_values(halaman, r"perilaku-\d+-nomor")
    assert nomor_perilaku == [str(n) for n in range(1, 8)]
    penilaian = {"rhk-0-rhk_id": rhk_staf, "rhk-0-umpan_balik": "Target semester tercapai, pertahankan.",
                 "rating_hasil_kerja": SESUAI, "rating_perilaku_kerja": SESUAI,
                 "catatan_rekomendasi": "Ikuti pelatihan pelayanan prima."}
    for i, nomor in enumerate(nomor_perilaku):
        penilaian |= {f"perilaku-{i}-nomor": nomor, f"perilaku-{i}-umpan_balik": f"Perilaku {nomor} sesuai ekspektasi."}
    r = kepala.post(f"/evaluasi/{ev}/penilaian", penilaian, follow_redirects=True)
    predikat = MATRIKS_PREDIKAT[(SESUAI, SESUAI)]
    assert predikat == "Baik"
    assert "Penilaian disimpan." in _text(r) and f"menghasilkan Predikat Kinerja {predikat}" in _text(r)
    r = kepala.post(f"/evaluasi/{ev}/finalisasi", follow_redirects=True)
    assert "Evaluasi difinalisasi." in _text(r)

    # 5e. STAF signs first, then KEPALA, each with their own (new) password.
    for b, sandi in ((staf, SANDI_STAF), (kepala, SANDI_KEPALA)):
        assert "Tanda Tangani" in _text(b.get(f"/evaluasi/{ev}/tanda-tangan"))
        r = b.post(f"/evaluasi/{ev}/tanda-tangan", {"kata_sandi": sandi}, follow_redirects=True)
        assert r.status_code == 200 and "Evaluasi ditandatangani." in _text(r)

    # 6. Locked and completed, with the predikat of the matrix.
    halaman = _text(staf.get(f"/evaluasi/{ev}"))
    assert f">{SELESAI}</span>" in halaman
    assert "Evaluasi ditandatangani kedua pihak dan terkunci" in halaman
    assert f"<strong>{predikat}</strong>" in halaman
    assert "Ajukan Realisasi" not in halaman and "Tanda Tangani" not in halaman
    r = staf.post(f"/evaluasi/{ev}/realisasi", {"aksi": "simpan", "entri-0-rhk_id": rhk_staf,
                                                 "entri-0-realisasi": "diubah"})
    assert r.status_code == 422 and "sudah ditandatangani dan terkunci" in _text(r)
    assert f"<td>{predikat}</td>" in _text(staf.get("/evaluasi/"))

    # Form C (Dokumen Evaluasi Kinerja) downloads as a PDF for STAF, with the inherited capaian and the predikat.
    r = staf.get(f"/evaluasi/{ev}/cetak/dokumen")
    assert r.status_code == 200 and r.mimetype == "application/pdf" and r.data.startswith(b"%PDF")
    isi = pdf_text(r.data)
    assert NAMA_STAF in isi and NAMA_KEPALA in isi and "UNIT KERJA Seksi Layanan Uji" in isi
    assert f"CAPAIAN KINERJA ORGANISASI BAIK PREDIKAT KINERJA PEGAWAI {predikat.upper()}" in isi

    # The public page behind the QR code, found through the link on the evaluation page.
    kode = _id_from(halaman, r'href="/v/([A-Za-z0-9_-]+)">Halaman verifikasi dokumen')
    assert f"/v/{kode} untuk memeriksa keaslian" in isi
    publik = make_browser().get(f"/v/{kode}")
    html = _text(publik)
    assert publik.status_code == 200
    assert NAMA_STAF in html and f"Semester I {tahun}" in html and mask_nip(NIP_STAF) in html
    assert NIP_STAF not in html
    for rahasia in ("Predikat", predikat, "Ekspektasi", "pelayanan prima"):
        assert rahasia not in html, rahasia
