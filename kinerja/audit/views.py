from datetime import UTC, datetime, time

from flask import request
from sqlalchemy import func, or_, select

from kinerja.akses import admin_required, nomor_halaman
from kinerja.audit import bp, buku
from kinerja.audit.services import decode
from kinerja.extensions import db
from kinerja.htmx import render
from kinerja.models import Akun, AuditEvent, Pegawai


def _parse_date(value: str | None):
    try:
        return datetime.strptime(value, "%Y-%m-%d").date() if value else None
    except ValueError:
        return None


@bp.get("/")
@admin_required  # kinerja.audit.permissions.can_read_audit: the admin
def daftar():
    args = request.args
    stmt = select(AuditEvent).order_by(AuditEvent.id.desc())
    for kata in (args.get("q") or "").split()[:5]:  # every word, anywhere in the event (issue #15)
        stmt = stmt.where(_cocok(kata[:100]))
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
    page = db.paginate(stmt, page=nomor_halaman(), per_page=50, error_out=False)
    return render("audit/daftar.html", "audit/partials/_tabel.html", title="Jejak Audit", page=page, decode=decode,
                  nama_aktor=_nama_aktor({e.aktor_id for e in page.items if e.aktor_id}), buku=buku)


def _cocok(kata: str):
    """One search word: in the event's Indonesian name, its code, the actor (label or name), the object,
    or the before/after content; case-insensitive."""
    pola = f"%{kata.lower().replace('%', '').replace('_', '')}%"
    nama_pegawai = select(Akun.id).join(Pegawai, Akun.pegawai_id == Pegawai.id).where(func.lower(Pegawai.nama).like(pola))
    syarat = [func.lower(AuditEvent.aksi).like(pola), func.lower(AuditEvent.aktor_label).like(pola),
              func.lower(AuditEvent.objek_tipe).like(pola), AuditEvent.objek_id == kata,
              func.lower(AuditEvent.sebelum).like(pola), func.lower(AuditEvent.sesudah).like(pola),
              AuditEvent.aktor_id.in_(nama_pegawai)]
    cocok = buku.aksi_cocok(kata)
    if cocok:
        syarat.append(AuditEvent.aksi.in_(cocok))
    return or_(*syarat)


def _nama_aktor(akun_ids: set[int]) -> dict[int, str]:
    """The pegawai name behind each actor account on the page (one query): names beside NIPs."""
    if not akun_ids:
        return {}
    return dict(db.session.execute(
        select(Akun.id, Pegawai.nama).join(Pegawai, Akun.pegawai_id == Pegawai.id).where(Akun.id.in_(akun_ids))).all())
