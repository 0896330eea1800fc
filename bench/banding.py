"""Before/after comparison for the in-process benches of issue #17 (``--vs REV``): the tree of REV is
unpacked with ``git archive``, then a bench runs ``runs`` times alternately on REV's code and on this
tree, each run in a fresh process; the median of each figure per side and the ratio now / baseline.

Alternating runs matter on a shared machine: CPU time per request grows with the machine's load."""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "2223beb"  # the code before issue #17's work on the day view and the Beranda
TARGET = 1 / 3


def bandingkan(rev: str, runs: int, command: Callable[[str], list[str]], pola: re.Pattern, judul: str) -> None:
    """``command(root)``: the bench's argv measuring the code tree ``root``; ``pola``: (name, ms) per figure."""
    hasil: dict[str, dict[str, list[float]]] = {"dasar": {}, "kini": {}}
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-dasar-") as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        for run in range(runs):
            for side, root in (("dasar", tmp), ("kini", str(ROOT))):
                out = subprocess.run([sys.executable, *command(root)], check=True, capture_output=True, text=True,
                                     cwd=ROOT).stdout
                for name, ms in pola.findall(out):
                    hasil[side].setdefault(name.strip(), []).append(float(ms))
                print(f"   run {run + 1}/{runs} {side}: " + "; ".join(f"{k} {v[-1]:.2f} ms" for k, v in hasil[side].items()),
                      flush=True)
    print(f"== {judul}: CPU per permintaan, median {runs} run bergantian, {rev} (dasar) → kode ini (kini)")
    for name, dasar in hasil["dasar"].items():
        kini = hasil["kini"].get(name)
        if kini:
            ratio = statistics.median(kini) / statistics.median(dasar)
            print(f"   {name:<36} {statistics.median(dasar):6.2f} → {statistics.median(kini):6.2f} ms  = {ratio:.2f}×  "
                  f"(target #17 ≤ 0,33×: {'ya' if ratio <= TARGET else 'belum'})")
