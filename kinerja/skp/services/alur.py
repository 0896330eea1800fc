"""The SKP workflow: submit, approve (a new version with identity snapshots), return, revise."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from kinerja.audit.services import record
from kinerja.dokumen.identitas import snapshot, snapshot_luar
from kinerja.errors import DomainError
from kinerja.extensions import db
from kinerja.models import Akun, Pegawai, Rhk, Skp, SkpVersi
from kinerja.notifikasi.services import notify, notify_pegawai
from kinerja.skp import rules
from kinerja.skp.permissions import require_approver, require_owner
from kinerja.skp.queries import isi_skp, opsi_intervensi, rhk_cek
from kinerja.skp.rules import DIAJUKAN, DISETUJUI
from kinerja.skp.services._muat import load_skp
from kinerja.waktu import to_local, today_local, utcnow

log = logging.getLogger(__name__)


def _tautan(skp_id: int) -> str:
    return f"/skp/{skp_id}"


def _load_for_workflow(skp_id: int) -> Skp:
    return load_skp(
        skp_id,
        joinedload(Skp.pegawai).joinedload(Pegawai.atasan).joinedload(Pegawai.atasan),
        selectinload(Skp.rhk).selectinload(Rhk.iki),
        selectinload(Skp.rhk).joinedload(Rhk.rhk_atasan),
        selectinload(Skp.perilaku),
    )


def _boleh_langkah(skp: Skp, aksi: str) -> None:
    """A DomainError (no field) when the SKP's status does not allow ``aksi`` now."""
    problem = rules.transisi_problem(skp.status, aksi)
    if problem:
        raise DomainError(None, problem)


def _admin_ids() -> list[int]:
    return list(db.session.execute(select(Akun.id).where(Akun.is_admin.is_(True), Akun.aktif.is_(True))).scalars())


def submit_skp(actor, skp_id: int) -> Skp:
    skp = _load_for_workflow(skp_id)
    require_owner(actor, skp.pegawai_id)
    _boleh_langkah(skp, "ajukan")
    sah = {r.id for r in opsi_intervensi(skp.pegawai, skp.tahun)}
    problems = rules.pengajuan_problems(rhk_cek(list(skp.rhk)), sah)
    if problems:
        raise DomainError(None, " ".join(problems))
    from kinerja.atasan import atasan_efektif_id

    efektif = atasan_efektif_id(skp.pegawai)  # the atasan on record, or a Plt/Plh while it runs
    penilai = db.session.get(Pegawai, efektif) if efektif is not None else None
    before = skp.status
    skp.status = rules.status_baru("ajukan")
    skp.diajukan_at = utcnow()
    skp.penilai_id = penilai.id if penilai else None
    skp.atasan_penilai_id = penilai.atasan_id if penilai else None
    skp.catatan_pengembalian = None
    pesan = f"{skp.pegawai.nama} mengajukan SKP tahun {skp.tahun}{' (revisi)' if skp.dalam_revisi else ''} untuk disetujui."
    if penilai is not None:
        notify_pegawai(penilai.id, pesan, _tautan(skp.id), "skp")
    else:
        for akun_id in _admin_ids():
            notify(akun_id, pesan, _tautan(skp.id), "skp")
    record(actor, "skp.ajukan", "skp", skp.id, sebelum={"status": before},
           sesudah={"status": skp.status, "penilai_id": skp.penilai_id, "dalam_revisi": skp.dalam_revisi})
    db.session.commit()
    log.info("SKP %s diajukan oleh akun %s", skp.id, actor.id)
    return skp


def _load_for_decision(actor, skp_id: int, aksi: str) -> Skp:
    """The SKP the atasan (or admin) approves or returns, in a state that allows ``aksi``."""
    skp = _load_for_workflow(skp_id)
    require_approver(actor, skp)
    _boleh_langkah(skp, aksi)
    return skp


@dataclass
class Kertas:
    """The paper approval of a top-of-tree SKP: the date the official signed, and the scan."""

    tanggal: date | None
    nama_berkas: str | None
    data: bytes


def kertas_diperlukan(actor, skp: Skp) -> bool:
    """The admin approves the top of the tree only by recording the official's paper approval."""
    return skp.pegawai.atasan_id is None and bool(getattr(actor, "is_admin", False))


def approve_skp(actor, skp_id: int, ekspektasi: dict[int, str], kertas: Kertas | None = None) -> Skp:
    skp = _load_for_decision(actor, skp_id, "setujui")
    kurang = rules.ekspektasi_problems(ekspektasi)
    problems = [(f"ekspektasi_{nomor}", kurang[nomor]) for nomor in sorted(kurang)]
    catatan_kertas = None
    if kertas_diperlukan(actor, skp):
        kertas = kertas or Kertas(None, None, b"")
        diajukan = to_local(skp.diajukan_at).date() if skp.diajukan_at else None
        problems += rules.persetujuan_kertas_problems(kertas.tanggal, bool(kertas.data), today_local(), diajukan)
    if problems:  # every problem at once, each on its own field
        raise DomainError.semua(problems)
    if kertas_diperlukan(actor, skp):
        from kinerja.unggahan import simpan_pindaian

        nama, sha = simpan_pindaian(kertas.nama_berkas, kertas.data, f"skp-{skp.id}")
        skp.persetujuan_kertas_tanggal, skp.persetujuan_kertas_pindaian = kertas.tanggal, nama
        catatan_kertas = {"tanggal": kertas.tanggal.isoformat(), "pindaian_sha256": sha}
    for p in skp.perilaku:  # optional ("dapat diberikan"): an empty one is stored as none
        p.ekspektasi = (ekspektasi.get(p.nomor) or "").strip() or None
    from kinerja.atasan import atasan_efektif_id
    from kinerja.dokumen.identitas import snapshot_pada, snapshot_penandatangan

    efektif = atasan_efektif_id(skp.pegawai)  # the new atasan after a mutasi, or a Plt/Plh
    penilai = db.session.get(Pegawai, efektif) if efektif is not None else None
    now = utcnow()
    skp.status = rules.status_baru("setujui")
    skp.versi = (skp.versi or 0) + 1
    skp.dalam_revisi = False
    skp.disetujui_at = now
    skp.disetujui_oleh_id = actor.id
    skp.disetujui_oleh_admin = penilai is None and bool(getattr(actor, "is_admin", False))
    skp.penilai_id = penilai.id if penilai else None
    skp.atasan_penilai_id = penilai.atasan_id if penilai else None
    skp.penilai_luar_id = skp.pegawai.penilai_luar_id if penilai is None else None
    skp.catatan_pengembalian = None
    skp.snapshot_pegawai = snapshot_pada(skp.pegawai, min(today_local(), skp.tanggal_selesai))  # as of its dates
    if penilai is None and skp.pegawai.penilai_luar is not None:  # the top of the tree (outside the dinas)
        skp.snapshot_penilai = snapshot_luar(skp.pegawai.penilai_luar)
        skp.snapshot_atasan_penilai = snapshot_luar(skp.pegawai.atasan_penilai_luar)
    else:
        skp.snapshot_penilai = snapshot_penandatangan(penilai, skp.pegawai)
        skp.snapshot_atasan_penilai = snapshot(penilai.atasan if penilai else None)
    isi = isi_skp(skp)
    isi["disetujui_at"] = now.isoformat()
    isi["disetujui_oleh"] = actor.nama_tampilan
    if catatan_kertas:
        isi["persetujuan_kertas"] = catatan_kertas
    db.session.add(SkpVersi(skp_id=skp.id, versi=skp.versi, disetujui_at=now, disetujui_oleh_id=actor.id, isi=isi))
    notify_pegawai(skp.pegawai_id, f"SKP tahun {skp.tahun} Anda telah disetujui (versi {skp.versi}).",
                   _tautan(skp.id), "skp")
    record(actor, "skp.setujui", "skp", skp.id, sebelum={"status": DIAJUKAN},
           sesudah={"status": skp.status, "versi": skp.versi, "oleh_admin": skp.disetujui_oleh_admin,
                    "ekspektasi": {str(k): v for k, v in sorted(ekspektasi.items())},
                    **({"kertas": catatan_kertas} if catatan_kertas else {})})
    db.session.commit()
    log.info("SKP %s disetujui (versi %s) oleh akun %s", skp.id, skp.versi, actor.id)
    return skp


def return_skp(actor, skp_id: int, catatan: str | None) -> Skp:
    skp = _load_for_decision(actor, skp_id, "kembalikan")
    catatan = (catatan or "").strip()
    if not catatan:
        raise DomainError("catatan", "Tuliskan catatan: apa yang perlu diperbaiki pegawai.")
    skp.status = rules.status_baru("kembalikan")
    skp.catatan_pengembalian = catatan
    notify_pegawai(skp.pegawai_id, f"SKP tahun {skp.tahun} Anda dikembalikan untuk diperbaiki: {rules.ringkas(catatan, 120)}",
                   _tautan(skp.id), "skp")
    record(actor, "skp.kembalikan", "skp", skp.id, sebelum={"status": DIAJUKAN},
           sesudah={"status": skp.status, "catatan": catatan})
    db.session.commit()
    return skp


def start_revision(actor, skp_id: int) -> Skp:
    skp = load_skp(skp_id)
    require_owner(actor, skp.pegawai_id)
    _boleh_langkah(skp, "mulai_revisi")
    skp.status = rules.status_baru("mulai_revisi")
    skp.dalam_revisi = True
    record(actor, "skp.mulai_revisi", "skp", skp.id, sebelum={"status": DISETUJUI, "versi": skp.versi},
           sesudah={"status": skp.status, "dalam_revisi": True})
    db.session.commit()
    return skp
