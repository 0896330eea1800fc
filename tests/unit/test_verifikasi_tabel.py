"""The inbox row written in Python (kinerja/verifikasi/tabel.py): every user text is escaped."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

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
