"""Organisasi: instansi, unit kerja, jabatan, pegawai, kalender kerja — rules, services,
permissions and the SIMPEG import.  No views: its pages are the admin kepegawaian UI in
:mod:`kinerja.admin` (URLs ``/admin/...``)."""
