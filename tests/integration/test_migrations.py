"""The migrations build exactly the schema the models describe (SQLite, and PostgreSQL when testing on it)."""

import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from kinerja import create_app
from kinerja.config import TestConfig
from kinerja.extensions import db


def _check(url: str) -> list:
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(ctx, db.metadata)
        db.engine.dispose()
    return diff


@pytest.mark.no_db
def test_sqlite_migrations_match_models(tmp_path):
    assert _check(f"sqlite:///{tmp_path}/migrasi.db") == []


@pytest.mark.no_db
def test_postgres_migrations_match_models():
    base = os.environ.get("KINERJA_TEST_DATABASE_URL", "")
    if not base.startswith("postgresql"):
        pytest.skip("bukan putaran PostgreSQL")
    name = f"kinerja_migrasi_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        assert _check(base.rsplit("/", 1)[0] + "/" + name) == []
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
