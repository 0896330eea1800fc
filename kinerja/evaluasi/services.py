"""Evaluasi use cases.  Each takes the acting user first, checks, applies the rules, audits, commits once."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from kinerja.akses import pegawai_id_of, require_admin
from kinerja.akun.services import confirm_password
from kinerja.audit.services import record
from kinerja.dokumen.identitas import snapshot, snapshot_luar
from kinerja.errors import DomainError, NotFound, PermissionDenied
from kinerja.evaluasi import dokumen, rules
from kinerja.evaluasi import snapshot as isi_skp
from kinerja.evaluasi.permissions import (
    can_decide_keberatan,
    can_set_capaian,
    is_pegawai_of,
    is_penilai_of,
)
from kinerja.evaluasi.queries import capaian_efektif, get_visible
from kinerja.extensions import db
from kinerja.models import (
    Akun,
    CapaianOrganisasi,
    DokumenEvaluasi,
    Evaluasi,
    Pegawai,
    Periode,
    RealisasiRhk,
    Skp,
    UmpanBalikPerilaku,
    UnitKerja,
)
from kinerja.notifikasi.services import notify, notify_pegawai
from kinerja.organisasi.permissions import is_admin
from kinerja.referensi import BERAKHLAK, CAPAIAN_ORGANISASI, RATING
from kinerja.skp.versi import versi_terakhir_banyak
from kinerja.waktu import tanggal, to_local, today_local, utcnow

log = logging.getLogger(__name__)

MAKS_TAUTAN = 10
MAKS_TEKS = 4000


def _step(ev: Evaluasi, aksi: str) -> str:
    try:
        return rules.transisi(ev.status, aksi)
    except rules.AturanError as err:
        raise DomainError(None, str(err)) from err


def _commit() -> None:
    try:
        db.session.commit()
    except StaleDataError as err:
        db.session.rollback()
        raise DomainError(None, "Evaluasi ini baru saja diubah orang lain. Muat ulang halaman lalu coba lagi.") from err


def _penerima(pejabat_id: int | None, bawahan: Pegawai | None) -> int | None:
    """Who receives the stored ``pejabat_id``'s notice about ``bawahan``: the Plt/Plh acting for him
    today (evaluasi.permissions: the same rule), else himself."""
    from kinerja.atasan import atasan_efektif_id, digantikan

    if pejabat_id is not None and bawahan is not None and digantikan(pejabat_id, bawahan):
        return atasan_efektif_id(bawahan)
    return pejabat_id


def _notify_penilai(ev: Evaluasi, pesan: str) -> None:
    """The penilai inside the dinas (or the Plt/Plh acting for him), or the account of the official
    outside it (if they have one)."""
    if ev.penilai_id:
        notify_pegawai(_penerima(ev.penilai_id, ev.pegawai), pesan, _tautan(ev.id), "evaluasi")
    elif ev.penilai_luar_id:
        akun_id = db.session.execute(select(Akun.id).where(Akun.pejabat_luar_id == ev.penilai_luar_id)).scalar()
        if akun_id is not None:
            notify(akun_id, pesan, _tautan(ev.id), "evaluasi")


def _tautan(ev_id: int) -> str:
    return f"/evaluasi/{ev_id}"


def _zona() -> str:
    from kinerja.organisasi.services import get_instansi

    return get_instansi().zona_waktu


def _teks(value: str | None, field_name: str, label: str, wajib: bool = False) -> str | None:
    value = (value or "").strip()
    if wajib and not value:
        raise DomainError(field_name, f"{label} wajib diisi.")
    if len(value) > MAKS_TEKS:
        raise DomainError(field_name, f"{label} paling banyak {MAKS_TEKS} karakter.")
    return value or None


# ------------------------------------------------------------------ opening (admin)

@dataclass(frozen=True)
class HasilBuka:
    dibuat: int
    sudah_ada: int


def open_evaluasi(actor, periode_id: int) -> HasilBuka:
    """"Buka Evaluasi": one evaluation per pegawai with an SKP approved at least once that year.

    Idempotent: running it again adds only those who arrived since (newly approved SKPs).
    """
    require_admin(actor)
    periode = db.session.get(Periode, periode_id)
    if periode is None:
        raise DomainError(None, "Periode tidak ditemukan.")
    existing = {ev.skp_id: ev for ev in db.session.execute(
        select(Evaluasi).where(Evaluasi.periode_id == periode.id)).scalars()}
    # Every SKP active in the period (several after a mutasi/promosi, issue #11 §1).
    skps = db.session.execute(
        select(Skp).join(Pegawai, Skp.pegawai_id == Pegawai.id)
        .where(Skp.tahun == periode.tahun, Skp.versi > 0, Pegawai.aktif.is_(True),
               Skp.tanggal_mulai <= periode.tanggal_selesai, Skp.tanggal_selesai >= periode.tanggal_mulai)
        .options(selectinload(Skp.pegawai).selectinload(Pegawai.atasan)).order_by(Skp.id)
    ).scalars().all()
    baru, dilengkapi = [], 0
    terakhir = versi_terakhir_banyak([skp.id for skp in skps if skp.id not in existing])
    # The loop reads SKP versions and positions, never Evaluasi: without autoflush the new rows are
    # written once at the end instead of the pending ones at every read (10,000 SKPs: 12 min → seconds).
    with db.session.no_autoflush:
        for skp in skps:
            if skp.id in existing:
                # An official outside the dinas recorded after opening: fill in who was missing.
                if _lengkapi_penilai(existing[skp.id], skp.pegawai):
                    dilengkapi += 1
                continue
            ev = _evaluasi_baru(periode, skp)
            db.session.add(ev)
            # the SKP content as approved, frozen for this evaluation
            isi_skp.ambil(ev, skp, terakhir=terakhir.get(skp.id))
            baru.append(ev)
            existing[skp.id] = ev
    db.session.flush()  # persistent now: _tetapkan_penentu reads ev.skp
    _tetapkan_penentu(periode, list(existing.values()))
    db.session.flush()
    akun_of = dict(db.session.execute(
        select(Akun.pegawai_id, Akun.id).where(Akun.pegawai_id.in_([ev.pegawai_id for ev in baru]))
    ).all()) if baru else {}
    for ev in baru:
        notify(akun_of.get(ev.pegawai_id), f"Evaluasi {periode.nama} {periode.tahun} dibuka. Isi realisasi Anda.",
               _tautan(ev.id), "evaluasi")
    record(actor, "evaluasi.buka", "periode", periode.id,
           sesudah={"dibuat": len(baru), "sudah_ada": len(skps) - len(baru), "penilai_dilengkapi": dilengkapi})
    db.session.commit()
    log.info("evaluasi periode %s dibuka: %d baru (akun %s)", periode.id, len(baru), actor.id)
    return HasilBuka(len(baru), len(skps) - len(baru))


def open_evaluasi_skp(actor, periode_id: int, skp_id: int) -> Evaluasi:
    """Open the evaluation of ONE SKP in a period (e.g. the new SKP after a mutasi, when the period
    was opened before it was approved); "Buka Evaluasi" does the same for everybody."""
    require_admin(actor)
    periode, skp = db.session.get(Periode, periode_id), db.session.get(Skp, skp_id)
    if periode is None or skp is None:
        raise NotFound()
    if skp.versi == 0 or skp.tahun != periode.tahun or not (
            skp.tanggal_mulai <= periode.tanggal_selesai and skp.tanggal_selesai >= periode.tanggal_mulai):
        raise DomainError(None, "SKP ini belum disetujui atau tidak berlaku dalam periode tersebut.")
    ev = db.session.execute(select(Evaluasi).where(Evaluasi.periode_id == periode.id, Evaluasi.skp_id == skp.id)
                            ).scalar_one_or_none()
    if ev is not None:
        return ev
    ev = _evaluasi_baru(periode, skp)
    db.session.add(ev)
    isi_skp.ambil(ev, skp)
    _tetapkan_penentu(periode, list(db.session.execute(select(Evaluasi).where(
        Evaluasi.periode_id == periode.id, Evaluasi.pegawai_id == skp.pegawai_id)).scalars()) + [ev])
    db.session.flush()
    record(actor, "evaluasi.buka_skp", "evaluasi", ev.id, sesudah={"periode_id": periode.id, "skp_id": skp.id})
    notify_pegawai(skp.pegawai_id, f"Evaluasi {periode.nama} {periode.tahun} dibuka. Isi realisasi Anda.",
                   _tautan(ev.id), "evaluasi")
    db.session.commit()
    return ev


def _evaluasi_baru(periode: Periode, skp: Skp) -> Evaluasi:
    """The evaluation of one SKP: rated by that SKP's penilai.  An SKP a mutasi ended keeps the penilai
    who approved it (he evaluates the part he supervised) and the unit of its time; the running SKP
    is rated by the pegawai's atasan now."""
    from kinerja.atasan import posisi_pada

    pegawai = skp.pegawai
    berakhir = skp.tanggal_selesai < date(skp.tahun, 12, 31)
    if berakhir and skp.penilai is not None:
        penilai = skp.penilai
    else:
        penilai = pegawai.atasan if pegawai.atasan is not None else skp.penilai
    riwayat = posisi_pada(pegawai.id, skp.tanggal_selesai) if berakhir else None
    unit_id = riwayat.unit_id if riwayat is not None else pegawai.unit_id
    kepala = riwayat.pimpinan if riwayat is not None else pegawai.pimpinan
    ev = Evaluasi(periode_id=periode.id, pegawai_id=pegawai.id, skp_id=skp.id,
                  penilai_id=penilai.id if penilai else None,
                  atasan_penilai_id=penilai.atasan_id if penilai else None,
                  unit_id=unit_id, kepala_unit=bool(kepala), status=rules.DRAFT,
                  kode=secrets.token_urlsafe(12), riwayat_dokumen=[], penentu_predikat=True,
                  penentu_dipilih_admin=False)
    _lengkapi_penilai(ev, pegawai, penilai)
    return ev


def _tetapkan_penentu(periode: Periode, evaluasi: list[Evaluasi]) -> None:
    """Several evaluations of one pegawai in the period: the predikat of the SKP covering most of the
    period is his predikat for the period (kinerja.aturan_jabatan), unless the admin chose another."""
    from kinerja import aturan_jabatan as mutasi_rules

    per_pegawai: dict[int, list[Evaluasi]] = {}
    for ev in evaluasi:
        per_pegawai.setdefault(ev.pegawai_id, []).append(ev)
    for daftar in per_pegawai.values():
        if len(daftar) < 2 or any(ev.penentu_dipilih_admin for ev in daftar):
            continue
        rentang = [mutasi_rules.RentangSkp(ev.skp_id, ev.skp.tanggal_mulai, ev.skp.tanggal_selesai) for ev in daftar]
        penentu = mutasi_rules.skp_penentu_predikat(rentang, periode.tanggal_mulai, periode.tanggal_selesai)
        for ev in daftar:
            ev.penentu_predikat = ev.skp_id == penentu


def pilih_penentu_predikat(actor, evaluasi_id: int) -> Evaluasi:
    """The admin chooses which evaluation's predikat is the pegawai's predikat for the period."""
    require_admin(actor)
    ev = db.session.get(Evaluasi, evaluasi_id)
    if ev is None:
        raise NotFound()
    lain = db.session.execute(select(Evaluasi).where(Evaluasi.periode_id == ev.periode_id,
                                                     Evaluasi.pegawai_id == ev.pegawai_id)).scalars().all()
    if len(lain) < 2:
        raise DomainError(None, "Pegawai ini hanya punya satu evaluasi pada periode ini.")
    sebelum = next((e.id for e in lain if e.penentu_predikat), None)
    for e in lain:
        e.penentu_predikat = e.id == ev.id
        e.penentu_dipilih_admin = True
    record(actor, "evaluasi.penentu_predikat", "evaluasi", ev.id, sebelum={"penentu": sebelum},
           sesudah={"penentu": ev.id, "pegawai_id": ev.pegawai_id, "periode_id": ev.periode_id})
    _commit()
    return ev


def _lengkapi_penilai(ev: Evaluasi, pegawai: Pegawai, penilai: Pegawai | None = None) -> bool:
    """The top of the tree: the penilai / atasan penilai outside the dinas, while nobody has signed.
    True when something was filled in."""
    if ev.ttd_pegawai_at is not None or ev.ttd_penilai_at is not None:
        return False
    penilai = penilai if penilai is not None else (db.session.get(Pegawai, ev.penilai_id) if ev.penilai_id else None)
    changed = False
    if ev.penilai_id is None and ev.penilai_luar_id is None and pegawai.penilai_luar_id is not None:
        ev.penilai_luar_id, ev.atasan_penilai_luar_id = pegawai.penilai_luar_id, pegawai.atasan_penilai_luar_id
        changed = True
    if (penilai is not None and ev.atasan_penilai_id is None and ev.atasan_penilai_luar_id is None
            and penilai.atasan_id is None and penilai.penilai_luar_id is not None):
        ev.atasan_penilai_luar_id = penilai.penilai_luar_id  # e.g. the Sekda above a kepala bidang's penilai
        changed = True
    return changed


def set_batas_pengisian(actor, evaluasi_id: int, batas: date | None) -> Evaluasi:
    """Admin extends (or clears) one person's filling deadline."""
    ev = get_visible(actor, evaluasi_id)  # 404 first: what you may not see does not exist
    require_admin(actor)
    if ev.status != rules.DRAFT:
        raise DomainError("batas", "Perpanjangan hanya untuk evaluasi yang realisasinya belum diajukan.")
    if batas is not None and batas < ev.periode.tanggal_mulai:
        raise DomainError("batas", "Batas pengisian tidak boleh sebelum awal periode.")
    before = ev.batas_pengisian_khusus
    ev.batas_pengisian_khusus = batas
    record(actor, "evaluasi.batas_pengisian", "evaluasi", ev.id,
           sebelum={"batas": before.isoformat() if before else None},
           sesudah={"batas": batas.isoformat() if batas else None})
    notify_pegawai(ev.pegawai_id, f"Batas pengisian realisasi {ev.periode.nama} diperpanjang.", _tautan(ev.id), "evaluasi")
    _commit()
    return ev


def batas_pengisian(ev: Evaluasi) -> date:
    return rules.batas_pengisian_efektif(ev.periode.batas_pengisian, ev.batas_pengisian_khusus)


# ------------------------------------------------------------------ capaian kinerja organisasi

def set_capaian_organisasi(actor, unit_id: int, periode_id: int, capaian: str) -> CapaianOrganisasi:
    unit = db.session.get(UnitKerja, unit_id)
    periode = db.session.get(Periode, periode_id)
    if unit is None or periode is None:
        raise NotFound()
    if not can_set_capaian(actor, unit):
        if is_admin(actor):
            raise PermissionDenied("Admin hanya mencatat capaian kinerja organisasi dinas (unit tertinggi) atas nama "
                                   "pejabat penilainya; capaian unit ini ditetapkan oleh pimpinan unit di atasnya.")
        raise PermissionDenied("Capaian kinerja organisasi suatu unit ditetapkan oleh pimpinan unit di atasnya, "
                               "bukan oleh pimpinan unit itu sendiri.")
    if capaian not in CAPAIAN_ORGANISASI:
        raise DomainError("capaian", "Pilih capaian kinerja organisasi.")
    item = db.session.execute(
        select(CapaianOrganisasi).where(CapaianOrganisasi.unit_id == unit_id, CapaianOrganisasi.periode_id == periode_id)
    ).scalar_one_or_none()
    if item is not None and item.ttd_at is not None:
        raise DomainError("capaian", "Penetapan Predikat Kinerja unit ini sudah ditandatangani; capaiannya tidak "
                                     "dapat diubah lagi.")
    before = item.capaian if item else None
    penetap = _penetap(actor, unit)
    if item is None:
        item = CapaianOrganisasi(unit_id=unit_id, periode_id=periode_id)
        db.session.add(item)
    item.capaian, item.ditetapkan_oleh_id, item.penetap = capaian, actor.id, penetap
    db.session.flush()
    record(actor, "evaluasi.capaian_organisasi", "unit_kerja", unit_id,
           sebelum={"periode_id": periode_id, "capaian": before},
           sesudah={"periode_id": periode_id, "capaian": capaian, "penetap": penetap.get("nama"),
                    "dicatat_admin": bool(penetap.get("dicatat_admin"))})
    db.session.commit()
    return item


def _penetap(actor, unit: UnitKerja) -> dict:
    """Who decided, as printed on the Penetapan: the actor, or for the admin the official on whose
    behalf the decision is recorded (the external penilai of the dinas's head)."""
    from kinerja.evaluasi.permissions import penetap_luar_id
    from kinerja.evaluasi.queries import penetap_capaian
    from kinerja.models import PejabatLuar

    if actor.pegawai is not None:
        from kinerja.atasan import jabatan_penugasan
        from kinerja.evaluasi.queries import penugasan_penetap

        data = snapshot(actor.pegawai)
        p = penugasan_penetap(unit.id)
        if p is not None and p.pejabat_id == actor.pegawai_id:  # "Plt. Kepala Bidang …"
            data["jabatan"], data["penugasan"] = jabatan_penugasan(p.jenis, p), p.jenis
        return data
    if actor.pejabat_luar is not None:
        return snapshot_luar(actor.pejabat_luar)
    penetap = penetap_capaian(unit.id)
    if penetap == rules.PENETAP_LUAR:
        luar_id = penetap_luar_id(unit.id)
        luar = db.session.get(PejabatLuar, luar_id) if luar_id else None
        data = snapshot_luar(luar) if luar is not None else snapshot(None)
    else:  # on behalf of the pimpinan above
        data = snapshot(db.session.get(Pegawai, penetap) if penetap is not None else None)
    data["dicatat_admin"] = True
    return data


# ------------------------------------------------------------------ realisasi (pegawai)

@dataclass
class RealisasiInput:
    rhk_id: int
    realisasi: str | None = None
    realisasi_angka: Decimal | None = None
    tautan: list[str] = field(default_factory=list)


def _require_pegawai(actor, ev: Evaluasi) -> None:
    if not is_pegawai_of(actor, ev):
        raise PermissionDenied("Realisasi diisi oleh pegawai yang dinilai.")


def _check_deadline(ev: Evaluasi, today: date) -> None:
    batas = batas_pengisian(ev)
    if today > batas:
        from kinerja.waktu import tanggal

        raise DomainError(None, f"Batas pengisian realisasi ({tanggal(batas)}) sudah lewat. "
                                "Hubungi admin kepegawaian untuk perpanjangan.")


def _clean_links(raw: list[str], field_name: str) -> list[str]:
    links = [x.strip() for x in raw if x and x.strip()]
    if len(links) > MAKS_TAUTAN:
        raise DomainError(field_name, f"Paling banyak {MAKS_TAUTAN} tautan bukti per Rencana Hasil Kerja.")
    for link in links:
        if not link.lower().startswith(("http://", "https://")) or len(link) > 500 or " " in link:
            raise DomainError(field_name, "Tautan bukti harus alamat web lengkap, diawali http:// atau https://.")
    return links


def save_realisasi(actor, evaluasi_id: int, entries: list[RealisasiInput], today: date | None = None) -> Evaluasi:
    ev = get_visible(actor, evaluasi_id, detail=True)
    _require_pegawai(actor, ev)
    _step(ev, "simpan_realisasi")
    _check_deadline(ev, today or today_local(_zona()))
    rhk_by_id = {r.rhk_id: r for r in ev.rhk_snapshot}
    existing = {r.rhk_id: r for r in ev.realisasi}
    for entry in entries:
        rhk = rhk_by_id.get(entry.rhk_id)
        if rhk is None:
            raise DomainError(None, "Rencana Hasil Kerja tidak termasuk SKP evaluasi ini.")
        numeric = any(i.target_angka is not None for i in rhk.iki)
        if entry.realisasi_angka is not None and not numeric:
            raise DomainError(None, "Angka realisasi hanya untuk indikator dengan target berupa angka.")
        if entry.realisasi_angka is not None and entry.realisasi_angka < 0:
            raise DomainError(None, "Angka realisasi tidak boleh negatif.")
        row = existing.get(rhk.rhk_id)
        if row is None:
            row = RealisasiRhk(rhk_id=rhk.rhk_id, tautan=[])
            ev.realisasi.append(row)
            existing[rhk.rhk_id] = row
        row.realisasi = _teks(entry.realisasi, "realisasi", "Realisasi")
        row.realisasi_angka = entry.realisasi_angka
        row.tautan = _clean_links(entry.tautan, "tautan")
    record(actor, "evaluasi.simpan_realisasi", "evaluasi", ev.id, sesudah={"rhk": [e.rhk_id for e in entries]})
    _commit()
    return ev


def submit_realisasi(actor, evaluasi_id: int, today: date | None = None) -> Evaluasi:
    ev = get_visible(actor, evaluasi_id, detail=True)
    _require_pegawai(actor, ev)
    tujuan = _step(ev, "ajukan_realisasi")
    _check_deadline(ev, today or today_local(_zona()))
    filled = {r.rhk_id for r in ev.realisasi if r.realisasi}
    if not ev.rhk_snapshot or any(r.rhk_id not in filled for r in ev.rhk_snapshot):
        raise DomainError(None, "Isi realisasi untuk setiap Rencana Hasil Kerja sebelum mengajukan.")
    ev.status, ev.realisasi_diajukan_at, ev.catatan_pengembalian = tujuan, utcnow(), None
    record(actor, "evaluasi.ajukan_realisasi", "evaluasi", ev.id, sesudah={"status": tujuan})
    _notify_penilai(ev, f"{ev.pegawai.nama} mengajukan realisasi {ev.periode.nama}. Silakan nilai.")
    _commit()
    return ev


def return_realisasi(actor, evaluasi_id: int, catatan: str) -> Evaluasi:
    ev, tujuan = _langkah_penilai(actor, evaluasi_id, "kembalikan_realisasi", detail=False)
    catatan = _teks(catatan, "catatan", "Catatan", wajib=True)
    ev.status, ev.catatan_pengembalian = tujuan, catatan
    record(actor, "evaluasi.kembalikan_realisasi", "evaluasi", ev.id, sesudah={"status": tujuan})
    notify_pegawai(ev.pegawai_id, f"Realisasi {ev.periode.nama} dikembalikan: {catatan}", _tautan(ev.id), "evaluasi")
    _commit()
    return ev


# ------------------------------------------------------------------ penilaian (penilai)

@dataclass
class PenilaianInput:
    rating_hasil_kerja: str | None
    rating_perilaku_kerja: str | None
    umpan_balik_rhk: dict[int, str] = field(default_factory=dict)
    umpan_balik_perilaku: dict[int, str] = field(default_factory=dict)
    catatan_rekomendasi: str | None = None


def _require_penilai(actor, ev: Evaluasi) -> None:
    if not is_penilai_of(actor, ev):
        raise PermissionDenied("Hanya pejabat penilai pegawai ini yang dapat melakukan tindakan ini.")


def _langkah_penilai(actor, evaluasi_id: int, aksi: str, detail: bool = True) -> tuple[Evaluasi, str]:
    """A step only the penilai takes: the evaluation (404 out of sight), 403 for anyone else, then the
    status ``aksi`` leads to (a DomainError when it cannot be taken now)."""
    ev = get_visible(actor, evaluasi_id, detail=detail)
    _require_penilai(actor, ev)
    return ev, _step(ev, aksi)


def rating_hasil_untuk(ev: Evaluasi, diminta: str | None) -> tuple[str | None, str | None]:
    """(rating hasil kerja, explanation) — a head of unit gets the rating that follows the capaian."""
    if not ev.kepala_unit:
        return diminta, None
    capaian, _ = capaian_efektif(ev.unit_id, ev.periode_id)
    if capaian is None:
        return None, None
    rating = rules.rating_hasil_kepala_unit(capaian)
    return rating, (f"Pegawai ini pimpinan unit yang dinilai: Rating Hasil Kerja mengikuti Capaian Kinerja "
                    f"Organisasi {capaian} → {rating}.")


def save_penilaian(actor, evaluasi_id: int, data: PenilaianInput) -> Evaluasi:
    ev, tujuan = _langkah_penilai(actor, evaluasi_id, "nilai")
    rating_hasil, _ = rating_hasil_untuk(ev, data.rating_hasil_kerja)
    if ev.kepala_unit and rating_hasil is None:
        raise DomainError("rating_hasil_kerja", "Pegawai ini pimpinan unit: tetapkan dulu Capaian Kinerja "
                                                "Organisasi unitnya, karena Rating Hasil Kerja mengikutinya.")
    if rating_hasil not in RATING:
        raise DomainError("rating_hasil_kerja", "Pilih Rating Hasil Kerja.")
    if data.rating_perilaku_kerja not in RATING:
        raise DomainError("rating_perilaku_kerja", "Pilih Rating Perilaku Kerja.")
    rhk_ids = {r.rhk_id for r in ev.rhk_snapshot}
    rows = {r.rhk_id: r for r in ev.realisasi}
    for rhk_id, teks in data.umpan_balik_rhk.items():
        if rhk_id not in rhk_ids:
            raise DomainError(None, "Rencana Hasil Kerja tidak termasuk SKP evaluasi ini.")
        row = rows.get(rhk_id)
        if row is None:
            row = RealisasiRhk(rhk_id=rhk_id, tautan=[])
            ev.realisasi.append(row)
            rows[rhk_id] = row
        row.umpan_balik = _teks(teks, "umpan_balik", "Umpan balik")
    perilaku = {u.nomor: u for u in ev.umpan_balik_perilaku}
    for nomor, teks in data.umpan_balik_perilaku.items():
        if not 1 <= nomor <= len(BERAKHLAK):
            raise DomainError(None, "Perilaku kerja tidak dikenal.")
        row = perilaku.get(nomor)
        if row is None:
            row = UmpanBalikPerilaku(nomor=nomor)
            ev.umpan_balik_perilaku.append(row)
            perilaku[nomor] = row
        row.umpan_balik = _teks(teks, "umpan_balik", "Umpan balik")
    before = {"rating_hasil_kerja": ev.rating_hasil_kerja, "rating_perilaku_kerja": ev.rating_perilaku_kerja,
              "predikat": ev.predikat}
    ev.rating_hasil_kerja, ev.rating_perilaku_kerja = rating_hasil, data.rating_perilaku_kerja
    ev.predikat = rules.predikat(rating_hasil, data.rating_perilaku_kerja)
    ev.catatan_rekomendasi = _teks(data.catatan_rekomendasi, "catatan_rekomendasi", "Catatan/rekomendasi")
    ev.status, ev.dinilai_at = tujuan, utcnow()
    record(actor, "evaluasi.nilai", "evaluasi", ev.id, sebelum=before,
           sesudah={"rating_hasil_kerja": ev.rating_hasil_kerja, "rating_perilaku_kerja": ev.rating_perilaku_kerja,
                    "predikat": ev.predikat})
    _commit()
    return ev


def finalize_evaluasi(actor, evaluasi_id: int) -> Evaluasi:
    """The penilai closes the rating: identity snapshots are taken now (DOMAIN.md §6.6)."""
    ev, tujuan = _langkah_penilai(actor, evaluasi_id, "finalisasi")
    umpan_rhk = {r.rhk_id for r in ev.realisasi if r.umpan_balik}
    umpan_perilaku = {u.nomor for u in ev.umpan_balik_perilaku if u.umpan_balik}
    if any(r.rhk_id not in umpan_rhk for r in ev.rhk_snapshot) or len(umpan_perilaku) < len(BERAKHLAK):
        raise DomainError(None, "Isi umpan balik untuk setiap Rencana Hasil Kerja dan ketujuh perilaku kerja "
                                "sebelum finalisasi.")
    if ev.predikat is None:
        raise DomainError(None, "Isi Rating Hasil Kerja dan Rating Perilaku Kerja sebelum finalisasi.")
    from kinerja.dokumen.identitas import snapshot_pada

    # The identity as of the evaluation's own dates (the SKP's part of the period, issue #11 §1).
    ev.snapshot_pegawai = snapshot_pada(ev.pegawai, min(ev.skp.tanggal_selesai, ev.periode.tanggal_selesai))
    ev.snapshot_penilai = snapshot(ev.penilai) if ev.penilai is not None else snapshot_luar(ev.penilai_luar)
    if pegawai_id_of(actor) is not None and pegawai_id_of(actor) != ev.penilai_id:  # a Plt/Plh rates
        from kinerja.dokumen.identitas import snapshot_penandatangan

        ev.snapshot_penilai = snapshot_penandatangan(db.session.get(Pegawai, pegawai_id_of(actor)), ev.pegawai)
    ev.snapshot_atasan_penilai = (snapshot(ev.atasan_penilai) if ev.atasan_penilai is not None
                                  else snapshot_luar(ev.atasan_penilai_luar))
    ev.capaian_organisasi, _ = capaian_efektif(ev.unit_id, ev.periode_id)
    ev.status, ev.final_at = tujuan, utcnow()
    record(actor, "evaluasi.finalisasi", "evaluasi", ev.id, sesudah={"status": tujuan, "predikat": ev.predikat})
    notify_pegawai(ev.pegawai_id, f"Evaluasi {ev.periode.nama} Anda siap ditandatangani.", _tautan(ev.id), "evaluasi")
    _commit()
    return ev


def refresh_skp(actor, evaluasi_id: int) -> Evaluasi:
    """"Perbarui dari SKP": the penilai takes the latest APPROVED SKP version, while nobody has signed."""
    ev, tujuan = _langkah_penilai(actor, evaluasi_id, "perbarui_skp")
    skp = db.session.get(Skp, ev.skp_id)
    sebelum = {"skp_versi": isi_skp.versi(ev), "rhk": [r.uraian for r in ev.rhk_snapshot]}
    versi = isi_skp.ambil(ev, skp)
    if versi is None:
        raise DomainError(None, "SKP pegawai ini belum punya versi yang disetujui untuk diambil.")
    ids = {r.rhk_id for r in ev.rhk_snapshot}
    dibuang = [r for r in ev.realisasi if r.rhk_id not in ids]
    for row in dibuang:  # realisasi of an RHK the approved version no longer has
        ev.realisasi.remove(row)
    if tujuan != ev.status:
        ev.final_at = None
    ev.status = tujuan
    record(actor, "evaluasi.perbarui_skp", "evaluasi", ev.id, sebelum=sebelum,
           sesudah={"skp_versi": versi, "rhk": [r.uraian for r in ev.rhk_snapshot], "status": tujuan,
                    "realisasi_dibuang": [r.rhk_id for r in dibuang]})
    notify_pegawai(ev.pegawai_id, f"Isi SKP pada evaluasi {ev.periode.nama} Anda diperbarui dari SKP versi {versi}.",
                   _tautan(ev.id), "evaluasi")
    _commit()
    return ev


# ------------------------------------------------------------------ signatures

def _capaian_untuk_ttd(ev: Evaluasi) -> str | None:
    """The capaian printed on the documents: fixed at the first signature (or finalisation)."""
    if ev.capaian_organisasi or ev.ttd_pegawai_at or ev.ttd_penilai_at:
        return ev.capaian_organisasi
    return capaian_efektif(ev.unit_id, ev.periode_id)[0]


def sign_evaluasi(actor, evaluasi_id: int, kata_sandi: str, base_url: str | None = None,
                  now: datetime | None = None) -> Evaluasi:
    """"Tanda Tangani", each re-entering their password; the pegawai or the penilai may sign first.

    The penilai's signature hands the result over (PP 30/2019): the documents are issued, and the
    keberatan clock starts that day whether or not the pegawai signs.  A pegawai signing later
    re-issues them as a new version.  Signing needs a complete form and an ended period.
    """
    ev = get_visible(actor, evaluasi_id, detail=True)
    if is_pegawai_of(actor, ev):
        aksi = "ttd_pegawai"
    elif is_penilai_of(actor, ev):
        aksi = "ttd_penilai"
    else:
        raise PermissionDenied("Evaluasi ini ditandatangani oleh pegawai yang dinilai dan pejabat penilainya.")
    tujuan = _step(ev, aksi)
    now = now or utcnow()
    hari_ini = to_local(now, _zona()).date()
    capaian = _capaian_untuk_ttd(ev)
    problem = rules.ttd_problem(rules.KesiapanTtd(
        nama_periode=f"{ev.periode.nama} {ev.periode.tahun}", periode_selesai=ev.periode.tanggal_selesai,
        lebih_awal=bool(ev.periode.ttd_lebih_awal), capaian_organisasi=capaian,
        rating_hasil_kerja=ev.rating_hasil_kerja, rating_perilaku_kerja=ev.rating_perilaku_kerja), hari_ini)
    if problem:
        raise DomainError(None, problem)
    confirm_password(actor, kata_sandi, "kata_sandi", "Kata sandi salah. Masukkan kata sandi akun Anda untuk "
                     "menandatangani.", tujuan="tanda tangan evaluasi")
    ev.capaian_organisasi = capaian
    ev.status = tujuan
    if aksi == "ttd_pegawai":
        ev.ttd_pegawai_at = now
        if ev.ttd_penilai_at is not None:  # after the handover: a new version with both signatures
            dokumen.terbitkan(ev, base_url, f"ditandatangani pegawai pada {tanggal(hari_ini)}")
        else:
            _notify_penilai(ev, f"{ev.pegawai.nama} sudah menandatangani evaluasi {ev.periode.nama}. "
                                "Giliran Anda menandatangani.")
    else:
        ev.ttd_penilai_at = now
        ev.tanggal_diterima = hari_ini
        dokumen.terbitkan(ev, base_url, f"ditandatangani pejabat penilai pada {tanggal(hari_ini)}")
        notify_pegawai(ev.pegawai_id, f"Hasil evaluasi {ev.periode.nama} Anda telah diserahkan. Keberatan dapat "
                                      f"diajukan sampai {tanggal(rules.batas_keberatan(hari_ini))}.",
                       _tautan(ev.id), "evaluasi")
    record(actor, f"evaluasi.{aksi}", "evaluasi", ev.id,
           sesudah={"status": tujuan, "waktu": now.isoformat(), "dokumen_c_sha256": ev.dokumen_c_sha256})
    _commit()
    log.info("evaluasi %s: %s oleh akun %s", ev.id, aksi, actor.id)
    return ev


# ------------------------------------------------------------------ paper signature of a penilai outside the dinas

# Scans of paper signatures live in kinerja.unggahan (shared with the SKP paper approval).
from kinerja.unggahan import BATAS_PINDAIAN, pindaian_path, simpan_pindaian  # noqa: E402,F401


@dataclass(frozen=True)
class Pindaian:
    """An uploaded scan: the name the user gave it and its content."""

    nama: str | None
    data: bytes


def record_ttd_manual(actor, evaluasi_id: int, tanggal_ttd: date | None, pindaian: Pindaian,
                      base_url: str | None = None) -> Evaluasi:
    """The penilai outside the dinas signed the wet-signature print: the admin records the date and
    the scan; the signed documents are issued as after an electronic signature."""
    require_admin(actor)
    ev = get_visible(actor, evaluasi_id, detail=True)
    if ev.penilai_luar_id is None:
        raise DomainError(None, "Tanda tangan manual dicatat hanya untuk pejabat penilai di luar instansi; "
                                "pejabat penilai di dalam dinas menandatangani dengan akunnya.")
    tujuan = _step(ev, "ttd_penilai")
    today = today_local(_zona())
    capaian = _capaian_untuk_ttd(ev)
    problem = rules.ttd_problem(rules.KesiapanTtd(
        nama_periode=f"{ev.periode.nama} {ev.periode.tahun}", periode_selesai=ev.periode.tanggal_selesai,
        lebih_awal=bool(ev.periode.ttd_lebih_awal), capaian_organisasi=capaian,
        rating_hasil_kerja=ev.rating_hasil_kerja, rating_perilaku_kerja=ev.rating_perilaku_kerja), today)
    if problem:  # the same preconditions as an electronic signature
        raise DomainError(None, problem)
    if tanggal_ttd is None:
        raise DomainError("tanggal", "Isi tanggal tanda tangan.")
    if tanggal_ttd > today:
        raise DomainError("tanggal", "Tanggal tanda tangan tidak boleh di masa depan.")
    if ev.ttd_pegawai_at is not None and tanggal_ttd < to_local(ev.ttd_pegawai_at, _zona()).date():
        raise DomainError("tanggal", "Tanggal tanda tangan pejabat penilai tidak boleh sebelum pegawai menandatangani.")
    nama, sha = simpan_pindaian(pindaian.nama, pindaian.data, f"evaluasi-{ev.id}")
    ev.status, ev.capaian_organisasi = tujuan, capaian
    from datetime import time
    from zoneinfo import ZoneInfo

    # Noon on the signing day in the instansi's zone: the date prints as recorded.
    ev.ttd_penilai_at = datetime.combine(tanggal_ttd, time(12), tzinfo=ZoneInfo(_zona())).astimezone(UTC)
    ev.ttd_penilai_manual, ev.ttd_penilai_pindaian, ev.tanggal_diterima = True, nama, tanggal_ttd
    dokumen.terbitkan(ev, base_url, "ditandatangani manual oleh pejabat penilai")
    record(actor, "evaluasi.ttd_penilai_manual", "evaluasi", ev.id,
           sesudah={"status": tujuan, "tanggal": tanggal_ttd.isoformat(), "pindaian_sha256": sha,
                    "penilai_luar_id": ev.penilai_luar_id, "dokumen_c_sha256": ev.dokumen_c_sha256})
    notify_pegawai(ev.pegawai_id, f"Hasil evaluasi {ev.periode.nama} Anda telah diserahkan. Keberatan dapat "
                                  f"diajukan sampai {tanggal(rules.batas_keberatan(tanggal_ttd))}.",
                   _tautan(ev.id), "evaluasi")
    _commit()
    return ev


def refuse_signature(actor, evaluasi_id: int, catatan: str, base_url: str | None = None,
                     now: datetime | None = None) -> Evaluasi:
    """The penilai records "pegawai menolak menandatangani" with a note; the documents say so."""
    ev, tujuan = _langkah_penilai(actor, evaluasi_id, "tolak_ttd")
    catatan = _teks(catatan, "catatan", "Catatan", wajib=True)
    now = now or utcnow()
    ev.ttd_pegawai_ditolak_at, ev.ttd_pegawai_ditolak_catatan, ev.status = now, catatan, tujuan
    dokumen.terbitkan(ev, base_url, f"pegawai menolak menandatangani (dicatat pada {tanggal(to_local(now, _zona()))})")
    record(actor, "evaluasi.tolak_ttd", "evaluasi", ev.id, sesudah={"status": tujuan, "catatan": catatan,
                                                                      "dokumen_c_sha256": ev.dokumen_c_sha256})
    notify_pegawai(ev.pegawai_id, f"Pejabat penilai mencatat Anda menolak menandatangani evaluasi {ev.periode.nama}. "
                                  "Keberatan tetap dapat diajukan dalam batas waktunya.", _tautan(ev.id), "evaluasi")
    _commit()
    return ev


# ------------------------------------------------------------------ keberatan

def batas_keberatan(ev: Evaluasi) -> date | None:
    return rules.batas_keberatan(ev.tanggal_diterima) if ev.tanggal_diterima else None


def file_keberatan(actor, evaluasi_id: int, alasan: str, today: date | None = None) -> Evaluasi:
    ev = get_visible(actor, evaluasi_id)
    if not is_pegawai_of(actor, ev):
        raise PermissionDenied("Keberatan hanya dapat diajukan oleh pegawai yang dinilai.")
    problem = rules.keberatan_problem(ev.status, ev.tanggal_diterima, today or today_local(_zona()))
    if problem:
        raise DomainError(None, problem)
    tujuan = _step(ev, "ajukan_keberatan")
    alasan = _teks(alasan, "alasan", "Alasan keberatan", wajib=True)
    if len(alasan) < 20:
        raise DomainError("alasan", "Jelaskan alasan keberatan minimal 20 karakter.")
    ev.keberatan_alasan, ev.keberatan_at, ev.status = alasan, utcnow(), tujuan
    record(actor, "evaluasi.ajukan_keberatan", "evaluasi", ev.id, sesudah={"status": tujuan})
    for pid in {_penerima(ev.penilai_id, ev.pegawai), _penerima(ev.atasan_penilai_id, ev.penilai)} - {None}:
        notify_pegawai(pid, f"{ev.pegawai.nama} mengajukan keberatan atas evaluasi {ev.periode.nama}.",
                       _tautan(ev.id), "evaluasi.keberatan")
    _commit()
    return ev


def explain_keberatan(actor, evaluasi_id: int, penjelasan: str) -> Evaluasi:
    ev, tujuan = _langkah_penilai(actor, evaluasi_id, "jelaskan_keberatan", detail=False)
    ev.penjelasan_penilai = _teks(penjelasan, "penjelasan", "Penjelasan", wajib=True)
    ev.penjelasan_at, ev.status = utcnow(), tujuan
    record(actor, "evaluasi.jelaskan_keberatan", "evaluasi", ev.id, sesudah={"status": tujuan})
    if ev.atasan_penilai_id:
        notify_pegawai(_penerima(ev.atasan_penilai_id, ev.penilai), f"Keberatan {ev.pegawai.nama} menunggu keputusan Anda.",
                       _tautan(ev.id), "evaluasi.keberatan")
    _commit()
    return ev


KEPUTUSAN = {"tetap": "Predikat tetap", "ubah": "Rating dan predikat diubah"}


def decide_keberatan(actor, evaluasi_id: int, keputusan: str, rating_hasil_kerja: str | None,  # noqa: PLR0913  the decision's fields
                     rating_perilaku_kerja: str | None, pertimbangan: str, base_url: str | None = None) -> Evaluasi:
    """The atasan penilai's final decision; the documents are re-issued (a new version) with sections 6–8.

    A changed result sets the two ratings; the predikat follows from the matrix (DOMAIN.md §6.5).
    """
    ev = get_visible(actor, evaluasi_id, detail=True)
    if not can_decide_keberatan(actor, ev):
        raise PermissionDenied("Keberatan diputus oleh atasan pejabat penilai.")
    tujuan = _step(ev, "putuskan_keberatan")
    if keputusan not in KEPUTUSAN:
        raise DomainError("keputusan", "Pilih keputusan: predikat tetap atau rating diubah.")
    pertimbangan = _teks(pertimbangan, "pertimbangan", "Pertimbangan keputusan", wajib=True)
    sebelum = {"rating_hasil_kerja": ev.rating_hasil_kerja, "rating_perilaku_kerja": ev.rating_perilaku_kerja,
               "predikat": ev.predikat, "dokumen_versi": ev.dokumen_versi, "dokumen_c_sha256": ev.dokumen_c_sha256,
               "dokumen_b_sha256": ev.dokumen_b_sha256}
    ev.predikat_awal = ev.predikat
    if keputusan == "ubah":
        if ev.kepala_unit:  # a head of unit: rating hasil kerja follows the capaian, not the decision
            rating_hasil_kerja = ev.rating_hasil_kerja
        if rating_hasil_kerja not in RATING:
            raise DomainError("rating_hasil_kerja", "Pilih Rating Hasil Kerja hasil keputusan.")
        if rating_perilaku_kerja not in RATING:
            raise DomainError("rating_perilaku_kerja", "Pilih Rating Perilaku Kerja hasil keputusan.")
        if (rating_hasil_kerja, rating_perilaku_kerja) == (ev.rating_hasil_kerja, ev.rating_perilaku_kerja):
            raise DomainError("rating_perilaku_kerja", "Kedua rating sama dengan semula; pilih \"Predikat tetap\" "
                                                       "atau ubah salah satu rating.")
        baru = rules.predikat(rating_hasil_kerja, rating_perilaku_kerja)
        perubahan = (f"predikat kinerja diubah dari {ev.predikat_awal} menjadi {baru}" if baru != ev.predikat_awal
                     else f"predikat kinerja tetap {baru}")
        kalimat = (f"Rating Hasil Kerja {rating_hasil_kerja} dan Rating Perilaku Kerja {rating_perilaku_kerja}; "
                   f"{perubahan}. {pertimbangan}")
        ev.rating_hasil_kerja, ev.rating_perilaku_kerja, ev.predikat = rating_hasil_kerja, rating_perilaku_kerja, baru
    else:
        kalimat = f"Predikat kinerja tetap {ev.predikat}. {pertimbangan}"
    now = utcnow()
    ev.keputusan_atasan, ev.keputusan_at, ev.keputusan_oleh_id, ev.status = kalimat, now, actor.id, tujuan
    dokumen.terbitkan(ev, base_url, f"keberatan diputuskan pada {tanggal(to_local(now, _zona()))}")
    record(actor, "evaluasi.putuskan_keberatan", "evaluasi", ev.id, sebelum=sebelum,
           sesudah={"keputusan": keputusan, "rating_hasil_kerja": ev.rating_hasil_kerja,
                    "rating_perilaku_kerja": ev.rating_perilaku_kerja, "predikat": ev.predikat,
                    "dokumen_versi": ev.dokumen_versi, "dokumen_c_sha256": ev.dokumen_c_sha256,
                    "dokumen_b_sha256": ev.dokumen_b_sha256})
    for pid in {ev.pegawai_id, ev.penilai_id} - {None}:
        notify_pegawai(pid, f"Keberatan atas evaluasi {ev.periode.nama} {ev.pegawai.nama} telah diputus.",
                       _tautan(ev.id), "evaluasi.keberatan")
    _commit()
    return ev


# ------------------------------------------------------------------ documents

def document_for(actor, evaluasi_id: int, jenis: str, basah: bool = False,
                 base_url: str | None = None) -> tuple[bytes, str]:
    """Form B or C: the stored current version when issued, else rendered now (a DRAFT without QR)."""
    if jenis not in ("B", "C"):
        raise NotFound()
    ev = get_visible(actor, evaluasi_id, detail=True)
    if basah and ev.status not in rules.SUDAH_FINAL:
        raise DomainError(None, "Cetak untuk tanda tangan basah tersedia setelah evaluasi difinalisasi.")
    if not basah:
        content = dokumen.stored(ev, jenis)
        if content is not None:
            return content, dokumen.nama_berkas(ev, jenis)
    return dokumen.render(ev, jenis, base_url, basah=basah, penonton=actor), dokumen.nama_berkas(ev, jenis, basah)


# ------------------------------------------------------------------ public verification

def find_by_kode(kode: str) -> DokumenEvaluasi | None:
    """The issued document version behind a QR code; None for anything else (drafts have no code)."""
    if not kode or len(kode) > 32 or not all(c.isalnum() or c in "-_" for c in kode):
        return None
    return db.session.execute(
        select(DokumenEvaluasi).where(DokumenEvaluasi.kode == kode)
        .options(selectinload(DokumenEvaluasi.evaluasi).selectinload(Evaluasi.periode),
                 selectinload(DokumenEvaluasi.evaluasi).selectinload(Evaluasi.pegawai),
                 selectinload(DokumenEvaluasi.evaluasi).selectinload(Evaluasi.dokumen))
    ).scalar_one_or_none()


def check_document(item: DokumenEvaluasi, content: bytes) -> tuple[str | None, DokumenEvaluasi | None]:
    """("current" | "lama", the version it matches) for a file of this evaluation; (None, None) otherwise."""
    from kinerja.dokumen.pdf import sha256_hex

    digest = sha256_hex(content)
    versions = item.evaluasi.dokumen
    for v in versions:
        if digest in (v.dokumen_c_sha256, v.dokumen_b_sha256):
            return ("current" if v is versions[-1] else "lama"), v
    return None, None
