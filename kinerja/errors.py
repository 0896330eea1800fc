"""Domain errors raised by services and mapped back onto forms by views."""

from __future__ import annotations

# Neutral answers (issue #9 §2): they never say who could, or whether something exists.
PESAN_DITOLAK = "Anda tidak berwenang melakukan tindakan ini."
PESAN_BUKAN_PEGAWAI = ("Halaman ini untuk akun pegawai. Akun Anda tidak terhubung dengan data pegawai; "
                       "hubungi admin kepegawaian bila ini keliru.")


class DomainError(Exception):
    """A rule was violated.  ``field`` names the form field, or None for the form."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class PermissionDenied(Exception):
    """The acting user may not do this (views answer 403, or 404 to hide existence)."""

    def __init__(self, message: str = PESAN_DITOLAK, hide: bool = False):
        super().__init__(message)
        self.message = message
        self.hide = hide


class NotFound(Exception):
    """The object does not exist, or is outside the actor's scope."""


def apply_to_form(form, error: DomainError) -> None:
    """Attach a DomainError to the matching form field (or the form itself)."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = list(field.errors) + [error.message]
    else:
        form.form_errors.append(error.message)
