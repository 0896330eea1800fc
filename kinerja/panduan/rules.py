"""The first-login checklist per role: which steps, done or not (pure)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Langkah:
    label: str
    selesai: bool
    endpoint: str
    bagian: str  # guide section


@dataclass(frozen=True)
class Fakta:
    """What the data says about one account (gathered in one query by the service)."""

    admin: bool
    pegawai: bool
    atasan: bool
    sandi_diganti: bool
    profil_lengkap: bool
    punya_skp: bool
    punya_aktivitas: bool
    pernah_dialog: bool
    instansi_lengkap: bool
    ada_tahun_kinerja: bool


def daftar_periksa(f: Fakta) -> list[Langkah]:
    langkah = [Langkah("Ganti kata sandi sementara", f.sandi_diganti, "akun.akun", "mulai")]
    if f.pegawai:
        langkah += [
            Langkah("Periksa profil dan atasan langsung", f.profil_lengkap, "akun.akun", "mulai"),
            Langkah("Buat SKP tahun ini", f.punya_skp, "skp.index", "skp"),
            Langkah("Catat aktivitas harian pertama", f.punya_aktivitas, "aktivitas.index", "aktivitas-harian"),
        ]
    if f.atasan:
        langkah.append(Langkah("Jadwalkan dialog kinerja pertama dengan tim", f.pernah_dialog, "dialog.index", "dialog"))
    if f.admin:
        langkah += [
            Langkah("Lengkapi data instansi (nama dinas, kota tanda tangan)", f.instansi_lengkap, "admin.instansi", "admin"),
            Langkah("Siapkan tahun kinerja dan periode penilaian", f.ada_tahun_kinerja, "periode.index", "admin"),
        ]
    return langkah


def tampilkan(langkah: list[Langkah], ditutup: bool) -> bool:
    """Shown until every step is done, or the user dismissed it."""
    return not ditutup and any(not s.selesai for s in langkah)
