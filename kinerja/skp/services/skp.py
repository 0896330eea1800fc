"""SKP use cases on the SKP itself: create, copy from last year, change pendekatan and lampiran.
Each takes the acting user first: load, check permission, apply rules, write, record the audit
event, commit once.  Never reads request/current_user/g.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from kinerja.audit.services import record
from kinerja.errors import PESAN_BUKAN_PEGAWAI, DomainError, PermissionDenied
from kinerja.extensions import db
from kinerja.models import Iki, Pegawai, PerilakuSkp, Rhk, Skp, TahunKinerja
from kinerja.referensi import BERAKHLAK
from kinerja.skp import rules
from kinerja.skp.permissions import pegawai_id_of
from kinerja.skp.rules import DRAFT
from kinerja.skp.services._muat import load_own_editable

log = logging.getLogger(__name__)


def _tahun_terbuka(tahun: int) -> None:
    ok = db.session.execute(
        select(TahunKinerja.id).where(TahunKinerja.tahun == tahun, TahunKinerja.aktif.is_(True))
    ).first()
    if not ok:
        raise DomainError("tahun", f"Tahun kinerja {tahun} belum dibuka oleh admin. Pilih tahun lain atau hubungi admin kepegawaian.")


def _pegawai_actor(actor) -> Pegawai:
    own = pegawai_id_of(actor)
    if own is None:
        raise PermissionDenied(PESAN_BUKAN_PEGAWAI)
    return db.session.execute(
        select(Pegawai).where(Pegawai.id == own).options(joinedload(Pegawai.jabatan), joinedload(Pegawai.atasan))
    ).unique().scalar_one()


def _new_skp(pegawai: Pegawai, tahun: int, pendekatan: str) -> Skp:
    from kinerja.atasan import atasan_efektif_id

    efektif = atasan_efektif_id(pegawai)  # the new atasan after a mutasi, or a Plt/Plh
    atasan = db.session.get(Pegawai, efektif) if efektif is not None else None
    skp = Skp(
        pegawai=pegawai, tahun=tahun, pendekatan=pendekatan,
        jenis_form=rules.jenis_form_untuk(pegawai.jabatan.jenis if pegawai.jabatan else None),
        status=DRAFT, penilai_id=atasan.id if atasan else None,
        atasan_penilai_id=atasan.atasan_id if atasan else None, versi=0, dalam_revisi=False,
        disetujui_oleh_admin=False, **rules.lampiran_bawaan(),
    )
    for nomor in range(1, len(BERAKHLAK) + 1):
        skp.perilaku.append(PerilakuSkp(nomor=nomor))
    return skp


def _check_new(pegawai: Pegawai, tahun: int | None) -> None:
    if tahun is None:
        raise DomainError("tahun", "Pilih tahun SKP.")
    _tahun_terbuka(tahun)
    dup = db.session.execute(select(Skp.id).where(Skp.pegawai_id == pegawai.id, Skp.tahun == tahun)).first()
    if dup and _skp_terakhir(pegawai.id, tahun).tanggal_selesai < date(tahun, 12, 31):
        raise DomainError("tahun", f"SKP tahun {tahun} Anda berakhir karena mutasi. Gunakan "
                                   "\u201cMulai SKP Jabatan Baru\u201d.")
    if dup:
        raise DomainError("tahun", f"Anda sudah punya SKP tahun {tahun}. Buka SKP tersebut untuk mengubahnya.")


def create_skp(actor, tahun: int | None, pendekatan: str | None) -> Skp:
    pegawai = _pegawai_actor(actor)
    _check_new(pegawai, tahun)
    problem = rules.pendekatan_problem(pendekatan)
    if problem:
        raise DomainError("pendekatan", problem)
    skp = _new_skp(pegawai, tahun, pendekatan)
    db.session.add(skp)
    db.session.flush()
    record(actor, "skp.buat", "skp", skp.id, sesudah={"pegawai_id": pegawai.id, "tahun": tahun,
                                                        "pendekatan": pendekatan, "jenis_form": skp.jenis_form})
    db.session.commit()
    log.info("SKP %s (%s) dibuat oleh akun %s", skp.id, tahun, actor.id)
    return skp


@dataclass
class HasilSalin:
    skp: Skp
    sumber_tahun: int
    intervensi_dikosongkan: int
    aktivitas_dipindah: int = 0


def _salin_rhk(skp: Skp, sumber: Skp, pegawai, pertahankan_tautan: bool) -> int:
    """Copy ``sumber``'s RHK (with their IKI) into ``skp``; the links to the atasan's RHK are kept only when
    ``pertahankan_tautan`` (same atasan), the intervention text only at the top of the tree.  Returns how many
    RHK lost their link or text (the pegawai re-links them)."""
    dikosongkan = 0
    for urutan, r in enumerate(rules.urutkan_rhk(list(sumber.rhk)), start=1):
        tautan = r.rhk_atasan_id if pertahankan_tautan else None
        teks = r.intervensi_teks if pegawai.atasan_id is None else None
        if (r.rhk_atasan_id is not None and tautan is None) or (r.intervensi_teks and teks is None):
            dikosongkan += 1
        baru = Rhk(jenis=r.jenis, uraian=r.uraian, urutan=urutan, rhk_atasan_id=tautan, intervensi_teks=teks,
                   penugasan_dari=r.penugasan_dari,
                   perspektif=r.perspektif if skp.jenis_form == rules.JENIS_FORM_JPT else None)
        for i in r.iki:
            baru.iki.append(Iki(aspek=i.aspek, indikator=i.indikator, target_teks=i.target_teks,
                                target_angka=i.target_angka, satuan=i.satuan, urutan=i.urutan))
        skp.rhk.append(baru)
    return dikosongkan


def copy_skp(actor, tahun: int | None) -> HasilSalin:
    """This year's SKP from last year's: RHK, IKI and lampiran; intervensi links are cleared."""
    pegawai = _pegawai_actor(actor)
    _check_new(pegawai, tahun)
    sumber = db.session.execute(
        select(Skp).where(Skp.pegawai_id == pegawai.id, Skp.tahun == tahun - 1)
        .options(selectinload(Skp.rhk).selectinload(Rhk.iki))
    ).scalar_one_or_none()
    if sumber is None:
        raise DomainError("tahun", f"Belum ada SKP tahun {tahun - 1} untuk disalin. Gunakan \u201cBuat SKP\u201d.")
    skp = _new_skp(pegawai, tahun, sumber.pendekatan)
    for k in rules.LAMPIRAN_FIELDS:
        setattr(skp, k, list(getattr(sumber, k) or []))
    dikosongkan = _salin_rhk(skp, sumber, pegawai, pertahankan_tautan=False)
    db.session.add(skp)
    db.session.flush()
    record(actor, "skp.salin", "skp", skp.id, sesudah={"pegawai_id": pegawai.id, "tahun": tahun, "dari_skp": sumber.id,
                                                         "rhk": len(skp.rhk), "intervensi_dikosongkan": dikosongkan})
    db.session.commit()
    return HasilSalin(skp, sumber.tahun, dikosongkan)


def _skp_terakhir(pegawai_id: int, tahun: int) -> Skp | None:
    return db.session.execute(
        select(Skp).where(Skp.pegawai_id == pegawai_id, Skp.tahun == tahun).order_by(Skp.tanggal_mulai.desc())
        .limit(1).options(selectinload(Skp.rhk).selectinload(Rhk.iki))).scalar_one_or_none()


def create_skp_lanjutan(actor, tahun: int | None) -> HasilSalin:
    """"Mulai SKP Jabatan Baru" after a mutasi/promosi/ganti atasan (issue #11 §1): a new SKP from the
    day after the previous one ended to 31 December, with what still applies copied (RHK, IKI,
    lampiran; links to the old atasan's RHK are cleared when the atasan changed).  It is approved
    by the new atasan."""
    from datetime import timedelta

    pegawai = _pegawai_actor(actor)
    if tahun is None:
        raise DomainError("tahun", "Pilih tahun SKP.")
    _tahun_terbuka(tahun)
    sumber = _skp_terakhir(pegawai.id, tahun)
    if sumber is None or sumber.tanggal_selesai >= date(tahun, 12, 31):
        raise DomainError("tahun", "SKP jabatan baru dibuat setelah admin mencatat mutasi, promosi, atau "
                                   "pergantian atasan yang mengakhiri SKP Anda yang berjalan.")
    skp = _new_skp(pegawai, tahun, sumber.pendekatan)
    skp.tanggal_mulai = sumber.tanggal_selesai + timedelta(days=1)
    skp.tanggal_selesai = date(tahun, 12, 31)
    for k in rules.LAMPIRAN_FIELDS:
        setattr(skp, k, list(getattr(sumber, k) or []))
    atasan_sama = sumber.penilai_id is not None and sumber.penilai_id == pegawai.atasan_id
    dikosongkan = _salin_rhk(skp, sumber, pegawai, pertahankan_tautan=atasan_sama)
    db.session.add(skp)
    db.session.flush()
    peta = {lama.id: baru.id for lama, baru in zip(rules.urutkan_rhk(list(sumber.rhk)), skp.rhk, strict=True)}
    dipindah = _pindahkan_aktivitas(pegawai.id, skp.tanggal_mulai, peta)
    record(actor, "skp.lanjutan", "skp", skp.id, sesudah={
        "pegawai_id": pegawai.id, "tahun": tahun, "dari_skp": sumber.id, "tanggal_mulai": skp.tanggal_mulai.isoformat(),
        "tanggal_selesai": skp.tanggal_selesai.isoformat(), "penilai_id": skp.penilai_id, "rhk": len(skp.rhk),
        "intervensi_dikosongkan": dikosongkan, "aktivitas_dipindah": dipindah})
    db.session.commit()
    return HasilSalin(skp, sumber.tahun, dikosongkan, dipindah)


def _pindahkan_aktivitas(pegawai_id: int, mulai: date, peta: dict[int, int]) -> int:
    """A mutasi recorded after its effective date (berlaku surut, docs/MUTASI.md): the entries dated on or
    after the new SKP's first day that still point to an RHK of the old SKP move to its copy in the new SKP
    (status kept; a rencana aksi of the old RHK no longer applies and is cleared).  Returns how many moved."""
    from kinerja.models import Aktivitas

    items = db.session.execute(select(Aktivitas).where(
        Aktivitas.pegawai_id == pegawai_id, Aktivitas.tanggal >= mulai, Aktivitas.rhk_id.in_(list(peta)))).scalars().all()
    for a in items:
        a.rhk_id, a.rencana_aksi_id = peta[a.rhk_id], None
    return len(items)


def update_pendekatan(actor, skp_id: int, pendekatan: str | None) -> Skp:
    skp = load_own_editable(actor, skp_id)
    problem = rules.pendekatan_problem(pendekatan)
    if problem:
        raise DomainError("pendekatan", problem)
    if skp.pendekatan != pendekatan:
        before = skp.pendekatan
        skp.pendekatan = pendekatan
        record(actor, "skp.ubah_pendekatan", "skp", skp.id, sebelum={"pendekatan": before},
               sesudah={"pendekatan": pendekatan})
        db.session.commit()
    return skp


def update_lampiran(actor, skp_id: int, teks: dict[str, str | None]) -> Skp:
    skp = load_own_editable(actor, skp_id)
    baru = {}
    for k in rules.LAMPIRAN_FIELDS:
        butir = rules.baris_ke_daftar(teks.get(k))
        problem = rules.lampiran_problem(k, butir)
        if problem:
            raise DomainError(k, problem)
        baru[k] = butir
    before = {k: list(getattr(skp, k) or []) for k in rules.LAMPIRAN_FIELDS}
    for k, v in baru.items():
        setattr(skp, k, v)
    record(actor, "skp.ubah_lampiran", "skp", skp.id, sebelum=before, sesudah=baru)
    db.session.commit()
    return skp
