"""The inbox row written in Python (kinerja/verifikasi/tabel.py): every user text is escaped."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from markupsafe import Markup

from kinerja.verifikasi import tabel
from kinerja.verifikasi.queries import BarisInbox
from kinerja.verifikasi.tabel import baris

JAHAT = '<script>alert("x")</script>'


def _baris(**ubah) -> BarisInbox:
    nilai = dict(id=7, pegawai_id=3, pegawai_nama="Andi <b>", tanggal=date(2026, 11, 3), jam="08:00–09:00",
                 durasi_menit=60, uraian=JAHAT, output="2 dokumen", rhk='RHK "satu"', tautan_bukti='https://x.id/?a=1&b="2"',
                 status="Diajukan", versi=4, verdict_bukti=None, catatan_verifikasi=None, diverifikasi_oleh=None,
                 bukti=((11, "nota<1>.pdf"),))
    nilai.update(ubah)
    return BarisInbox(**nilai)


def test_user_texts_are_escaped():
    html = baris(_baris(), "/verifikasi/", "?pegawai=3&halaman=2", "/aktivitas/bukti/", Markup("<span>Diajukan</span>"))
    assert isinstance(html, Markup)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Andi &lt;b&gt;" in html and "RHK &#34;satu&#34;" in html and "nota&lt;1&gt;.pdf" in html
    assert 'href="https://x.id/?a=1&amp;b=&#34;2&#34;"' in html
    assert 'hx-post="/verifikasi/aktivitas/7/setujui?pegawai=3&amp;halaman=2"' in html
    assert 'name="a7-versi" value="4"' in html and 'data-hari="3-2026-11-03"' in html
    assert "<span>Diajukan</span>" in html and 'href="/aktivitas/bukti/11"' in html


def test_a_verified_row_has_no_checkbox_and_names_the_verifier():
    html = baris(_baris(status="Disetujui", diverifikasi_oleh="Dewi <i>"), "/verifikasi/", "", "/b/", Markup("ok"))
    assert 'name="ids"' not in html and "Setujui</button>" not in html
    assert "Disetujui oleh Dewi &lt;i&gt;" in html


def test_no_evidence_shows_a_dash():
    html = baris(_baris(bukti=(), tautan_bukti=None), "/verifikasi/", "", "/b/", Markup("ok"))
    assert '<td class="kolom-bukti"><span class="text-body-secondary">–</span></td>' in html


# ------------------------------------------------------------------ rows remembered per process (#17)

_LAIN = {"id": 8, "pegawai_id": 4, "pegawai_nama": "Budi", "tanggal": date(2026, 11, 4), "jam": "09:00–10:00",
         "durasi_menit": 61, "uraian": "uraian lain", "output": "3 berkas", "rhk": "RHK dua", "tautan_bukti": None,
         "status": "Dikembalikan", "versi": 5, "verdict_bukti": "tidak sesuai", "catatan_verifikasi": "perbaiki",
         "diverifikasi_oleh": "Dewi", "bukti": ((11, "nota<1>.pdf"), (12, "foto.jpg"))}
ARGUMEN = ("/verifikasi/", "?pegawai=3", "/aktivitas/bukti/", Markup("<span>Diajukan</span>"))


def test_every_field_of_an_inbox_row_has_an_alternative_here():
    assert set(_LAIN) == {f.name for f in dataclasses.fields(BarisInbox)}


def test_an_inbox_row_seen_again_is_not_built_again(monkeypatch):
    dibangun = []
    asli = tabel._baris
    monkeypatch.setattr(tabel, "_baris", lambda r, *a: dibangun.append(r.id) or asli(r, *a))
    r = _baris(uraian="baris diingat")
    assert baris(r, *ARGUMEN) == baris(_baris(uraian="baris diingat"), *ARGUMEN) == asli(r, *ARGUMEN)
    assert dibangun == [7]


@pytest.mark.parametrize("nama", sorted(_LAIN))
def test_an_inbox_row_that_changed_in_any_field_shows_the_change(nama):
    baris(_baris(), *ARGUMEN)
    ubah = _baris(**{"status": "Dikembalikan", nama: _LAIN[nama]})  # a verified row shows the verifier and note
    assert baris(ubah, *ARGUMEN) == tabel._baris(ubah, *ARGUMEN)


@pytest.mark.parametrize("ganti", [0, 1, 2, 3])
def test_an_inbox_row_follows_every_argument(ganti):
    lain = ["/kinerja/verifikasi/", "?pegawai=4", "/b/", Markup("<span>Dikembalikan</span>")]
    argumen = list(ARGUMEN)
    baris(_baris(), *argumen)
    argumen[ganti] = lain[ganti]
    assert baris(_baris(), *argumen) == tabel._baris(_baris(), *argumen)


# ------------------------------------------------------------------ pegawai and day headers (#17)


def test_a_group_escapes_the_pegawai_and_holds_every_entry_in_its_own_tbody():
    from kinerja.verifikasi.queries import GrupHari, GrupPegawai

    satu, dua = _baris(), _baris(id=8, durasi_menit=75)
    hari = GrupHari(3, date(2026, 11, 3), [satu, dua])
    g = GrupPegawai(3, "Andi <b>", "199203112019031007", 'Analis "<i>"', [hari])
    html = tabel.grup(g, *ARGUMEN)
    assert isinstance(html, Markup)
    assert '<label for="pilih-pegawai-3">Andi &lt;b&gt;</label>' in html
    assert "NIP 19920311 201903 1 007 · Analis &#34;&lt;i&gt;&#34; · 2 aktivitas" in html
    assert 'data-pilih-hari="3-2026-11-03"' in html and "Selasa, 3 November 2026" in html
    assert "· 2 aktivitas, 2 jam 15 menit" in html
    assert html.count('class="entri"') == 2
    assert '<tbody id="aktivitas-7" class="entri">' in html and '<tbody id="aktivitas-8" class="entri">' in html
    assert html.index("kepala-pegawai") < html.index("kepala-hari") < html.index('id="aktivitas-7"')


def test_a_pegawai_without_jabatan_shows_a_dash():
    from kinerja.verifikasi.queries import GrupHari, GrupPegawai

    g = GrupPegawai(3, "Andi", "199203112019031007", "", [GrupHari(3, date(2026, 11, 3), [_baris()])])
    assert "NIP 19920311 201903 1 007 · – · 1 aktivitas" in tabel.grup(g, *ARGUMEN)
