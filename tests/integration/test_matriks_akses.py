"""Authorization matrix (issue #9 §2): for EVERY route of ``app.url_map`` (each rule × method), what each
role gets.  A route without a row fails the suite, naming the route.

How to add a row for a new route
--------------------------------
Add one line to ``MATRIKS`` below: the method and the rule exactly as Flask prints them
(``"POST /skp/<int:skp_id>/ajukan"``), then the answer of each role, in the order of ``PERAN``:

    pemilik  the pegawai who owns the object (Staf Satu, in Seksi Uji)
    rekan    a peer in the same unit, same atasan (Staf Dua)
    luar     a pegawai of another unit (Staf Tiga, Bidang Lain)
    atasan   the owner's atasan (Kepala Seksi Uji)
    at_luar  an atasan of another unit (Kepala Bidang Lain)
    deleg    an active delegate who verifies the owner's unit (Staf Delegasi, Bidang Uji)
    d_usai   a delegate whose delegation for that unit has ended (Staf Mantan Delegasi)
    admin    the admin kepegawaian (no pegawai record)
    anonim   not logged in

Answers (status classes): ``200`` any 2xx · ``302`` a redirect that is not the login page ·
``login`` a redirect to the login page · ``400`` ``403`` ``404`` ``405`` ``409`` ``422`` that status.
Each POST carries the CSRF token and an EMPTY form: ``422``/``400`` mean "allowed in, then the form
was refused", which is what an authorized user gets for nothing filled in.

Path arguments come from ``ARGUMEN`` (by name, filled from the world built in ``dunia``): a route
with ``<int:skp_id>`` gets the owner's SKP, ``<int:aktivitas_id>`` the owner's submitted entry, and
so on.  A new argument name needs one entry there.  Each request runs in its own savepoint that is
rolled back, so an allowed POST does not change what the next role sees.  When one argument name means
different things on different routes (``<jenis>`` is an evaluation print on ``/evaluasi``, a list on
``/dasbor/.../daftar``, a workbook on ``/dasbor/.../rekap``, B.1.8/B.1.9 on ``/pengembangan``; ``<evaluasi_id>`` on
``/pengembangan`` is a SIGNED evaluation with a rencana), ``PER_RUTE`` below overrides it for one route key:
``{"GET /rule": {"jenis": "name of the ARGUMEN entry to use instead"}}``.  PDFs are not rendered by
WeasyPrint here (a stub returns a tiny PDF): the templates still render, the test stays fast.

The policy the table encodes (kinerja/akses.py): what you may not see is 404 on every method;
403 only when you may see it but not do that; pages for pegawai answer 403 to accounts without a
pegawai record; anonymous users are sent to the login page, except public pages.
"""

from __future__ import annotations

import re
import secrets
from datetime import time, timedelta
from types import SimpleNamespace

import pytest

from kinerja.aktivitas import bukti
from kinerja.aktivitas import services as aktivitas_services
from kinerja.dasbor import services as dasbor_services
from kinerja.dialog import services as dialog_services
from kinerja.extensions import db
from kinerja.models import DelegasiVerifikasi, Evaluasi, HariLibur, KegiatanRutin, Notifikasi, SkpVersi
from kinerja.panduan import isi as panduan_isi
from kinerja.pengembangan import rules as pengembangan_rules
from kinerja.pengembangan import services as pengembangan_services
from kinerja.pengumuman import sasaran
from kinerja.pengumuman import services as pengumuman_services
from kinerja.skp.queries import isi_skp
from kinerja.sosialisasi import services as sosialisasi_services
from kinerja.waktu import today_local, utcnow
from tests.support.evaluasi import buat_periode, buat_skenario, isi_realisasi, nilai, tanda_tangani, tetapkan_capaian
from tests.support.factories import PASSWORD

PERAN = ("pemilik", "rekan", "luar", "atasan", "at_luar", "deleg", "d_usai", "admin", "anonim")

# fmt: off
MATRIKS = """
# method + rule                                                          pemilik rekan   luar    atasan  at_luar deleg   d_usai  admin   anonim
# --- /
GET /                                                                    200     200     200     200     200     200     200     200     login
# --- /admin
GET /admin                                                               403     403     403     403     403     403     403     200     login
GET /admin/audit/                                                        403     403     403     403     403     403     403     200     login
GET /admin/impor                                                         403     403     403     403     403     403     403     200     login
POST /admin/impor                                                        403     403     403     403     403     403     403     422     login
POST /admin/impor/jalankan                                               403     403     403     403     403     403     403     400     login
GET /admin/instansi                                                      403     403     403     403     403     403     403     200     login
POST /admin/instansi                                                     403     403     403     403     403     403     403     422     login
GET /admin/instansi/logo                                                 404     404     404     404     404     404     404     404     login
POST /admin/instansi/logo/hapus                                          403     403     403     403     403     403     403     302     login
POST /admin/instansi/logo/unggah                                         403     403     403     403     403     403     403     422     login
GET /admin/jabatan                                                       403     403     403     403     403     403     403     200     login
GET /admin/jabatan/<int:jabatan_id>                                      403     403     403     403     403     403     403     200     login
POST /admin/jabatan/<int:jabatan_id>                                     403     403     403     403     403     403     403     302     login
GET /admin/jabatan/baru                                                  403     403     403     403     403     403     403     200     login
POST /admin/jabatan/baru                                                 403     403     403     403     403     403     403     422     login
GET /admin/kalender                                                      403     403     403     403     403     403     403     200     login
POST /admin/kalender/<int:hari_libur_id>/hapus                           403     403     403     403     403     403     403     302     login
POST /admin/kalender/muat-nasional                                       403     403     403     403     403     403     403     302     login
POST /admin/kalender/tambah                                              403     403     403     403     403     403     403     422     login
GET /admin/pegawai                                                       403     403     403     403     403     403     403     200     login
GET /admin/pegawai/<int:pegawai_id>                                      403     403     403     403     403     403     403     200     login
POST /admin/pegawai/<int:pegawai_id>                                     403     403     403     403     403     403     403     302     login
POST /admin/pegawai/<int:pegawai_id>/aktifkan                            403     403     403     403     403     403     403     302     login
POST /admin/pegawai/<int:pegawai_id>/atur-ulang-sandi                    403     403     403     403     403     403     403     200     login
POST /admin/pegawai/<int:pegawai_id>/nonaktifkan                         403     403     403     403     403     403     403     302     login
GET /admin/pegawai/baru                                                  403     403     403     403     403     403     403     200     login
POST /admin/pegawai/baru                                                 403     403     403     403     403     403     403     422     login
GET /admin/pegawai/opsi                                                  403     403     403     403     403     403     403     200     login
GET /admin/pegawai/opsi-atasan                                           403     403     403     403     403     403     403     200     login
GET /admin/pegawai/opsi-golongan                                         403     403     403     403     403     403     403     200     login
GET /admin/tahun-kinerja                                                 403     403     403     403     403     403     403     200     login
POST /admin/tahun-kinerja                                                403     403     403     403     403     403     403     422     login
GET /admin/tahun-kinerja/<int:tahun>                                     403     403     403     403     403     403     403     200     login
POST /admin/tahun-kinerja/<int:tahun>/aktif                              403     403     403     403     403     403     403     302     login
POST /admin/tahun-kinerja/periode/<int:periode_id>/batas                 403     403     403     403     403     403     403     302     login
POST /admin/tahun-kinerja/periode/<int:periode_id>/ttd-awal              403     403     403     403     403     403     403     302     login
GET /admin/unit                                                          403     403     403     403     403     403     403     200     login
GET /admin/unit/<int:unit_id>                                            403     403     403     403     403     403     403     200     login
POST /admin/unit/<int:unit_id>                                           403     403     403     403     403     403     403     302     login
GET /admin/unit/baru                                                     403     403     403     403     403     403     403     200     login
POST /admin/unit/baru                                                    403     403     403     403     403     403     403     422     login
# --- /aktivitas
GET /aktivitas                                                           200     200     200     200     200     200     200     403     login
POST /aktivitas                                                          422     422     422     422     422     422     422     403     login
GET /aktivitas/<int:aktivitas_id>                                        302     404     404     302     404     302     404     302     login
POST /aktivitas/<int:aktivitas_id>/duplikat                              302     404     404     403     404     403     404     403     login
POST /aktivitas/<int:aktivitas_id>/hapus                                 302     404     404     403     404     403     404     403     login
GET /aktivitas/<int:aktivitas_id>/ubah                                   302     404     404     403     404     403     404     403     login
POST /aktivitas/<int:aktivitas_id>/ubah                                  422     404     404     403     404     403     404     403     login
POST /aktivitas/ajukan                                                   302     302     302     302     302     302     302     403     login
GET /aktivitas/bukti/<int:bukti_id>                                      200     404     404     200     404     200     404     200     login
GET /aktivitas/bulan                                                     200     200     200     200     200     200     200     403     login
GET /aktivitas/minggu                                                    200     200     200     200     200     200     200     403     login
POST /aktivitas/salin-kemarin                                            302     302     302     302     302     302     302     403     login
# --- harian
POST /aktivitas/<int:aktivitas_id>/rutin                                 302     404     404     403     404     403     404     403     login
GET /aktivitas/rutin                                                     200     200     200     200     200     200     200     403     login
POST /aktivitas/rutin/<int:rutin_id>/hapus                               302     404     404     404     404     404     404     403     login
POST /aktivitas/rutin/<int:rutin_id>/pakai                               302     404     404     404     404     404     404     403     login
# --- /akun
GET /akun                                                                200     200     200     200     200     200     200     200     login
GET /akun/dua-langkah                                                    200     200     200     200     200     200     200     200     login
POST /akun/dua-langkah                                                   422     422     422     422     422     422     422     422     login
POST /akun/dua-langkah/nonaktifkan                                       422     422     422     422     422     422     422     422     login
GET /akun/kata-sandi                                                     200     200     200     200     200     200     200     200     login
POST /akun/kata-sandi                                                    422     422     422     422     422     422     422     422     login
POST /akun/ping                                                          200     200     200     200     200     200     200     200     login
GET /akun/sisa-sesi                                                      200     200     200     200     200     200     200     200     login
# --- /dialog
GET /dialog                                                              302     302     302     200     200     302     302     403     login
GET /dialog/<int:dialog_id>                                              200     200     404     200     404     404     404     200     login
POST /dialog/<int:dialog_id>/catatan                                     403     403     404     302     404     404     404     403     login
GET /dialog/<int:dialog_id>/notulen.pdf                                  302     302     404     302     404     404     404     302     login
POST /dialog/<int:dialog_id>/tanggapan                                   302     302     404     403     404     404     404     403     login
POST /dialog/<int:dialog_id>/tindak-lanjut                               403     403     404     422     404     404     404     403     login
POST /dialog/<int:dialog_id>/tindak-lanjut/<int:tindak_lanjut_id>/hapus  403     403     404     302     404     404     404     403     login
POST /dialog/<int:dialog_id>/tindak-lanjut/<int:tindak_lanjut_id>/status 422     403     404     422     404     404     404     403     login
POST /dialog/<int:dialog_id>/tutup                                       403     403     404     302     404     404     404     403     login
GET /dialog/<int:dialog_id>/ubah                                         403     403     404     200     404     404     404     403     login
POST /dialog/<int:dialog_id>/ubah                                        403     403     404     422     404     404     404     403     login
GET /dialog/baru                                                         403     403     403     200     200     403     403     403     login
POST /dialog/baru                                                        403     403     403     422     422     403     403     403     login
GET /dialog/baru/peserta                                                 403     403     403     200     200     403     403     403     login
GET /dialog/diikuti                                                      200     200     200     200     200     200     200     403     login
GET /dialog/rekap                                                        403     403     403     200     200     403     403     200     login
# --- /evaluasi
GET /evaluasi/                                                           200     200     200     200     200     200     200     200     login
GET /evaluasi/<int:evaluasi_id>                                          200     404     404     200     404     404     404     200     login
POST /evaluasi/<int:evaluasi_id>/batas                                   403     404     404     403     404     404     404     302     login
GET /evaluasi/<int:evaluasi_id>/cetak/<jenis>                            200     404     404     200     404     404     404     200     login
POST /evaluasi/<int:evaluasi_id>/finalisasi                              403     404     404     422     404     404     404     403     login
GET /evaluasi/<int:evaluasi_id>/keberatan                                200     404     404     200     404     404     404     200     login
POST /evaluasi/<int:evaluasi_id>/keberatan/<langkah>                     422     404     404     403     404     404     404     403     login
POST /evaluasi/<int:evaluasi_id>/kembalikan                              403     404     404     422     404     404     404     403     login
POST /evaluasi/<int:evaluasi_id>/penilaian                               403     404     404     422     404     404     404     403     login
POST /evaluasi/<int:evaluasi_id>/pratinjau-predikat                      403     404     404     200     404     404     404     403     login
POST /evaluasi/<int:evaluasi_id>/realisasi                               302     404     404     403     404     404     404     403     login
GET /evaluasi/<int:evaluasi_id>/tanda-tangan                             200     404     404     200     404     404     404     403     login
POST /evaluasi/<int:evaluasi_id>/tanda-tangan                            422     404     404     422     404     404     404     403     login
POST /evaluasi/<int:evaluasi_id>/tolak-tanda-tangan                      403     404     404     422     404     404     404     403     login
POST /evaluasi/<int:evaluasi_id>/perbarui-skp                            403     404     404     302     404     404     404     403     login
POST /evaluasi/periode/<int:periode_id>/buka                             403     403     403     403     403     403     403     302     login
GET /evaluasi/unit/<int:unit_id>                                         404     404     404     200     404     404     404     200     login
POST /evaluasi/unit/<int:unit_id>                                        404     404     404     422     404     404     404     422     login
# --- /healthz
GET /healthz                                                             200     200     200     200     200     200     200     200     200
# --- /laporan
GET /laporan/                                                            200     200     200     200     200     200     200     200     login
GET /laporan/lkh/<int:pegawai_id>/<int:tahun>/<int:bulan>.pdf            200     404     404     200     404     404     404     200     login
GET /laporan/lkh/<int:pegawai_id>/<int:tahun>/<int:bulan>.xlsx           200     404     404     200     404     404     404     200     login
GET /laporan/tim/<int:tahun>/<int:bulan>.xlsx                            403     403     403     200     200     403     403     403     login
# --- /login
GET /login                                                               302     302     302     302     302     302     302     302     200
POST /login                                                              302     302     302     302     302     302     302     302     422
GET /login/kode                                                          302     302     302     302     302     302     302     302     login
POST /login/kode                                                         302     302     302     302     302     302     302     302     login
# --- /notifikasi
GET /notifikasi/                                                         200     200     200     200     200     200     200     200     login
POST /notifikasi/<int:notifikasi_id>/buka                                302     404     404     404     404     404     404     404     login
POST /notifikasi/baca-semua                                              302     302     302     302     302     302     302     302     login
# --- /skp
GET /skp/                                                                200     200     200     200     200     200     200     403     login
GET /skp/<int:skp_id>                                                    200     404     404     200     404     404     404     200     login
POST /skp/<int:skp_id>/ajukan                                            422     404     404     403     404     404     404     403     login
GET /skp/<int:skp_id>/cetak                                              200     404     404     200     404     404     404     200     login
POST /skp/<int:skp_id>/kembalikan                                        403     404     404     422     404     404     404     403     login
POST /skp/<int:skp_id>/lampiran                                          422     404     404     403     404     404     404     403     login
POST /skp/<int:skp_id>/pendekatan                                        422     404     404     403     404     404     404     403     login
POST /skp/<int:skp_id>/revisi                                            302     404     404     403     404     404     404     403     login
POST /skp/<int:skp_id>/rhk                                               422     404     404     403     404     404     404     403     login
POST /skp/<int:skp_id>/setujui                                           403     404     404     422     404     404     404     403     login
GET /skp/<int:skp_id>/versi/<int:versi>                                  200     404     404     200     404     404     404     200     login
POST /skp/buat                                                           422     422     422     422     422     422     422     403     login
POST /skp/iki/<int:iki_id>                                               422     404     404     403     404     404     404     403     login
POST /skp/iki/<int:iki_id>/hapus                                         422     404     404     403     404     404     404     403     login
POST /skp/rhk/<int:rhk_id>                                               422     404     404     403     404     404     404     403     login
POST /skp/rhk/<int:rhk_id>/hapus                                         422     404     404     403     404     404     404     403     login
POST /skp/rhk/<int:rhk_id>/iki                                           422     404     404     403     404     404     404     403     login
POST /skp/rhk/<int:rhk_id>/naik                                          422     404     404     403     404     404     404     403     login
POST /skp/rhk/<int:rhk_id>/turun                                         422     404     404     403     404     404     404     403     login
POST /skp/salin                                                          422     422     422     422     422     422     422     403     login
GET /skp/tim                                                             200     200     200     200     200     200     200     200     login
# --- /static
GET /static/<path:filename>                                              200     200     200     200     200     200     200     200     200
# --- /v
GET /v/<kode>                                                            200     200     200     200     200     200     200     200     200
POST /v/<kode>                                                           422     422     422     422     422     422     422     422     422
# --- /verifikasi
GET /verifikasi/                                                         200     200     200     200     200     200     200     403     login
GET /verifikasi/aktivitas/<int:aktivitas_id>                             200     404     404     200     404     200     404     200     login
POST /verifikasi/aktivitas/<int:aktivitas_id>/kembalikan                 403     404     404     422     404     422     404     403     login
POST /verifikasi/aktivitas/<int:aktivitas_id>/komentar                   422     404     404     422     404     422     404     403     login
POST /verifikasi/aktivitas/<int:aktivitas_id>/setujui                    403     404     404     302     404     302     404     403     login
GET /verifikasi/delegasi                                                 403     403     403     403     403     403     403     200     login
POST /verifikasi/delegasi                                                403     403     403     403     403     403     403     422     login
POST /verifikasi/delegasi/<int:delegasi_id>/akhiri                       403     403     403     403     403     403     403     302     login
GET /verifikasi/kepatuhan                                                200     200     200     200     200     200     200     403     login
POST /verifikasi/setujui-terpilih                                        302     302     302     302     302     302     302     403     login
# --- inbox
GET /verifikasi/aktivitas/<int:aktivitas_id>/formulir                    403     404     404     302     404     302     404     403     login
# --- /dasbor
GET /dasbor                                                              403     403     403     302     302     403     403     302     login
POST /dasbor/halaman-publik                                              403     403     403     403     403     403     403     302     login
GET /dasbor/unit/<int:unit_id>                                           403     403     403     200     404     403     403     200     login
GET /dasbor/unit/<int:unit_id>/daftar/<jenis>                            403     403     403     200     404     403     403     200     login
GET /dasbor/unit/<int:unit_id>/periode                                   403     403     403     200     404     403     403     200     login
GET /dasbor/unit/<int:unit_id>/rekap/<jenis>.xlsx                        403     403     403     200     404     403     403     200     login
GET /dasbor/unit/<int:unit_id>/tren                                      403     403     403     200     404     403     403     200     login
# --- /kinerja-organisasi
GET /kinerja-organisasi                                                  200     200     200     200     200     200     200     200     200
# --- /panduan
GET /panduan                                                             200     200     200     200     200     200     200     200     login
GET /panduan/<slug>                                                      200     200     200     200     200     200     200     200     login
POST /panduan/daftar-periksa/tutup                                       302     302     302     302     302     302     302     302     login
# --- /pengembangan
GET /pengembangan                                                        200     200     200     200     200     200     200     200     login
GET /pengembangan/evaluasi/<int:evaluasi_id>                             200     404     404     200     404     404     404     200     login
GET /pengembangan/evaluasi/<int:evaluasi_id>/cetak/<jenis>               200     404     404     200     404     404     404     200     login
POST /pengembangan/evaluasi/<int:evaluasi_id>/kegiatan                   422     404     404     422     404     404     404     403     login
POST /pengembangan/evaluasi/<int:evaluasi_id>/kompetensi                 403     404     404     422     404     404     404     403     login
POST /pengembangan/evaluasi/<int:evaluasi_id>/setujui                    302     404     404     302     404     404     404     403     login
POST /pengembangan/evaluasi/<int:evaluasi_id>/tindak-lanjut              403     404     404     403     404     404     404     422     login
POST /pengembangan/evaluasi/<int:evaluasi_id>/umpan-balik                422     404     404     403     404     404     404     403     login
GET /pengembangan/kegiatan/<int:kegiatan_id>/bukti                       200     404     404     200     404     404     404     200     login
POST /pengembangan/kegiatan/<int:kegiatan_id>/bukti                      422     404     404     403     404     404     404     403     login
POST /pengembangan/kegiatan/<int:kegiatan_id>/hapus                      302     404     404     302     404     404     404     403     login
POST /pengembangan/kegiatan/<int:kegiatan_id>/konfirmasi                 403     404     404     302     404     404     404     403     login
GET /pengembangan/v/<kode>                                               200     200     200     200     200     200     200     200     200
# --- /pengumuman
GET /pengumuman                                                          200     200     200     200     200     200     200     200     login
GET /pengumuman/<int:pengumuman_id>                                      200     200     404     200     404     404     404     200     login
POST /pengumuman/<int:pengumuman_id>/dibaca                              302     302     404     302     404     404     404     403     login
POST /pengumuman/<int:pengumuman_id>/hapus                               403     403     404     302     404     404     404     302     login
POST /pengumuman/<int:pengumuman_id>/ingatkan                            403     403     404     302     404     404     404     302     login
GET /pengumuman/<int:pengumuman_id>/lampiran/<int:lampiran_id>           200     200     404     200     404     404     404     200     login
POST /pengumuman/<int:pengumuman_id>/terbitkan                           403     403     404     302     404     404     404     302     login
GET /pengumuman/<int:pengumuman_id>/ubah                                 403     403     404     302     404     404     404     302     login
POST /pengumuman/<int:pengumuman_id>/ubah                                403     403     404     302     404     404     404     302     login
GET /pengumuman/baru                                                     403     403     403     200     200     403     403     200     login
POST /pengumuman/baru                                                    403     403     403     422     422     403     403     422     login
GET /pengumuman/tulisan                                                  403     403     403     200     200     403     403     200     login
# --- /sosialisasi
GET /sosialisasi                                                         200     200     200     200     200     200     200     200     login
GET /sosialisasi/<int:sesi_id>                                           200     200     404     200     404     404     404     200     login
POST /sosialisasi/<int:sesi_id>/kehadiran                                403     403     404     302     404     404     404     302     login
GET /sosialisasi/baru                                                    403     403     403     200     200     403     403     200     login
POST /sosialisasi/baru                                                   403     403     403     422     422     403     403     422     login
# --- /logout
POST /logout                                                             login   login   login   login   login   login   login   login   login
GET /evaluasi/<int:evaluasi_id>/pindaian                                 404     404     404     404     404     404     404     404     login
POST /evaluasi/<int:evaluasi_id>/ttd-manual                              403     404     404     403     404     404     404     422     login
GET /evaluasi/unit/<int:unit_id>/penetapan                               404     404     404     200     404     404     404     200     login
POST /evaluasi/unit/<int:unit_id>/penetapan                              404     404     404     403     404     404     404     403     login
# --- /pejabat-luar (admin: officials outside the dinas)
GET /pejabat-luar                                                        403     403     403     403     403     403     403     200     login
GET /pejabat-luar/<int:pejabat_id>                                       403     403     403     403     403     403     403     200     login
POST /pejabat-luar/<int:pejabat_id>                                      403     403     403     403     403     403     403     302     login
POST /pejabat-luar/<int:pejabat_id>/akun                                 403     403     403     403     403     403     403     422     login
GET /pejabat-luar/baru                                                   403     403     403     403     403     403     403     200     login
POST /pejabat-luar/baru                                                  403     403     403     403     403     403     403     422     login
POST /pejabat-luar/penugasan/<int:pegawai_id>                            403     403     403     403     403     403     403     422     login
# --- surel (notifikasi lewat surel, Lupa kata sandi)
GET /notifikasi/pengaturan                                               200     200     200     200     200     200     200     200     login
POST /notifikasi/pengaturan                                              422     422     422     422     422     422     422     422     login
POST /notifikasi/surel                                                   302     302     302     302     302     302     302     404     login
GET /lupa-kata-sandi                                                     302     302     302     302     302     302     302     302     200
POST /lupa-kata-sandi                                                    302     302     302     302     302     302     302     302     200
GET /atur-ulang-sandi/<token>                                            404     404     404     404     404     404     404     404     404
POST /atur-ulang-sandi/<token>                                           404     404     404     404     404     404     404     404     404
# --- jobs (background jobs, Cetak Massal; the import progress page shows import jobs only: the argument is a Cetak Massal)
GET /admin/pekerjaan                                                     403     403     403     403     403     403     403     200     login
GET /admin/impor/pekerjaan/<int:pekerjaan_id>                            403     403     403     403     403     403     403     404     login
GET /cetak-massal                                                        403     403     403     200     200     403     403     200     login
POST /cetak-massal                                                       403     403     403     422     422     403     403     422     login
GET /cetak-massal/<int:pekerjaan_id>                                     404     404     404     200     404     404     404     200     login
POST /cetak-massal/<int:pekerjaan_id>/batal                              404     404     404     302     404     404     404     302     login
GET /cetak-massal/<int:pekerjaan_id>/unduh                               404     404     404     200     404     404     404     200     login
# --- mutasi (admin: mutasi/promosi and Plt/Plh; the pegawai's "Mulai SKP Jabatan Baru")
GET /mutasi/pegawai/<int:pegawai_id>                                     403     403     403     403     403     403     403     200     login
POST /mutasi/pegawai/<int:pegawai_id>                                    403     403     403     403     403     403     403     422     login
GET /mutasi/penugasan                                                    403     403     403     403     403     403     403     200     login
POST /mutasi/penugasan                                                   403     403     403     403     403     403     403     422     login
POST /mutasi/penugasan/<int:penugasan_id>/akhiri                         403     403     403     403     403     403     403     302     login
POST /mutasi/evaluasi/<int:evaluasi_id>/penentu                          403     403     403     403     403     403     403     302     login
POST /skp/lanjutan                                                       422     422     422     422     422     422     422     403     login
# --- akun (issue #10 §1, #15: paper approval scan of a top-of-tree SKP; the owner's SKP has none: 404)
GET /skp/<int:skp_id>/pindaian                                           404     404     404     404     404     404     404     404     login
GET /cari/                                                               403     403     403     200     200     200     403     200     login
POST /admin/impor/surat-akun                                             403     403     403     403     403     403     403     302     login
# --- absen (issue #11 §3/§4: ketidakhadiran, rencana aksi)
GET /ketidakhadiran/                                                     200     200     200     200     200     200     200     200     login
POST /ketidakhadiran/ajukan                                              422     422     422     422     422     422     422     403     login
POST /ketidakhadiran/catat                                               403     403     403     403     403     403     403     422     login
GET /ketidakhadiran/impor                                                403     403     403     403     403     403     403     200     login
POST /ketidakhadiran/impor                                               403     403     403     403     403     403     403     422     login
GET /ketidakhadiran/impor/pekerjaan/<int:pekerjaan_id>                  403     403     403     403     403     403     403     404     login
POST /ketidakhadiran/<int:ketidakhadiran_id>/batalkan                    302     404     404     403     404     404     404     302     login
GET /ketidakhadiran/<int:ketidakhadiran_id>/dokumen                      200     404     404     200     404     404     404     200     login
POST /ketidakhadiran/<int:ketidakhadiran_id>/putuskan                    403     404     404     422     404     404     404     422     login
GET /rencana-aksi/                                                       200     200     200     200     200     200     200     403     login
POST /rencana-aksi/tambah                                                422     422     422     422     422     404     404     403     login
POST /rencana-aksi/<int:rencana_aksi_id>/hapus                           302     404     404     404     404     404     404     403     login
GET /rencana-aksi/<int:rencana_aksi_id>/ubah                             200     404     404     404     404     404     404     403     login
POST /rencana-aksi/<int:rencana_aksi_id>/ubah                            422     404     404     404     404     404     404     403     login
"""
# fmt: on


# Per-route argument overrides: route key -> {argument name: key of the ARGUMEN entry used for that route}.
_PENGEMBANGAN_EVALUASI = (
    "GET /pengembangan/evaluasi/<int:evaluasi_id>", "POST /pengembangan/evaluasi/<int:evaluasi_id>/kegiatan",
    "POST /pengembangan/evaluasi/<int:evaluasi_id>/kompetensi", "POST /pengembangan/evaluasi/<int:evaluasi_id>/setujui",
    "POST /pengembangan/evaluasi/<int:evaluasi_id>/tindak-lanjut",
    "POST /pengembangan/evaluasi/<int:evaluasi_id>/umpan-balik",
)
PER_RUTE: dict[str, dict[str, str]] = {
    **{key: {"evaluasi_id": "evaluasi_id_ttd"} for key in _PENGEMBANGAN_EVALUASI},
    "GET /pengembangan/evaluasi/<int:evaluasi_id>/cetak/<jenis>": {"evaluasi_id": "evaluasi_id_ttd",
                                                                   "jenis": "jenis_pengembangan"},
    "GET /pengembangan/v/<kode>": {"kode": "kode_pengembangan"},
    "GET /dasbor/unit/<int:unit_id>/daftar/<jenis>": {"jenis": "jenis_daftar"},
    "GET /dasbor/unit/<int:unit_id>/rekap/<jenis>.xlsx": {"jenis": "jenis_rekap"},
}


# ------------------------------------------------------------------ the world


def _pegawai_baru(factory, org, nama, atasan):
    return factory.pegawai(nama, atasan=atasan, unit=atasan.unit)


@pytest.fixture
def dunia(factory, org, monkeypatch):
    """The owner's objects, one of each kind, and the people of ``PERAN``."""
    import weasyprint

    class _HtmlStub:
        def __init__(self, *args, **kwargs):
            pass

        def write_pdf(self):
            return b"%PDF-1.4\n%stub\n%%EOF\n"

    monkeypatch.setattr(weasyprint, "HTML", _HtmlStub)

    sk = buat_skenario(factory, org)
    hari_ini = today_local()
    deleg = _pegawai_baru(factory, org, "Staf Delegasi", org.kabid)
    d_usai = _pegawai_baru(factory, org, "Staf Mantan Delegasi", org.kabid)
    aktif = DelegasiVerifikasi(unit_id=org.seksi.id, verifikator_id=deleg.id, aktif=True,
                               tanggal_mulai=hari_ini - timedelta(days=7), tanggal_selesai=hari_ini + timedelta(days=7))
    usai = DelegasiVerifikasi(unit_id=org.seksi.id, verifikator_id=d_usai.id, aktif=False,
                              tanggal_mulai=hari_ini - timedelta(days=30), tanggal_selesai=hari_ini - timedelta(days=8))
    db.session.add_all([aktif, usai])

    akun = factory.akun_of(org.staf1)
    skp = sk.skp["staf1"]
    if not db.session.query(SkpVersi).filter_by(skp_id=skp.id).count():  # the scenario may have versioned it
        db.session.add(SkpVersi(skp_id=skp.id, versi=1, disetujui_at=utcnow(), isi=isi_skp(skp)))
    data = aktivitas_services.AktivitasData(hari_ini, time(8), time(9), "Menyusun laporan", "1", "laporan",
                                            str(skp.rhk[0].id))
    item = aktivitas_services.create_aktivitas(
        akun, data, [bukti.BuktiUpload("laporan.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")],
        today=hari_ini)
    aktivitas_services.submit_aktivitas(akun, [item.id], today=hari_ini)

    kasi = factory.akun_of(org.kasi)
    rapat = dialog_services.create_dialog(kasi, dialog_services.DialogData(
        jenis="Rapat Rutin Tim", judul="Rapat rutin seksi", tanggal=hari_ini - timedelta(days=1), jam=time(8),
        tempat="Ruang Rapat", peserta_ids=[org.staf1.id, org.staf2.id]))
    tindak = dialog_services.add_tindak_lanjut(kasi, rapat.id, "Siapkan data uji", org.staf1.id,
                                               hari_ini + timedelta(days=3))
    libur = HariLibur(tanggal=hari_ini + timedelta(days=40), nama="Libur uji", jenis="Lokal")
    db.session.add(libur)
    db.session.flush()

    # A signed evaluation of the peer: /v/<kode> answers for it.
    ev_rekan = sk.ev["staf2"]
    tetapkan_capaian(org, org.seksi, sk.periode.id, "Baik")
    isi_realisasi(factory, ev_rekan)
    nilai(factory, ev_rekan)
    tanda_tangani(factory, ev_rekan)

    # An announcement from the owner's pimpinan to the owner's unit, with an attachment; a sosialisasi session.
    pengumuman = pengumuman_services.save_pengumuman(
        kasi, None, pengumuman_services.PengumumanData(
            "Jadwal uji", "Isi pengumuman", True, sasaran.Sasaran(False, org.seksi.id, True, "semua")),
        [pengumuman_services.Unggahan("edaran.pdf", b"%PDF-1.4\n%edaran\n%%EOF\n")], terbitkan=True)
    sesi = sosialisasi_services.create_sesi(kasi, sosialisasi_services.SesiData(
        "Sosialisasi", "Sosialisasi aplikasi", hari_ini - timedelta(days=3), time(9), "Aula", "", "Materi",
        sasaran.Sasaran(False, org.seksi.id, True, "semua")))

    # Pengembangan: a signed evaluation of the owner (Semester II), its agreed rencana with one kegiatan whose
    # evidence waits for the atasan's confirmation; the signed B.1.9 answers /pengembangan/v/<kode>.
    s2 = buat_periode(kode="S2")
    ev_ttd = Evaluasi(periode_id=s2.id, pegawai_id=org.staf1.id, skp_id=skp.id, penilai_id=org.kasi.id,
                      atasan_penilai_id=org.kabid.id, unit_id=org.seksi.id, kode=secrets.token_urlsafe(12),
                      riwayat_dokumen=[], status="Selesai", predikat="Baik",
                      ttd_pegawai_at=utcnow() - timedelta(days=2), ttd_penilai_at=utcnow() - timedelta(days=1))
    db.session.add(ev_ttd)
    db.session.flush()
    kegiatan = pengembangan_services.add_kegiatan(kasi, ev_ttd.id, pengembangan_rules.KegiatanData(
        "Analisis data", "Pelatihan", "Pelatihan analisis data", 12, hari_ini + timedelta(days=30)))
    pengembangan_services.sign_rencana(kasi, ev_ttd.id)
    rencana = pengembangan_services.sign_rencana(akun, ev_ttd.id)
    pengembangan_services.submit_bukti(akun, kegiatan.id, pengembangan_services.Bukti(
        "sertifikat.pdf", b"%PDF-1.4\n%sertifikat\n%%EOF\n"), hari_ini)

    # jobs: a Cetak Massal the owner's pimpinan asked for (finished at once: immediate mode).
    from kinerja.cetak import services as cetak_services

    cetak = cetak_services.mulai_cetak(kasi, {"periode_id": sk.periode.id, "dokumen": ["B"], "format": "zip"})

    dasbor_services.set_halaman_publik(org.admin, True)  # the public page renders (it is 404 while switched off)

    notifikasi = db.session.query(Notifikasi).filter_by(penerima_id=akun.id).order_by(Notifikasi.id).first()
    from kinerja.pejabat_luar import services as luar_services

    sekda = luar_services.save_pejabat_luar(org.admin, None, luar_services.DataPejabat(
        nama="Sekda Matriks", jabatan="Sekretaris Daerah", instansi="Pemerintah Kabupaten Uji"))
    from kinerja.models import PenugasanPlt

    # A Plt that starts next month (so it changes nobody's atasan today): "akhiri" cancels it.
    penugasan = PenugasanPlt(jenis="Plt", pejabat_id=org.staf2.id, unit_id=org.seksi.id,
                             tanggal_mulai=hari_ini + timedelta(days=30), tanggal_selesai=hari_ini + timedelta(days=40))
    db.session.add(penugasan)
    # --- harian: a kegiatan rutin of the owner
    rutin_item = KegiatanRutin(pegawai_id=org.staf1.id, jam_mulai=time(7, 30), jam_selesai=time(8, 0), uraian="Apel pagi",
                               volume=1, satuan="kegiatan", tugas_atasan=True)
    db.session.add(rutin_item)
    db.session.flush()
    rutin_id = rutin_item.id
    db.session.commit()
    # --- absen: the owner's absence request (with its document) and a rencana aksi of his SKP.
    from decimal import Decimal

    from kinerja.ketidakhadiran import services as absen_services
    from kinerja.models import RencanaAksi

    absen = absen_services.ajukan(akun, absen_services.Data("Cuti", hari_ini + timedelta(days=60),
                                                            hari_ini + timedelta(days=61)),
                                  absen_services.Dokumen("surat.pdf", b"%PDF-1.4\n%surat\n%%EOF\n"))
    ra = RencanaAksi(rhk_id=skp.rhk[0].id, kode="TW1", tanggal_mulai=hari_ini.replace(month=1, day=1),
                     tanggal_selesai=hari_ini.replace(month=3, day=31), uraian="Draf", target=Decimal(1), satuan="x")
    db.session.add(ra)
    db.session.commit()
    argumen = {
        "ketidakhadiran_id": absen.id, "rencana_aksi_id": ra.id,
        "pejabat_id": sekda.id, "penugasan_id": penugasan.id,
        "skp_id": skp.id, "rhk_id": skp.rhk[0].id, "iki_id": skp.rhk[0].iki[0].id, "versi": 1,
        "aktivitas_id": item.id, "bukti_id": item.bukti[0].id,
        "evaluasi_id": sk.ev["staf1"].id, "jenis": "evaluasi", "langkah": "ajukan",
        "periode_id": sk.periode.id, "unit_id": org.seksi.id,
        "dialog_id": rapat.id, "tindak_lanjut_id": getattr(tindak, "id", tindak),
        "notifikasi_id": notifikasi.id, "pegawai_id": org.staf1.id,
        "tahun": sk.periode.tahun, "bulan": hari_ini.month,
        "jabatan_id": factory.jabatan("Jabatan Uji Matriks").id, "hari_libur_id": libur.id,
        "delegasi_id": aktif.id, "kode": ev_rekan.kode, "filename": "css/app.css",
        "pengumuman_id": pengumuman.id, "lampiran_id": pengumuman.lampiran[0].id, "sesi_id": sesi.id,
        "evaluasi_id_ttd": ev_ttd.id, "kegiatan_id": kegiatan.id, "jenis_pengembangan": "b19",
        "kode_pengembangan": rencana.kode, "jenis_daftar": "kepatuhan", "jenis_rekap": "kepatuhan",
        "slug": panduan_isi.BAGIAN[0].slug,
        "token": "tautan-yang-tidak-pernah-dibuat",
        "pekerjaan_id": cetak.id,
        "rutin_id": rutin_id,
    }
    orang = {"pemilik": org.staf1, "rekan": org.staf2, "luar": org.staf3, "atasan": org.kasi, "at_luar": org.kabid2,
             "deleg": deleg, "d_usai": d_usai, "admin": "admin", "anonim": None}
    return SimpleNamespace(argumen=argumen, orang=orang)


# ------------------------------------------------------------------ reading the table


def _rute(app) -> list[str]:
    keys = []
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            keys.append(f"{method} {rule.rule}")
    return sorted(set(keys), key=lambda k: (k.split(" ", 1)[1], k))


def _baris() -> dict[str, dict[str, str]]:
    rows = {}
    for line in MATRIKS.strip().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split()
        method, rule, answers = parts[0], parts[1], parts[2:]
        assert len(answers) == len(PERAN), f"baris {method} {rule}: {len(answers)} jawaban, seharusnya {len(PERAN)}"
        key = f"{method} {rule}"
        assert key not in rows, f"baris ganda: {key}"
        rows[key] = dict(zip(PERAN, answers, strict=True))
    return rows


def _url(key: str, argumen: dict) -> str:
    rule = key.split(" ", 1)[1]
    override = PER_RUTE.get(key, {})

    def ganti(match):
        name = override.get(match.group(1), match.group(1))
        assert name in argumen, f"argumen <{name}> belum ada di ARGUMEN (tests/integration/test_matriks_akses.py)"
        return str(argumen[name])

    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", ganti, rule)


def _kelas(response) -> str:
    code = response.status_code
    if 200 <= code < 300:
        return "200"
    if 300 <= code < 400:
        return "login" if "/login" in response.headers.get("Location", "") else "302"
    return str(code)


def test_every_route_has_a_row(app):
    rows = _baris()
    missing = [key for key in _rute(app) if key not in rows]
    assert not missing, ("Rute tanpa baris di MATRIKS (tests/integration/test_matriks_akses.py); tambahkan "
                         "jawaban tiap peran untuk:\n  " + "\n  ".join(missing))
    stale = [key for key in rows if key not in set(_rute(app))]
    assert not stale, "Baris MATRIKS untuk rute yang tidak ada lagi:\n  " + "\n  ".join(stale)
    stale = [key for key in PER_RUTE if key not in set(_rute(app))]
    assert not stale, "PER_RUTE untuk rute yang tidak ada lagi:\n  " + "\n  ".join(stale)


def test_matrix(app, dunia, make_browser, _transaction):
    connection = _transaction
    browsers = {}
    for peran, siapa in dunia.orang.items():
        b = make_browser()
        if siapa is not None:
            b.login(siapa if isinstance(siapa, str) else siapa.nip, PASSWORD)
            b.token()
        browsers[peran] = b
    rows = _baris()
    salah, teramati = [], {}
    keys = sorted(_rute(app), key=lambda k: k.endswith("/logout"))  # logging out last
    for key in keys:
        method, rule = key.split(" ", 1)
        url = _url(key, dunia.argumen)
        for peran in PERAN:
            b = browsers[peran]
            savepoint = connection.begin_nested()
            try:
                r = b.get(url) if method == "GET" else b.post(url, {})
            finally:
                savepoint.rollback()
                db.session.expire_all()
            got = _kelas(r)
            r.close()
            teramati.setdefault(key, []).append(got)
            want = rows.get(key, {}).get(peran)
            if want is not None and want != got:
                salah.append(f"{key} as {peran}: expected {want}, got {got}")
    baru = [f"{key:<72} " + " ".join(f"{c:<7}" for c in teramati[key]) for key in keys if key not in rows]
    pesan = []
    if salah:
        pesan.append(f"{len(salah)} jawaban berbeda dari MATRIKS (tests/integration/test_matriks_akses.py):\n  "
                     + "\n  ".join(salah))
    if baru:
        pesan.append("Rute tanpa baris; jawaban yang teramati sekarang (periksa terhadap kebijakan sebelum disalin):\n"
                     + "\n".join(baru))
    assert not pesan, "\n".join(pesan)
