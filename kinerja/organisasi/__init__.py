"""Organisation rules, services and permissions (the admin pages live in kinerja.admin)."""
