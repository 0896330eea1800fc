"""Pure rules of competence development (DOMAIN.md §6.7, §8 E): activities, JP, forms B.1.8/B.1.9."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kinerja.errors import DomainError

JENIS_KEGIATAN = ("Pelatihan", "Coaching", "Mentoring", "E-learning", "Magang", "Seminar")
DIRENCANAKAN = "Direncanakan"
MENUNGGU = "Menunggu Konfirmasi"
SELESAI = "Selesai"
STATUS = (DIRENCANAKAN, MENUNGGU, SELESAI)
TARGET_JP_TAHUNAN = 20  # every ASN is expected to get about 20 JP of development a year
JP_MAKS = 500
TINDAK_LANJUT = ("Penghargaan", "Sanksi")

# Format B.1.8: nine statements in three groups, rated by the pegawai.
PERNYATAAN_BIMBINGAN = (
    ("Tentang pegawai", (
        "Saya merasa diperhatikan dan dipahami",
        "Saya merasa tindakan/langkah yang telah saya lakukan dihargai",
        "Saya merasa dapat dengan bebas mengemukakan pendapat/pemikiran saya",
    )),
    ("Tentang pimpinan / pihak lain yang diberikan penugasan khusus", (
        "Saya merasa bahwa pandangan yang diberikan berdasarkan data/fakta yang akurat",
        "Saya merasa bahwa pandangan/pendapat yang diberikan kepada saya bersifat positif",
        "Lebih banyak menggunakan metode bertanya dibandingkan menggurui",
    )),
    ("Tentang pegawai dan pimpinan", (
        "Saya merasa dibantu dalam mencari solusi dan aksi tindak lanjut",
        "Saya tahu apa yang harus saya lakukan setelah mengikuti kegiatan bimbingan kinerja ini",
        "Saya memahami maksud dan tujuan kegiatan bimbingan kinerja ini",
    )),
)
SKALA_BIMBINGAN = {1: "Sangat Tidak Setuju", 2: "Tidak Setuju", 3: "Ragu-ragu", 4: "Setuju", 5: "Sangat Setuju"}
# Format B.1.9: each competency gets a value on a 1–5 scale and the reason.
SKALA_KOMPETENSI = {1: "Sangat Kurang", 2: "Kurang", 3: "Cukup", 4: "Baik", 5: "Sangat Baik"}
KOMPETENSI_MAKS = 10


def pernyataan_bernomor() -> list[tuple[str, int, str]]:
    """(group, number 1..9, statement) in the printed order."""
    rows, nomor = [], 0
    for kelompok, items in PERNYATAAN_BIMBINGAN:
        for teks in items:
            nomor += 1
            rows.append((kelompok, nomor, teks))
    return rows


def check_nilai_bimbingan(nilai) -> list[int]:
    """Exactly nine ratings, each 1..5."""
    values = list(nilai or [])
    if len(values) != 9 or any(v not in SKALA_BIMBINGAN for v in values):
        raise DomainError("nilai", "Beri nilai 1–5 untuk kesembilan pernyataan.")
    return [int(v) for v in values]


def check_kompetensi(rows) -> list[dict]:
    """Rows of (kompetensi, nilai, alasan): blank rows dropped; each kept row complete."""
    hasil = []
    for kompetensi, nilai, alasan in rows:
        kompetensi, alasan = (kompetensi or "").strip(), (alasan or "").strip()
        if not kompetensi and not alasan and nilai in (None, ""):
            continue
        if not kompetensi:
            raise DomainError("kompetensi", "Isi nama kompetensi pada setiap baris yang dinilai.")
        if nilai not in SKALA_KOMPETENSI:
            raise DomainError("kompetensi", f"Nilai kompetensi {kompetensi} harus 1–5.")
        if not alasan:
            raise DomainError("kompetensi", f"Tuliskan alasan nilai kompetensi {kompetensi}.")
        hasil.append({"kompetensi": kompetensi[:200], "nilai": int(nilai), "alasan": alasan[:500]})
    if len(hasil) > KOMPETENSI_MAKS:
        raise DomainError("kompetensi", f"Paling banyak {KOMPETENSI_MAKS} kompetensi.")
    return hasil


@dataclass(frozen=True)
class KegiatanData:
    kesenjangan: str
    jenis: str
    uraian: str
    jp: int | None
    target_tanggal: date | None


def check_kegiatan(data: KegiatanData, tanggal_evaluasi: date) -> KegiatanData:
    kesenjangan = (data.kesenjangan or "").strip()
    if not kesenjangan:
        raise DomainError("kesenjangan", "Tuliskan kesenjangan kompetensi yang hendak ditutup.")
    if data.jenis not in JENIS_KEGIATAN:
        raise DomainError("jenis", "Pilih jenis kegiatan pengembangan.")
    if data.jp is None or not 1 <= data.jp <= JP_MAKS:
        raise DomainError("jp", f"Jam pelajaran (JP) harus 1–{JP_MAKS}.")
    if data.target_tanggal is None:
        raise DomainError("target_tanggal", "Isi target tanggal selesai.")
    if data.target_tanggal < tanggal_evaluasi:
        raise DomainError("target_tanggal", "Target tanggal tidak boleh sebelum evaluasi ditandatangani.")
    return KegiatanData(kesenjangan[:300], data.jenis, (data.uraian or "").strip()[:300], data.jp, data.target_tanggal)


@dataclass(frozen=True)
class CapaianJp:
    total: int
    target: int

    @property
    def persen(self) -> int:
        return min(100, round(100 * self.total / self.target)) if self.target else 100

    @property
    def kurang(self) -> int:
        return max(0, self.target - self.total)

    @property
    def tercapai(self) -> bool:
        return self.total >= self.target


def capaian_jp(total: int, target: int = TARGET_JP_TAHUNAN) -> CapaianJp:
    return CapaianJp(int(total or 0), target)


@dataclass(frozen=True)
class TindakLanjutData:
    jenis: str
    uraian: str
    tanggal: date | None
    nomor_sk: str


def check_tindak_lanjut(jenis: str, uraian: str, tanggal: date | None, nomor_sk: str) -> tuple[str, str, date, str]:
    if jenis not in TINDAK_LANJUT:
        raise DomainError("jenis", "Pilih Penghargaan atau Sanksi.")
    uraian, nomor_sk = (uraian or "").strip(), (nomor_sk or "").strip()
    if not uraian:
        raise DomainError("uraian", "Tuliskan uraian penghargaan atau sanksi.")
    if tanggal is None:
        raise DomainError("tanggal", "Isi tanggal keputusan.")
    if not nomor_sk:
        raise DomainError("nomor_sk", "Isi nomor surat keputusan.")
    return jenis, uraian[:2000], tanggal, nomor_sk[:100]


def sudah_ditandatangani(ttd_penilai_at) -> bool:
    """A rencana pengembangan starts only after the evaluation is final and signed by the penilai."""
    return ttd_penilai_at is not None
