"""Several app processes share nothing but PostgreSQL and one storage location (KINERJA_STORAGE_PATH).

Two real waitress processes, each with its own instance folder, on one PostgreSQL database (a schema
of its own inside the test database): a daily entry written through one is read through the other,
the session cookie of one is valid on the other, and a document signed through one is served by
the other from the shared storage.  The README's deployment section uses the same settings.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from kinerja.waktu import today_local
from tests.support.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
DB_URL = os.environ.get("KINERJA_TEST_DATABASE_URL", "")
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|"X-CSRFToken": "([^"]+)"')

pytestmark = [
    pytest.mark.no_db,
    pytest.mark.skipif(not DB_URL.startswith("postgresql"),
                       reason="butuh PostgreSQL (KINERJA_TEST_DATABASE_URL): beberapa proses tidak berbagi SQLite"),
]


class Client:
    """A browser-like session on one server: cookies and the CSRF token."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None):
        self.port = port
        self.cookies = dict(cookies or {})
        self.token = ""

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        payload = response.read()
        conn.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response, payload

    def get_token(self, path: str) -> None:
        _, html = self.request("GET", path)
        match = CSRF_RE.search(html.decode())
        assert match, f"tidak ada token CSRF di {path}"
        self.token = match.group(1) or match.group(2)

    def login(self, nip: str) -> None:
        self.get_token("/login")
        r, _ = self.request("POST", "/login", {"csrf_token": self.token, "identitas": nip, "kata_sandi": PASSWORD})
        assert r.status == 302, f"login {nip}: {r.status}"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _server(env: dict[str, str], instance: Path):
    """waitress-serve app:app on a free port with its own instance folder; yields the port."""
    port = _free_port()
    instance.mkdir(parents=True)
    with open(instance / "server.log", "w") as log:
        proc = subprocess.Popen([str(Path(sys.executable).parent / "waitress-serve"), "--host", "127.0.0.1",
                                 "--port", str(port), "--threads=4", "app:app"],
                                cwd=ROOT, env={**env, "KINERJA_INSTANCE_PATH": str(instance)},
                                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            _wait_healthy(port, instance)
            yield port
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(15)


def _wait_healthy(port: int, instance: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
        finally:
            conn.close()
    raise AssertionError((instance / "server.log").read_text()[-3000:])


@pytest.fixture
def shared(tmp_path):
    """A schema of its own in the PostgreSQL test database, the shared storage and the shared secrets."""
    schema = f"mp_{secrets.token_hex(4)}"
    admin_engine = create_engine(DB_URL)
    with admin_engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = DB_URL + ("&" if "?" in DB_URL else "?") + f"options=-csearch_path%3D{schema}"
    yield {"url": url, "storage": tmp_path / "bersama", "audit_key": secrets.token_hex(32),
           "secret_key": secrets.token_hex(32), "tmp": tmp_path}
    with admin_engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin_engine.dispose()


def _seed(shared) -> dict:
    """The org and an evaluation signed by the pegawai, waiting for the penilai's signature."""
    from kinerja import create_app
    from kinerja.config import TestConfig
    from kinerja.evaluasi import services
    from kinerja.extensions import db
    from tests.support.evaluasi import buat_skenario, isi_realisasi, nilai
    from tests.support.factories import Factory

    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=shared["url"], UPLOAD_DIR=shared["storage"],
                     AUDIT_KEY=shared["audit_key"])
    with app.app_context():
        db.create_all()
        factory = Factory()
        org = factory.org()
        s = buat_skenario(factory, org)
        ev = s.ev["staf1"]
        services.set_capaian_organisasi(factory.akun_of(org.kabid), org.seksi.id, s.periode.id, "Baik")
        isi_realisasi(factory, ev)
        nilai(factory, ev)
        services.sign_evaluasi(factory.akun_of(org.staf1), ev.id, PASSWORD, "http://kinerja.test/")
        db.session.commit()
        out = {"staf": org.staf1.nip, "kasi": org.kasi.nip, "ev": ev.id}
        db.session.remove()
        db.engine.dispose()
    return out


def test_two_processes_share_database_sessions_and_signed_documents(shared):
    data = _seed(shared)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    env.update(KINERJA_ENV="production", KINERJA_DATABASE_URL=shared["url"], KINERJA_STORAGE_PATH=str(shared["storage"]),
               KINERJA_SECRET_KEY=shared["secret_key"], KINERJA_AUDIT_KEY=shared["audit_key"],
               KINERJA_BASE_URL="http://127.0.0.1/", KINERJA_SECURE_COOKIES="0", KINERJA_HTMX_CDN="0",
               PYTHONUNBUFFERED="1")
    with _server(env, shared["tmp"] / "proses-1") as port_satu, _server(env, shared["tmp"] / "proses-2") as port_dua:
        _exercise(data, port_satu, port_dua, shared)


def _exercise(data, port_satu, port_dua, shared) -> None:
    today = today_local().isoformat()
    # A write through process 1 …
    staf = Client(port_satu)
    staf.login(data["staf"])
    staf.get_token("/aktivitas")
    r, _ = staf.request("POST", "/aktivitas", {
        "tanggal": today, "jam_mulai": "07:30", "jam_selesai": "09:00", "uraian": "Ditulis lewat proses satu",
        "volume": "1", "satuan": "kegiatan", "rhk": "atasan", "tautan_bukti": ""},
        {"HX-Request": "true", "X-CSRFToken": staf.token})
    assert r.status == 200 and r.headers.get("HX-Trigger")
    # … is read through process 2, with the session cookie process 1 issued (same secret key).
    di_dua = Client(port_dua, staf.cookies)
    r, html = di_dua.request("GET", f"/aktivitas?tanggal={today}")
    assert r.status == 200
    assert "Ditulis lewat proses satu" in html.decode()

    # The penilai signs through process 2; process 1 serves the signed document from the shared storage.
    kasi = Client(port_dua)
    kasi.login(data["kasi"])
    kasi.get_token(f"/evaluasi/{data['ev']}/tanda-tangan")
    r, body = kasi.request("POST", f"/evaluasi/{data['ev']}/tanda-tangan",
                           {"csrf_token": kasi.token, "kata_sandi": PASSWORD})
    assert r.status == 302, body.decode()[:2000]
    stored = list((shared["storage"] / "dokumen").glob("*.pdf"))
    assert stored, "dokumen bertanda tangan tidak ada di penyimpanan bersama"
    r, pdf = Client(port_satu, kasi.cookies).request("GET", f"/evaluasi/{data['ev']}/cetak/dokumen")
    assert r.status == 200 and r.headers["Content-Type"] == "application/pdf"
    assert pdf in {p.read_bytes() for p in stored}
    # Neither process keeps anything of its own that the other needs.
    for proses in ("proses-1", "proses-2"):
        assert not (shared["tmp"] / proses / "uploads").exists()
        assert not (shared["tmp"] / proses / "audit_key").exists()
