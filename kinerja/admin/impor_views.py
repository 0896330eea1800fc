"""Admin pages for importing pegawai (CSV/XLSX)."""
