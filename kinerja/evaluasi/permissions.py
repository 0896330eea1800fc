"""Who may see and act on an evaluation — the only place that decides it.

Visible: the pegawai, the penilai, the atasan penilai, everyone above the pegawai in the atasan
chain, admin, and an official outside the dinas (pejabat luar instansi) for the evaluations they
rate or decide.  Everybody else is told it does not exist (404).  The *result* (ratings,
predikat, umpan balik, catatan/rekomendasi) has its own rule, ``can_see_result``, asked by the page,
both prints, the unit list, the kurva, the lists and any export.
"""

from __future__ import annotations

from collections.abc import Collection

from kinerja.evaluasi import rules
from kinerja.organisasi.permissions import is_admin, is_in_chain_above, pegawai_id_of, subordinate_ids

# What "the result" of an evaluation is: hidden together, shown together.
KOLOM_HASIL = ("rating_hasil_kerja", "rating_perilaku_kerja", "predikat", "predikat_awal", "catatan_rekomendasi")


def pejabat_luar_id_of(user) -> int | None:
    """The pejabat luar instansi behind an account of an official outside the dinas, else None."""
    return getattr(user, "pejabat_luar_id", None) if getattr(user, "is_authenticated", False) else None


def is_pegawai_of(user, ev) -> bool:
    own = pegawai_id_of(user)
    return own is not None and own == ev.pegawai_id


def _plt(own: int | None, pejabat_asli_id: int | None, bawahan) -> str | None:
    """"ganti": ``own`` acts today (Plt/Plh) for ``pejabat_asli_id`` as the atasan of ``bawahan``;
    "lepas": ``own`` is ``pejabat_asli_id`` but his duties toward ``bawahan`` are with an acting
    official today; None otherwise (kinerja.atasan, one query per request)."""
    from kinerja.atasan import ada_penugasan, bertindak_untuk, digantikan

    if own is None or bawahan is None or not ada_penugasan():
        return None
    if bertindak_untuk(own, pejabat_asli_id, bawahan):
        return "ganti"
    if own == pejabat_asli_id and digantikan(pejabat_asli_id, bawahan):
        return "lepas"
    return None


def is_penilai_of(user, ev) -> bool:
    own = pegawai_id_of(user)
    plt = _plt(own, ev.penilai_id, getattr(ev, "pegawai", None))
    if plt is not None:
        return plt == "ganti"
    if own is not None and own == ev.penilai_id:
        return True
    luar = pejabat_luar_id_of(user)
    return luar is not None and luar == getattr(ev, "penilai_luar_id", None)


def is_atasan_penilai_of(user, ev) -> bool:
    own = pegawai_id_of(user)
    plt = _plt(own, ev.atasan_penilai_id, getattr(ev, "penilai", None))
    if plt is not None:
        return plt == "ganti"
    if own is not None and own == ev.atasan_penilai_id:
        return True
    luar = pejabat_luar_id_of(user)
    return luar is not None and luar == getattr(ev, "atasan_penilai_luar_id", None)


def can_decide_keberatan(user, ev) -> bool:
    """Only the atasan pejabat penilai decides a keberatan (PP 30/2019 Pasal 59) — never an admin.

    The single predicate for it: officials outside the dinas (their own account, or a paper decision
    recorded on their behalf) extend this function, not its callers.
    """
    return is_atasan_penilai_of(user, ev)


def can_see_progress(user) -> bool:
    """The progress of every unit in a period ("Buka Evaluasi", the admin's overview): the admin."""
    return is_admin(user)


def can_sign(user, ev) -> bool:
    """"Tanda Tangani": the pegawai, then the penilai (the state machine says whose turn it is)."""
    return is_pegawai_of(user, ev) or is_penilai_of(user, ev)


def can_record_refusal(user, ev) -> bool:
    """"Pegawai menolak menandatangani" is recorded by the penilai (PP 30/2019)."""
    return is_penilai_of(user, ev)


def can_return_realisasi(user, ev) -> bool:
    return is_penilai_of(user, ev)


def can_set_batas(user, ev) -> bool:
    """Extending one person's filling deadline: the admin."""
    return is_admin(user)


def can_keberatan_step(user, ev, langkah: str) -> bool:
    """Keberatan: the pegawai files ("ajukan"), the penilai explains ("penjelasan"), the atasan
    penilai decides ("keputusan", see ``can_decide_keberatan``)."""
    if langkah == "ajukan":
        return is_pegawai_of(user, ev)
    if langkah == "penjelasan":
        return is_penilai_of(user, ev)
    if langkah == "keputusan":
        return can_decide_keberatan(user, ev)
    return False


def can_view_evaluasi(user, ev) -> bool:
    if is_admin(user):
        return True
    if is_penilai_of(user, ev) or is_atasan_penilai_of(user, ev):
        return True
    own = pegawai_id_of(user)
    if own is None:
        return False
    if own in (ev.pegawai_id, ev.penilai_id, ev.atasan_penilai_id):
        return True
    return is_in_chain_above(own, ev.pegawai_id)


def hasil_dirilis(ev) -> bool:
    """Has the penilai finalised the result, so that its pegawai may see it?"""
    return ev.status in rules.SUDAH_FINAL


def can_see_result(user, ev, bawahan: Collection[int] | None = None) -> bool:
    """May ``user`` see the result of ``ev``: ratings, predikat, umpan balik, catatan/rekomendasi?

    - **The pegawai himself**: only once the penilai has *finalised* the rating (status "Menunggu
      Tanda Tangan" and every later status, ``rules.SUDAH_FINAL``).  From that moment the result can
      no longer change except through keberatan, and the pegawai must read what he signs (he signs
      first, then the penilai; the result counts as handed over when the penilai signs).  Before
      that — "Draft", "Realisasi Diajukan", "Dinilai" — nothing of the result reaches him: not on
      the page, not in form B or C, not in the unit list, not in a kurva that counts it.  This holds
      even when he is also the unit's pimpinan or an admin.
    - **The penilai, the atasan penilai, everyone above the pegawai in the atasan chain, and the
      admin**: always (they set, check or decide it).
    - **Anybody else**: never (they may not see the evaluation at all).

    ``ev`` may be any object with ``pegawai_id``, ``penilai_id``, ``atasan_penilai_id`` and
    ``status``.  ``bawahan``: the ids of everyone below ``user`` in the chain, when the caller
    checks many rows at once (one query instead of one per row).
    """
    own = pegawai_id_of(user)
    if own is not None and own == ev.pegawai_id:
        return hasil_dirilis(ev)
    if is_admin(user):
        return True
    if own is None:
        return False
    if own in (ev.penilai_id, ev.atasan_penilai_id):
        return True
    if hasattr(ev, "pegawai") and (is_penilai_of(user, ev) or is_atasan_penilai_of(user, ev)):
        return True  # a Plt/Plh acting for them
    if bawahan is not None:
        return ev.pegawai_id in bawahan
    return is_in_chain_above(own, ev.pegawai_id)


def bawahan_untuk_hasil(user) -> frozenset[int] | None:
    """The ``bawahan`` argument of ``can_see_result`` for many rows (empty when not needed)."""
    own = pegawai_id_of(user)
    if own is None or is_admin(user):
        return frozenset()
    return frozenset(subordinate_ids(own))


class TanpaHasil:
    """``ev`` as someone who may not see its result sees it: the result columns read as empty."""

    def __init__(self, ev):
        self._ev = ev

    def __getattr__(self, name):
        if name in KOLOM_HASIL:
            return None
        return getattr(self._ev, name)


def can_set_capaian(user, unit) -> bool:
    """The pimpinan of the organisation above the unit — never the unit's own head (DOMAIN.md §4).

    For a unit at the top (the dinas): its head's penilai outside the dinas through their account, or
    the admin on their behalf (recorded as such on the Penetapan).  The admin never sets the capaian
    of a unit below a pimpinan of the dinas.
    """
    from kinerja.evaluasi.queries import penetap_capaian

    penetap = penetap_capaian(unit.id)
    if is_admin(user):
        return rules.admin_mencatat_capaian(penetap)
    if penetap == rules.PENETAP_LUAR:
        luar = pejabat_luar_id_of(user)
        return luar is not None and luar == penetap_luar_id(unit.id)
    return penetap is not None and pegawai_id_of(user) == penetap


def penetap_luar_id(unit_id: int) -> int | None:
    """The external penilai of the head of a top unit (who sets that unit's capaian)."""
    from kinerja.evaluasi.queries import kepala_unit

    kepala = kepala_unit(unit_id)
    return kepala.penilai_luar_id if kepala is not None else None


def can_sign_penetapan_unit(user, unit) -> bool:
    """The Penetapan Predikat Kinerja is signed by whoever sets the unit's capaian; the admin only
    records decisions on someone's behalf, so never signs it electronically."""
    return not is_admin(user) and can_set_capaian(user, unit)


def can_record_ttd_manual(user, ev) -> bool:
    """The paper signature of a penilai outside the dinas is recorded by the admin."""
    return is_admin(user)


def can_view_unit(user, unit, periode_id: int) -> bool:
    """The unit page (list and kurva): admin, the unit's pimpinan, or a penilai / atasan penilai of an
    evaluation in that unit and period.  Each row's result still goes through ``can_see_result``."""
    if is_admin(user) or can_set_capaian(user, unit):
        return True
    pegawai = getattr(user, "pegawai", None) if getattr(user, "is_authenticated", False) else None
    if pegawai is not None and pegawai.pimpinan and pegawai.unit_id == unit.id:
        return True
    own = pegawai_id_of(user)
    if own is None:
        return False
    from kinerja.evaluasi.queries import plt_unit

    if plt_unit().get(unit.id) == own:  # the Plt/Plh of the unit, while it runs
        return True
    from sqlalchemy import or_, select

    from kinerja.extensions import db
    from kinerja.models import Evaluasi

    return db.session.execute(
        select(Evaluasi.id).where(Evaluasi.unit_id == unit.id, Evaluasi.periode_id == periode_id,
                                  or_(Evaluasi.penilai_id == own, Evaluasi.atasan_penilai_id == own)).limit(1)
    ).first() is not None


def can_use_evaluasi(user) -> bool:
    """The navigation link: any user with a pegawai record, an official outside the dinas, or admin."""
    return is_admin(user) or pegawai_id_of(user) is not None or pejabat_luar_id_of(user) is not None
