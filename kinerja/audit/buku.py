"""The audit trail as a ledger (pure, issue #15): event names in Indonesian words, before → after as
a readable diff, and which event names a search word matches."""

from __future__ import annotations

from dataclasses import dataclass

OBJEK = {
    "aktivitas": "Aktivitas", "akun": "Akun", "audit": "Jejak audit", "demo": "Data demo", "dialog": "Dialog kinerja",
    "evaluasi": "Evaluasi", "iki": "Indikator kinerja", "instansi": "Instansi", "jabatan": "Jabatan",
    "kalender": "Kalender", "login": "Login", "panduan": "Panduan", "pegawai": "Pegawai",
    "pejabat_luar": "Pejabat luar instansi", "pengembangan": "Pengembangan kompetensi", "pengumuman": "Pengumuman",
    "periode": "Periode", "rhk": "RHK", "sandi_ulang": "Atur ulang kata sandi", "skp": "SKP",
    "sosialisasi": "Sosialisasi", "tahun_kinerja": "Tahun kinerja", "unit": "Unit kerja", "verifikasi": "Verifikasi",
}
VERBA = {
    "ajukan": "diajukan", "aktif": "diaktifkan/dinonaktifkan", "aktifkan": "diaktifkan", "berhasil": "berhasil",
    "buat": "dibuat", "buka": "dibuka", "catatan": "catatan disimpan", "dibaca": "dibaca", "duplikat": "diduplikasi",
    "finalisasi": "difinalisasi", "gagal": "gagal", "hapus": "dihapus", "impor": "diimpor", "ingatkan": "diingatkan",
    "jadwalkan": "dijadwalkan", "kembalikan": "dikembalikan", "komentar": "dikomentari", "konfirmasi": "dikonfirmasi",
    "nilai": "dinilai", "pindah": "dipindahkan", "salin": "disalin", "setujui": "disetujui", "tambah": "ditambahkan",
    "terbitkan": "diterbitkan", "tutup": "ditutup", "ubah": "diubah",
}
KHUSUS = {
    "login.ditolak_terkunci": "Login ditolak: akun terkunci",
    "login.kode_gagal": "Login: kode dua langkah salah",
    "login.kode_ditolak_terkunci": "Login ditolak: kode dua langkah terkunci",
    "login.sandi_benar": "Login: kata sandi benar, menunggu kode",
    "akun.ganti_sandi": "Kata sandi diganti",
    "akun.reset_sandi": "Kata sandi diatur ulang oleh admin",
    "akun.buat_admin": "Akun admin dibuat",
    "evaluasi.ttd_penilai_manual": "Evaluasi: tanda tangan manual pejabat penilai dicatat",
    "evaluasi.ttd_penetapan": "Penetapan predikat kinerja ditandatangani",
    "evaluasi.capaian_organisasi": "Capaian kinerja organisasi ditetapkan",
    "evaluasi.ajukan_keberatan": "Keberatan diajukan",
    "evaluasi.jelaskan_keberatan": "Keberatan dijelaskan pejabat penilai",
    "evaluasi.putuskan_keberatan": "Keberatan diputus",
    "evaluasi.ajukan_realisasi": "Realisasi diajukan",
    "evaluasi.simpan_realisasi": "Realisasi disimpan",
    "evaluasi.kembalikan_realisasi": "Realisasi dikembalikan",
    "evaluasi.tolak_ttd": "Pegawai menolak menandatangani (dicatat)",
    "evaluasi.perbarui_skp": "Evaluasi: isi SKP diperbarui",
    "evaluasi.batas_pengisian": "Batas pengisian evaluasi diubah",
    "skp.mulai_revisi": "Revisi SKP dimulai",
    "skp.ubah_lampiran": "Lampiran SKP diubah",
    "skp.ubah_pendekatan": "Pendekatan SKP diubah",
    "pegawai.atasan": "Atasan pegawai diubah",
    "pegawai.penilai_luar": "Pejabat penilai luar instansi ditetapkan",
    "pejabat_luar.buat_akun": "Akun pejabat luar instansi dibuat",
    "periode.ttd_lebih_awal": "Izin tanda tangan sebelum periode berakhir diubah",
    "periode.ubah_batas": "Batas pengisian periode diubah",
    "verifikasi.delegasi": "Delegasi verifikasi diubah",
    "audit.segel_hmac": "Jejak audit disegel (HMAC)",
}


def label_aksi(aksi: str) -> str:
    """"aktivitas.setujui" → "Aktivitas disetujui"; an unknown code still reads as words."""
    if aksi in KHUSUS:
        return KHUSUS[aksi]
    objek, _, verba = aksi.partition(".")
    nama = OBJEK.get(objek, objek.replace("_", " ").capitalize())
    if verba in VERBA:
        return f"{nama} {VERBA[verba]}"
    return f"{nama}: {verba.replace('_', ' ')}" if verba else nama


def aksi_cocok(kata: str, semua: tuple[str, ...] | None = None) -> list[str]:
    """The known event codes whose Indonesian name contains ``kata`` (case-insensitive)."""
    kata = (kata or "").strip().lower()
    if not kata:
        return []
    kandidat = semua or tuple(sorted({*KHUSUS, *(f"{o}.{v}" for o in OBJEK for v in VERBA)}))
    return [a for a in kandidat if kata in label_aksi(a).lower()]


@dataclass(frozen=True)
class Baris:
    kunci: str
    sebelum: str
    sesudah: str


def _teks(value) -> str:
    if value is None or value == "":
        return "–"
    if value is True:
        return "ya"
    if value is False:
        return "tidak"
    if isinstance(value, list | tuple):
        return ", ".join(_teks(v) for v in value) or "–"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_teks(v)}" for k, v in value.items()) or "–"
    return str(value)


def perubahan(sebelum: dict | None, sesudah: dict | None) -> list[Baris]:
    """What changed, key by key (sorted), as text: unchanged keys are left out."""
    lama, baru = sebelum or {}, sesudah or {}
    if not isinstance(lama, dict) or not isinstance(baru, dict):
        return [Baris("nilai", _teks(lama), _teks(baru))]
    return [Baris(k, _teks(lama.get(k)), _teks(baru.get(k))) for k in sorted({*lama, *baru})
            if lama.get(k) != baru.get(k)]
