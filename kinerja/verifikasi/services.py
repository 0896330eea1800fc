"""Verification use cases (C3): approve, return, approve many, umpan balik, delegation.

Each function takes the acting ``Akun`` first, checks permission, applies the rules, records the
audit event(s) and commits once.  Two verifiers racing on one entry are separated by the entry's
status and its optimistic version column (``Aktivitas.versi``): the loser gets a clear message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError

from kinerja.akses import pegawai_id_of, require_admin
from kinerja.audit.services import Kejadian, record, record_many
from kinerja.errors import PESAN_BUKAN_PEGAWAI, DomainError, KonflikError, NotFound, PermissionDenied
from kinerja.extensions import db
from kinerja.models import Aktivitas, DelegasiVerifikasi, KomentarAktivitas, Pegawai, UnitKerja
from kinerja.notifikasi.services import notify_pegawai
from kinerja.verifikasi import permissions, rules
from kinerja.waktu import tanggal, today_local, utcnow

log = logging.getLogger(__name__)

CATATAN_WAJIB = "Catatan wajib diisi saat mengembalikan aktivitas."
CATATAN_MAKS = 1000
KOMENTAR_MAKS = 2000
MASSAL_MAKS = 200


def tautan_aktivitas(aktivitas_id: int) -> str:
    return f"/verifikasi/aktivitas/{aktivitas_id}"


@lru_cache(maxsize=1)
def _stmt_load():
    """Built once per process: SQLAlchemy remembers a statement's cache key on the statement, so a verification
    does not build it and work its key out again (about an eighth of an approval's Python, #17)."""
    return (select(Aktivitas).where(Aktivitas.id == bindparam("aktivitas_id"))
            .options(joinedload(Aktivitas.pegawai), joinedload(Aktivitas.diverifikasi_oleh)))


def _load(aktivitas_id: int) -> Aktivitas | None:
    return db.session.execute(_stmt_load(), {"aktivitas_id": aktivitas_id}).scalar_one_or_none()


def _verifier_id(actor) -> int:
    pid = pegawai_id_of(actor)
    if pid is None:
        raise PermissionDenied(PESAN_BUKAN_PEGAWAI)
    return pid


def _load_for_verification(actor, aktivitas_id: int) -> tuple[int, Aktivitas]:
    """404 when the entry is missing or out of the actor's sight; 403 when the actor sees it but does
    not verify it (the pegawai, a higher atasan)."""
    pid = _verifier_id(actor)
    aktivitas = _load(aktivitas_id)
    if aktivitas is None or not permissions.can_verify(pid, aktivitas):
        if aktivitas is None or not permissions.can_view_aktivitas(actor, aktivitas):
            raise NotFound()
        raise PermissionDenied()
    return pid, aktivitas


def pesan_tidak_menunggu(aktivitas: Aktivitas) -> str:
    """Why an entry cannot be verified now."""
    if aktivitas.status in (rules.DISETUJUI, rules.DIKEMBALIKAN) and aktivitas.diverifikasi_oleh is not None:
        return f"Aktivitas ini sudah diverifikasi oleh {aktivitas.diverifikasi_oleh.nama}."
    if aktivitas.status == rules.DRAFT:
        return "Aktivitas ini belum diajukan (masih draf), jadi belum dapat diverifikasi."
    return "Aktivitas ini tidak lagi menunggu verifikasi. Muat ulang halaman."


def _check_waiting(aktivitas: Aktivitas, expected_versi: int | None) -> None:
    if aktivitas.status != rules.DIAJUKAN:
        raise KonflikError(pesan_tidak_menunggu(aktivitas))
    if expected_versi is not None and expected_versi != aktivitas.versi:
        raise KonflikError("Aktivitas ini baru saja diubah. Periksa kembali isinya sebelum memverifikasi.")


def _verdict(verdict: str | None) -> str | None:
    try:
        return rules.periksa_verdict(verdict)
    except ValueError as exc:
        raise DomainError("verdict", str(exc)) from exc


def _flush_or_conflict(aktivitas_id: int) -> None:
    """Flush the UPDATE guarded by the version column; a lost race becomes a clear message."""
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        fresh = _load(aktivitas_id)
        log.info("verifikasi aktivitas %s kalah balapan", aktivitas_id)
        raise KonflikError(pesan_tidak_menunggu(fresh) if fresh else "Aktivitas tidak ditemukan.") from None


def _apply(aktivitas: Aktivitas, pid: int, status: str, verdict: str | None, catatan: str | None) -> dict:
    sebelum = {"status": aktivitas.status, "versi": aktivitas.versi, "verdict_bukti": aktivitas.verdict_bukti}
    aktivitas.status = status
    aktivitas.verdict_bukti = verdict
    aktivitas.catatan_verifikasi = catatan
    aktivitas.diverifikasi_oleh_id = pid
    aktivitas.diverifikasi_at = utcnow()
    return sebelum


def approve_aktivitas(actor, aktivitas_id: int, verdict: str | None = None,
                      expected_versi: int | None = None) -> Aktivitas:
    """Setujui: the entry becomes Disetujui and locked."""
    pid, aktivitas = _load_for_verification(actor, aktivitas_id)
    verdict = _verdict(verdict)
    _check_waiting(aktivitas, expected_versi)
    sebelum = _apply(aktivitas, pid, rules.DISETUJUI, verdict, None)
    _flush_or_conflict(aktivitas_id)
    record(actor, "aktivitas.setujui", "aktivitas", aktivitas.id, sebelum=sebelum,
           sesudah={"status": aktivitas.status, "versi": aktivitas.versi, "verdict_bukti": verdict})
    db.session.commit()
    log.info("aktivitas %s disetujui oleh pegawai %s", aktivitas_id, pid)  # the id: no reload after the commit
    return aktivitas


def return_aktivitas(actor, aktivitas_id: int, catatan: str | None, verdict: str | None = None,
                     expected_versi: int | None = None) -> Aktivitas:
    """Kembalikan: back to the pegawai with a note; the pegawai is notified."""
    pid, aktivitas = _load_for_verification(actor, aktivitas_id)
    catatan = (catatan or "").strip()
    if not catatan:
        raise DomainError("catatan", CATATAN_WAJIB)
    if len(catatan) > CATATAN_MAKS:
        raise DomainError("catatan", f"Catatan paling banyak {CATATAN_MAKS} karakter.")
    verdict = _verdict(verdict)
    _check_waiting(aktivitas, expected_versi)
    sebelum = _apply(aktivitas, pid, rules.DIKEMBALIKAN, verdict, catatan)
    _flush_or_conflict(aktivitas_id)
    notify_pegawai(
        aktivitas.pegawai_id,
        f"Aktivitas {tanggal(aktivitas.tanggal)} dikembalikan oleh {actor.nama_tampilan}: {catatan}",
        tautan_aktivitas(aktivitas.id), jenis="aktivitas.dikembalikan",
    )
    record(actor, "aktivitas.kembalikan", "aktivitas", aktivitas.id, sebelum=sebelum,  # last: see record_many
           sesudah={"status": aktivitas.status, "versi": aktivitas.versi, "verdict_bukti": verdict, "catatan": catatan})
    db.session.commit()
    log.info("aktivitas %s dikembalikan oleh pegawai %s", aktivitas_id, pid)
    return aktivitas


@dataclass
class HasilSetujuiMassal:
    """Per-item results of "Setujui Terpilih": what was approved, what was skipped and why."""

    disetujui: list[int] = field(default_factory=list)
    dilewati: list[tuple[int, str]] = field(default_factory=list)


def approve_many(actor, ids) -> HasilSetujuiMassal:
    """Approve every selected entry that is still waiting and in the actor's scope.

    Per-item, not all-or-nothing: one entry a colleague verified a moment earlier must not block
    the other forty.  Each entry is written in its own savepoint (its version guard can fail
    alone); skipped entries come back with the reason.  One commit at the end.
    """
    pid = _verifier_id(actor)
    wanted = list(dict.fromkeys(int(i) for i in ids))
    if not wanted:
        raise DomainError("ids", "Pilih minimal satu aktivitas yang akan disetujui.")
    if len(wanted) > MASSAL_MAKS:
        raise DomainError("ids", f"Paling banyak {MASSAL_MAKS} aktivitas sekaligus.")
    hari_ini = today_local()
    delegasi = permissions.active_delegations(pid, hari_ini)
    lingkup = permissions.lingkup_delegasi(pid, hari_ini) if delegasi else rules.LingkupDelegasi()
    found = {a.id: a for a in db.session.execute(
        select(Aktivitas).where(Aktivitas.id.in_(wanted))
        .options(joinedload(Aktivitas.pegawai), joinedload(Aktivitas.diverifikasi_oleh))
    ).scalars()}
    hasil = HasilSetujuiMassal()
    kejadian = []
    for aktivitas_id in wanted:
        aktivitas = found.get(aktivitas_id)
        p = aktivitas.pegawai if aktivitas else None
        if aktivitas is None or not rules.boleh_memverifikasi(pid, p.id, p.atasan_id, p.unit_id, delegasi, hari_ini,
                                                              kepala_unit=bool(p.pimpinan), lingkup=lingkup):
            hasil.dilewati.append((aktivitas_id, "Aktivitas tidak ditemukan atau bukan wewenang Anda."))
            continue
        if aktivitas.status != rules.DIAJUKAN:
            hasil.dilewati.append((aktivitas_id, pesan_tidak_menunggu(aktivitas)))
            continue
        try:
            with db.session.begin_nested():
                sebelum = _apply(aktivitas, pid, rules.DISETUJUI, aktivitas.verdict_bukti, None)
                db.session.flush()
        except StaleDataError:
            hasil.dilewati.append((aktivitas_id, "Aktivitas ini baru saja diverifikasi atau diubah orang lain."))
            continue
        kejadian.append(Kejadian("aktivitas.setujui", "aktivitas", aktivitas_id, sebelum=sebelum,
                                 sesudah={"status": aktivitas.status, "versi": aktivitas.versi, "massal": True}))
        hasil.disetujui.append(aktivitas_id)
    record_many(actor, kejadian)  # last: the chain's head stays locked until the commit
    db.session.commit()
    log.info("setujui terpilih oleh pegawai %s: %d disetujui, %d dilewati", pid, len(hasil.disetujui), len(hasil.dilewati))
    return hasil


def require_verifier(actor, aktivitas_id: int) -> Aktivitas:
    """Opening an entry's verification form: 404 when it is missing or out of sight, 403 when the actor
    sees it but does not verify it (the same answers as Setujui/Kembalikan)."""
    return _load_for_verification(actor, aktivitas_id)[1]


def require_komentar(actor, aktivitas_id: int) -> Aktivitas:
    """404 when the entry is missing or out of sight; 403 when the actor sees it but does not comment."""
    aktivitas = _load(aktivitas_id)
    if aktivitas is None or not permissions.can_view_aktivitas(actor, aktivitas):
        raise NotFound()
    if not permissions.can_comment(actor, aktivitas):
        raise PermissionDenied()
    return aktivitas


def add_komentar(actor, aktivitas_id: int, isi: str | None) -> KomentarAktivitas:
    """Umpan balik on an entry, by the pegawai, their atasan chain or a delegate."""
    aktivitas = require_komentar(actor, aktivitas_id)
    isi = (isi or "").strip()
    if not isi:
        raise DomainError("isi", "Tulis umpan balik terlebih dahulu.")
    if len(isi) > KOMENTAR_MAKS:
        raise DomainError("isi", f"Umpan balik paling banyak {KOMENTAR_MAKS} karakter.")
    komentar = KomentarAktivitas(aktivitas_id=aktivitas.id, penulis_id=actor.pegawai_id, isi=isi)
    db.session.add(komentar)
    db.session.flush()
    record(actor, "aktivitas.komentar", "aktivitas", aktivitas.id, sesudah={"komentar_id": komentar.id, "isi": isi})
    pesan = f"{actor.nama_tampilan} menulis umpan balik pada aktivitas {tanggal(aktivitas.tanggal)}: {isi}"
    if actor.pegawai_id != aktivitas.pegawai_id:
        notify_pegawai(aktivitas.pegawai_id, pesan, tautan_aktivitas(aktivitas.id), jenis="aktivitas.umpan_balik")
    elif aktivitas.pegawai.atasan_id is not None:
        notify_pegawai(aktivitas.pegawai.atasan_id, pesan, tautan_aktivitas(aktivitas.id), jenis="aktivitas.umpan_balik")
    db.session.commit()
    return komentar


# ------------------------------------------------------------------ delegation (admin)

def _delegasi_dict(d: DelegasiVerifikasi) -> dict:
    return {"unit_id": d.unit_id, "verifikator_id": d.verifikator_id, "tanggal_mulai": d.tanggal_mulai.isoformat(),
            "tanggal_selesai": d.tanggal_selesai.isoformat(), "aktif": d.aktif, "keterangan": d.keterangan}


def create_delegasi(actor, unit_id: int | None, verifikator_id: int | None, tanggal_mulai: date | None,  # noqa: PLR0913  a delegasi is these fields
                    tanggal_selesai: date | None, keterangan: str | None = None) -> DelegasiVerifikasi:
    require_admin(actor)
    unit = db.session.get(UnitKerja, unit_id) if unit_id else None
    if unit is None or not unit.aktif:
        raise DomainError("unit_id", "Pilih unit kerja yang aktif.")
    verifikator = db.session.get(Pegawai, verifikator_id) if verifikator_id else None
    if verifikator is None or not verifikator.aktif:
        raise DomainError("verifikator_id", "Pilih pegawai aktif sebagai verifikator.")
    masalah = rules.masalah_rentang_delegasi(tanggal_mulai, tanggal_selesai)
    if masalah:
        raise DomainError("tanggal_selesai", masalah)
    item = DelegasiVerifikasi(unit_id=unit.id, verifikator_id=verifikator.id, tanggal_mulai=tanggal_mulai,
                              tanggal_selesai=tanggal_selesai, aktif=True,
                              keterangan=(keterangan or "").strip()[:300] or None)
    db.session.add(item)
    db.session.flush()
    record(actor, "verifikasi.delegasi", "delegasi_verifikasi", item.id, sesudah=_delegasi_dict(item))
    notify_pegawai(
        verifikator.id,
        f"Anda ditunjuk memverifikasi aktivitas pegawai {unit.nama} pada {tanggal(tanggal_mulai)}–{tanggal(tanggal_selesai)}.",
        "/verifikasi/", jenis="verifikasi.delegasi",
    )
    db.session.commit()
    return item


def end_delegasi(actor, delegasi_id: int) -> DelegasiVerifikasi:
    require_admin(actor)
    item = db.session.get(DelegasiVerifikasi, delegasi_id)
    if item is None:
        raise PermissionDenied("Delegasi tidak ditemukan.", hide=True)
    if not item.aktif:
        raise DomainError(None, "Delegasi ini sudah diakhiri.")
    sebelum = _delegasi_dict(item)
    item.aktif = False
    db.session.flush()
    record(actor, "verifikasi.delegasi", "delegasi_verifikasi", item.id, sebelum=sebelum, sesudah=_delegasi_dict(item))
    db.session.commit()
    return item
