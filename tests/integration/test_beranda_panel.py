"""What the Beranda's feature panels show (#17 made them read plain rows; the text stays the same)."""

from datetime import timedelta

from kinerja.extensions import db
from kinerja.waktu import today_local
from tests.support.evaluasi import buat_aktivitas, buat_skenario, buat_skp, isi_realisasi
from tests.support.factories import PASSWORD


def _beranda(make_browser, who) -> str:
    browser = make_browser()
    browser.login(who.nip, PASSWORD)
    response = browser.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _panel(html: str, judul: str) -> str:
    awal = html.index(judul)
    return html[awal:html.index("</section>", awal)]


def test_evaluasi_panel_lists_what_waits_with_names_and_period(make_browser, factory, org):
    s = buat_skenario(factory, org)
    ev = s.ev["staf1"]
    periode = f"{s.periode.nama} {s.periode.tanggal_mulai.year}"
    panel = _panel(_beranda(make_browser, org.staf1), "Evaluasi Kinerja: Menunggu Anda")
    assert f'href="/evaluasi/{ev.id}">Isi realisasi {periode}</a>' in panel

    isi_realisasi(factory, ev)
    panel = _panel(_beranda(make_browser, org.kasi), "Evaluasi Kinerja: Menunggu Anda")
    assert f'href="/evaluasi/{ev.id}">Nilai {org.staf1.nama} ({s.periode.nama})</a>' in panel


def test_skp_panel_shows_my_skp_and_what_waits_for_approval(make_browser, factory, org):
    skp = buat_skp(org.staf1, approved=False)
    skp.status = "Diajukan"
    db.session.commit()
    panel = _panel(_beranda(make_browser, org.staf1), "judul-panel-skp")
    assert "Status SKP Anda:" in panel and "Diajukan" in panel
    assert f'/skp/{skp.id}"' in panel
    panel = _panel(_beranda(make_browser, org.kasi), "judul-panel-skp")
    assert "Anda belum membuat SKP tahun" in panel
    assert "<strong>1</strong> SKP bawahan menunggu persetujuan Anda." in panel
    assert f"tahun={skp.tahun}" in panel


def test_aktivitas_panel_sums_today_and_the_month_and_lists_returned_entries(make_browser, org):
    today = today_local()
    rhk = buat_skp(org.staf1).rhk[0]
    buat_aktivitas(org.staf1, rhk, today, menit=60, status="Disetujui", uraian="Rapat pagi")
    buat_aktivitas(org.staf1, rhk, today, menit=30, status="Diajukan", uraian="Menyusun laporan")
    buat_aktivitas(org.staf1, rhk, today - timedelta(days=40), menit=45, status="Dikembalikan", uraian="Entri lama")
    html = _beranda(make_browser, org.staf1)
    panel = _panel(html, "judul-panel-aktivitas")
    assert "Hari ini: <strong>1 j 30 m</strong> (90 menit) dari 2 aktivitas." in panel
    assert "Bulan ini disetujui 60 dari target" in panel
    assert "Menunggu verifikasi: 30 menit" in panel
    panel = _panel(html, "Perlu diperbaiki")
    assert "Entri lama" in panel


def test_subordinates_table_shows_name_nip_and_jabatan(make_browser, org):
    from kinerja.nip import format_nip

    html = _beranda(make_browser, org.kasi)
    tabel = _panel(html, "judul-bawahan")
    for staf in (org.staf1, org.staf2):
        assert (f"<tr><td>{staf.nama}</td><td class=\"text-nowrap\">{format_nip(staf.nip)}</td>"
                f"<td>{staf.nama_jabatan}</td></tr>") in tabel


def test_verifikasi_panel_without_the_beranda_lists_who_has_not_logged(app, org):
    from flask_login import login_user

    from kinerja.kalender import rules as kalender_rules
    from kinerja.verifikasi.queries import panel

    if not kalender_rules.working_days_between(today_local(), today_local(), 5, frozenset()):
        return  # not a working day: the list is not shown
    akun = _akun(org.kasi)
    with app.test_request_context("/"):  # the panel alone: its own query for who has not logged today
        login_user(akun)
        data = panel(akun)
    assert [p.nama for p in data.belum_mengisi] == sorted([org.staf1.nama, org.staf2.nama])


def _akun(pegawai):
    from kinerja.models import Akun

    return db.session.query(Akun).filter_by(pegawai_id=pegawai.id).one()
