#!/usr/bin/env python3
"""Read the JUnit reports of `make test` and fail unless everything that must run, ran.

- SQLite run (tests/_artifacts/junit-sqlite.xml): present, at least one browser journey
  (testcase classname containing "tests.e2e") executed, and no browser journey skipped.
- PostgreSQL run (tests/_artifacts/junit-postgres.xml): present, at least one test executed,
  and nothing skipped at all.
- Both runs: the real-consumer job tests (tests/integration/test_jobs_redis.py, Redis at
  127.0.0.1:6379) executed at least once and were not skipped.
- Neither run has failures or errors.

Prints one line per run: "sqlite: 120 passed, 0 failed, 0 skipped".  Standard library only.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parent.parent / "tests" / "_artifacts"
REDIS_TESTS = "tests.integration.test_jobs_redis"


@dataclass
class Counts:
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    e2e_run: int = 0
    e2e_skipped: list[str] = field(default_factory=list)
    redis_run: int = 0
    redis_skipped: list[str] = field(default_factory=list)
    skipped_names: list[str] = field(default_factory=list)

    @property
    def executed(self) -> int:
        return self.passed + self.failed

    def line(self, name: str) -> str:
        return f"{name}: {self.passed} passed, {self.failed} failed, {self.skipped} skipped"


def read(path: Path) -> Counts:
    counts = Counts()
    for case in ET.parse(path).getroot().iter("testcase"):
        name = f"{case.get('classname', '')}::{case.get('name', '')}"
        is_e2e = "tests.e2e" in case.get("classname", "")
        is_redis = REDIS_TESTS in case.get("classname", "")
        outcome = {child.tag for child in case}
        if "skipped" in outcome:
            counts.skipped += 1
            counts.skipped_names.append(name)
            if is_e2e:
                counts.e2e_skipped.append(name)
            if is_redis:
                counts.redis_skipped.append(name)
            continue
        if is_redis:
            counts.redis_run += 1
        if outcome & {"failure", "error"}:
            counts.failed += 1
        else:
            counts.passed += 1
        if is_e2e:
            counts.e2e_run += 1
    return counts


def redis_problems(run: str, counts: Counts) -> list[str]:
    """The real-consumer job tests must have run against Redis (KINERJA_REQUIRE_REDIS=1 in CI)."""
    found = []
    if counts.redis_run == 0:
        found.append(f"{run}: uji konsumen pekerjaan latar dengan Redis ({REDIS_TESTS}) tidak dijalankan.")
    if counts.redis_skipped:
        found.append(f"{run}: uji Redis dilewati: " + ", ".join(counts.redis_skipped))
    return found


def main() -> int:
    problems: list[str] = []
    lines: list[str] = []

    sqlite_path = ARTIFACTS / "junit-sqlite.xml"
    if not sqlite_path.is_file():
        problems.append(f"{sqlite_path} tidak ada: run SQLite tidak berjalan.")
    else:
        sqlite = read(sqlite_path)
        lines.append(sqlite.line("sqlite"))
        if sqlite.e2e_run == 0:
            problems.append("sqlite: tidak ada uji peramban (tests.e2e) yang dijalankan.")
        if sqlite.e2e_skipped:
            problems.append("sqlite: uji peramban dilewati: " + ", ".join(sqlite.e2e_skipped))
        if sqlite.failed:
            problems.append(f"sqlite: {sqlite.failed} uji gagal.")
        problems += redis_problems("sqlite", sqlite)

    postgres_path = ARTIFACTS / "junit-postgres.xml"
    if not postgres_path.is_file():
        problems.append(f"{postgres_path} tidak ada: run PostgreSQL tidak berjalan.")
    else:
        postgres = read(postgres_path)
        lines.append(postgres.line("postgres"))
        if postgres.executed == 0:
            problems.append("postgres: tidak ada uji yang dijalankan.")
        if postgres.skipped:
            problems.append("postgres: uji dilewati: " + ", ".join(postgres.skipped_names))
        if postgres.failed:
            problems.append(f"postgres: {postgres.failed} uji gagal.")
        problems += redis_problems("postgres", postgres)

    for problem in problems:
        print(f"CI GAGAL: {problem}", file=sys.stderr)
    print("\n".join(lines))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
