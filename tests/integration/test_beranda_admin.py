"""The admin's Beranda: the staffing summary and the data problems it lists, read in one query (#17)."""

from kinerja.beranda.services import admin_summary
from kinerja.extensions import db
from kinerja.models import Pegawai
from kinerja.organisasi.rules import parse_nip
from tests.support.factories import PASSWORD, next_nip


def _pegawai_tanpa_akun(nama, unit=None, atasan=None, aktif=True):
    nip = next_nip()
    info = parse_nip(nip, "PNS")
    p = Pegawai(nip=nip, nama=nama, status="PNS", golongan="III/a", unit=unit, atasan=atasan, aktif=aktif,
                tanggal_lahir=info.tanggal_lahir, jenis_kelamin=info.jenis_kelamin)
    db.session.add(p)
    db.session.flush()
    return p


def _admin_html(make_browser):
    browser = make_browser()
    browser.login("admin", PASSWORD)
    r = browser.get("/")
    assert r.status_code == 200
    return r.get_data(as_text=True)


def test_summary_counts_and_problems(make_browser, org, factory):
    kosong = factory.unit("Seksi Tanpa Kepala", induk=org.bidang)
    yatim = factory.pegawai("Zaenal Tanpa Atasan", unit=org.seksi)
    _pegawai_tanpa_akun("Yuni Belum Berakun", unit=org.seksi, atasan=org.kasi)
    _pegawai_tanpa_akun("Mantan Pegawai", aktif=False)  # inactive: counted nowhere
    db.session.commit()
    html = _admin_html(make_browser)
    s = admin_summary()
    # org: 7 pegawai; + Zaenal + Yuni; the inactive one is not counted.  Units: 4 of org + the empty seksi.
    assert (s.pegawai_aktif, s.unit_kerja, s.tanpa_akun) == (9, 5, 1)
    assert s.tanpa_unit == 0 and s.tanpa_jabatan == 8  # only the Kadis has a jabatan
    assert [p.nama for p in s.tanpa_atasan] == ["Zaenal Tanpa Atasan"]  # the Kadis heads the root: not a problem
    assert [u.nama for u in s.unit_tanpa_pimpinan] == [kosong.nama]
    assert "Zaenal Tanpa Atasan" in html and f"/admin/pegawai/{yatim.id}\"" in html
    assert "Unit Seksi Tanpa Kepala belum punya pimpinan." in html
    assert "1 pegawai aktif belum punya akun." in html
    assert "Kepala Dinas Uji" not in html.split("Masalah data")[1]


def test_no_problems_says_so(make_browser, org):
    html = _admin_html(make_browser)
    assert "Tidak ada masalah data." in html


def test_lists_are_sorted_by_name_and_capped_at_20(org, factory):
    for i in range(22):
        factory.pegawai(f"Tanpa Atasan {i:02d}")
        factory.unit(f"Unit Kosong {i:02d}")
    db.session.commit()
    s = admin_summary()
    assert [p.nama for p in s.tanpa_atasan] == [f"Tanpa Atasan {i:02d}" for i in range(20)]
    assert [u.nama for u in s.unit_tanpa_pimpinan] == [f"Unit Kosong {i:02d}" for i in range(20)]


def test_summary_is_one_query(org, count_queries):
    admin_summary()  # statements built once per process
    with count_queries() as q:
        admin_summary()
    assert q.count == 1
