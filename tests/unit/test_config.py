"""Secret key rules: production refuses to start without one; development keeps its own."""

from __future__ import annotations

import stat

import pytest

from kinerja import create_app
from kinerja.config import ConfigError, ProductionConfig, resolve_secret_key


@pytest.fixture(autouse=True)
def _no_secret_in_env(monkeypatch):
    monkeypatch.delenv("KINERJA_SECRET_KEY", raising=False)


def test_production_without_secret_key_refuses_to_start():
    with pytest.raises(ConfigError, match="KINERJA_SECRET_KEY belum diisi"):
        create_app(ProductionConfig)


def test_production_uses_the_secret_key_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KINERJA_SECRET_KEY", "kunci-produksi-yang-panjang-dan-acak")
    config = {"INSTANCE_DIR": tmp_path, "SECRET_KEY": None}
    assert resolve_secret_key(config, "production") == "kunci-produksi-yang-panjang-dan-acak"
    assert not (tmp_path / "secret_key").exists()


def test_development_creates_the_key_file_once_and_reuses_it(tmp_path):
    instance = tmp_path / "instance"
    config = {"INSTANCE_DIR": instance, "SECRET_KEY": None}

    first = resolve_secret_key(config, "development")
    key_file = instance / "secret_key"
    assert key_file.read_text().strip() == first
    assert len(first) >= 64
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600

    assert resolve_secret_key(config, "development") == first
    assert resolve_secret_key(dict(config), "development") == first  # e.g. a second process
    assert list(instance.iterdir()) == [key_file]


def test_development_keys_differ_between_instances(tmp_path):
    one = resolve_secret_key({"INSTANCE_DIR": tmp_path / "a", "SECRET_KEY": None}, "development")
    two = resolve_secret_key({"INSTANCE_DIR": tmp_path / "b", "SECRET_KEY": None}, "development")
    assert one != two


# --- skala: several app processes share one storage location (KINERJA_STORAGE_PATH)

def test_storage_path_moves_every_upload_and_document_there(monkeypatch, tmp_path):
    from kinerja.config import TestConfig

    monkeypatch.setenv("KINERJA_STORAGE_PATH", str(tmp_path / "bersama"))
    app = create_app(TestConfig)
    assert app.config["UPLOAD_DIR"] == tmp_path / "bersama"
    with app.app_context():
        from kinerja.dokumen import arsip

        arsip.simpan("uji.pdf", b"%PDF-1.4 uji")
        assert arsip.baca("uji.pdf") == b"%PDF-1.4 uji"
    assert [p.name for p in (tmp_path / "bersama" / "dokumen").iterdir()] == ["uji.pdf"]


def test_without_storage_path_uploads_stay_in_instance(monkeypatch):
    from kinerja.config import TestConfig

    monkeypatch.delenv("KINERJA_STORAGE_PATH", raising=False)
    app = create_app(TestConfig)
    assert app.config["UPLOAD_DIR"] == TestConfig.INSTANCE_DIR / "uploads"


def test_production_with_shared_storage_requires_the_audit_key_from_the_environment(monkeypatch, tmp_path):
    """Several processes: a per-process instance/audit_key would break the audit chain."""
    monkeypatch.setenv("KINERJA_SECRET_KEY", "kunci-produksi-yang-panjang-dan-acak")
    monkeypatch.setenv("KINERJA_BASE_URL", "https://kinerja.contoh.go.id/")
    monkeypatch.setenv("KINERJA_STORAGE_PATH", str(tmp_path / "bersama"))
    monkeypatch.delenv("KINERJA_AUDIT_KEY", raising=False)
    with pytest.raises(ConfigError, match="KINERJA_AUDIT_KEY"):
        create_app(ProductionConfig, INSTANCE_DIR=tmp_path / "instance", KINERJA_BASE_URL="https://k.go.id/")
    monkeypatch.setenv("KINERJA_AUDIT_KEY", "k" * 64)
    app = create_app(ProductionConfig, INSTANCE_DIR=tmp_path / "instance", KINERJA_BASE_URL="https://k.go.id/")
    assert app.config["UPLOAD_DIR"] == tmp_path / "bersama"
    assert not (tmp_path / "instance" / "audit_key").exists()
