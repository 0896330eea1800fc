"""The demo shows the whole cycle (issue #15) and every pegawai can be evaluated (issue #10).

The README's pegawai (Andi Pratama) has an approved SKP this year, daily entries linked to its RHK in
every state (one returned among them) and a signed Semester I evaluation; the README's "Buat SKP"
pegawai (Siti Nurhaliza) plans next year's SKP (her chain of atasan already has one approved); the
admin's list of pegawai who cannot be evaluated in the open period is empty.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from kinerja.evaluasi import queries as ev_queries
from kinerja.evaluasi import rules as ev_rules
from kinerja.extensions import db
from kinerja.models import Aktivitas, Evaluasi, Pegawai, Periode, Rhk, Skp
from kinerja.periode.services import tahun_dibuka
from kinerja.waktu import today_local

ANDI, SITI, DEWI = "199203112019031007", "199508242020122011", "198505172010012015"
README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def demo(runner):
    r = runner.invoke(args=["demo-data"])
    assert r.exit_code == 0, r.output
    return today_local().year


def _pegawai(nip: str) -> Pegawai:
    return db.session.execute(select(Pegawai).where(Pegawai.nip == nip)).scalar_one()


def _skp(nip: str, tahun: int) -> Skp | None:
    return db.session.execute(select(Skp).where(Skp.pegawai_id == _pegawai(nip).id, Skp.tahun == tahun)
                              ).scalar_one_or_none()


def test_demo_shows_the_whole_cycle(demo):
    tahun = demo
    # the README pegawai: approved SKP, entries linked to its RHK in every state, signed Semester I evaluation
    skp = _skp(ANDI, tahun)
    assert skp is not None and skp.status == "Disetujui" and skp.versi >= 1
    rhk_ids = set(db.session.execute(select(Rhk.id).where(Rhk.skp_id == skp.id)).scalars())
    states = set(db.session.execute(
        select(Aktivitas.status).where(Aktivitas.pegawai_id == skp.pegawai_id, Aktivitas.rhk_id.in_(rhk_ids))
    ).scalars())
    assert {"Draft", "Diajukan", "Disetujui", "Dikembalikan"} <= states
    s1 = db.session.execute(select(Periode).where(Periode.kode == "S1", Periode.tanggal_mulai.between(
        f"{tahun}-01-01", f"{tahun}-12-31"))).scalar_one()
    ev = db.session.execute(select(Evaluasi).where(Evaluasi.pegawai_id == skp.pegawai_id,
                                                   Evaluasi.periode_id == s1.id)).scalar_one()
    assert ev.status == ev_rules.SELESAI

    # the "Buat SKP" pegawai plans next year's SKP, cascading from her atasan's approved one
    assert tahun + 1 in tahun_dibuka()
    assert _skp(SITI, tahun + 1) is None
    atasan = _skp(DEWI, tahun + 1)
    assert atasan is not None and atasan.status == "Disetujui"

    # drafts, submissions and returns still appear: as revisions of approved SKPs
    revisi = {s for s in db.session.execute(
        select(Skp.status).where(Skp.tahun == tahun, Skp.dalam_revisi.is_(True), Skp.versi > 0)).scalars()}
    assert {"Draft", "Diajukan", "Ditolak"} <= revisi


def test_demo_leaves_nobody_who_cannot_be_evaluated(demo):
    s1 = db.session.execute(select(Periode).where(Periode.kode == "S1", Periode.tanggal_mulai.between(
        f"{demo}-01-01", f"{demo}-12-31"))).scalar_one()
    assert ev_queries.tidak_dapat_dievaluasi(s1) == []


def test_readme_lists_the_buat_skp_pegawai():
    text = README.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if SITI in line)
    assert re.search(r"Buat SKP", row)
