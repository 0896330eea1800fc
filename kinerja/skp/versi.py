"""The content of an SKP's latest APPROVED version (not the live rows, which a revision may be editing).

Used by the evaluation snapshot (kinerja.evaluasi.snapshot) and by the daily log's RHK choices:
an RHK added or changed in a revision that is not approved yet is not part of it.
"""

from __future__ import annotations

from sqlalchemy import func, select

from kinerja.extensions import db
from kinerja.models import Skp, SkpVersi
from kinerja.skp.rules import DISETUJUI


def versi_terakhir(skp_id: int) -> SkpVersi | None:
    return db.session.execute(
        select(SkpVersi).where(SkpVersi.skp_id == skp_id).order_by(SkpVersi.versi.desc()).limit(1)
    ).scalar_one_or_none()


def versi_terakhir_banyak(skp_ids: list[int]) -> dict[int, SkpVersi]:
    """``versi_terakhir`` of many SKPs at once (Buka Evaluasi for a kabupaten), by SKP id."""
    result: dict[int, SkpVersi] = {}
    for i in range(0, len(skp_ids), 5000):  # bounded IN lists (SQLite's variable limit)
        terakhir = (select(SkpVersi.skp_id, func.max(SkpVersi.versi).label("versi"))
                    .where(SkpVersi.skp_id.in_(skp_ids[i:i + 5000])).group_by(SkpVersi.skp_id).subquery())
        result.update((v.skp_id, v) for v in db.session.execute(
            select(SkpVersi).join(terakhir, (SkpVersi.skp_id == terakhir.c.skp_id) & (SkpVersi.versi == terakhir.c.versi))
        ).scalars())
    return result


_BACA = object()


def isi_disetujui(skp: Skp, terakhir: SkpVersi | None | object = _BACA) -> tuple[int, dict] | None:
    """(version number, content as in ``isi_skp``) of the latest approved version; None when there is none.

    Data without a stored version (built before versions were kept) falls back to the live content,
    but only while the SKP is approved and not being revised.  ``terakhir``: the latest stored version
    when the caller already read it (``versi_terakhir_banyak``), None when there is none.
    """
    if not skp.versi:
        return None
    item = versi_terakhir(skp.id) if terakhir is _BACA else terakhir
    if item is not None:
        return item.versi, item.isi
    if skp.status == DISETUJUI:
        from kinerja.skp.queries import isi_skp

        return skp.versi, isi_skp(skp)
    return None


def rhk_ids_disetujui(skp_id: int, status: str) -> set[int] | None:
    """The RHK ids of the latest approved version; None means "every live RHK" (approved, not in revision)."""
    if status == DISETUJUI:
        return None
    item = versi_terakhir(skp_id)
    if item is None:
        return None  # never stored (older data): nothing better to go by
    return {r["id"] for r in item.isi.get("rhk", []) if r.get("id") is not None}
