"""What the Beranda's feature panels show (#17 made them read plain rows; the text stays the same)."""

from kinerja.extensions import db
from tests.support.evaluasi import buat_skenario, buat_skp, isi_realisasi
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
