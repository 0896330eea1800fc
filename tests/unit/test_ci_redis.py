"""CI must prove the real-consumer job tests ran against Redis (.ci/check_junit.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _modul():
    spec = importlib.util.spec_from_file_location("check_junit", ROOT / ".ci" / "check_junit.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("check_junit", mod)  # (dataclasses look their module up there)
    spec.loader.exec_module(mod)
    return mod


def _junit(path: Path, redis: str, e2e: bool = True) -> None:
    cases = ['<testcase classname="tests.integration.test_jobs" name="test_a"/>']
    if e2e:
        cases.append('<testcase classname="tests.e2e.test_x" name="test_b"/>')
    if redis == "lulus":
        cases.append('<testcase classname="tests.integration.test_jobs_redis" name="test_cetak"/>')
    elif redis == "dilewati":
        cases.append('<testcase classname="tests.integration.test_jobs_redis" name="test_cetak">'
                     '<skipped message="Redis tidak terjangkau"/></testcase>')
    path.write_text(f'<testsuites><testsuite name="pytest">{"".join(cases)}</testsuite></testsuites>')


def test_junit_check_fails_when_the_redis_tests_were_skipped_or_missing(tmp_path, monkeypatch, capsys):
    mod = _modul()
    monkeypatch.setattr(mod, "ARTIFACTS", tmp_path)
    _junit(tmp_path / "junit-sqlite.xml", "lulus")
    _junit(tmp_path / "junit-postgres.xml", "lulus", e2e=False)
    assert mod.main() == 0
    _junit(tmp_path / "junit-sqlite.xml", "dilewati")
    assert mod.main() == 1
    assert "uji Redis dilewati" in capsys.readouterr().err
    _junit(tmp_path / "junit-sqlite.xml", "lulus")
    _junit(tmp_path / "junit-postgres.xml", "tidak ada", e2e=False)
    assert mod.main() == 1
    assert "test_jobs_redis) tidak dijalankan" in capsys.readouterr().err


def test_ci_script_requires_redis():
    script = (ROOT / ".ci" / "run").read_text()
    assert "KINERJA_REQUIRE_REDIS=1" in script and "redis-cli -h 127.0.0.1 -p 6379 ping" in script
