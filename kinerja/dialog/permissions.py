"""Who may see and change a dialog kinerja.

The leader edits; participants read and add their tanggapan/attendance; the leader's atasan
chain and the admin read.  Everyone else is told the meeting does not exist (404).
"""

from __future__ import annotations

from kinerja.models import Dialog
from kinerja.organisasi.permissions import has_subordinates, is_admin, is_in_chain_above, pegawai_id_of


def is_pimpinan(user, dialog: Dialog) -> bool:
    own = pegawai_id_of(user)
    return own is not None and own == dialog.pimpinan_id


def is_peserta(user, dialog: Dialog) -> bool:
    own = pegawai_id_of(user)
    return own is not None and own in dialog.peserta_ids


def can_view_dialog(user, dialog: Dialog) -> bool:
    if is_admin(user) or is_pimpinan(user, dialog) or is_peserta(user, dialog):
        return True
    return is_in_chain_above(pegawai_id_of(user), dialog.pimpinan_id)


def can_edit_dialog(user, dialog: Dialog) -> bool:
    """Schedule, participants, notes, agreements and follow-ups: the leader, while open."""
    return is_pimpinan(user, dialog) and not dialog.ditutup


def can_respond(user, dialog: Dialog) -> bool:
    """A participant's own tanggapan and attendance, while open."""
    return is_peserta(user, dialog) and not dialog.ditutup


def can_update_followup(user, dialog: Dialog, penanggung_jawab_id: int) -> bool:
    """Status of a follow-up: its owner or the leader, also after the meeting is closed."""
    own = pegawai_id_of(user)
    return own is not None and (own == penanggung_jawab_id or own == dialog.pimpinan_id)


def can_see_rekap(user) -> bool:
    """"Rekap Dialog Pimpinan": the admin, the heads of units, and a Plt/Plh as pimpinan of a unit while
    the penugasan runs (``kinerja.atasan``; no query when none runs near today)."""
    if is_admin(user):
        return True
    pegawai = getattr(user, "pegawai", None) if getattr(user, "is_authenticated", False) else None
    if pegawai is not None and pegawai.pimpinan:
        return True
    own = pegawai_id_of(user)
    if own is None:
        return False
    from kinerja.atasan import unit_plt

    return own in unit_plt().values()


def sees_every_dialog(user) -> bool:
    """The admin reads every dialog; everyone else their own, their chain's and those they attend."""
    return is_admin(user)


def can_lead(user) -> bool:
    """Anyone with active subordinates may schedule a dialog."""
    if has_subordinates(pegawai_id_of(user)):
        return True
    from kinerja.atasan import bertindak_atas_ids

    return bool(bertindak_atas_ids(pegawai_id_of(user)))  # a Plt/Plh leads the unit's dialog
