"""Dasbor rules (pure): the unit subtree, working days per month, medians and percentiles, the
definitions shown next to every figure.  No Flask, no database: values in, value out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from babel.numbers import format_decimal

from kinerja.format import persen as format_persen  # noqa: F401  (rules.format_persen)
from kinerja.format import ribuan
from kinerja.kalender.rules import DINAS_LUAR, is_working_day, month_bounds, previous_working_day, working_days_between
from kinerja.waktu import LOCALE

# A submitted entry waiting longer than this many working days counts as "tunggakan".
BATAS_TUNGGAKAN_HARI_KERJA = 3
# Months on the trend charts: six on the dasbor (one query over ~half a year of entries), up to
# twelve on request.
JUMLAH_BULAN_TREN = 6
PILIHAN_BULAN_TREN = (6, 12)

DEFINISI: dict[str, str] = {
    "kepatuhan": (
        "Bagian hari kerja bulan ini (Senin–Jumat, atau Senin–Sabtu untuk unit enam hari kerja; hari libur "
        "nasional, cuti bersama dan libur daerah tidak dihitung) yang memiliki paling sedikit satu aktivitas "
        "yang sudah diajukan (Diajukan, Disetujui, atau Dikembalikan). Draf tidak dihitung. Hari yang belum "
        "lewat tidak dihitung. Hari cuti, sakit, tugas belajar dan dinas luar yang disetujui bukan hari kerja "
        "pegawai itu; hari dinas luar yang tetap dicatat dihitung sebagai hari kerja yang terisi."),
    "belum_hari_ini": (
        "Pegawai aktif yang belum mencatat satu pun aktivitas pada hari ini, bila hari ini hari kerja unitnya."),
    "menit": (
        "Jumlah durasi aktivitas berstatus Disetujui dalam bulan ini, dibandingkan dengan target menit kerja "
        "bulanan instansi untuk setiap pegawai."),
    "umpan_balik": (
        "Waktu dari pengajuan aktivitas sampai diverifikasi (disetujui atau dikembalikan), dalam jam kalender, "
        "untuk aktivitas yang diverifikasi bulan ini. Median: separuh verifikasi lebih cepat dari angka ini. "
        "P90: 90% verifikasi lebih cepat dari angka ini."),
    "tunggakan": (
        f"Aktivitas berstatus Diajukan yang diajukan lebih dari {BATAS_TUNGGAKAN_HARI_KERJA} hari kerja yang lalu "
        "dan belum diverifikasi, per atasan langsung pegawai."),
    "skp": "SKP tahun periode ini menurut statusnya; pegawai aktif tanpa SKP dihitung tersendiri.",
    "rhk_tanpa_intervensi": (
        "Rencana Hasil Kerja pada SKP yang sudah disetujui milik pimpinan yang belum diintervensi oleh satu pun "
        "RHK bawahan (tidak ada bawahan yang mengambil peran atas hasil kerja itu)."),
    "evaluasi": (
        "Evaluasi periode ini menurut tahapnya: Belum diisi (Draft), Realisasi terisi (diajukan pegawai), "
        "Dinilai (dinilai atau menunggu tanda tangan), Ditandatangani (selesai, termasuk keberatan)."),
    "kurva": (
        "Predikat semua pegawai yang sudah dinilai di unit ini dan unit di bawahnya (tanpa kepala unit), "
        "dibandingkan dengan pola kurva menurut Capaian Kinerja Organisasi unit (PermenPANRB 6/2022). "
        "Penyimpangan adalah peringatan, bukan larangan."),
    "dialog": (
        "Dialog kinerja yang dijadwalkan atau dilaksanakan bulan ini per pimpinan, serta tindak lanjut yang "
        "belum selesai; terlambat bila batas waktunya sudah lewat."),
    "tren": "Angka yang sama untuk bulan-bulan sebelumnya, dihitung dengan definisi yang sama.",
    "kehadiran_sosialisasi": (
        "Undangan sesi sosialisasi/bimtek yang dimulai pada tahun periode ini dan sudah berlangsung, yang "
        "dihadiri pegawai aktif unit ini dan unit di bawahnya (kehadiran dicatat penyelenggara), dibagi "
        "seluruh undangan untuk pegawai tersebut."),
    "keterbacaan_wajib": (
        "Tanda terima pengumuman berstatus Terbit yang Wajib dibaca, milik pegawai aktif unit ini dan unit di "
        "bawahnya, yang sudah ditandai Sudah Dibaca, dibagi seluruh tanda terima pengumuman wajib tersebut."),
    "jp": (
        "Jam pelajaran (JP) kegiatan pengembangan kompetensi berstatus Selesai (dikonfirmasi atasan) dengan "
        "tanggal selesai pada tahun periode ini, per pegawai aktif, dibandingkan dengan 20 JP yang diharapkan "
        "dari setiap ASN per tahun. Rata-rata dihitung atas semua pegawai aktif, termasuk yang 0 JP."),
}


# ------------------------------------------------------------------ the unit tree


@dataclass(frozen=True)
class Unit:
    id: int
    nama: str
    induk_id: int | None
    hari_kerja: int = 5


def anak_map(units: Iterable[Unit]) -> dict[int | None, list[Unit]]:
    anak: dict[int | None, list[Unit]] = {}
    for u in units:
        anak.setdefault(u.induk_id, []).append(u)
    for daftar in anak.values():
        daftar.sort(key=lambda u: (u.nama, u.id))
    return anak


def subtree(anak: Mapping[int | None, list[Unit]], root_id: int) -> list[int]:
    """``root_id`` and every unit below it (cycle-safe), root first."""
    hasil, antre, dilihat = [], [root_id], set()
    while antre:
        uid = antre.pop(0)
        if uid in dilihat:
            continue
        dilihat.add(uid)
        hasil.append(uid)
        antre.extend(u.id for u in anak.get(uid, []))
    return hasil


def jalur(units: Mapping[int, Unit], unit_id: int, sampai: Iterable[int] = ()) -> list[Unit]:
    """The breadcrumb from the highest of ``sampai`` (or the top) down to ``unit_id``."""
    batas = set(sampai)
    hasil, dilihat, current = [], set(), unit_id
    while current is not None and current in units and current not in dilihat:
        dilihat.add(current)
        hasil.append(units[current])
        if current in batas:
            break
        current = units[current].induk_id
    return list(reversed(hasil))


def capaian_efektif(unit_id: int | None, ditetapkan: dict[int, str], units: Mapping[int, Unit]):
    """The capaian set for the unit or its nearest ancestor: (capaian, unit id it came from)."""
    current, seen = unit_id, set()
    while current is not None and current not in seen:
        if current in ditetapkan:
            return ditetapkan[current], current
        seen.add(current)
        current = units[current].induk_id if current in units else None
    return None, None


# ------------------------------------------------------------------ months and working days


def geser_bulan(tahun: int, bulan: int, delta: int) -> tuple[int, int]:
    n = tahun * 12 + (bulan - 1) + delta
    return n // 12, n % 12 + 1


def bulan_terakhir(tahun: int, bulan: int, jumlah: int) -> list[tuple[int, int]]:
    """The ``jumlah`` months ending with (tahun, bulan), oldest first."""
    return [geser_bulan(tahun, bulan, -i) for i in range(jumlah - 1, -1, -1)]


def hari_kerja_dihitung(tahun: int, bulan: int, hari_kerja_per_minggu: int, libur: Iterable[date],
                        hari_ini: date) -> list[date]:
    """The month's working days up to and including today (a running month counts only past days)."""
    mulai, selesai = month_bounds(tahun, bulan)
    selesai = min(selesai, hari_ini)
    if selesai < mulai:
        return []
    return working_days_between(mulai, selesai, hari_kerja_per_minggu, frozenset(libur))


def hari_kepatuhan(hari_kerja: Iterable[date], tercatat: Iterable[date],
                   absen: Mapping[date, str]) -> tuple[int, int]:
    """(days the pegawai had to log, days he logged) among ``hari_kerja`` (issue #11 §3).

    A day of approved absence is not a working day for him: neither owed nor counted.  Dinas luar is
    work: a day of DL he logged counts like any working day; one he did not log is not owed."""
    tercatat = set(tercatat)
    wajib = dicatat = 0
    for d in hari_kerja:
        jenis = absen.get(d)
        if jenis is not None and not (jenis == DINAS_LUAR and d in tercatat):
            continue
        wajib += 1
        dicatat += d in tercatat
    return wajib, dicatat


def batas_tunggakan(hari_ini: date, libur: Iterable[date], n: int = BATAS_TUNGGAKAN_HARI_KERJA) -> date:
    """Entries submitted before this day have waited more than ``n`` working days."""
    libur = frozenset(libur)
    hari = hari_ini
    for _ in range(n):
        hari = previous_working_day(hari, 5, libur)
    return hari


def hari_kerja(hari: date, hari_kerja_per_minggu: int, libur: Iterable[date]) -> bool:
    return is_working_day(hari, hari_kerja_per_minggu, libur)


# ------------------------------------------------------------------ numbers


def persen(bagian: int, total: int) -> Fraction | None:
    return Fraction(bagian, total) if total else None


def persentil(nilai: Iterable[float], p: float) -> float | None:
    """The ``p``-th percentile (0–100) by linear interpolation between the closest ranks; None if empty."""
    data = sorted(nilai)
    if not data:
        return None
    if len(data) == 1:
        return float(data[0])
    pos = (len(data) - 1) * p / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(data) - 1)
    return float(data[lo] + (data[hi] - data[lo]) * (pos - lo))


def median(nilai: Iterable[float]) -> float | None:
    return persentil(nilai, 50)


def persentil_histogram(hitungan: Mapping[float, int], p: float) -> float | None:
    """``persentil`` of the values given as {value: count} (the same result as on the expanded list)."""
    data = sorted((v, n) for v, n in hitungan.items() if n > 0)
    total = sum(n for _, n in data)
    if not total:
        return None
    pos = (total - 1) * p / 100
    lo = math.floor(pos)

    def nilai_ke(i: int) -> float:
        kumulatif = 0
        for v, n in data:
            kumulatif += n
            if i < kumulatif:
                return float(v)
        return float(data[-1][0])

    a, b = nilai_ke(lo), nilai_ke(min(lo + 1, total - 1))
    return a + (b - a) * (pos - lo)


# Verification times are grouped by the database in steps of 1/RESOLUSI_JAM hour (6 minutes).
RESOLUSI_JAM = 10


def format_jam(jam: float | None) -> str:
    """Hours, the Indonesian way (Babel): 0.5 → "30 menit"; 5.25 → "5,3 jam"; 50 → "2,1 hari"."""
    if jam is None:
        return "–"
    if jam < 1:
        return f"{round(jam * 60)} menit"
    if jam < 48:
        return f"{format_decimal(jam, format='#,##0.0', locale=LOCALE)} jam"
    return f"{format_decimal(jam / 24, format='#,##0.0', locale=LOCALE)} hari"


def format_desimal(nilai: Fraction | float | None) -> str:
    """Fraction(33, 2) → "16,5"; None → "–"."""
    return "–" if nilai is None else format_decimal(float(nilai), format="#,##0.0", locale=LOCALE)


def format_angka(n: int | None) -> str:
    """6750 → "6.750" (kinerja.format.ribuan); None → "–"."""
    return "–" if n is None else ribuan(n)
