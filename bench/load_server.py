"""Helpers for the load benchmarks (not a benchmark itself): a fresh SQLite database with demo
data, the production server (waitress) as a subprocess, and a small stdlib HTTP client that
logs in like a browser (cookies + CSRF token) and times its requests.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "kinerja-demo-2026"
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|"X-CSRFToken": "([^"]+)"')


def server_env(instance: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    env.update(KINERJA_ENV="production", KINERJA_INSTANCE_PATH=str(instance),
               KINERJA_DATABASE_URL=f"sqlite:///{instance / 'kinerja.db'}", KINERJA_SECURE_COOKIES="0",
               KINERJA_SECRET_KEY=secrets.token_hex(32), KINERJA_BASE_URL="http://127.0.0.1/", PYTHONUNBUFFERED="1")
    return env


BUILD_SCRIPT = """
import sys, time
from sqlalchemy import select, update
from kinerja import create_app
from kinerja.extensions import db
from kinerja.demo import load_demo
from kinerja.models import Akun, Instansi, Pegawai
app = create_app("production")
with app.app_context():
    started = time.perf_counter()
    db.create_all()
    print(load_demo(scale=int(sys.argv[1]) or None).summary(), file=sys.stderr)
    # Benchmarks post many one-minute entries per pegawai per day.
    db.session.execute(update(Instansi).values(batas_menit_harian=1440))
    db.session.commit()
    rows = db.session.execute(select(Pegawai.nip).where(Pegawai.atasan_id.is_not(None), Pegawai.pimpinan.is_(False))
                              .order_by(Pegawai.id)).scalars().all()
    print(f"BUILD {time.perf_counter() - started:.1f}")
    for nip in rows:
        print(nip)
"""


def build_database(instance: Path, scale: int) -> tuple[list[str], float]:
    """create_all + demo data (``scale`` 0 = the normal demo); returns (staff NIPs, seconds)."""
    result = subprocess.run([sys.executable, "-c", BUILD_SCRIPT, str(scale)], cwd=ROOT, env=server_env(instance),
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"membangun basis data gagal:\n{result.stderr[-3000:]}")
    lines = result.stdout.split()
    seconds = float(lines[lines.index("BUILD") + 1])
    return lines[lines.index("BUILD") + 2:], seconds


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """waitress-serve --threads N app:app on a free port, logging to instance/server.log."""

    def __init__(self, instance: Path, threads: int = 8, env: dict[str, str] | None = None):
        self.port = free_port()
        instance.mkdir(parents=True, exist_ok=True)
        self.log_path = instance / "server.log"
        waitress = Path(sys.executable).parent / "waitress-serve"
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [str(waitress), "--host", "127.0.0.1", "--port", str(self.port), f"--threads={threads}", "app:app"],
            cwd=ROOT, env=env or server_env(instance), stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    conn.close()
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit(f"server tidak menjawab:\n{self.log_path.read_text()[-3000:]}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._log.close()

    def kill(self) -> None:
        """A crash: SIGKILL the server (waitress-serve is one process, in the caller's process group, so
        only its pid is signalled), wait for it and close the log.  ``stop()`` afterwards is harmless."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=15)
        self._log.close()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def rss_puncak_mb(self) -> float | None:
        """The process's peak resident memory so far (``VmHWM``, Linux ``/proc``) in MB, or None."""
        return rss_puncak_mb(self.proc.pid)


RSS_BATAS_MB = 250  # QUALITY P7: server memory under load ≤ 250 MB RSS per process


def rss_puncak_mb(pid: int) -> float | None:
    """Peak resident memory of a live process (``VmHWM`` in ``/proc/<pid>/status``) in MB (2**20 bytes);
    None without ``/proc`` or once the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def baris_rss(servers: list[Server]) -> str:
    """One printed line: each app process's peak RSS against P7."""
    puncak = [s.rss_puncak_mb() for s in servers]
    if any(p is None for p in puncak):
        return "RSS puncak proses aplikasi: tidak terbaca (bukan Linux)"
    teks = " / ".join(f"{p:.0f}" for p in puncak)
    hasil = "TERPENUHI" if max(puncak) <= RSS_BATAS_MB else "TIDAK terpenuhi"
    return f"RSS puncak proses aplikasi: {teks} MB — P7 ≤ {RSS_BATAS_MB} MB per proses: {hasil}"


class Client:
    """One browser-like session: keep-alive connection, cookies, CSRF token."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                payload = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    raise
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response, payload.decode("utf-8", "replace")

    def login(self, nip: str) -> None:
        _, html = self.request("GET", "/login")
        token = _csrf(html)
        response, _ = self.request("POST", "/login", {"csrf_token": token, "identitas": nip, "kata_sandi": PASSWORD})
        if response.status != 302:
            raise SystemExit(f"login {nip} gagal: {response.status}")
        _, html = self.request("GET", "/aktivitas")
        self.token = _csrf(html)


def _csrf(html: str) -> str:
    match = CSRF_RE.search(html)
    if not match:
        raise SystemExit("tidak ada token CSRF di halaman")
    return match.group(1) or match.group(2)


@dataclass
class Stats:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0
    lock = threading.Lock()

    def add(self, latency: float, status: int, ok: bool) -> None:
        with self.lock:
            self.latencies.append(latency)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if not ok:
                self.errors += 1

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        if len(self.latencies) == 1:
            return self.latencies[0] * 1000
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[int(q) - 1] * 1000

    def line(self, baseline: Stats | None = None) -> str:
        ratio = f"{self.throughput / baseline.throughput:5.2f}× /healthz" if baseline and baseline.throughput else ""
        return (f"{self.name:<28} {len(self.latencies):>6} req {self.throughput:8.1f} req/s  p50 {self.pct(50):7.1f} ms"
                f"  p95 {self.pct(95):7.1f} ms  galat {self.errors:>3}  {ratio}")


def gabung(name: str, bagian: list[Stats]) -> Stats:
    """One ``Stats`` of a phase run in slices: every request, the slices' seconds added."""
    total = Stats(name)
    for s in bagian:
        total.latencies += s.latencies
        total.errors += s.errors
        total.seconds += s.seconds
        for status, n in s.statuses.items():
            total.statuses[status] = total.statuses.get(status, 0) + n
    return total


def run_phase(name: str, clients: list[Client], seconds: float, action) -> Stats:
    """Every client runs ``action(client, i) -> (status, ok)`` in its own thread for ``seconds``."""
    stats = Stats(name)
    stop_at = time.perf_counter() + seconds
    barrier = threading.Barrier(len(clients) + 1)

    def worker(i: int, client: Client) -> None:
        barrier.wait()
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                status, ok = action(client, i)
            except Exception as exc:  # noqa: BLE001 — a benchmark counts every failure
                status, ok = 0, False
                print(f"  {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            stats.add(time.perf_counter() - started, status, ok)

    threads = [threading.Thread(target=worker, args=(i, c), daemon=True) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    barrier.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    stats.seconds = time.perf_counter() - began
    return stats


def _cpu_detik(pid: int) -> float:
    """User + system CPU seconds of a process (Linux ``/proc``); 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pid_postgres() -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


class CpuFase:
    """Where a phase's CPU went (Linux ``/proc``): the app processes, this process (the load generator),
    PostgreSQL (all its processes, backends started during the phase included) and the whole machine."""

    def __init__(self, servers: list[Server]):
        self.pids = [s.proc.pid for s in servers]
        self.jumlah: dict[str, float] = {}
        self.awal: dict[str, float] | None = self._baca()

    def henti(self) -> None:
        """Pause: what was spent since the start (or ``lanjut``) is kept; a phase run in slices between other
        phases' slices counts only its own."""
        akhir = self._baca()
        for k, v in akhir.items():
            self.jumlah[k] = self.jumlah.get(k, 0.0) + v - self.awal[k]
        self.awal = None

    def lanjut(self) -> None:
        self.awal = self._baca()

    @staticmethod
    def _mesin() -> tuple[float, float]:
        """(busy CPU seconds of the machine without steal, of which softirq — loopback network work)."""
        user, nice, system, _idle, _iowait, irq, softirq = (int(k) for k in
                                                           Path("/proc/stat").read_text().split()[1:8])
        tik = os.sysconf("SC_CLK_TCK")
        return (user + nice + system + irq + softirq) / tik, softirq / tik

    def _baca(self) -> dict[str, float]:
        mesin, softirq = self._mesin()
        return {"aplikasi": sum(_cpu_detik(p) for p in self.pids), "pemuat": time.process_time(),
                "postgres": sum(_cpu_detik(p) for p in _pid_postgres()), "softirq": softirq, "mesin": mesin}

    def baris(self, permintaan: int) -> str:
        if self.awal is not None:
            self.henti()
        per = {k: v * 1000 / max(permintaan, 1) for k, v in self.jumlah.items()}
        lain = per["mesin"] - per["aplikasi"] - per["pemuat"] - per["postgres"] - per["softirq"]
        return (f"CPU per permintaan: aplikasi {per['aplikasi']:.2f} ms, PostgreSQL {per['postgres']:.2f} ms, "
                f"pemuat beban {per['pemuat']:.2f} ms, softirq {per['softirq']:.2f} ms, lain {lain:.2f} ms; "
                f"mesin {per['mesin']:.2f} ms")


class BackgroundLoad:
    """Like ``run_phase`` but open-ended: every client runs ``action(client, i) -> (status, ok)`` in its own
    thread from ``start()`` until ``stop()``, which returns the ``Stats``.  Failures are counted; only
    the first few before ``stop()`` are printed (a killed server makes every client fail at once)."""

    def __init__(self, name: str, clients: list[Client], action, max_printed: int = 5):
        self.stats = Stats(name)
        self._clients = clients
        self._action = action
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._printed = 0
        self._max_printed = max_printed
        self._began = 0.0

    def _worker(self, i: int, client: Client) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            try:
                status, ok = self._action(client, i)
            except Exception as exc:  # noqa: BLE001 — a benchmark counts every failure
                status, ok = 0, False
                with self.stats.lock:
                    show = not self._stop.is_set() and self._printed < self._max_printed
                    self._printed += show
                if show:
                    print(f"  {self.stats.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            self.stats.add(time.perf_counter() - started, status, ok)

    def start(self) -> BackgroundLoad:
        self._threads = [threading.Thread(target=self._worker, args=(i, c), daemon=True)
                         for i, c in enumerate(self._clients)]
        self._began = time.perf_counter()
        for t in self._threads:
            t.start()
        return self

    def halt(self) -> None:
        """Ask every client to stop after its current request, without waiting."""
        self._stop.set()

    def stop(self, timeout: float = 90) -> Stats:
        self.halt()
        deadline = time.monotonic() + timeout
        for t in self._threads:
            t.join(max(0.0, deadline - time.monotonic()))
        self.stats.seconds = time.perf_counter() - self._began
        return self.stats
