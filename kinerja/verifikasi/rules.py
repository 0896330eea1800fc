"""Verification rules (pure): who may verify an entry, delegation windows, compliance cells.

Working-day arithmetic comes from the calendar rules (:mod:`kinerja.kalender.rules`).

No Flask, no database: values in, value out.  ``permissions.py`` feeds these from queries.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

# The aktivitas status vocabulary (verifikasi moves entries between these).
from kinerja.aktivitas.rules import DIAJUKAN, DIKEMBALIKAN, DISETUJUI, DRAFT
from kinerja.kalender.rules import BOLEH_DICATAT, is_working_day, previous_working_day
from kinerja.legenda import KOSONG, LEGENDA, LIBUR
from kinerja.referensi import VERDICT_BUKTI


@dataclass(frozen=True)
class Delegasi:
    """An admin's delegation: ``verifikator_id`` verifies for the pegawai of ``unit_id``."""

    unit_id: int
    verifikator_id: int
    tanggal_mulai: date
    tanggal_selesai: date
    aktif: bool = True


def delegasi_berlaku(delegasi: Delegasi, hari_ini: date) -> bool:
    """A delegation counts on the day of verification, inclusive at both ends, while not ended."""
    return delegasi.aktif and delegasi.tanggal_mulai <= hari_ini <= delegasi.tanggal_selesai


@dataclass(frozen=True)
class LingkupDelegasi:
    """Who a delegated verifikator must leave alone: ``atasan`` — everyone above the delegate in the
    atasan chain; ``verifikator`` — whoever verifies the delegate's own entries today (her atasan and
    the delegates of her unit)."""

    atasan: frozenset[int] = frozenset()
    verifikator: frozenset[int] = frozenset()


def delegasi_menjangkau(pegawai_id: int, kepala_unit: bool, lingkup: LingkupDelegasi) -> bool:
    """May a delegation reach this pegawai's entries?  Not the head of the unit, not anyone above
    the delegate in her atasan chain, and not someone who verifies the delegate in turn (two
    delegates of one unit never approve each other's entries)."""
    return not kepala_unit and pegawai_id not in lingkup.atasan and pegawai_id not in lingkup.verifikator


def boleh_memverifikasi(actor_pegawai_id: int | None, pegawai_id: int, atasan_id: int | None,  # noqa: PLR0913  pure rule over plain values (no model objects)
                        unit_id: int | None, delegasi: Iterable[Delegasi], hari_ini: date, *,
                        kepala_unit: bool = False, lingkup: LingkupDelegasi = LingkupDelegasi()) -> bool:
    """The direct atasan verifies; so does the verifikator of a delegation for the pegawai's unit
    that holds today, within the delegation's scope (``delegasi_menjangkau``: callers pass
    ``kepala_unit`` — the pegawai heads their unit — and the delegate's ``lingkup``).  Nobody
    verifies their own entries; higher atasan only view."""
    if actor_pegawai_id is None or actor_pegawai_id == pegawai_id:
        return False
    if atasan_id is not None and atasan_id == actor_pegawai_id:
        return True
    didelegasikan = unit_id is not None and any(
        d.verifikator_id == actor_pegawai_id and d.unit_id == unit_id and delegasi_berlaku(d, hari_ini)
        for d in delegasi
    )
    return didelegasikan and delegasi_menjangkau(pegawai_id, kepala_unit, lingkup)


def periksa_verdict(verdict: str | None) -> str | None:
    """"" → None; one of VERDICT_BUKTI; anything else raises ValueError."""
    if verdict in (None, ""):
        return None
    if verdict not in VERDICT_BUKTI:
        raise ValueError("Pilih kesesuaian bukti: Sesuai, Kurang, atau Tidak Sesuai.")
    return verdict


def masalah_rentang_delegasi(mulai: date | None, selesai: date | None) -> str | None:
    if mulai is None or selesai is None:
        return "Isi tanggal mulai dan tanggal selesai."
    if selesai < mulai:
        return "Tanggal selesai harus sama dengan atau sesudah tanggal mulai."
    if (selesai - mulai).days > 366:
        return "Delegasi paling lama satu tahun."
    return None


# ------------------------------------------------------------------ compliance grid

# Worst first: a day with one returned entry is "Dikembalikan" even if the rest is approved.
URUTAN_TERBURUK = (DIKEMBALIKAN, DRAFT, DIAJUKAN, DISETUJUI)

# Label and short text printed in the cell (colour is never the only cue): the ONE legend of
# kinerja/legenda.py, shared with the month and day views.
LABEL_SEL = {key: label for key, (_, label) in LEGENDA.items()}
SINGKATAN_SEL = {key: kode for key, (kode, _) in LEGENDA.items()}


def status_sel(statuses: Collection[str], hari_kerja: bool = True, absen: str | None = None) -> str:
    """The state of one pegawai-day: the worst status among its entries, or Kosong / Libur.

    On an approved absence the cell shows the absence (C, S, TB) — except dinas luar, which is work:
    its entries' status when there are any, else DL."""
    if absen and absen not in BOLEH_DICATAT:
        return absen
    for status in URUTAN_TERBURUK:
        if status in statuses:
            return status
    if absen:
        return absen
    return KOSONG if hari_kerja else LIBUR


def is_hari_kerja(hari: date, hari_kerja_per_minggu: int, libur: Collection[date]) -> bool:
    """Mon–Fri (5-day week) or Mon–Sat (6-day week), minus the holidays (the aktivitas calendar rule)."""
    return is_working_day(hari, hari_kerja_per_minggu, libur)


def hari_kerja_terakhir(sampai: date, jumlah: int, hari_kerja_per_minggu: int, libur: Collection[date]) -> list[date]:
    """The last ``jumlah`` working days up to and including ``sampai``, oldest first."""
    libur = frozenset(libur)
    hasil: list[date] = []
    hari = sampai if is_working_day(sampai, hari_kerja_per_minggu, libur) else \
        previous_working_day(sampai, hari_kerja_per_minggu, libur)
    while len(hasil) < jumlah:
        hasil.append(hari)
        hari = previous_working_day(hari, hari_kerja_per_minggu, libur)
    return list(reversed(hasil))
