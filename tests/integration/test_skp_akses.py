"""Who may see and change an SKP: owner, atasan chain, admin; everyone else 404 (view) / 403 (action)."""

from __future__ import annotations

import pytest

from kinerja.akun.services import hash_password
from kinerja.extensions import db
from kinerja.models import Akun, Rhk
from tests.support.factories import PASSWORD
from tests.support.skp_factories import buat_skp, setujui

# (who, may view)
PENONTON = [
    ("staf1", True),    # owner
    ("kasi", True),     # own atasan (the penilai)
    ("kabid", True),    # higher atasan
    ("kadis", True),    # top of the chain
    ("staf2", False),   # colleague with the same atasan
    ("staf3", False),   # unrelated pegawai
    ("kabid2", False),  # unrelated atasan
    ("admin", True),
]


@pytest.fixture
def target(skp_org):
    skp = buat_skp(skp_org.staf1, rhk=[("Utama", "RHK rahasia staf satu", ["IKI rahasia"], skp_org.skp_kasi.rhk[0])])
    setujui(skp)
    skp.status, skp.dalam_revisi = "Draft", True  # in revision: editable by the owner, and version 1 exists
    db.session.flush()
    skp_org.target = skp
    return skp_org


def _login(make_browser, org, who):
    b = make_browser()
    b.login("admin" if who == "admin" else getattr(org, who).nip, PASSWORD)
    return b


@pytest.mark.parametrize("who, may_view", PENONTON)
def test_view_pages_fragments_pdf_and_versions(make_browser, target, who, may_view):
    b = _login(make_browser, target, who)
    skp, rhk = target.target, target.target.rhk[0]
    expected = 200 if may_view else 404
    assert b.get(f"/skp/{skp.id}").status_code == expected
    assert b.get(f"/skp/{skp.id}", htmx=True).status_code == expected
    assert b.get(f"/skp/{skp.id}/cetak").status_code == expected
    assert b.get(f"/skp/{skp.id}/versi/1").status_code == expected
    if who == "staf1":
        assert b.get(f"/skp/{skp.id}?ubah_rhk={rhk.id}", htmx=True).status_code == 200
    body = b.get(f"/skp/{skp.id}").get_data(as_text=True)
    assert ("RHK rahasia staf satu" in body) is may_view


@pytest.mark.parametrize("who, may_view", [p for p in PENONTON if p[0] != "staf1"])
def test_only_the_owner_changes_content(make_browser, target, who, may_view):
    """403 for those who may see the SKP; 404 (as for a missing id) for everyone else (issue #9 §2)."""
    b = _login(make_browser, target, who)
    skp, rhk = target.target, target.target.rhk[0]
    iki = rhk.iki[0]
    rhk_data = {f"rhk-{rhk.id}-jenis": "Utama", f"rhk-{rhk.id}-uraian": "Dibajak"}
    attempts = [
        (f"/skp/{skp.id}/rhk", {"rhk-baru-jenis": "Utama", "rhk-baru-uraian": "Disusupkan"}),
        (f"/skp/rhk/{rhk.id}", rhk_data),
        (f"/skp/rhk/{rhk.id}/naik", {}),
        (f"/skp/rhk/{rhk.id}/hapus", {}),
        (f"/skp/rhk/{rhk.id}/iki", {f"iki-baru-{rhk.id}-aspek": "Waktu", f"iki-baru-{rhk.id}-indikator": "x",
                                    f"iki-baru-{rhk.id}-target_teks": "y"}),
        (f"/skp/iki/{iki.id}", {f"iki-{iki.id}-aspek": "Waktu", f"iki-{iki.id}-indikator": "x", f"iki-{iki.id}-target_teks": "y"}),
        (f"/skp/iki/{iki.id}/hapus", {}),
        (f"/skp/{skp.id}/lampiran", {"dukungan_sumber_daya": "x", "skema_pertanggungjawaban": "", "konsekuensi": ""}),
        (f"/skp/{skp.id}/pendekatan", {"pendekatan": "Kualitatif"}),
        (f"/skp/{skp.id}/ajukan", {}),
        (f"/skp/{skp.id}/revisi", {}),
    ]
    expected = 403 if may_view else 404
    for url, data in attempts:
        assert b.post(url, data).status_code == expected, url
        assert b.post(url, data, htmx=True).status_code == expected, url
    db.session.expire_all()
    rhk = db.session.get(Rhk, rhk.id)
    assert rhk.uraian == "RHK rahasia staf satu" and len(rhk.iki) == 1
    assert db.session.query(Rhk).filter_by(skp_id=skp.id).count() == 1


def test_missing_ids_are_404(make_browser, target):
    b = _login(make_browser, target, "staf1")
    assert b.get("/skp/999999").status_code == 404
    assert b.get("/skp/999999/cetak").status_code == 404
    assert b.post("/skp/rhk/999999/hapus").status_code == 404
    assert b.post("/skp/iki/999999/hapus").status_code == 404


def test_an_account_without_pegawai_or_role_sees_nothing(make_browser, target):
    db.session.add(Akun(username="tamu", password_hash=hash_password(PASSWORD), is_admin=False, harus_ganti_sandi=False))
    db.session.flush()
    b = make_browser()
    b.login("tamu", PASSWORD)
    assert b.get(f"/skp/{target.target.id}").status_code == 404
    assert b.get(f"/skp/{target.target.id}/cetak").status_code == 404
    assert b.get("/skp/tim").status_code == 403
    assert "SKP" not in [line.strip() for line in b.get("/").get_data(as_text=True).splitlines() if "nav-link" in line]


def test_team_view_shows_only_my_subordinates(make_browser, target):
    body = _login(make_browser, target, "kabid2").get("/skp/tim?semua=1").get_data(as_text=True)
    assert "Staf Tiga" in body and "Staf Satu" not in body
    body = _login(make_browser, target, "staf3").get("/skp/tim").get_data(as_text=True)
    assert "Staf Satu" not in body and "Tidak ada pegawai" in body


def test_periode_admin_only(make_browser, target):
    for who in ("staf1", "kasi", "kadis"):
        b = _login(make_browser, target, who)
        assert b.get("/admin/tahun-kinerja").status_code == 403
        assert b.post("/admin/tahun-kinerja", {"tahun": 2030, "pola": "semesteran"}).status_code == 403
    assert _login(make_browser, target, "admin").get("/admin/tahun-kinerja").status_code == 200
