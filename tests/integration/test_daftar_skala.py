"""#17 at kabupaten scale (10,000 pegawai, 1,233 units): the list pages that used to read every pegawai
are paged 25 rows at a time with a number of queries that stays flat as the rows grow, and no form
offers every pegawai of the kabupaten as <option>s (a search field narrows them, htmx)."""

from __future__ import annotations

import re
from datetime import timedelta

from kinerja.extensions import db
from kinerja.models import DelegasiVerifikasi, PenugasanPlt
from kinerja.waktu import today_local
from tests.support.factories import PASSWORD


def _as(make_browser, who):
    b = make_browser()
    b.login(who if isinstance(who, str) else who.nip, PASSWORD)
    return b


def _opsi(html: str, name: str) -> list[str]:
    """The option labels of the <select name=…> in ``html``."""
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
    return [re.sub(r"\s+", " ", o).strip() for o in re.findall(r"<option[^>]*>(.*?)</option>", select, re.S)]


def _staf_banyak(factory, atasan, start: int, stop: int, awalan: str = "Warga"):
    for i in range(start, stop):
        factory.pegawai(f"{awalan} {i:03d}", atasan=atasan)


# ------------------------------------------------------------------ the pagination macro counts in words


def test_penugasan_dihitung_sekali_dengan_satuannya(org, make_browser):
    hari_ini = today_local()
    db.session.add(PenugasanPlt(jenis="Plt", pejabat_id=org.staf3.id, unit_id=org.seksi.id, tanggal_mulai=hari_ini,
                                tanggal_selesai=hari_ini + timedelta(days=3)))
    db.session.commit()
    html = _as(make_browser, "admin").get("/mutasi/penugasan").get_data(as_text=True)
    assert html.count("1 penugasan") == 1 and "1 data" not in html


# ------------------------------------------------------------------ no <select> of every pegawai


def test_penugasan_dan_delegasi_tidak_menawarkan_semua_pegawai(org, factory, make_browser, count_queries):
    """80 more pegawai: the Pejabat/Pegawai/Verifikator/Atasan selects keep at most 50 names plus the
    empty choice (and the current one), the page's queries stay flat."""
    admin = _as(make_browser, "admin")
    for url, nama in (("/mutasi/penugasan", "pejabat_id"), ("/mutasi/penugasan", "pegawai_id"),
                      ("/verifikasi/delegasi", "verifikator_id"), (f"/mutasi/pegawai/{org.staf1.id}", "atasan_id")):
        with count_queries() as sedikit:
            admin.get(url)
        _staf_banyak(factory, org.kasi, 0, 80, awalan=f"Banyak {nama}")
        with count_queries() as banyak:
            html = admin.get(url).get_data(as_text=True)
        assert banyak.count == sedikit.count, url
        assert len(_opsi(html, nama)) <= 52, (url, nama)  # empty choice + current one + 50 names
        assert 'id="cari_' + nama + '"' in html  # the search field of that select
    db.session.commit()
    mutasi = admin.get(f"/mutasi/pegawai/{org.staf1.id}").get_data(as_text=True)
    assert _opsi(mutasi, "atasan_id")[1].startswith("Kepala Seksi Uji")  # his atasan now, first and chosen
    assert "Cari pegawai yang dibawahi" in admin.get("/mutasi/penugasan").get_data(as_text=True)


def test_opsi_pegawai_mencari_nama_atau_nip_dan_menjaga_pilihan(org, factory, make_browser):
    _staf_banyak(factory, org.kasi, 0, 80)
    db.session.commit()
    admin = _as(make_browser, "admin")
    r = admin.get(f"/admin/pegawai/opsi?kolom=pejabat_id&cari=warga%2007&pejabat_id={org.staf3.id}", htmx=True)
    assert r.status_code == 200
    labels = re.findall(r"<option[^>]*>(.*?)</option>", r.get_data(as_text=True))
    assert labels[0] == "— Pilih pegawai —"
    assert labels[1].startswith("Staf Tiga")  # the current choice stays first
    assert [x.split(" (")[0] for x in labels[2:]] == [f"Warga {i:03d}" for i in range(70, 80)]
    assert f'value="{org.staf3.id}" selected' in r.get_data(as_text=True)
    nip = org.staf1.nip
    r = admin.get(f"/admin/pegawai/opsi?kolom=verifikator_id&cari={nip[:8]}%20{nip[8:]}", htmx=True)
    assert "Staf Satu" in r.get_data(as_text=True)
    halaman = admin.get("/mutasi/penugasan").get_data(as_text=True)
    url = re.search(r'id="cari_pegawai_id"[^>]*hx-get="([^"]+)"', halaman).group(1).replace("&amp;", "&")
    kosong = admin.get(url + "&cari=warga", htmx=True).get_data(as_text=True)
    assert re.match(r'<option value=""[^>]*>— Tidak \(pilih unit di atas\) —</option>', kosong)  # its own empty choice
    assert "Warga 000" in kosong


def test_opsi_pegawai_hanya_untuk_admin(org, make_browser):
    for who in (org.kadis, org.staf1):
        assert _as(make_browser, who).get("/admin/pegawai/opsi?cari=staf", htmx=True).status_code == 403
    anonim = make_browser().get("/admin/pegawai/opsi?cari=staf")
    assert anonim.status_code in (302, 401) and "Staf" not in anonim.get_data(as_text=True)


def test_pegawai_di_luar_50_pertama_tetap_dapat_disimpan_dengan_csrf(org, factory, make_browser):
    _staf_banyak(factory, org.kasi, 0, 80, awalan="Aa")  # sorted before everyone else
    zulu = factory.pegawai("Zulkifli Akhir", atasan=org.kasi)
    db.session.commit()
    admin = _as(make_browser, "admin")
    assert "Zulkifli" not in admin.get("/verifikasi/delegasi").get_data(as_text=True)
    hari_ini = today_local()
    data = {"unit_id": str(org.seksi.id), "verifikator_id": str(zulu.id), "tanggal_mulai": hari_ini.isoformat(),
            "tanggal_selesai": (hari_ini + timedelta(days=2)).isoformat(), "keterangan": ""}
    assert admin.post("/verifikasi/delegasi", data, csrf=False).status_code in (400, 422)
    assert _as(make_browser, org.kadis).post("/verifikasi/delegasi", data).status_code == 403
    assert db.session.query(DelegasiVerifikasi).count() == 0
    assert admin.post("/verifikasi/delegasi", data).status_code == 303
    assert db.session.query(DelegasiVerifikasi).one().verifikator_id == zulu.id
    data = {"jenis": "Plh", "pejabat_id": str(zulu.id), "unit_id": "", "pegawai_id": str(org.staf1.id),
            "tanggal_mulai": hari_ini.isoformat(), "tanggal_selesai": hari_ini.isoformat()}
    r = admin.post("/mutasi/penugasan", data)
    assert r.status_code == 303, r.get_data(as_text=True)[:500]
    assert db.session.query(PenugasanPlt).one().pejabat_id == zulu.id
    assert "Zulkifli Akhir" in admin.get("/mutasi/penugasan").get_data(as_text=True)  # the list shows the name


# ------------------------------------------------------------------ lists paged 25 rows, queries flat


def _baris(html: str, awalan: str) -> list[str]:
    return re.findall(rf">({awalan} \d+)<", html)


def _kueri_tetap(count_queries, browser, url: str, tambah) -> str:
    """``url``'s page after ``tambah()`` adds rows, asserting it costs the same queries as before."""
    browser.get(url)  # warm the per-process caches
    with count_queries() as sedikit:
        browser.get(url)
    tambah()
    db.session.commit()
    with count_queries() as banyak:
        html = browser.get(url).get_data(as_text=True)
    assert banyak.count == sedikit.count, "\n".join(s[:150] for s in banyak.statements)
    return html


def test_laporan_bawahan_berhalaman_dengan_kueri_tetap(org, factory, make_browser, count_queries):
    """A Kepala OPD has 1,000 people below him: the report index lists them 25 a page by name."""
    _staf_banyak(factory, org.kasi, 0, 3)
    db.session.commit()
    kadis = _as(make_browser, org.kadis)
    page1 = _kueri_tetap(count_queries, kadis, "/laporan/?bulan=2026-03",
                         lambda: _staf_banyak(factory, org.kasi, 3, 60))
    # Everyone below the kadis by name: Kepala Bidang Lain, Kepala Bidang Uji, Kepala Seksi Uji, Staf Dua,
    # Staf Satu, Staf Tiga, then Warga 000..059 — 66 rows.
    assert "66 bawahan · halaman 1 dari 3" in page1
    assert _baris(page1, "Warga") == [f"Warga {i:03d}" for i in range(0, 19)]
    page2 = kadis.get("/laporan/?bulan=2026-03&halaman=2").get_data(as_text=True)
    assert _baris(page2, "Warga") == [f"Warga {i:03d}" for i in range(19, 44)]
    assert "bulan=2026-03" in page2[page2.index('class="pagination'):]  # the month stays when paging


def test_rekap_dialog_berhalaman_dengan_kueri_tetap(org, factory, make_browser, count_queries):
    """The admin's rekap has one row per leader (1,231 in the 10,000-pegawai kabupaten): 25 a page."""
    def pimpinan(start, stop):
        for i in range(start, stop):
            kepala = factory.pegawai(f"Pimpinan {i:03d}", atasan=org.kabid2, pimpinan=True,
                                     unit=factory.unit(f"Seksi Rekap {i:03d}", induk=org.bidang2))
            factory.pegawai(f"Anggota {i:03d}", atasan=kepala)
        db.session.commit()

    pimpinan(0, 3)
    admin = _as(make_browser, "admin")
    page1 = _kueri_tetap(count_queries, admin, "/dialog/rekap", lambda: pimpinan(3, 40))
    # Leaders by name: Kepala Bidang Lain, Kepala Bidang Uji, Kepala Dinas Uji, Kepala Seksi Uji, Pimpinan 000..039.
    assert "44 pimpinan · halaman 1 dari 2" in page1
    assert _baris(page1, "Pimpinan") == [f"Pimpinan {i:03d}" for i in range(0, 21)]
    page2 = admin.get("/dialog/rekap?halaman=2").get_data(as_text=True)
    assert _baris(page2, "Pimpinan") == [f"Pimpinan {i:03d}" for i in range(21, 40)]
    row = page2[page2.index("Pimpinan 030"):].split("</tr>")[0]
    assert re.findall(r'<td class="text-end">(\d+)</td>', row)[0] == "1"  # his bawahan langsung, on page 2 too


def test_progres_evaluasi_per_unit_berhalaman(org, factory, make_browser, count_queries):
    """1,233 units: the admin's progress table shows 25 units a page, its Jumlah row still counts all,
    and it pages apart from the "belum dapat dievaluasi" list on the same page."""
    from kinerja.evaluasi import services as ev_services
    from tests.support.evaluasi import buat_periode, buat_skp

    periode = buat_periode()

    def unit_berevaluasi(start, stop):
        for i in range(start, stop):
            p = factory.pegawai(f"Dinilai {i:03d}", atasan=org.kasi, unit=factory.unit(f"Unit Progres {i:03d}"))
            buat_skp(p)
        ev_services.open_evaluasi(org.admin, periode.id)

    unit_berevaluasi(0, 3)
    admin = _as(make_browser, "admin")
    url = f"/evaluasi/?periode={periode.id}"
    page1 = _kueri_tetap(count_queries, admin, url, lambda: unit_berevaluasi(3, 40))
    tabel = page1[page1.index('id="tabel-progres"'):].split("</table>")[0]
    assert _baris(tabel, "Unit Progres") == [f"Unit Progres {i:03d}" for i in range(0, 25)]
    assert "40 unit kerja · halaman 1 dari 2" in page1
    jumlah = re.findall(r'fw-semibold">(\d+)</td>', tabel.split("<tfoot>")[1])
    assert jumlah[-1] == "40"  # the Jumlah row: every evaluation, not the page's
    page2 = admin.get(url + "&halaman_unit=2").get_data(as_text=True)
    tabel2 = page2[page2.index('id="tabel-progres"'):].split("</table>")[0]
    assert _baris(tabel2, "Unit Progres") == [f"Unit Progres {i:03d}" for i in range(25, 40)]
    assert "halaman 2 dari 2" in page2


# ------------------------------------------------------------------ Dialog Kinerja: the participant picker


def _kotak_peserta(html: str) -> list[str]:
    return re.findall(r'name="peserta" value="(\d+)"', html)


def _form_dialog(peserta):
    return {"jenis": "Rapat Rutin Tim", "judul": "Rapat Senin", "tanggal": today_local().isoformat(), "jam": "08:00",
            "tempat": "Ruang Rapat", "pengulangan": "", "agenda": "", "peserta": [str(i) for i in peserta]}


def test_pemilih_peserta_kepala_opd_tidak_memuat_seluruh_bawahan(org, factory, make_browser, count_queries):
    """A Kepala OPD has a thousand people below him: the form lists his direct subordinates (and who is
    already chosen); the others are found with "Cari bawahan lain" (htmx) and can be saved."""
    kadis = _as(make_browser, org.kadis)
    kecil = kadis.get("/dialog/baru").get_data(as_text=True)
    assert len(_kotak_peserta(kecil)) == 6 and 'id="cari_peserta"' not in kecil  # a small team: everyone, as before
    html = _kueri_tetap(count_queries, kadis, "/dialog/baru", lambda: _staf_banyak(factory, org.kasi, 0, 60))
    assert sorted(_kotak_peserta(html)) == sorted([str(org.kabid.id), str(org.kabid2.id)])  # the direct ones
    assert 'id="cari_peserta"' in html and "Cari bawahan lain" in html
    url = re.search(r'id="cari_peserta"[^>]*hx-get="([^"]+)"', html).group(1)
    r = kadis.get(f"{url}?cari=warga%2005&peserta={org.staf1.id}&peserta={org.kabid.id}", htmx=True)
    fragmen = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" not in fragmen
    # staf1 stays (already ticked), the direct kabid is not repeated, then the matches
    assert _kotak_peserta(fragmen)[0] == str(org.staf1.id) and str(org.kabid.id) not in _kotak_peserta(fragmen)
    assert re.findall(r">(Warga \d+)", fragmen) == [f"Warga {i:03d}" for i in range(50, 60)]
    assert f'value="{org.staf1.id}" id="peserta-{org.staf1.id}"' in fragmen and "checked" in fragmen.split("Warga")[0]
    warga = re.search(r'value="(\d+)" id="peserta-\d+"[^>]*>\s*<label[^>]*>Warga 055', fragmen)
    r = kadis.post("/dialog/baru", _form_dialog([org.kabid.id, int(warga.group(1)), org.staf1.id]))
    assert r.status_code == 302
    from kinerja.models import Dialog
    assert db.session.query(Dialog).one().peserta_ids == {org.kabid.id, int(warga.group(1)), org.staf1.id}
    ubah = kadis.get(r.headers["Location"] + "/ubah").get_data(as_text=True)
    assert set(_kotak_peserta(ubah)) == {str(org.kabid.id), str(org.kabid2.id), warga.group(1), str(org.staf1.id)}
    assert ubah.count("checked") >= 3


def test_cari_peserta_hanya_bawahan_untuk_pimpinan(org, factory, make_browser):
    _staf_banyak(factory, org.kasi, 0, 60)
    db.session.commit()
    assert _as(make_browser, org.staf1).get("/dialog/baru/peserta?cari=warga", htmx=True).status_code == 403
    assert _as(make_browser, "admin").get("/dialog/baru/peserta?cari=warga", htmx=True).status_code == 403
    kabid2 = _as(make_browser, org.kabid2).get(f"/dialog/baru/peserta?cari=warga&peserta={org.staf1.id}", htmx=True)
    assert kabid2.status_code == 200 and "Warga" not in kabid2.get_data(as_text=True)  # not below him
    assert "Staf Satu" not in kabid2.get_data(as_text=True)  # a stranger's id is not echoed back
    anonim = make_browser().get("/dialog/baru/peserta?cari=warga")
    assert anonim.status_code in (302, 401)


def test_jadwal_dialog_tanpa_csrf_tetap_ditolak_dengan_pemilih_baru(org, factory, make_browser):
    _staf_banyak(factory, org.kasi, 0, 60)
    db.session.commit()
    from kinerja.models import Dialog
    r = _as(make_browser, org.kadis).post("/dialog/baru", _form_dialog([org.kabid.id]), csrf=False)
    assert r.status_code == 400 and db.session.query(Dialog).count() == 0
