"""RHK and IKI use cases (add, change, move, delete) on an SKP the actor owns and may edit."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from kinerja import kait
from kinerja.audit.services import record
from kinerja.errors import DomainError, NotFound
from kinerja.extensions import db
from kinerja.models import Iki, Rhk, Skp
from kinerja.referensi import PERSPEKTIF_JPT
from kinerja.skp import rules
from kinerja.skp.queries import opsi_intervensi
from kinerja.skp.services._muat import load_own_editable, load_rhk_editable


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
    skp = load_own_editable(actor, skp_id)
    values = _rhk_values(skp, data)
    rhk = Rhk(skp_id=skp.id, urutan=_next_urutan(skp.id), **values)
    db.session.add(rhk)
    db.session.flush()
    record(actor, "rhk.tambah", "rhk", rhk.id, sesudah={"skp_id": skp.id, **values})
    db.session.commit()
    return rhk


def update_rhk(actor, rhk_id: int, data: DataRhk) -> Rhk:
    rhk = load_rhk_editable(actor, rhk_id)
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
    rhk = load_rhk_editable(actor, rhk_id)
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
    rhk = load_rhk_editable(actor, rhk_id)
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
    rhk = load_rhk_editable(actor, rhk_id)
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
    load_rhk_editable(actor, iki.rhk_id)
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
