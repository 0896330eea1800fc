"""Benchmark P2/P3/P4: the daily-entry page and its htmx submit under 16 concurrent clients.

Standalone: ``.venv/bin/python bench/bench_aktivitas.py [--scales 50,1000] [--seconds 20] [--clients 16]
[--processes 1]``.

For each scale: a fresh SQLite database in a temporary folder (create_all + ``load_demo(scale=N)``:
N pegawai with a year of daily logs), the production server (``waitress-serve --threads 8``),
16 clients each logged in as a different pegawai, then for ``--seconds`` each:
GET /healthz (baseline), GET /aktivitas (day view), POST /aktivitas (htmx quick entry, one write).
Prints throughput, p50/p95 latency and errors, throughput as a ratio to /healthz measured in the
same run, and — with two scales — the P4 growth ratio p95(largest) / p95(smallest); after the phases,
each server process's peak resident memory (``VmHWM``) against P7 (≤ 250 MB per process).
``--processes 2``: two server processes on the one SQLite file (clients alternate between them), where
SQLite's writer lock, not one process's GIL, is what the writers share.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_server import Client, Server, baris_rss, build_database, run_phase, server_env  # noqa: E402


def _today() -> str:
    return datetime.now(ZoneInfo("Asia/Jakarta")).date().isoformat()


def _servers(instance: Path, processes: int) -> list[Server]:
    """``processes`` waitress processes on the one SQLite file of ``instance`` (the others with instance
    folders of their own holding the same audit key), as ``gunicorn -w 2`` would run them."""
    servers = [Server(instance, threads=8)]
    for n in range(2, processes + 1):
        other = instance / f"proses-{n}"
        other.mkdir()
        if (instance / "audit_key").exists():
            shutil.copy2(instance / "audit_key", other / "audit_key")
        servers.append(Server(other, threads=8, env={**server_env(instance), "KINERJA_INSTANCE_PATH": str(other)}))
    return servers


def run_scale(scale: int, seconds: float, n_clients: int, processes: int = 1) -> dict:
    instance = Path(tempfile.mkdtemp(prefix=f"kinerja-bench-aktivitas-{scale}-"))
    print(f"\n== skala {scale} pegawai ({instance}), {processes} proses", flush=True)
    nips, build_seconds = build_database(instance, scale)
    print(f"   data demo dibuat dalam {build_seconds:.1f} s", flush=True)
    servers = _servers(instance, processes)
    try:
        clients = []
        for n, nip in enumerate(nips[:n_clients]):
            client = Client(servers[n % len(servers)].port)
            client.login(nip)
            clients.append(client)
        if len(clients) < n_clients:
            raise SystemExit(f"hanya {len(clients)} pegawai tersedia")
        slots = [0] * len(clients)
        today = _today()

        def healthz(client, i):
            r, _ = client.request("GET", "/healthz")
            return r.status, r.status == 200

        def day_view(client, i):
            r, body = client.request("GET", "/aktivitas")
            return r.status, r.status == 200 and "Catat Aktivitas" in body

        def post_entry(client, i):
            # One-minute entries from 00:00 on: never overlapping this pegawai's other entries.
            m = slots[i]
            slots[i] += 1
            if m >= 449:
                raise RuntimeError("slot harian habis")
            body = {"tanggal": today, "jam_mulai": f"{m // 60:02d}:{m % 60:02d}",
                    "jam_selesai": f"{(m + 1) // 60:02d}:{(m + 1) % 60:02d}",
                    "uraian": "Pengelolaan website pemda (uji beban)", "volume": "1", "satuan": "halaman",
                    "rhk": "atasan", "tautan_bukti": ""}
            r, _ = client.request("POST", "/aktivitas", body, {"HX-Request": "true", "X-CSRFToken": client.token})
            ok = r.status == 200 and "aktivitasTersimpan" in (r.headers.get("HX-Trigger") or "")
            return r.status, ok

        for client in clients:  # warm up every connection and page once
            healthz(client, 0)
            day_view(client, 0)
        results = {}
        for name, action in (("GET /healthz", healthz), ("GET /aktivitas", day_view), ("POST /aktivitas (htmx)", post_entry)):
            results[name] = run_phase(name, clients, seconds, action)
            time.sleep(1)
        base = results["GET /healthz"]
        for stats in results.values():
            print("   " + stats.line(base if stats is not base else None), flush=True)
        log = "".join(server.log_text() for server in servers)
        print(f"   'database is locked' di log server: {log.count('database is locked')}; status: "
              + json.dumps({k: v.statuses for k, v in results.items()}), flush=True)
        rss = baris_rss(servers)
        print(f"   {rss}", flush=True)
        return {"scale": scale, "build_seconds": build_seconds, "results": results, "rss": rss}
    finally:
        for server in servers:
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="50,1000", help="comma-separated pegawai counts (default 50,1000)")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--processes", type=int, default=1,
                        help="app processes on the one SQLite file, clients spread over them (default 1)")
    args = parser.parse_args()
    runs = [run_scale(int(s), args.seconds, args.clients, args.processes) for s in args.scales.split(",") if s.strip()]
    print("\n== ringkasan (target P2: ≥ 0,35× /healthz dan p95 ≤ 100 ms; P3: p95 ≤ 150 ms, tanpa galat; "
          "P7: ≤ 250 MB RSS per proses)")
    for run in runs:
        res = run["results"]
        base = res["GET /healthz"]
        for name in ("GET /aktivitas", "POST /aktivitas (htmx)"):
            s = res[name]
            print(f"   skala {run['scale']:>5}: {name:<24} {s.throughput / base.throughput:5.2f}× /healthz, "
                  f"p95 {s.pct(95):6.1f} ms, galat {s.errors}")
        print(f"   skala {run['scale']:>5}: {run['rss']}")
    if len(runs) >= 2:
        small, large = runs[0], runs[-1]
        for name in ("GET /aktivitas", "POST /aktivitas (htmx)"):
            growth = large["results"][name].pct(95) / small["results"][name].pct(95)
            print(f"   P4 {name}: p95@{large['scale']} / p95@{small['scale']} = {growth:.2f} (target ≤ 1,3)")


if __name__ == "__main__":
    main()
