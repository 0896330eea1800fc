"""A pegawai's e-mail address ("Surel"): one validation, used by the profile, the admin form and notifications."""

from __future__ import annotations

import re

EMAIL_RE = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
EMAIL_MAKS = 150


def periksa_surel(nilai: str | None) -> tuple[str | None, str | None]:
    """Normalise an e-mail address: (value or None, error message or None)."""
    nilai = (nilai or "").strip()
    if not nilai:
        return None, None
    if len(nilai) > EMAIL_MAKS:
        return None, f"Alamat surel paling banyak {EMAIL_MAKS} karakter."
    if not EMAIL_RE.match(nilai):
        return None, "Alamat surel tidak valid. Contoh: nama@bukitintankab.go.id"
    return nilai.lower(), None
