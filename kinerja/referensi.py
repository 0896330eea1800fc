"""Reference data from DOMAIN.md §2–§3, kept in one module.

Items that DOMAIN.md marks **[verify]** live here as data, so that a correction
against the official annex is a one-place change.
"""

from __future__ import annotations

STATUS_KEPEGAWAIAN = ("PNS", "CPNS", "PPPK")

JENIS_JABATAN = ("JPT", "Administrator", "Pengawas", "Pelaksana", "Fungsional")
JENIS_JABATAN_LABEL = {
    "JPT": "JPT (Pimpinan Tinggi)",
    "Administrator": "Administrator",
    "Pengawas": "Pengawas",
    "Pelaksana": "Pelaksana",
    "Fungsional": "Fungsional",
}
JENJANG_FUNGSIONAL_KEAHLIAN = ("Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama")
JENJANG_FUNGSIONAL_KETERAMPILAN = ("Pemula", "Terampil", "Mahir", "Penyelia")
JENJANG_FUNGSIONAL = JENJANG_FUNGSIONAL_KEAHLIAN + JENJANG_FUNGSIONAL_KETERAMPILAN

# Pangkat / golongan ruang PNS (17), in order.
PANGKAT_PNS: dict[str, str] = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}

# PPPK: golongan I … XVII, no pangkat name. [verify]
GOLONGAN_PPPK: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)


def pangkat_golongan_label(status: str | None, golongan: str | None) -> str:
    """"Penata Muda, III/a" for PNS/CPNS; "Golongan IX" for PPPK; "" when unknown."""
    if not golongan:
        return ""
    if golongan in PANGKAT_PNS and status != "PPPK":
        return f"{PANGKAT_PNS[golongan]}, {golongan}"
    return f"Golongan {golongan}"


def golongan_choices(status: str | None) -> tuple[str, ...]:
    return GOLONGAN_PPPK if status == "PPPK" else tuple(PANGKAT_PNS)


JENIS_HARI_LIBUR = ("Libur Nasional", "Cuti Bersama", "Libur Daerah")
HARI_KERJA_PER_MINGGU = (5, 6)

ZONA_WAKTU = {
    "Asia/Jakarta": "WIB (Asia/Jakarta)",
    "Asia/Makassar": "WITA (Asia/Makassar)",
    "Asia/Jayapura": "WIT (Asia/Jayapura)",
}

# --- SKP (DOMAIN.md §2–§3) ---------------------------------------------------

PENDEKATAN_SKP = ("Kuantitatif", "Kualitatif")
JENIS_RHK = ("Utama", "Tambahan")
ASPEK_IKI = ("Kuantitas", "Kualitas", "Waktu")  # Biaya optional [verify]
PERSPEKTIF_JPT = ("Penerima Layanan", "Proses Bisnis", "Penguatan Internal", "Anggaran")  # [verify]
STATUS_SKP = ("Draft", "Diajukan", "Disetujui", "Ditolak")

# The 7 BerAKHLAK core values with their three panduan perilaku (fixed text).
BERAKHLAK: tuple[tuple[str, tuple[str, str, str]], ...] = (
    ("Berorientasi Pelayanan", (
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif, dan dapat diandalkan",
        "Melakukan perbaikan tiada henti",
    )),
    ("Akuntabel", (
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
        "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
        "Tidak menyalahgunakan kewenangan jabatan",
    )),
    ("Kompeten", (
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik",
    )),
    ("Harmonis", (
        "Menghargai setiap orang apapun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif",
    )),
    ("Loyal", (
        "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, "
        "setia kepada NKRI serta pemerintahan yang sah",
        "Menjaga nama baik sesama ASN, Pimpinan, Instansi, dan Negara",
        "Menjaga rahasia jabatan dan negara",
    )),
    ("Adaptif", (
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif",
    )),
    ("Kolaboratif", (
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
    )),
)

# --- Aktivitas harian ---------------------------------------------------------

STATUS_AKTIVITAS = ("Draft", "Diajukan", "Disetujui", "Dikembalikan")
VERDICT_BUKTI = ("Sesuai", "Kurang", "Tidak Sesuai")

# --- Evaluasi (DOMAIN.md §2, §4) -----------------------------------------------

RATING = ("Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi")
PREDIKAT = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang")
CAPAIAN_ORGANISASI = ("Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
