"""A pegawai import above IMPOR_BATAS_LATAR rows (1.000 by default) runs as a background job with a
progress bar; the command line shows the same progress on the terminal."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from kinerja.extensions import db
from kinerja.models import AuditEvent, Pekerjaan
from tests.integration.test_impor import counts, good_rows, token_in, upload, write_csv, xlsx_bytes
from tests.support.factories import PASSWORD


def test_a_large_import_runs_as_a_job_with_progress(browser, org, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPOR_BATAS_LATAR", 5)  # 7 rows count as "large" here
    browser.login("admin", PASSWORD)
    html = upload(browser, xlsx_bytes(good_rows(org)), "simpeg.xlsx").get_data(as_text=True)
    token = token_in(html)
    before = counts()
    r = browser.post("/admin/impor/jalankan", {"token": token})
    db.session.expire_all()
    job = db.session.execute(select(Pekerjaan).order_by(Pekerjaan.id.desc())).scalars().first()
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/admin/impor/pekerjaan/{job.id}")
    assert job.jenis == "impor.pegawai" and job.status == "selesai", (job.galat, job.percobaan, job.diantrekan_at, job.mulai_at, job.selesai_n)
    assert (job.selesai_n, job.total) == (7, 7) and job.kunci == f"impor:{token}"
    assert counts()[0] == before[0] + 5
    assert not (Path(app.config["UPLOAD_DIR"]) / "impor" / f"{token}.bin").exists()
    page = browser.get(f"/admin/impor/pekerjaan/{job.id}").get_data(as_text=True)
    assert "7 dari 7" in page and "Impor selesai: 5 pegawai dibuat, 1 diperbarui, 1 tidak berubah." in page
    frag = browser.get(f"/admin/impor/pekerjaan/{job.id}", htmx=True).get_data(as_text=True)
    assert "<html" not in frag and "hx-trigger" not in frag  # finished: polling stops
    summary = db.session.execute(select(AuditEvent).where(AuditEvent.aksi == "pegawai.impor")).scalar_one()
    assert summary.aktor_id == org.admin.id


def test_a_small_import_still_runs_in_the_request(browser, org):
    browser.login("admin", PASSWORD)
    token = token_in(upload(browser, xlsx_bytes(good_rows(org)), "simpeg.xlsx").get_data(as_text=True))
    r = browser.post("/admin/impor/jalankan", {"token": token})
    assert r.headers["Location"].endswith("/admin/impor")
    assert db.session.query(Pekerjaan).count() == 0


def test_import_progress_page_is_for_the_admin_and_import_jobs_only(make_browser, org):
    from kinerja.jobs import antrekan
    from tests.integration.test_jobs import _tambah  # noqa: F401  registers "uji.tambah"

    lain = antrekan("uji.tambah", {"a": 1, "b": 1})
    b = make_browser()
    b.login("admin", PASSWORD)
    assert b.get(f"/admin/impor/pekerjaan/{lain.id}").status_code == 404
    staf = make_browser()
    staf.login(org.staf1.nip, PASSWORD)
    assert staf.get(f"/admin/impor/pekerjaan/{lain.id}").status_code == 403


def test_cli_shows_a_progress_bar_above_the_limit(runner, org, app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "IMPOR_BATAS_LATAR", 5)
    path = write_csv(tmp_path / "simpeg.csv", good_rows(org))
    r = runner.invoke(args=["import-pegawai", str(path)])
    assert r.exit_code == 0, r.output
    assert "Memeriksa baris" in r.output and "5 pegawai dibuat" in r.output
