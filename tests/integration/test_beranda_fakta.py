"""The Beranda answers some panels from facts computed inside queries it makes anyway (kinerja.kait
add_fakta_akun / add_fakta_bawahan): the answers must be the same as the panels' own queries give."""

import re
from datetime import timedelta

import pytest

from kinerja.extensions import db
from kinerja.kalender import rules as kalender_rules
from kinerja.models import Ketidakhadiran
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


def test_a_plt_running_today_makes_the_acting_official_a_verifier(make_browser, org, factory):
    """Staf Tiga (no subordinates, no delegation) acts as Plt Kepala Seksi Uji today: Verifikasi appears."""
    assert 'href="/verifikasi/"' not in _beranda(make_browser, org.staf3)
    factory.plt_berjalan(org.staf3, org.seksi)
    assert 'href="/verifikasi/"' in _beranda(make_browser, org.staf3)


def test_a_plt_elsewhere_does_not_make_a_staff_beranda_ask_for_subordinates(make_browser, org, factory, count_queries):
    """#17: with a Plt running somewhere in the installation, a staff member with no subordinates on record
    and no penugasan of his own has no team: his Beranda does not query for one.  The acting official still
    gets the team he acts for."""
    factory.plt_berjalan(org.staf3, org.seksi)
    browser = make_browser()
    browser.login(org.staf1.nip, PASSWORD)
    browser.get("/")
    with count_queries() as q:
        html = browser.get("/").get_data(as_text=True)
    # a query of the pegawai below him (not a panel's EXISTS column inside a query it makes anyway)
    tim = [s for s in q.statements if s.startswith("SELECT pegawai.") and re.search(r"pegawai\.atasan_id = (\?|%\()", s)]
    assert tim == [], "\n\n".join(tim)
    assert "Bawahan Langsung" not in html
    plt = _beranda(make_browser, org.staf3)
    assert "Staf Satu" in plt and "Staf Dua" in plt
