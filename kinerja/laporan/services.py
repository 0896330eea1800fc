"""Monthly LKH (form D, DOMAIN.md §8.D): the data for one pegawai or a whole team, in a fixed
number of queries whatever the team size."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from kinerja.dokumen.identitas import identitas_bulanan
from kinerja.errors import PESAN_BUKAN_PEGAWAI, NotFound, PermissionDenied
from kinerja.extensions import db
from kinerja.format import angka
from kinerja.kalender import absen_pegawai_between, holidays_between
from kinerja.kalender.rules import is_working_day, target_pro_rata, working_days_in_month
from kinerja.laporan import permissions, rules
from kinerja.models import Aktivitas, Pegawai
from kinerja.organisasi.permissions import effective_subordinate_ids_query, pegawai_id_of
from kinerja.organisasi.services import find_instansi
from kinerja.verifikasi.rules import DISETUJUI, DRAFT
from kinerja.waktu import today_local


@dataclass
class BarisLkh:
    no: int
    tanggal: date
    waktu: str
    durasi_menit: int
    uraian: str
    output: str
    rhk: str
    bukti: bool
    status: str


@dataclass
class Lkh:
    pegawai_id: int
    pegawai: dict
    atasan: dict
    tahun: int
    bulan: int
    periode: str
    kota: str
    tanggal_ttd: date
    baris: list[BarisLkh] = field(default_factory=list)
    target_menit: int = 0
    hari_kerja_per_minggu: int = 5
    # The pegawai's approved absences in the month (date → jenis), issue #11 §3.
    absen: dict[date, str] = field(default_factory=dict)
    target_penuh: int = 0

    def _libur(self) -> frozenset[date]:
        return holidays_between(*rules.rentang_bulan(self.tahun, self.bulan))

    @property
    def hari_absen(self) -> int:
        libur = self._libur()
        return sum(1 for d in self.absen if is_working_day(d, self.hari_kerja_per_minggu, libur))

    @property
    def hari_kerja(self) -> int:
        """Working days of the month the pegawai had to log: the unit's working days without his approved
        absences (holidays read once per request, only when a form prints them)."""
        return working_days_in_month(self.tahun, self.bulan, self.hari_kerja_per_minggu, self._libur()) - self.hari_absen

    @property
    def target_pro_rata(self) -> int:
        """The month's minute target, pro rata to the days without an approved absence."""
        return target_pro_rata(self.target_penuh, self.hari_kerja + self.hari_absen, self.hari_absen)

    @property
    def ketidakhadiran(self) -> list[tuple[str, date, date]]:
        """The absences as (jenis, first day, last day) runs within the month, for the printed form."""
        runs: list[tuple[str, date, date]] = []
        for d in sorted(self.absen):
            jenis = self.absen[d]
            if runs and runs[-1][0] == jenis and (d - runs[-1][2]).days == 1:
                runs[-1] = (jenis, runs[-1][1], d)
            else:
                runs.append((jenis, d, d))
        return runs

    @property
    def persen_target(self) -> str:
        """Approved minutes as a share of the month's (pro-rata) target ("83,4%"); only approved entries count."""
        target = self.target_pro_rata
        if not target:
            return "–"
        nilai = self.total_disetujui * 1000 // target
        return f"{nilai // 10},{nilai % 10}%"

    @property
    def menit_diajukan(self) -> int:
        return sum(b.durasi_menit for b in self.baris if b.status != DISETUJUI)

    @property
    def total_menit(self) -> int:
        return sum(b.durasi_menit for b in self.baris)

    @property
    def total_disetujui(self) -> int:
        return sum(b.durasi_menit for b in self.baris if b.status == DISETUJUI)

    def jumlah(self, status: str) -> int:
        return sum(1 for b in self.baris if b.status == status)

    @property
    def nama_berkas(self) -> str:
        return f"LKH-{self.pegawai['nip'] or self.pegawai_id}-{self.tahun:04d}-{self.bulan:02d}"


def _rhk_label(a: Aktivitas) -> str:
    if a.rhk is not None:
        return a.rhk.uraian
    return "Tugas dari atasan" if a.tugas_atasan else "–"


def _build(pegawai: list[Pegawai], tahun: int, bulan: int, hari_ini: date) -> list[Lkh]:
    """A fixed number of queries for the whole list: the identities of the month (history, Plt/Plh), the
    absences, the entries (with their RHK), then their evidence."""
    mulai, selesai = rules.rentang_bulan(tahun, bulan)
    inst = find_instansi()
    kota = inst.kota_ttd if inst and inst.kota_ttd else "……………"
    ttd = rules.tanggal_tanda_tangan(tahun, bulan, hari_ini)
    target = inst.target_menit_bulanan if inst and inst.target_menit_bulanan else 0
    identitas = identitas_bulanan(pegawai, ttd)  # as of the form's date (issue #11 §1)
    laporan = {p.id: Lkh(p.id, *identitas[p.id], tahun, bulan,
                         rules.label_periode(tahun, bulan), kota, ttd, target_menit=target, target_penuh=target,
                         hari_kerja_per_minggu=6 if p.unit and p.unit.hari_kerja_per_minggu == 6 else 5)
               for p in pegawai}
    if not laporan:
        return []
    for pid, hari in absen_pegawai_between(list(laporan), mulai, selesai).items():
        laporan[pid].absen = hari
    entri = db.session.execute(
        select(Aktivitas)
        .where(Aktivitas.pegawai_id.in_(list(laporan)), Aktivitas.tanggal >= mulai, Aktivitas.tanggal <= selesai,
               Aktivitas.status != DRAFT)
        .options(joinedload(Aktivitas.rhk), selectinload(Aktivitas.bukti))
        .order_by(Aktivitas.pegawai_id, Aktivitas.tanggal, Aktivitas.jam_mulai, Aktivitas.id)
    ).scalars().all()
    for a in entri:
        lkh = laporan[a.pegawai_id]
        lkh.baris.append(BarisLkh(
            no=len(lkh.baris) + 1, tanggal=a.tanggal,
            waktu=f"{a.jam_mulai:%H:%M}–{a.jam_selesai:%H:%M}", durasi_menit=a.durasi_menit or 0,
            uraian=a.uraian, output=f"{angka(a.volume)} {a.satuan}".strip(), rhk=_rhk_label(a),
            bukti=bool(a.bukti or a.tautan_bukti), status=a.status,
        ))
    return [laporan[p.id] for p in pegawai]


def _pegawai_query():
    atasan = selectinload(Pegawai.atasan)  # with the atasan's jabatan and unit in the same query (identity printed)
    return select(Pegawai).options(selectinload(Pegawai.jabatan), selectinload(Pegawai.unit),
                                   atasan.joinedload(Pegawai.jabatan), atasan.joinedload(Pegawai.unit))


def lkh_pegawai(actor, pegawai_id: int, tahun: int, bulan: int, hari_ini: date | None = None) -> Lkh:
    """One pegawai's month: the owner, their atasan chain and admin; others get a hidden refusal."""
    permissions.require_lkh(actor, pegawai_id)
    p = db.session.execute(_pegawai_query().where(Pegawai.id == pegawai_id)).scalar_one_or_none()
    if p is None:
        raise NotFound()
    return _build([p], tahun, bulan, hari_ini or today_local())[0]


def lkh_tim(actor, tahun: int, bulan: int, semua: bool = False, hari_ini: date | None = None) -> list[Lkh]:
    """The actor's team (direct subordinates, or the whole chain with ``semua``), one LKH each."""
    pid = pegawai_id_of(actor)
    if pid is None:
        raise PermissionDenied(PESAN_BUKAN_PEGAWAI)
    pegawai = list(db.session.execute(
        _pegawai_query().where(Pegawai.id.in_(effective_subordinate_ids_query(pid, direct_only=not semua)),
                               Pegawai.aktif.is_(True))
        .order_by(Pegawai.nama, Pegawai.id)
    ).scalars())
    if not pegawai:
        raise PermissionDenied("Anda tidak memiliki bawahan.")
    return _build(pegawai, tahun, bulan, hari_ini or today_local())


def daftar_bawahan(actor, page: int = 1, per_page: int = 25):
    """A page of everyone below the actor (the report index), by name, with jabatan; None for an actor who
    is not a pegawai.  A Kepala OPD of a kabupaten has a thousand (#17)."""
    pid = pegawai_id_of(actor)
    if pid is None:
        return None
    stmt = (select(Pegawai).where(Pegawai.id.in_(effective_subordinate_ids_query(pid)), Pegawai.aktif.is_(True))
            .options(selectinload(Pegawai.jabatan)).order_by(Pegawai.nama, Pegawai.id))
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)


def cari_pegawai(q: str | None, limit: int = 50) -> list[Pegawai]:
    """Admin's search on the report index (nama or NIP)."""
    q = (q or "").strip()[:100]
    if not q:
        return []
    like = f"%{q}%"
    return list(db.session.execute(
        select(Pegawai).where((Pegawai.nama.ilike(like)) | (Pegawai.nip.like(like)))
        .options(selectinload(Pegawai.jabatan)).order_by(Pegawai.nama).limit(limit)
    ).scalars())


def lkh_pdf(actor, pegawai_id: int, tahun: int, bulan: int, hari_ini: date | None = None) -> tuple[bytes, Lkh]:
    """One pegawai's monthly LKH (form D) as PDF bytes (the page's button and Cetak Massal)."""
    from kinerja.dokumen import arsip
    from kinerja.dokumen.pdf import logo_data_uri, render_pdf

    lkh = lkh_pegawai(actor, pegawai_id, tahun, bulan, hari_ini)
    with arsip.render_context():
        content = render_pdf("dokumen/form_d_lkh.html", lkh=lkh, instansi=find_instansi(), logo=logo_data_uri(),
                             judul_dokumen=f"Laporan Kinerja Harian {lkh.periode}")
    return content, lkh
