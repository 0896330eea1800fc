"""Configuration classes.

SQLite in ``instance/`` by default; PostgreSQL (or another server) through
``KINERJA_DATABASE_URL``.  Uploads and signed documents in ``instance/uploads`` or, for several app
processes, in the shared ``KINERJA_STORAGE_PATH``.  Production refuses to start without
``KINERJA_SECRET_KEY``; development keeps a generated key in ``instance/``.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("KINERJA_INSTANCE_PATH", BASE_DIR / "instance"))


class ConfigError(RuntimeError):
    """The configuration cannot be used (raised at start-up)."""


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def development_secret_key(instance_dir: Path) -> str:
    """Return the development key kept in ``instance/``, creating it once."""
    instance_dir.mkdir(parents=True, exist_ok=True)
    path = instance_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def htmx_cdn_enabled(environ=os.environ) -> bool:
    """KINERJA_HTMX_CDN: "0" (or "false", "tidak") serves htmx only from static/vendor/."""
    return environ.get("KINERJA_HTMX_CDN", "1").strip().lower() not in ("0", "false", "no", "tidak", "off")
def audit_key_file(instance_dir: Path) -> str:
    """Return the audit key kept in ``instance/audit_key`` (mode 0600), creating it once.

    It is a separate file from the database on purpose: a copy of the database alone (or write
    access to it) is not enough to recompute the audit chain.  Back it up separately.
    """
    instance_dir.mkdir(parents=True, exist_ok=True)
    path = instance_dir / "audit_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w") as fh:
        fh.write(key + "\n")
    return key


def resolve_audit_key(app_config: dict) -> bytes:
    """``KINERJA_AUDIT_KEY``, else the configured key (tests), else the key file in ``instance/``."""
    key = os.environ.get("KINERJA_AUDIT_KEY") or app_config.get("AUDIT_KEY")
    if key is None:
        key = audit_key_file(Path(app_config["INSTANCE_DIR"]))
    if len(key) < 32:
        raise ConfigError("KINERJA_AUDIT_KEY terlalu pendek: minimal 32 karakter (mis. hasil token_hex(32)).")
    return key.encode("utf-8")


def engine_options(app_config) -> dict:
    """``SQLALCHEMY_ENGINE_OPTIONS`` with the pool sized by ``DB_POOL_SIZE``/``DB_POOL_OVERFLOW`` and last
    in, first out, unless given explicitly; an in-memory SQLite database (one shared connection) and a
    custom pool class keep their own.  LIFO: at light load one warm connection serves request after
    request and the others rest (pinged when a burst needs them, ``kinerja.database.configure_ping``)."""
    options = dict(app_config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    url = str(app_config["SQLALCHEMY_DATABASE_URI"])
    in_memory = url.startswith("sqlite") and (":memory:" in url or url.rstrip("/") == "sqlite:")
    if not in_memory and "poolclass" not in options:
        options.setdefault("pool_size", app_config["DB_POOL_SIZE"])
        options.setdefault("max_overflow", app_config["DB_POOL_OVERFLOW"])
        options.setdefault("pool_use_lifo", True)
    return options


class Config:
    INSTANCE_DIR = INSTANCE_DIR
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "KINERJA_DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'kinerja.db'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    # A pooled connection is tested before use only after resting this long (kinerja.database.configure_ping;
    # None: never).  SQLAlchemy's pool_pre_ping tested it at every request: a round trip per page.
    DB_PING_AFTER_IDLE_S: float | None = 1.0
    # Connections kept open per app process (kinerja.config.engine_options): at least the server's threads
    # (waitress --threads 8; gunicorn --threads 4).  With SQLAlchemy's default of 5, eight busy threads
    # opened and closed overflow connections all the time — on PostgreSQL each a new backend process.
    DB_POOL_SIZE = _env_int("KINERJA_DB_POOL_SIZE", 8)
    DB_POOL_OVERFLOW = 4  # beyond it (jobs, a burst): opened for the moment, closed again
    SQLITE_BUSY_TIMEOUT_MS = 15000
    UPLOAD_DIR = INSTANCE_DIR / "uploads"
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024

    # Sessions (QUALITY.md: idle 60 min with a warning, absolute 12 h).
    SESSION_COOKIE_NAME = "kinerja_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("KINERJA_SECURE_COOKIES", "0") == "1"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    # The cookie is sent again only when the session changes (kinerja.web.LANGKAH_LAST_SEEN): the idle and
    # absolute timeouts are checked on the server, from the session's own clock.
    SESSION_REFRESH_EACH_REQUEST = False
    IDLE_TIMEOUT_MINUTES = _env_int("KINERJA_IDLE_TIMEOUT_MINUTES", 60)
    IDLE_WARNING_MINUTES = 5
    ABSOLUTE_TIMEOUT_HOURS = 12
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)

    # Passwords: scrypt, OWASP's N=2^15 r=8 p=3 variant (32 MiB per hash).
    PASSWORD_HASH_METHOD = "scrypt:32768:8:3"
    # At most this many hashes at once per process (kinerja.akun.sandi): each one holds 32 MiB.
    PASSWORD_HASH_CONCURRENCY = _env_int("KINERJA_PASSWORD_HASH_CONCURRENCY", 2)
    # Login throttling (OWASP device cookies): per account, per client address, per trusted browser.
    LOGIN_MAX_FAILURES = 5            # per account (untrusted browsers), per trusted browser, per 2FA code
    LOGIN_MAX_FAILURES_IP = 20        # per client address (an office shares one address behind NAT)
    LOGIN_LOCK_MINUTES = 15           # first lock; doubles on each further lock, at most 24 h
    LOGIN_WINDOW_MINUTES = 60         # failures older than this (since the last one) are forgotten
    DEVICE_COOKIE_DAYS = 180          # a trusted browser's cookie (and its record) expire after this
    TOTP_ISSUER = "kinerja"
    # Admin accounts must use two-factor login (production).
    WAJIB_2FA_ADMIN = False
    AUDIT_KEY: str | None = None

    WTF_CSRF_TIME_LIMIT = None  # the session's own limits apply
    LOGO_MAX_BYTES = 1024 * 1024
    BUKTI_MAX_BYTES = 5 * 1024 * 1024  # bukti dukung uploads (aktivitas harian)
    PROXY_FIX = os.environ.get("KINERJA_PROXY_FIX", "0") == "1"
    # The public address printed in QR codes and documents (e.g. https://kinerja.bukitintankab.go.id/),
    # never taken from a request's Host header.  Required in production; see resolve_base_url.
    KINERJA_BASE_URL = os.environ.get("KINERJA_BASE_URL") or None
    # Host headers the app answers (Flask/werkzeug answer 400 to others).  Outside production the
    # default is localhost, 127.0.0.1 and the host of KINERJA_BASE_URL; KINERJA_TRUSTED_HOSTS
    # (comma-separated, ".example.go.id" for subdomains) sets it in any environment.
    TRUSTED_HOSTS: list[str] | None = None
    HTMX_VERSION = "2.0.11"
    # htmx from its CDN (design card), falling back to static/vendor/ when the CDN has not answered
    # within HTMX_CDN_TIMEOUT_MS; KINERJA_HTMX_CDN=0 serves only the local copy (and the CSP names no CDN).
    HTMX_CDN = htmx_cdn_enabled()
    HTMX_CDN_TIMEOUT_MS = 1000
    HTMX_CDN_URL = "https://cdn.jsdelivr.net/npm/htmx.org@2.0.11/dist/htmx.min.js"
    HTMX_INTEGRITY = "sha384-2OatzQy1H+Zd/IIrjr1TcuDGqLXeHhbooAyJY1KdQMKnr4LZ22k31GBLdYKHmVjg"
    SECRET_KEY: str | None = None
    # Background jobs (kinerja/jobs): RedisHuey when KINERJA_REDIS_URL is set, else SqliteHuey in
    # instance/antrian.db; KINERJA_JOBS_NAMA names the queue (several apps on one Redis).
    REDIS_URL = os.environ.get("KINERJA_REDIS_URL") or None
    JOBS_NAMA = os.environ.get("KINERJA_JOBS_NAMA") or "kinerja"
    JOBS_IMMEDIATE = False
    # A pegawai import above this many rows runs as a background job (with a progress bar).
    IMPOR_BATAS_LATAR = 1000

    # E-mail (SMTP) for notifications, reminders and "Lupa kata sandi?"; no server = in-app only.
    MAIL_SERVER = os.environ.get("KINERJA_MAIL_SERVER") or None
    MAIL_PORT = _env_int("KINERJA_MAIL_PORT", 587)
    MAIL_USERNAME = os.environ.get("KINERJA_MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("KINERJA_MAIL_PASSWORD") or None
    MAIL_USE_TLS = os.environ.get("KINERJA_MAIL_USE_TLS", "1").strip().lower() not in ("0", "false", "no", "tidak", "off")
    MAIL_DEFAULT_SENDER = os.environ.get("KINERJA_MAIL_SENDER") or "kinerja@localhost"
    MAIL_TIMEOUT = 20
    MAIL_BACKEND = "smtp"


class DevelopmentConfig(Config):
    DEBUG = False
    KINERJA_BASE_URL = os.environ.get("KINERJA_BASE_URL") or "http://127.0.0.1:5000/"


class TestConfig(Config):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = os.environ.get("KINERJA_TEST_DATABASE_URL", "sqlite://")
    SECRET_KEY = "kunci-rahasia-khusus-pengujian-saja"
    # Tests are not measuring the hash cost; a cheap scrypt keeps them fast.
    PASSWORD_HASH_METHOD = "scrypt:1024:8:1"
    WTF_CSRF_ENABLED = True
    KINERJA_BASE_URL = "http://localhost/"
    AUDIT_KEY = "kunci-audit-khusus-pengujian-saja-0123456789"
    # Every test builds its own data: the public page's figures are never reused between requests.
    PUBLIK_CACHE_DETIK = 0
    # Tests start their own SMTP server (aiosmtpd) and set MAIL_SERVER/MAIL_PORT themselves.
    MAIL_SERVER = None
    # Jobs run at once, in-process (huey immediate mode); tests/integration/test_jobs_redis.py runs a
    # real consumer against Redis.
    JOBS_IMMEDIATE = True


class ProductionConfig(Config):
    WAJIB_2FA_ADMIN = True
    SESSION_COOKIE_SECURE = os.environ.get("KINERJA_SECURE_COOKIES", "1") == "1"


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


def resolve_storage(app_config: dict, env_name: str) -> None:
    """KINERJA_STORAGE_PATH: the one location every app process shares for uploads and signed documents
    (a shared volume).  Several processes also need the same secrets, so production with a shared
    storage refuses to start unless the audit key comes from the environment too (a per-process
    ``instance/audit_key`` would break the audit chain; SECRET_KEY is required in production anyway)."""
    storage = os.environ.get("KINERJA_STORAGE_PATH", "").strip()
    if not storage:
        return
    app_config["UPLOAD_DIR"] = Path(storage)
    if env_name == "production" and not os.environ.get("KINERJA_AUDIT_KEY"):
        raise ConfigError(
            "KINERJA_AUDIT_KEY belum diisi. Dengan KINERJA_STORAGE_PATH (beberapa proses aplikasi) setiap proses "
            "harus memakai kunci audit yang sama dari lingkungan, bukan berkas instance/audit_key masing-masing."
        )


def resolve_secret_key(app_config: dict, env_name: str) -> str:
    key = os.environ.get("KINERJA_SECRET_KEY") or app_config.get("SECRET_KEY")
    if key:
        return key
    if env_name == "production":
        raise ConfigError(
            "KINERJA_SECRET_KEY belum diisi. Produksi tidak dapat berjalan tanpa kunci rahasia."
        )
    return development_secret_key(Path(app_config["INSTANCE_DIR"]))


def resolve_base_url(app_config: dict, env_name: str) -> str:
    """The configured public address, normalised to end in "/"; production refuses to start without it."""
    value = (app_config.get("KINERJA_BASE_URL") or "").strip()
    if not value:
        if env_name == "production":
            raise ConfigError(
                "KINERJA_BASE_URL belum diisi. Produksi membutuhkan alamat publik aplikasi, misalnya "
                "https://kinerja.bukitintankab.go.id/, untuk kode QR dan alamat verifikasi dokumen."
            )
        value = "http://localhost/"
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError(f"KINERJA_BASE_URL tidak valid: {value!r}. Contoh: https://kinerja.bukitintankab.go.id/")
    return value.rstrip("/") + "/"


def resolve_trusted_hosts(app_config: dict, env_name: str) -> list[str] | None:
    """KINERJA_TRUSTED_HOSTS when set; outside production localhost, 127.0.0.1 and the base URL's host."""
    from_env = os.environ.get("KINERJA_TRUSTED_HOSTS")
    if from_env:
        return [h.strip() for h in from_env.split(",") if h.strip()]
    if app_config.get("TRUSTED_HOSTS") is not None or env_name == "production":
        return app_config.get("TRUSTED_HOSTS")
    hosts = ["localhost", "127.0.0.1", "::1"]
    base_host = urlsplit(app_config["KINERJA_BASE_URL"]).hostname
    if base_host and base_host not in hosts:
        hosts.append(base_host)
    return hosts
