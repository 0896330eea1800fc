"""Demo SKPs: the current Tahun Kinerja (semesteran) and cascading SKPs for the demo dinas.

Kepala Dinas (approved by the admin) → Sekretaris / Kepala Bidang → Kepala Seksi → staff, each RHK
intervening one of the superior's.  Every SKP of the year is approved, so that everyone can be
evaluated in the open period (issue #10: the admin's "tidak dapat dievaluasi" list is empty); a few
staff have a revision in progress (draft, submitted, returned with a note), which shows those states.
Next year's Tahun Kinerja is open and the chain above Siti Nurhaliza (the README's "Buat SKP" pegawai)
has approved next year's SKP: planning the next SKP in December, cascading from the atasan's.
Rows are written level by level with bulk INSERTs, so ``--scale 10000`` stays fast: ``render_nulls``
keeps rows with and without NULLs in one batch (without it SQLAlchemy starts a new statement at every
change of the columns present: about one INSERT per IKI row).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import joinedload, selectinload

from kinerja.audit.services import record
from kinerja.dokumen.identitas import snapshot, snapshot_luar
from kinerja.extensions import db
from kinerja.models import Akun, Iki, Pegawai, PerilakuSkp, Periode, Rhk, Skp, SkpVersi, TahunKinerja
from kinerja.periode.rules import periode_untuk
from kinerja.referensi import PERSPEKTIF_JPT
from kinerja.skp.rules import jenis_form_untuk, lampiran_bawaan
from kinerja.skp.services import isi_skp
from kinerja.waktu import today_local, utcnow

BUAT_SKP = "199508242020122011"  # Siti Nurhaliza drafts next year's SKP (README, browser journey)
DITOLAK_CATATAN = ("Target jumlah konten terlalu rendah dibanding tahun lalu; naikkan menjadi minimal 48 konten "
                   "dan tambahkan indikator kualitas.")

# (uraian, [(aspek, indikator, target teks, angka, satuan)])
KADIS = [
    ("Meningkatnya keterbukaan informasi publik dan kualitas komunikasi publik pemerintah daerah", [
        ("Kualitas", "Kategori Indeks Keterbukaan Informasi Publik kabupaten", "Informatif", None, None),
        ("Kuantitas", "Persentase informasi publik yang diumumkan secara berkala di website PPID", "90%", 90, "persen")]),
    ("Meningkatnya penerapan Sistem Pemerintahan Berbasis Elektronik (SPBE)", [
        ("Kualitas", "Indeks SPBE kabupaten", "3,00 (Baik)", 3, "indeks"),
        ("Kuantitas", "Jumlah layanan publik yang terintegrasi secara elektronik", "25 layanan", 25, "layanan")]),
    ("Terjaminnya keamanan informasi dan tersedianya statistik sektoral yang berkualitas", [
        ("Kuantitas", "Persentase perangkat daerah yang menerapkan standar keamanan informasi", "60%", 60, "persen"),
        ("Kuantitas", "Persentase data sektoral yang terbit di portal Satu Data", "80%", 80, "persen")]),
    ("Meningkatnya akuntabilitas kinerja dan tata kelola Dinas Komunikasi dan Informatika", [
        ("Kualitas", "Nilai Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) dinas", "BB", None, None)]),
]
KADIS_SASARAN = [
    "Meningkatnya keterbukaan informasi publik (Renstra 2025–2029, sasaran 1)",
    "Meningkatnya kualitas penyelenggaraan SPBE (Renstra 2025–2029, sasaran 2)",
    "Meningkatnya keamanan informasi dan kualitas data pembangunan (Renstra 2025–2029, sasaran 3)",
    "Meningkatnya akuntabilitas kinerja perangkat daerah (Perjanjian Kinerja 2026)",
]

# bidang key → [(uraian, iki, index of the Kepala Dinas's RHK it intervenes)]
BIDANG = {
    "sekretaris": [
        ("Tersusunnya dokumen perencanaan, penganggaran, dan laporan kinerja dinas tepat waktu", [
            ("Kuantitas", "Jumlah dokumen perencanaan dan laporan kinerja yang disusun", "6 dokumen", 6, "dokumen"),
            ("Waktu", "Ketepatan waktu penyampaian LKjIP", "Maret", None, None)], 3),
        ("Terkelolanya administrasi umum, kepegawaian, dan barang milik daerah", [
            ("Kualitas", "Persentase layanan kepegawaian yang selesai sesuai standar", "95%", 95, "persen")], 3),
    ],
    "ikp": [
        ("Terkelolanya layanan informasi publik melalui PPID yang responsif", [
            ("Kuantitas", "Persentase permohonan informasi yang dijawab paling lambat 10 hari kerja", "100%", 100, "persen"),
            ("Kualitas", "Nilai survei kepuasan layanan PPID", "85", 85, "nilai")], 0),
        ("Terlaksananya kehumasan dan diseminasi informasi pembangunan daerah", [
            ("Kuantitas", "Jumlah konten informasi pembangunan yang dipublikasikan", "240 konten", 240, "konten")], 0),
    ],
    "aptika": [
        ("Tersedianya aplikasi layanan SPBE yang terintegrasi", [
            ("Kuantitas", "Jumlah aplikasi layanan yang terintegrasi dengan sistem penghubung layanan", "10 aplikasi", 10, "aplikasi"),
            ("Kualitas", "Persentase aplikasi yang lolos uji kelayakan", "100%", 100, "persen")], 1),
        ("Terkelolanya website pemerintah daerah dan infrastruktur e-government", [
            ("Kuantitas", "Persentase ketersediaan (uptime) website dan pusat data", "99%", 99, "persen")], 1),
    ],
    "sandi": [
        ("Terselenggaranya persandian dan keamanan informasi perangkat daerah", [
            ("Kuantitas", "Jumlah perangkat daerah yang dinilai indeks KAMI", "12 perangkat daerah", 12, "perangkat daerah")], 2),
        ("Tersedianya statistik sektoral yang akurat dan mutakhir", [
            ("Kuantitas", "Jumlah dataset sektoral yang dimutakhirkan", "150 dataset", 150, "dataset"),
            ("Waktu", "Ketepatan waktu penerbitan buku statistik sektoral", "Oktober", None, None)], 2),
    ],
}

# Keyword in the unit (seksi/subbagian) name → [(uraian, iki, index of the kabid's RHK)]
SEKSI = [
    ("Umum dan Kepegawaian", [
        ("Terlaksananya layanan administrasi kepegawaian yang tertib", [
            ("Kuantitas", "Jumlah usulan layanan kepegawaian yang diproses", "120 usulan", 120, "usulan")], 1),
        ("Terkelolanya barang milik daerah sesuai ketentuan", [
            ("Kuantitas", "Jumlah laporan barang milik daerah", "2 laporan", 2, "laporan")], 1)]),
    ("Perencanaan dan Keuangan", [
        ("Tersusunnya dokumen perencanaan dan anggaran dinas", [
            ("Kuantitas", "Jumlah dokumen Renja, RKA, dan DPA", "4 dokumen", 4, "dokumen")], 0),
        ("Tersusunnya laporan keuangan dinas tepat waktu", [
            ("Waktu", "Ketepatan waktu laporan keuangan semesteran", "Juli dan Januari", None, None)], 0)]),
    ("Pengelolaan Informasi Publik", [
        ("Terkelolanya daftar informasi publik dan layanan permohonan informasi", [
            ("Kuantitas", "Jumlah daftar informasi publik yang dimutakhirkan", "4 kali", 4, "kali")], 0),
        ("Terlaksananya uji konsekuensi dan klasifikasi informasi", [
            ("Kuantitas", "Jumlah dokumen uji konsekuensi", "12 dokumen", 12, "dokumen")], 0)]),
    ("Komunikasi Publik dan Kehumasan", [
        ("Terpublikasikannya informasi kegiatan pemerintah daerah", [
            ("Kuantitas", "Jumlah siaran pers dan konten media sosial", "480 konten", 480, "konten")], 1),
        ("Tertanganinya pengaduan masyarakat melalui kanal SP4N-LAPOR!", [
            ("Kuantitas", "Persentase pengaduan yang ditindaklanjuti", "100%", 100, "persen")], 1)]),
    ("Pengembangan Aplikasi", [
        ("Tersedianya aplikasi e-government yang andal dan terintegrasi", [
            ("Kuantitas", "Jumlah aplikasi yang dikembangkan atau diintegrasikan", "6 aplikasi", 6, "aplikasi"),
            ("Kualitas", "Persentase aplikasi yang lolos uji keamanan sebelum rilis", "100%", 100, "persen")], 0),
        ("Terkelolanya website pemerintah daerah dan subdomain perangkat daerah", [
            ("Kuantitas", "Jumlah subdomain perangkat daerah yang dimutakhirkan", "40 subdomain", 40, "subdomain")], 1)]),
    ("Infrastruktur dan Layanan E-Government", [
        ("Tersedianya jaringan intra pemerintah dan pusat data yang andal", [
            ("Kuantitas", "Persentase ketersediaan jaringan dan pusat data", "99%", 99, "persen")], 1),
        ("Terlayaninya dukungan teknis TIK bagi perangkat daerah", [
            ("Kuantitas", "Jumlah permintaan dukungan teknis yang diselesaikan", "300 tiket", 300, "tiket")], 1)]),
    ("Persandian dan Keamanan Informasi", [
        ("Terlaksananya penilaian dan pemantauan keamanan informasi", [
            ("Kuantitas", "Jumlah sistem elektronik yang dinilai kerentanannya", "20 sistem", 20, "sistem")], 0),
        ("Terkelolanya sertifikat elektronik bagi pejabat dan pegawai", [
            ("Kuantitas", "Jumlah sertifikat elektronik yang diterbitkan", "250 sertifikat", 250, "sertifikat")], 0)]),
    ("Statistik Sektoral", [
        ("Tersedianya data statistik sektoral perangkat daerah", [
            ("Kuantitas", "Jumlah dataset sektoral yang dikumpulkan dan divalidasi", "150 dataset", 150, "dataset")], 1),
        ("Terbitnya publikasi statistik sektoral kabupaten", [
            ("Kuantitas", "Jumlah publikasi statistik sektoral", "2 publikasi", 2, "publikasi")], 1)]),
]

# Keyword in the jabatan → [(uraian, iki)]; staff RHK intervene their kasi's RHK in turn.
STAF = [
    ("Humas", [("Tersusunnya konten informasi publik dan siaran pers", [
        ("Kuantitas", "Jumlah siaran pers dan naskah konten", "96 naskah", 96, "naskah"),
        ("Waktu", "Konten terbit paling lambat satu hari setelah kegiatan", "1 hari", 1, "hari")])]),
    ("Informasi Publik", [("Terlayaninya permohonan informasi publik", [
        ("Kuantitas", "Jumlah permohonan informasi yang dilayani", "60 permohonan", 60, "permohonan")])]),
    ("Media Sosial", [("Terkelolanya akun media sosial resmi pemerintah daerah", [
        ("Kuantitas", "Jumlah unggahan media sosial", "360 unggahan", 360, "unggahan")])]),
    ("Pengaduan", [("Terverifikasinya pengaduan masyarakat di SP4N-LAPOR!", [
        ("Kuantitas", "Jumlah pengaduan yang diverifikasi dan diteruskan", "200 pengaduan", 200, "pengaduan")])]),
    ("Dokumentator", [("Terdokumentasinya kegiatan pimpinan daerah", [
        ("Kuantitas", "Jumlah dokumentasi foto dan video kegiatan", "150 kegiatan", 150, "kegiatan")])]),
    ("Pranata Komputer", [("Terbangunnya modul aplikasi layanan sesuai kebutuhan pengguna", [
        ("Kuantitas", "Jumlah modul aplikasi yang selesai diuji", "8 modul", 8, "modul"),
        ("Kualitas", "Persentase temuan uji yang diperbaiki sebelum rilis", "100%", 100, "persen")])]),
    ("Pengembang Aplikasi", [("Terintegrasinya aplikasi perangkat daerah dengan sistem penghubung layanan", [
        ("Kuantitas", "Jumlah API yang diintegrasikan", "10 API", 10, "API")])]),
    ("Website", [("Termutakhirkannya konten website pemerintah daerah", [
        ("Kuantitas", "Jumlah pembaruan konten website", "120 pembaruan", 120, "pembaruan")])]),
    ("Jaringan", [("Terpeliharanya jaringan intra pemerintah", [
        ("Kuantitas", "Jumlah titik jaringan yang dipelihara", "45 titik", 45, "titik")])]),
    ("Pusat Data", [("Terkelolanya server dan cadangan data di pusat data", [
        ("Kuantitas", "Persentase pencadangan harian yang berhasil", "100%", 100, "persen")])]),
    ("Sandiman", [("Terlaksananya pengamanan informasi berklasifikasi", [
        ("Kuantitas", "Jumlah berita sandi yang diproses", "120 berita", 120, "berita")])]),
    ("Keamanan Informasi", [("Teridentifikasinya kerentanan sistem elektronik", [
        ("Kuantitas", "Jumlah laporan uji penetrasi", "10 laporan", 10, "laporan")])]),
    ("Sertifikat", [("Terlayaninya penerbitan sertifikat elektronik", [
        ("Kuantitas", "Jumlah permohonan sertifikat elektronik yang diproses", "250 permohonan", 250, "permohonan")])]),
    ("Statist", [("Tersedianya dataset statistik sektoral yang tervalidasi", [
        ("Kuantitas", "Jumlah dataset yang divalidasi", "50 dataset", 50, "dataset")])]),
    ("Data Statistik", [("Terolahnya data statistik sektoral", [
        ("Kuantitas", "Jumlah tabel statistik yang diolah", "80 tabel", 80, "tabel")])]),
]
STAF_UMUM = [("Terlaksananya dukungan administrasi dan teknis kegiatan seksi", [
    ("Kuantitas", "Jumlah dokumen administrasi kegiatan yang diselesaikan", "48 dokumen", 48, "dokumen"),
    ("Waktu", "Ketepatan waktu penyelesaian dokumen", "Sesuai jadwal kegiatan", None, None)])]
TAMBAHAN = ("Terlaksananya tugas tambahan sebagai anggota tim kerja SPBE", [
    ("Kuantitas", "Jumlah rapat dan laporan tim kerja yang diikuti", "12 kegiatan", 12, "kegiatan")])

EKSPEKTASI = (
    "Memberikan layanan yang ramah dan menindaklanjuti setiap permintaan paling lambat dua hari kerja.",
    "Melaporkan aktivitas harian secara jujur dan tepat waktu, disertai bukti dukung.",
    "Mengikuti minimal satu pelatihan dan berbagi hasilnya kepada rekan kerja.",
    "Menjaga suasana kerja yang saling menghargai dan siap membantu rekan.",
    "Menjaga kerahasiaan data dan nama baik instansi di media sosial.",
    "Mengusulkan minimal satu perbaikan proses kerja setiap semester.",
    "Aktif berkoordinasi dengan perangkat daerah lain dalam penyelesaian pekerjaan.",
)


def _bidang_key(unit_name: str) -> str | None:
    n = unit_name.lower()
    for key, kata in (("sekretaris", "sekretariat"), ("ikp", "informasi dan komunikasi"), ("aptika", "aplikasi informatika"),
                      ("sandi", "persandian dan statistik")):
        if kata in n:
            return key
    return None


def _plan_for(p: Pegawai, depth: int, index: int) -> list[tuple[str, str, list, int | None]]:
    """[(jenis, uraian, iki, index of the atasan's RHK)] for one pegawai."""
    unit = p.unit.nama if p.unit else ""
    jabatan = p.jabatan.nama if p.jabatan else ""
    if depth == 0:
        return [("Utama", u, iki, None) for u, iki in KADIS]
    if depth == 1:
        key = _bidang_key(unit)
        if key:
            return [("Utama", u, iki, parent) for u, iki, parent in BIDANG[key]]
        return [("Utama", f"Terlaksananya program {unit}", KADIS[index % 4][1][:1], index % 4),
                ("Utama", f"Tersusunnya laporan kinerja {unit}", KADIS[3][1], 3)]
    if p.pimpinan and depth == 2:
        for kata, rhk in SEKSI:
            if kata.lower() in unit.lower():
                return [("Utama", u, iki, parent) for u, iki, parent in rhk]
        return [("Utama", f"Terlaksananya kegiatan {unit}", STAF_UMUM[0][1], 0),
                ("Utama", f"Tersusunnya laporan capaian {unit}", STAF_UMUM[0][1][:1], 1)]
    rhk = next((items for kata, items in STAF if kata.lower() in jabatan.lower()), STAF_UMUM)
    plan = [("Utama", u, iki, k) for k, (u, iki) in enumerate(rhk + STAF_UMUM)]
    if index % 3 == 0:
        plan.append(("Tambahan", TAMBAHAN[0], TAMBAHAN[1], None))
    return plan


def _status_for(p: Pegawai, depth: int, index: int) -> tuple[str, bool]:
    """(status, revision in progress): a revision keeps the approved version 1 in force."""
    if depth < 3 or not p.atasan_id or p.nip == BUAT_SKP:
        return "Disetujui", False
    status = {7: "Draft", 11: "Diajukan", 13: "Ditolak", 17: "Diajukan", 19: "Draft"}.get(index % 23, "Disetujui")
    return status, status != "Disetujui"


def _penilai_snapshot(p: Pegawai, atasan: Pegawai | None) -> dict:
    """The top of the tree is rated by an official outside the dinas (the demo's Sekda)."""
    if atasan is None and p.penilai_luar is not None:
        return snapshot_luar(p.penilai_luar)
    return snapshot(atasan)


def _atasan_penilai_snapshot(p: Pegawai, atasan: Pegawai | None, by_id: dict) -> dict:
    if atasan is None:
        return snapshot_luar(p.atasan_penilai_luar)
    if atasan.atasan_id:
        return snapshot(by_id.get(atasan.atasan_id))
    return snapshot_luar(atasan.penilai_luar)


def load(result, ctx, seed: int = 2026, scale: int | None = None) -> None:
    tahun = today_local().year
    dibuat = [t for t in (tahun, tahun + 1) if _tahun_kinerja(t)]
    awal = f"Tahun kinerja {' dan '.join(map(str, dibuat))} (semesteran) dibuat; " if dibuat else ""
    if db.session.execute(select(Skp.id).where(Skp.tahun == tahun).limit(1)).first():
        result.lines.append(f"SKP demo tahun {tahun} sudah ada; tidak dibuat ulang.")
        return
    pegawai = list(db.session.execute(
        select(Pegawai).where(Pegawai.aktif.is_(True))
        .options(joinedload(Pegawai.jabatan), joinedload(Pegawai.unit)).order_by(Pegawai.id)
    ).unique().scalars())
    by_id = {p.id: p for p in pegawai}
    depth: dict[int, int] = {}

    def depth_of(pid: int) -> int:
        if pid not in depth:
            atasan = by_id[pid].atasan_id
            depth[pid] = 0 if atasan is None or atasan not in by_id else depth_of(atasan) + 1
        return depth[pid]

    levels: dict[int, list[Pegawai]] = {}
    for p in pegawai:
        levels.setdefault(depth_of(p.id), []).append(p)
    tahun_ini = _Tahun(tahun, by_id, ctx, random.Random(seed))
    counts = tahun_ini.build(levels, _status_for)
    # Next year: the chain above the "Buat SKP" pegawai has planned (and approved) its SKP already.
    siti = next((p for p in pegawai if p.nip == BUAT_SKP), None)
    rantai, current = set(), by_id.get(siti.atasan_id) if siti and siti.atasan_id else None
    while current is not None and current.id not in rantai:
        rantai.add(current.id)
        current = by_id.get(current.atasan_id) if current.atasan_id else None
    depan = _Tahun(tahun + 1, by_id, ctx, random.Random(seed + 1))
    depan.build({d: [p for p in ps if p.id in rantai] for d, ps in levels.items()}, lambda *_: ("Disetujui", False))
    record(None, "demo.skp", "skp", None, sesudah={"tahun": tahun, **counts}, aktor_label="demo-data")
    db.session.commit()
    revisi = ", ".join(f"{counts[k]} {k.lower()}" for k in ("Draft", "Diajukan", "Ditolak"))
    result.lines.append(awal + f"SKP demo tahun {tahun}: {counts['Disetujui']} disetujui, {counts['revisi']} dalam revisi "
                        f"({revisi}); SKP {tahun + 1}: {len(rantai)} pimpinan sudah disetujui.")


class _Tahun:
    """Writes one year's demo SKPs, level by level (each level intervenes the approved RHK above)."""

    def __init__(self, tahun: int, by_id: dict, ctx, rng: random.Random):
        self.tahun, self.by_id, self.rng = tahun, by_id, rng
        self.admin_id = ctx.admin.id if ctx.admin is not None else None
        self.akun_of = dict(db.session.execute(
            select(Akun.pegawai_id, Akun.id).where(Akun.pegawai_id.is_not(None))).all())
        self.rhk_of: dict[int, list[int]] = {}  # pegawai id → RHK ids in order
        self.approved: list[int] = []
        self.counts = {"Disetujui": 0, "Diajukan": 0, "Draft": 0, "Ditolak": 0, "revisi": 0}
        self.now = utcnow()

    def build(self, levels: dict[int, list[Pegawai]], status_for) -> dict[str, int]:
        ids = {q.id for ps in levels.values() for q in ps}
        for level in sorted(levels):
            plans = []
            biasa = 0  # position among the pegawai without a fixed demo state
            for index, p in enumerate(levels[level]):
                status, revisi = status_for(p, level, biasa)
                biasa += p.nip != BUAT_SKP
                parent = self.rhk_of.get(p.atasan_id, []) if p.atasan_id else []
                if p.atasan_id and not parent and p.atasan_id in ids:
                    status, revisi = "Draft", False  # nothing approved above to intervene
                plans.append((p, status, revisi, _plan_for(p, level, index), parent))
            if plans:
                self._level(plans)
        _versions(self.approved)
        return self.counts

    def _skp_row(self, p: Pegawai, status: str, revisi: bool) -> dict:
        atasan = self.by_id.get(p.atasan_id) if p.atasan_id else None
        disetujui = status == "Disetujui" or revisi
        now = self.now
        return dict(pegawai_id=p.id, tahun=self.tahun, tanggal_mulai=date(self.tahun, 1, 1),
                    tanggal_selesai=date(self.tahun, 12, 31), pendekatan="Kuantitatif",
                    jenis_form=jenis_form_untuk(p.jabatan.jenis if p.jabatan else None), status=status,
                    penilai_id=atasan.id if atasan else None, atasan_penilai_id=atasan.atasan_id if atasan else None,
                    versi=1 if disetujui else 0, dalam_revisi=revisi,
                    disetujui_oleh_admin=disetujui and atasan is None,
                    diajukan_at=now - timedelta(days=30) if status != "Draft" or revisi else None,
                    disetujui_at=now - timedelta(days=self.rng.randint(20, 28)) if disetujui else None,
                    disetujui_oleh_id=(self.akun_of.get(atasan.id) if atasan else self.admin_id) if disetujui else None,
                    catatan_pengembalian=DITOLAK_CATATAN if status == "Ditolak" else None,
                    snapshot_pegawai=snapshot(p) if disetujui else None,
                    snapshot_penilai=_penilai_snapshot(p, atasan) if disetujui else None,
                    snapshot_atasan_penilai=_atasan_penilai_snapshot(p, atasan, self.by_id) if disetujui else None,
                    penilai_luar_id=p.penilai_luar_id if atasan is None else None,
                    created_at=now, updated_at=now, **lampiran_bawaan())

    def _level(self, plans: list) -> None:
        now = self.now
        skp_rows = [self._skp_row(p, status, revisi) for p, status, revisi, _, _ in plans]
        skp_ids = dict(db.session.execute(insert(Skp).execution_options(render_nulls=True).returning(Skp.pegawai_id, Skp.id), skp_rows).all())
        rhk_rows, perilaku_rows = [], []
        for p, status, revisi, plan, parent in plans:
            skp_id = skp_ids[p.id]
            jpt = jenis_form_untuk(p.jabatan.jenis if p.jabatan else None) == "JPT"
            for urutan, (jenis, uraian, _, parent_index) in enumerate(plan, start=1):
                rhk_atasan = parent[parent_index % len(parent)] if parent and parent_index is not None else None
                rhk_rows.append(dict(skp_id=skp_id, jenis=jenis, uraian=uraian, urutan=urutan, rhk_atasan_id=rhk_atasan,
                                     intervensi_teks=KADIS_SASARAN[urutan - 1] if p.atasan_id is None and urutan <= 4 else None,
                                     perspektif=PERSPEKTIF_JPT[(urutan - 1) % 4] if jpt else None,
                                     created_at=now, updated_at=now))
            disetujui = status == "Disetujui" or revisi
            for nomor in range(1, 8):
                perilaku_rows.append(dict(skp_id=skp_id, nomor=nomor,
                                          ekspektasi=EKSPEKTASI[nomor - 1] if disetujui else None))
            self.counts[status] += 1
            self.counts["revisi"] += revisi
            if disetujui:
                self.approved.append(skp_id)
        inserted = db.session.execute(insert(Rhk).execution_options(render_nulls=True).returning(Rhk.skp_id, Rhk.urutan, Rhk.id), rhk_rows).all()
        by_skp_urutan = {(s, u): rid for s, u, rid in inserted}
        iki_rows = []
        for p, status, revisi, plan, _ in plans:
            ids = [by_skp_urutan[(skp_ids[p.id], u)] for u in range(1, len(plan) + 1)]
            if status == "Disetujui" or revisi:
                self.rhk_of[p.id] = [rid for rid, (jenis, *_rest) in zip(ids, plan, strict=True) if jenis == "Utama"]
            for rid, (_, _, iki, _) in zip(ids, plan, strict=True):
                for k, (aspek, indikator, target, angka, satuan) in enumerate(iki, start=1):
                    iki_rows.append(dict(rhk_id=rid, aspek=aspek, indikator=indikator, target_teks=target,
                                         target_angka=Decimal(angka) if angka is not None else None, satuan=satuan,
                                         urutan=k, created_at=now, updated_at=now))
        db.session.execute(insert(Iki).execution_options(render_nulls=True), iki_rows)
        db.session.execute(insert(PerilakuSkp).execution_options(render_nulls=True), perilaku_rows)


def _versions(skp_ids: list[int], batch: int = 500) -> None:
    """Version 1 of every approved SKP, with its full content (as approve_skp stores it)."""
    for start in range(0, len(skp_ids), batch):
        chunk = skp_ids[start:start + batch]
        skps = db.session.execute(
            select(Skp).where(Skp.id.in_(chunk))
            .options(selectinload(Skp.rhk).selectinload(Rhk.iki), selectinload(Skp.rhk).joinedload(Rhk.rhk_atasan),
                     selectinload(Skp.perilaku))
        ).unique().scalars().all()
        rows = []
        for skp in skps:
            isi = isi_skp(skp)
            isi["disetujui_at"] = skp.disetujui_at.isoformat()
            rows.append(dict(skp_id=skp.id, versi=1, disetujui_at=skp.disetujui_at,
                             disetujui_oleh_id=skp.disetujui_oleh_id, isi=isi))
        if rows:
            db.session.execute(insert(SkpVersi), rows)
        # Let go of this batch's SKP content only: expiring everything would reload every Pegawai
        # (one SELECT each, 10,000 at --scale 10000) on the next batch and in the next year's build.
        for obj in [o for o in db.session.identity_map.values() if isinstance(o, (Skp, Rhk, Iki, PerilakuSkp))]:
            if obj in db.session:  # expunging an SKP takes its RHK, IKI and perilaku along
                db.session.expunge(obj)


def _tahun_kinerja(tahun: int) -> bool:
    """Creates the year with its semester periods; False when it exists already."""
    if db.session.execute(select(TahunKinerja.id).where(TahunKinerja.tahun == tahun)).first():
        return False
    tk = TahunKinerja(tahun=tahun, pola="semesteran", aktif=True)
    for s in periode_untuk(tahun, "semesteran"):
        tk.periode.append(Periode(kode=s.kode, nama=s.nama, jenis=s.jenis, tanggal_mulai=s.tanggal_mulai,
                                  tanggal_selesai=s.tanggal_selesai, batas_pengisian=s.batas_pengisian, urutan=s.urutan))
    db.session.add(tk)
    db.session.flush()
    return True
