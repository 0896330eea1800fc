"""Run the test suite the way `make test` promises (README: "Menjalankan uji").

    python tests/run_suite.py [all|sqlite|postgres] [extra pytest arguments...]

all (default)  the whole suite on SQLite, browser journeys included; then, when PostgreSQL
               answers at 127.0.0.1:5432, the suite again on PostgreSQL without the browser
               journeys (they test the pages, not the database).  PostgreSQL out of reach:
               a line says why it was skipped — or, with KINERJA_REQUIRE_POSTGRES=1, the run
               fails.
sqlite         only the SQLite run.
postgres       only the PostgreSQL run; PostgreSQL out of reach is a failure.

Redis at 127.0.0.1:6379 serves the real-consumer job tests (tests/integration/test_jobs_redis.py);
out of reach they are skipped with a reason, or, with KINERJA_REQUIRE_REDIS=1 (CI), they fail.

Each run writes a JUnit XML report to tests/_artifacts/ (junit-sqlite.xml, junit-postgres.xml),
which CI reads to make sure nothing that must run was skipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "_artifacts"
POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_problem(url: str = POSTGRES_URL) -> str | None:
    """None when PostgreSQL answers within 2 s, otherwise why not."""
    try:
        import psycopg
    except ImportError as err:  # pragma: no cover - psycopg is a runtime dependency
        return f"psycopg tidak terpasang ({err})"
    try:
        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=2) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as err:
        return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    return None


def redis_problem(host: str = "127.0.0.1", port: int = 6379) -> str | None:
    """None when Redis answers PING within 2 s, otherwise why not."""
    import socket

    try:
        with socket.create_connection((host, port), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            answer = sock.recv(64)
    except OSError as err:
        return str(err)
    return None if answer.startswith(b"+PONG") else f"jawaban tak terduga: {answer[:40]!r}"


def pytest_run(name: str, extra_env: dict[str, str], args: list[str]) -> int:
    junit = ARTIFACTS / f"junit-{name}.xml"
    env = {k: v for k, v in os.environ.items() if k != "KINERJA_TEST_DATABASE_URL"}
    env.update(extra_env)
    command = [sys.executable, "-m", "pytest", f"--junitxml={junit}", *args]
    print(f"\n=== {name}: {' '.join(command[1:])}", flush=True)
    return subprocess.call(command, cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    which = argv[0] if argv and argv[0] in ("all", "sqlite", "postgres") else "all"
    extra = argv[1:] if argv and argv[0] == which else argv
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    results: dict[str, int] = {}
    problem = redis_problem()
    if problem is not None:
        wajib = os.environ.get("KINERJA_REQUIRE_REDIS") == "1"
        print(f"=== redis: {'GAGAL — wajib tetapi' if wajib else 'uji konsumen Redis DILEWATI —'} Redis di 127.0.0.1:6379 "
              f"tidak terjangkau ({problem}).{'' if wajib else ' Set KINERJA_REQUIRE_REDIS=1 agar ini menjadi kegagalan.'}")

    if which in ("all", "sqlite"):
        (ARTIFACTS / "junit-sqlite.xml").unlink(missing_ok=True)
        results["sqlite"] = pytest_run("sqlite", {}, extra)

    if which in ("all", "postgres"):
        (ARTIFACTS / "junit-postgres.xml").unlink(missing_ok=True)
        problem = postgres_problem()
        required = which == "postgres" or os.environ.get("KINERJA_REQUIRE_POSTGRES") == "1"
        if problem is None:
            results["postgres"] = pytest_run(
                "postgres", {"KINERJA_TEST_DATABASE_URL": POSTGRES_URL}, ["-m", "not e2e", *extra]
            )
        elif required:
            print(f"\n=== postgres: GAGAL — PostgreSQL di 127.0.0.1:5432 wajib tetapi tidak terjangkau: {problem}")
            results["postgres"] = 1
        else:
            print(f"\n=== postgres: DILEWATI — PostgreSQL di 127.0.0.1:5432 tidak terjangkau ({problem}). "
                  "Suite hanya diuji pada SQLite. Set KINERJA_REQUIRE_POSTGRES=1 agar ini menjadi kegagalan.")

    print()
    for name, code in results.items():
        print(f"{name}: {'lulus' if code == 0 else f'GAGAL (kode {code})'}")
    return 0 if all(code == 0 for code in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
