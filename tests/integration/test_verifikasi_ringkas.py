"""The compact verification inbox (issue #15 "Verifikasi that fits a busy atasan").

One table row per entry grouped by pegawai and day, "pilih semua" per pegawai / day / page, the per-entry
form opened in place only when needed (htmx), and the filter kept after "Setujui Terpilih".
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from kinerja.extensions import db
from kinerja.models import AuditEvent
from kinerja.waktu import today_local
from tests.integration.test_verifikasi import buat_aktivitas, masuk, status_of


@pytest.fixture
def entri(org):
    """The same entries as test_verifikasi's fixture."""
    items = {
        "satu": buat_aktivitas(org.staf1, tautan="https://drive.example.go.id/berkas", bukti=True,
                               uraian="Memperbarui modul layanan pengaduan"),
        "satu_lama": buat_aktivitas(org.staf1, hari=today_local() - timedelta(days=3), uraian="Rapat koordinasi lama"),
        "dua": buat_aktivitas(org.staf2, uraian="Menginput data statistik sektoral"),
        "draft": buat_aktivitas(org.staf1, status="Draft", uraian="Draf belum diajukan"),
        "tiga": buat_aktivitas(org.staf3, uraian="Pekerjaan bidang lain"),
        "kasi": buat_aktivitas(org.kasi, uraian="Pekerjaan kepala seksi"),
    }
    db.session.commit()
    return items


def _baris(html: str) -> list[str]:
    return re.findall(r'<tr[^>]*data-baris="(\d+)"', html)


# ------------------------------------------------------------------ the filter survives "Setujui Terpilih"


def test_setujui_terpilih_htmx_keeps_the_pegawai_filter(make_browser, org, entri):
    """Found: the Pegawai filter still said one name, but the list after approving showed everyone."""
    b = masuk(make_browser, org.kasi)
    page = b.get(f"/verifikasi/?pegawai={org.staf1.id}").get_data(as_text=True)
    action = re.search(r'id="form-terpilih"[^>]*hx-post="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert f"pegawai={org.staf1.id}" in action
    r = b.post(action, {"ids": [entri["satu_lama"].id]}, htmx=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "1 aktivitas disetujui." in html
    assert "Memperbarui modul layanan pengaduan" in html  # staf1's other entry is still listed
    assert "Menginput data statistik sektoral" not in html  # staf2 stays filtered out
    assert f"pegawai={org.staf1.id}" in re.search(r'id="form-terpilih"[^>]*hx-post="([^"]+)"', html).group(1)


def test_setujui_terpilih_without_htmx_returns_to_the_filtered_list(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    r = b.post(f"/verifikasi/setujui-terpilih?pegawai={org.staf1.id}", {"ids": [entri["satu_lama"].id]})
    assert r.status_code == 303 and f"pegawai={org.staf1.id}" in r.headers["Location"]
    html = b.get(r.headers["Location"]).get_data(as_text=True)
    assert "1 aktivitas disetujui." in html and "Menginput data statistik sektoral" not in html


def test_a_foreign_pegawai_filter_in_the_action_shows_nothing_of_theirs(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    r = b.post(f"/verifikasi/setujui-terpilih?pegawai={org.staf3.id}", {"ids": [entri["dua"].id]}, htmx=True)
    assert r.status_code == 200 and "Pekerjaan bidang lain" not in r.get_data(as_text=True)


# ------------------------------------------------------------------ the compact table


def test_inbox_is_a_table_one_row_per_entry_grouped_by_pegawai_and_day(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    html = b.get("/verifikasi/").get_data(as_text=True)
    ids = {str(entri[k].id) for k in ("satu", "satu_lama", "dua")}
    assert set(_baris(html)) == ids
    kolom = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html.split("<thead", 1)[1].split("</thead>", 1)[0], re.S)
    teks = [re.sub(r"<[^>]+>", "", k).strip() for k in kolom]
    for judul in ("Pegawai", "Tanggal", "Jam", "Uraian", "Output", "RHK", "Bukti", "Status"):
        assert judul in teks, teks
    # Grouped: one header per pegawai, one per pegawai-day; "pilih semua" at each level and for the page.
    assert html.count('data-pilih-pegawai="') == 2
    assert html.count('data-pilih-hari="') == 3
    assert 'data-select-all="aktivitas"' in html
    # The per-entry form is not on the list: it opens in place only when needed.
    assert "<textarea" not in html and "Kesesuaian Bukti" not in html.split('id="inbox"', 1)[1]
    a = entri["satu"]
    assert f'hx-get="/verifikasi/aktivitas/{a.id}/formulir"' in html
    # Evidence stays one click away, the row says its status.
    assert f'/aktivitas/bukti/{a.bukti[0].id}' in html and "https://drive.example.go.id/berkas" in html
    assert "Diajukan" in html and "2 dokumen" in html
    # A keyboard help line.
    assert "Pintasan" in html and "<kbd>j</kbd>" in html


def test_rows_of_a_pegawai_are_together_oldest_day_first(make_browser, org, entri):
    html = masuk(make_browser, org.kasi).get("/verifikasi/").get_data(as_text=True)
    urutan = _baris(html)
    staf1 = [str(entri["satu_lama"].id), str(entri["satu"].id)]
    pos = [urutan.index(i) for i in staf1]
    assert pos[1] == pos[0] + 1


def test_formulir_opens_in_place_with_bukti_catatan_and_buttons(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    a = entri["satu"]
    r = b.get(f"/verifikasi/aktivitas/{a.id}/formulir", htmx=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" not in html
    assert f'id="aktivitas-{a.id}"' in html and f'data-baris="{a.id}"' in html
    for label in ("Kesesuaian Bukti", "Catatan", "Setujui", "Kembalikan", "Tutup"):
        assert label in html
    assert "Memperbarui modul layanan pengaduan" in html
    tutup = b.get(f"/verifikasi/aktivitas/{a.id}/formulir?tutup=1", htmx=True).get_data(as_text=True)
    assert "<textarea" not in tutup and f'data-baris="{a.id}"' in tutup


def test_formulir_without_htmx_goes_to_the_detail_page(make_browser, org, entri):
    a = entri["satu"]
    r = masuk(make_browser, org.kasi).get(f"/verifikasi/aktivitas/{a.id}/formulir")
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/verifikasi/aktivitas/{a.id}")


@pytest.mark.parametrize("who, code", [("kabid2", 404), ("kabid", 403), ("staf2", 404), ("staf1", 403), ("admin", 403)])
def test_formulir_only_for_the_verifier(make_browser, org, entri, who, code):
    b = masuk(make_browser, "admin" if who == "admin" else getattr(org, who))
    assert b.get(f"/verifikasi/aktivitas/{entri['satu'].id}/formulir", htmx=True).status_code == code
    assert masuk(make_browser, org.kasi).get("/verifikasi/aktivitas/999999/formulir", htmx=True).status_code == 404


def test_formulir_of_an_entry_no_longer_waiting_shows_its_state(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    a = entri["dua"]
    assert b.post(f"/verifikasi/aktivitas/{a.id}/setujui", {"tampilan": "tabel"}, htmx=True).status_code == 200
    html = b.get(f"/verifikasi/aktivitas/{a.id}/formulir", htmx=True).get_data(as_text=True)
    assert "<textarea" not in html and "Disetujui" in html


def test_approve_from_the_table_swaps_the_row(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    a = entri["satu"]
    r = b.post(f"/verifikasi/aktivitas/{a.id}/setujui", {"tampilan": "tabel", f"a{a.id}-versi": a.versi}, htmx=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and html.lstrip().startswith("<tbody") and f'id="aktivitas-{a.id}"' in html
    assert "Disetujui" in html and 'name="ids"' not in html and "Aktivitas disetujui." in html
    assert r.headers["HX-Trigger"] == "verifikasi-berubah"
    assert status_of(a.id) == "Disetujui"


def test_return_from_the_table_without_catatan_keeps_the_form_open(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    a = entri["satu"]
    r = b.post(f"/verifikasi/aktivitas/{a.id}/kembalikan", {"tampilan": "tabel"}, htmx=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and "<textarea" in html and "Catatan wajib diisi" in html
    assert 'aria-invalid="true"' in html
    r = b.post(f"/verifikasi/aktivitas/{a.id}/kembalikan", {"tampilan": "tabel", f"a{a.id}-catatan": "Lengkapi notulen."},
               htmx=True)
    assert r.status_code == 200 and "Dikembalikan" in r.get_data(as_text=True)
    assert db.session.query(AuditEvent).filter_by(aksi="aktivitas.kembalikan", objek_id=str(a.id)).count() == 1


def test_approve_without_htmx_returns_to_the_filtered_list(make_browser, org, entri):
    b = masuk(make_browser, org.kasi)
    a = entri["satu"]
    r = b.post(f"/verifikasi/aktivitas/{a.id}/setujui?pegawai={org.staf1.id}", {"tampilan": "tabel"})
    assert r.status_code == 303 and f"pegawai={org.staf1.id}" in r.headers["Location"]


def test_formulir_route_refuses_a_post(make_browser, org, entri):
    r = masuk(make_browser, org.kasi).post(f"/verifikasi/aktivitas/{entri['satu'].id}/formulir", htmx=True)
    assert r.status_code == 405


def test_twentyfour_entries_are_all_on_the_first_page(make_browser, org):
    for i in range(1, 7):
        for jam in (8, 10, 13, 15):
            buat_aktivitas(org.staf1 if i % 2 else org.staf2, hari=today_local() - timedelta(days=i), jam=jam)
    db.session.commit()
    html = masuk(make_browser, org.kasi).get("/verifikasi/").get_data(as_text=True)
    assert len(_baris(html)) == 24
