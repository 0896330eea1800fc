"""Benchmark R1: 32 concurrent writers on SQLite (the production server), then check every write.

Standalone: ``.venv/bin/python bench/bench_concurrency.py [--seconds 60] [--clients 32] [--scale 50]``.

A fresh SQLite database (create_all + ``load_demo(scale=N)``), ``waitress-serve --threads 8``,
``--clients`` threads each logged in as its own pegawai, posting one-minute daily entries in
advancing time slots (never overlapping) for ``--seconds``.  Afterwards: every acknowledged entry
(200 with its id in ``HX-Trigger``) must be in the database, with zero "database is locked" in
the server log and zero 5xx responses.  Prints the counts and PASS/FAIL.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_server import Client, Server, build_database, run_phase  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--scale", type=int, default=50)
    args = parser.parse_args()

    instance = Path(tempfile.mkdtemp(prefix="kinerja-bench-r1-"))
    nips, build_seconds = build_database(instance, args.scale)
    print(f"data demo (skala {args.scale}) dibuat dalam {build_seconds:.1f} s di {instance}", flush=True)
    server = Server(instance, threads=8)
    acknowledged: list[int] = []
    server_errors = 0
    lock = threading.Lock()
    today = datetime.now(ZoneInfo("Asia/Jakarta")).date().isoformat()
    try:
        clients = []
        for nip in nips[: args.clients]:
            client = Client(server.port)
            client.login(nip)
            clients.append(client)
        if len(clients) < args.clients:
            raise SystemExit(f"hanya {len(clients)} pegawai tersedia; naikkan --scale")
        slots = [0] * len(clients)

        def post_entry(client, i):
            nonlocal server_errors
            m = slots[i]
            slots[i] += 1
            if m >= 449:
                raise RuntimeError("slot harian habis")
            body = {"tanggal": today, "jam_mulai": f"{m // 60:02d}:{m % 60:02d}",
                    "jam_selesai": f"{(m + 1) // 60:02d}:{(m + 1) % 60:02d}",
                    "uraian": f"Uji tulis bersamaan {i}-{m}", "volume": "1", "satuan": "kegiatan",
                    "rhk": "atasan", "tautan_bukti": ""}
            r, _ = client.request("POST", "/aktivitas", body, {"HX-Request": "true", "X-CSRFToken": client.token})
            trigger = r.headers.get("HX-Trigger") or ""
            if r.status == 200 and trigger:
                with lock:
                    acknowledged.append(json.loads(trigger)["aktivitasTersimpan"]["id"])
                return r.status, True
            if r.status >= 500:
                with lock:
                    server_errors += 1
            return r.status, False

        stats = run_phase("POST /aktivitas (htmx)", clients, args.seconds, post_entry)
        print(stats.line(), flush=True)
        print(f"status: {stats.statuses}", flush=True)
    finally:
        server.stop()
    log = server.log_text()
    locked = log.count("database is locked")
    with sqlite3.connect(instance / "kinerja.db") as conn:
        stored = {row[0] for row in conn.execute("SELECT id FROM aktivitas WHERE uraian LIKE 'Uji tulis bersamaan %'")}
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    missing = [i for i in acknowledged if i not in stored]
    print(f"diakui: {len(acknowledged)}, tersimpan: {len(stored)}, hilang: {len(missing)}, "
          f"'database is locked': {locked}, 5xx: {server_errors}, galat lain: {stats.errors}, integrity_check: {integrity}")
    ok = not missing and locked == 0 and server_errors == 0 and len(stored) == len(acknowledged) and integrity == "ok"
    print("R1:", "LULUS" if ok else "GAGAL")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
