"""Issue #10 §4: Ekspektasi Khusus Pimpinan "dapat diberikan" — optional when approving an SKP;
every error of the approval form shown at once, with a summary banner at the top of the page."""

from __future__ import annotations

from kinerja.extensions import db
from kinerja.models import Skp
from tests.support.evaluasi import buat_skp
from tests.support.factories import PASSWORD


def _diajukan(org) -> Skp:
    skp = buat_skp(org.staf1, approved=False)
    skp.status = "Diajukan"
    db.session.commit()
    return skp


def _login(make_browser, who):
    b = make_browser()
    assert b.login(who.nip, PASSWORD).status_code == 302
    return b


def test_approving_without_any_ekspektasi_is_allowed(make_browser, org):
    """Found: all seven were required."""
    skp = _diajukan(org)
    kasi = _login(make_browser, org.kasi)
    r = kasi.post(f"/skp/{skp.id}/setujui", {f"ekspektasi_{n}": "" for n in range(1, 8)})
    assert r.status_code == 302
    db.session.expire_all()
    skp = db.session.get(Skp, skp.id)
    assert skp.status == "Disetujui" and skp.versi == 1
    assert all(not p.ekspektasi for p in skp.perilaku)


def test_some_ekspektasi_given_are_kept(make_browser, org):
    skp = _diajukan(org)
    kasi = _login(make_browser, org.kasi)
    assert kasi.post(f"/skp/{skp.id}/setujui", {"ekspektasi_2": "Tepat waktu melapor."}).status_code == 302
    db.session.expire_all()
    assert {p.nomor: p.ekspektasi for p in db.session.get(Skp, skp.id).perilaku}[2] == "Tepat waktu melapor."


def test_all_errors_at_once_with_a_banner_at_the_top(make_browser, org):
    """Found: one field error per attempt, at the bottom of a long page, no banner."""
    skp = _diajukan(org)
    kasi = _login(make_browser, org.kasi)
    r = kasi.post(f"/skp/{skp.id}/setujui", {"ekspektasi_1": "x" * 2001, "ekspektasi_7": "y" * 2001})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    banner = html.index('id="ringkasan-galat-persetujuan"')
    assert banner < html.index('id="judul-persetujuan"') and banner < html.index("<h2")
    ringkasan = html[banner:html.index("</div>", banner)]
    assert "2 isian" in ringkasan and 'href="#ekspektasi_1"' in ringkasan and 'href="#ekspektasi_7"' in ringkasan
    assert html.count("Maksimal 2.000 karakter.") >= 2
    db.session.expire_all()
    assert db.session.get(Skp, skp.id).status == "Diajukan"
