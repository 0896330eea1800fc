"""Benchmark: the verifikasi inbox under 16 concurrent clients on waitress, against /healthz in
the same run (QUALITY.md P2: throughput ≥ 0.35 × /healthz, p95 ≤ 100 ms).

A fresh SQLite database (create_app + db.create_all() + load_demo(scale=N)), then Diajukan entries
inserted so every atasan's inbox holds about 50 entries.  Each client logs in as a different
atasan and loads /verifikasi/ (full page) over and over.

    python bench/bench_verifikasi.py            # BENCH_SCALE=200 BENCH_SECONDS=10 BENCH_CLIENTS=16
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_server import ROOT, Client, Server, run_phase, server_env  # noqa: E402

SCALE = int(os.environ.get("BENCH_SCALE", "200"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "16"))
PER_INBOX = 50

BUILD_SCRIPT = """
import math, sys, time
from datetime import time as jam, timedelta
from decimal import Decimal
from sqlalchemy import func, insert, select
from kinerja import create_app
from kinerja.extensions import db
from kinerja.demo import load_demo
from kinerja.models import Aktivitas, Pegawai
from kinerja.waktu import today_local, utcnow
app = create_app("production")
with app.app_context():
    started = time.perf_counter()
    db.create_all()
    load_demo(scale=int(sys.argv[1]) or None)
    per_inbox = int(sys.argv[2])
    subs = {}
    for pid, atasan_id in db.session.execute(
            select(Pegawai.id, Pegawai.atasan_id).where(Pegawai.atasan_id.is_not(None), Pegawai.aktif.is_(True))):
        subs.setdefault(atasan_id, []).append(pid)
    today, now, rows = today_local(), utcnow(), []
    for atasan_id, members in subs.items():
        each = math.ceil(per_inbox / len(members))
        for pid in members:
            for i in range(each):
                day = today - timedelta(days=1 + i // 2)
                start = 8 + 2 * (i % 2)
                rows.append(dict(pegawai_id=pid, tanggal=day, jam_mulai=jam(start), jam_selesai=jam(start + 1, 30),
                                 durasi_menit=90, uraian=f"Menyusun bahan rapat koordinasi ke-{i + 1}",
                                 volume=Decimal(1), satuan="dokumen", tugas_atasan=True, status="Diajukan",
                                 diajukan_at=now, versi=1, hari_libur=False, created_at=now, updated_at=now))
    db.session.execute(insert(Aktivitas), rows)
    db.session.commit()
    # The atasan with the most subordinates first (their inbox is the fullest).
    order = sorted(subs, key=lambda a: -len(subs[a]))
    nips = dict(db.session.execute(select(Pegawai.id, Pegawai.nip).where(Pegawai.id.in_(order))).all())
    print(f"BUILD {time.perf_counter() - started:.1f} {len(rows)} {len(subs)}")
    for a in order:
        print(nips[a])
"""


def build(instance: Path) -> tuple[list[str], str]:
    result = subprocess.run([sys.executable, "-c", BUILD_SCRIPT, str(SCALE), str(PER_INBOX)], cwd=ROOT,
                            env=server_env(instance), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"membangun basis data gagal:\n{result.stderr[-3000:]}")
    lines = result.stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("BUILD "))
    return lines[head + 1:], lines[head]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-verifikasi-") as tmp:
        instance = Path(tmp)
        atasan, info = build(instance)
        _, seconds, entries, inboxes = info.split()
        print(f"basis data: scale={SCALE}, {entries} aktivitas Diajukan di {inboxes} kotak verifikasi, "
              f"dibangun dalam {seconds} s")
        server = Server(instance, threads=8)
        try:
            clients = [Client(server.port) for _ in range(CLIENTS)]
            for i, client in enumerate(clients):
                client.login(atasan[i % len(atasan)])
            sample, html = clients[0].request("GET", "/verifikasi/")
            if sample.status != 200 or "Setujui Terpilih" not in html:
                raise SystemExit(f"kotak verifikasi tidak terbuka: {sample.status}")
            rows = html.count('data-baris="')
            print(f"contoh kotak verifikasi: {rows} baris di halaman pertama, {len(html) // 1024} KB")

            def healthz(client, _i):
                response, _ = client.request("GET", "/healthz")
                return response.status, response.status == 200

            def inbox(client, _i):
                response, body = client.request("GET", "/verifikasi/")
                return response.status, response.status == 200 and "Verifikasi Aktivitas" in body

            run_phase("pemanasan", clients, 2, inbox)
            base = run_phase("/healthz", clients, SECONDS, healthz)
            page = run_phase("/verifikasi/ (kotak masuk)", clients, SECONDS, inbox)
            base2 = run_phase("/healthz (ulang)", clients, SECONDS, healthz)
        finally:
            server.stop()
    baseline = base if base.throughput >= base2.throughput else base2
    print(f"\n{CLIENTS} klien bersamaan, waitress 8 thread, {os.cpu_count()} inti, {SECONDS:.0f} s per fase")
    for stats in (base, base2):
        print(stats.line())
    print(page.line(baseline))
    ratio = page.throughput / baseline.throughput if baseline.throughput else 0.0
    ok = ratio >= 0.35 and page.pct(95) <= 100 and page.errors == 0
    print(f"P2 kotak verifikasi: rasio {ratio:.2f} (target ≥ 0.35), p95 {page.pct(95):.0f} ms (target ≤ 100 ms), "
          f"galat {page.errors} → {'memenuhi' if ok else 'BELUM memenuhi'}")
    return 0 if page.errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
