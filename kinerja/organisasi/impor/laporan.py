"""The result of checking or running an import: per-row outcome, counts, printable lines."""

from __future__ import annotations

from dataclasses import dataclass, field

AKSI_BARU = "baru"
AKSI_DIPERBARUI = "diperbarui"
AKSI_TETAP = "tidak berubah"

# Accounts of imported pegawai get a random, unusable password hash (see services.py).
CATATAN_AKUN_BARU = (
    "Akun pegawai baru dibuat tanpa kata sandi yang dapat dipakai dan wajib diganti saat masuk pertama. "
    "Berikan kata sandi sementara kepada tiap pegawai lewat tombol \"Atur Ulang Kata Sandi\" pada halaman pegawai."
)


@dataclass
class BarisHasil:
    baris: int
    nip: str
    nama: str
    aksi: str | None = None
    perubahan: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImporReport:
    nama_berkas: str
    dry_run: bool
    keterangan: str = ""
    file_errors: list[str] = field(default_factory=list)
    rows: list[BarisHasil] = field(default_factory=list)
    kolom_diabaikan: tuple[str, ...] = ()
    jabatan_baru: list[str] = field(default_factory=list)
    applied: bool = False
    akun_dibuat: int = 0

    # -------------------------------------------------------------- queries

    @property
    def errors(self) -> list[tuple[int | None, str]]:
        """(row number or None for the file, message) for every problem; empty when importable."""
        found: list[tuple[int | None, str]] = [(None, msg) for msg in self.file_errors]
        found.extend((row.baris, msg) for row in self.rows for msg in row.errors)
        return found

    @property
    def bad_rows(self) -> list[BarisHasil]:
        return [row for row in self.rows if row.errors]

    @property
    def valid(self) -> bool:
        return not self.file_errors and bool(self.rows) and not self.bad_rows

    def jumlah(self, aksi: str) -> int:
        return sum(1 for row in self.rows if row.ok and row.aksi == aksi)

    @property
    def dibuat(self) -> int:
        return self.jumlah(AKSI_BARU)

    @property
    def diperbarui(self) -> int:
        return self.jumlah(AKSI_DIPERBARUI)

    @property
    def tidak_berubah(self) -> int:
        return self.jumlah(AKSI_TETAP)

    def pratinjau(self, batas: int = 200) -> tuple[list[BarisHasil], int]:
        """Rows to show: every bad row, changed rows up to ``batas``; and how many were left out."""
        shown: list[BarisHasil] = []
        others = 0
        for row in self.rows:
            if row.errors:
                shown.append(row)
            elif row.aksi != AKSI_TETAP and others < batas:
                shown.append(row)
                others += 1
        return shown, len(self.rows) - len(shown)

    def ringkasan(self) -> str:
        if self.applied:
            return (f"Impor selesai: {self.dibuat} pegawai dibuat, {self.diperbarui} diperbarui, "
                    f"{self.tidak_berubah} tidak berubah.")
        return (f"Rencana: {self.dibuat} pegawai baru, {self.diperbarui} diperbarui, "
                f"{self.tidak_berubah} tidak berubah.")

    # -------------------------------------------------------------- CLI text

    def lines(self) -> list[str]:
        out = [f"Berkas: {self.nama_berkas}" + (f" — {self.keterangan}, {len(self.rows)} baris data." if self.keterangan else "")]
        if self.kolom_diabaikan:
            out.append("Kolom yang diabaikan: " + ", ".join(self.kolom_diabaikan) + ".")
        if self.file_errors:
            out.extend(f"GALAT: {msg}" for msg in self.file_errors)
            out.append("Tidak ada yang diimpor.")
            return out
        bad = self.bad_rows
        if bad:
            out.extend(f"Baris {row.baris}: {msg}" for row in bad for msg in row.errors)
            out.append(f"{len(bad)} dari {len(self.rows)} baris bermasalah. Tidak ada yang diimpor; "
                       "perbaiki berkas lalu jalankan lagi.")
            return out
        for row in self.rows:
            if row.aksi == AKSI_BARU:
                out.append(f"Baris {row.baris}: baru — {row.nip} {row.nama}")
            elif row.aksi == AKSI_DIPERBARUI:
                out.append(f"Baris {row.baris}: diperbarui — {row.nip} {row.nama}: " + "; ".join(row.perubahan))
        if self.jabatan_baru:
            verb = "dibuat" if self.applied else "akan dibuat"
            out.append(f"Jabatan baru {verb}: " + ", ".join(self.jabatan_baru) + ".")
        out.append(self.ringkasan())
        if self.applied and self.akun_dibuat:
            out.append(CATATAN_AKUN_BARU)
        if self.dry_run:
            out.append(f"Semua {len(self.rows)} baris valid. Uji coba: tidak ada yang disimpan.")
        return out
