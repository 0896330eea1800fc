"""Who is the effective atasan/pimpinan of a pegawai on a date — the ONE answer every permission asks.

The atasan on record (``Pegawai.atasan_id``) unless a penugasan Plt/Plh runs that day for the unit
whose pimpinan supervises the pegawai, or for the pegawai himself (pure rules:
:mod:`kinerja.aturan_jabatan`).  While it runs, the acting official receives what the atasan on record
would: SKP approvals, verifikasi, the evaluations to rate and sign, keberatan to decide, dialog
kinerja; the atasan on record gets them back the day after it ends.  Nothing is copied or moved in
the database: open items follow the duties because every check asks this module.

The running penugasan come with the account query every request makes (``fakta_plt_sekitar``; other
dates: one query per request and date, ``percache``); with none running, every function answers from
the ``Pegawai`` row alone.  The effective direct subordinates of a pejabat are worked out once per
request (``bawahan_efektif_ids``), from the Beranda's subordinates query when it ran (``kondisi_bawahan``).
"""

from __future__ import annotations

from datetime import date
from functools import cache

from sqlalchemy import and_, bindparam, or_, select

from kinerja import aturan_jabatan as rules
from kinerja.extensions import baris, db, tetap
from kinerja.models import Pegawai, PenugasanPlt, UnitKerja
from kinerja.percache import memo_permintaan, per_request
from kinerja.waktu import today_local


def _hari(tanggal: date | None) -> date:
    return tanggal or today_local()


def _muat_berjalan(tanggal: date) -> tuple[rules.Penugasan, ...]:
    rows = db.session.execute(
        select(PenugasanPlt).where(PenugasanPlt.tanggal_mulai <= tanggal, PenugasanPlt.tanggal_selesai >= tanggal,
                                   PenugasanPlt.dibatalkan_at.is_(None))
    ).scalars()
    return tuple(ke_aturan(p) for p in rows)


def ke_aturan(p: PenugasanPlt) -> rules.Penugasan:
    return rules.Penugasan(p.id, p.jenis, p.pejabat_id, p.tanggal_mulai, p.tanggal_selesai, unit_id=p.unit_id,
                           pegawai_id=p.pegawai_id, dibatalkan=p.dibatalkan_at is not None)


def fakta_plt_sekitar(_pegawai_id_kolom):
    """For the account query (kinerja.kait.add_fakta_akun): every penugasan (not cancelled) running within a
    day of today (UTC; covers every time zone), as text ("" when none, usually).  ``penugasan_berjalan``
    for such a day then needs no query of its own: the Beranda stays within its budget while a Plt runs."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import String, cast, func

    kosong, batas = tetap(""), tetap("|")  # constants in the SQL: the account query runs on every request

    def teks(kolom):
        return func.coalesce(cast(kolom, String), kosong)

    hari = datetime.now(UTC).date()  # the account query is built anew each UTC day (web._akun_stmt)
    satu = (teks(PenugasanPlt.id) + batas + PenugasanPlt.jenis + batas + teks(PenugasanPlt.pejabat_id) + batas
            + teks(PenugasanPlt.unit_id) + batas + teks(PenugasanPlt.pegawai_id) + batas
            + teks(PenugasanPlt.tanggal_mulai) + batas + teks(PenugasanPlt.tanggal_selesai))
    semua = (select(func.aggregate_strings(satu, tetap(";")))
             .where(PenugasanPlt.tanggal_mulai <= tetap(hari + timedelta(days=1)),
                    PenugasanPlt.tanggal_selesai >= tetap(hari - timedelta(days=1)),
                    PenugasanPlt.dibatalkan_at.is_(None))
             .scalar_subquery())
    return func.coalesce(semua, kosong).label("plt_sekitar")


def _dari_fakta(teks: str) -> tuple[rules.Penugasan, ...]:
    """The penugasan of ``fakta_plt_sekitar``'s text."""
    hasil = []
    for satu in filter(None, teks.split(";")):
        pid, jenis, pejabat, unit, pegawai, mulai, selesai = satu.split("|")
        hasil.append(rules.Penugasan(int(pid), jenis, int(pejabat), date.fromisoformat(mulai[:10]),
                                     date.fromisoformat(selesai[:10]), unit_id=int(unit) if unit else None,
                                     pegawai_id=int(pegawai) if pegawai else None))
    return tuple(hasil)


def _fakta_sekitar(tanggal: date) -> str | None:
    """The account query's text of the penugasan around today, when ``tanggal`` is such a day (None: ask)."""
    from datetime import UTC, datetime

    from kinerja.konteks import ada_permintaan, pengguna
    from kinerja.percache import known

    if not ada_permintaan() or abs((tanggal - datetime.now(UTC).date()).days) > 1:
        return None
    fakta = known(f"plt_sekitar:{getattr(pengguna(), 'pegawai_id', None)}")
    return fakta if isinstance(fakta, str) else None


HARI_INI = "penugasan_plt:hari_ini"  # the running penugasan of today, once worked out in this request


def penugasan_berjalan(tanggal: date | None = None) -> tuple[rules.Penugasan, ...]:
    if tanggal is None:  # most callers: today's, asked a dozen times by one page's panels and links
        memo = memo_permintaan()
        if memo is not None and HARI_INI in memo:
            return memo[HARI_INI]
        hasil = _penugasan_berjalan(_hari(None))
        if memo is not None:
            memo[HARI_INI] = hasil
        return hasil
    return _penugasan_berjalan(tanggal)


def _penugasan_berjalan(tanggal: date) -> tuple[rules.Penugasan, ...]:
    fakta = _fakta_sekitar(tanggal)
    if fakta is not None:  # no query: the account query brought them
        return per_request(f"penugasan_plt:fakta:{tanggal.isoformat()}",
                           lambda: tuple(p for p in _dari_fakta(fakta) if rules.berlaku(p, tanggal)))
    return per_request(f"penugasan_plt:{tanggal.isoformat()}", lambda: _muat_berjalan(tanggal))


def lupakan() -> None:
    """After recording/ending a penugasan within the same request."""
    memo = memo_permintaan()
    if memo is not None:
        for k in [k for k in memo if k.startswith(("penugasan_plt:", "plt_sekitar:", "bawahan_efektif:",
                                                            "atasan_langsung:"))]:
            memo.pop(k, None)


def posisi(pegawai: Pegawai, induk_unit: dict[int, int | None] | None = None) -> rules.Posisi:
    """``induk_unit``: the parent of each unit, loaded once for many pegawai (``_posisi_semua``)."""
    induk = None
    if pegawai.pimpinan and pegawai.unit_id is not None:
        if induk_unit is not None:
            induk = induk_unit.get(pegawai.unit_id)
        else:
            induk = db.session.execute(select(UnitKerja.induk_id).where(UnitKerja.id == pegawai.unit_id)).scalar()
    return rules.Posisi(pegawai.id, pegawai.atasan_id, pegawai.unit_id, bool(pegawai.pimpinan), induk)


def _posisi_semua(pegawai: list[Pegawai]) -> list[tuple[Pegawai, rules.Posisi]]:
    """The positions of many pegawai with one query for the parents of the heads' units (none without
    heads, nor when their units are loaded already)."""
    from sqlalchemy import inspect

    if pegawai and not isinstance(pegawai[0], Pegawai):  # rows of _langsung_stmt: the parent came with them
        return [(p, rules.Posisi(p.id, p.atasan_id, p.unit_id, bool(p.pimpinan),
                                 p.induk_unit_id if p.pimpinan and p.unit_id is not None else None)) for p in pegawai]
    kepala = [p for p in pegawai if p.pimpinan and p.unit_id is not None]
    if kepala and all("unit" not in inspect(p).unloaded and p.unit is not None for p in kepala):
        induk = {p.unit_id: p.unit.induk_id for p in kepala}
        return [(p, posisi(p, induk)) for p in pegawai]
    units = {p.unit_id for p in kepala}
    induk = dict(db.session.execute(select(UnitKerja.id, UnitKerja.induk_id).where(UnitKerja.id.in_(units))).all()
                 ) if units else {}
    return [(p, posisi(p, induk)) for p in pegawai]


def penugasan_atasan(pegawai: Pegawai, tanggal: date | None = None) -> rules.Penugasan | None:
    """The running penugasan that makes someone the acting atasan of ``pegawai`` (None: nobody)."""
    tugas = penugasan_berjalan(tanggal)
    if not tugas:
        return None
    return rules.penugasan_untuk(posisi(pegawai), tugas, _hari(tanggal))


def atasan_efektif_id(pegawai: Pegawai, tanggal: date | None = None) -> int | None:
    """THE function: the effective atasan of ``pegawai`` on ``tanggal`` (today by default)."""
    p = penugasan_atasan(pegawai, tanggal)
    return p.pejabat_id if p is not None else pegawai.atasan_id


def atasan_efektif_banyak(pegawai: list[Pegawai], tanggal: date | None = None) -> dict[int, int | None]:
    """:func:`atasan_efektif_id` for many pegawai at once (no query when no penugasan runs; else one for
    the parents of the heads' units)."""
    semua = penugasan_berjalan(tanggal)
    if not semua:
        return {p.id: p.atasan_id for p in pegawai}
    return {peg.id: rules.atasan_efektif(pos, semua, _hari(tanggal)) for peg, pos in _posisi_semua(pegawai)}


def unit_plt(tanggal: date | None = None) -> dict[int, int]:
    """{unit id: the acting official} for each Plt/Plh running as pimpinan of a unit (no query when none
    runs near today)."""
    return {p.unit_id: p.pejabat_id for p in penugasan_berjalan(tanggal) if p.unit_id is not None}


def bertindak_untuk(actor_pegawai_id: int | None, pejabat_asli_id: int | None, pegawai: Pegawai,
                    tanggal: date | None = None) -> bool:
    """Does ``actor`` stand in today for ``pejabat_asli_id`` as the atasan of ``pegawai``?  (The
    evaluation's stored penilai: only when he is still the pegawai's atasan on record, or the post
    is vacant — an old penilai after a mutasi is not replaced by the new unit's Plt.)"""
    if actor_pegawai_id is None:
        return False
    p = penugasan_atasan(pegawai, tanggal)
    return (p is not None and p.pejabat_id == actor_pegawai_id
            and pejabat_asli_id in (pegawai.atasan_id, None) and pejabat_asli_id != actor_pegawai_id)


def digantikan(pejabat_asli_id: int | None, pegawai: Pegawai, tanggal: date | None = None) -> bool:
    """Are the duties of ``pejabat_asli_id`` toward ``pegawai`` with an acting official today?"""
    p = penugasan_atasan(pegawai, tanggal)
    return p is not None and p.pejabat_id != pejabat_asli_id and pejabat_asli_id == pegawai.atasan_id


def _kandidat(tugas: list[rules.Penugasan]):
    return select(Pegawai).where(_kondisi_kandidat(tugas))


def _kondisi_kandidat(tugas: list[rules.Penugasan]):
    units = {p.unit_id for p in tugas if p.unit_id is not None}
    orang = {p.pegawai_id for p in tugas if p.pegawai_id is not None}
    induk = select(UnitKerja.id).where(UnitKerja.induk_id.in_(units))
    return and_(Pegawai.aktif.is_(True), or_(
        Pegawai.id.in_(orang),
        and_(Pegawai.unit_id.in_(units), Pegawai.pimpinan.is_not(True)),
        and_(Pegawai.pimpinan.is_(True), Pegawai.unit_id.in_(induk))))


def kondisi_bawahan(pejabat_id: int, tanggal: date | None = None):
    """WHERE clause on ``Pegawai`` for ONE query that loads everyone ``bawahan_efektif_ids`` needs: those
    on record below ``pejabat_id`` (active or not) and those he may act for today.  Hand the rows to
    ``ingat_bawahan`` (the Beranda's subordinates query: no query of this module's own)."""
    milik = penugasan_milik(pejabat_id, tanggal)
    langsung = Pegawai.atasan_id == pejabat_id
    return or_(langsung, _kondisi_kandidat(milik)) if milik else langsung


def ingat_bawahan(pejabat_id: int, rows: list[Pegawai], tanggal: date | None = None) -> None:
    """The rows of a query on ``kondisi_bawahan``: remembered for ``bawahan_efektif_ids`` and co."""
    from kinerja.percache import remember

    tanggal = _hari(tanggal)
    remember(f"atasan_langsung:{pejabat_id}", [p for p in rows if p.atasan_id == pejabat_id and p.id != pejabat_id])
    if bertindak_sebagai(pejabat_id, tanggal):
        semua = penugasan_berjalan(tanggal)
        hasil = {i for i, pj in _pelaksana([p for p in rows if p.aktif], semua, tanggal).items() if pj == pejabat_id}
        remember(f"bawahan_efektif:plt:{pejabat_id}:{tanggal.isoformat()}", frozenset(hasil))


def penugasan_milik(pejabat_id: int | None, tanggal: date | None = None) -> list[rules.Penugasan]:
    """The penugasan running on ``tanggal`` that ``pejabat_id`` holds as the acting official (no query:
    the running penugasan are read once per request)."""
    return [p for p in penugasan_berjalan(tanggal) if p.pejabat_id == pejabat_id] if pejabat_id is not None else []


def bertindak_sebagai(pejabat_id: int | None, tanggal: date | None = None) -> bool:
    """Is ``pejabat_id`` the acting official (Plt/Plh) of a penugasan running on ``tanggal``?"""
    return bool(penugasan_milik(pejabat_id, tanggal))


def bertindak_atas_ids(pejabat_id: int | None, tanggal: date | None = None) -> set[int]:
    """The pegawai ``pejabat_id`` is the acting atasan of on ``tanggal`` (empty: none)."""
    if pejabat_id is None:
        return set()
    tanggal = _hari(tanggal)
    milik = penugasan_milik(pejabat_id, tanggal)
    if not milik:
        return set()
    semua = penugasan_berjalan(tanggal)
    return set(per_request(f"bawahan_efektif:plt:{pejabat_id}:{tanggal.isoformat()}",
                           lambda: frozenset(_bertindak_atas(pejabat_id, milik, semua, tanggal))))


def _bertindak_atas(pejabat_id: int, milik: list, semua: tuple, tanggal: date) -> set[int]:
    kandidat = list(db.session.execute(_kandidat(milik)).scalars())
    return {i for i, pj in _pelaksana(kandidat, semua, tanggal).items() if pj == pejabat_id}


def _pelaksana(pegawai: list[Pegawai], semua: tuple, tanggal: date) -> dict[int, int | None]:
    """{pegawai id: the acting official whose penugasan covers him on ``tanggal``, or None}."""
    hasil = {}
    for peg, pos in _posisi_semua(pegawai):
        p = rules.penugasan_untuk(pos, semua, tanggal)
        hasil[peg.id] = p.pejabat_id if p is not None else None
    return hasil


def dialihkan_ids(atasan_id: int | None, tanggal: date | None = None) -> set[int]:
    """``atasan_id``'s direct subordinates whose atasan duties are with an acting official today."""
    if atasan_id is None or not penugasan_berjalan(tanggal):
        return set()
    return set(_pembagian(atasan_id, _hari(tanggal))[1])


def ada_penugasan(tanggal: date | None = None) -> bool:
    return bool(penugasan_berjalan(tanggal))


def bawahan_efektif_ids(pejabat_id: int, tanggal: date | None = None) -> set[int]:
    """The direct subordinates ``pejabat_id`` acts as atasan for on ``tanggal``: those on record minus
    those whose duties moved to an acting official, plus those he acts for."""
    return set(_pembagian(pejabat_id, _hari(tanggal))[0])


def punya_bawahan_efektif(pejabat_id: int, tanggal: date | None = None) -> bool:
    """Has ``pejabat_id`` active effective direct subordinates?  (No query beyond ``bawahan_efektif_ids``.)"""
    tanggal = _hari(tanggal)
    if punya_bawahan_tercatat(pejabat_id) is False:  # none on record: only those he acts for (no query)
        return bool(bertindak_atas_ids(pejabat_id, tanggal))
    efektif = bawahan_efektif_ids(pejabat_id, tanggal)
    if efektif & bertindak_atas_ids(pejabat_id, tanggal):  # those he acts for are active
        return True
    return any(p.aktif and p.id in efektif for p in _langsung(pejabat_id))


def punya_bawahan_tercatat(pejabat_id: int) -> bool | None:
    """Has ``pejabat_id`` active subordinates on record?  None unless a query of this request already
    loaded them (``ingat_bawahan``) or the account query answered it (``fakta_bawahan_tercatat``)."""
    from kinerja.percache import known

    rows = known(f"atasan_langsung:{pejabat_id}")
    if rows is not None:
        return any(p.aktif for p in rows)
    fakta = known(f"bawahan_tercatat:{pejabat_id}")
    return None if fakta is None else fakta == BAWAHAN_AKTIF


BAWAHAN_TIDAK_ADA, BAWAHAN_NONAKTIF_SAJA, BAWAHAN_AKTIF = 0, 1, 2


def fakta_bawahan_tercatat(pegawai_id_kolom):
    """For the account query (kinerja.kait.add_fakta_akun): who is below the pegawai on record?
    ``BAWAHAN_AKTIF`` (an active direct subordinate), ``BAWAHAN_NONAKTIF_SAJA`` or ``BAWAHAN_TIDAK_ADA``.
    The navigation (Dasbor) then asks nothing more of a pegawai without a team, and while a Plt/Plh runs
    elsewhere nobody queries the team of a pegawai who has none (``_langsung``)."""
    from sqlalchemy import case, exists
    from sqlalchemy.orm import aliased

    bawahan = aliased(Pegawai)
    di_bawah = (bawahan.atasan_id == pegawai_id_kolom, bawahan.id != pegawai_id_kolom)
    return case((exists().where(*di_bawah, bawahan.aktif.is_(True)), tetap(BAWAHAN_AKTIF)),
                (exists().where(*di_bawah), tetap(BAWAHAN_NONAKTIF_SAJA)),
                else_=tetap(BAWAHAN_TIDAK_ADA)).label("bawahan_tercatat")


def _langsung(pejabat_id: int) -> list:
    """Everyone directly below ``pejabat_id`` on record, active or not (no query when the account query
    found nobody: ``fakta_bawahan_tercatat``): ``Pegawai`` objects when the Beranda loaded them
    (``ingat_bawahan``), else plain rows of what a position needs (``_langsung_stmt``)."""
    from kinerja.percache import known

    if known(f"bawahan_tercatat:{pejabat_id}") == BAWAHAN_TIDAK_ADA:
        return []
    return per_request(f"atasan_langsung:{pejabat_id}", lambda: _baca_langsung(pejabat_id))


def _baca_langsung(pejabat_id: int) -> list:
    if db.session.autoflush:
        db.session.flush()  # a change of atasan still pending in this request counts (nothing when clean)
    return baris(_langsung_stmt(), {"pid": pejabat_id}).all()


@cache
def _langsung_stmt():
    """id, atasan_id, unit_id, pimpinan, aktif and the parent of the unit (``induk_unit_id``, for a head's
    position) of those directly below ``pid``: plain rows, no ORM objects (the inbox asks on every
    request while a Plt/Plh runs).  Built once per process."""
    pid = bindparam("pid")
    return (select(Pegawai.id, Pegawai.atasan_id, Pegawai.unit_id, Pegawai.pimpinan, Pegawai.aktif,
                   UnitKerja.induk_id.label("induk_unit_id"))
            .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_id)
            .where(Pegawai.atasan_id == pid, Pegawai.id != pid))


def _pembagian(pejabat_id: int, tanggal: date) -> tuple[frozenset[int], frozenset[int]]:
    """(the effective direct subordinates, those on record whose duties moved), once per request and date."""
    return per_request(f"bawahan_efektif:{pejabat_id}:{tanggal.isoformat()}", lambda: _bagi(pejabat_id, tanggal))


def _bagi(pejabat_id: int, tanggal: date) -> tuple[frozenset[int], frozenset[int]]:
    langsung = _langsung(pejabat_id)
    semua = penugasan_berjalan(tanggal)
    lepas = {i for i, pj in _pelaksana(langsung, semua, tanggal).items()
             if pj is not None and pj != pejabat_id} if semua else set()
    efektif = ({p.id for p in langsung} - lepas) | (bertindak_atas_ids(pejabat_id, tanggal) if semua else set())
    return frozenset(efektif), frozenset(lepas)


def label_penugasan(pejabat_id: int | None, pegawai: Pegawai, tanggal: date | None = None) -> str | None:
    """"Plt" / "Plh" when ``pejabat_id`` acts today as the atasan of ``pegawai`` (for signatures)."""
    p = penugasan_atasan(pegawai, tanggal)
    return p.jenis if p is not None and p.pejabat_id == pejabat_id else None


def jabatan_penugasan(jenis: str, p: PenugasanPlt) -> str:
    """The printed jabatan of an acting official: "Plt. Kepala <unit>" / "Plh. <jabatan atasan>"."""
    if p.unit is not None:
        kepala = db.session.execute(select(Pegawai).where(Pegawai.unit_id == p.unit_id, Pegawai.pimpinan.is_(True))
                                    ).scalar_one_or_none()
        nama = kepala.nama_jabatan if kepala is not None and kepala.jabatan else f"Kepala {p.unit.nama}"
        return rules.label_jabatan(jenis, nama)
    atasan = p.pegawai.atasan if p.pegawai is not None else None
    return rules.label_jabatan(jenis, atasan.nama_jabatan if atasan is not None else "Atasan Langsung")


def terlihat_lewat_penugasan(actor_pegawai_id: int | None, pegawai_id: int, tanggal: date | None = None) -> bool:
    """An acting official sees those he acts for and everyone below them (while it runs)."""
    if actor_pegawai_id is None or not ada_penugasan(tanggal):
        return False
    ids = bertindak_atas_ids(actor_pegawai_id, tanggal)
    if not ids:
        return False
    if pegawai_id in ids:
        return True
    return pegawai_id in _di_bawah(ids)


def _di_bawah(ids: set[int]) -> set[int]:
    """Everyone below the given pegawai (breadth first; the tree is shallow)."""
    hasil: set[int] = set()
    lapis = set(ids)
    for _ in range(50):
        lapis = set(db.session.execute(select(Pegawai.id).where(Pegawai.atasan_id.in_(lapis))).scalars()) - hasil
        if not lapis:
            break
        hasil |= lapis
    return hasil


def posisi_pada_banyak(pegawai_ids, tanggal: date) -> dict:
    """The riwayat jabatan row that held on ``tanggal`` for each of ``pegawai_ids`` (one query; a pegawai
    without history for that day is missing from the answer)."""
    from kinerja.models import RiwayatJabatan

    ids = sorted({i for i in pegawai_ids if i is not None})
    if not ids:
        return {}
    rows = db.session.execute(
        select(RiwayatJabatan).where(RiwayatJabatan.pegawai_id.in_(ids), RiwayatJabatan.tanggal_mulai <= tanggal,
                                     or_(RiwayatJabatan.tanggal_selesai.is_(None),
                                         RiwayatJabatan.tanggal_selesai >= tanggal))
        .order_by(RiwayatJabatan.tanggal_mulai)).scalars()
    return {r.pegawai_id: r for r in rows}  # the latest-starting row wins


def posisi_dari_riwayat(r) -> rules.Posisi:
    """Where the pegawai sat according to a riwayat jabatan row (for a date in the past)."""
    induk = None
    if r.pimpinan and r.unit_id is not None:
        induk = db.session.execute(select(UnitKerja.induk_id).where(UnitKerja.id == r.unit_id)).scalar()
    return rules.Posisi(r.pegawai_id, r.atasan_id, r.unit_id, bool(r.pimpinan), induk)


def penugasan_atasan_pada(pegawai: Pegawai, tanggal: date, riwayat=None) -> rules.Penugasan | None:
    """Like :func:`penugasan_atasan` for a past date: the position is the one of ``riwayat`` (the row
    that held that day) when given, so a Plt of the unit he was in then still counts."""
    tugas = penugasan_berjalan(tanggal)
    if not tugas:
        return None
    pos = posisi_dari_riwayat(riwayat) if riwayat is not None else posisi(pegawai)
    return rules.penugasan_untuk(pos, tugas, tanggal)


def posisi_pada(pegawai_id: int, tanggal: date):
    """The riwayat jabatan row that held on ``tanggal`` (None: no history recorded for that day)."""
    from kinerja.models import RiwayatJabatan

    return db.session.execute(
        select(RiwayatJabatan).where(RiwayatJabatan.pegawai_id == pegawai_id, RiwayatJabatan.tanggal_mulai <= tanggal,
                                     or_(RiwayatJabatan.tanggal_selesai.is_(None),
                                         RiwayatJabatan.tanggal_selesai >= tanggal))
        .order_by(RiwayatJabatan.tanggal_mulai.desc()).limit(1)).scalar_one_or_none()
