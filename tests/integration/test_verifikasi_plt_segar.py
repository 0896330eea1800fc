"""While a Plt/Plh runs anywhere, the verifiable pegawai are a list of ids worked out per request: the
inbox must never reuse the list of an earlier request (found: a pegawai added under the atasan after his
first visit never appeared in his inbox until the server restarted)."""

from datetime import timedelta

from kinerja.extensions import db
from kinerja.models import PenugasanPlt
from kinerja.waktu import today_local
from tests.support.evaluasi import buat_aktivitas, buat_skp
from tests.support.factories import PASSWORD


def test_inbox_shows_a_subordinate_added_after_the_first_visit_while_a_plt_runs(make_browser, org, factory):
    hari_ini = today_local()
    db.session.add(PenugasanPlt(jenis="Plt", pejabat_id=org.staf3.id, unit_id=org.bidang2.id,
                                tanggal_mulai=hari_ini - timedelta(days=1), tanggal_selesai=hari_ini + timedelta(days=5)))
    db.session.commit()
    browser = make_browser()
    browser.login(org.kasi.nip, PASSWORD)
    assert browser.get("/verifikasi/").status_code == 200  # the first visit (a statement cache would fill here)
    baru = factory.pegawai("Staf Baru Sekali", atasan=org.kasi, unit=org.seksi)
    skp = buat_skp(baru)
    buat_aktivitas(baru, skp.rhk[0], hari_ini - timedelta(days=1), status="Diajukan", uraian="Kerja pegawai baru")
    db.session.commit()
    html = browser.get("/verifikasi/").get_data(as_text=True)
    assert "Staf Baru Sekali" in html
    assert "Kerja pegawai baru" in html
