"""Mutasi/promosi and Plt/Plh: the pure rules (no database, no Flask).

Dates are inclusive on both ends everywhere: an SKP "1 Jan–30 Jun" covers 30 June, a penugasan
"1–31 Mei" still runs on 31 May (also when 31 May is a holiday) and the duties return on 1 June.

- **SKP periods** (issue #11 §1): an SKP covers ``tanggal_mulai``..``tanggal_selesai`` inside its year.
  A mutasi/promosi/ganti atasan on day E ends the running SKP on E − 1 and the new SKP starts on E.
- **The predikat of a period** when several SKPs were active in it: the SKP covering the most days
  of the period; on a tie the later SKP (the newer position).  The admin may choose another one.
- **Plt/Plh**: the acting official (``pejabat``) stands in for the pimpinan of a unit (``unit``), or
  for the atasan of one pegawai (``pegawai``), from ``mulai`` to ``selesai``.  While it runs he is the
  *effective atasan* of whoever that pimpinan/atasan supervises — never of himself.  Two penugasan
  for the same target may not overlap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

MUTASI = "Mutasi"
PROMOSI = "Promosi"
GANTI_ATASAN = "Ganti Atasan"
JENIS_MUTASI = (MUTASI, PROMOSI, GANTI_ATASAN)

PLT = "Plt"
PLH = "Plh"
JENIS_PENUGASAN = (PLT, PLH)
KETERANGAN_PENUGASAN = {
    PLT: "Pelaksana Tugas — jabatan pimpinan kosong (lowong)",
    PLH: "Pelaksana Harian — pimpinan berhalangan sementara (cuti, dinas luar, sakit)",
}


# ------------------------------------------------------------------ periods


def awal_tahun(tahun: int) -> date:
    return date(tahun, 1, 1)


def akhir_tahun(tahun: int) -> date:
    return date(tahun, 12, 31)


def jumlah_hari(mulai: date, selesai: date) -> int:
    """Days in ``mulai``..``selesai`` inclusive (0 when empty)."""
    return max((selesai - mulai).days + 1, 0)


def irisan_hari(a_mulai: date, a_selesai: date, b_mulai: date, b_selesai: date) -> int:
    """How many days two inclusive ranges share."""
    return jumlah_hari(max(a_mulai, b_mulai), min(a_selesai, b_selesai))


def tumpang_tindih(a_mulai: date, a_selesai: date, b_mulai: date, b_selesai: date) -> bool:
    return irisan_hari(a_mulai, a_selesai, b_mulai, b_selesai) > 0


def masalah_rentang(mulai: date | None, selesai: date | None) -> str | None:
    if mulai is None or selesai is None:
        return "Tanggal mulai dan tanggal selesai wajib diisi."
    if selesai < mulai:
        return "Tanggal selesai tidak boleh sebelum tanggal mulai."
    return None


def masalah_tanggal_mutasi(efektif: date | None, skp_mulai: date | None, skp_selesai: date | None) -> str | None:
    """Why a mutasi effective on ``efektif`` cannot cut the running SKP (None: it can).

    Without a running SKP any date is fine.  With one, the old SKP keeps at least its first day:
    ``skp_mulai`` < ``efektif`` <= ``skp_selesai``.
    """
    if efektif is None:
        return "Tanggal berlaku wajib diisi."
    if skp_mulai is None or skp_selesai is None:
        return None
    if efektif <= skp_mulai:
        return (f"Tanggal berlaku harus setelah awal SKP yang berjalan ({skp_mulai:%d-%m-%Y}); "
                "SKP lama berakhir sehari sebelum tanggal berlaku.")
    if efektif > skp_selesai:
        return f"Tanggal berlaku melewati akhir SKP yang berjalan ({skp_selesai:%d-%m-%Y})."
    return None


def pisah_skp(skp_mulai: date, skp_selesai: date, efektif: date) -> tuple[tuple[date, date], tuple[date, date]]:
    """The old SKP's new range and the new SKP's range when a mutasi takes effect on ``efektif``."""
    problem = masalah_tanggal_mutasi(efektif, skp_mulai, skp_selesai)
    if problem:
        raise ValueError(problem)
    return (skp_mulai, efektif - timedelta(days=1)), (efektif, skp_selesai)


@dataclass(frozen=True)
class RentangSkp:
    id: int
    mulai: date
    selesai: date


def skp_aktif_pada(skps: Iterable[RentangSkp], tanggal: date) -> int | None:
    """The SKP whose range holds ``tanggal`` (the latest-starting one if ranges were to overlap)."""
    cocok = [s for s in skps if s.mulai <= tanggal <= s.selesai]
    return max(cocok, key=lambda s: (s.mulai, s.id)).id if cocok else None


def skp_dalam_periode(skps: Iterable[RentangSkp], p_mulai: date, p_selesai: date) -> list[int]:
    """The SKPs active at least one day of the period, oldest first."""
    return [s.id for s in sorted(skps, key=lambda s: (s.mulai, s.id))
            if tumpang_tindih(s.mulai, s.selesai, p_mulai, p_selesai)]


def skp_penentu_predikat(skps: Iterable[RentangSkp], p_mulai: date, p_selesai: date) -> int | None:
    """The SKP whose predikat is the pegawai's predikat for the period: most days of the period; on a
    tie the later SKP (the newer position).  None when no SKP touches the period."""
    terbaik = None
    for s in skps:
        hari = irisan_hari(s.mulai, s.selesai, p_mulai, p_selesai)
        if hari <= 0:
            continue
        kunci = (hari, s.mulai, s.id)
        if terbaik is None or kunci > terbaik[0]:
            terbaik = (kunci, s.id)
    return terbaik[1] if terbaik else None


# ------------------------------------------------------------------ Plt / Plh


@dataclass(frozen=True)
class Penugasan:
    id: int
    jenis: str
    pejabat_id: int
    mulai: date
    selesai: date
    unit_id: int | None = None      # acts as pimpinan of this unit ...
    pegawai_id: int | None = None   # ... or as atasan of this pegawai
    dibatalkan: bool = False


def berlaku(p: Penugasan, tanggal: date) -> bool:
    return not p.dibatalkan and p.mulai <= tanggal <= p.selesai


def sasaran_sama(a: Penugasan, b: Penugasan) -> bool:
    return (a.unit_id is not None and a.unit_id == b.unit_id) or (a.pegawai_id is not None and a.pegawai_id == b.pegawai_id)


def masalah_penugasan(baru: Penugasan, lain: Sequence[Penugasan]) -> str | None:
    """Why the penugasan cannot be recorded (None: it can).  Overlaps for the same target are refused."""
    if baru.jenis not in JENIS_PENUGASAN:
        return "Pilih jenis penugasan: Plt atau Plh."
    if (baru.unit_id is None) == (baru.pegawai_id is None):
        return "Pilih salah satu: unit yang dipimpin, atau pegawai yang atasannya digantikan."
    if baru.pegawai_id is not None and baru.pegawai_id == baru.pejabat_id:
        return "Seorang pegawai tidak dapat menjadi atasan bagi dirinya sendiri."
    problem = masalah_rentang(baru.mulai, baru.selesai)
    if problem:
        return problem
    for p in lain:
        if p.id == baru.id or p.dibatalkan or not sasaran_sama(p, baru):
            continue
        if tumpang_tindih(p.mulai, p.selesai, baru.mulai, baru.selesai):
            return (f"Sudah ada penugasan {p.jenis} untuk sasaran yang sama pada "
                    f"{p.mulai:%d-%m-%Y} s.d. {p.selesai:%d-%m-%Y}. Akhiri atau batalkan dahulu.")
    return None


@dataclass(frozen=True)
class Posisi:
    """Where a pegawai sits: enough to know whose pimpinan supervises him."""

    id: int
    atasan_id: int | None
    unit_id: int | None
    pimpinan: bool = False
    induk_unit_id: int | None = None  # the parent of ``unit_id`` (for a unit head)


def unit_atasan(pos: Posisi) -> int | None:
    """The unit whose pimpinan supervises ``pos``: his own unit, or its parent when he heads it."""
    return pos.induk_unit_id if pos.pimpinan else pos.unit_id


def penugasan_untuk(pos: Posisi, penugasan: Iterable[Penugasan], tanggal: date) -> Penugasan | None:
    """The penugasan that makes someone the acting atasan of ``pos`` on ``tanggal`` (None: nobody).

    A penugasan naming the pegawai wins over one for his unit; nobody acts as his own atasan.
    """
    berjalan = sorted((p for p in penugasan if berlaku(p, tanggal) and p.pejabat_id != pos.id),
                      key=lambda p: (p.mulai, p.id))
    for p in berjalan:
        if p.pegawai_id is not None and p.pegawai_id == pos.id:
            return p
    unit = unit_atasan(pos)
    for p in berjalan:
        if unit is not None and p.unit_id == unit and pos.atasan_id != p.pejabat_id:
            return p
    return None


def atasan_efektif(pos: Posisi, penugasan: Iterable[Penugasan], tanggal: date) -> int | None:
    """Who is the effective atasan of ``pos`` on ``tanggal``: the acting official while a penugasan
    runs, otherwise the atasan on record."""
    p = penugasan_untuk(pos, penugasan, tanggal)
    return p.pejabat_id if p is not None else pos.atasan_id


def label_jabatan(jenis: str | None, jabatan: str) -> str:
    """"Plt. Kepala Seksi …" / "Plh. Kepala Seksi …" for a signature; the plain jabatan otherwise."""
    if jenis in JENIS_PENUGASAN and jabatan:
        return f"{jenis}. {jabatan}"
    return jabatan


def hari_kerja_terakhir(selesai: date, libur: set[date], hari_kerja_per_minggu: int = 5) -> date:
    """The last working day of a penugasan ending on ``selesai`` (a holiday/weekend end moves back).

    The penugasan still *runs* until ``selesai``; this is what the list shows as the last day the
    acting official is expected at work."""
    hari = selesai
    for _ in range(31):
        akhir_pekan = hari.weekday() >= hari_kerja_per_minggu
        if not akhir_pekan and hari not in libur:
            return hari
        hari -= timedelta(days=1)
    return selesai


def hari_tugas_kembali(selesai: date) -> date:
    """The day the duties return to the pimpinan/atasan on record."""
    return selesai + timedelta(days=1)
