from datetime import UTC, datetime, time

from flask import request
from sqlalchemy import select

from kinerja.akses import admin_required
from kinerja.audit import bp
from kinerja.audit.services import decode
from kinerja.extensions import db
from kinerja.htmx import render
from kinerja.models import AuditEvent


def _parse_date(value: str | None):
    try:
        return datetime.strptime(value, "%Y-%m-%d").date() if value else None
    except ValueError:
        return None


@bp.get("/")
@admin_required
def daftar():
    args = request.args
    stmt = select(AuditEvent).order_by(AuditEvent.id.desc())
    if args.get("aksi"):
        stmt = stmt.where(AuditEvent.aksi.startswith(args["aksi"].strip()[:60]))
    if args.get("aktor"):
        stmt = stmt.where(AuditEvent.aktor_label.contains(args["aktor"].strip()[:100]))
    if args.get("objek"):
        stmt = stmt.where(AuditEvent.objek_tipe == args["objek"].strip()[:40])
    dari, sampai = _parse_date(args.get("dari")), _parse_date(args.get("sampai"))
    if dari:
        stmt = stmt.where(AuditEvent.waktu >= datetime.combine(dari, time.min, UTC))
    if sampai:
        stmt = stmt.where(AuditEvent.waktu <= datetime.combine(sampai, time.max, UTC))
    page = db.paginate(stmt, page=args.get("halaman", 1, type=int), per_page=50, error_out=False)
    return render("audit/daftar.html", "audit/partials/_tabel.html", title="Jejak Audit", page=page, decode=decode)
