"""The guide's table of contents, its screenshots and the page → section map (one place each).

Screenshots are produced by tests/e2e/test_panduan_screenshots.py from the demo data
(``make panduan-screenshots``), saved under ``static/panduan/<nama>.png``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bagian:
    slug: str
    judul: str
    peran: str  # "Semua", "Pegawai", "Atasan", "Admin"
    ringkas: str


BAGIAN = (
    Bagian("kebijakan", "Mengapa dan Bagaimana: Kebijakan Kinerja", "Semua",
           "Mengapa mencatat aktivitas harian, arti predikat, kurva distribusi, dan cara mengajukan keberatan."),
    Bagian("mulai", "Memulai: Beranda dan Daftar Periksa", "Semua",
           "Masuk pertama kali, ganti kata sandi, periksa profil dan atasan."),
    Bagian("aktivitas-harian", "Mencatat Aktivitas Harian", "Pegawai",
           "Mengisi laporan kinerja harian dalam satu menit, menyalin dari kemarin, melampirkan bukti."),
    Bagian("mengajukan", "Mengajukan Aktivitas", "Pegawai", "Mengirim catatan harian ke atasan untuk diverifikasi."),
    Bagian("memperbaiki", "Memperbaiki Aktivitas yang Dikembalikan", "Pegawai",
           "Membaca catatan atasan, memperbaiki, dan mengajukan lagi."),
    Bagian("skp", "Menyusun SKP", "Pegawai",
           "Rencana hasil kerja, intervensi atasan, indikator dan target, lalu mengajukan SKP."),
    Bagian("verifikasi", "Memverifikasi Aktivitas Bawahan", "Atasan",
           "Menyetujui atau mengembalikan aktivitas harian bawahan, memberi umpan balik."),
    Bagian("dialog", "Dialog Kinerja", "Atasan", "Menjadwalkan dan mencatat pertemuan dengan staf serta tindak lanjutnya."),
    Bagian("evaluasi", "Evaluasi dan Tanda Tangan", "Semua",
           "Mengisi realisasi, menilai, melihat predikat, menandatangani dan mencetak dokumen."),
    Bagian("keberatan", "Mengajukan Keberatan", "Pegawai", "Mengajukan keberatan atas predikat dalam 14 hari."),
    Bagian("pengembangan", "Rencana Pengembangan Kompetensi", "Semua",
           "Menyepakati kegiatan pengembangan setelah evaluasi, mengunggah sertifikat, mengejar 20 JP setahun."),
    Bagian("pengumuman", "Pengumuman dan Sosialisasi", "Semua",
           "Membaca pengumuman, menandai sudah dibaca, mengikuti sesi sosialisasi."),
    Bagian("admin", "Tugas Admin Kepegawaian", "Admin",
           "Data instansi, unit kerja, pegawai dan akun, periode penilaian, hari libur, jejak audit."),
)
BAGIAN_PER_SLUG = {b.slug: b for b in BAGIAN}


@dataclass(frozen=True)
class Gambar:
    """A screenshot: who is logged in, which page, which region (CSS selector), its alt text."""

    nama: str
    login: str  # "pegawai" | "atasan" | "admin"
    path: str
    region: str
    alt: str
    klik: str | None = None  # then follow the first link with this text (pages reached by id)


GAMBAR = {g.nama: g for g in (
    Gambar("beranda", "pegawai", "/", "main", "Beranda pegawai: profil, pengumuman, ringkasan aktivitas dan SKP"),
    Gambar("aktivitas", "pegawai", "/aktivitas", "main", "Halaman Aktivitas Harian dengan formulir isian cepat"),
    Gambar("skp", "pegawai", "/skp", "main", "Halaman SKP pegawai"),
    Gambar("verifikasi", "atasan", "/verifikasi", "main", "Kotak verifikasi atasan dengan tombol Setujui dan Kembalikan"),
    Gambar("dialog", "atasan", "/dialog", "main", "Daftar dialog kinerja yang dipimpin atasan"),
    Gambar("evaluasi", "pegawai", "/evaluasi", "main", "Daftar evaluasi kinerja pegawai"),
    Gambar("evaluasi-detail", "pegawai", "/evaluasi", "main", "Halaman evaluasi: realisasi, umpan balik, rating dan predikat",
           klik="Buka"),
    Gambar("pengembangan", "pegawai", "/pengembangan", "main", "Capaian JP dan rencana pengembangan kompetensi"),
    Gambar("rencana", "pegawai", "/pengembangan", "main",
           "Rencana pengembangan kompetensi: kegiatan, JP, persetujuan dan umpan balik bimbingan", klik="Disepakati"),
    Gambar("pengumuman", "pegawai", "/pengumuman", "main", "Daftar pengumuman dengan status sudah atau belum dibaca"),
    Gambar("admin", "admin", "/admin", "main", "Menu admin kepegawaian"),
)}

# Which section of the guide the "Bantuan" link of a page opens: exact endpoint first, then blueprint.
BANTUAN_ENDPOINT = {
    "evaluasi.keberatan": "keberatan",
    "aktivitas.index": "aktivitas-harian",
}
BANTUAN_BLUEPRINT = {
    "beranda": "mulai", "akun": "mulai", "notifikasi": "mulai",
    "aktivitas": "aktivitas-harian", "verifikasi": "verifikasi", "skp": "skp", "dialog": "dialog",
    "evaluasi": "evaluasi", "laporan": "aktivitas-harian", "pengembangan": "pengembangan",
    "pengumuman": "pengumuman", "sosialisasi": "pengumuman",
    "admin": "admin", "periode": "admin", "audit": "admin",
    "dasbor": "kebijakan",
}


def bagian_untuk(endpoint: str | None) -> str | None:
    """The guide section for a page's endpoint, or None (the guide itself, login, public pages)."""
    if not endpoint:
        return None
    if endpoint in BANTUAN_ENDPOINT:
        return BANTUAN_ENDPOINT[endpoint]
    return BANTUAN_BLUEPRINT.get(endpoint.split(".", 1)[0])
