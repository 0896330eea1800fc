"""Read side of evaluasi: scoped loading, lists, progress, kurva.  No writes here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from kinerja.errors import NotFound
from kinerja.evaluasi import rules
from kinerja.evaluasi.permissions import (
    bawahan_untuk_hasil,
    can_see_result,
    can_view_evaluasi,
    hasil_dirilis,
    pejabat_luar_id_of,
)
from kinerja.extensions import baris, db
from kinerja.models import (
    Aktivitas,
    CapaianOrganisasi,
    Evaluasi,
    EvaluasiRhk,
    Pegawai,
    Periode,
    RealisasiRhk,
    Skp,
    UnitKerja,
)
from kinerja.organisasi.permissions import pegawai_id_of
from kinerja.paginasi import HalamanDaftar

CONTOH_AKTIVITAS = 3
PER_HALAMAN_TIDAK_DAPAT = 25


def _detail_options():
    return (
        selectinload(Evaluasi.periode),
        selectinload(Evaluasi.pegawai).selectinload(Pegawai.jabatan),
        selectinload(Evaluasi.pegawai).selectinload(Pegawai.unit),
        selectinload(Evaluasi.penilai).selectinload(Pegawai.jabatan),
        selectinload(Evaluasi.penilai).selectinload(Pegawai.unit),
        selectinload(Evaluasi.atasan_penilai).selectinload(Pegawai.jabatan),
        selectinload(Evaluasi.atasan_penilai).selectinload(Pegawai.unit),
        selectinload(Evaluasi.penilai_luar),
        selectinload(Evaluasi.atasan_penilai_luar),
        selectinload(Evaluasi.unit),
        selectinload(Evaluasi.rhk_snapshot).selectinload(EvaluasiRhk.iki),
        selectinload(Evaluasi.realisasi),
        selectinload(Evaluasi.umpan_balik_perilaku),
    )


def load_evaluasi(evaluasi_id: int, detail: bool = False) -> Evaluasi | None:
    stmt = select(Evaluasi).where(Evaluasi.id == evaluasi_id)
    if detail:
        stmt = stmt.options(*_detail_options())
    return db.session.execute(stmt).scalar_one_or_none()


def get_visible(actor, evaluasi_id: int, detail: bool = False) -> Evaluasi:
    """The evaluation, or NotFound when it does not exist or the actor may not see it."""
    ev = load_evaluasi(evaluasi_id, detail)
    if ev is None or not can_view_evaluasi(actor, ev):
        raise NotFound()
    return ev


# ------------------------------------------------------------------ lists

def list_periode() -> list[Periode]:
    """Newest year first, and within a year I, II, Akhir (issue #15)."""
    return rules.urutkan_periode(db.session.execute(
        select(Periode).options(selectinload(Periode.tahun_kinerja))).scalars())


def pick_periode(periodes: list[Periode], periode_id: int | None, today) -> Periode | None:
    if periode_id is not None:
        chosen = next((p for p in periodes if p.id == periode_id), None)
        if chosen is not None:
            return chosen
    started = [p for p in periodes if p.tanggal_mulai <= today and p.jenis != "akhir"]
    if started:
        return max(started, key=lambda p: (p.tanggal_mulai, p.urutan))
    return periodes[0] if periodes else None


def tanpa_evaluasi(actor, periode: Periode) -> str | None:
    """For a pegawai without an evaluation in ``periode``: why, and what happens next (issue #15)."""
    pegawai = getattr(actor, "pegawai", None)
    if pegawai is None:
        return None
    dibuka = db.session.execute(select(Evaluasi.id).where(Evaluasi.periode_id == periode.id).limit(1)).first()
    skp = db.session.execute(select(Skp.id).where(Skp.pegawai_id == pegawai.id, Skp.tahun == periode.tahun,
                                                  Skp.versi > 0).limit(1)).first()
    return rules.alasan_tanpa_evaluasi(periode.nama, periode.tahun, dibuka=dibuka is not None,
                                       skp_disetujui=skp is not None,
                                       punya_penilai=pegawai.atasan_id is not None or pegawai.penilai_luar_id is not None)


def list_evaluasi_saya(actor) -> list[Evaluasi]:
    own = pegawai_id_of(actor)
    if own is None:
        return []
    return list(db.session.execute(
        select(Evaluasi).join(Periode, Evaluasi.periode_id == Periode.id).where(Evaluasi.pegawai_id == own)
        .options(selectinload(Evaluasi.periode)).order_by(Periode.tanggal_mulai.desc(), Periode.urutan.desc())
    ).scalars())


def _plt_kondisi(own: int, kolom, kolom_bawahan):
    """``kolom == own`` adjusted for a running Plt/Plh (kinerja.atasan): minus the
    subordinates whose duties are with an acting official, plus those ``own`` acts for."""
    from kinerja.atasan import ada_penugasan, bertindak_atas_ids, dialihkan_ids

    if not ada_penugasan():
        return kolom == own
    lepas, ganti = dialihkan_ids(own), bertindak_atas_ids(own)
    kondisi = and_(kolom == own, kolom_bawahan.not_in(lepas)) if lepas else kolom == own
    return or_(kondisi, kolom_bawahan.in_(ganti)) if ganti else kondisi


def _sebagai_penilai(actor):
    """The SQL condition "the actor is the penilai": a pegawai (or a Plt/Plh acting for one), or an
    official outside the dinas."""
    own, luar = pegawai_id_of(actor), pejabat_luar_id_of(actor)
    if own is not None:
        return _plt_kondisi(own, Evaluasi.penilai_id, Evaluasi.pegawai_id)
    if luar is not None:
        return Evaluasi.penilai_luar_id == luar
    return None


def list_evaluasi_dinilai(actor, periode_id: int) -> list[Evaluasi]:
    """The evaluations the actor rates (penilai) in the period, with their pegawai."""
    kondisi = _sebagai_penilai(actor)
    if kondisi is None:
        return []
    return list(db.session.execute(
        select(Evaluasi).join(Pegawai, Evaluasi.pegawai_id == Pegawai.id)
        .where(Evaluasi.periode_id == periode_id, kondisi)
        .options(selectinload(Evaluasi.pegawai).selectinload(Pegawai.jabatan), selectinload(Evaluasi.unit))
        .order_by(Pegawai.nama)
    ).scalars())


def list_keberatan_untuk_diputus(actor) -> list[Evaluasi]:
    """Keberatan the actor decides as atasan pejabat penilai (never an admin as such)."""
    own = pegawai_id_of(actor)
    luar = pejabat_luar_id_of(actor)  # an official outside the dinas, through their account
    if own is None and luar is None:
        return []
    sebagai = (_plt_kondisi(own, Evaluasi.atasan_penilai_id, Evaluasi.penilai_id) if own is not None
               else Evaluasi.atasan_penilai_luar_id == luar)
    return list(db.session.execute(
        select(Evaluasi).where(sebagai, Evaluasi.status.in_((rules.KEBERATAN, rules.DIJELASKAN)))
        .options(selectinload(Evaluasi.pegawai), selectinload(Evaluasi.periode)).order_by(Evaluasi.keberatan_at)
    ).scalars())


@dataclass
class ProgresUnit:
    unit_id: int | None
    nama: str
    jumlah: dict[str, int] = field(default_factory=lambda: {t: 0 for t in rules.TAHAP})
    total: int = 0


@dataclass
class Progres:
    units: HalamanDaftar  # one page of ProgresUnit by unit name (1,233 units in a kabupaten, #17)
    total: dict[str, int]
    jumlah_evaluasi: int
    belum_dibuka: int  # pegawai with an approved SKP of the year but no evaluation yet


def progress_admin(periode: Periode, page: int = 1, per_page: int = 25) -> Progres:
    """Per unit: not started / realisasi filled / rated / signed, one page of units; the totals count every
    unit.  Two queries whatever the size."""
    rows = db.session.execute(
        select(Evaluasi.unit_id, UnitKerja.nama, Evaluasi.status, func.count(Evaluasi.id))
        .outerjoin(UnitKerja, Evaluasi.unit_id == UnitKerja.id)
        .where(Evaluasi.periode_id == periode.id)
        .group_by(Evaluasi.unit_id, UnitKerja.nama, Evaluasi.status)
    ).all()
    units: dict[int | None, ProgresUnit] = {}
    total = {t: 0 for t in rules.TAHAP}
    for unit_id, nama, status, count in rows:
        item = units.setdefault(unit_id, ProgresUnit(unit_id, nama or "(tanpa unit)"))
        stage = rules.tahap(status)
        item.jumlah[stage] += count
        item.total += count
        total[stage] += count
    opened = select(Evaluasi.pegawai_id).where(Evaluasi.periode_id == periode.id)
    belum = db.session.execute(
        select(func.count(Skp.id)).join(Pegawai, Skp.pegawai_id == Pegawai.id)
        .where(Skp.tahun == periode.tahun, Skp.versi > 0, Pegawai.aktif.is_(True), Skp.pegawai_id.not_in(opened))
    ).scalar_one()
    urut = sorted(units.values(), key=lambda u: (u.nama, u.unit_id or 0))
    return Progres(HalamanDaftar.dari(urut, page, per_page), total, sum(total.values()), belum)


@dataclass
class TidakDapatDievaluasi:
    pegawai: Pegawai
    alasan: list[str]


def _alasan_tidak_dapat(periode: Periode) -> list[tuple[int, list[str]]]:
    """(pegawai id, reasons) of every active pegawai who cannot be evaluated, by name (DOMAIN.md
    §6.5b).  Four queries on plain columns whatever the size."""
    pegawai = db.session.execute(
        select(Pegawai.id, Pegawai.atasan_id, Pegawai.penilai_luar_id, Pegawai.unit_id)
        .where(Pegawai.aktif.is_(True)).order_by(Pegawai.nama, Pegawai.id)).all()
    disetujui = set(db.session.execute(
        select(Skp.pegawai_id).where(Skp.tahun == periode.tahun, Skp.versi > 0)).scalars())
    capaian = set(db.session.execute(
        select(CapaianOrganisasi.unit_id).where(CapaianOrganisasi.periode_id == periode.id)).scalars())
    induk = _units_map()

    def ada_capaian(unit_id: int | None) -> bool:
        seen = set()
        while unit_id is not None and unit_id not in seen:
            if unit_id in capaian:
                return True
            seen.add(unit_id)
            unit_id = induk.get(unit_id)
        return False

    hasil = []
    for pid, atasan_id, penilai_luar_id, unit_id in pegawai:
        alasan = []
        if atasan_id is None and penilai_luar_id is None:
            alasan.append("belum ada pejabat penilai (atasannya di luar dinas belum dicatat sebagai pejabat luar instansi)")
        if pid not in disetujui:
            alasan.append(f"belum ada SKP {periode.tahun} yang disetujui")
        if unit_id is None:
            alasan.append("belum ditempatkan di unit kerja")
        elif not ada_capaian(unit_id):
            alasan.append("capaian kinerja organisasi unitnya belum ditetapkan")
        if alasan:
            hasil.append((pid, alasan))
    return hasil


def _dengan_pegawai(baris: list[tuple[int, list[str]]]) -> list[TidakDapatDievaluasi]:
    """One more query: the rows' pegawai with their unit."""
    ids = [pid for pid, _ in baris]
    orang = {p.id: p for p in db.session.execute(
        select(Pegawai).where(Pegawai.id.in_(ids)).options(joinedload(Pegawai.unit))).scalars()} if ids else {}
    return [TidakDapatDievaluasi(orang[pid], alasan) for pid, alasan in baris]


def tidak_dapat_dievaluasi(periode: Periode) -> list[TidakDapatDievaluasi]:
    """Every active pegawai who cannot be evaluated in the period, and why (DOMAIN.md §6.5b)."""
    return _dengan_pegawai(_alasan_tidak_dapat(periode))


def halaman_tidak_dapat(periode: Periode, page: int, per_page: int = PER_HALAMAN_TIDAK_DAPAT) -> HalamanDaftar:
    """One page of :func:`tidak_dapat_dievaluasi` (the admin's list; 10,000 pegawai in a kabupaten):
    only the page's pegawai are loaded."""
    halaman = HalamanDaftar.dari(_alasan_tidak_dapat(periode), page, per_page)
    halaman.items = _dengan_pegawai(halaman.items)
    return halaman


# ------------------------------------------------------------------ capaian & kurva

def _units_map() -> dict[int, int | None]:
    return dict(db.session.execute(select(UnitKerja.id, UnitKerja.induk_id)).all())


def capaian_efektif(unit_id: int | None, periode_id: int) -> tuple[str | None, int | None]:
    """The capaian set for the unit, or the nearest ancestor's; (capaian, unit id it came from)."""
    if unit_id is None:
        return None, None
    set_ = dict(db.session.execute(
        select(CapaianOrganisasi.unit_id, CapaianOrganisasi.capaian).where(CapaianOrganisasi.periode_id == periode_id)
    ).all())
    if not set_:
        return None, None
    parents = _units_map()
    current, seen = unit_id, set()
    while current is not None and current not in seen:
        if current in set_:
            return set_[current], current
        seen.add(current)
        current = parents.get(current)
    return None, None


def capaian_langsung(unit_id: int, periode_id: int) -> CapaianOrganisasi | None:
    return db.session.execute(
        select(CapaianOrganisasi).where(CapaianOrganisasi.unit_id == unit_id, CapaianOrganisasi.periode_id == periode_id)
    ).scalar_one_or_none()


def _pimpinan_map() -> dict[int, int]:
    return dict(db.session.execute(
        select(Pegawai.unit_id, Pegawai.id).where(Pegawai.pimpinan.is_(True), Pegawai.aktif.is_(True),
                                                  Pegawai.unit_id.is_not(None))
    ).all())


def kepala_unit(unit_id: int) -> Pegawai | None:
    return db.session.execute(
        select(Pegawai).where(Pegawai.unit_id == unit_id, Pegawai.pimpinan.is_(True), Pegawai.aktif.is_(True))
    ).scalars().first()


def kepala_unit_pada(unit_id: int, tanggal: date) -> tuple[Pegawai | None, object]:
    """Who headed the unit on ``tanggal`` and the riwayat jabatan row that says so (issue #11 §1): the
    history first; else today's head unless his own history puts him elsewhere that day."""
    from kinerja.atasan import posisi_pada
    from kinerja.models import RiwayatJabatan

    r = db.session.execute(
        select(RiwayatJabatan).where(RiwayatJabatan.unit_id == unit_id, RiwayatJabatan.pimpinan.is_(True),
                                     RiwayatJabatan.tanggal_mulai <= tanggal,
                                     or_(RiwayatJabatan.tanggal_selesai.is_(None),
                                         RiwayatJabatan.tanggal_selesai >= tanggal))
        .order_by(RiwayatJabatan.tanggal_mulai.desc()).limit(1)).scalar_one_or_none()
    if r is not None:
        return r.pegawai, r
    kepala = kepala_unit(unit_id)
    if kepala is None:
        return None, None
    r = posisi_pada(kepala.id, tanggal)
    if r is not None and not (r.unit_id == unit_id and r.pimpinan):
        return None, None
    return kepala, r


def penetap_capaian(unit_id: int) -> int | str | None:
    """Who sets the unit's capaian: a pegawai id, rules.PENETAP_LUAR, or None (admin only).  While a
    Plt/Plh runs as pimpinan of a unit (``kinerja.atasan``), he sets what its head would."""
    return rules.penetap_capaian(unit_id, _units_map(), {**_pimpinan_map(), **plt_unit()})


def penugasan_penetap(unit_id: int):
    """The running penugasan (``PenugasanPlt``) that makes its official the one who sets the unit's capaian
    (he acts as pimpinan of the nearest unit above that has a head); None: the head himself, or nobody."""
    from kinerja.atasan import penugasan_berjalan
    from kinerja.models import PenugasanPlt

    plt = {p.unit_id: p.id for p in penugasan_berjalan() if p.unit_id is not None}
    if not plt:
        return None
    induk, pimpinan = _units_map(), _pimpinan_map()
    current, seen = induk.get(unit_id), {unit_id}
    while current is not None and current not in seen:
        if current in plt:
            return db.session.get(PenugasanPlt, plt[current])
        if current in pimpinan:
            return None
        seen.add(current)
        current = induk.get(current)
    return None


def plt_unit() -> dict[int, int]:
    """{unit id: the acting official} for each Plt/Plh running today as pimpinan of a unit (no query
    when none runs near today)."""
    from kinerja.atasan import unit_plt

    return unit_plt()


def _predikat_periode(periode_id: int, penonton=None) -> list[rules.PredikatUnit]:
    """Every predikat of the period that ``penonton`` may count: final results (``hasil_dirilis``),
    and a result not final yet only when ``penonton`` may see it (``can_see_result``).  ``penonton``
    None (documents for the record): final results only."""
    rows = db.session.execute(
        select(Evaluasi.unit_id, Evaluasi.kepala_unit, Evaluasi.predikat, Evaluasi.pegawai_id, Evaluasi.penilai_id,
               Evaluasi.atasan_penilai_id, Evaluasi.status)
        .where(Evaluasi.periode_id == periode_id, Evaluasi.predikat.is_not(None),
               Evaluasi.penentu_predikat.is_(True))  # one predikat per pegawai (issue #11 §1)
    ).all()
    bawahan = None
    if penonton is not None and any(not hasil_dirilis(r) for r in rows):
        bawahan = bawahan_untuk_hasil(penonton)
    return [rules.PredikatUnit(r.unit_id, bool(r.kepala_unit), r.predikat) for r in rows
            if hasil_dirilis(r) or (penonton is not None and can_see_result(penonton, r, bawahan))]


@dataclass
class KurvaPimpinan:
    """The kurva of the organisation below a pimpinan, and per unit (information only)."""

    unit_id: int | None
    hasil: rules.HasilKurva
    rincian: list[tuple[str, rules.HasilKurva]] = field(default_factory=list)
    diperiksa_di: int | None = None  # the unit above whose kurva the pattern is checked on, if not this one


def kurva_pimpinan(unit_id: int | None, periode_id: int, penonton=None) -> KurvaPimpinan:
    """Every evaluated pegawai under the unit's pimpinan (the unit and its sub-units), with the
    capaian that applies to the unit.  Four queries whatever the size."""
    if unit_id is None:
        return KurvaPimpinan(None, rules.cek_kurva(None, []))
    induk = _units_map()
    daftar = _predikat_periode(periode_id, penonton)
    capaian, sumber = capaian_efektif(unit_id, periode_id)
    if sumber is not None and sumber != unit_id:
        # The capaian is the organisation's above: the pattern is checked there, over all its pegawai;
        # this unit's own counts are information only (a 3-person seksi cannot follow 70%/10%).
        hasil = rules.cek_kurva(None, rules.predikat_di_bawah(unit_id, induk, daftar))
        hasil.capaian_organisasi = capaian
        return KurvaPimpinan(unit_id, hasil, [], sumber)
    hasil = rules.cek_kurva_pimpinan(unit_id, capaian, induk, daftar)
    per_unit = rules.rincian_per_unit(unit_id, induk, daftar)
    punya_anak = any(parent == unit_id for parent in induk.values())
    nama = dict(db.session.execute(select(UnitKerja.id, UnitKerja.nama)
                                   .where(UnitKerja.id.in_([u for u in per_unit if u is not None]))).all()) \
        if punya_anak and per_unit else {}
    rincian = sorted(((nama.get(u, "(tanpa unit)"), h) for u, h in per_unit.items()), key=lambda x: x[0]) \
        if punya_anak else []
    return KurvaPimpinan(unit_id, hasil, rincian)


def unit_kurva_evaluasi(ev: Evaluasi) -> int | None:
    """The unit whose kurva the evaluation belongs to: the organisation whose capaian applies
    (a head of a unit sits in the organisation above him; the head of the dinas in the dinas)."""
    induk = _units_map()
    awal = rules.awal_kurva(ev.unit_id, ev.kepala_unit, induk)
    if awal is None:
        awal = ev.unit_id
    _, sumber = capaian_efektif(awal, ev.periode_id)
    return sumber if sumber is not None else awal


def kurva_evaluasi(ev: Evaluasi, penonton=None) -> rules.HasilKurva:
    return kurva_pimpinan(unit_kurva_evaluasi(ev), ev.periode_id, penonton).hasil


def kurva_unit(unit_id: int | None, periode_id: int, penonton=None) -> rules.HasilKurva:
    """The kurva of the organisation below the unit's pimpinan (not of the exact unit only), as
    ``penonton`` may see it (see ``_predikat_periode``)."""
    return kurva_pimpinan(unit_id, periode_id, penonton).hasil


def unit_evaluasi(unit_id: int, periode_id: int) -> list[Evaluasi]:
    """The evaluations of every pegawai under the unit's pimpinan (the unit and its sub-units)."""
    cakupan = rules.unit_bawahan(unit_id, _units_map())
    return [ev for ev in db.session.execute(
        select(Evaluasi).join(Pegawai, Evaluasi.pegawai_id == Pegawai.id)
        .where(Evaluasi.unit_id.in_(cakupan), Evaluasi.periode_id == periode_id)
        .options(selectinload(Evaluasi.pegawai), selectinload(Evaluasi.unit)).order_by(Pegawai.nama)
    ).scalars() if not (ev.kepala_unit and ev.unit_id == unit_id)]


def realisasi_per_rhk(rhk_id: int) -> int:
    """Realisasi rows that refer to an RHK (kait.add_rhk_usage)."""
    return db.session.execute(select(func.count(RealisasiRhk.id)).where(RealisasiRhk.rhk_id == rhk_id)).scalar_one()


# ------------------------------------------------------------------ evidence from the daily log

@dataclass
class RingkasanAktivitas:
    jumlah: int = 0
    menit: int = 0
    contoh: list = field(default_factory=list)

    @property
    def jam(self) -> str:
        jam, menit = divmod(self.menit, 60)
        return f"{jam} jam {menit} menit" if menit else f"{jam} jam"


def aktivitas_per_rhk(pegawai_id: int, rhk_ids: list[int], mulai, selesai) -> dict[int, RingkasanAktivitas]:
    """Approved daily entries linked to each RHK in the period: count, minutes, a few examples (2 queries)."""
    result = {rid: RingkasanAktivitas() for rid in rhk_ids}
    if not rhk_ids:
        return result
    base = and_(Aktivitas.pegawai_id == pegawai_id, Aktivitas.rhk_id.in_(rhk_ids), Aktivitas.status == "Disetujui",
                Aktivitas.tanggal >= mulai, Aktivitas.tanggal <= selesai)
    for rid, count, minutes in db.session.execute(
        select(Aktivitas.rhk_id, func.count(Aktivitas.id), func.coalesce(func.sum(Aktivitas.durasi_menit), 0))
        .where(base).group_by(Aktivitas.rhk_id)
    ).all():
        result[rid].jumlah, result[rid].menit = count, int(minutes)
    nomor = func.row_number().over(partition_by=Aktivitas.rhk_id,
                                   order_by=(Aktivitas.tanggal.desc(), Aktivitas.id.desc())).label("nomor")
    ranked = select(Aktivitas.id, Aktivitas.rhk_id, Aktivitas.tanggal, Aktivitas.uraian, Aktivitas.volume,
                    Aktivitas.satuan, nomor).where(base).subquery()
    for row in db.session.execute(select(ranked).where(ranked.c.nomor <= CONTOH_AKTIVITAS)
                                  .order_by(ranked.c.rhk_id, ranked.c.nomor)).all():
        result[row.rhk_id].contoh.append(row)
    return result


def hasil_semester(ev: Evaluasi) -> list[Evaluasi]:
    """For an Akhir evaluation: the same pegawai's semester evaluations of that year."""
    return list(db.session.execute(
        select(Evaluasi).join(Periode, Evaluasi.periode_id == Periode.id)
        .where(Evaluasi.pegawai_id == ev.pegawai_id, Periode.tahun_kinerja_id == ev.periode.tahun_kinerja_id,
               Periode.jenis == "semester")
        .options(selectinload(Evaluasi.periode), selectinload(Evaluasi.realisasi)).order_by(Periode.urutan)
    ).scalars())


def dialog_periode(actor, ev: Evaluasi):
    """The dialog kinerja of the period, when the dialog feature is installed; else None."""
    try:
        from kinerja.dialog.services import list_dialog_for_pegawai
    except ImportError:
        return None
    from kinerja.errors import PermissionDenied

    try:
        return list_dialog_for_pegawai(actor, ev.pegawai_id, ev.periode.tanggal_mulai, ev.periode.tanggal_selesai)
    except (PermissionDenied, NotFound):
        return None


# ------------------------------------------------------------------ what waits for me

@dataclass
class Menunggu:
    isi_realisasi: list = field(default_factory=list)
    tanda_tangan: list = field(default_factory=list)
    dinilai: list = field(default_factory=list)
    finalisasi: list = field(default_factory=list)
    jelaskan: list = field(default_factory=list)
    putuskan: list = field(default_factory=list)

    @property
    def kosong(self) -> bool:
        return not any((self.isi_realisasi, self.tanda_tangan, self.dinilai, self.finalisasi, self.jelaskan, self.putuskan))


@dataclass(frozen=True, slots=True)
class ItemMenunggu:
    """One evaluation waiting for the actor, as the Beranda lists it."""

    id: int
    pegawai_nama: str
    periode_nama: str
    periode_tahun: int


def menunggu_saya(actor) -> Menunggu:
    """One query: everything waiting for the actor across periods (plain rows; the statement is built once
    per process for each shape of the conditions)."""
    from kinerja.atasan import ada_penugasan, bertindak_atas_ids, dialihkan_ids

    own = pegawai_id_of(actor)
    luar = pejabat_luar_id_of(actor)
    out = Menunggu()
    if own is None and luar is None:
        return out
    params = {"own": own, "luar": luar}
    if own is not None and ada_penugasan():
        params["lepas"], params["ganti"] = sorted(dialihkan_ids(own)), sorted(bertindak_atas_ids(own))
    bentuk = (luar is not None, own is not None, bool(params.get("lepas")), bool(params.get("ganti")))
    rows = baris(_menunggu_stmt(*bentuk), params)  # one query (the Beranda's budget; many-to-one joins)
    for ev_id, status, pegawai_id, penilai_luar_id, nama, periode, mulai in rows:
        item = ItemMenunggu(ev_id, nama, periode, mulai.year)  # Periode.tahun
        if pegawai_id == own:
            (out.isi_realisasi if status == rules.DRAFT else out.tanda_tangan).append(item)
        elif status != rules.DIJELASKAN and (own is not None or (luar is not None and penilai_luar_id == luar)):
            {rules.DIAJUKAN: out.dinilai, rules.DINILAI: out.finalisasi, rules.FINAL: out.tanda_tangan,
             rules.TTD_PEGAWAI: out.tanda_tangan, rules.KEBERATAN: out.jelaskan}[status].append(item)
        else:
            out.putuskan.append(item)
    return out


@lru_cache(maxsize=16)
def _menunggu_stmt(ada_luar: bool, ada_own: bool, ada_lepas: bool, ada_ganti: bool):
    """``menunggu_saya``'s statement; parameters own, luar and, while a Plt/Plh runs, lepas and ganti
    (``_plt_kondisi``'s sets)."""
    conditions = []
    if ada_luar:
        luar = bindparam("luar")
        conditions += [
            and_(Evaluasi.penilai_luar_id == luar,
                 _status_salah_satu(rules.DIAJUKAN, rules.DINILAI, rules.FINAL, rules.TTD_PEGAWAI, rules.KEBERATAN)),
            and_(Evaluasi.atasan_penilai_luar_id == luar, Evaluasi.status == rules.DIJELASKAN),
        ]
    if ada_own:
        own = bindparam("own")
        conditions += [
            and_(Evaluasi.pegawai_id == own, _status_salah_satu(rules.DRAFT, rules.FINAL, rules.DISERAHKAN)),
            and_(_kondisi_pelaksana(own, Evaluasi.penilai_id, Evaluasi.pegawai_id, ada_lepas, ada_ganti),
                 _status_salah_satu(rules.DIAJUKAN, rules.DINILAI, rules.FINAL, rules.TTD_PEGAWAI, rules.KEBERATAN)),
            and_(_kondisi_pelaksana(own, Evaluasi.atasan_penilai_id, Evaluasi.penilai_id, ada_lepas, ada_ganti),
                 Evaluasi.status == rules.DIJELASKAN),
        ]
    return (select(Evaluasi.id, Evaluasi.status, Evaluasi.pegawai_id, Evaluasi.penilai_luar_id, Pegawai.nama,
                   Periode.nama, Periode.tanggal_mulai)
            .join(Pegawai, Evaluasi.pegawai_id == Pegawai.id).join(Periode, Evaluasi.periode_id == Periode.id)
            .where(or_(*conditions)).order_by(Evaluasi.id).limit(200))


def _status_salah_satu(*status: str):
    """``Evaluasi.status IN (...)`` as equalities: a statement built once needs no expansion of a list at
    each execution."""
    return or_(*(Evaluasi.status == s for s in status))


def _kondisi_pelaksana(own, kolom, kolom_bawahan, ada_lepas: bool, ada_ganti: bool):
    """``_plt_kondisi`` with bind parameters lepas and ganti."""
    kondisi = and_(kolom == own, kolom_bawahan.not_in(bindparam("lepas", expanding=True))) if ada_lepas else kolom == own
    return or_(kondisi, kolom_bawahan.in_(bindparam("ganti", expanding=True))) if ada_ganti else kondisi
