"""Surat akun (issue #15): after an import, the admin prints one page per new pegawai with their NIP,
a temporary password and the first-login steps, to hand out on paper.

"New" means an account that has never had a password: the import gives it a hash no password can
match (``$!`` marks it).  Printing gives each of them a temporary password that must be changed at
the first login, so the same pegawai never appear in a second print; the PDF is made once, returned
to the browser and not stored.  Rendered BEFORE the commit: if the PDF fails, nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from kinerja.akses import require_admin
from kinerja.akun.rules import ATURAN_SANDI
from kinerja.akun.services import generate_temporary_password, hash_password
from kinerja.audit.services import record
from kinerja.extensions import db
from kinerja.models import Akun, Pegawai

PENANDA_TANPA_SANDI = "$!"


@dataclass
class Lembar:
    pegawai: Pegawai
    sandi: str


def _belum_punya_sandi():
    return (select(Akun).join(Pegawai, Akun.pegawai_id == Pegawai.id)
            .where(Akun.aktif.is_(True), Pegawai.aktif.is_(True), Akun.terakhir_masuk.is_(None),
                   Akun.password_hash.contains(PENANDA_TANPA_SANDI)))


def jumlah_tanpa_sandi() -> int:
    from sqlalchemy import func

    return db.session.execute(select(func.count()).select_from(_belum_punya_sandi().subquery())).scalar_one()


def cetak_surat_akun(actor, render) -> tuple[bytes, int]:
    """Temporary passwords for every new account, and the PDF (``render(lembar, aturan) -> bytes``)."""
    require_admin(actor)
    akun = list(db.session.execute(_belum_punya_sandi().order_by(Pegawai.nama)).unique().scalars())
    lembar = []
    for a in akun:
        sandi = generate_temporary_password()
        a.password_hash, a.harus_ganti_sandi = hash_password(sandi), True
        a.session_version = (a.session_version or 1) + 1
        lembar.append(Lembar(a.pegawai, sandi))
    if not lembar:
        return b"", 0
    try:
        pdf = render(lembar, ATURAN_SANDI)
    except Exception:
        db.session.rollback()
        raise
    record(actor, "akun.surat_akun", "akun", None, sesudah={"jumlah": len(lembar),
                                                         "pegawai_id": [x.pegawai.id for x in lembar]})
    db.session.commit()
    return pdf, len(lembar)
