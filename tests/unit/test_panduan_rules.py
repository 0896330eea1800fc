"""The first-login checklist and the page → guide section map."""

import pytest

from kinerja.panduan import isi, rules


def _fakta(**kw):
    base = dict(admin=False, pegawai=True, atasan=False, sandi_diganti=False, profil_lengkap=False, punya_skp=False,
                punya_aktivitas=False, pernah_dialog=False, instansi_lengkap=False, ada_tahun_kinerja=False)
    base.update(kw)
    return rules.Fakta(**base)


def test_pegawai_checklist():
    labels = [s.label for s in rules.daftar_periksa(_fakta())]
    assert labels == ["Ganti kata sandi sementara", "Periksa profil dan atasan langsung", "Buat SKP tahun ini",
                      "Catat aktivitas harian pertama"]


def test_atasan_gets_the_dialog_step_and_admin_the_setup_steps():
    atasan = [s.label for s in rules.daftar_periksa(_fakta(atasan=True))]
    assert "Jadwalkan dialog kinerja pertama dengan tim" in atasan
    admin = [s.label for s in rules.daftar_periksa(_fakta(admin=True, pegawai=False))]
    assert admin[0] == "Ganti kata sandi sementara" and "Buat SKP tahun ini" not in admin
    assert any("tahun kinerja" in label for label in admin)


def test_checklist_disappears_when_done_or_dismissed():
    semua = _fakta(sandi_diganti=True, profil_lengkap=True, punya_skp=True, punya_aktivitas=True)
    assert not rules.tampilkan(rules.daftar_periksa(semua), ditutup=False)
    sebagian = rules.daftar_periksa(_fakta(sandi_diganti=True))
    assert rules.tampilkan(sebagian, ditutup=False)
    assert not rules.tampilkan(sebagian, ditutup=True)


@pytest.mark.parametrize("endpoint, slug", [
    ("aktivitas.index", "aktivitas-harian"), ("verifikasi.index", "verifikasi"), ("skp.lihat", "skp"),
    ("evaluasi.detail", "evaluasi"), ("evaluasi.keberatan", "keberatan"), ("dialog.detail", "dialog"),
    ("admin.pegawai_edit", "admin"), ("pengumuman.index", "pengumuman"), ("beranda.index", "mulai"),
    ("panduan.index", None), ("akun.login", "mulai"), (None, None), ("tidak.ada", None),
])
def test_bantuan_section(endpoint, slug):
    assert isi.bagian_untuk(endpoint) == slug


def test_every_mapped_section_exists():
    targets = set(isi.BANTUAN_ENDPOINT.values()) | set(isi.BANTUAN_BLUEPRINT.values())
    assert targets <= set(isi.BAGIAN_PER_SLUG)
    assert len(isi.BAGIAN_PER_SLUG) == len(isi.BAGIAN)
