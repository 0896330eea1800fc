"""SKP use cases.  Each takes the acting user first: load, check permission, apply rules,
write, record the audit event, commit once.  Never reads request/current_user/g.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from kinerja import kait
from kinerja.audit.services import record
from kinerja.dokumen.identitas import snapshot
from kinerja.errors import PESAN_BUKAN_PEGAWAI, DomainError, NotFound, PermissionDenied
from kinerja.extensions import db
from kinerja.models import Akun, Iki, Pegawai, PerilakuSkp, Rhk, Skp, SkpVersi, TahunKinerja
from kinerja.notifikasi.services import notify, notify_pegawai
from kinerja.organisasi.permissions import pegawai_id_of
from kinerja.referensi import BERAKHLAK, PERSPEKTIF_JPT
from kinerja.skp import permissions, rules
from kinerja.skp.rules import DIAJUKAN, DISETUJUI, DRAFT
from kinerja.waktu import to_local, utcnow

log = logging.getLogger(__name__)



def _tautan(skp_id: int) -> str:
    return f"/skp/{skp_id}"


# ------------------------------------------------------------------ access (decided in kinerja.skp.permissions)


def _own(actor) -> int | None:
    return pegawai_id_of(actor)


def _penilai_of(skp: Skp) -> Pegawai | None:
    return skp.pegawai.atasan


def _load(skp_id: int, *options) -> Skp:
    skp = db.session.execute(select(Skp).where(Skp.id == skp_id).options(*options)).unique().scalar_one_or_none()
    if skp is None:
        raise NotFound()
    return skp


def _load_own_editable(actor, skp_id: int) -> Skp:
    skp = _load(skp_id, joinedload(Skp.pegawai).joinedload(Pegawai.atasan))
    permissions.require_owner(actor, skp.pegawai_id)
    problem = rules.ubah_problem(skp.status)
    if problem:
        raise DomainError(None, problem)
    return skp


def _load_rhk_editable(actor, rhk_id: int) -> Rhk:
    rhk = db.session.execute(
        select(Rhk).where(Rhk.id == rhk_id).options(selectinload(Rhk.iki))
    ).scalar_one_or_none()
    if rhk is None:
        raise NotFound()
    _load_own_editable(actor, rhk.skp_id)
    return rhk


def _page_options():
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
    stmt = select(Skp).where(Skp.id == skp_id).options(*_page_options())
    scope = permissions.skp_scope(actor)
    if scope is not None:
        stmt = stmt.where(scope)
    skp = db.session.execute(stmt).unique().scalar_one_or_none()
    if skp is None:
        raise NotFound()
    return skp


# ------------------------------------------------------------------ reading


def opsi_intervensi(pegawai: Pegawai, tahun: int) -> list[Rhk]:
    """RHK of the atasan's SKP of ``tahun`` that has been approved at least once."""
    if pegawai.atasan_id is None:
        return []
    items = db.session.execute(
        select(Rhk).join(Skp, Rhk.skp_id == Skp.id)
        .where(Skp.pegawai_id == pegawai.atasan_id, Skp.tahun == tahun, Skp.versi > 0)
        .order_by(Rhk.urutan, Rhk.id)
    ).scalars().all()
    return rules.urutkan_rhk(list(items))


def identitas(skp: Skp) -> dict:
    """Snapshots for an approved SKP; live org data otherwise (DOMAIN.md §6.6)."""
    if skp.status == DISETUJUI and skp.snapshot_pegawai:
        return {"pegawai": skp.snapshot_pegawai, "penilai": skp.snapshot_penilai or snapshot(None),
                "atasan_penilai": skp.snapshot_atasan_penilai or snapshot(None)}
    penilai = skp.pegawai.atasan
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
    editable = permissions.can_edit_skp(actor, skp)
    opsi = opsi_intervensi(skp.pegawai, skp.tahun) if editable else []
    urut = rules.urutkan_rhk(list(skp.rhk))
    kelompok = rules.kelompokkan(urut)
    nomor = {r.id: f"{k.kode}.{i}" for k in kelompok for i, r in enumerate(k.rhk, start=1)}
    ekspektasi = {p.nomor: p.ekspektasi or "" for p in skp.perilaku}
    perilaku = [(n, nama, panduan, ekspektasi.get(n, "")) for n, (nama, panduan) in enumerate(BERAKHLAK, start=1)]
    masalah = []
    if editable:
        masalah = rules.pengajuan_problems(_rhk_cek(urut), {r.id for r in opsi})
    return HalamanSkp(
        skp=skp, identitas=identitas(skp), kelompok=kelompok, nomor=nomor, perilaku=perilaku,
        can_edit=editable,
        can_approve=skp.status == DIAJUKAN and permissions.can_approve_skp(actor, skp),
        can_revise=permissions.can_revise_skp(actor, skp),
        punya_atasan=skp.pegawai.atasan_id is not None, opsi_intervensi=opsi, masalah_pengajuan=masalah,
        ekspektasi=ekspektasi,
    )


def _rhk_cek(rhk: list[Rhk]) -> list[rules.RhkCek]:
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
    own = _own(actor)
    if own is None:
        return [], []
    mine = list(db.session.execute(
        select(Skp).where(Skp.pegawai_id == own).order_by(Skp.tahun.desc())
    ).scalars())
    punya = {s.tahun for s in mine}
    kosong = [RingkasanTahun(t, None, (t - 1) in punya) for t in tahun_dibuka if t not in punya]
    return mine, kosong


# ------------------------------------------------------------------ creating


def _tahun_terbuka(tahun: int) -> None:
    ok = db.session.execute(
        select(TahunKinerja.id).where(TahunKinerja.tahun == tahun, TahunKinerja.aktif.is_(True))
    ).first()
    if not ok:
        raise DomainError("tahun", f"Tahun kinerja {tahun} belum dibuka oleh admin. Pilih tahun lain atau hubungi admin kepegawaian.")


def _pegawai_actor(actor) -> Pegawai:
    own = _own(actor)
    if own is None:
        raise PermissionDenied(PESAN_BUKAN_PEGAWAI)
    return db.session.execute(
        select(Pegawai).where(Pegawai.id == own).options(joinedload(Pegawai.jabatan), joinedload(Pegawai.atasan))
    ).unique().scalar_one()


def _new_skp(pegawai: Pegawai, tahun: int, pendekatan: str) -> Skp:
    atasan = pegawai.atasan
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
    dikosongkan = 0
    for urutan, r in enumerate(rules.urutkan_rhk(list(sumber.rhk)), start=1):
        teks = r.intervensi_teks if pegawai.atasan_id is None else None
        if r.rhk_atasan_id is not None or (r.intervensi_teks and teks is None):
            dikosongkan += 1
        baru = Rhk(jenis=r.jenis, uraian=r.uraian, urutan=urutan, rhk_atasan_id=None, intervensi_teks=teks,
                   penugasan_dari=r.penugasan_dari,
                   perspektif=r.perspektif if skp.jenis_form == rules.JENIS_FORM_JPT else None)
        for i in r.iki:
            baru.iki.append(Iki(aspek=i.aspek, indikator=i.indikator, target_teks=i.target_teks,
                                target_angka=i.target_angka, satuan=i.satuan, urutan=i.urutan))
        skp.rhk.append(baru)
    db.session.add(skp)
    db.session.flush()
    record(actor, "skp.salin", "skp", skp.id, sesudah={"pegawai_id": pegawai.id, "tahun": tahun, "dari_skp": sumber.id,
                                                         "rhk": len(skp.rhk), "intervensi_dikosongkan": dikosongkan})
    db.session.commit()
    return HasilSalin(skp, sumber.tahun, dikosongkan)


# ------------------------------------------------------------------ editing


def update_pendekatan(actor, skp_id: int, pendekatan: str | None) -> Skp:
    skp = _load_own_editable(actor, skp_id)
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


@dataclass
class DataRhk:
    jenis: str | None
    uraian: str | None
    rhk_atasan_id: int | None = None
    intervensi_teks: str | None = None
    penugasan_dari: str | None = None
    perspektif: str | None = None


def _rhk_values(skp: Skp, data: DataRhk) -> dict:
    problem = rules.rhk_problem(data.jenis, data.uraian, data.perspektif, skp.jenis_form)
    if problem:
        raise DomainError(*problem)
    rhk_atasan_id, teks = data.rhk_atasan_id, (data.intervensi_teks or "").strip() or None
    if skp.pegawai.atasan_id is None:
        if rhk_atasan_id:
            raise DomainError("rhk_atasan_id", "Anda tidak punya atasan di sistem; tuliskan sasaran organisasi yang diintervensi.")
        rhk_atasan_id = None
    else:
        teks = None
        if rhk_atasan_id is not None:
            sah = {r.id for r in opsi_intervensi(skp.pegawai, skp.tahun)}
            if rhk_atasan_id not in sah:
                raise DomainError("rhk_atasan_id", "Rencana Hasil Kerja pimpinan yang dipilih tidak ada di SKP atasan Anda "
                                                   "yang sudah disetujui. Pilih dari daftar.")
    perspektif = (data.perspektif or None) if skp.jenis_form == rules.JENIS_FORM_JPT else None
    if perspektif is not None and perspektif not in PERSPEKTIF_JPT:
        raise DomainError("perspektif", "Pilih perspektif dari daftar.")
    return {"jenis": data.jenis, "uraian": data.uraian.strip(), "rhk_atasan_id": rhk_atasan_id,
            "intervensi_teks": teks, "penugasan_dari": (data.penugasan_dari or "").strip() or None,
            "perspektif": perspektif}


def _next_urutan(skp_id: int) -> int:
    return (db.session.execute(select(func.max(Rhk.urutan)).where(Rhk.skp_id == skp_id)).scalar() or 0) + 1


def add_rhk(actor, skp_id: int, data: DataRhk) -> Rhk:
    skp = _load_own_editable(actor, skp_id)
    values = _rhk_values(skp, data)
    rhk = Rhk(skp_id=skp.id, urutan=_next_urutan(skp.id), **values)
    db.session.add(rhk)
    db.session.flush()
    record(actor, "rhk.tambah", "rhk", rhk.id, sesudah={"skp_id": skp.id, **values})
    db.session.commit()
    return rhk


def update_rhk(actor, rhk_id: int, data: DataRhk) -> Rhk:
    rhk = _load_rhk_editable(actor, rhk_id)
    skp = rhk.skp
    values = _rhk_values(skp, data)
    before = {k: getattr(rhk, k) for k in values}
    if values["jenis"] != rhk.jenis:
        values["urutan"] = _next_urutan(skp.id)
    for k, v in values.items():
        setattr(rhk, k, v)
    record(actor, "rhk.ubah", "rhk", rhk.id, sebelum=before, sesudah={k: getattr(rhk, k) for k in before})
    db.session.commit()
    return rhk


def move_rhk(actor, rhk_id: int, arah: str) -> Rhk:
    rhk = _load_rhk_editable(actor, rhk_id)
    semua = rules.urutkan_rhk(list(db.session.execute(
        select(Rhk).where(Rhk.skp_id == rhk.skp_id).order_by(Rhk.urutan, Rhk.id)).scalars()))
    baru = rules.geser([(r.id, r.jenis) for r in semua], rhk.id, arah)
    if baru != [r.id for r in semua]:
        by_id = {r.id: r for r in semua}
        for urutan, rid in enumerate(baru, start=1):
            by_id[rid].urutan = urutan
        record(actor, "rhk.pindah", "rhk", rhk.id, sesudah={"arah": arah, "urutan": baru})
        db.session.commit()
    return rhk


def rhk_usage(rhk_id: int) -> int:
    """Rows of other features that use the RHK (registered with ``kait.add_rhk_usage``)."""
    return kait.rhk_usage(rhk_id)


def delete_rhk(actor, rhk_id: int) -> int:
    rhk = _load_rhk_editable(actor, rhk_id)
    dipakai = rhk_usage(rhk.id)
    if dipakai:
        raise DomainError(None, f"Rencana Hasil Kerja ini sudah dipakai oleh {dipakai} data lain (misalnya aktivitas "
                                "harian), sehingga tidak dapat dihapus. Ubah isinya bila perlu.")
    bawahan = db.session.execute(select(func.count(Rhk.id)).where(Rhk.rhk_atasan_id == rhk.id)).scalar_one()
    if bawahan:
        raise DomainError(None, f"Rencana Hasil Kerja ini diintervensi oleh {bawahan} RHK bawahan, sehingga tidak dapat "
                                "dihapus. Minta bawahan memilih RHK lain terlebih dahulu.")
    skp_id = rhk.skp_id
    record(actor, "rhk.hapus", "rhk", rhk.id, sebelum={"skp_id": skp_id, "jenis": rhk.jenis, "uraian": rhk.uraian,
                                                         "iki": [i.indikator for i in rhk.iki]})
    db.session.delete(rhk)
    db.session.commit()
    return skp_id


@dataclass
class DataIki:
    aspek: str | None
    indikator: str | None
    target_teks: str | None
    target_angka: Decimal | None = None
    satuan: str | None = None


def _iki_values(data: DataIki) -> dict:
    problem = rules.iki_problem(data.aspek, data.indikator, data.target_teks, data.target_angka, data.satuan)
    if problem:
        raise DomainError(*problem)
    return {"aspek": data.aspek, "indikator": data.indikator.strip(), "target_teks": data.target_teks.strip(),
            "target_angka": data.target_angka, "satuan": (data.satuan or "").strip() or None}


def _audit_iki(values: dict) -> dict:
    return {**values, "target_angka": None if values["target_angka"] is None else str(values["target_angka"])}


def add_iki(actor, rhk_id: int, data: DataIki) -> Iki:
    rhk = _load_rhk_editable(actor, rhk_id)
    values = _iki_values(data)
    iki = Iki(rhk_id=rhk.id, urutan=max((i.urutan for i in rhk.iki), default=0) + 1, **values)
    db.session.add(iki)
    db.session.flush()
    record(actor, "iki.tambah", "iki", iki.id, sesudah={"rhk_id": rhk.id, **_audit_iki(values)})
    db.session.commit()
    return iki


def _load_iki_editable(actor, iki_id: int) -> Iki:
    iki = db.session.get(Iki, iki_id)
    if iki is None:
        raise NotFound()
    _load_rhk_editable(actor, iki.rhk_id)
    return iki


def update_iki(actor, iki_id: int, data: DataIki) -> Iki:
    iki = _load_iki_editable(actor, iki_id)
    values = _iki_values(data)
    before = _audit_iki({k: getattr(iki, k) for k in values})
    for k, v in values.items():
        setattr(iki, k, v)
    record(actor, "iki.ubah", "iki", iki.id, sebelum=before, sesudah=_audit_iki(values))
    db.session.commit()
    return iki


def delete_iki(actor, iki_id: int) -> int:
    iki = _load_iki_editable(actor, iki_id)
    rhk_id = iki.rhk_id
    record(actor, "iki.hapus", "iki", iki.id, sebelum={"rhk_id": rhk_id, "indikator": iki.indikator,
                                                         "target_teks": iki.target_teks})
    db.session.delete(iki)
    db.session.commit()
    return rhk_id


def update_lampiran(actor, skp_id: int, teks: dict[str, str | None]) -> Skp:
    skp = _load_own_editable(actor, skp_id)
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


# ------------------------------------------------------------------ workflow


def _load_for_workflow(skp_id: int) -> Skp:
    return _load(
        skp_id,
        joinedload(Skp.pegawai).joinedload(Pegawai.atasan).joinedload(Pegawai.atasan),
        selectinload(Skp.rhk).selectinload(Rhk.iki),
        selectinload(Skp.rhk).joinedload(Rhk.rhk_atasan),
        selectinload(Skp.perilaku),
    )


def _admin_ids() -> list[int]:
    return list(db.session.execute(select(Akun.id).where(Akun.is_admin.is_(True), Akun.aktif.is_(True))).scalars())


def submit_skp(actor, skp_id: int) -> Skp:
    skp = _load_for_workflow(skp_id)
    permissions.require_owner(actor, skp.pegawai_id)
    problem = rules.transisi_problem(skp.status, "ajukan")
    if problem:
        raise DomainError(None, problem)
    sah = {r.id for r in opsi_intervensi(skp.pegawai, skp.tahun)}
    problems = rules.pengajuan_problems(_rhk_cek(list(skp.rhk)), sah)
    if problems:
        raise DomainError(None, " ".join(problems))
    penilai = skp.pegawai.atasan
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


def approve_skp(actor, skp_id: int, ekspektasi: dict[int, str]) -> Skp:
    skp = _load_for_workflow(skp_id)
    permissions.require_approver(actor, skp)
    problem = rules.transisi_problem(skp.status, "setujui")
    if problem:
        raise DomainError(None, problem)
    kurang = rules.ekspektasi_problems(ekspektasi)
    if kurang:
        nomor = min(kurang)
        raise DomainError(f"ekspektasi_{nomor}", kurang[nomor])
    for p in skp.perilaku:
        p.ekspektasi = ekspektasi[p.nomor].strip()
    penilai = skp.pegawai.atasan
    now = utcnow()
    skp.status = rules.status_baru("setujui")
    skp.versi = (skp.versi or 0) + 1
    skp.dalam_revisi = False
    skp.disetujui_at = now
    skp.disetujui_oleh_id = actor.id
    skp.disetujui_oleh_admin = penilai is None
    skp.penilai_id = penilai.id if penilai else None
    skp.atasan_penilai_id = penilai.atasan_id if penilai else None
    skp.catatan_pengembalian = None
    skp.snapshot_pegawai = snapshot(skp.pegawai)
    skp.snapshot_penilai = snapshot(penilai)
    skp.snapshot_atasan_penilai = snapshot(penilai.atasan if penilai else None)
    isi = isi_skp(skp)
    isi["disetujui_at"] = now.isoformat()
    isi["disetujui_oleh"] = actor.nama_tampilan
    db.session.add(SkpVersi(skp_id=skp.id, versi=skp.versi, disetujui_at=now, disetujui_oleh_id=actor.id, isi=isi))
    notify_pegawai(skp.pegawai_id, f"SKP tahun {skp.tahun} Anda telah disetujui (versi {skp.versi}).",
                   _tautan(skp.id), "skp")
    record(actor, "skp.setujui", "skp", skp.id, sebelum={"status": DIAJUKAN},
           sesudah={"status": skp.status, "versi": skp.versi, "oleh_admin": skp.disetujui_oleh_admin,
                    "ekspektasi": {str(k): v for k, v in sorted(ekspektasi.items())}})
    db.session.commit()
    log.info("SKP %s disetujui (versi %s) oleh akun %s", skp.id, skp.versi, actor.id)
    return skp


def return_skp(actor, skp_id: int, catatan: str | None) -> Skp:
    skp = _load_for_workflow(skp_id)
    permissions.require_approver(actor, skp)
    problem = rules.transisi_problem(skp.status, "kembalikan")
    if problem:
        raise DomainError(None, problem)
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
    skp = _load(skp_id)
    permissions.require_owner(actor, skp.pegawai_id)
    problem = rules.transisi_problem(skp.status, "mulai_revisi")
    if problem:
        raise DomainError(None, problem)
    skp.status = rules.status_baru("mulai_revisi")
    skp.dalam_revisi = True
    record(actor, "skp.mulai_revisi", "skp", skp.id, sebelum={"status": DISETUJUI, "versi": skp.versi},
           sesudah={"status": skp.status, "dalam_revisi": True})
    db.session.commit()
    return skp


# ------------------------------------------------------------------ printing


def cetak_context(actor, skp_id: int) -> dict:
    """What templates/dokumen/skp.html needs (the PDF of form A + lampiran)."""
    skp = get_skp(actor, skp_id)
    isi = isi_skp(skp)
    disetujui = skp.status == DISETUJUI
    return {
        "skp": skp,
        "isi": isi,
        "kelompok": rules.kelompokkan(isi["rhk"], jenis_of=lambda r: r["jenis"]),
        "judul_pendekatan": rules.judul_pendekatan(skp.pendekatan),
        "judul_form": rules.JUDUL_FORM[skp.jenis_form],
        "periode_mulai": date(skp.tahun, 1, 1),
        "periode_selesai": date(skp.tahun, 12, 31),
        "tanggal_ttd": to_local(skp.disetujui_at).date() if disetujui and skp.disetujui_at else None,
        "draft": not disetujui,
    }


def skp_tahun(actor, tahun: int) -> Skp | None:
    own = _own(actor)
    if own is None:
        return None
    return db.session.execute(select(Skp).where(Skp.pegawai_id == own, Skp.tahun == tahun)).scalar_one_or_none()


# ------------------------------------------------------------------ ownership (for views, before parsing forms)


def require_owner(actor, skp_id: int) -> int:
    """NotFound when the SKP does not exist or ``actor`` may not see it; 403 unless ``actor`` owns it."""
    pegawai_id = db.session.execute(select(Skp.pegawai_id).where(Skp.id == skp_id)).scalar_one_or_none()
    permissions.require_owner(actor, pegawai_id)
    return skp_id


def require_approver(actor, skp_id: int) -> int:
    """NotFound when the SKP does not exist or ``actor`` may not see it; 403 unless ``actor`` approves it."""
    skp = _load(skp_id, joinedload(Skp.pegawai))
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
