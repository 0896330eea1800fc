"""The checklist's facts (one query) and its dismissal."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import and_, bindparam, exists, select

from kinerja.audit.services import record
from kinerja.extensions import baris, db
from kinerja.models import Aktivitas, Dialog, Instansi, Pegawai, PreferensiPanduan, Skp, TahunKinerja
from kinerja.panduan import rules
from kinerja.waktu import today_local, utcnow


def _fakta_dan_ditutup(actor) -> tuple[rules.Fakta, bool]:
    pegawai = actor.pegawai
    row = baris(_fakta_stmt(), {"own": actor.pegawai_id or 0, "tahun": today_local().year, "akun_id": actor.id}).one()
    profil = pegawai is not None and pegawai.jabatan_id is not None and pegawai.unit_id is not None and (
        pegawai.atasan_id is not None or pegawai.pimpinan)
    fakta = rules.Fakta(
        admin=bool(actor.is_admin), pegawai=pegawai is not None, atasan=bool(row.atasan),
        sandi_diganti=actor.sandi_diganti_at is not None, profil_lengkap=profil, punya_skp=bool(row.skp), punya_aktivitas=bool(row.aktivitas),
        pernah_dialog=bool(row.dialog), instansi_lengkap=bool(row.instansi), ada_tahun_kinerja=bool(row.tahun),
    )
    return fakta, bool(row.ditutup)


@lru_cache(maxsize=1)
def _fakta_stmt():
    """The checklist's facts, built once per process: parameters own, tahun and akun_id."""
    own = bindparam("own")
    return select(
        exists().where(and_(Skp.pegawai_id == own, Skp.tahun == bindparam("tahun"))).label("skp"),
        exists().where(Aktivitas.pegawai_id == own).label("aktivitas"),
        exists().where(and_(Pegawai.atasan_id == own, Pegawai.aktif.is_(True))).label("atasan"),
        exists().where(Dialog.pimpinan_id == own).label("dialog"),
        exists().where(and_(Instansi.nama_dinas != "", Instansi.kota_ttd != "")).label("instansi"),
        exists().where(TahunKinerja.id.is_not(None)).label("tahun"),
        exists().where(and_(PreferensiPanduan.akun_id == bindparam("akun_id"),
                            PreferensiPanduan.checklist_ditutup_at.is_not(None))).label("ditutup"),
    )


def checklist(actor) -> list[rules.Langkah] | None:
    """The steps to show on the Beranda, or None when done or dismissed."""
    fakta, ditutup = _fakta_dan_ditutup(actor)
    langkah = rules.daftar_periksa(fakta)
    return langkah if rules.tampilkan(langkah, ditutup) else None


def dismiss_checklist(actor) -> None:
    pref = db.session.get(PreferensiPanduan, actor.id)
    if pref is None:
        pref = PreferensiPanduan(akun_id=actor.id)
        db.session.add(pref)
    pref.checklist_ditutup_at = utcnow()
    record(actor, "panduan.tutup_daftar_periksa", "akun", actor.id)
    db.session.commit()
