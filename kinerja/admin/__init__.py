"""Admin kepegawaian: the web UI (blueprint ``admin``, URLs ``/admin/...``, templates ``admin/``) of
the organisation's master data — instansi, unit kerja, jabatan, pegawai, kalender kerja, impor.

``admin`` is the UI half of one domain: the rules, services, permissions and the import live in
:mod:`kinerja.organisasi`, which has no views of its own.  Other features' admin pages (Tahun
Kinerja, Delegasi Verifikasi, Audit) stay in their own packages and appear on the admin index
through ``kait.add_admin_menu``.
"""

from flask import Blueprint, Flask

from kinerja import kait
from kinerja.organisasi.permissions import is_admin

bp = Blueprint("admin", __name__, url_prefix="/admin")

# (endpoint, label, keterangan) of the admin's own pages, in the order the admin index shows them.
MENU = (
    ("admin.instansi", "Instansi", "Nama pemda dan dinas, alamat, kota tanda tangan, logo, zona waktu, target menit."),
    ("admin.unit_list", "Unit Kerja", "Susunan unit kerja, pimpinan tiap unit, dan hari kerja per minggu."),
    ("admin.jabatan_list", "Jabatan", "Daftar jabatan dengan jenis dan jenjangnya."),
    ("admin.pegawai_list", "Pegawai", "Data pegawai, atasan langsung, akun, dan kata sandi sementara."),
    ("admin.impor", "Impor Pegawai", "Unggah CSV/XLSX dari SIMPEG; periksa dulu, lalu impor."),
    ("admin.kalender", "Kalender Kerja", "Hari libur nasional, cuti bersama, dan libur daerah per tahun."),
)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    kait.add_nav(app, "Admin", "admin.index", is_admin, "/admin")
    for endpoint, label, keterangan in MENU:
        kait.add_admin_menu(app, endpoint, label, keterangan)


from kinerja.admin import impor_tugas, impor_views, views  # noqa: E402,F401
