"""Notification rules (pure: values in, values out; no Flask, no database).

- every notification has a ``jenis`` string set by the feature that raises it ("aktivitas.dikembalikan",
  "skp", "evaluasi", "dialog.pengingat", …); :func:`kelompok_of` maps it to one of the KELOMPOK a user
  chooses a channel for on "Pengaturan Notifikasi";
- channels (SALURAN): "aplikasi" in-app only, "surel" in-app + one e-mail per notification,
  "ringkasan" in-app + one daily digest e-mail;
- "aktivitas.diajukan" (entries submitted, to the atasan) is batched: at most one e-mail per
  recipient per hour (:func:`rencana_kirim`);
- the digest (:func:`kelompokkan_ringkasan`) is one message per recipient listing everything waiting.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kinerja.alamat_surel import EMAIL_MAKS, periksa_surel  # noqa: F401  (re-exported)

APLIKASI, SUREL, RINGKASAN = "aplikasi", "surel", "ringkasan"
SALURAN = {
    APLIKASI: "Hanya di aplikasi",
    SUREL: "Aplikasi + surel",
    RINGKASAN: "Aplikasi + ringkasan harian (surel sekali sehari)",
}
DEFAULT_SALURAN = SUREL

# The kinds a user chooses a channel for, in the order "Pengaturan Notifikasi" shows them.
KELOMPOK = {
    "aktivitas": "Aktivitas saya dikembalikan atau diberi umpan balik",
    "verifikasi": "Aktivitas bawahan diajukan untuk diverifikasi",
    "skp": "SKP diajukan, disetujui atau dikembalikan",
    "evaluasi": "Evaluasi menunggu saya (realisasi, penilaian, tanda tangan)",
    "keberatan": "Keberatan diajukan atau diputus",
    "dialog": "Dialog kinerja dijadwalkan dan tindak lanjut jatuh tempo",
    "pengumuman": "Pengumuman diterbitkan dan undangan sosialisasi/bimtek",
    "pengingat": "Pengingat harian (belum mengisi aktivitas, tenggat)",
    "umum": "Lainnya",
}

# Entries submitted: at most one e-mail per recipient per this interval.
JENIS_BATCH = "aktivitas.diajukan"
JEDA_BATCH = timedelta(hours=1)



def kelompok_of(jenis: str | None) -> str:
    """The preference group of a notification ``jenis``."""
    jenis = jenis or "umum"
    if jenis == JENIS_BATCH or jenis.startswith("verifikasi"):
        return "verifikasi"
    if "keberatan" in jenis:
        return "keberatan"
    if jenis.startswith("pengingat"):
        return "pengingat"
    if jenis.startswith("sosialisasi"):  # an invitation to a sosialisasi/bimtek session is an announcement
        return "pengumuman"
    kepala = jenis.split(".", 1)[0]
    return kepala if kepala in KELOMPOK else "umum"


def saluran_of(preferensi: dict[str, str], jenis: str | None) -> str:
    """The channel a user chose for the group of ``jenis`` (default: in-app + e-mail)."""
    pilihan = preferensi.get(kelompok_of(jenis), DEFAULT_SALURAN)
    return pilihan if pilihan in SALURAN else DEFAULT_SALURAN


def status_surel_awal(saluran: str, punya_surel: bool, smtp_aktif: bool) -> str | None:
    """The e-mail status a new notification starts with: None (in-app only), "antre" or "ringkasan"."""
    if not (punya_surel and smtp_aktif) or saluran == APLIKASI:
        return None
    return "ringkasan" if saluran == RINGKASAN else "antre"


# ------------------------------------------------------------------ sending plan


@dataclass(frozen=True)
class Antre:
    """One notification waiting for its e-mail."""

    id: int
    penerima_id: int
    jenis: str
    pesan: str
    tautan: str | None
    created_at: datetime


@dataclass(frozen=True)
class Pesan:
    """One e-mail to write: its recipient, the notifications it covers, subject, text and one link."""

    penerima_id: int
    notifikasi_ids: tuple[int, ...]
    subjek: str
    isi: str
    tautan: str | None


def _satu(item: Antre) -> Pesan:
    return Pesan(item.penerima_id, (item.id,), "[Kinerja] " + _potong(item.pesan, 70), item.pesan, item.tautan)


def _kumpulan_diajukan(penerima_id: int, items: list[Antre]) -> Pesan:
    jumlah = len(items)
    isi = (f"{jumlah} pengajuan aktivitas bawahan menunggu verifikasi Anda." if jumlah > 1 else items[0].pesan)
    return Pesan(penerima_id, tuple(i.id for i in items), "[Kinerja] Aktivitas menunggu verifikasi Anda", isi,
                 "/verifikasi/")


def rencana_kirim(antre: Iterable[Antre], terakhir_batch: dict[int, datetime], now: datetime) -> list[Pesan]:
    """The e-mails to send now.  Every notification is one e-mail, except submitted entries
    (JENIS_BATCH): all of a recipient's are one e-mail, and none while the last one to that recipient
    is less than JEDA_BATCH old (they wait for the next run)."""
    hasil: list[Pesan] = []
    batch: dict[int, list[Antre]] = defaultdict(list)
    for item in sorted(antre, key=lambda a: (a.created_at, a.id)):
        if item.jenis == JENIS_BATCH:
            batch[item.penerima_id].append(item)
        else:
            hasil.append(_satu(item))
    for penerima_id, items in batch.items():
        terakhir = terakhir_batch.get(penerima_id)
        if terakhir is None or now - terakhir >= JEDA_BATCH:
            hasil.append(_kumpulan_diajukan(penerima_id, items))
    return hasil


def kelompokkan_ringkasan(items: Iterable[Antre], tanggal: date) -> list[Pesan]:
    """One digest per recipient (oldest first); submitted entries count as one line per recipient."""
    per_penerima: dict[int, list[Antre]] = defaultdict(list)
    for item in sorted(items, key=lambda a: (a.created_at, a.id)):
        per_penerima[item.penerima_id].append(item)
    hasil = []
    for penerima_id, semua in sorted(per_penerima.items()):
        baris, diajukan = [], [i for i in semua if i.jenis == JENIS_BATCH]
        for item in semua:
            if item.jenis != JENIS_BATCH:
                baris.append(f"- {item.pesan}")
        if diajukan:
            baris.append(f"- {len(diajukan)} pengajuan aktivitas bawahan menunggu verifikasi Anda.")
        isi = f"Ringkasan notifikasi {tanggal.strftime('%d-%m-%Y')} ({len(baris)} hal):\n" + "\n".join(baris)
        hasil.append(Pesan(penerima_id, tuple(i.id for i in semua), f"[Kinerja] Ringkasan notifikasi ({len(baris)})",
                           isi, "/notifikasi/"))
    return hasil


def tautan_mutlak(alamat_dasar: str, tautan: str | None) -> str:
    """One absolute link from the app's base URL and a path (the notification list when none)."""
    path = tautan if tautan and tautan.startswith("/") and not tautan.startswith("//") else "/notifikasi/"
    return alamat_dasar.rstrip("/") + path


def badan_surel(nama: str, isi: str, tautan: str) -> str:
    """The plain-text body: greeting, the message, its one link, and where to change the settings."""
    return (f"Yth. {nama},\n\n{isi}\n\nBuka: {tautan}\n\n"
            "Pesan ini dikirim otomatis oleh aplikasi Kinerja; jangan dibalas. "
            "Atur surel yang Anda terima di menu Akun Saya > Pengaturan Notifikasi.\n")


def _potong(teks: str, n: int) -> str:
    teks = " ".join(teks.split())
    return teks if len(teks) <= n else teks[: n - 1].rstrip() + "…"


# ------------------------------------------------------------------ reminders (flask send-reminders)

# Evaluation steps are reminded this many days before their deadline.
HARI_SEBELUM_BATAS_EVALUASI = 3

# The one due date of an evaluation is its batas pengisian (the period's, or the pegawai's extension):
# every step still open then is reminded to whoever must act (status → {role: what to do}).  Not reminded:
# a handed-over result ("Ditandatangani Penilai": the pegawai may sign or refuse, and only the 14-day
# keberatan clock runs -- the pegawai's right, not a step due) and a keberatan (no due date to decide it).
LANGKAH_EVALUASI = {
    "Draft": {"pegawai": "Isi dan ajukan realisasi"},
    "Realisasi Diajukan": {"penilai": "Beri penilaian"},
    "Dinilai": {"penilai": "Finalisasi penilaian"},
    "Menunggu Tanda Tangan": {"pegawai": "Tandatangani", "penilai": "Tandatangani"},
    "Ditandatangani Pegawai": {"penilai": "Tandatangani"},
}
_TANDA_TANGAN = frozenset({"Menunggu Tanda Tangan", "Ditandatangani Pegawai"})


def ttd_mungkin_sebelum(batas: date, periode_selesai: date, lebih_awal: bool) -> bool:
    """Signing can happen by ``batas``: the period ends before it, or the admin allowed early signing."""
    return lebih_awal or batas > periode_selesai


def langkah_evaluasi(status: str, peran: str, ttd_mungkin: bool) -> str | None:
    """What ``peran`` ("pegawai" / "penilai") must still do on an evaluation in ``status`` by its deadline,
    or None; a signature only when it can be given by then (``ttd_mungkin``)."""
    if status in _TANDA_TANGAN and not ttd_mungkin:
        return None
    return LANGKAH_EVALUASI.get(status, {}).get(peran)


@dataclass(frozen=True)
class Pengingat:
    """One reminder: its kind ("aktivitas", "verifikasi", "skp", "evaluasi", "dialog"), the account and
    the pegawai it goes to, the text and its link; ``kunci`` makes it once per day per subject."""

    jenis: str
    akun_id: int
    nip: str
    nama: str
    pesan: str
    tautan: str
    subjek: str = ""

    def kunci(self, tanggal: date) -> str:
        return f"{self.jenis}:{tanggal.isoformat()}:{self.akun_id}:{self.subjek}"[:120]


def aktivitas_waktunya(hari_kerja: bool, tanggal: date, hari_ini: date, jam_sekarang: int, jam_pengingat: int) -> bool:
    """Remind those who have not logged ``tanggal``: a working day, and for today only from the hour."""
    if not hari_kerja or tanggal > hari_ini:
        return False
    return tanggal < hari_ini or jam_sekarang >= jam_pengingat


# An absence recorded for the day holds back the "no entry" reminder, whatever its kind (cuti, dinas
# luar, sakit, tugas belajar: dinas luar may be logged, but nobody on a trip is nagged), once approved
# and already while the request awaits the atasan (the pegawai has said they are away); a refused or
# cancelled request does not.
STATUS_ABSEN_MENAHAN_PENGINGAT = ("Diajukan", "Disetujui")


def perlu_ingat_aktivitas(hari_kerja_pegawai: bool, punya_entri: bool, absen: bool) -> bool:
    """A pegawai is reminded to log a day when it is their working day, they logged nothing and were present
    (``absen``: an absence of any kind recorded for that day, see STATUS_ABSEN_MENAHAN_PENGINGAT)."""
    return hari_kerja_pegawai and not punya_entri and not absen


def skp_terlambat(tanggal: date, batas: date | None, status_skp: str | None) -> bool:
    """The SKP of ``batas``'s year is late from the deadline on while it is not submitted/approved."""
    if batas is None or tanggal < batas or tanggal.year != batas.year:
        return False
    return status_skp not in ("Diajukan", "Disetujui")


def batas_tunggu(tanggal: date, hari_kerja: int, is_working_day) -> date:
    """The day ``hari_kerja`` working days before ``tanggal``: submissions made before it have waited too long."""
    current, sisa = tanggal, hari_kerja
    for _ in range(400):
        if sisa == 0:
            return current
        current -= timedelta(days=1)
        if is_working_day(current):
            sisa -= 1
    return current


def pilih_baru(semua: Iterable[Pengingat], sudah: set[str], tanggal: date) -> list[Pengingat]:
    """The reminders not sent yet today (one per key, first wins)."""
    hasil, dilihat = [], set(sudah)
    for p in semua:
        k = p.kunci(tanggal)
        if k not in dilihat:
            dilihat.add(k)
            hasil.append(p)
    return hasil
