"""SKP use cases, split by aggregate: ``skp`` (create, copy, pendekatan, lampiran), ``rhk`` (RHK
and IKI), ``alur`` (submit, approve, return, revise), ``cetak`` (form A).  The read side lives in
``kinerja.skp.queries`` and the predicates in ``kinerja.skp.permissions``; both are re-exported
here so that ``from kinerja.skp import services; services.halaman_skp(...)`` keeps working.
"""

from kinerja.skp.permissions import approval_denial, can_approve, can_edit
from kinerja.skp.queries import (
    HalamanSkp,
    RingkasanTahun,
    daftar_skp_saya,
    get_skp,
    get_versi,
    halaman_skp,
    identitas,
    isi_skp,
    opsi_intervensi,
    require_approver,
    require_owner,
    skp_id_of_rhk,
    skp_rhk_id_of_iki,
    skp_tahun,
)
from kinerja.skp.services.alur import Kertas, approve_skp, kertas_diperlukan, return_skp, start_revision, submit_skp
from kinerja.skp.services.cetak import cetak_context, cetak_pdf
from kinerja.skp.services.rhk import (
    DataIki,
    DataRhk,
    add_iki,
    add_rhk,
    delete_iki,
    delete_rhk,
    move_rhk,
    rhk_usage,
    update_iki,
    update_rhk,
)
from kinerja.skp.services.skp import (
    HasilSalin,
    copy_skp,
    create_skp,
    create_skp_lanjutan,
    update_lampiran,
    update_pendekatan,
)

__all__ = [
    "DataIki", "DataRhk", "HalamanSkp", "HasilSalin", "RingkasanTahun",
    "Kertas", "add_iki", "add_rhk", "approval_denial", "approve_skp", "can_approve", "can_edit", "cetak_context", "cetak_pdf",
    "copy_skp", "create_skp", "create_skp_lanjutan", "daftar_skp_saya", "delete_iki", "delete_rhk", "get_skp", "get_versi",
    "kertas_diperlukan",
    "halaman_skp", "identitas", "isi_skp", "move_rhk", "opsi_intervensi", "require_approver", "require_owner", "return_skp",
    "rhk_usage", "skp_id_of_rhk", "skp_rhk_id_of_iki", "skp_tahun", "start_revision", "submit_skp",
    "update_iki", "update_lampiran", "update_pendekatan", "update_rhk",
]
