"""kinerja — pengelolaan kinerja pegawai ASN untuk intranet dinas."""

from __future__ import annotations

import logging
import os

from flask import Flask

from kinerja.config import (
    CONFIGS,
    engine_options,
    resolve_audit_key,
    resolve_base_url,
    resolve_secret_key,
    resolve_storage,
    resolve_trusted_hosts,
)

# Feature packages; each is one blueprint, one URL prefix, one template folder, and has
# ``init_app(app)`` that registers the blueprint and its hooks (kinerja.kait), in this order.
FEATURES = (
    "kinerja.akun",
    "kinerja.beranda",
    "kinerja.notifikasi",
    "kinerja.admin",
    "kinerja.periode",
    "kinerja.audit",
    "kinerja.jobs",
    "kinerja.skp",
    "kinerja.aktivitas",
    "kinerja.verifikasi",
    "kinerja.dialog",
    "kinerja.laporan",
    "kinerja.evaluasi",
    "kinerja.cetak",
    "kinerja.dasbor",
    "kinerja.pengumuman",
    "kinerja.sosialisasi",
    "kinerja.pengembangan",
    "kinerja.panduan",
    "kinerja.pejabat_luar",
    "kinerja.mutasi",
    "kinerja.cari",
    "kinerja.ketidakhadiran",
    "kinerja.rencana_aksi",
)


class Aplikasi(Flask):
    """Flask with the app's Jinja environment (``kinerja.templat``) and ``ensure_sync`` remembered per function.

    Flask asks ``ensure_sync`` about every hook, context processor and view on every request
    (``inspect.iscoroutinefunction``: some five Python calls each, about a hundred per page).  The answer for
    a function never changes; past ``BATAS_SINKRON`` functions (none registers that many) it is worked out
    each time."""

    BATAS_SINKRON = 1024

    def __init__(self, *args, **kwargs):
        from kinerja.templat import LingkunganJinja

        self.jinja_environment = LingkunganJinja  # before anything touches app.jinja_env
        self._sinkron: dict = {}
        super().__init__(*args, **kwargs)

    def ensure_sync(self, func):
        hasil = self._sinkron.get(func)
        if hasil is None:
            hasil = super().ensure_sync(func)
            if len(self._sinkron) < self.BATAS_SINKRON:
                self._sinkron[func] = hasil
        return hasil


def create_app(config: str | type | None = None, **overrides) -> Flask:
    env_name = config if isinstance(config, str) else os.environ.get("KINERJA_ENV", "development")
    config_class = config if isinstance(config, type) else CONFIGS[env_name]
    if isinstance(config, type):
        env_name = {v: k for k, v in CONFIGS.items()}.get(config, "development")

    app = Aplikasi(
        __name__,
        instance_path=str(config_class.INSTANCE_DIR),
        template_folder="../templates",
        static_folder="../static",
    )
    app.config.from_object(config_class)
    app.config.update(overrides)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(app.config)
    app.config["ENV_NAME"] = env_name
    app.config["SECRET_KEY"] = resolve_secret_key(app.config, env_name)
    resolve_storage(app.config, env_name)
    app.config["KINERJA_BASE_URL"] = resolve_base_url(app.config, env_name)
    app.config["TRUSTED_HOSTS"] = resolve_trusted_hosts(app.config, env_name)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config["AUDIT_KEY"] = resolve_audit_key(app.config)

    from kinerja.security import content_security_policy

    app.config.setdefault("CSP", content_security_policy(app.config["HTMX_CDN_URL"] if app.config["HTMX_CDN"] else None))

    if app.config.get("PROXY_FIX"):
        # Behind nginx: trust one proxy for the client address, scheme and host.
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    from kinerja.formulir import IdConverter

    # Before any blueprint registers: every <int:…> in a path is bounded to a database id.
    app.url_map.converters["int"] = IdConverter

    _configure_logging(app)
    if (env_name == "production" and not os.environ.get("KINERJA_AUDIT_KEY")
            and not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")):
        # Several servers on one database must share the key, or the chain will not verify.
        logging.getLogger(__name__).warning(
            "KINERJA_AUDIT_KEY belum diisi: kunci audit diambil dari %s/audit_key. Bila ada lebih dari satu "
            "server aplikasi, isi KINERJA_AUDIT_KEY yang sama di semua server.", app.instance_path)
    _init_extensions(app)
    _init_features(app)

    from kinerja import aset, cli, format, tautan, web

    aset.init_app(app)
    tautan.init_app(app)
    format.init_app(app)
    web.init_app(app)
    cli.init_app(app)
    return app


def _configure_logging(app: Flask) -> None:
    if not app.debug and not app.testing and not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        for noisy in ("alembic", "weasyprint", "fontTools"):
            logging.getLogger(noisy).setLevel(logging.WARNING)


def _init_extensions(app: Flask) -> None:
    from kinerja.database import configure_engine, configure_ping, configure_postgresql
    from kinerja.extensions import csrf, db, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), "..", "migrations"),
                     render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    with app.app_context():
        configure_engine(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
        configure_postgresql(db.engine)
        configure_ping(db.engine, app.config["DB_PING_AFTER_IDLE_S"])


def _init_features(app: Flask) -> None:
    import importlib

    from kinerja import kait

    kait.init_app(app)
    for name in FEATURES:
        importlib.import_module(name).init_app(app)
