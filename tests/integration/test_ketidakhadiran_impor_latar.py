"""An absences import above IMPOR_BATAS_LATAR rows (1.000 by default) runs as a background job with the
same progress bar as the pegawai import ("37 dari 120 baris diperiksa"); smaller files stay in the request."""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import func, select

from kinerja.extensions import db
from kinerja.models import AuditEvent, Ketidakhadiran, Pekerjaan
from tests.integration.test_ketidakhadiran import CSV_OK, login


def _upload(browser, text: str, aksi: str = "jalankan", **kw):
    return browser.post("/ketidakhadiran/impor", {"aksi": aksi, "berkas": (io.BytesIO(text.encode()), "absensi.csv")},
                        content_type="multipart/form-data", **kw)


def _jumlah(*where) -> int:
    return db.session.execute(select(func.count()).select_from(Ketidakhadiran).where(*where)).scalar_one()


def _pekerjaan() -> Pekerjaan | None:
    db.session.expire_all()
    return db.session.execute(select(Pekerjaan).order_by(Pekerjaan.id.desc())).scalars().first()


def test_a_large_import_runs_as_a_job_with_progress(make_browser, org, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPOR_BATAS_LATAR", 1)  # 2 rows count as "large" here
    admin = login(make_browser, "admin")
    r = _upload(admin, CSV_OK.format(a=org.staf1.nip, b=org.staf2.nip))
    job = _pekerjaan()
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/ketidakhadiran/impor/pekerjaan/{job.id}")
    assert job.jenis == "impor.ketidakhadiran" and job.status == "selesai", job.galat
    assert (job.selesai_n, job.total) == (2, 2) and job.peminta_id == org.admin.id
    assert _jumlah(Ketidakhadiran.sumber == "impor", Ketidakhadiran.status == "Disetujui") == 2
    audit = db.session.execute(select(AuditEvent).where(AuditEvent.aksi == "ketidakhadiran.impor")).scalar_one()
    assert audit.aktor_id == org.admin.id
    assert not list((Path(app.config["UPLOAD_DIR"]) / "impor").glob(f"{job.params['token']}.*"))
    page = admin.get(f"/ketidakhadiran/impor/pekerjaan/{job.id}").get_data(as_text=True)
    assert "Impor Ketidakhadiran" in page and "2 dari 2" in page and "baris diperiksa" in page
    assert "2 ketidakhadiran diimpor." in page
    frag = admin.get(f"/ketidakhadiran/impor/pekerjaan/{job.id}", htmx=True).get_data(as_text=True)
    assert "<html" not in frag and "hx-trigger" not in frag  # finished: polling stops


def test_a_large_import_with_errors_writes_nothing_and_names_the_rows(make_browser, org, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPOR_BATAS_LATAR", 1)
    admin = login(make_browser, "admin")
    r = _upload(admin, CSV_OK.format(a=org.staf1.nip, b="199001012020011001"))
    job = _pekerjaan()
    assert r.status_code == 302 and job.status == "gagal"
    assert "Baris 3: NIP 199001012020011001 tidak terdaftar." in job.galat and "tidak ada yang disimpan" in job.galat
    assert _jumlah() == 0
    page = admin.get(f"/ketidakhadiran/impor/pekerjaan/{job.id}").get_data(as_text=True)
    assert "Baris 3: NIP 199001012020011001 tidak terdaftar." in page


def test_a_small_import_and_every_dry_run_stay_in_the_request(make_browser, org, app, monkeypatch):
    admin = login(make_browser, "admin")
    text = CSV_OK.format(a=org.staf1.nip, b=org.staf2.nip)
    monkeypatch.setitem(app.config, "IMPOR_BATAS_LATAR", 1)
    r = _upload(admin, text, "periksa")
    assert r.status_code == 200 and "2 baris siap diimpor" in r.get_data(as_text=True)
    monkeypatch.setitem(app.config, "IMPOR_BATAS_LATAR", 1000)
    r = _upload(admin, text)
    assert r.status_code == 302 and r.headers["Location"].endswith("/ketidakhadiran/")
    assert _pekerjaan() is None and _jumlah() == 2


def test_import_progress_page_is_for_the_admin_and_absence_imports_only(make_browser, org):
    from kinerja.jobs import antrekan
    from tests.integration.test_jobs import _tambah  # noqa: F401  registers "uji.tambah"

    lain = antrekan("uji.tambah", {"a": 1, "b": 1})
    admin = login(make_browser, "admin")
    assert admin.get(f"/ketidakhadiran/impor/pekerjaan/{lain.id}").status_code == 404
    assert admin.get("/ketidakhadiran/impor/pekerjaan/999999").status_code == 404
    staf = login(make_browser, org.staf1)
    assert staf.get(f"/ketidakhadiran/impor/pekerjaan/{lain.id}").status_code == 403


def test_import_without_csrf_is_refused(make_browser, org, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPOR_BATAS_LATAR", 1)
    admin = login(make_browser, "admin")
    r = _upload(admin, CSV_OK.format(a=org.staf1.nip, b=org.staf2.nip), csrf=False)
    assert r.status_code == 400 and _pekerjaan() is None and _jumlah() == 0
