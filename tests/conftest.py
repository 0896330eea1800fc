"""Test fixtures: one app per session, every test inside a rolled-back transaction.

SQLite (a temporary file) by default; PostgreSQL when KINERJA_TEST_DATABASE_URL is set.
CSRF protection stays on: requests carry the token like the browser does.
"""

from __future__ import annotations

import os
import re
import tempfile

import pytest
from flask_sqlalchemy.session import Session as FsaSession
from hypothesis import settings
from sqlalchemy import event

from kinerja import create_app
from kinerja.extensions import db
from tests.support.hari import hari_ini_tenang

# Randomised tests explore new inputs on a developer's machine; in CI (CI=true) they replay one
# fixed sequence so a run never fails by luck. Every failure they ever found stays as an @example.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")

_TMP = tempfile.mkdtemp(prefix="kinerja-test-")
os.environ.setdefault("KINERJA_INSTANCE_PATH", _TMP)


class _BoundSession(FsaSession):
    """A session that always uses the test's connection (and its outer transaction)."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        return self.bind


def _database_url() -> str:
    return os.environ.get("KINERJA_TEST_DATABASE_URL") or f"sqlite:///{_TMP}/test.db"


@pytest.fixture(scope="session")
def app():
    from kinerja.config import TestConfig

    application = create_app(
        TestConfig,
        SQLALCHEMY_DATABASE_URI=_database_url(),
        UPLOAD_DIR=os.path.join(_TMP, "uploads"),
    )
    with application.app_context():
        db.drop_all()
        db.create_all()
    yield application
    with application.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _jauh_dari_tengah_malam():
    """A test never starts in the last seconds of a day in WIB: what it reads as "today" and what the app
    reads a moment later are the same day (CI runs cross 17:00 UTC)."""
    hari_ini_tenang()


@pytest.fixture(autouse=True)
def _transaction(request, _jauh_dari_tengah_malam, app):
    """Each test runs in a transaction that is rolled back afterwards."""
    if "no_db" in request.keywords:
        yield None
        return
    ctx = app.app_context()
    ctx.push()
    connection = db.engine.connect()
    outer = connection.begin()
    original = db.session
    db.session = db._make_scoped_session(
        {"class_": _BoundSession, "bind": connection, "join_transaction_mode": "create_savepoint"}
    )
    try:
        yield connection
    finally:
        db.session.remove()
        db.session = original
        outer.rollback()
        connection.close()
        ctx.pop()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# ------------------------------------------------------------------ helpers

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|"X-CSRFToken": "([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


class Browser:
    """A test client that behaves like the browser: it carries the CSRF token."""

    def __init__(self, client):
        self.client = client
        self._token: str | None = None

    def token(self) -> str:
        if self._token is None:
            page = self.get("/login", follow_redirects=True)
            self._token = csrf_from(page.get_data(as_text=True))
        return self._token

    def _request(self, method: str, url: str, **kwargs):
        # Each request gets its own app context (its own g and session), like a real server.
        with self.client.application.app_context():
            response = self.client.open(url, method=method, **kwargs)
        db.session.expire_all()
        return response

    def get(self, url, htmx: bool = False, **kwargs):
        headers = kwargs.pop("headers", {})
        if htmx:
            headers["HX-Request"] = "true"
        return self._request("GET", url, headers=headers, **kwargs)

    def post(self, url, data=None, htmx: bool = False, csrf: bool = True, **kwargs):
        headers = kwargs.pop("headers", {})
        if htmx:
            headers["HX-Request"] = "true"
        if csrf:
            headers["X-CSRFToken"] = self.token()
        return self._request("POST", url, data=data or {}, headers=headers, **kwargs)

    def login(self, identitas: str, password: str):
        self._token = None
        response = self.post("/login", {"identitas": identitas, "kata_sandi": password})
        self._token = None
        return response

    def logout(self):
        response = self.post("/logout")
        self._token = None
        return response


@pytest.fixture
def browser(client):
    return Browser(client)


@pytest.fixture
def make_browser(app):
    def factory():
        return Browser(app.test_client())

    return factory


class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
            self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """Usage: with count_queries() as q: ...; q.count"""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        counter = QueryCounter()
        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)

    return counting


pytest_plugins = ["tests.support.factories", "tests.support.skp_factories", "tests.support.smtp"]
