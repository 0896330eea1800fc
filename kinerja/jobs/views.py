"""Admin page: every background job, newest first, with its status, progress and error."""

from __future__ import annotations

from flask import render_template, request
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from kinerja.akses import admin_required, nomor_halaman
from kinerja.extensions import db
from kinerja.jobs import bp
from kinerja.jobs.antrian import uraian
from kinerja.jobs.layanan import jenis_terdaftar
from kinerja.models.pekerjaan import STATUS_PEKERJAAN, Pekerjaan

PER_HALAMAN = 50


@bp.get("")
@admin_required
def index():
    status = request.args.get("status", "")
    query = select(Pekerjaan)
    if status in STATUS_PEKERJAAN:
        query = query.where(Pekerjaan.status == status)
    halaman = db.paginate(query.options(selectinload(Pekerjaan.peminta))
                          .order_by(Pekerjaan.created_at.desc(), Pekerjaan.id.desc()),
                          page=nomor_halaman(), per_page=PER_HALAMAN, error_out=False)
    hitung = dict(db.session.execute(select(Pekerjaan.status, func.count()).group_by(Pekerjaan.status)).all())
    judul = {jenis: t.judul for jenis, t in jenis_terdaftar().items()}
    return render_template("jobs/daftar.html", title="Pekerjaan latar", halaman=halaman, status=status,
                           hitung=hitung, semua_status=STATUS_PEKERJAAN, judul=judul, antrean=uraian())
