"""R4 for the C11 forms: fuzzed announcement, session and development forms never 500 and never half-write."""

from __future__ import annotations

import secrets
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kinerja.extensions import db
from kinerja.models import Evaluasi, KegiatanPengembangan, PenerimaPengumuman, Pengumuman, SesiSosialisasi
from kinerja.waktu import utcnow
from tests.support.evaluasi import buat_periode, buat_skp
from tests.support.factories import PASSWORD

NASTY = st.one_of(
    st.just(""),
    st.text(max_size=40),
    st.text(min_size=201, max_size=260),
    st.sampled_from(["<script>alert(1)</script>", "\u202e\u0000", "' OR 1=1 --", "💥" * 50, "   ", "NaN", "-1",
                     "1e9999", "9999999999999", "2147483648", "0001-01-01", "2026-02-30", "24:00", "true", "dinas",
                     "unit", "semua", "atasan", "pimpinan", "Pelatihan", "Bimtek", "https://x.go.id", "javascript:x"]),
)
IDS = st.one_of(NASTY, st.integers(-5, 10**12).map(str))
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _count(model):
    return db.session.execute(select(func.count()).select_from(model)).scalar_one()


def _ok(r, before, after, model):
    assert r.status_code in (200, 302, 422), r.get_data(as_text=True)[:500]
    if r.status_code == 422:
        assert after == before, model
        assert "<script>alert(1)</script>" not in r.get_data(as_text=True)


@SETTINGS
@given(data=st.fixed_dictionaries({"judul": NASTY, "isi": NASTY, "cakupan": NASTY, "unit_id": IDS, "peran": NASTY,
                                   "sub_unit": NASTY, "wajib": NASTY, "aksi": st.sampled_from(["terbitkan", "simpan"])}))
def test_announcement_form(browser, org, data):
    if browser._token is None:
        browser.login(org.kabid.nip, PASSWORD)
    before, penerima = _count(Pengumuman), _count(PenerimaPengumuman)
    r = browser.post("/pengumuman/baru", data)
    _ok(r, before, _count(Pengumuman), "pengumuman")
    if r.status_code == 422:
        assert _count(PenerimaPengumuman) == penerima


@SETTINGS
@given(data=st.fixed_dictionaries({"jenis": NASTY, "judul": NASTY, "tanggal": NASTY, "jam": NASTY, "tempat": NASTY,
                                   "tautan": NASTY, "materi": NASTY, "cakupan": NASTY, "unit_id": IDS, "peran": NASTY}))
def test_session_form(browser, org, data):
    if browser._token is None:
        browser.login("admin", PASSWORD)
    before = _count(SesiSosialisasi)
    r = browser.post("/sosialisasi/baru", data)
    _ok(r, before, _count(SesiSosialisasi), "sesi")


@SETTINGS
@given(data=st.fixed_dictionaries({"kesenjangan": NASTY, "jenis": NASTY, "uraian": NASTY, "jp": IDS,
                                   "target_tanggal": NASTY}))
def test_development_item_form(browser, org, data):
    ev = db.session.execute(select(Evaluasi).where(Evaluasi.pegawai_id == org.staf1.id)).scalar_one_or_none()
    if ev is None:
        periode = buat_periode()
        skp = buat_skp(org.staf1)
        ev = Evaluasi(periode_id=periode.id, pegawai_id=org.staf1.id, skp_id=skp.id, penilai_id=org.kasi.id,
                      unit_id=org.seksi.id, kode=secrets.token_urlsafe(12), riwayat_dokumen=[], status="Selesai",
                      ttd_penilai_at=utcnow() - timedelta(days=1))
        db.session.add(ev)
        db.session.flush()
    if browser._token is None:
        browser.login(org.kasi.nip, PASSWORD)
    before = _count(KegiatanPengembangan)
    r = browser.post(f"/pengembangan/evaluasi/{ev.id}/kegiatan", data)
    _ok(r, before, _count(KegiatanPengembangan), "kegiatan")
