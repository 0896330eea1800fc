"""Importing pegawai from a CSV/XLSX list (the kind a BKD's SIMPEG export gives).

- ``rules``    pure: header matching, cell values (golongan, NIP from Excel numbers), one row, cycles
- ``berkas``   pure: reading CSV (delimiter, encoding) and XLSX (first sheet) into rows
- ``laporan``  the report: per-row outcome, counts, CLI lines
- ``services`` database: checking against existing data, the all-or-nothing import
- ``unggahan`` the admin UI's uploaded files, kept under a token between "Periksa" and "Impor Sekarang"
"""

from kinerja.organisasi.impor.laporan import CATATAN_AKUN_BARU, BarisHasil, ImporReport  # noqa: F401
from kinerja.organisasi.impor.services import apply_import, check_import, run_import_file  # noqa: F401
