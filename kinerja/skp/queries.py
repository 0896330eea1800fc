"""SKP read side: scoped loading, the SKP page, versions, the plain-data content of an SKP, and
ownership lookups that views make before parsing a form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from kinerja.dokumen.identitas import snapshot, snapshot_luar
from kinerja.errors import NotFound
from kinerja.extensions import db
from kinerja.models import Iki, Pegawai, Rhk, Skp, SkpVersi
from kinerja.referensi import BERAKHLAK
from kinerja.skp import permissions, rules
from kinerja.skp.permissions import can_approve, can_edit, pegawai_id_of
from kinerja.skp.rules import DIAJUKAN, DISETUJUI
from kinerja.waktu import today_local


def scope_clause(actor):
    """A WHERE clause limiting SKP to what ``actor`` may see (None for admin: everything)."""
    return permissions.skp_scope(actor)


def page_options():
    pegawai = joinedload(Skp.pegawai)
    atasan = pegawai.joinedload(Pegawai.atasan)
    return (
        pegawai.joinedload(Pegawai.jabatan), pegawai.joinedload(Pegawai.unit),
        atasan.joinedload(Pegawai.jabatan), atasan.joinedload(Pegawai.unit),
        atasan.joinedload(Pegawai.atasan).joinedload(Pegawai.jabatan),
        atasan.joinedload(Pegawai.atasan).joinedload(Pegawai.unit),
        selectinload(Skp.rhk).selectinload(Rhk.iki),
        selectinload(Skp.rhk).joinedload(Rhk.rhk_atasan),
        selectinload(Skp.perilaku),
        selectinload(Skp.riwayat).joinedload(SkpVersi.disetujui_oleh),
    )


def get_skp(actor, skp_id: int) -> Skp:
    """The SKP with everything its page shows, if ``actor`` may see it (else NotFound)."""
    stmt = select(Skp).where(Skp.id == skp_id).options(*page_options())
    scope = scope_clause(actor)
    if scope is not None:
        stmt = stmt.where(scope)
    skp = db.session.execute(stmt).unique().scalar_one_or_none()
    if skp is None:
        raise NotFound()
    return skp


def opsi_intervensi(pegawai: Pegawai, tahun: int) -> list[Rhk]:
    """RHK of the atasan's SKP of ``tahun`` that has been approved at least once."""
    if pegawai.atasan_id is None:
        return []
    items = db.session.execute(
        select(Rhk).join(Skp, Rhk.skp_id == Skp.id)
        .where(Skp.pegawai_id == pegawai.atasan_id, Skp.tahun == tahun, Skp.versi > 0,
               Skp.tanggal_selesai == date(tahun, 12, 31))  # the atasan's running SKP, not one a mutasi ended
        .order_by(Rhk.urutan, Rhk.id)
    ).scalars().all()
    return rules.urutkan_rhk(list(items))


def identitas(skp: Skp) -> dict:
    """Snapshots for an approved SKP; live org data otherwise (DOMAIN.md §6.6)."""
    if skp.status == DISETUJUI and skp.snapshot_pegawai:
        return {"pegawai": skp.snapshot_pegawai, "penilai": skp.snapshot_penilai or snapshot(None),
                "atasan_penilai": skp.snapshot_atasan_penilai or snapshot(None)}
    penilai = skp.pegawai.atasan
    if penilai is None and skp.pegawai.penilai_luar is not None:  # the top of the tree
        return {"pegawai": snapshot(skp.pegawai), "penilai": snapshot_luar(skp.pegawai.penilai_luar),
                "atasan_penilai": snapshot_luar(skp.pegawai.atasan_penilai_luar)}
    return {"pegawai": snapshot(skp.pegawai), "penilai": snapshot(penilai),
            "atasan_penilai": snapshot(penilai.atasan if penilai else None)}


def _intervensi_teks(rhk: Rhk) -> str:
    if rhk.rhk_atasan is not None:
        return rhk.rhk_atasan.uraian
    return rhk.intervensi_teks or ""


def isi_skp(skp: Skp, ident: dict | None = None) -> dict:
    """The full content of an SKP as plain data: the version JSON, the PDF and the version page."""
    ident = ident or identitas(skp)
    ekspektasi = {p.nomor: p.ekspektasi for p in skp.perilaku}
    return {
        "tahun": skp.tahun,
        "pendekatan": skp.pendekatan,
        "jenis_form": skp.jenis_form,
        "versi": skp.versi,
        "pegawai": ident["pegawai"],
        "penilai": ident["penilai"],
        "atasan_penilai": ident["atasan_penilai"],
        "disetujui_oleh_admin": bool(skp.disetujui_oleh_admin),
        "rhk": [
            {
                "id": r.id,
                "jenis": r.jenis,
                "uraian": r.uraian,
                "intervensi": _intervensi_teks(r),
                "rhk_atasan_id": r.rhk_atasan_id,
                "penugasan_dari": r.penugasan_dari or "",
                "perspektif": r.perspektif or "",
                "iki": [
                    {"aspek": i.aspek, "indikator": i.indikator, "target_teks": i.target_teks,
                     "target_angka": None if i.target_angka is None else str(i.target_angka),
                     "satuan": i.satuan or ""}
                    for i in r.iki
                ],
            }
            for r in rules.urutkan_rhk(list(skp.rhk))
        ],
        "perilaku": [
            {"nomor": n, "nama": nama, "panduan": list(panduan), "ekspektasi": ekspektasi.get(n) or ""}
            for n, (nama, panduan) in enumerate(BERAKHLAK, start=1)
        ],
        "lampiran": {k: list(getattr(skp, k) or []) for k in rules.LAMPIRAN_FIELDS},
    }


@dataclass
class HalamanSkp:
    skp: Skp
    identitas: dict
    kelompok: list
    nomor: dict
    perilaku: list
    can_edit: bool
    can_approve: bool
    can_revise: bool
    punya_atasan: bool
    opsi_intervensi: list
    masalah_pengajuan: list
    ekspektasi: dict


def halaman_skp(actor, skp_id: int) -> HalamanSkp:
    skp = get_skp(actor, skp_id)
    editable = can_edit(actor, skp)
    opsi = opsi_intervensi(skp.pegawai, skp.tahun) if editable else []
    urut = rules.urutkan_rhk(list(skp.rhk))
    kelompok = rules.kelompokkan(urut)
    nomor = {r.id: f"{k.kode}.{i}" for k in kelompok for i, r in enumerate(k.rhk, start=1)}
    ekspektasi = {p.nomor: p.ekspektasi or "" for p in skp.perilaku}
    perilaku = [(n, nama, panduan, ekspektasi.get(n, "")) for n, (nama, panduan) in enumerate(BERAKHLAK, start=1)]
    masalah = []
    if editable:
        masalah = rules.pengajuan_problems(rhk_cek(urut), {r.id for r in opsi})
    return HalamanSkp(
        skp=skp, identitas=identitas(skp), kelompok=kelompok, nomor=nomor, perilaku=perilaku,
        can_edit=editable,
        can_approve=skp.status == DIAJUKAN and can_approve(actor, skp),
        can_revise=permissions.can_revise_skp(actor, skp),
        punya_atasan=skp.pegawai.atasan_id is not None, opsi_intervensi=opsi, masalah_pengajuan=masalah,
        ekspektasi=ekspektasi,
    )


def rhk_cek(rhk: list[Rhk]) -> list[rules.RhkCek]:
    return [rules.RhkCek(r.uraian, r.jenis, len(r.iki), r.rhk_atasan_id) for r in rhk]


def get_versi(actor, skp_id: int, versi: int) -> tuple[Skp, SkpVersi]:
    skp = get_skp(actor, skp_id)
    item = next((v for v in skp.riwayat if v.versi == versi), None)
    if item is None:
        raise NotFound()
    return skp, item


@dataclass
class RingkasanTahun:
    tahun: int
    skp: Skp | None
    dapat_salin: bool


def daftar_skp_saya(actor, tahun_dibuka: list[int]) -> tuple[list[Skp], list[RingkasanTahun]]:
    """My SKPs (newest first) and the open years without one (with "Salin dari Tahun Lalu" when possible)."""
    own = pegawai_id_of(actor)
    if own is None:
        return [], []
    mine = list(db.session.execute(
        select(Skp).where(Skp.pegawai_id == own).order_by(Skp.tahun.desc(), Skp.tanggal_mulai.desc())
    ).scalars())
    punya = {s.tahun for s in mine}
    kosong = [RingkasanTahun(t, None, (t - 1) in punya) for t in tahun_dibuka if t not in punya]
    return mine, kosong


def skp_tahun(actor, tahun: int) -> Skp | None:
    own = pegawai_id_of(actor)
    if own is None:
        return None
    # Several SKPs a year after a mutasi: the one running today, else the newest.
    hari = today_local()
    return db.session.execute(
        select(Skp).where(Skp.pegawai_id == own, Skp.tahun == tahun)
        .order_by((Skp.tanggal_mulai <= hari).desc(), Skp.tanggal_mulai.desc()).limit(1)).scalar_one_or_none()


# ------------------------------------------------------------------ ownership (for views, before parsing forms)


def require_owner(actor, skp_id: int) -> int:
    """NotFound when the SKP does not exist or ``actor`` may not see it; 403 unless ``actor`` owns it."""
    pegawai_id = db.session.execute(select(Skp.pegawai_id).where(Skp.id == skp_id)).scalar_one_or_none()
    permissions.require_owner(actor, pegawai_id)
    return skp_id


def require_approver(actor, skp_id: int) -> int:
    """NotFound when the SKP does not exist or ``actor`` may not see it; 403 unless ``actor`` approves it."""
    skp = db.session.execute(select(Skp).where(Skp.id == skp_id).options(joinedload(Skp.pegawai))).scalar_one_or_none()
    if skp is None:
        raise NotFound()
    permissions.require_approver(actor, skp)
    return skp_id


def skp_id_of_rhk(actor, rhk_id: int) -> int:
    row = db.session.execute(
        select(Skp.id, Skp.pegawai_id).join(Rhk, Rhk.skp_id == Skp.id).where(Rhk.id == rhk_id)).first()
    permissions.require_owner(actor, row.pegawai_id if row else None)
    return row.id


def skp_rhk_id_of_iki(actor, iki_id: int) -> tuple[int, int]:
    row = db.session.execute(
        select(Skp.id, Skp.pegawai_id, Iki.rhk_id).join(Rhk, Rhk.skp_id == Skp.id).join(Iki, Iki.rhk_id == Rhk.id)
        .where(Iki.id == iki_id)).first()
    permissions.require_owner(actor, row.pegawai_id if row else None)
    return row.id, row.rhk_id
