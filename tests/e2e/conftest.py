"""Browser journeys: Playwright (sync API) driving Debian's Chromium against a live server.

The live server is the production WSGI server (waitress) running the real app on a fresh
SQLite database in a temporary instance folder, migrated with ``flask db upgrade`` and
filled with ``flask demo-data`` — exactly what ``make run`` does.

Playwright never downloads a browser: it is pointed at /usr/bin/chromium.  Without that
binary every test here is skipped with a reason, unless KINERJA_REQUIRE_E2E=1 (CI), in which
case they fail.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
E2E_DIR = Path(__file__).resolve().parent
ARTIFACTS = ROOT / "tests" / "_artifacts" / "e2e"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
MISSING_CHROMIUM = f"Chromium tidak ditemukan di {CHROMIUM}; uji peramban dilewati"
# The CDN that serves htmx.  Every browser context blocks it, so the journeys run the same
# with or without internet, and the fallback to static/vendor/htmx is always exercised.
CDN_PATTERN = re.compile(r"^https://cdn\.jsdelivr\.net/")

DEMO_PASSWORD = "kinerja-demo-2026"


def e2e_required() -> bool:
    return os.environ.get("KINERJA_REQUIRE_E2E") == "1"


def chromium_available() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason=MISSING_CHROMIUM)
    missing = not chromium_available()
    for item in items:
        if E2E_DIR not in Path(str(item.path)).resolve().parents:
            continue
        item.add_marker(pytest.mark.e2e)
        if missing and not e2e_required():
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _transaction():
    """The journeys talk to a separate server process: no shared test transaction here."""
    yield None


# ------------------------------------------------------------------ live server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(instance: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    env.update(
        KINERJA_ENV="development",
        KINERJA_INSTANCE_PATH=str(instance),
        KINERJA_DATABASE_URL=f"sqlite:///{instance / 'kinerja.db'}",
        KINERJA_SECURE_COOKIES="0",
        PYTHONUNBUFFERED="1",
    )
    return env


def _flask(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"`flask {' '.join(args)}` gagal ({result.returncode}):\n{result.stdout}\n{result.stderr}")


def _wait_until_healthy(url: str, proc: subprocess.Popen, log_path: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"waitress berhenti (kode {proc.returncode}):\n{log_path.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"{url} tidak menjawab dalam {timeout:.0f} detik:\n{log_path.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """Base URL of a waitress server on a migrated SQLite database with the demo data, and a
    background-job consumer (``flask jobs``) beside it."""
    instance = tmp_path_factory.mktemp("kinerja-e2e")
    env = _server_env(instance)
    _flask(env, "db", "upgrade")
    _flask(env, "demo-data")

    port = _free_port()
    waitress = Path(sys.executable).parent / "waitress-serve"
    log_path = instance / "server.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [str(waitress), "--host", "127.0.0.1", "--port", str(port), "--threads", "4", "app:app"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    # One background-job consumer beside the server, as `make run` starts (Cetak Massal, large imports).
    with open(instance / "jobs.log", "w") as log:
        jobs = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "app", "jobs", "--workers", "1"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(f"{base_url}/healthz", proc, log_path)
        yield base_url
    finally:
        for p in (proc, jobs):
            p.terminate()
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=10)


# ------------------------------------------------------------------ browser


@pytest.fixture(scope="session")
def chromium():
    if not chromium_available():
        # Only reached when KINERJA_REQUIRE_E2E=1; otherwise the tests were skipped at collection.
        pytest.fail(f"{MISSING_CHROMIUM.split(';')[0]}, padahal KINERJA_REQUIRE_E2E=1.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class PageWatch:
    """Collects what a user would never see but we must: CSP refusals and script errors."""

    def __init__(self, page):
        self.csp: list[str] = []
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda err: self.errors.append(str(err)))

    def _console(self, msg) -> None:
        if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text:
            self.csp.append(msg.text)

    def assert_clean(self, where: str) -> None:
        assert not self.csp, f"Pelanggaran CSP di {where}: {self.csp}"
        assert not self.errors, f"Galat JavaScript di {where}: {self.errors}"


class Visit:
    """Per-page checks for a journey: screenshot, axe-core, CSP and script errors."""

    def __init__(self, page, watch: PageWatch, name: str):
        self.page, self.watch = page, watch
        self.folder = ARTIFACTS / name
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.count = 0

    def check(self, label: str) -> None:
        """Call on every page the journey reaches."""
        from axe_playwright_python.sync_playwright import Axe

        self.page.wait_for_load_state("load")
        # Judge the settled page, not a hover transition under wherever the last click left the pointer.
        self.page.mouse.move(0, 0)
        self.page.wait_for_timeout(250)
        self.count += 1
        self.page.screenshot(path=str(self.folder / f"{self.count:02d}-{label}.png"), full_page=True)
        results = Axe().run(self.page)
        assert results.violations_count == 0, f"axe-core pada {label} ({self.page.url}):\n{results.generate_report()}"
        self.watch.assert_clean(f"{label} ({self.page.url})")


def _new_page(chromium, base_url: str, request, **context_options):
    context = chromium.new_context(base_url=base_url, locale="id-ID", timezone_id="Asia/Jakarta", **context_options)
    context.set_default_timeout(10_000)
    context.route(CDN_PATTERN, lambda route: route.abort())
    page = context.new_page()
    watch = PageWatch(page)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    return context, page, Visit(page, watch, name)


class Tab:
    """One browser tab in its own context, with the per-page checks of the journey."""

    def __init__(self, page, visit: Visit):
        self.page, self.visit = page, visit


@pytest.fixture
def tab(chromium, live_server, request):
    """A desktop-sized tab (1280×900)."""
    context, page, visit = _new_page(chromium, live_server, request, viewport={"width": 1280, "height": 900})
    yield Tab(page, visit)
    context.close()


@pytest.fixture
def phone_tab(chromium, live_server, request):
    """A phone-sized tab (390×844, touch)."""
    context, page, visit = _new_page(
        chromium, live_server, request,
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True,
    )
    yield Tab(page, visit)
    context.close()
