"""Demo notifikasi: the README's pegawai (Andi Pratama) has one returned entry ("Perlu diperbaiki" on
his Beranda, with the in-app notification) and a Surel address, so "Lupa kata sandi?" and the
e-mail preferences can be tried once SMTP is configured.

A few staff (never a README login) have not logged today yet (their Draft entries of today are
removed), so ``flask send-reminders --dry-run`` lists who would be reminded to log.

Idempotent: Andi's entry changes only when he has no returned entry.  Skipped for ``--scale``.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import delete, inspect, select

from kinerja.extensions import db
from kinerja.kalender import rules as kalender_rules
from kinerja.models import Aktivitas, Akun, Notifikasi, Pegawai
from kinerja.waktu import tanggal, today_local

ANDI = "199203112019031007"
SUREL_ANDI = "andi.pratama@diskominfo.bukitintankab.go.id"
CATATAN = "Lampirkan notulen atau daftar hadir rapat sebagai bukti dukung, lalu ajukan kembali."


def load(result, ctx, seed: int = 2026, scale: int | None = None) -> None:
    if scale or not inspect(db.session.connection()).has_table("token_sandi"):
        return
    andi = db.session.execute(select(Pegawai).where(Pegawai.nip == ANDI)).scalar_one_or_none()
    if andi is None:
        return
    andi.email = andi.email or SUREL_ANDI
    ada = db.session.execute(select(Aktivitas.id).where(
        Aktivitas.pegawai_id == andi.id, Aktivitas.status == "Dikembalikan").limit(1)).first()
    if ada is None:
        item = _entri_dikembalikan(andi)
        akun_id = db.session.execute(select(Akun.id).where(Akun.pegawai_id == andi.id)).scalar_one_or_none()
        if akun_id is not None:
            atasan = andi.atasan.nama if andi.atasan else "atasan"
            db.session.add(Notifikasi(penerima_id=akun_id, jenis="aktivitas.dikembalikan",
                                      tautan=f"/verifikasi/aktivitas/{item.id}",
                                      pesan=f"Aktivitas {tanggal(item.tanggal)} dikembalikan oleh {atasan}: {CATATAN}"[:300]))
    belum = _belum_mengisi_hari_ini()
    result.lines.append(f"Notifikasi demo: Andi Pratama punya aktivitas dikembalikan; {len(belum)} pegawai belum "
                        "mengisi aktivitas hari ini (lihat `flask send-reminders --dry-run`).")
    db.session.commit()


# NIPs of the README logins: their demo data stays as it is.
README = {"197203151998031004", "198002142005012004", "198505172010012015", ANDI}
BELUM_MENGISI = 4


def _belum_mengisi_hari_ini() -> list[str]:
    """The first BELUM_MENGISI staff (by NIP, no subordinates, not a README login) lose today's drafts."""
    today = today_local()
    atasan_ids = select(Pegawai.atasan_id).where(Pegawai.atasan_id.is_not(None))
    staf = db.session.execute(
        select(Pegawai.id, Pegawai.nip).where(Pegawai.aktif.is_(True), Pegawai.id.not_in(atasan_ids),
                                             Pegawai.nip.not_in(README))
        .order_by(Pegawai.nip).limit(BELUM_MENGISI)).all()
    ids = [row.id for row in staf]
    if ids:
        db.session.execute(delete(Aktivitas).where(Aktivitas.pegawai_id.in_(ids), Aktivitas.tanggal == today,
                                                   Aktivitas.status == "Draft"))
    return [row.nip for row in staf]


def _entri_dikembalikan(andi: Pegawai) -> Aktivitas:
    """His latest submitted entry before today becomes returned; one is written when he has none."""
    today = today_local()
    item = db.session.execute(
        select(Aktivitas).where(Aktivitas.pegawai_id == andi.id, Aktivitas.status.in_(("Diajukan", "Disetujui")),
                                Aktivitas.tanggal < today)
        .order_by(Aktivitas.tanggal.desc(), Aktivitas.jam_mulai.desc()).limit(1)
    ).scalar_one_or_none()
    if item is None:
        hari = kalender_rules.previous_working_day(today)
        item = Aktivitas(pegawai_id=andi.id, tanggal=hari, jam_mulai=time(9), jam_selesai=time(11), durasi_menit=120,
                         uraian="Mengikuti rapat koordinasi pengembangan aplikasi layanan", volume=Decimal(1),
                         satuan="kegiatan", tugas_atasan=True, status="Diajukan",
                         diajukan_at=datetime.now(UTC) - timedelta(days=1))
        db.session.add(item)
        db.session.flush()
    item.status = "Dikembalikan"
    item.catatan_verifikasi = CATATAN
    item.diverifikasi_oleh_id = andi.atasan_id
    item.diverifikasi_at = datetime.now(UTC)
    item.versi = (item.versi or 1) + 1
    return item
