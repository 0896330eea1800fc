"""Admin-only access (re-exported from kinerja.akses)."""

from kinerja.akses import admin_required  # noqa: F401
