"""The account of every request comes from one plain-column query (kinerja.web._load_akun): its ORM objects
are made without the ORM's row loading (kinerja.extensions.entitas_dari_baris).  They must behave exactly
like loaded ones: persistent and clean, their relationships answered without SQL, a change saved."""

from __future__ import annotations

import gc
from contextlib import contextmanager

import pytest
from sqlalchemy import inspect, select
from werkzeug.security import generate_password_hash

from kinerja import web
from kinerja.extensions import db, entitas_dari_baris, kolom_entitas
from kinerja.models import Akun, Pegawai, PejabatLuar
from tests.support.factories import PASSWORD


def _id_akun(pegawai) -> int:
    return db.session.execute(select(Akun.id).where(Akun.pegawai_id == pegawai.id)).scalar_one()


@contextmanager
def _akun_dimuat(app, akun_id: int, endpoint: str):
    """Account ``akun_id`` as a request to ``endpoint`` loads it, into an emptied session."""
    with app.test_request_context("/"):
        from flask import request

        request.url_rule = app.url_map._rules_by_endpoint[endpoint][0]
        db.session.expunge_all()
        yield web._load_akun(akun_id)


def test_the_account_and_its_profile_need_no_further_query(app, org, count_queries):
    with _akun_dimuat(app, _id_akun(org.kasi), "beranda.index") as akun:
        gc.collect()  # the session holds its objects weakly: the account keeps its pegawai alive
        with count_queries() as q:
            pegawai = akun.pegawai
            profil = (pegawai.nama, pegawai.unit.nama, pegawai.atasan.nama, pegawai.jabatan, akun.pejabat_luar,
                      akun.is_active, akun.nama_tampilan)
        assert q.count == 0, q.statements
        assert profil[:3] == (org.kasi.nama, org.seksi.nama, org.kabid.nama)
        for obj in (akun, pegawai, pegawai.unit, pegawai.atasan):
            state = inspect(obj)
            assert state.persistent and not state.modified
        assert not db.session.dirty and not db.session.new


def test_a_change_to_the_loaded_account_and_pegawai_is_saved(app, org):
    akun_id = _id_akun(org.staf1)
    with _akun_dimuat(app, akun_id, "aktivitas.index") as akun:
        akun.harus_ganti_sandi = True
        akun.pegawai.email = "staf.satu@bukitintan.go.id"
        db.session.commit()
    db.session.expire_all()
    assert db.session.get(Akun, akun_id).harus_ganti_sandi is True
    assert db.session.get(Pegawai, org.staf1.id).email == "staf.satu@bukitintan.go.id"


def test_an_external_officials_account_brings_its_pejabat_luar(app, org, count_queries):
    luar = PejabatLuar(nama="Drs. Sekda Uji, M.Si.", jabatan="Sekretaris Daerah", instansi="Pemerintah Kabupaten Uji")
    db.session.add(luar)
    db.session.flush()
    akun = Akun(username="sekda-uji", pejabat_luar_id=luar.id, password_hash=generate_password_hash(PASSWORD),
                harus_ganti_sandi=False)
    db.session.add(akun)
    db.session.flush()
    with _akun_dimuat(app, akun.id, "beranda.index") as dimuat:
        gc.collect()
        with count_queries() as q:
            assert dimuat.pegawai is None and dimuat.pejabat_luar.nama == "Drs. Sekda Uji, M.Si."
        assert q.count == 0


def test_an_object_already_in_the_session_is_the_one_returned(org):
    pegawai = db.session.get(Pegawai, org.staf2.id)
    baris = db.session.execute(select(*kolom_entitas(Pegawai)).where(Pegawai.id == org.staf2.id)).one()
    assert entitas_dari_baris(Pegawai, baris) is pegawai
    kosong = tuple(None for _ in kolom_entitas(Pegawai))
    assert entitas_dari_baris(Pegawai, kosong) is None


def test_a_logged_in_page_still_answers_with_the_same_queries(make_browser, org, count_queries):
    browser = make_browser()
    browser.login(org.staf1.nip, PASSWORD)
    with count_queries() as q:
        assert browser.get("/aktivitas").status_code == 200
    akun_queries = [s for s in q.statements if "FROM akun" in s]
    assert len(akun_queries) == 1


def test_the_day_views_account_statement_is_short_enough_for_the_driver_to_cache(app):
    """psycopg parses a statement's placeholders again on every execution when it is longer than 4 KiB
    (psycopg._queries.MAX_CACHED_STATEMENT_LENGTH): the account statement of the pages a pegawai opens
    most (no profile: the day view) stays under it."""
    from datetime import date

    from sqlalchemy.dialects import postgresql

    from kinerja import kait

    with app.test_request_context("/aktivitas"):
        stmt, _, _ = web._akun_stmt(tuple(kait.fakta_akun()), date(2026, 11, 30), False)
        assert len(str(stmt.compile(dialect=postgresql.psycopg.dialect()))) <= 4096


def test_the_account_query_leaves_out_the_secrets_and_stamps_and_they_still_read_correctly(app, org, count_queries):
    """The query of every request does not read the password hash or the entities' created/updated stamps
    (no page shows them); reading one on the loaded account loads them, with their true values, in one
    query — the password check sees the real hash.  Whether TOTP is on (every admin request asks) needs
    no query."""
    from werkzeug.security import check_password_hash

    akun_id = _id_akun(org.staf1)
    tersimpan = db.session.execute(select(Akun.password_hash, Akun.updated_at).where(Akun.id == akun_id)).one()
    with app.test_request_context("/aktivitas"):
        from flask import request

        request.url_rule = app.url_map._rules_by_endpoint["aktivitas.index"][0]
        db.session.expunge_all()
        with count_queries() as q:
            akun = web._load_akun(akun_id)
        assert len(q.statements) == 1
        for kolom in ("password_hash", "created_at", "updated_at"):
            assert f"akun.{kolom}" not in q.statements[0] and f"pa.{kolom}" not in q.statements[0]
        assert "akun.session_version" in q.statements[0]
        with count_queries() as q:
            assert akun.totp_aktif is False
        assert q.count == 0
        with count_queries() as q:
            assert akun.password_hash == tersimpan.password_hash
            assert akun.updated_at == tersimpan.updated_at
            assert akun.pegawai.created_at is not None
        assert q.count == 2  # the account's left-out columns at once, then the pegawai's
        assert check_password_hash(akun.password_hash, PASSWORD)
        assert not db.session.dirty


def test_an_entity_from_a_row_without_some_columns_loads_them_when_read(org, count_queries):
    tanpa = frozenset({"email", "updated_at"})
    db.session.expunge_all()
    baris = db.session.execute(select(*kolom_entitas(Pegawai, tanpa=tanpa)).where(Pegawai.id == org.staf2.id)).one()
    assert len(baris) == len(kolom_entitas(Pegawai)) - 2
    pegawai = entitas_dari_baris(Pegawai, baris, tanpa)
    with count_queries() as q:
        assert pegawai.nama == org.staf2.nama
    assert q.count == 0
    with count_queries() as q:
        assert pegawai.email == db.session.execute(select(Pegawai.email).where(Pegawai.id == org.staf2.id)).scalar_one()
    assert q.count == 2  # the left-out columns (one query), then the check's own


def test_leaving_out_the_key_or_an_unknown_attribute_is_refused():
    with pytest.raises(ValueError):
        kolom_entitas(Pegawai, tanpa=frozenset({"id"}))
    with pytest.raises(ValueError):
        kolom_entitas(Pegawai, tanpa=frozenset({"tidak_ada"}))


def test_an_entity_from_a_row_loads_its_other_relationships_when_read(org, count_queries):
    db.session.expunge_all()
    baris = db.session.execute(select(*kolom_entitas(Pegawai)).where(Pegawai.id == org.staf1.id)).one()
    pegawai = entitas_dari_baris(Pegawai, baris)
    with count_queries() as q:
        assert pegawai.atasan.id == org.kasi.id and pegawai.unit.id == org.seksi.id
    assert q.count == 2  # two lazy loads, as for an object the ORM loaded without them


def test_an_entity_from_a_row_lives_in_the_session_like_a_loaded_one(org):
    db.session.expunge_all()
    baris = db.session.execute(select(*kolom_entitas(Pegawai)).where(Pegawai.id == org.staf2.id)).one()
    pegawai = entitas_dari_baris(Pegawai, baris)
    assert db.session.get(Pegawai, org.staf2.id) is pegawai and pegawai in db.session
    assert inspect(pegawai).key == inspect(Pegawai).identity_key_from_primary_key([org.staf2.id])
    db.session.execute(Pegawai.__table__.update().where(Pegawai.id == org.staf2.id).values(nama="Nama Baru"))
    db.session.refresh(pegawai)
    assert pegawai.nama == "Nama Baru"
    db.session.expire(pegawai, ["nama"])
    assert pegawai.nama == "Nama Baru" and not db.session.dirty
    db.session.expunge(pegawai)
    assert inspect(pegawai).detached and db.session.get(Pegawai, org.staf2.id) is not pegawai


def test_an_account_is_active_only_while_it_and_its_pegawai_are(app, org):
    with _akun_dimuat(app, _id_akun(org.staf1), "aktivitas.index") as akun:
        assert akun.is_active and akun.is_authenticated
        akun.pegawai.aktif = False  # a change not yet flushed counts at once
        assert not akun.is_active
        akun.pegawai.aktif = True
        akun.aktif = False
        assert not akun.is_active
        db.session.expire(akun, ["aktif"])
        assert akun.is_active  # expired: read again from the database
        db.session.execute(Pegawai.__table__.update().where(Pegawai.id == org.staf1.id).values(aktif=False))
        db.session.expire_all()
        assert not akun.is_active
