"""The demo dinas: Diskominfo Kabupaten Bukitintan, or a generated tree for ``--scale N``."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from kinerja.akun.services import hash_password
from kinerja.audit.services import record
from kinerja.extensions import db
from kinerja.models import Akun, HariLibur, Instansi, Jabatan, Pegawai, UnitKerja
from kinerja.organisasi.rules import infer_jenis_jabatan
from kinerja.organisasi.services import national_holidays
from kinerja.waktu import today_local

KEPALA_NIP = "197203151998031004"


@dataclass
class OrgContext:
    kepala: Pegawai
    pegawai: list[Pegawai] = field(default_factory=list)
    units: list[UnitKerja] = field(default_factory=list)
    admin: Akun | None = None
    password_hash: str = ""


# (nama, nip, golongan, jabatan) for the named leaders listed in the README.
LEADERS = {
    "kadis": ("Dr. H. Ahmad Fauzi, S.Kom., M.Si.", KEPALA_NIP, "IV/c", "Kepala Dinas Komunikasi dan Informatika"),
    "sekretaris": ("Sri Wahyuni, S.E., M.M.", "197508222000122002", "IV/b", "Sekretaris Dinas"),
    "ikp": ("Bambang Setiawan, S.Sos., M.Si.", "197811052003121003", "IV/a", "Kepala Bidang Informasi dan Komunikasi Publik"),
    "aptika": ("Rina Marlina, S.T., M.T.", "198002142005012004", "IV/a", "Kepala Bidang Aplikasi Informatika"),
    "sandi": ("Yusuf Hidayat, S.Si., M.Stat.", "197912302006041002", "IV/a", "Kepala Bidang Persandian dan Statistik"),
}

# bidang key → (unit name, [(seksi name, kepala seksi jabatan, [staff jabatan, ...])])
STRUCTURE = {
    "sekretaris": ("Sekretariat", [
        ("Subbagian Umum dan Kepegawaian", "Kepala Subbagian Umum dan Kepegawaian",
         ["Pengadministrasi Umum", "Analis Sumber Daya Manusia Aparatur", "Pengelola Barang Milik Daerah"]),
        ("Subbagian Perencanaan dan Keuangan", "Kepala Subbagian Perencanaan dan Keuangan",
         ["Perencana Ahli Pertama", "Bendahara", "Penyusun Laporan Keuangan"]),
    ]),
    "ikp": ("Bidang Informasi dan Komunikasi Publik", [
        ("Seksi Pengelolaan Informasi Publik", "Kepala Seksi Pengelolaan Informasi Publik",
         ["Pranata Humas Ahli Pertama", "Pengelola Layanan Informasi Publik", "Pengelola Konten Media Sosial"]),
        ("Seksi Komunikasi Publik dan Kehumasan", "Kepala Seksi Komunikasi Publik dan Kehumasan",
         ["Pranata Humas Terampil", "Pengelola Pengaduan Masyarakat", "Dokumentator Kegiatan"]),
    ]),
    "aptika": ("Bidang Aplikasi Informatika", [
        ("Seksi Pengembangan Aplikasi", "Kepala Seksi Pengembangan Aplikasi",
         ["Pranata Komputer Ahli Pertama", "Pengembang Aplikasi", "Pengelola Website"]),
        ("Seksi Infrastruktur dan Layanan E-Government", "Kepala Seksi Infrastruktur dan Layanan E-Government",
         ["Pranata Komputer Terampil", "Teknisi Jaringan", "Pengelola Pusat Data"]),
    ]),
    "sandi": ("Bidang Persandian dan Statistik", [
        ("Seksi Persandian dan Keamanan Informasi", "Kepala Seksi Persandian dan Keamanan Informasi",
         ["Sandiman Ahli Pertama", "Analis Keamanan Informasi", "Pengelola Sertifikat Elektronik"]),
        ("Seksi Statistik Sektoral", "Kepala Seksi Statistik Sektoral",
         ["Statistisi Ahli Pertama", "Pengolah Data Statistik", "Pranata Komputer Terampil"]),
    ]),
}

# Fixed names for the first seksi heads and staff, so the README's demo logins stay put.
NAMED = {
    ("aptika", 0, "kasi"): ("Dewi Lestari, S.Kom.", "198505172010012015", "III/d"),
    ("aptika", 0, 0): ("Andi Pratama, S.Kom.", "199203112019031007", "III/b"),
    ("aptika", 0, 1): ("Siti Nurhaliza, S.Kom.", "199508242020122011", "III/a"),
    ("ikp", 0, "kasi"): ("Hendra Gunawan, S.I.Kom.", "198303092009011006", "III/d"),
    ("ikp", 0, 0): ("Putri Ayu Lestari, S.I.Kom.", "199610152022032008", "III/a"),
}

FUNGSIONAL_LANGSUNG = {
    "ikp": "Pranata Humas Ahli Muda",
    "aptika": "Pranata Komputer Ahli Muda",
    "sandi": "Sandiman Ahli Muda",
}


def _golongan_for(jenis: str, rng: random.Random) -> str:
    return {
        "JPT": "IV/c", "Administrator": rng.choice(["IV/a", "IV/b"]), "Pengawas": rng.choice(["III/c", "III/d"]),
        "Fungsional": rng.choice(["III/a", "III/b", "III/c"]), "Pelaksana": rng.choice(["II/c", "II/d", "III/a", "III/b"]),
    }[jenis]


class NipFactory:
    """Valid, unique 18-digit NIPs from a seeded generator."""

    def __init__(self, rng: random.Random, taken: set[str]):
        self.rng, self.taken = rng, set(taken)

    def make(self, sex: str | None = None) -> str:
        while True:
            year = self.rng.randint(1968, 1999)
            born = date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
            tmt_year = min(year + self.rng.randint(22, 30), 2024)
            sex_digit = sex or self.rng.choice("12")
            nip = f"{born:%Y%m%d}{tmt_year}{self.rng.choice(['01', '03', '04', '12']):s}{sex_digit}{self.rng.randint(1, 30):03d}"
            if nip not in self.taken:
                self.taken.add(nip)
                return nip


class NameFactory:
    def __init__(self, seed: int):
        from faker import Faker

        self.fake = Faker("id_ID")
        self.fake.seed_instance(seed)
        self.used: set[str] = set()

    def make(self, sex: str) -> str:
        gelar = ["S.Kom.", "S.E.", "S.Sos.", "S.T.", "A.Md.", "S.I.Kom.", "S.H.", "S.Si.", ""]
        while True:
            base = self.fake.name_male() if sex == "1" else self.fake.name_female()
            parts = [p.strip(",") for p in base.replace(",", " ").split()]
            parts = [p for p in parts if p and "." not in p and p not in ("Dr", "Ir", "Drs", "Hj", "H")]
            name = " ".join(parts[:3])
            if name in self.used:
                continue
            self.used.add(name)
            g = self.fake.random_element(gelar)
            return f"{name}, {g}" if g else name


def _jabatan(cache: dict[str, Jabatan], nama: str) -> Jabatan:
    if nama not in cache:
        existing = db.session.execute(select(Jabatan).where(Jabatan.nama == nama)).scalar_one_or_none()
        if existing is None:
            jenis, jenjang = infer_jenis_jabatan(nama)
            existing = Jabatan(nama=nama, jenis=jenis, jenjang=jenjang)
            db.session.add(existing)
        cache[nama] = existing
    return cache[nama]


def _add_pegawai(ctx: OrgContext, nama, nip, golongan, jabatan, unit, atasan, pimpinan=False) -> Pegawai:
    from kinerja.organisasi.rules import parse_nip

    info = parse_nip(nip, "PNS")
    p = Pegawai(nip=nip, nama=nama, status="PNS", golongan=golongan, jabatan=jabatan, unit=unit,
                atasan=atasan, pimpinan=pimpinan, aktif=True, tanggal_lahir=info.tanggal_lahir,
                jenis_kelamin=info.jenis_kelamin)
    db.session.add(p)
    db.session.add(Akun(pegawai=p, password_hash=ctx.password_hash, harus_ganti_sandi=False, aktif=True))
    ctx.pegawai.append(p)
    return p


def _load_existing(result) -> OrgContext | None:
    kepala = db.session.execute(select(Pegawai).where(Pegawai.nip == KEPALA_NIP)).scalar_one_or_none()
    if kepala is None:
        return None
    ctx = OrgContext(kepala=kepala)
    ctx.pegawai = list(db.session.execute(select(Pegawai).order_by(Pegawai.id)).scalars())
    ctx.units = list(db.session.execute(select(UnitKerja).order_by(UnitKerja.id)).scalars())
    ctx.admin = db.session.execute(select(Akun).where(Akun.username == "admin")).scalar_one_or_none()
    result.lines.append(f"Organisasi demo sudah ada ({len(ctx.pegawai)} pegawai); tidak dibuat ulang.")
    return ctx


def load(result, seed: int = 2026, scale: int | None = None) -> OrgContext:
    from kinerja.demo import DEMO_PASSWORD

    existing = _load_existing(result)
    if existing is not None:
        return existing
    rng = random.Random(seed)
    password_hash = hash_password(DEMO_PASSWORD)  # one hash shared by every demo account
    admin = db.session.execute(select(Akun).where(Akun.username == "admin")).scalar_one_or_none()
    if admin is None:
        admin = Akun(username="admin", password_hash=password_hash, is_admin=True, harus_ganti_sandi=False, aktif=True)
        db.session.add(admin)
    inst = db.session.execute(select(Instansi).limit(1)).scalar_one_or_none() or Instansi()
    inst.nama_pemda, inst.nama_dinas = "Pemerintah Kabupaten Bukitintan", "Dinas Komunikasi dan Informatika"
    inst.alamat = "Jl. Merdeka No. 12, Bukitintan"
    inst.kota_ttd, inst.zona_waktu = "Bukitintan", "Asia/Jakarta"
    inst.target_menit_bulanan, inst.batas_menit_harian, inst.masa_tenggang_hari_kerja = 6750, 720, 1
    db.session.add(inst)

    root = UnitKerja(nama="Dinas Komunikasi dan Informatika", singkatan="Diskominfo", hari_kerja_per_minggu=5)
    db.session.add(root)
    jab_cache: dict[str, Jabatan] = {}
    ctx = OrgContext(kepala=None, admin=admin, password_hash=password_hash)  # type: ignore[arg-type]
    ctx.units.append(root)
    kadis = LEADERS["kadis"]
    ctx.kepala = _add_pegawai(ctx, kadis[0], kadis[1], kadis[2], _jabatan(jab_cache, kadis[3]), root, None, pimpinan=True)

    taken = {v[1] for v in LEADERS.values()} | {v[1] for v in NAMED.values()}
    nips = NipFactory(rng, taken)
    names = NameFactory(seed)

    if scale:
        _generated_tree(ctx, root, jab_cache, nips, names, rng, scale)
    else:
        _named_tree(ctx, root, jab_cache, nips, names, rng)

    year = today_local().year
    existing_days = set(db.session.execute(select(HariLibur.tanggal)).scalars())
    for y in (year - 1, year, year + 1):
        for tanggal, nama, jenis in national_holidays(y):
            if tanggal not in existing_days:
                db.session.add(HariLibur(tanggal=tanggal, nama=nama[:150], jenis=jenis, sumber="pustaka"))
                existing_days.add(tanggal)
    db.session.flush()
    record(None, "demo.organisasi", "instansi", inst.id, sesudah={"pegawai": len(ctx.pegawai), "unit": len(ctx.units)},
           aktor_label="demo-data")
    db.session.commit()
    result.lines.append(f"Organisasi demo dibuat: {len(ctx.units)} unit kerja, {len(ctx.pegawai)} pegawai.")
    return ctx


def _named_tree(ctx, root, jab_cache, nips, names, rng) -> None:
    for key, (unit_name, seksi_list) in STRUCTURE.items():
        bidang = UnitKerja(nama=unit_name, induk=root, hari_kerja_per_minggu=5)
        ctx.units.append(bidang)
        db.session.add(bidang)
        lead = LEADERS[key]
        kabid = _add_pegawai(ctx, lead[0], lead[1], lead[2], _jabatan(jab_cache, lead[3]), bidang, ctx.kepala, True)
        if key in FUNGSIONAL_LANGSUNG:
            sex = rng.choice("12")
            _add_pegawai(ctx, names.make(sex), nips.make(sex), "III/c", _jabatan(jab_cache, FUNGSIONAL_LANGSUNG[key]),
                         bidang, kabid)
        for i, (seksi_name, kasi_jab, staff_jabs) in enumerate(seksi_list):
            seksi = UnitKerja(nama=seksi_name, induk=bidang, hari_kerja_per_minggu=5)
            ctx.units.append(seksi)
            db.session.add(seksi)
            named = NAMED.get((key, i, "kasi"))
            sex = rng.choice("12")
            nama, nip, gol = named or (names.make(sex), nips.make(sex), rng.choice(["III/c", "III/d"]))
            kasi = _add_pegawai(ctx, nama, nip, gol, _jabatan(jab_cache, kasi_jab), seksi, kabid, True)
            for j, jab in enumerate(staff_jabs):
                named = NAMED.get((key, i, j))
                sex = rng.choice("12")
                jabatan = _jabatan(jab_cache, jab)
                nama, nip, gol = named or (names.make(sex), nips.make(sex), _golongan_for(jabatan.jenis, rng))
                _add_pegawai(ctx, nama, nip, gol, jabatan, seksi, kasi)


# --scale above OPD_SIZE: a kabupaten.  Diskominfo first, then further OPD (top units without
# induk, each with its own Kepala, bidang and seksi) of about OPD_SIZE pegawai each.
OPD_SIZE = 1000
OPD_LAIN = [
    ("Dinas Pendidikan dan Kebudayaan", "Disdikbud"), ("Dinas Kesehatan", "Dinkes"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"), ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD"), ("Dinas Sosial", "Dinsos"),
    ("Dinas Perhubungan", "Dishub"), ("Dinas Pertanian dan Ketahanan Pangan", "Distanpan"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"), ("Dinas Lingkungan Hidup", "DLH"),
    ("Satuan Polisi Pamong Praja", "Satpol PP"),
]


def _generated_tree(ctx, root, jab_cache, nips, names, rng, scale: int) -> None:
    """About ``scale`` pegawai: bidang of ~40, seksi of ~10, like a large dinas; above ``OPD_SIZE``
    the pegawai are spread over several OPD of one pemda."""
    jumlah_opd = max(1, -(-scale // OPD_SIZE))
    per_opd = -(-scale // jumlah_opd)
    _fill_opd(ctx, root, ctx.kepala, "", jab_cache, nips, names, rng, per_opd - 1)
    sisa = scale - per_opd
    for i in range(1, jumlah_opd):
        nama, singkatan = OPD_LAIN[(i - 1) % len(OPD_LAIN)]
        if i > len(OPD_LAIN):
            nama, singkatan = f"{nama} {i // len(OPD_LAIN) + 1}", f"{singkatan}{i // len(OPD_LAIN) + 1}"
        opd = UnitKerja(nama=nama, singkatan=singkatan, hari_kerja_per_minggu=5)
        ctx.units.append(opd)
        db.session.add(opd)
        sex = rng.choice("12")
        kepala = _add_pegawai(ctx, names.make(sex), nips.make(sex), "IV/c",
                              _jabatan(jab_cache, f"Kepala {nama}"), opd, None, pimpinan=True)
        ukuran = min(per_opd, sisa)
        _fill_opd(ctx, opd, kepala, f" {singkatan}", jab_cache, nips, names, rng, ukuran - 1)
        sisa -= ukuran
        db.session.flush()


def _fill_opd(ctx, root, kepala, akhiran, jab_cache, nips, names, rng, remaining: int) -> None:
    """Bidang and seksi under one OPD's ``root`` until ``remaining`` pegawai have been added."""
    b = 0
    staff_jabs = [j for _, seksi in STRUCTURE.values() for s in seksi for j in s[2]]
    while remaining > 0:
        b += 1
        bidang = UnitKerja(nama=f"Bidang {b}{akhiran}", induk=root, hari_kerja_per_minggu=5 if b % 7 else 6)
        ctx.units.append(bidang)
        db.session.add(bidang)
        sex = rng.choice("12")
        kabid = _add_pegawai(ctx, names.make(sex), nips.make(sex), "IV/a",
                             _jabatan(jab_cache, f"Kepala Bidang {b}"), bidang, kepala, True)
        remaining -= 1
        for s in range(1, 5):
            if remaining <= 0:
                break
            seksi = UnitKerja(nama=f"Seksi {b}.{s}{akhiran}", induk=bidang, hari_kerja_per_minggu=bidang.hari_kerja_per_minggu)
            ctx.units.append(seksi)
            db.session.add(seksi)
            sex = rng.choice("12")
            kasi = _add_pegawai(ctx, names.make(sex), nips.make(sex), "III/d",
                                _jabatan(jab_cache, f"Kepala Seksi {b}.{s}"), seksi, kabid, True)
            remaining -= 1
            for _ in range(min(rng.randint(7, 11), remaining)):
                sex = rng.choice("12")
                jabatan = _jabatan(jab_cache, rng.choice(staff_jabs))
                _add_pegawai(ctx, names.make(sex), nips.make(sex), _golongan_for(jabatan.jenis, rng), jabatan, seksi, kasi)
                remaining -= 1
        if len(ctx.pegawai) % 500 < 50:
            db.session.flush()
