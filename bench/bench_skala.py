"""Benchmark #17: 10,000 pegawai on PostgreSQL, two app processes; closed loop and open-loop "end of day".

    .venv/bin/python bench/bench_skala.py [--quick] [--database-url postgresql+psycopg://…/kinerja_bench_10k]

The data set (``flask demo-data --scale 10000``, ~2.5 million daily entries) is built once in the given
PostgreSQL database (default ``KINERJA_BENCH_DATABASE_URL`` or …/kinerja_bench_10k) and reused when it
already holds that many pegawai.  No PostgreSQL: the benchmark says so and is skipped.

Two ``waitress-serve --threads 8`` processes share the database, ``KINERJA_STORAGE_PATH``, the secret
and audit keys (the README's deployment layout, without nginx); every client keeps one connection to
one of them (alternating, like nginx spreading connections).

1. Closed loop: 16 staff clients, GET /healthz and GET /aktivitas (day view) in alternating slices
   (``--slices``, 5 of 4 s each per page), the day view's throughput as a ratio of /healthz's over the
   same minutes (target ≥ 0.35×); the ratio of each pair of slices is printed too.
2. Open loop: arrivals at a fixed rate (50 req/s, then +25 per step) of the end-of-day mix: day view
   40 %, save 25 %, submit 5 %, inbox 15 %, approve 10 %, Beranda 5 %.  A request's latency runs from
   its scheduled arrival (queueing included).  Reports the highest rate with p95 ≤ 200 ms and zero
   errors (target ≥ 100 req/s).
"""

from __future__ import annotations

import argparse
import os
import queue
import random
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_server import ROOT, Client, CpuFase, Server, Stats, baris_rss, gabung, run_phase  # noqa: E402

MIX = (("day view", 40), ("save", 25), ("submit", 5), ("inbox", 15), ("approve", 10), ("beranda", 5))
URAIAN_BEBAN = "Pengelolaan website pemda (uji beban)"
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/kinerja_bench_10k"


def isian_simpan(tanggal: str, menit: int, uraian: str) -> dict:
    """The quick-entry form of a one-minute entry starting ``menit`` minutes after midnight (an htmx save)."""
    return {"tanggal": tanggal, "jam_mulai": f"{menit // 60:02d}:{menit % 60:02d}",
            "jam_selesai": f"{(menit + 1) // 60:02d}:{(menit + 1) % 60:02d}", "uraian": uraian,
            "volume": "1", "satuan": "halaman", "rhk": "atasan", "tautan_bukti": ""}


def isian_setujui(aktivitas_id: int, versi: int) -> dict:
    """The inbox row's Setujui form (no verdict, no note)."""
    return {f"a{aktivitas_id}-versi": str(versi), f"a{aktivitas_id}-verdict": "", f"a{aktivitas_id}-catatan": ""}


def _today() -> str:
    return datetime.now(ZoneInfo("Asia/Jakarta")).date().isoformat()


def ensure_data(url: str, scale: int, instance: Path) -> bool:
    """Build the data set unless the database already holds ``scale`` pegawai; False without PostgreSQL."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError, ProgrammingError

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            try:
                count = conn.execute(text("SELECT count(*) FROM pegawai")).scalar_one()
            except ProgrammingError:
                count = 0
    except OperationalError as exc:
        print(f"PostgreSQL tidak terjangkau ({str(exc).splitlines()[0]}); benchmark skala DILEWATI.")
        return False
    finally:
        engine.dispose()
    if count >= scale * 0.99:
        print(f"data {count} pegawai sudah ada di basis data; dipakai ulang", flush=True)
        with engine.begin() as conn:  # a data set built before demo-data ended with ANALYZE: statistics first
            if not conn.execute(text("SELECT count(*) FROM pg_stats WHERE tablename = 'aktivitas'")).scalar_one():
                print("statistik perencana belum ada: ANALYZE", flush=True)
                conn.execute(text("ANALYZE"))
        engine.dispose()
        return True
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    env.update(KINERJA_DATABASE_URL=url, KINERJA_INSTANCE_PATH=str(instance))
    flask = [str(Path(sys.executable).parent / "flask"), "--app", "app"]
    started = time.perf_counter()
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True)
    subprocess.run([*flask, "demo-data", "--scale", str(scale)], cwd=ROOT, env=env, check=True)
    print(f"data demo skala {scale} dibuat dalam {time.perf_counter() - started:.0f} s", flush=True)
    return True


def actors(url: str, n_staf: int, n_kasi: int):
    """Staff NIPs (with an atasan, nobody below), kepala seksi NIPs with the entries waiting for them."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE instansi SET batas_menit_harian = 1440"))  # many one-minute entries a day
        kasi = conn.execute(text(
            "SELECT k.id, k.nip FROM pegawai k WHERE k.pimpinan AND EXISTS (SELECT 1 FROM pegawai s WHERE s.atasan_id = k.id)"
            " AND NOT EXISTS (SELECT 1 FROM pegawai s JOIN pegawai c ON c.atasan_id = s.id WHERE s.atasan_id = k.id)"
            " ORDER BY k.id LIMIT :n"), {"n": n_kasi}).all()
        staf = conn.execute(text(
            "SELECT p.id, p.nip FROM pegawai p WHERE p.atasan_id = ANY(:kasi) AND NOT p.pimpinan ORDER BY p.id LIMIT :n"),
            {"kasi": [k.id for k in kasi], "n": n_staf}).all()
        # A rerun on the same data set saves into the same early-morning minutes: the entries an earlier run
        # saved today go first (otherwise every save is refused as overlapping).
        conn.execute(text("DELETE FROM aktivitas WHERE pegawai_id = ANY(:staf) AND tanggal = :hari AND uraian = :u"),
                     {"staf": [s.id for s in staf], "hari": date.fromisoformat(_today()), "u": URAIAN_BEBAN})
        waiting = defaultdict(list)
        for row in conn.execute(text(
                "SELECT p.atasan_id, a.id, a.versi FROM aktivitas a JOIN pegawai p ON p.id = a.pegawai_id "
                "WHERE a.status = 'Diajukan' AND p.atasan_id = ANY(:kasi)"), {"kasi": [k.id for k in kasi]}):
            waiting[row.atasan_id].append((row.id, row.versi))
    engine.dispose()
    return [s.nip for s in staf], [(k.nip, waiting[k.id]) for k in kasi]


class Pool:
    """Logged-in clients of one kind; a request borrows one (one connection = one request at a time)."""

    def __init__(self, clients: list[Client]):
        self.free: queue.Queue = queue.Queue()
        for i, c in enumerate(clients):
            self.free.put((i, c))

    def borrow(self):
        return self.free.get()

    def give_back(self, item) -> None:
        self.free.put(item)


class Mix:
    """The end-of-day actions; each returns (status, ok)."""

    def __init__(self, staf: list[Client], kasi: list[Client], waiting: list[list[tuple[int, int]]]):
        self.staf, self.kasi, self.waiting = Pool(staf), Pool(kasi), waiting
        self.slots = [0] * len(staf)
        self.today = _today()
        self.lock = threading.Lock()

    def run(self, kind: str):
        pool = self.kasi if kind in ("inbox", "approve") else self.staf
        item = pool.borrow()
        try:
            return getattr(self, "_" + kind.replace(" ", "_"))(*item)
        finally:
            pool.give_back(item)

    def _day_view(self, i, c):
        r, body = c.request("GET", f"/aktivitas?tanggal={self.today}")
        return r.status, r.status == 200 and "Catat Aktivitas" in body

    def _save(self, i, c):
        m = self.slots[i]
        self.slots[i] += 1
        if m >= 449:  # 00:00–07:29, before the demo's own entry of today
            raise RuntimeError("slot harian habis")
        r, _ = c.request("POST", "/aktivitas", isian_simpan(self.today, m, URAIAN_BEBAN), {"HX-Request": "true", "X-CSRFToken": c.token})
        return r.status, r.status == 200 and "aktivitasTersimpan" in (r.headers.get("HX-Trigger") or "")

    def _submit(self, i, c):
        r, _ = c.request("POST", "/aktivitas/ajukan", {"tanggal": self.today},
                         {"HX-Request": "true", "X-CSRFToken": c.token})
        return r.status, r.status in (200, 422)  # 422: nothing left in Draft today (a domain answer, not a failure)

    def _inbox(self, i, c):
        r, _ = c.request("GET", "/verifikasi/")
        return r.status, r.status == 200

    def _approve(self, i, c):
        with self.lock:
            item = self.waiting[i].pop() if self.waiting[i] else None
        if item is None:
            return self._inbox(i, c)
        aid, versi = item
        r, _ = c.request("POST", f"/verifikasi/aktivitas/{aid}/setujui",
                         isian_setujui(aid, versi),
                         {"HX-Request": "true", "X-CSRFToken": c.token})
        return r.status, r.status == 200

    def _beranda(self, i, c):
        r, _ = c.request("GET", "/")
        return r.status, r.status == 200


def open_loop(mix: Mix, rate: float, seconds: float, workers: int = 96) -> tuple[Stats, dict[str, Stats]]:
    rng = random.Random(int(rate))
    kinds = [k for k, w in MIX for _ in range(w)]
    jobs: queue.Queue = queue.Queue()
    total, per_kind = Stats(f"{rate:.0f} req/s"), {k: Stats(k) for k, _ in MIX}

    def worker():
        while True:
            job = jobs.get()
            if job is None:
                return
            due, kind = job
            try:
                status, ok = mix.run(kind)
            except Exception as exc:  # noqa: BLE001 — a benchmark counts every failure
                status, ok = 0, False
                print(f"  {kind}: {type(exc).__name__}: {exc}", file=sys.stderr)
            latency = time.perf_counter() - due
            total.add(latency, status, ok)
            per_kind[kind].add(latency, status, ok)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(workers)]
    for t in threads:
        t.start()
    began = time.perf_counter()
    n = int(rate * seconds)
    for k in range(n):
        due = began + k / rate
        delay = due - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        jobs.put((due, rng.choice(kinds)))
    for _ in threads:
        jobs.put(None)
    for t in threads:
        t.join(120)
    total.seconds = time.perf_counter() - began
    for s in per_kind.values():
        s.seconds = total.seconds
    return total, per_kind


def _login_all(nips: list[str], ports: list[int]) -> list[Client]:
    """Log in in parallel (each login costs a production scrypt hash on the server)."""
    from concurrent.futures import ThreadPoolExecutor

    clients = [Client(ports[k % len(ports)]) for k in range(len(nips))]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda pair: pair[0].login(pair[1]), zip(clients, nips, strict=True)))
    return clients


def main() -> int:  # noqa: C901 — one linear script
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("KINERJA_BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--scale", type=int, default=10000)
    parser.add_argument("--quick", action="store_true", help="shorter phases (8 s) and rates 50, 100, 150")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8, help="waitress threads per process")
    parser.add_argument("--rates", help="comma-separated open-loop rates (default 50,75,100,125,150,…)")
    parser.add_argument("--slices", type=int, default=5, help="closed loop: alternating slices per page")
    args = parser.parse_args()
    seconds = 8.0 if args.quick else 20.0
    work = Path(tempfile.mkdtemp(prefix="kinerja-bench-skala-"))
    if not ensure_data(args.database_url, args.scale, work / "build"):
        return 0
    staf_nips, kasi = actors(args.database_url, 40, 12)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    env.update(KINERJA_ENV="production", KINERJA_DATABASE_URL=args.database_url, KINERJA_SECURE_COOKIES="0",
               KINERJA_STORAGE_PATH=str(work / "bersama"), KINERJA_SECRET_KEY=secrets.token_hex(32),
               KINERJA_AUDIT_KEY=secrets.token_hex(32), KINERJA_BASE_URL="http://127.0.0.1/", KINERJA_HTMX_CDN="0",
               PYTHONUNBUFFERED="1")
    servers = [Server(work / f"proses-{n + 1}", threads=args.threads, env={**env, "KINERJA_INSTANCE_PATH": str(work / f"proses-{n + 1}")})
               for n in range(args.processes)]
    ports = [s.port for s in servers]
    print(f"{len(servers)} proses aplikasi (waitress --threads {args.threads}) di port {ports}; beban mesin: {os.getloadavg()[0]:.1f}",
          flush=True)
    try:
        closed = _login_all(staf_nips[:16], ports)
        extra_staf = _login_all(staf_nips[16:], ports)
        mix_kasi = _login_all([nip for nip, _ in kasi], ports)

        def healthz(client, i):
            r, _ = client.request("GET", "/healthz")
            return r.status, r.status == 200

        today = _today()

        def day_view(client, i):
            r, body = client.request("GET", f"/aktivitas?tanggal={today}")
            return r.status, r.status == 200 and "Catat Aktivitas" in body

        for c in closed:
            healthz(c, 0)
            day_view(c, 0)
        print(f"\n== loop tertutup: 16 klien, /healthz dan tampilan hari bergantian dalam {args.slices} potongan "
              f"@ {seconds / args.slices:.0f} s", flush=True)
        # In alternating slices, so that both pages meet the same machine: on a shared machine /healthz alone
        # moved 650–1,040 req/s between two 20-second phases a minute apart (session 11), more than any change.
        cpu_base, cpu_hari = CpuFase(servers), CpuFase(servers)
        cpu_hari.henti()
        potongan_base, potongan_hari = [], []
        for _ in range(args.slices):
            cpu_base.lanjut()
            potongan_base.append(run_phase("GET /healthz", closed, seconds / args.slices, healthz))
            cpu_base.henti()
            cpu_hari.lanjut()
            potongan_hari.append(run_phase("GET /aktivitas (tampilan hari)", closed, seconds / args.slices, day_view))
            cpu_hari.henti()
        base = gabung("GET /healthz", potongan_base)
        hari = gabung("GET /aktivitas (tampilan hari)", potongan_hari)
        print("   " + base.line())
        print("      " + cpu_base.baris(len(base.latencies)))
        print("   " + hari.line(base))
        print("      " + cpu_hari.baris(len(hari.latencies)))
        per_potongan = [h.throughput / b.throughput for b, h in zip(potongan_base, potongan_hari, strict=True) if b.throughput]
        print("      per potongan: " + " ".join(f"{r:.2f}×" for r in per_potongan))
        ratio = hari.throughput / base.throughput if base.throughput else 0.0

        print("\n== loop terbuka: akhir hari kerja (campuran " + ", ".join(f"{k} {w}%" for k, w in MIX) + ")", flush=True)
        mix = Mix(closed + extra_staf, mix_kasi, [w for _, w in kasi])  # 40 staff, 12 kepala seksi
        rates = ([float(r) for r in args.rates.split(",")] if args.rates
                 else [50.0, 100.0, 150.0] if args.quick else [50.0 + 25 * k for k in range(8)])
        best = 0.0
        for rate in rates:
            total, per_kind = open_loop(mix, rate, seconds)
            held = total.errors == 0 and total.pct(95) <= 200
            print(f"   laju {rate:5.0f} req/s: tercapai {total.throughput:6.1f} req/s  p50 {total.pct(50):7.1f} ms  "
                  f"p95 {total.pct(95):7.1f} ms  galat {total.errors}  {'OK' if held else 'LEWAT BATAS'}", flush=True)
            for s in per_kind.values():
                print(f"      {s.name:<10} {len(s.latencies):5d} req  p95 {s.pct(95):7.1f} ms  galat {s.errors}")
            if held:
                best = rate
            else:
                break
            time.sleep(2)
        rss = baris_rss(servers)  # after the closed loop and every open-loop step, before the processes stop
    finally:
        for s in servers:
            s.stop()
    print("\n== ringkasan #17 (2 proses, PostgreSQL, beban mesin saat selesai "
          f"{os.getloadavg()[0]:.1f})")
    print(f"   tampilan hari, loop tertutup: {ratio:.2f}× /healthz — target ≥ 0,35×: {'TERPENUHI' if ratio >= 0.35 else 'TIDAK terpenuhi'}")
    print(f"   loop terbuka: laju tertinggi dengan p95 ≤ 200 ms dan tanpa galat = {best:.0f} req/s — target ≥ 100 req/s: "
          f"{'TERPENUHI' if best >= 100 else 'TIDAK terpenuhi'}")
    print(f"   {rss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
