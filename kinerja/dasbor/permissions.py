"""Who may open which unit of the dasbor: the admin every unit, a pimpinan the subtree of the unit
they head, an atasan who heads no unit their own team.  Everything else is 404 (``NotFound``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from kinerja.dasbor import rules
from kinerja.errors import NotFound
from kinerja.extensions import db
from kinerja.models import Pegawai, UnitKerja
from kinerja.organisasi.permissions import is_admin, pegawai_id_of
from kinerja.percache import per_request


@dataclass
class Cakupan:
    """The units the actor may open: whole subtrees below ``akar``.

    ``tim``: for an atasan who heads no unit, the pegawai shown are limited to that atasan and their
    direct and indirect subordinates (the units only group them)."""

    units: dict[int, rules.Unit]
    anak: dict[int | None, list[rules.Unit]]
    akar: list[int]
    boleh: set[int]
    tim: int | None = None

    def unit(self, unit_id: int) -> rules.Unit:
        if unit_id not in self.boleh:
            raise NotFound()
        return self.units[unit_id]

    def subtree(self, unit_id: int) -> list[int]:
        return rules.subtree(self.anak, unit_id)

    def jalur(self, unit_id: int) -> list[rules.Unit]:
        return rules.jalur(self.units, unit_id, self.akar)


def _units() -> dict[int, rules.Unit]:
    rows = db.session.execute(
        select(UnitKerja.id, UnitKerja.nama, UnitKerja.induk_id, UnitKerja.hari_kerja_per_minggu)
        .where(UnitKerja.aktif.is_(True))
    ).all()
    return {r.id: rules.Unit(r.id, r.nama, r.induk_id, 6 if r.hari_kerja_per_minggu == 6 else 5) for r in rows}


def unit_pimpinan(pegawai_id: int | None) -> int | None:
    """The unit the pegawai heads (``Pegawai.pimpinan``), if any: the first of ``units_pimpinan``."""
    units = units_pimpinan(pegawai_id)
    return units[0] if units else None


def units_pimpinan(pegawai_id: int | None) -> list[int]:
    """The units the pegawai heads: his own (``Pegawai.pimpinan``; one query, cached per request) and,
    while a Plt/Plh runs as pimpinan of a unit (``kinerja.atasan.unit_plt``; no query when none runs
    near today), the units he acts for — such a unit is the acting official's, not its holder's."""
    if pegawai_id is None:
        return []
    from kinerja.atasan import unit_plt

    def load():
        return db.session.execute(
            select(Pegawai.unit_id).where(Pegawai.id == pegawai_id, Pegawai.pimpinan.is_(True),
                                          Pegawai.aktif.is_(True))
        ).scalar_one_or_none()

    plt = unit_plt()
    uid = per_request(f"dasbor:pimpinan:{pegawai_id}", load)
    sendiri = [uid] if uid is not None and uid not in plt else []
    return sendiri + sorted(u for u, p in plt.items() if p == pegawai_id and u != uid)


def _punya_bawahan(pegawai_id: int) -> bool:
    """Has the pegawai active direct subordinates (the effective ones while a Plt/Plh runs)?"""
    from kinerja.atasan import ada_penugasan, punya_bawahan_efektif, punya_bawahan_tercatat
    from kinerja.organisasi.permissions import has_subordinates

    if ada_penugasan():
        return punya_bawahan_efektif(pegawai_id)
    tercatat = punya_bawahan_tercatat(pegawai_id)  # the Beranda's subordinates query
    if tercatat is not None:
        return tercatat
    return per_request(f"dasbor:bawahan:{pegawai_id}", lambda: has_subordinates(pegawai_id))


def can_use_dasbor(user) -> bool:
    """Navigation predicate: the admin, every head of a unit (pimpinan), and every atasan (while a
    Plt/Plh runs: the acting official, not the holder).

    Costs no query on a normal page: the account's pegawai is loaded with the account, and
    "is an atasan" reuses the Verifikasi link's per-request answer before asking anything more."""
    if is_admin(user):
        return True
    pid = pegawai_id_of(user)
    if pid is None:
        return False
    pegawai = getattr(user, "pegawai", None)
    if pegawai is None:
        return unit_pimpinan(pid) is not None or _punya_bawahan(pid)
    from kinerja.atasan import ada_penugasan, unit_plt

    if ada_penugasan():  # a Plt/Plh runs: the unit heads and the teams are the effective ones
        plt = unit_plt()
        if pid in plt.values():
            return True
        if pegawai.pimpinan and pegawai.unit_id is not None and pegawai.aktif and pegawai.unit_id not in plt:
            return True
        return _punya_bawahan(pid)
    if pegawai.pimpinan and pegawai.unit_id is not None and pegawai.aktif:
        return True
    from kinerja.verifikasi.permissions import user_is_verifikator

    return user_is_verifikator(user) and _punya_bawahan(pid)


def _cakupan_tim(pid: int, units: dict[int, rules.Unit], anak) -> tuple[list[int], set[int]]:
    """An atasan without a unit of their own: their unit, and the units below it where their team works."""
    from kinerja.organisasi.permissions import effective_subordinate_ids_query

    own = db.session.execute(select(Pegawai.unit_id).where(Pegawai.id == pid)).scalar_one_or_none()
    if own not in units:
        return [], set()
    dalam = set(rules.subtree(anak, own))
    tim_units = set(db.session.execute(
        select(Pegawai.unit_id).where(Pegawai.id.in_(effective_subordinate_ids_query(pid)), Pegawai.aktif.is_(True)).distinct()
    ).scalars()) & dalam
    boleh = {own}
    for uid in tim_units:
        while uid is not None and uid in dalam and uid not in boleh:
            boleh.add(uid)
            uid = units[uid].induk_id
    return [own], boleh


def cakupan(actor) -> Cakupan:
    """Admin: every top-level unit; a pimpinan: the unit they head; an atasan heading no unit: their
    team within their unit.  Others: nothing."""
    units = _units()
    for u in list(units.values()):  # a unit under an inactive parent hangs at the top
        if u.induk_id is not None and u.induk_id not in units:
            units[u.id] = rules.Unit(u.id, u.nama, None, u.hari_kerja)
    anak = rules.anak_map(units.values())
    pid = pegawai_id_of(actor)
    if is_admin(actor):
        akar = [u.id for u in anak.get(None, [])]
    else:
        dipimpin = [u for u in units_pimpinan(pid) if u in units]
        # a unit he acts for inside a subtree he heads already is no root of its own
        akar = [u for u in dipimpin if not any(u != a and u in rules.subtree(anak, a) for a in dipimpin)]
    if not akar and pid is not None and not is_admin(actor) and _punya_bawahan(pid):
        akar, boleh = _cakupan_tim(pid, units, anak)
        return Cakupan(units, anak, akar, boleh, tim=pid)
    boleh: set[int] = set()
    for a in akar:
        boleh.update(rules.subtree(anak, a))
    return Cakupan(units, anak, akar, boleh)
