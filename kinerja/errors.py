"""Domain errors raised by services and mapped back onto forms by views."""

from __future__ import annotations


class DomainError(Exception):
    """A rule was violated.  ``field`` names the form field, or None for the form.

    Several violations at once: ``DomainError.semua([(field, message), ...])``; ``errors`` lists
    them all (the first is also ``field``/``message``).
    """

    def __init__(self, field: str | None, message: str, errors: list[tuple[str | None, str]] | None = None):
        super().__init__(message)
        self.field = field
        self.message = message
        self.errors = list(errors) if errors else [(field, message)]

    @classmethod
    def semua(cls, errors: list[tuple[str | None, str]]) -> DomainError:
        field, message = errors[0]
        return cls(field, message, errors)


class KonflikError(DomainError):
    """Optimistic lock: the object changed (or moved on) between loading and saving.  Views answer 409."""

    def __init__(self, message: str = "Data ini baru saja diubah di tempat lain. Muat ulang halaman.",
                 field: str | None = None):
        super().__init__(field, message)


class PermissionDenied(Exception):
    """The acting user may not do this (views answer 403, or 404 to hide existence)."""

    def __init__(self, message: str = "Anda tidak berwenang melakukan tindakan ini.", hide: bool = False):
        super().__init__(message)
        self.message = message
        self.hide = hide


class NotFound(Exception):
    """The object does not exist, or is outside the actor's scope."""


def apply_to_form(form, error: DomainError) -> None:
    """Attach each violation of a DomainError to the matching form field (or the form itself)."""
    for name, message in error.errors:
        field = getattr(form, name, None) if name else None
        if field is not None:
            field.errors = list(field.errors) + [message]
        else:
            form.form_errors.append(message)
