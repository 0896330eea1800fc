"""Aktivitas harian rules (pure: values in, value or DomainError out; no Flask, no database).

The grace window for late entries (DOMAIN.md §6.2), time and duration rules, and the checks on
bukti dukung (link and uploaded file content).

Working-calendar arithmetic (hari kerja, next/previous working day) is in :mod:`kinerja.kalender.rules`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from kinerja.errors import DomainError
from kinerja.format import durasi, jam, ribuan
from kinerja.jenis_berkas import sniff
from kinerja.kalender.rules import is_working_day, next_working_day
from kinerja.waktu import tanggal as format_tanggal

# ------------------------------------------------------------------ status (the aktivitas vocabulary)

DRAFT, DIAJUKAN, DISETUJUI, DIKEMBALIKAN = "Draft", "Diajukan", "Disetujui", "Dikembalikan"
STATUS = (DRAFT, DIAJUKAN, DISETUJUI, DIKEMBALIKAN)
DAPAT_DIUBAH = (DRAFT, DIKEMBALIKAN)  # the pegawai may still change, delete or submit these


def dapat_diubah(status: str) -> bool:
    return status in DAPAT_DIUBAH


# ------------------------------------------------------------------ grace window


def grace_deadline(day: date, masa_tenggang_hari_kerja: int = 1, hari_kerja_per_minggu: int = 5,
                   libur: Iterable[date] = ()) -> date:
    """The last day on which an entry for ``day`` may still be created, edited or submitted.

    The end of the N-th working day after ``day`` (N = the instansi's masa tenggang, default 1:
    Mon–Thu → the next working day, Friday → Monday).  N = 0 means the same day only.
    """
    libur = frozenset(libur)
    deadline = day
    for _ in range(max(int(masa_tenggang_hari_kerja), 0)):
        deadline = next_working_day(deadline, hari_kerja_per_minggu, libur)
    return deadline


def check_not_future(day: date, today: date) -> None:
    if day > today:
        raise DomainError("tanggal", "Aktivitas tidak dapat dicatat untuk tanggal yang akan datang.")


def check_grace(day: date, today: date, masa_tenggang_hari_kerja: int = 1, hari_kerja_per_minggu: int = 5,
                libur: Iterable[date] = ()) -> None:
    """Refuse a day whose filling window has closed, naming the day it closed."""
    deadline = grace_deadline(day, masa_tenggang_hari_kerja, hari_kerja_per_minggu, libur)
    if today > deadline:
        raise DomainError(
            "tanggal",
            f"Batas pengisian untuk {format_tanggal(day)} sudah lewat "
            f"(berakhir {format_tanggal(deadline, 'EEEE, d MMMM yyyy')}).",
        )


def check_tanggal(day: date, today: date, masa_tenggang_hari_kerja: int = 1, hari_kerja_per_minggu: int = 5,
                  libur: Iterable[date] = ()) -> bool:
    """Both date rules; returns True when ``day`` is not a working day (the entry is flagged)."""
    check_not_future(day, today)
    check_grace(day, today, masa_tenggang_hari_kerja, hari_kerja_per_minggu, libur)
    return not is_working_day(day, hari_kerja_per_minggu, libur)


# ------------------------------------------------------------------ times and duration

MENIT_SEHARI = 24 * 60


_JAM_DIGIT = re.compile(r"^(\d{1,2})(?:[.:, ](\d{1,2}))?(?:[.:](\d{2}))?$")
_AMPM = re.compile(r"(?i)[ap]\.?\s*m\.?$")


def parse_jam(text: str | None, field: str = "jam") -> time:
    """A time typed as digits, on the 24-hour clock: "1130", "11.30", "11:30", "11,30", "9" (09.00).

    Never AM/PM: "1" is 01.00.  Bad input raises DomainError(``field``) with an Indonesian message.
    """
    value = (text or "").strip()
    if not value:
        raise DomainError(field, "Isi jam, misalnya 0730 atau 07.30.")
    if _AMPM.search(value):
        raise DomainError(field, "Tulis jam dalam format 24 jam tanpa AM/PM, misalnya 13.30.")
    if value.isdigit() and len(value) in (3, 4):  # "930", "1130"
        hours, minutes = value[:-2], value[-2:]
    else:
        match = _JAM_DIGIT.match(value)
        if match is None:
            raise DomainError(field, "Tulis jam dengan angka, misalnya 0730, 07.30 atau 7.")
        hours, minutes = match.group(1), match.group(2) or "00"
        if len(minutes) != 2:
            raise DomainError(field, "Tulis menit dengan dua angka, misalnya 09.05.")
    h, m = int(hours), int(minutes)
    if h > 23:
        raise DomainError(field, "Jam harus antara 00.00 dan 23.59.")
    if m > 59:
        raise DomainError(field, "Menit harus antara 00 dan 59.")
    return time(h, m)


_DURASI_JM = re.compile(r"^(?:(\d+(?:[.,]\d+)?)\s*j(?:am)?)?\s*(?:(\d+)\s*m(?:enit)?)?$", re.IGNORECASE)
_DURASI_JAM_MENIT = re.compile(r"^(\d{1,2})[.:](\d{2})$")


def parse_durasi(text: str | None, field: str = "durasi") -> int:
    """A duration in minutes: "45m", "45" (minutes), "1j30m", "1 jam 30 menit", "1,5j", "1:30"."""
    value = (text or "").strip()
    if not value:
        raise DomainError(field, "Isi durasi, misalnya 45m atau 1j30m.")
    if value.isdigit():
        menit = int(value)
    elif (hm := _DURASI_JAM_MENIT.match(value)) is not None:
        if int(hm.group(2)) > 59:
            raise DomainError(field, "Menit pada durasi harus antara 00 dan 59.")
        menit = int(hm.group(1)) * 60 + int(hm.group(2))
    else:
        match = _DURASI_JM.match(value)
        if match is None or not (match.group(1) or match.group(2)):
            raise DomainError(field, "Tulis durasi seperti 45m, 1j atau 1j30m.")
        jam_part = Decimal(match.group(1).replace(",", ".")) if match.group(1) else Decimal(0)
        menit_part = int(match.group(2) or 0)
        if match.group(1) and menit_part > 59:
            raise DomainError(field, "Menit pada durasi harus antara 0 dan 59 bila jam ditulis.")
        menit = int(jam_part * 60) + menit_part
    if menit <= 0:
        raise DomainError(field, "Durasi harus lebih dari 0 menit.")
    if menit > MENIT_SEHARI:
        raise DomainError(field, "Durasi paling lama 24 jam.")
    return menit


def selesai_dari_durasi(jam_mulai: time, menit: int, field: str = "durasi") -> time:
    """Jam Selesai = Jam Mulai + ``menit``, within the same day."""
    akhir = to_minutes(jam_mulai) + menit
    if akhir >= MENIT_SEHARI:
        raise DomainError(field, "Durasi melewati tengah malam; pecah menjadi dua aktivitas.")
    return time(akhir // 60, akhir % 60)


def to_minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def duration_minutes(jam_mulai: time, jam_selesai: time) -> int:
    """Minutes from start to end within one day; end must be after start."""
    check_times(jam_mulai, jam_selesai)
    return to_minutes(jam_selesai) - to_minutes(jam_mulai)


def check_times(jam_mulai: time | None, jam_selesai: time | None) -> None:
    if jam_mulai is None:
        raise DomainError("jam_mulai", "Isi jam mulai.")
    if jam_selesai is None:
        raise DomainError("jam_selesai", "Isi jam selesai.")
    # datetime.time cannot leave 00:00–23:59; seconds are ignored.
    if to_minutes(jam_selesai) <= to_minutes(jam_mulai):
        raise DomainError("jam_selesai", "Jam selesai harus setelah jam mulai.")


@dataclass(frozen=True)
class Slot:
    """Another entry of the same pegawai on the same day (for overlap checks)."""

    id: int | None
    jam_mulai: time
    jam_selesai: time


def find_overlap(jam_mulai: time, jam_selesai: time, others: Iterable[Slot], ignore_id: int | None = None) -> Slot | None:
    """The first other entry whose time range overlaps [mulai, selesai) — touching ends are fine."""
    start, end = to_minutes(jam_mulai), to_minutes(jam_selesai)
    for slot in sorted(others, key=lambda s: to_minutes(s.jam_mulai)):
        if ignore_id is not None and slot.id == ignore_id:
            continue
        if to_minutes(slot.jam_mulai) < end and start < to_minutes(slot.jam_selesai):
            return slot
    return None


def check_overlap(jam_mulai: time, jam_selesai: time, others: Iterable[Slot], ignore_id: int | None = None) -> None:
    slot = find_overlap(jam_mulai, jam_selesai, others, ignore_id)
    if slot is not None:
        raise DomainError(
            "jam_mulai",
            f"Waktu ini bertumpang tindih dengan aktivitas {jam(slot.jam_mulai)}–{jam(slot.jam_selesai)}. "
            "Ubah jam mulai atau jam selesai.",
        )


def check_daily_cap(menit_lain: int, menit_baru: int, batas_menit_harian: int) -> None:
    """The day's total (other entries + this one) may not exceed the instansi's cap."""
    if menit_lain + menit_baru > batas_menit_harian:
        sisa = max(batas_menit_harian - menit_lain, 0)
        raise DomainError(
            "jam_selesai",
            f"Total aktivitas sehari paling banyak {ribuan(batas_menit_harian)} menit "
            f"({durasi(batas_menit_harian)}); sisa untuk hari ini {ribuan(sisa)} menit.",
        )


# ------------------------------------------------------------------ text fields

URAIAN_MAX = 2000
SATUAN_MAX = 60
TAUTAN_MAX = 500
VOLUME_MAX = Decimal("1000000")


def clean_uraian(value: str | None) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError("uraian", "Isi uraian kegiatan.")
    if len(text) > URAIAN_MAX:
        raise DomainError("uraian", f"Uraian kegiatan paling panjang {ribuan(URAIAN_MAX)} karakter.")
    return text


def clean_satuan(value: str | None) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise DomainError("satuan", "Isi satuan hasil, misalnya dokumen, kegiatan, atau laporan.")
    if len(text) > SATUAN_MAX:
        raise DomainError("satuan", f"Satuan paling panjang {SATUAN_MAX} karakter.")
    return text


def clean_volume(value) -> Decimal:
    """A positive number with at most two decimals ("1,5" is accepted)."""
    if value is None or value == "":
        raise DomainError("volume", "Isi volume hasil kerja.")
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise DomainError("volume", "Volume harus berupa angka, misalnya 1 atau 2,5.") from None
    if not number.is_finite():
        raise DomainError("volume", "Volume harus berupa angka, misalnya 1 atau 2,5.")
    if number <= 0:
        raise DomainError("volume", "Volume harus lebih dari 0.")
    if number > VOLUME_MAX:
        raise DomainError("volume", "Volume terlalu besar.")
    if number != number.quantize(Decimal("0.01")):
        raise DomainError("volume", "Volume paling banyak dua angka di belakang koma.")
    return number.quantize(Decimal("0.01"))


def clean_tautan(value: str | None) -> str | None:
    """An http(s) link with a host, or None when empty."""
    text = (value or "").strip()
    if not text:
        return None
    if len(text) > TAUTAN_MAX:
        raise DomainError("tautan_bukti", f"Tautan paling panjang {TAUTAN_MAX} karakter.")
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        host, parts = None, None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not host or any(c.isspace() for c in text):
        raise DomainError("tautan_bukti", "Tautan harus diawali http:// atau https://.")
    return text


# ------------------------------------------------------------------ bukti dukung files

BUKTI_JENIS = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
BUKTI_ALLOWED_TEXT = "PDF, JPG, PNG, DOCX, atau XLSX"
NAMA_ASLI_MAX = 200


def sniff_bukti(data: bytes) -> str | None:
    """The file's real type from its content, if it is one bukti dukung may be ("pdf", "jpg", "png",
    "docx", "xlsx"), else None."""
    jenis = sniff(data)
    return jenis if jenis in BUKTI_JENIS else None


def check_bukti(nama_asli: str | None, data: bytes, max_bytes: int) -> tuple[str, str, str]:
    """Check one upload; return (jenis, mime, cleaned original name) or raise DomainError("bukti")."""
    nama = (nama_asli or "berkas").replace("\\", "/").rsplit("/", 1)[-1].strip() or "berkas"
    nama = "".join(ch for ch in nama if ch.isprintable())[:NAMA_ASLI_MAX] or "berkas"
    if not data:
        raise DomainError("bukti", f"Berkas {nama} kosong.")
    if len(data) > max_bytes:
        raise DomainError("bukti", f"Berkas {nama} terlalu besar. Maksimal {ribuan(max_bytes // (1024 * 1024))} MB.")
    jenis = sniff_bukti(data)
    if jenis is None:
        raise DomainError("bukti", f"Berkas {nama} bukan {BUKTI_ALLOWED_TEXT} yang sah. Pilih berkas lain.")
    return jenis, BUKTI_JENIS[jenis], nama
