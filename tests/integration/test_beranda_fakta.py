"""The Beranda answers some panels from facts computed inside queries it makes anyway (kinerja.kait
add_fakta_akun / add_fakta_bawahan): the answers must be the same as the panels' own queries give."""

from datetime import timedelta

import pytest

from kinerja.extensions import db
from kinerja.kalender import rules as kalender_rules
from kinerja.models import Ketidakhadiran, PenugasanPlt
from kinerja.waktu import today_local
from tests.support.factories import PASSWORD


def _beranda(make_browser, who):
    browser = make_browser()
    browser.login(who.nip, PASSWORD)
    response = browser.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_absent_subordinate_is_not_listed_as_not_logged(make_browser, org):
    hari_ini = today_local()
    if not kalender_rules.working_days_between(hari_ini, hari_ini, 5, frozenset()):
        pytest.skip("hari ini bukan hari kerja: panel tidak menampilkan daftar belum mengisi")
    db.session.add(Ketidakhadiran(pegawai_id=org.staf2.id, jenis="Cuti", tanggal_mulai=hari_ini,
                                  tanggal_selesai=hari_ini, status="Disetujui", sumber="admin"))
    db.session.commit()
    html = _beranda(make_browser, org.kasi)
    panel = html[html.index("Belum mengisi hari ini"):]
    panel = panel[:panel.index("Buka Verifikasi")]
    assert "Staf Satu" in panel
    assert "Staf Dua" not in panel


def test_absence_requests_waiting_are_counted_for_the_atasan(make_browser, org):
    hari_ini = today_local()
    for pegawai, hari in ((org.staf1, 10), (org.staf2, 20)):
        db.session.add(Ketidakhadiran(pegawai_id=pegawai.id, jenis="Cuti", tanggal_mulai=hari_ini + timedelta(days=hari),
                                      tanggal_selesai=hari_ini + timedelta(days=hari), status="Diajukan",
                                      sumber="pegawai"))
    db.session.commit()
    assert "Pengajuan Ketidakhadiran" in _beranda(make_browser, org.kasi)
    assert "Pengajuan Ketidakhadiran" not in _beranda(make_browser, org.staf1)


def test_a_plt_running_today_makes_the_acting_official_a_verifier(make_browser, org):
    """Staf Tiga (no subordinates, no delegation) acts as Plt Kepala Seksi Uji today: Verifikasi appears."""
    assert 'href="/verifikasi/"' not in _beranda(make_browser, org.staf3)
    hari_ini = today_local()
    db.session.add(PenugasanPlt(jenis="Plt", pejabat_id=org.staf3.id, unit_id=org.seksi.id,
                                tanggal_mulai=hari_ini - timedelta(days=1), tanggal_selesai=hari_ini + timedelta(days=5)))
    db.session.commit()
    assert 'href="/verifikasi/"' in _beranda(make_browser, org.staf3)
