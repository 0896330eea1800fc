"""Factories for test data: small, explicit, valid by default."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from kinerja.akun.services import hash_password
from kinerja.extensions import db
from kinerja.models import Akun, Instansi, Jabatan, Pegawai, PenugasanPlt, UnitKerja
from kinerja.organisasi.rules import parse_nip
from kinerja.waktu import today_local

PASSWORD = "kalimat-rahasia-uji-2026"

_seq = itertools.count(1)


def next_nip(sex: str = "1") -> str:
    n = next(_seq)
    # Born 1990-01-01 + n days (kept valid), TMT 2015-03, urut n.
    day = 1 + (n % 28)
    month = 1 + (n // 28) % 12
    return f"1990{month:02d}{day:02d}201503{sex}{(n % 999) + 1:03d}"


class Factory:
    def instansi(self, **kw) -> Instansi:
        inst = Instansi(nama_pemda=kw.get("nama_pemda", "Pemerintah Kabupaten Bukitintan"),
                        nama_dinas=kw.get("nama_dinas", "Dinas Komunikasi dan Informatika"),
                        alamat="Jl. Merdeka No. 12", kota_ttd="Bukitintan", zona_waktu="Asia/Jakarta")
        db.session.add(inst)
        db.session.flush()
        return inst

    def unit(self, nama: str | None = None, induk: UnitKerja | None = None, hari_kerja: int = 5) -> UnitKerja:
        unit = UnitKerja(nama=nama or f"Unit {next(_seq)}", induk=induk, hari_kerja_per_minggu=hari_kerja)
        db.session.add(unit)
        db.session.flush()
        return unit

    def jabatan(self, nama: str | None = None, jenis: str = "Pelaksana", jenjang: str | None = None) -> Jabatan:
        jab = Jabatan(nama=nama or f"Jabatan {next(_seq)}", jenis=jenis, jenjang=jenjang)
        db.session.add(jab)
        db.session.flush()
        return jab

    def pegawai(self, nama: str | None = None, atasan: Pegawai | None = None, unit: UnitKerja | None = None,
                jabatan: Jabatan | None = None, nip: str | None = None, status: str = "PNS", golongan: str = "III/a",
                pimpinan: bool = False, aktif: bool = True, password: str = PASSWORD,
                harus_ganti_sandi: bool = False) -> Pegawai:
        nip = nip or next_nip()
        info = parse_nip(nip, status)
        p = Pegawai(nip=nip, nama=nama or f"Pegawai {nip[-3:]}", status=status, golongan=golongan,
                    unit=unit or (atasan.unit if atasan else None), jabatan=jabatan, atasan=atasan,
                    pimpinan=pimpinan, aktif=aktif, tanggal_lahir=info.tanggal_lahir, jenis_kelamin=info.jenis_kelamin)
        db.session.add(p)
        db.session.flush()
        db.session.add(Akun(pegawai_id=p.id, password_hash=hash_password(password), harus_ganti_sandi=harus_ganti_sandi,
                            aktif=aktif))
        db.session.flush()
        return p

    def admin(self, username: str = "admin", password: str = PASSWORD) -> Akun:
        akun = Akun(username=username, password_hash=hash_password(password), is_admin=True, harus_ganti_sandi=False)
        db.session.add(akun)
        db.session.flush()
        return akun

    def plt_berjalan(self, pejabat: Pegawai, unit: UnitKerja, jenis: str = "Plt") -> PenugasanPlt:
        """A Plt/Plh of ``unit`` held by ``pejabat``, running from yesterday to five days ahead (committed)."""
        hari_ini = today_local()
        penugasan = PenugasanPlt(jenis=jenis, pejabat_id=pejabat.id, unit_id=unit.id,
                                 tanggal_mulai=hari_ini - timedelta(days=1), tanggal_selesai=hari_ini + timedelta(days=5))
        db.session.add(penugasan)
        db.session.commit()
        return penugasan

    def akun_of(self, pegawai: Pegawai) -> Akun:
        return db.session.query(Akun).filter_by(pegawai_id=pegawai.id).one()

    def org(self):
        """A small tree: kadis → kabid → {kasi → [staf1, staf2]}, plus an unrelated kabid2 → staf3."""
        self.instansi()
        root = self.unit("Dinas Uji")
        bidang = self.unit("Bidang Uji", induk=root)
        seksi = self.unit("Seksi Uji", induk=bidang)
        bidang2 = self.unit("Bidang Lain", induk=root)
        kadis = self.pegawai("Kepala Dinas Uji", unit=root, pimpinan=True, golongan="IV/c",
                             jabatan=self.jabatan("Kepala Dinas", "JPT"))
        kabid = self.pegawai("Kepala Bidang Uji", atasan=kadis, unit=bidang, pimpinan=True, golongan="IV/a")
        kasi = self.pegawai("Kepala Seksi Uji", atasan=kabid, unit=seksi, pimpinan=True, golongan="III/d")
        staf1 = self.pegawai("Staf Satu", atasan=kasi, unit=seksi)
        staf2 = self.pegawai("Staf Dua", atasan=kasi, unit=seksi)
        kabid2 = self.pegawai("Kepala Bidang Lain", atasan=kadis, unit=bidang2, pimpinan=True, golongan="IV/a")
        staf3 = self.pegawai("Staf Tiga", atasan=kabid2, unit=bidang2)
        admin = self.admin()
        return type("Org", (), dict(root=root, bidang=bidang, seksi=seksi, bidang2=bidang2, kadis=kadis, kabid=kabid,
                                    kasi=kasi, staf1=staf1, staf2=staf2, kabid2=kabid2, staf3=staf3, admin=admin))


@pytest.fixture
def factory():
    return Factory()


@pytest.fixture
def org(factory):
    return factory.org()
