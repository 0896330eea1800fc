"""`make bench`: run every bench/bench_*.py in turn (each prints its own figures)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n##### {script.name}", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        print(f"##### {script.name}: selesai dalam {time.perf_counter() - started:.0f} s (kode {code})", flush=True)
        if code:
            failed.append(script.name)
    if failed:
        print("\nGagal: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
