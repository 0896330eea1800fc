"""Dasbor (C7): who sees which unit, the figures, the lists behind them, the rekap workbooks, the
public page, and a query count that does not grow with the data."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from kinerja.dasbor import queries, rekap
from kinerja.extensions import db
from kinerja.models import Dialog, HariLibur, Instansi, TindakLanjut
from kinerja.waktu import today_local, utcnow
from tests.support.evaluasi import buat_aktivitas, buat_skenario, buat_skp, isi_realisasi, nilai, tetapkan_capaian
from tests.support.factories import PASSWORD

# March 2026: 22 weekdays; Nyepi (19 March) is made a holiday below → 21 working days.
TAHUN, BULAN = 2026, 3
NYEPI = date(2026, 3, 19)


def _login(make_browser, who):
    b = make_browser()
    r = b.login(getattr(who, "nip", "admin"), PASSWORD)
    assert r.status_code == 302
    return b


def _admin():
    return type("Admin", (), {"nip": "admin"})


class _Sistem:
    is_authenticated = True
    is_admin = True
    pegawai_id = None


@pytest.fixture
def data(factory, org):
    """Logs of March 2026 in the seksi: staf1 logs 10 working days (one on the holiday, one on a
    Saturday, one only a draft), staf2 5 days; verification times 2 h, 4 h, 10 h by the kasi;
    one dialog of the kasi with an overdue follow-up; a backlog entry of staf2."""
    db.session.add(HariLibur(tanggal=NYEPI, nama="Hari Suci Nyepi", jenis="Libur Nasional"))
    skp1, skp2 = buat_skp(org.staf1, tahun=TAHUN), buat_skp(org.staf2, tahun=TAHUN)
    kerja = [date(2026, 3, d) for d in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13)]
    for d in kerja:
        buat_aktivitas(org.staf1, skp1.rhk[0], d, menit=300, status="Disetujui")
    buat_aktivitas(org.staf1, skp1.rhk[0], NYEPI, menit=60, status="Disetujui")  # holiday: not counted
    buat_aktivitas(org.staf1, skp1.rhk[0], date(2026, 3, 7), menit=60, status="Disetujui")  # Saturday
    buat_aktivitas(org.staf1, skp1.rhk[0], date(2026, 3, 16), menit=60, status="Draft")  # draft: not counted
    verif = []
    for i, d in enumerate((2, 3, 4, 5, 6)):
        a = buat_aktivitas(org.staf2, skp2.rhk[0], date(2026, 3, d), menit=240,
                           status="Diajukan" if i == 4 else "Disetujui")
        verif.append(a)
    for a, jam in zip(verif[:3], (2, 4, 10), strict=True):
        a.diajukan_at = datetime(2026, 3, 10, 1, 0, tzinfo=UTC)
        a.diverifikasi_at = a.diajukan_at + timedelta(hours=jam)
        a.diverifikasi_oleh_id = org.kasi.id
    menunggu = verif[4]
    menunggu.diajukan_at = utcnow() - timedelta(days=12)
    baru = buat_aktivitas(org.staf2, skp2.rhk[0], today_local(), menit=60, status="Diajukan")
    baru.diajukan_at = utcnow()
    dialog = Dialog(pimpinan_id=org.kasi.id, jenis="Rutin", judul="Dialog Maret",
                    waktu_mulai=datetime(2026, 3, 10, 2, 0, tzinfo=UTC))
    db.session.add(dialog)
    db.session.flush()
    db.session.add_all([
        TindakLanjut(dialog_id=dialog.id, uraian="Susun jadwal", penanggung_jawab_id=org.staf1.id,
                     batas_waktu=date(2026, 3, 20), status="Belum"),
        TindakLanjut(dialog_id=dialog.id, uraian="Rapikan arsip", penanggung_jawab_id=org.staf2.id,
                     batas_waktu=today_local() + timedelta(days=30), status="Proses"),
        TindakLanjut(dialog_id=dialog.id, uraian="Selesai", penanggung_jawab_id=org.staf2.id,
                     batas_waktu=date(2026, 3, 12), status="Selesai"),
    ])
    db.session.commit()
    return org


# ------------------------------------------------------------------ who sees what


def test_nav_link_for_pimpinan_and_admin_only(make_browser, org):
    for who, sees in ((org.kadis, True), (org.kabid, True), (org.kasi, True), (org.staf1, False), (_admin(), True)):
        page = _login(make_browser, who).get("/").get_data(as_text=True)
        assert ('href="/dasbor"' in page) is sees, who


@pytest.mark.parametrize("siapa,unit", [("kadis", "root"), ("kabid", "bidang"), ("kasi", "seksi"),
                                        ("kabid2", "bidang2")])
def test_dasbor_opens_the_unit_the_pimpinan_heads(make_browser, org, siapa, unit):
    r = _login(make_browser, getattr(org, siapa)).get("/dasbor")
    assert r.status_code == 302
    assert r.headers["Location"].endswith(f"/dasbor/unit/{getattr(org, unit).id}")


def test_atasan_heading_no_unit_sees_only_their_team(make_browser, factory, data):
    org = data
    magang = factory.pegawai("Pegawai Magang", atasan=org.staf1, unit=org.seksi)
    db.session.commit()
    b = _login(make_browser, org.staf1)
    assert 'href="/dasbor"' in b.get("/").get_data(as_text=True)
    r = b.get("/dasbor")
    assert r.headers["Location"].endswith(f"/dasbor/unit/{org.seksi.id}")
    page = b.get(f"/dasbor/unit/{org.seksi.id}?bulan=2026-03").get_data(as_text=True)
    assert "Dasbor Tim Saya" in page
    daftar = b.get(f"/dasbor/unit/{org.seksi.id}/daftar/kepatuhan?bulan=2026-03").get_data(as_text=True)
    assert "Staf Satu" in daftar and magang.nama in daftar
    assert "Staf Dua" not in daftar and "Kepala Seksi Uji" not in daftar
    rekap_ = _buka(b.get(f"/dasbor/unit/{org.seksi.id}/rekap/bulanan.xlsx?bulan=2026-03").data)
    assert {row["Nama"] for row in _baris(rekap_["Rekap"])} == {"Staf Satu", "Pegawai Magang"}
    for unit in (org.bidang, org.root, org.bidang2):
        assert b.get(f"/dasbor/unit/{unit.id}").status_code == 404
    c = queries.cakupan(factory.akun_of(org.staf1))
    d = queries.dasbor_bulan(c, org.seksi.id, TAHUN, BULAN, today_local())
    assert {a.pegawai.id for a in d.pegawai} == {org.staf1.id, magang.id}


def test_pegawai_without_unit_to_lead_gets_403(make_browser, org):
    b = _login(make_browser, org.staf1)
    assert b.get("/dasbor").status_code == 403
    assert b.get(f"/dasbor/unit/{org.seksi.id}").status_code == 403


def test_anonymous_is_sent_to_login(client, org):
    r = client.get(f"/dasbor/unit/{org.root.id}")
    assert r.status_code == 302 and "/login" in r.headers["Location"]


def _routes(unit_id):
    return [f"/dasbor/unit/{unit_id}", f"/dasbor/unit/{unit_id}/tren", f"/dasbor/unit/{unit_id}/periode",
            f"/dasbor/unit/{unit_id}/daftar/kepatuhan", f"/dasbor/unit/{unit_id}/daftar/atasan",
            f"/dasbor/unit/{unit_id}/daftar/skp?nilai=Draft", f"/dasbor/unit/{unit_id}/daftar/rhk",
            f"/dasbor/unit/{unit_id}/rekap/bulanan.xlsx", f"/dasbor/unit/{unit_id}/rekap/kepatuhan.xlsx"]


@pytest.mark.parametrize("siapa,boleh,tidak", [
    ("kadis", ["root", "bidang", "seksi", "bidang2"], []),
    ("kabid", ["bidang", "seksi"], ["root", "bidang2"]),
    ("kasi", ["seksi"], ["root", "bidang", "bidang2"]),
    ("kabid2", ["bidang2"], ["root", "bidang", "seksi"]),
    ("admin", ["root", "bidang", "seksi", "bidang2"], []),
])
def test_nobody_sees_a_unit_outside_their_subtree(make_browser, org, siapa, boleh, tidak):
    from tests.support.evaluasi import buat_periode

    buat_periode()
    db.session.commit()
    b = _login(make_browser, _admin() if siapa == "admin" else getattr(org, siapa))
    for unit in boleh:
        for url in _routes(getattr(org, unit).id):
            assert b.get(url).status_code == 200, url
    for unit in tidak:
        for url in _routes(getattr(org, unit).id):
            assert b.get(url).status_code == 404, url
    assert b.get("/dasbor/unit/999999").status_code == 404
    assert b.get(f"/dasbor/unit/{org.seksi.id}/daftar/tidak-ada").status_code in (403, 404)


def test_unknown_periode_is_404(make_browser, org):
    b = _login(make_browser, org.kadis)
    assert b.get(f"/dasbor/unit/{org.root.id}/periode?periode=999999").status_code == 404


# ------------------------------------------------------------------ the figures


def test_month_figures(data):
    org = data
    c = queries.cakupan(_Sistem())
    d = queries.dasbor_bulan(c, org.seksi.id, TAHUN, BULAN, today_local())
    per = {a.pegawai.id: a for a in d.pegawai}
    s1, s2 = per[org.staf1.id], per[org.staf2.id]
    assert s1.hari_kerja == 21  # 22 weekdays minus Nyepi
    assert s1.hari_tercatat == 10  # holiday, Saturday and draft not counted
    assert s1.menit_disetujui == 10 * 300 + 60 + 60  # every approved minute counts toward the target
    assert s2.hari_tercatat == 5 and s2.menit_disetujui == 4 * 240
    assert d.total.hari_tercatat == 15 and d.total.hari_kerja == 3 * 21  # kasi, staf1, staf2
    assert d.diverifikasi == 3
    assert d.median_jam == pytest.approx(4)
    assert d.p90_jam == pytest.approx(8.8)
    kasi = next(a for a in d.atasan if a.pegawai.id == org.kasi.id)
    assert kasi.diverifikasi == 3 and kasi.median_jam == pytest.approx(4)
    assert kasi.menunggu == 2 and kasi.tunggakan == 1
    assert kasi.dialog == 1 and kasi.tindak_lanjut_terbuka == 2 and kasi.tindak_lanjut_terlambat == 1
    assert d.dialog == 1 and d.tindak_lanjut_terlambat == 1


def test_who_has_not_logged_today(data):
    org = data
    c = queries.cakupan(_Sistem())
    hari_ini = today_local()
    d = queries.dasbor_bulan(c, org.seksi.id, hari_ini.year, hari_ini.month, hari_ini)
    belum = {a.pegawai.id for a in d.belum_hari_ini}
    if hari_ini.weekday() < 5:
        assert belum == {org.kasi.id, org.staf1.id}  # staf2 logged today
    else:
        assert belum == set()


def _absen(pegawai, jenis, mulai, selesai):
    from kinerja.models import Ketidakhadiran

    db.session.add(Ketidakhadiran(pegawai_id=pegawai.id, jenis=jenis, tanggal_mulai=mulai, tanggal_selesai=selesai,
                                  status="Disetujui", sumber="admin"))


def test_hari_ketidakhadiran_bukan_hari_kerja_yang_hilang(make_browser, data):
    """Issue #11 §3: cuti days are not owed; a DL day counts when logged and is not owed when not."""
    org = data
    _absen(org.staf1, "Cuti", date(2026, 3, 16), date(2026, 3, 17))
    _absen(org.staf1, "Dinas Luar", date(2026, 3, 18), date(2026, 3, 20))  # 19 March: Nyepi
    _absen(org.staf2, "Cuti", date(2026, 3, 4), date(2026, 3, 4))  # he logged that day anyway
    from kinerja.models import Rhk, Skp

    rhk = db.session.query(Rhk).join(Skp).filter(Skp.pegawai_id == org.staf1.id).first()
    buat_aktivitas(org.staf1, rhk, date(2026, 3, 18), menit=120, status="Diajukan")  # logged on DL: counts
    db.session.commit()
    c = queries.cakupan(_Sistem())
    d = queries.dasbor_bulan(c, org.seksi.id, TAHUN, BULAN, today_local())
    per = {a.pegawai.id: a for a in d.pegawai}
    s1, s2 = per[org.staf1.id], per[org.staf2.id]
    assert (s1.hari_kerja, s1.hari_tercatat) == (21 - 2 - 1, 11)
    assert (s2.hari_kerja, s2.hari_tercatat) == (20, 4)
    assert (d.total.hari_kerja, d.total.hari_tercatat) == (21 + 18 + 20, 15)
    t = queries.tren_bulanan(c, org.seksi.id, (TAHUN, BULAN), today_local(), jumlah=3)
    assert t.kepatuhan[-1] == d.total.kepatuhan
    page = _login(make_browser, org.kasi).get(f"/dasbor/unit/{org.seksi.id}?bulan=2026-03").get_data(as_text=True)
    assert "15 dari 59 hari kerja pegawai" in page


def test_yang_cuti_hari_ini_tidak_tercantum_belum_mengisi(data):
    org = data
    hari_ini = today_local()
    _absen(org.staf1, "Cuti", hari_ini, hari_ini)
    db.session.commit()
    d = queries.dasbor_bulan(queries.cakupan(_Sistem()), org.seksi.id, hari_ini.year, hari_ini.month, hari_ini)
    assert org.staf1.id not in {a.pegawai.id for a in d.belum_hari_ini}


def test_drill_down_sums_child_units(data):
    org = data
    c = queries.cakupan(_Sistem())
    d = queries.dasbor_bulan(c, org.root.id, TAHUN, BULAN, today_local())
    nama = {k.kelompok.nama: k for k in d.kelompok}
    assert nama["Bidang Uji"].jumlah_pegawai == 4  # kabid + kasi + staf1 + staf2
    assert nama["Bidang Uji"].hari_tercatat == 15
    assert nama["Bidang Lain"].jumlah_pegawai == 2
    assert nama["Dinas Uji"].kelompok.langsung and nama["Dinas Uji"].jumlah_pegawai == 1  # the kadis himself
    assert d.total.jumlah_pegawai == 7


def test_page_shows_figures_links_and_definitions(make_browser, data):
    org = data
    b = _login(make_browser, org.kabid)
    page = b.get(f"/dasbor/unit/{org.bidang.id}?bulan=2026-03").get_data(as_text=True)
    assert "Maret 2026" in page
    assert "<details" in page and "Definisi" in page
    assert "memiliki paling sedikit satu aktivitas" in page  # the definition's text itself
    assert f'href="/dasbor/unit/{org.seksi.id}?bulan=2026-03"' in page  # drill down
    assert f"/dasbor/unit/{org.bidang.id}/daftar/kepatuhan?bulan=2026-03" in page
    assert "15 dari 84 hari kerja pegawai" in page  # 4 pegawai × 21 days
    assert "4,0 jam" in page and "8,8 jam" in page
    assert "Unduh Rekap Capaian Bulanan" in page
    daftar = b.get(f"/dasbor/unit/{org.bidang.id}/daftar/atasan?bulan=2026-03").get_data(as_text=True)
    assert "Kepala Seksi Uji" in daftar
    assert "Staf Tiga" not in b.get(f"/dasbor/unit/{org.bidang.id}/daftar/kepatuhan?bulan=2026-03").get_data(as_text=True)


def test_trend_is_svg_with_text_alternative_and_table(make_browser, data):
    org = data
    b = _login(make_browser, org.kasi)
    full = b.get(f"/dasbor/unit/{org.seksi.id}/tren?bulan=2026-03")
    assert full.status_code == 200 and "<html" in full.get_data(as_text=True)
    frag = b.get(f"/dasbor/unit/{org.seksi.id}/tren?bulan=2026-03", htmx=True)
    html = frag.get_data(as_text=True)
    assert "<html" not in html and "HX-Request" in frag.headers.get("Vary", "")
    assert html.count("<svg") == 2 and "<title>" in html and 'role="img"' in html
    assert "Maret 2026: 24%" in html  # 15 of 63 pegawai-days, in the aria-label
    assert "September 2025" not in html and "Oktober 2025" in html  # six months by default
    twelve = b.get(f"/dasbor/unit/{org.seksi.id}/tren?bulan=2026-03&jumlah=12").get_data(as_text=True)
    assert "April 2025" in twelve and "Lihat tren 12 bulan" not in twelve
    assert "Tabel data" in html and "<script" not in html


def test_trend_figures_match_the_month_view(data):
    org = data
    c = queries.cakupan(_Sistem())
    t = queries.tren_bulanan(c, org.seksi.id, (TAHUN, BULAN), today_local(), jumlah=3)
    d = queries.dasbor_bulan(c, org.seksi.id, TAHUN, BULAN, today_local())
    assert t.bulan[-1] == (TAHUN, BULAN)
    assert t.kepatuhan[-1] == d.total.kepatuhan
    assert t.menit_per_pegawai[-1] == d.total.menit_disetujui // 3


def test_period_view_skp_evaluasi_and_kurva(make_browser, factory, org):
    sk = buat_skenario(factory, org)
    for name, (h, p) in {"staf1": ("Di Atas Ekspektasi", "Di Atas Ekspektasi"),
                         "staf2": ("Sesuai Ekspektasi", "Sesuai Ekspektasi")}.items():
        isi_realisasi(factory, sk.ev[name])
        nilai(factory, sk.ev[name], h, p)

    tetapkan_capaian(org, org.bidang, sk.periode.id, "Baik")
    c = queries.cakupan(_Sistem())
    d = queries.dasbor_periode(c, org.bidang.id, sk.periode)
    assert d.total.skp["Disetujui"] == 4  # kabid, kasi, staf1, staf2
    assert d.capaian == "Baik"
    assert d.kurva.total == 2 and d.kurva.jumlah("Sangat Baik") == 1 and d.kurva.jumlah("Baik") == 1
    assert d.kurva.penyimpangan  # "Baik" needs at least one Butuh Perbaikan or Kurang
    assert d.total.tahap["Dinilai"] == 2
    page = _login(make_browser, org.kabid).get(f"/dasbor/unit/{org.bidang.id}/periode?periode={sk.periode.id}")
    html = page.get_data(as_text=True)
    assert "1 dari 2 pegawai = 50%" in html and "Unduh Rekap Predikat" in html
    lst = _login(make_browser, org.kabid).get(
        f"/dasbor/unit/{org.bidang.id}/daftar/predikat?periode={sk.periode.id}&nilai=Sangat+Baik")
    assert "Staf Satu" in lst.get_data(as_text=True) and "Staf Dua" not in lst.get_data(as_text=True)


def test_rhk_not_intervened(factory, org):
    from kinerja.models import Rhk

    atas = buat_skp(org.kasi, tahun=TAHUN)
    bawah = buat_skp(org.staf1, tahun=TAHUN)
    bawah.rhk[0].rhk_atasan_id = atas.rhk[0].id
    db.session.commit()
    c = queries.cakupan(_Sistem())
    rows = queries.daftar_rhk_tanpa_intervensi(c, org.seksi.id, TAHUN)
    assert [r.id for r in rows] == [atas.rhk[1].id]  # the kasi's Tambahan RHK nobody picked up
    assert isinstance(db.session.get(Rhk, rows[0].id), Rhk)


# ------------------------------------------------------------------ query budget


def _tambah_data(factory, org, n):
    unit = factory.unit(f"Seksi Tambahan {n}", induk=org.bidang)
    kepala = factory.pegawai(f"Kepala Seksi Tambahan {n}", atasan=org.kabid, unit=unit, pimpinan=True)
    for i in range(n):
        staf = factory.pegawai(f"Staf Tambahan {n}.{i}", atasan=kepala, unit=unit)
        skp = buat_skp(staf, tahun=TAHUN)
        for d in (2, 3, 4):
            a = buat_aktivitas(staf, skp.rhk[0], date(2026, 3, d), status="Disetujui")
            a.diajukan_at = datetime(2026, 3, d, 3, tzinfo=UTC)
            a.diverifikasi_at = datetime(2026, 3, d, 9, tzinfo=UTC)
            a.diverifikasi_oleh_id = kepala.id
    db.session.commit()


@pytest.mark.parametrize("url", ["/dasbor/unit/{root}?bulan=2026-03", "/dasbor/unit/{root}/tren?bulan=2026-03",
                                 "/dasbor/unit/{root}/periode"])
def test_query_count_does_not_grow_with_pegawai(make_browser, factory, data, count_queries, url):
    from tests.support.evaluasi import buat_periode

    org = data
    buat_periode(TAHUN)
    db.session.commit()
    url = url.format(root=org.root.id)

    def hitung():
        b = _login(make_browser, org.kadis)
        b.get(url)
        with count_queries() as q:
            assert b.get(url).status_code == 200
        return q.count

    sedikit = hitung()
    _tambah_data(factory, org, 3)
    _tambah_data(factory, org, 12)
    banyak = hitung()
    assert sedikit == banyak
    # The period page is at the limit: 13 + 3 for Sosialisasi dan Pengembangan (attendance, mandatory
    # announcements read, JP: one grouped query each).
    assert banyak <= 16


# ------------------------------------------------------------------ rekap workbooks


def _buka(content: bytes):
    return load_workbook(io.BytesIO(content))


def _baris(ws, mulai=7):
    kepala = [c.value for c in ws[6]]
    return [dict(zip(kepala, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=mulai)]


def test_rekap_bulanan_equals_dasbor(make_browser, data):
    org = data
    b = _login(make_browser, org.kabid)
    r = b.get(f"/dasbor/unit/{org.bidang.id}/rekap/bulanan.xlsx?bulan=2026-03")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in r.headers["Content-Disposition"]
    wb = _buka(r.data)
    ws = wb["Rekap"]
    assert ws["A1"].value == "REKAP CAPAIAN BULANAN"
    assert ws["C3"].value == "Bidang Uji" and ws["C4"].value == "Maret 2026"
    assert isinstance(ws["C5"].value, datetime) and "mmmm" in ws["C5"].number_format
    assert ws.freeze_panes == "C7" and ws.auto_filter.ref.startswith("A6:")
    assert ws.print_title_rows == "$6:$6" and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    d = queries.dasbor_bulan(queries.cakupan(_Sistem()), org.bidang.id, TAHUN, BULAN, today_local())
    rows = {row["Nama"]: row for row in _baris(ws)}
    assert set(rows) == {a.pegawai.nama for a in d.pegawai}
    for a in d.pegawai:
        row = rows[a.pegawai.nama]
        assert row["Hari Kerja"] == a.hari_kerja
        assert row["Hari Tercatat"] == a.hari_tercatat
        assert row["Menit Disetujui"] == a.menit_disetujui
        assert row["Target Menit"] == a.target_menit
    assert rows["Staf Satu"]["Hari Tercatat"] == 10 and rows["Staf Satu"]["Menit Disetujui"] == 3120
    per_unit = {row["Unit Kerja"]: row for row in _baris(wb["Per Unit"])}
    assert per_unit["Jumlah Bidang Uji"]["Hari Tercatat"] == d.total.hari_tercatat == 15
    assert "Seksi Uji" in wb.sheetnames


def test_rekap_kepatuhan_equals_dasbor(make_browser, data):
    org = data
    r = _login(make_browser, org.kasi).get(f"/dasbor/unit/{org.seksi.id}/rekap/kepatuhan.xlsx?bulan=2026-03")
    wb = _buka(r.data)
    rows = {row["Nama"]: row for row in _baris(wb["Rekap"])}
    assert rows["Staf Satu"]["Kepatuhan (%)"] == pytest.approx(10 / 21)
    assert wb["Rekap"]["H7"].number_format == "0.0%"
    atasan = {row["Nama Atasan"]: row for row in _baris(wb["Per Atasan"])}
    kasi = atasan["Kepala Seksi Uji"]
    assert kasi["Aktivitas Diverifikasi"] == 3 and kasi["Median (jam)"] == pytest.approx(4)
    assert kasi["P90 (jam)"] == pytest.approx(8.8) and kasi["Tunggakan"] == 1


def test_rekap_predikat_equals_dasbor(make_browser, factory, org):
    sk = buat_skenario(factory, org)
    isi_realisasi(factory, sk.ev["staf1"])
    nilai(factory, sk.ev["staf1"], "Di Atas Ekspektasi", "Di Atas Ekspektasi")
    r = _login(make_browser, org.kadis).get(f"/dasbor/unit/{org.root.id}/rekap/predikat.xlsx?periode={sk.periode.id}")
    wb = _buka(r.data)
    rows = {row["Nama"]: row for row in _baris(wb["Rekap"])}
    d = queries.dasbor_periode(queries.cakupan(_Sistem()), org.root.id, sk.periode)
    assert len(rows) == len(d.evaluasi) == 6
    assert rows["Staf Satu"]["Predikat Kinerja"] == "Sangat Baik"
    assert rows["Staf Satu"]["Rating Hasil Kerja"] == "Di Atas Ekspektasi"
    assert rows["Staf Dua"]["Predikat Kinerja"] == "–"
    dist = {row["Predikat Kinerja"]: row for row in _baris(wb["Distribusi"])}
    assert dist["Sangat Baik"]["Jumlah Pegawai"] == d.kurva.jumlah("Sangat Baik") == 1


def test_rekap_writes_user_text_as_strings_and_unique_sheet_names(factory, org):
    nakal = factory.unit("=HYPERLINK(\"http://x\",\"klik\") Seksi Panjang Sekali Nama Unitnya A", induk=org.bidang)
    factory.unit("=HYPERLINK(\"http://x\",\"klik\") Seksi Panjang Sekali Nama Unitnya B", induk=org.bidang)
    p = factory.pegawai("=1+2", unit=nakal, atasan=org.kabid)
    factory.pegawai("@SUM(A1)", unit=nakal, atasan=p)
    db.session.commit()
    c = queries.cakupan(_Sistem())
    wb = _buka(rekap.rekap_bulanan(c, org.bidang.id, TAHUN, BULAN, today_local()))
    names = [ws.title for ws in wb.worksheets]
    assert len(names) == len({n.lower() for n in names}) and all(len(n) <= 31 for n in names)
    ws = wb["Rekap"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=@"]
    assert {c.value for c in cells} >= {"=1+2", "@SUM(A1)"}
    assert all(c.data_type == "s" for c in cells)


def test_rekap_of_unknown_type_is_404(make_browser, org):
    assert _login(make_browser, org.kadis).get(f"/dasbor/unit/{org.root.id}/rekap/gaji.xlsx").status_code == 404


def test_cli_rekap(runner, data, tmp_path):
    org = data
    out = tmp_path / "bulanan.xlsx"
    result = runner.invoke(args=["rekap", "bulanan", "--unit", str(org.seksi.id), "--bulan", "2026-03",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = {row["Nama"]: row for row in _baris(_buka(out.read_bytes())["Rekap"])}
    assert rows["Staf Satu"]["Hari Tercatat"] == 10
    out2 = tmp_path / "kepatuhan.xlsx"
    assert runner.invoke(args=["rekap", "kepatuhan", "--unit", "Seksi Uji", "--bulan", "2026-03",
                               "--out", str(out2)]).exit_code == 0
    bad = runner.invoke(args=["rekap", "bulanan", "--unit", "Tidak Ada", "--out", str(tmp_path / "x.xlsx")])
    assert bad.exit_code != 0 and "Unit kerja tidak ditemukan" in bad.output


def test_cli_rekap_predikat(runner, factory, org, tmp_path):
    sk = buat_skenario(factory, org)
    out = tmp_path / "predikat.xlsx"
    result = runner.invoke(args=["rekap", "predikat", "--periode", f"{sk.periode.tahun}-S1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(_baris(_buka(out.read_bytes())["Rekap"])) == 6


# ------------------------------------------------------------------ public page


def test_public_page_off_by_default_and_switched_on_by_admin(make_browser, client, data):
    org = data
    assert client.get("/kinerja-organisasi").status_code == 404
    admin = _login(make_browser, _admin())
    assert admin.post("/dasbor/halaman-publik", {"aktif": "y"}, csrf=False).status_code == 400
    r = admin.post("/dasbor/halaman-publik", {"aktif": "y"})
    assert r.status_code == 302
    assert db.session.query(Instansi).one().halaman_publik is True
    page = client.get("/kinerja-organisasi")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Kinerja Organisasi" in html
    for nama in ("Staf Satu", "Kepala Seksi Uji", org.staf1.nip):
        assert nama not in html
    assert admin.post("/dasbor/halaman-publik", {}).status_code == 302
    assert client.get("/kinerja-organisasi").status_code == 404


def test_public_switch_is_admin_only(make_browser, org):
    assert _login(make_browser, org.kadis).post("/dasbor/halaman-publik", {"aktif": "y"}).status_code == 403


def test_public_switch_is_audited(make_browser, org):
    from kinerja.models import AuditEvent

    _login(make_browser, _admin()).post("/dasbor/halaman-publik", {"aktif": "y"})
    assert db.session.query(AuditEvent).filter_by(aksi="instansi.halaman_publik").count() == 1


# ------------------------------------------------------------------ the README logins on the demo data


def test_readme_logins_see_their_own_subtree(runner, make_browser):
    from sqlalchemy import select

    from kinerja.models import Pegawai, UnitKerja

    assert runner.invoke(args=["demo-data"]).exit_code == 0

    def unit_of(nip):
        return db.session.execute(select(Pegawai.unit_id).where(Pegawai.nip == nip)).scalar_one()

    def masuk(nip):
        b = make_browser()
        assert b.login(nip, "kinerja-demo-2026").status_code == 302
        return b

    root = db.session.execute(select(UnitKerja.id).where(UnitKerja.induk_id.is_(None))).scalar_one()
    kadis, kabid, kasi = "197203151998031004", "198002142005012004", "198505172010012015"
    assert unit_of(kadis) == root
    bidang, seksi = unit_of(kabid), unit_of(kasi)
    assert db.session.get(UnitKerja, seksi).induk_id == bidang
    lain = db.session.execute(select(UnitKerja.id).where(UnitKerja.induk_id == root, UnitKerja.id != bidang)).scalars().first()
    for nip, unit, terlarang in ((kadis, root, []), (kabid, bidang, [root, lain]), (kasi, seksi, [root, bidang, lain])):
        b = masuk(nip)
        r = b.get("/dasbor")
        assert r.headers["Location"].endswith(f"/dasbor/unit/{unit}"), nip
        assert b.get(f"/dasbor/unit/{unit}").status_code == 200
        for u in terlarang:
            assert b.get(f"/dasbor/unit/{u}").status_code == 404
    pegawai = masuk("199203112019031007")
    assert 'href="/dasbor"' not in pegawai.get("/").get_data(as_text=True)
    assert pegawai.get("/dasbor").status_code == 403
    admin = masuk("admin")
    for u in (root, bidang, seksi, lain):
        assert admin.get(f"/dasbor/unit/{u}").status_code == 200


# ------------------------------------------------------------------ sosialisasi and pengembangan (issue #14)


def _skenario_pengembangan(factory, org):
    """Bidang Uji: a started session this year (kabid and staf1 attend, staf2 does not; staf3 of another
    bidang attends), a future session and one of last year (not counted); a mandatory announcement read by
    staf1 and the kasi, not by staf2, plus a non-mandatory one (not counted); JP finished this year:
    staf1 15 + 8 (and 10 only planned), staf2 13 (and 30 last year), kasi 20, kabid none."""
    from kinerja.models import (
        KegiatanPengembangan,
        PenerimaPengumuman,
        Pengumuman,
        PesertaSosialisasi,
        RencanaPengembangan,
        SesiSosialisasi,
    )

    sk = buat_skenario(factory, org)
    tahun = sk.periode.tahun
    admin = org.admin
    sekarang = utcnow()

    def sesi(waktu, hadir: dict):
        s = SesiSosialisasi(jenis="Sosialisasi", judul="Sosialisasi e-Kinerja", waktu_mulai=waktu,
                            penyelenggara_id=admin.id)
        s.peserta = [PesertaSosialisasi(pegawai_id=p.id, unit_id=p.unit_id, hadir=h) for p, h in hadir.items()]
        db.session.add(s)

    sesi(sekarang - timedelta(minutes=5), {org.kabid: True, org.staf1: True, org.staf2: False, org.staf3: True})
    sesi(sekarang + timedelta(days=3), {org.staf1: False})
    sesi(datetime(tahun - 1, 6, 1, 2, tzinfo=UTC), {org.staf2: True})

    def umumkan(wajib, dibaca: dict):
        p = Pengumuman(judul="Pengumuman", wajib=wajib, status="Terbit", penulis_id=admin.id,
                       diterbitkan_at=sekarang)
        db.session.add(p)
        db.session.flush()
        db.session.add_all([PenerimaPengumuman(pengumuman_id=p.id, pegawai_id=peg.id,
                                               dibaca_at=sekarang if d else None) for peg, d in dibaca.items()])

    umumkan(True, {org.staf1: True, org.kasi: True, org.staf2: False})
    umumkan(False, {org.staf2: True})

    def rencana(nama, kegiatan):
        peg = getattr(org, nama)
        r = RencanaPengembangan(evaluasi_id=sk.ev[nama].id, pegawai_id=peg.id, kode=f"RP-{nama}")
        r.kegiatan = [KegiatanPengembangan(pegawai_id=peg.id, kesenjangan="Analisis data", jenis="Pelatihan", jp=jp,
                                           target_tanggal=date(th, 12, 31), status=status,
                                           tanggal_selesai=date(th, 3, 1) if status == "Selesai" else None)
                      for jp, status, th in kegiatan]
        db.session.add(r)

    rencana("staf1", [(15, "Selesai", tahun), (8, "Selesai", tahun), (10, "Direncanakan", tahun)])
    rencana("staf2", [(13, "Selesai", tahun), (30, "Selesai", tahun - 1)])
    rencana("kasi", [(20, "Selesai", tahun)])
    db.session.commit()
    return sk


def test_sosialisasi_and_pengembangan_figures(factory, org):
    from kinerja.pengembangan.queries import jp_per_pegawai
    from kinerja.pengumuman.queries import keterbacaan_wajib
    from kinerja.sosialisasi.queries import tingkat_kehadiran

    sk = _skenario_pengembangan(factory, org)
    tahun = sk.periode.tahun
    c = queries.cakupan(_Sistem())
    d = queries.dasbor_periode(c, org.bidang.id, sk.periode)
    pg = queries.dasbor_pengembangan(c, org.bidang.id, tahun, d.pegawai)
    ids = list(d.pegawai)
    assert set(ids) == {org.kabid.id, org.kasi.id, org.staf1.id, org.staf2.id}
    # The totals are what the feature's own queries say for the same pegawai.
    assert (pg.total.hadir, pg.total.diundang) == tingkat_kehadiran(ids, tahun) == (2, 3)
    assert (pg.total.dibaca, pg.total.wajib) == keterbacaan_wajib(ids) == (2, 3)
    jp = jp_per_pegawai(tahun, ids)
    assert jp == {org.staf1.id: 23, org.staf2.id: 13, org.kasi.id: 20}
    assert pg.total.jp == sum(jp.values()) == 56 and pg.total.jumlah_pegawai == 4
    assert pg.total.mencapai_jp == 2  # staf1 (23) and the kasi (20)
    assert pg.total.rata_jp == 14 and pg.target_jp == 20
    assert pg.pegawai[org.kabid.id].jp == 0 and pg.pegawai[org.staf1.id].hadir == 1
    per = {k.nama: a for k, a in pg.kelompok}
    assert set(per) == {"Seksi Uji", "Bidang Uji"}
    seksi, sendiri = per["Seksi Uji"], per["Bidang Uji"]
    assert (seksi.hadir, seksi.diundang, seksi.dibaca, seksi.wajib) == (1, 2, 2, 3)
    assert (seksi.jumlah_pegawai, seksi.mencapai_jp, seksi.jp) == (3, 2, 56)
    assert (sendiri.hadir, sendiri.diundang, sendiri.jp, sendiri.jumlah_pegawai) == (1, 1, 0, 1)
    # The other bidang: only staf3's attendance.
    lain = queries.dasbor_pengembangan(c, org.bidang2.id, tahun,
                                       queries.dasbor_periode(c, org.bidang2.id, sk.periode).pegawai)
    assert (lain.total.hadir, lain.total.diundang, lain.total.wajib, lain.total.jp) == (1, 1, 0, 0)


def test_sosialisasi_and_pengembangan_on_the_period_page(make_browser, factory, org):
    sk = _skenario_pengembangan(factory, org)
    b = _login(make_browser, org.kabid)
    html = b.get(f"/dasbor/unit/{org.bidang.id}/periode?periode={sk.periode.id}").get_data(as_text=True)
    assert "Sosialisasi dan Pengembangan" in html
    assert "hadir 2 dari 3 undangan" in html and "dibaca 2 dari 3 tanda terima" in html
    assert "dari 4 pegawai mencapai 20 JP" in html and "rata-rata 14,0 JP per pegawai" in html
    for kunci in ("kehadiran-sosialisasi", "keterbacaan-wajib", "jp"):
        assert f'id="def-{kunci}"' in html
    assert "dihadiri pegawai aktif" in html and "20 JP yang diharapkan" in html  # the definitions' text
    assert f'href="/dasbor/unit/{org.seksi.id}/periode?periode={sk.periode.id}#sosialisasi-pengembangan"' in html
    assert 'id="tabel-pegawai-pengembangan"' in html and "Kurang 20 JP" in html  # the kabid, directly in the unit
    assert "Staf Tiga" not in html
    seksi = b.get(f"/dasbor/unit/{org.seksi.id}/periode?periode={sk.periode.id}").get_data(as_text=True)
    assert "hadir 1 dari 2 undangan" in seksi and "rata-rata 18,7 JP per pegawai" in seksi  # 56 / 3
    kasi = _login(make_browser, org.kasi)
    for unit in (org.bidang, org.root, org.bidang2):
        assert kasi.get(f"/dasbor/unit/{unit.id}/periode?periode={sk.periode.id}").status_code == 404
    assert "hadir 1 dari 2 undangan" in kasi.get(
        f"/dasbor/unit/{org.seksi.id}/periode?periode={sk.periode.id}").get_data(as_text=True)
