"""Evaluasi rules (pure): the predikat matrix, the head-of-unit rule, the kurva distribusi
check, the keberatan deadline and the state machine of an evaluation.

Everything DOMAIN.md marks **[verify]** (the nine matrix cells, the head-of-unit mapping, the
kurva patterns) is data in this module, so a correction is a one-place change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from kinerja.format import persen as format_persen
from kinerja.referensi import CAPAIAN_ORGANISASI, PREDIKAT, RATING

DI_ATAS, SESUAI, DI_BAWAH = RATING  # "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"
SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG = PREDIKAT


class AturanError(ValueError):
    """A value outside the rules (unknown rating, transition not allowed, ...)."""


# ------------------------------------------------------------------ predikat matrix (§4) [verify]

# (rating hasil kerja, rating perilaku kerja) → predikat kinerja pegawai.
MATRIKS_PREDIKAT: dict[tuple[str, str], str] = {
    (DI_ATAS, DI_BAWAH): KURANG,
    (DI_ATAS, SESUAI): BAIK,
    (DI_ATAS, DI_ATAS): SANGAT_BAIK,
    (SESUAI, DI_BAWAH): KURANG,
    (SESUAI, SESUAI): BAIK,
    (SESUAI, DI_ATAS): BAIK,
    (DI_BAWAH, DI_BAWAH): SANGAT_KURANG,
    (DI_BAWAH, SESUAI): BUTUH_PERBAIKAN,
    (DI_BAWAH, DI_ATAS): BUTUH_PERBAIKAN,
}


def predikat(rating_hasil_kerja: str, rating_perilaku_kerja: str) -> str:
    try:
        return MATRIKS_PREDIKAT[(rating_hasil_kerja, rating_perilaku_kerja)]
    except KeyError as exc:
        raise AturanError("Rating harus salah satu dari: " + ", ".join(RATING) + ".") from exc


def aturan_predikat(rating_hasil_kerja: str, rating_perilaku_kerja: str) -> str:
    """The rule behind the result, in words (shown next to the predikat)."""
    hasil = predikat(rating_hasil_kerja, rating_perilaku_kerja)
    return (f"Rating Hasil Kerja {rating_hasil_kerja} dan Rating Perilaku Kerja {rating_perilaku_kerja} "
            f"menghasilkan Predikat Kinerja {hasil} (matriks kuadran kinerja, PermenPANRB 6/2022).")


# ------------------------------------------------------------------ head of unit (§4) [verify]

RATING_KEPALA_UNIT: dict[str, str] = {
    "Istimewa": DI_ATAS,
    "Baik": SESUAI,
    "Butuh Perbaikan": DI_BAWAH,
    "Kurang": DI_BAWAH,
    "Sangat Kurang": DI_BAWAH,
}


def rating_hasil_kepala_unit(capaian_organisasi: str) -> str:
    """A head of the evaluated unit: rating hasil kerja follows the unit's capaian organisasi."""
    try:
        return RATING_KEPALA_UNIT[capaian_organisasi]
    except KeyError as exc:
        raise AturanError("Capaian kinerja organisasi harus salah satu dari: " + ", ".join(CAPAIAN_ORGANISASI) + ".") from exc


# ------------------------------------------------------------------ kurva distribusi (§5) [verify]

# x axis of the chart, from left to right.
URUTAN_KURVA = (SANGAT_KURANG, KURANG, BUTUH_PERBAIKAN, BAIK, SANGAT_BAIK)


@dataclass(frozen=True)
class Syarat:
    """One requirement of a pattern.  jenis: "maks" / "min" (a share) or "ada" (at least one)."""

    jenis: str
    predikat: tuple[str, ...]
    batas: Fraction = Fraction(0)

    @property
    def nama(self) -> str:
        return " atau ".join(self.predikat)

    def uraian(self) -> str:
        if self.jenis == "ada":
            return f"minimal satu pegawai {self.nama}"
        if self.jenis == "maks" and self.batas == 0:
            return f"tidak ada {self.nama}"
        kata = "paling banyak" if self.jenis == "maks" else "paling sedikit"
        return f"{self.nama} {kata} {format_persen(self.batas)}"


POLA_KURVA: dict[str, tuple[Syarat, ...]] = {
    "Istimewa": (Syarat("maks", (SANGAT_BAIK,), Fraction(7, 10)),),
    "Baik": (Syarat("maks", (BAIK,), Fraction(7, 10)), Syarat("ada", (BUTUH_PERBAIKAN, KURANG))),
    "Butuh Perbaikan": (Syarat("min", (BUTUH_PERBAIKAN,), Fraction(6, 10)),
                        Syarat("maks", (SANGAT_BAIK,), Fraction(1, 10))),
    "Kurang": (Syarat("min", (KURANG,), Fraction(6, 10)), Syarat("min", (BUTUH_PERBAIKAN,), Fraction(1, 10)),
               Syarat("maks", (SANGAT_BAIK,), Fraction(1, 10))),
    "Sangat Kurang": (Syarat("min", (SANGAT_KURANG,), Fraction(6, 10)),
                      Syarat("min", (KURANG, BUTUH_PERBAIKAN), Fraction(1, 10)),
                      Syarat("maks", (SANGAT_BAIK,), Fraction(0))),
}


def pola_per_predikat(capaian_organisasi: str | None) -> dict[str, str]:
    """The expected pattern, per predikat, in words for the form's table beside the actual counts:
    "paling banyak 70%", "paling sedikit 60%", "minimal satu (bersama Kurang/Misconduct)", "tidak boleh",
    or "boleh" (no requirement)."""
    hasil = {p: "boleh" for p in URUTAN_KURVA}
    if capaian_organisasi not in POLA_KURVA:
        return {p: "–" for p in URUTAN_KURVA}
    for s in POLA_KURVA[capaian_organisasi]:
        lain = [x for x in s.predikat]
        for p in s.predikat:
            bersama = f" (bersama {' atau '.join(x for x in lain if x != p)})" if len(lain) > 1 else ""
            if s.jenis == "ada":
                teks = f"minimal satu pegawai{bersama}"
            elif s.jenis == "maks" and s.batas == 0:
                teks = "tidak boleh ada"
            else:
                kata = "paling banyak" if s.jenis == "maks" else "paling sedikit"
                teks = f"{kata} {format_persen(s.batas)}{bersama}"
            hasil[p] = teks if hasil[p] == "boleh" else f"{hasil[p]}; {teks}"
    return hasil


def _persen_tegas(value: Fraction, batas: Fraction) -> str:
    """Whole percent, unless rounding would make the value look equal to the limit."""
    if value != batas and format_persen(value) == format_persen(batas):
        return format_persen(value, 1)
    return format_persen(value)


@dataclass(frozen=True)
class BarisKurva:
    predikat: str
    jumlah: int
    bagian: Fraction
    persen: str
    kalimat: str  # "4 dari 7 pegawai = 57%"


@dataclass
class HasilKurva:
    capaian_organisasi: str | None
    total: int
    baris: list[BarisKurva]
    syarat: list[str] = field(default_factory=list)
    penyimpangan: list[str] = field(default_factory=list)

    @property
    def sesuai_pola(self) -> bool:
        return not self.penyimpangan

    def jumlah(self, nama_predikat: str) -> int:
        return next(b.jumlah for b in self.baris if b.predikat == nama_predikat)


def _kalimat(jumlah: int, total: int, bagian: Fraction) -> str:
    return f"{jumlah} dari {total} pegawai = {format_persen(bagian)}"


def cek_kurva(capaian_organisasi: str | None, predikat_pegawai: list[str]) -> HasilKurva:
    """Compare the predikat of a unit's evaluated pegawai with the pattern of its capaian.

    Exact fractions throughout; a departure is a warning, never a block.
    """
    for p in predikat_pegawai:
        if p not in PREDIKAT:
            raise AturanError(f"Predikat tidak dikenal: {p}")
    if capaian_organisasi is not None and capaian_organisasi not in POLA_KURVA:
        raise AturanError("Capaian kinerja organisasi tidak dikenal.")
    total = len(predikat_pegawai)
    counts = {p: predikat_pegawai.count(p) for p in URUTAN_KURVA}
    baris = []
    for p in URUTAN_KURVA:
        bagian = Fraction(counts[p], total) if total else Fraction(0)
        baris.append(BarisKurva(p, counts[p], bagian, format_persen(bagian), _kalimat(counts[p], total, bagian)))
    hasil = HasilKurva(capaian_organisasi, total, baris)
    if capaian_organisasi is None:
        return hasil
    pola = POLA_KURVA[capaian_organisasi]
    hasil.syarat = [s.uraian() for s in pola]
    if total == 0:
        return hasil
    for s in pola:
        jumlah = sum(counts[p] for p in s.predikat)
        bagian = Fraction(jumlah, total)
        if s.jenis == "ada" and jumlah == 0:
            hasil.penyimpangan.append(
                f"Belum ada pegawai dengan predikat {s.nama}; pola capaian {capaian_organisasi} "
                "mensyaratkan minimal satu.")
        elif s.jenis == "maks" and s.batas == 0 and jumlah > 0:
            hasil.penyimpangan.append(
                f"{s.nama} {jumlah} dari {total} pegawai = {format_persen(bagian)}, padahal pola capaian "
                f"{capaian_organisasi} tidak membolehkan {s.nama}.")
        elif s.jenis == "maks" and bagian > s.batas:
            hasil.penyimpangan.append(
                f"{s.nama} {jumlah} dari {total} pegawai = {_persen_tegas(bagian, s.batas)}, "
                f"melebihi batas {format_persen(s.batas)}.")
        elif s.jenis == "min" and bagian < s.batas:
            hasil.penyimpangan.append(
                f"{s.nama} {jumlah} dari {total} pegawai = {_persen_tegas(bagian, s.batas)}, "
                f"kurang dari batas minimal {format_persen(s.batas)}.")
    return hasil


# ------------------------------------------------------------------ the organisation below a pimpinan (§4, §5)

def unit_bawahan(unit_id: int, induk: dict[int, int | None]) -> set[int]:
    """The unit and every unit below it (``induk`` maps unit id → parent id).  Cycles are ignored."""
    anak: dict[int, list[int]] = {}
    for uid, parent in induk.items():
        if parent is not None:
            anak.setdefault(parent, []).append(uid)
    hasil, tumpukan = set(), [unit_id]
    while tumpukan:
        uid = tumpukan.pop()
        if uid in hasil:
            continue
        hasil.add(uid)
        tumpukan.extend(anak.get(uid, ()))
    return hasil


@dataclass(frozen=True)
class PredikatUnit:
    """One evaluated pegawai for the kurva: where they sit, whether they lead it, their predikat."""

    unit_id: int | None
    kepala_unit: bool
    predikat: str


def predikat_di_bawah(unit_id: int, induk: dict[int, int | None], daftar: list[PredikatUnit]) -> list[str]:
    """The predikat of every pegawai under the pimpinan of ``unit_id``: the unit and its sub-units,
    without the pimpinan of ``unit_id`` himself (he sits in the kurva of the organisation above)."""
    cakupan = unit_bawahan(unit_id, induk)
    return [d.predikat for d in daftar
            if d.unit_id in cakupan and not (d.kepala_unit and d.unit_id == unit_id)]


def cek_kurva_pimpinan(unit_id: int, capaian_organisasi: str | None, induk: dict[int, int | None],
                       daftar: list[PredikatUnit]) -> HasilKurva:
    """The kurva check over the whole organisation below a pimpinan (DOMAIN.md §5), not per seksi."""
    return cek_kurva(capaian_organisasi, predikat_di_bawah(unit_id, induk, daftar))


def rincian_per_unit(unit_id: int, induk: dict[int, int | None],
                     daftar: list[PredikatUnit]) -> dict[int | None, HasilKurva]:
    """Per exact unit under ``unit_id``: counts only (information, never a separate check)."""
    cakupan = unit_bawahan(unit_id, induk)
    per_unit: dict[int | None, list[str]] = {}
    for d in daftar:
        if d.unit_id in cakupan and not (d.kepala_unit and d.unit_id == unit_id):
            per_unit.setdefault(d.unit_id, []).append(d.predikat)
    return {uid: cek_kurva(None, items) for uid, items in per_unit.items()}


def awal_kurva(unit_id: int | None, kepala_unit: bool, induk: dict[int, int | None]) -> int | None:
    """Where to look for the kurva an evaluation belongs to: its unit, or for a head of a unit the
    unit above (he is one of the pegawai under the pimpinan above him)."""
    if kepala_unit and unit_id is not None:
        return induk.get(unit_id)
    return unit_id


# Who sets a unit's capaian (§4): the pimpinan of the organisation above it, never its own head.
PENETAP_LUAR = "luar"


def penetap_capaian(unit_id: int, induk: dict[int, int | None], pimpinan: dict[int, int]) -> int | str | None:
    """The pegawai id of the pimpinan of the nearest unit above ``unit_id`` that has one;
    ``PENETAP_LUAR`` for a unit at the top (its head's penilai, outside the dinas, decides);
    None when the units above have no pimpinan at all (then only the admin can record it)."""
    current, seen = induk.get(unit_id), {unit_id}
    if current is None:
        return PENETAP_LUAR
    while current is not None and current not in seen:
        if current in pimpinan:
            return pimpinan[current]
        seen.add(current)
        current = induk.get(current)
    return None


def admin_mencatat_capaian(penetap: int | str | None) -> bool:
    """The admin records a unit's capaian only on behalf of the dinas's penilai outside the dinas
    (the top unit), or where no pimpinan above the unit exists at all; a unit whose capaian a pimpinan
    in the dinas sets is never recorded by the admin (issue #10 §2)."""
    return penetap == PENETAP_LUAR or penetap is None


# ------------------------------------------------------------------ keberatan (§6.5, §9)

HARI_KEBERATAN = 14


def batas_keberatan(tanggal_diterima: date) -> date:
    """The last day to file: 14 calendar days after the day the result was handed over."""
    return tanggal_diterima + timedelta(days=HARI_KEBERATAN)


def keberatan_masih_dibuka(tanggal_diterima: date, hari_ini: date) -> bool:
    return hari_ini <= batas_keberatan(tanggal_diterima)


def keberatan_problem(status: str, tanggal_diterima: date | None, hari_ini: date) -> str | None:
    """Why a keberatan cannot be filed now, or None (PP 30/2019 Pasal 59).

    The clock starts on the day the penilai hands over the signed result; the pegawai's own
    signature plays no part: a pegawai who has not signed, or refused to, may still appeal.
    """
    if status in (KEBERATAN, DIJELASKAN, DIPUTUS):
        return "Keberatan atas evaluasi ini sudah pernah diajukan."
    if status not in (DISERAHKAN, SELESAI) or tanggal_diterima is None:
        return ("Keberatan dapat diajukan setelah pejabat penilai menandatangani dan menyerahkan hasil "
                "evaluasi kepada Anda.")
    if not keberatan_masih_dibuka(tanggal_diterima, hari_ini):
        return (f"Batas pengajuan keberatan sudah lewat ({_tanggal(batas_keberatan(tanggal_diterima))}). "
                f"Keberatan diajukan paling lambat {HARI_KEBERATAN} hari setelah hasil evaluasi diterima.")
    return None


def batas_pengisian_efektif(batas_periode: date, batas_khusus: date | None) -> date:
    """The period's batas pengisian, or the per-person extension when later."""
    return max(batas_periode, batas_khusus) if batas_khusus else batas_periode


# ------------------------------------------------------------------ signing preconditions (#9 §1)

def _tanggal(value: date) -> str:
    from babel.dates import format_date

    return format_date(value, "d MMMM y", locale="id")


@dataclass(frozen=True)
class KesiapanTtd:
    """What signing checks: the form complete, the period over (or early signing allowed)."""

    nama_periode: str
    periode_selesai: date
    lebih_awal: bool
    capaian_organisasi: str | None
    rating_hasil_kerja: str | None
    rating_perilaku_kerja: str | None


def ttd_problem(k: KesiapanTtd, hari_ini: date) -> str | None:
    """Why the evaluation cannot be signed yet, or None: the form must be complete and the period over."""
    if not k.capaian_organisasi:
        return ("Capaian Kinerja Organisasi unit pegawai ini belum ditetapkan; evaluasi dapat ditandatangani "
                "setelah pimpinan menetapkannya.")
    if not k.rating_hasil_kerja or not k.rating_perilaku_kerja:
        return "Rating Hasil Kerja dan Rating Perilaku Kerja harus terisi sebelum evaluasi ditandatangani."
    if hari_ini <= k.periode_selesai and not k.lebih_awal:
        return (f"Periode {k.nama_periode} belum berakhir (sampai {_tanggal(k.periode_selesai)}); evaluasi dapat "
                f"ditandatangani mulai {_tanggal(k.periode_selesai + timedelta(days=1))}. Admin kepegawaian dapat "
                "mengizinkan penandatanganan lebih awal untuk periode ini.")
    return None


# ------------------------------------------------------------------ state machine

DRAFT = "Draft"
DIAJUKAN = "Realisasi Diajukan"
DINILAI = "Dinilai"
FINAL = "Menunggu Tanda Tangan"
TTD_PEGAWAI = "Ditandatangani Pegawai"
# The penilai signed and handed the result over; the pegawai has not signed (yet, or refuses).
DISERAHKAN = "Ditandatangani Penilai"
SELESAI = "Selesai"
KEBERATAN = "Keberatan Diajukan"
DIJELASKAN = "Keberatan Dijelaskan"
DIPUTUS = "Keberatan Diputus"

STATUS = (DRAFT, DIAJUKAN, DINILAI, FINAL, TTD_PEGAWAI, DISERAHKAN, SELESAI, KEBERATAN, DIJELASKAN, DIPUTUS)
# Signed by the penilai (documents issued): nothing may change except through keberatan.
TERKUNCI = frozenset({DISERAHKAN, SELESAI, KEBERATAN, DIJELASKAN, DIPUTUS})
SUDAH_FINAL = frozenset({FINAL, TTD_PEGAWAI}) | TERKUNCI
# Nobody has signed yet: the penilai may still refresh the SKP snapshot.
BELUM_DITANDATANGANI = frozenset({DRAFT, DIAJUKAN, DINILAI, FINAL})

# aksi → {from status: to status}
TRANSISI: dict[str, dict[str, str]] = {
    "simpan_realisasi": {DRAFT: DRAFT},
    "ajukan_realisasi": {DRAFT: DIAJUKAN},
    "kembalikan_realisasi": {DIAJUKAN: DRAFT, DINILAI: DRAFT},
    "nilai": {DIAJUKAN: DINILAI, DINILAI: DINILAI},
    "finalisasi": {DINILAI: FINAL},
    # Either may sign first; the result is handed over when the penilai signs.
    "ttd_pegawai": {FINAL: TTD_PEGAWAI, DISERAHKAN: SELESAI},
    "ttd_penilai": {FINAL: DISERAHKAN, TTD_PEGAWAI: SELESAI},
    "tolak_ttd": {DISERAHKAN: SELESAI},
    "ajukan_keberatan": {DISERAHKAN: KEBERATAN, SELESAI: KEBERATAN},
    "jelaskan_keberatan": {KEBERATAN: DIJELASKAN},
    "putuskan_keberatan": {DIJELASKAN: DIPUTUS},
    # A refresh after finalisation sends the evaluation back to be finalised again.
    "perbarui_skp": {DRAFT: DRAFT, DIAJUKAN: DIAJUKAN, DINILAI: DINILAI, FINAL: DINILAI},
}

PESAN_TERKUNCI = "Evaluasi sudah ditandatangani dan terkunci; isinya tidak dapat diubah lagi."


def _pesan_tolak(status: str, aksi: str) -> str:  # noqa: C901  one message per refused action: a chain of plain cases
    if aksi in ("simpan_realisasi", "ajukan_realisasi", "nilai", "kembalikan_realisasi", "finalisasi") and status in TERKUNCI:
        return PESAN_TERKUNCI
    if aksi in ("simpan_realisasi", "ajukan_realisasi"):
        return "Realisasi sudah diajukan; minta pejabat penilai mengembalikannya bila perlu diubah."
    if aksi == "nilai" and status == DRAFT:
        return "Realisasi belum diajukan pegawai; penilaian dapat dilakukan setelah realisasi diajukan."
    if aksi in ("nilai", "kembalikan_realisasi"):
        return "Evaluasi sudah difinalisasi; penilaian tidak dapat diubah lagi."
    if aksi == "finalisasi":
        return "Isi dulu umpan balik dan kedua rating, lalu finalisasi." if status in (DRAFT, DIAJUKAN) else \
            "Evaluasi sudah difinalisasi."
    if aksi in ("ttd_pegawai", "ttd_penilai"):
        if status in (TTD_PEGAWAI, DISERAHKAN) or status in TERKUNCI:
            return "Anda sudah menandatangani evaluasi ini."
        return "Evaluasi belum difinalisasi pejabat penilai; belum dapat ditandatangani."
    if aksi == "tolak_ttd":
        return ("Penolakan tanda tangan dicatat setelah pejabat penilai menandatangani dan sebelum pegawai "
                "menandatangani.")
    if aksi == "ajukan_keberatan":
        return keberatan_problem(status, None, date.min) or "Keberatan tidak dapat diajukan sekarang."
    if aksi == "jelaskan_keberatan":
        return "Tidak ada keberatan yang menunggu penjelasan pejabat penilai."
    if aksi == "putuskan_keberatan":
        return "Keberatan belum dijelaskan pejabat penilai, atau sudah diputus."
    if aksi == "perbarui_skp":
        return "Evaluasi sudah ditandatangani; isi SKP-nya tidak dapat diperbarui lagi."
    return "Tindakan ini tidak dapat dilakukan pada tahap sekarang."


def transisi(status: str, aksi: str) -> str:
    """The next status for ``aksi`` from ``status``; AturanError with an Indonesian message otherwise."""
    if aksi not in TRANSISI:
        raise AturanError(f"Aksi tidak dikenal: {aksi}")
    if status not in TRANSISI[aksi]:
        raise AturanError(_pesan_tolak(status, aksi))
    return TRANSISI[aksi][status]


def boleh(status: str, aksi: str) -> bool:
    return aksi in TRANSISI and status in TRANSISI[aksi]


# Progress stages on the admin page.
TAHAP = ("Belum diisi", "Realisasi terisi", "Dinilai", "Ditandatangani")


def tahap(status: str) -> str:
    if status == DRAFT:
        return TAHAP[0]
    if status == DIAJUKAN:
        return TAHAP[1]
    if status in (DINILAI, FINAL, TTD_PEGAWAI):
        return TAHAP[2]
    return TAHAP[3]


# ------------------------------------------------------------------ the Evaluasi page (issue #15)

def urutkan_periode(periodes):
    """Newest year first; within a year in the order of the year: I, II (or TW1…, B01…), Akhir."""
    return sorted(periodes, key=lambda p: (-p.tahun, p.urutan))


def alasan_tanpa_evaluasi(nama_periode: str, tahun: int, *, dibuka: bool, skp_disetujui: bool,
                          punya_penilai: bool) -> str:
    """Why a pegawai has no evaluation in a period, and what happens next."""
    if not dibuka:
        return (f"Periode {nama_periode} belum dibuka oleh admin kepegawaian. Setelah dibuka, evaluasi Anda muncul "
                "di sini dan Anda mengisi realisasi untuk dinilai pejabat penilai.")
    if not skp_disetujui:
        return (f"SKP {tahun} Anda belum disetujui, sehingga Anda belum dapat dievaluasi pada periode {nama_periode}. "
                "Lengkapi dan ajukan SKP Anda. Atasan Anda (pejabat penilai) menyetujuinya, lalu admin kepegawaian "
                "menambahkan Anda ke periode ini.")
    if not punya_penilai:
        return ("Anda belum punya pejabat penilai di sistem (atasan Anda belum tercatat). Hubungi admin kepegawaian "
                "agar atasan Anda dicatat; setelah itu evaluasi Anda dibuat.")
    return (f"Periode {nama_periode} dibuka sebelum SKP Anda disetujui. Admin kepegawaian perlu menekan "
            "\u201cBuka Evaluasi\u201d lagi untuk menambahkan Anda; hubungi admin kepegawaian.")
