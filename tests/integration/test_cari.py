"""Header search for atasan and admin (issue #15): pegawai by name or NIP → their pages, scoped."""

from __future__ import annotations

from tests.support.factories import PASSWORD


def _as(make_browser, who):
    b = make_browser()
    assert b.login(who if isinstance(who, str) else who.nip, PASSWORD).status_code == 302
    return b


def test_the_header_shows_the_box_to_atasan_and_admin_only(make_browser, org):
    assert 'role="search"' in _as(make_browser, org.kasi).get("/").get_data(as_text=True)
    assert 'role="search"' in _as(make_browser, "admin").get("/").get_data(as_text=True)
    assert 'role="search"' not in _as(make_browser, org.staf1).get("/").get_data(as_text=True)


def test_an_atasan_finds_only_pegawai_below(make_browser, org):
    kasi = _as(make_browser, org.kasi)
    html = kasi.get("/cari/?q=staf").get_data(as_text=True)
    assert org.staf1.nama in html and org.staf2.nama in html and org.staf3.nama not in html  # staf3: another bidang
    assert f"/verifikasi/?pegawai={org.staf1.id}" in html
    html = kasi.get(f"/cari/?q={org.staf3.nip}").get_data(as_text=True)
    assert org.staf3.nama not in html and "Tidak ada pegawai di bawah Anda" in html
    nip_spasi = f"{org.staf1.nip[:8]} {org.staf1.nip[8:14]}"
    assert org.staf1.nama in kasi.get(f"/cari/?q={nip_spasi}").get_data(as_text=True)


def test_the_admin_finds_everyone_and_opens_their_data(make_browser, org):
    html = _as(make_browser, "admin").get(f"/cari/?q={org.staf3.nama.split()[0]}").get_data(as_text=True)
    assert org.staf3.nama in html and f"/admin/pegawai/{org.staf3.id}" in html


def test_a_pegawai_without_subordinates_may_not_search(make_browser, org, client):
    assert _as(make_browser, org.staf1).get("/cari/?q=staf").status_code == 403
    r = client.get("/cari/?q=staf")
    assert r.status_code == 302 and "/login" in r.headers["Location"]


def test_wildcards_and_markup_are_plain_text(make_browser, org):
    kasi = _as(make_browser, org.kasi)
    html = kasi.get("/cari/?q=%25%25").get_data(as_text=True)
    assert org.staf1.nama not in html  # "%%" is not "everything"
    html = kasi.get("/cari/?q=<script>alert(1)</script>").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html


def test_query_count_does_not_grow_with_results(make_browser, org, factory, count_queries):
    kasi = _as(make_browser, org.kasi)
    with count_queries() as few:
        kasi.get("/cari/?q=staf")
    for i in range(5):
        factory.pegawai(f"Staf Tambahan {i}", atasan=org.kasi, unit=org.seksi)
    with count_queries() as many:
        assert "Staf Tambahan 4" in kasi.get("/cari/?q=staf").get_data(as_text=True)
    assert len(many.statements) == len(few.statements)
