"""Benchmark R2 + R3: SIGKILL of the server under write load, and online backup under write load.

Standalone: ``.venv/bin/python bench/bench_fiabilitas.py [--clients 32] [--scale 50] [--kill-after 15]
[--backup-after 5] [--backup-timeout 60]``.

The load is R1's (``bench_concurrency.py``): a fresh SQLite database (create_all +
``load_demo(scale=N)``), ``waitress-serve --threads 8``, ``--clients`` threads each logged in as its
own pegawai, posting one-minute daily entries in advancing, never-overlapping time slots; an entry
is acknowledged when the answer is 200 with its id in ``HX-Trigger``.

R2: after ``--kill-after`` seconds the server process is killed with SIGKILL, the clients are
stopped, and the database file is opened directly: ``PRAGMA integrity_check`` must be "ok" and every
entry acknowledged before the kill must be there (those whose answer was still in flight when the
kill fell are counted apart, and must be there too: the server answered only after its commit).

R3: a fresh server and database, the same load; after ``--backup-after`` seconds the ids
acknowledged so far are noted and the real command ``flask --app app backup DEST`` runs as a
subprocess (same environment as the server) while the load goes on.  Then the load stops and the
copy is "restored" (copied to a new path and opened as the database): ``integrity_check`` must be
"ok" and it must hold every entry acknowledged before the backup began.  Prints how long the backup
took and how many writes landed meanwhile.  Exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_server import ROOT, BackgroundLoad, Client, Server, build_database, server_env  # noqa: E402

URAIAN = "Uji fiabilitas"
SLOTS_PER_DAY = 449  # demo data occupies today's log from 07:30 on; 00:00–07:29 is free


class Writers:
    """R1's writers: one-minute entries in advancing slots; every acknowledgement is timed."""

    def __init__(self, port: int, nips: list[str], label: str):
        self.label = label
        self.today = datetime.now(ZoneInfo("Asia/Jakarta")).date().isoformat()
        self.acks: list[tuple[float, int]] = []  # (time.monotonic() when the answer was read, id)
        self.server_errors = 0
        self.exhausted = 0
        self._lock = threading.Lock()
        self.clients = []
        for nip in nips:
            client = Client(port)
            client.login(nip)
            self.clients.append(client)
        self.slots = [0] * len(self.clients)
        self.load = BackgroundLoad(f"POST /aktivitas ({label})", self.clients, self.post_entry)

    def post_entry(self, client: Client, i: int):
        m = self.slots[i]
        if m >= SLOTS_PER_DAY:
            with self._lock:
                self.exhausted += 1
            time.sleep(0.5)
            return 0, True
        self.slots[i] += 1
        body = {"tanggal": self.today, "jam_mulai": f"{m // 60:02d}:{m % 60:02d}",
                "jam_selesai": f"{(m + 1) // 60:02d}:{(m + 1) % 60:02d}",
                "uraian": f"{URAIAN} {self.label} {i}-{m}", "volume": "1", "satuan": "kegiatan",
                "rhk": "atasan", "tautan_bukti": ""}
        r, _ = client.request("POST", "/aktivitas", body, {"HX-Request": "true", "X-CSRFToken": client.token})
        trigger = r.headers.get("HX-Trigger") or ""
        if r.status == 200 and trigger:
            ack = json.loads(trigger)["aktivitasTersimpan"]["id"]
            with self._lock:
                self.acks.append((time.monotonic(), ack))
            return r.status, True
        if r.status >= 500:
            with self._lock:
                self.server_errors += 1
        return r.status, False

    def acked_before(self, moment: float) -> set[int]:
        with self._lock:
            return {i for t, i in self.acks if t < moment}

    def acked_between(self, start: float, end: float) -> set[int]:
        with self._lock:
            return {i for t, i in self.acks if start <= t <= end}


def inspect(path: Path) -> tuple[str, set[int]]:
    """Open a database file as it lies on disk: integrity_check, then the benchmark's entry ids."""
    conn = sqlite3.connect(path)
    try:
        integrity = "\n".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
        stored = {row[0] for row in conn.execute("SELECT id FROM aktivitas WHERE uraian LIKE ?", (f"{URAIAN} %",))}
    finally:
        conn.close()
    return integrity, stored


def fresh_instance(pristine: Path, tag: str) -> Path:
    """A new instance folder holding a consistent copy of the freshly built database."""
    instance = Path(tempfile.mkdtemp(prefix=f"kinerja-bench-{tag}-"))
    source, target = sqlite3.connect(pristine / "kinerja.db"), sqlite3.connect(instance / "kinerja.db")
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    return instance


def r2_kill(pristine: Path, nips: list[str], args) -> bool:
    print(f"\n== R2: SIGKILL server di tengah beban tulis ({len(nips)} klien, bunuh setelah {args.kill_after:.0f} s)",
          flush=True)
    instance = fresh_instance(pristine, "r2")
    server = Server(instance, threads=8)
    try:
        writers = Writers(server.port, nips, "r2")
        writers.load.start()
        time.sleep(args.kill_after)
        writers.load.halt()  # no new requests once the server is gone; those in flight are cut by the kill
        killed_at = time.monotonic()
        server.kill()
        print(f"server (pid {server.proc.pid}) dibunuh: SIGKILL, kode keluar {server.proc.returncode}", flush=True)
        stats = writers.load.stop()
    finally:
        server.stop()
    before = writers.acked_before(killed_at)
    every = {i for _, i in writers.acks}
    after = every - before
    integrity, stored = inspect(instance / "kinerja.db")
    missing_before = sorted(before - stored)
    missing_after = sorted(after - stored)
    unacked = len(stored - every)
    locked = server.log_text().count("database is locked")
    print(f"permintaan: {len(stats.latencies)}, status: {stats.statuses} (0 = sedang berjalan, diputus oleh kill)", flush=True)
    print(f"diakui sebelum kill: {len(before)}, diakui (jawaban sudah di jalan) sesudah kill: {len(after)}, "
          f"tersimpan: {len(stored)} (tanpa pengakuan: {unacked}), hilang: {len(missing_before)} + {len(missing_after)}, "
          f"5xx: {writers.server_errors}, 'database is locked': {locked}, integrity_check: {integrity}")
    if missing_before or missing_after:
        print(f"  contoh id hilang: {(missing_before + missing_after)[:10]}")
    ok = integrity == "ok" and not missing_before and not missing_after and bool(before)
    print("R2:", "LULUS" if ok else "GAGAL", flush=True)
    return ok


def r3_backup(pristine: Path, nips: list[str], args) -> bool:
    print(f"\n== R3: cadangan daring di tengah beban tulis ({len(nips)} klien, cadangan mulai setelah "
          f"{args.backup_after:.0f} s), lalu pulihkan", flush=True)
    instance = fresh_instance(pristine, "r3")
    dest = instance / "cadangan.db"
    server = Server(instance, threads=8)
    try:
        writers = Writers(server.port, nips, "r3")
        writers.load.start()
        time.sleep(args.backup_after)
        began = time.monotonic()
        before = writers.acked_before(began)
        command = [sys.executable, "-m", "flask", "--app", "app", "backup", str(dest)]
        try:
            result = subprocess.run(command, cwd=ROOT, env=server_env(instance), capture_output=True, text=True,
                                    timeout=args.backup_timeout, check=False)
            code, output = result.returncode, (result.stdout + result.stderr).strip()
        except subprocess.TimeoutExpired:
            code, output = None, f"tidak selesai dalam {args.backup_timeout:g} s (dihentikan)"
        ended = time.monotonic()
        time.sleep(1.0)  # the load goes on a little after the backup, as it would in production
        stats = writers.load.stop()
    finally:
        server.stop()
    during = writers.acked_between(began, ended)
    seconds = ended - began
    print(f"perintah: {' '.join(command[2:])}  →  kode {code}: {output[-500:]}", flush=True)
    print(f"permintaan: {len(stats.latencies)}, status: {stats.statuses}, 5xx: {writers.server_errors}, "
          f"galat lain: {stats.errors - writers.server_errors}", flush=True)
    size = dest.stat().st_size if dest.exists() else 0
    print(f"cadangan: {seconds:.2f} s, {size:,} bita; tulisan diakui selama cadangan: {len(during)} "
          f"({len(during) / seconds if seconds else 0:.1f}/s)")
    if code != 0 or not dest.exists():
        print("R3: GAGAL (cadangan tidak terbuat)", flush=True)
        return False
    restored_dir = Path(tempfile.mkdtemp(prefix="kinerja-bench-r3-pulih-"))
    restored = restored_dir / "kinerja.db"
    shutil.copyfile(dest, restored)
    integrity, stored = inspect(restored)
    missing = sorted(before - stored)
    print(f"dipulihkan ke {restored}: integrity_check: {integrity}; diakui sebelum cadangan: {len(before)}, "
          f"ada di salinan: {len(before & stored)}, hilang: {len(missing)}; tulisan selama cadangan yang ikut "
          f"ke salinan: {len(during & stored)} dari {len(during)}")
    if missing:
        print(f"  contoh id hilang: {missing[:10]}")
    ok = integrity == "ok" and not missing and bool(before)
    print("R3:", "LULUS" if ok else "GAGAL", flush=True)
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--scale", type=int, default=50)
    parser.add_argument("--kill-after", type=float, default=15.0)
    parser.add_argument("--backup-after", type=float, default=5.0)
    parser.add_argument("--backup-timeout", type=float, default=60.0)
    args = parser.parse_args()

    pristine = Path(tempfile.mkdtemp(prefix="kinerja-bench-fiabilitas-"))
    nips, build_seconds = build_database(pristine, args.scale)
    print(f"data demo (skala {args.scale}) dibuat dalam {build_seconds:.1f} s di {pristine}", flush=True)
    if len(nips) < args.clients:
        raise SystemExit(f"hanya {len(nips)} pegawai tersedia; naikkan --scale")
    nips = nips[: args.clients]
    results = {"R2": r2_kill(pristine, nips, args), "R3": r3_backup(pristine, nips, args)}
    print("\n" + ", ".join(f"{k}: {'LULUS' if v else 'GAGAL'}" for k, v in results.items()))
    if not all(results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
