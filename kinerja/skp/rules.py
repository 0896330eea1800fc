"""SKP rules (pure): workflow transitions, what blocks a submission, ordering, lampiran, print layout.

No Flask, no database: values in, a value or a message out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from kinerja.referensi import ASPEK_IKI, BERAKHLAK, JENIS_RHK, PENDEKATAN_SKP, PERSPEKTIF_JPT

# --- form variants (DOMAIN.md §8.A) -----------------------------------------------

JENIS_FORM_JPT = "JPT"
JENIS_FORM_JA_JF = "JA_JF"

JUDUL_FORM = {
    JENIS_FORM_JPT: "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI",
    JENIS_FORM_JA_JF: "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL",
}
LABEL_FORM = {
    JENIS_FORM_JPT: "Pejabat Pimpinan Tinggi",
    JENIS_FORM_JA_JF: "Pejabat Administrasi dan Pejabat Fungsional",
}


def jenis_form_untuk(jenis_jabatan: str | None) -> str:
    """JPT for a Jabatan Pimpinan Tinggi; every other jabatan uses the JA/JF form."""
    return JENIS_FORM_JPT if jenis_jabatan == "JPT" else JENIS_FORM_JA_JF


def judul_pendekatan(pendekatan: str) -> str:
    return f"PENDEKATAN HASIL KERJA {pendekatan.upper()}"


# --- workflow ------------------------------------------------------------------

DRAFT, DIAJUKAN, DISETUJUI, DITOLAK = "Draft", "Diajukan", "Disetujui", "Ditolak"
STATUS_DAPAT_DIUBAH = (DRAFT, DITOLAK)

# aksi → (allowed "from" statuses, resulting status)
TRANSISI: dict[str, tuple[tuple[str, ...], str]] = {
    "ajukan": ((DRAFT, DITOLAK), DIAJUKAN),
    "setujui": ((DIAJUKAN,), DISETUJUI),
    "kembalikan": ((DIAJUKAN,), DITOLAK),
    "mulai_revisi": ((DISETUJUI,), DRAFT),
}

_PESAN_TRANSISI = {
    "ajukan": {
        DIAJUKAN: "SKP ini sudah diajukan dan sedang menunggu persetujuan atasan.",
        DISETUJUI: "SKP ini sudah disetujui. Klik \u201cMulai Revisi\u201d bila perlu mengubahnya.",
    },
    "setujui": {
        DRAFT: "SKP ini belum diajukan oleh pegawai, jadi belum dapat disetujui.",
        DITOLAK: "SKP ini sudah dikembalikan kepada pegawai; tunggu sampai diajukan kembali.",
        DISETUJUI: "SKP ini sudah disetujui.",
    },
    "kembalikan": {
        DRAFT: "SKP ini belum diajukan oleh pegawai, jadi tidak dapat dikembalikan.",
        DITOLAK: "SKP ini sudah dikembalikan kepada pegawai.",
        DISETUJUI: "SKP ini sudah disetujui. Pegawai dapat memulai revisi bila ada perubahan.",
    },
    "mulai_revisi": {
        DRAFT: "SKP ini masih dapat diubah; revisi tidak diperlukan.",
        DITOLAK: "SKP ini masih dapat diubah; revisi tidak diperlukan.",
        DIAJUKAN: "SKP ini sedang menunggu persetujuan atasan.",
    },
}


def transisi_problem(status: str, aksi: str) -> str | None:
    """None when ``aksi`` is allowed from ``status``; otherwise the message to show."""
    asal, _ = TRANSISI[aksi]
    if status in asal:
        return None
    return _PESAN_TRANSISI[aksi].get(status, "Tindakan ini tidak dapat dilakukan pada status SKP saat ini.")


def status_baru(aksi: str) -> str:
    return TRANSISI[aksi][1]


def dapat_diubah(status: str) -> bool:
    """Content can change only in Draft (incl. a revision) or Ditolak."""
    return status in STATUS_DAPAT_DIUBAH


def ubah_problem(status: str) -> str | None:
    if dapat_diubah(status):
        return None
    if status == DISETUJUI:
        return "SKP sudah disetujui dan terkunci. Klik \u201cMulai Revisi\u201d untuk mengubahnya."
    return "SKP sedang menunggu persetujuan atasan dan tidak dapat diubah. Tunggu sampai disetujui atau dikembalikan."


# --- submission --------------------------------------------------------------


@dataclass(frozen=True)
class RhkCek:
    """What a submission check needs to know about one RHK."""

    uraian: str
    jenis: str
    jumlah_iki: int
    rhk_atasan_id: int | None = None


def ringkas(teks: str, panjang: int = 60) -> str:
    teks = " ".join((teks or "").split())
    return teks if len(teks) <= panjang else teks[: panjang - 1].rstrip() + "\u2026"


def pengajuan_problems(rhk: Iterable[RhkCek], rhk_atasan_sah: set[int]) -> list[str]:
    """Every reason an SKP cannot be submitted yet (empty list: it can).

    ``rhk_atasan_sah``: ids of the RHK in the penilai's approved SKP of the same year.
    """
    rhk = list(rhk)
    problems: list[str] = []
    if not rhk:
        return ["SKP masih kosong. Tambahkan minimal satu Rencana Hasil Kerja Utama beserta indikatornya, lalu ajukan."]
    if not any(r.jenis == "Utama" for r in rhk):
        problems.append("Tambahkan minimal satu Rencana Hasil Kerja berjenis Utama.")
    for r in rhk:
        if r.jumlah_iki < 1:
            problems.append(f"Rencana Hasil Kerja \u201c{ringkas(r.uraian)}\u201d belum punya Indikator Kinerja Individu. "
                            "Tambahkan minimal satu indikator.")
    for r in rhk:
        if r.rhk_atasan_id is not None and r.rhk_atasan_id not in rhk_atasan_sah:
            problems.append(f"Rencana Hasil Kerja \u201c{ringkas(r.uraian)}\u201d mengintervensi RHK yang tidak ada di SKP "
                            "atasan yang sudah disetujui. Pilih ulang Rencana Hasil Kerja Pimpinan yang Diintervensi.")
    return problems


MAKS_EKSPEKTASI = 2000


def ekspektasi_problems(ekspektasi: dict[int, str]) -> dict[int, str]:
    """Per perilaku number, the message when its Ekspektasi Khusus Pimpinan is unusable.

    Ekspektasi khusus "dapat diberikan" (PermenPANRB 6/2022): optional, per perilaku; an empty
    one is fine, only an over-long text is refused.
    """
    problems = {}
    for nomor, (nama, _) in enumerate(BERAKHLAK, start=1):
        if len((ekspektasi.get(nomor) or "").strip()) > MAKS_EKSPEKTASI:
            problems[nomor] = f"Ekspektasi Khusus Pimpinan untuk perilaku {nama} maksimal 2.000 karakter."
    return problems


# --- field values --------------------------------------------------------------


def rhk_problem(jenis: str | None, uraian: str | None, perspektif: str | None, jenis_form: str) -> tuple[str, str] | None:
    """(field, message) for the first invalid RHK value, or None."""
    if jenis not in JENIS_RHK:
        return "jenis", "Pilih jenis Utama atau Tambahan."
    if not (uraian or "").strip():
        return "uraian", "Tuliskan rencana hasil kerja."
    if jenis_form == JENIS_FORM_JPT and perspektif and perspektif not in PERSPEKTIF_JPT:
        return "perspektif", "Pilih perspektif dari daftar."
    return None


def iki_problem(aspek: str | None, indikator: str | None, target_teks: str | None,
                target_angka: Decimal | None, satuan: str | None) -> tuple[str, str] | None:
    if aspek not in ASPEK_IKI:
        return "aspek", "Pilih aspek Kuantitas, Kualitas, atau Waktu."
    if not (indikator or "").strip():
        return "indikator", "Tuliskan indikator kinerja individu."
    if not (target_teks or "").strip():
        return "target_teks", "Tuliskan target, misalnya \u201c12 dokumen\u201d atau \u201c100% tepat waktu\u201d."
    if target_angka is not None and target_angka < 0:
        return "target_angka", "Angka target harus 0 atau lebih."
    if target_angka is not None and not (satuan or "").strip():
        return "satuan", "Isi satuan untuk angka target, misalnya dokumen atau laporan."
    return None


def pendekatan_problem(pendekatan: str | None) -> str | None:
    return None if pendekatan in PENDEKATAN_SKP else "Pilih pendekatan Kuantitatif atau Kualitatif."


# --- lampiran ------------------------------------------------------------------

LAMPIRAN_FIELDS = ("dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi")
LAMPIRAN_JUDUL = {
    "dukungan_sumber_daya": "DUKUNGAN SUMBER DAYA",
    "skema_pertanggungjawaban": "SKEMA PERTANGGUNGJAWABAN",
    "konsekuensi": "KONSEKUENSI",
}
LAMPIRAN_BAWAAN: dict[str, tuple[str, ...]] = {
    "dukungan_sumber_daya": (
        "Anggaran kegiatan sesuai Dokumen Pelaksanaan Anggaran (DPA) perangkat daerah",
        "Sarana dan prasarana kerja: komputer, jaringan internet, dan ruang kerja",
        "Data dan informasi dari unit kerja terkait",
        "Bimbingan dan arahan dari Pejabat Penilai Kinerja",
    ),
    "skema_pertanggungjawaban": (
        "Laporan kinerja harian melalui aplikasi kinerja",
        "Laporan capaian Rencana Hasil Kerja setiap semester beserta bukti dukung",
        "Dialog kinerja berkala dengan Pejabat Penilai Kinerja",
    ),
    "konsekuensi": (
        "Capaian kinerja menjadi dasar pemberian tambahan penghasilan pegawai sesuai ketentuan",
        "Capaian kinerja menjadi bahan pengembangan karier dan kompetensi pegawai",
        "Target yang tidak tercapai menjadi bahan pembinaan oleh Pejabat Penilai Kinerja",
    ),
}
LAMPIRAN_MAKS_BUTIR = 30
LAMPIRAN_MAKS_PANJANG = 500


def lampiran_bawaan() -> dict[str, list[str]]:
    return {k: list(v) for k, v in LAMPIRAN_BAWAAN.items()}


def baris_ke_daftar(teks: str | None) -> list[str]:
    """One item per line; blank lines and list markers ("1.", "-", "•") dropped."""
    hasil = []
    for baris in (teks or "").splitlines():
        baris = baris.strip()
        for penanda in ("-", "\u2022", "*"):
            if baris.startswith(penanda):
                baris = baris[len(penanda):].strip()
        kepala, titik, sisa = baris.partition(".")
        if titik and kepala.isdigit() and len(kepala) <= 2:
            baris = sisa.strip()
        if baris:
            hasil.append(baris)
    return hasil


def lampiran_problem(nama: str, butir: list[str]) -> str | None:
    if len(butir) > LAMPIRAN_MAKS_BUTIR:
        return f"Paling banyak {LAMPIRAN_MAKS_BUTIR} butir."
    if any(len(b) > LAMPIRAN_MAKS_PANJANG for b in butir):
        return f"Setiap butir paling panjang {LAMPIRAN_MAKS_PANJANG} karakter."
    return None


# --- ordering and numbering ---------------------------------------------------


def urutkan_rhk(rhk: list, jenis_attr: str = "jenis") -> list:
    """Utama first, then Tambahan; stable within a group."""
    return sorted(rhk, key=lambda r: JENIS_RHK.index(getattr(r, jenis_attr)) if getattr(r, jenis_attr) in JENIS_RHK else 9)


def geser(urutan: list[tuple[int, str]], rhk_id: int, arah: str) -> list[int]:
    """Move ``rhk_id`` one place up/down among the RHK of its own jenis.

    ``urutan`` is [(id, jenis), ...] in the current order; returns the new order of ids.
    At the edge of its group the order is unchanged.
    """
    ids = [i for i, _ in urutan]
    if rhk_id not in ids or arah not in ("naik", "turun"):
        return ids
    jenis = dict(urutan)[rhk_id]
    sejenis = [i for i, j in urutan if j == jenis]
    pos = sejenis.index(rhk_id)
    tujuan = pos - 1 if arah == "naik" else pos + 1
    if not 0 <= tujuan < len(sejenis):
        return ids
    a, b = ids.index(rhk_id), ids.index(sejenis[tujuan])
    ids[a], ids[b] = ids[b], ids[a]
    return ids


@dataclass
class Kelompok:
    kode: str  # "A" / "B"
    jenis: str  # "Utama" / "Tambahan"
    judul: str  # "A. UTAMA"
    rhk: list = field(default_factory=list)


def kelompokkan(rhk: list, jenis_of=lambda r: r.jenis) -> list[Kelompok]:
    """The print groups "A. UTAMA" and "B. TAMBAHAN" (both always present, possibly empty)."""
    kelompok = [Kelompok(chr(ord("A") + i), jenis, f"{chr(ord('A') + i)}. {jenis.upper()}") for i, jenis in enumerate(JENIS_RHK)]
    by_jenis = {k.jenis: k for k in kelompok}
    for r in rhk:
        by_jenis.get(jenis_of(r), kelompok[-1]).rhk.append(r)
    return kelompok


# --- matriks peran hasil --------------------------------------------------------


@dataclass
class BarisMatriks:
    rhk: object
    sel: list[list]  # one list per column (subordinate), their RHK intervening this row
    jumlah: int

    @property
    def belum_diintervensi(self) -> bool:
        return self.jumlah == 0


def matriks_peran_hasil(rhk_saya: list, bawahan_ids: list[int], intervensi: list[tuple[int, int, object]]) -> list[BarisMatriks]:
    """Rows = my RHK, columns = my direct subordinates, cells = their RHK intervening the row.

    ``intervensi``: (bawahan_id, rhk_atasan_id, their rhk) triples.
    """
    kolom = {pid: i for i, pid in enumerate(bawahan_ids)}
    per_baris: dict[int, list[list]] = {r.id: [[] for _ in bawahan_ids] for r in rhk_saya}
    for pid, rhk_atasan_id, item in intervensi:
        if rhk_atasan_id in per_baris and pid in kolom:
            per_baris[rhk_atasan_id][kolom[pid]].append(item)
    return [BarisMatriks(r, per_baris[r.id], sum(len(c) for c in per_baris[r.id])) for r in rhk_saya]


def persetujuan_kertas_problems(tanggal: date | None, ada_pindaian: bool, hari_ini: date,
                                diajukan: date | None) -> list[tuple[str, str]]:
    """Every reason the paper approval of a top-of-tree SKP cannot be recorded yet (issue #10 §1):
    the admin records the date the official signed and the scan of the signed SKP."""
    problems: list[tuple[str, str]] = []
    if tanggal is None:
        problems.append(("tanggal", "Isi tanggal persetujuan (tanggal pejabat menandatangani SKP)."))
    elif tanggal > hari_ini:
        problems.append(("tanggal", "Tanggal persetujuan tidak boleh di masa depan."))
    elif diajukan is not None and tanggal < diajukan:
        problems.append(("tanggal", "Tanggal persetujuan tidak boleh sebelum SKP diajukan."))
    if not ada_pindaian:
        problems.append(("pindaian", "Unggah pindaian SKP yang sudah ditandatangani (PDF, JPG, atau PNG)."))
    return problems
