"""``flask send-reminders``: who is reminded of what on a day (selection), and sending it once.

Selection (a fixed number of queries per kind, whatever the number of pegawai):

- aktivitas:  active pegawai with an account who logged nothing on a working day of their unit
              (after the instansi's "Jam Pengingat Aktivitas" when the day is today) and have no
              absence that day (any kind, approved or awaiting the atasan);
- verifikasi: atasan with subordinates' entries submitted more than "Batas Tunggu Verifikasi"
              working days ago and still waiting (the effective atasan: a Plt/Plh while it runs);
- skp:        from the admin's "Batas Pengajuan SKP" on, pegawai whose SKP of that year is not
              submitted or approved;
- evaluasi:   evaluation steps whose deadline (batas pengisian) is in 3 days (realisasi to fill: the
              pegawai; assessment and finalisation: the penilai; signatures: whoever has not signed,
              once signing is possible by then) -- see rules.LANGKAH_EVALUASI;
- dialog:     follow-ups of a dialog kinerja due tomorrow (the former ``flask dialog kirim-pengingat``).

Every reminder sent is recorded in ``pengingat_terkirim`` under a key (kind, day, account,
subject) that is unique, so running the command again on the same day sends nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.exc import IntegrityError

from kinerja.audit.services import record
from kinerja.extensions import db
from kinerja.kalender import holidays_between
from kinerja.kalender import rules as kalender_rules
from kinerja.models import (
    Aktivitas,
    Akun,
    Dialog,
    Evaluasi,
    Instansi,
    Ketidakhadiran,
    Pegawai,
    PengingatTerkirim,
    Periode,
    Skp,
    TindakLanjut,
    UnitKerja,
)
from kinerja.notifikasi import rules
from kinerja.notifikasi.services import notify
from kinerja.notifikasi.surel import jadwalkan_pengiriman, jadwalkan_ringkasan, smtp_aktif
from kinerja.waktu import tanggal as format_tanggal
from kinerja.waktu import to_local, utcnow

JUDUL = {
    "aktivitas": "Belum mengisi aktivitas",
    "verifikasi": "Verifikasi tertunda",
    "skp": "SKP belum diajukan",
    "evaluasi": "Tenggat evaluasi",
    "dialog": "Tindak lanjut dialog",
}


@dataclass
class Hasil:
    tanggal: date
    pengingat: list[rules.Pengingat] = field(default_factory=list)
    terkirim: int = 0
    sudah: int = 0
    menunggu_jam: int | None = None  # today before the reminder hour: the aktivitas reminders wait


def instansi() -> Instansi | None:
    return db.session.execute(select(Instansi).limit(1)).scalar_one_or_none()


def _akun_pegawai():
    return (select(Akun.id.label("akun_id"), Pegawai.id.label("pegawai_id"), Pegawai.nip, Pegawai.nama)
            .join(Akun, Akun.pegawai_id == Pegawai.id).where(Akun.aktif.is_(True), Pegawai.aktif.is_(True)))


def _absen_pada(tanggal: date):
    """EXISTS an absence of the pegawai covering ``tanggal`` that holds the reminder back."""
    return exists().where(Ketidakhadiran.pegawai_id == Pegawai.id,
                          Ketidakhadiran.status.in_(rules.STATUS_ABSEN_MENAHAN_PENGINGAT),
                          Ketidakhadiran.tanggal_mulai <= tanggal, Ketidakhadiran.tanggal_selesai >= tanggal)


def belum_mengisi(tanggal: date) -> list[rules.Pengingat]:
    libur = holidays_between(tanggal, tanggal)
    if not kalender_rules.is_working_day(tanggal, 6, libur):
        return []
    stmt = (_akun_pegawai().outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_id)
            .add_columns(UnitKerja.hari_kerja_per_minggu, _absen_pada(tanggal).label("absen"))
            .where(~exists().where(Aktivitas.pegawai_id == Pegawai.id, Aktivitas.tanggal == tanggal))
            .order_by(Pegawai.nama, Pegawai.id))
    hasil = []
    for row in db.session.execute(stmt):
        hari_kerja = kalender_rules.is_working_day(tanggal, 6 if row.hari_kerja_per_minggu == 6 else 5, libur)
        if rules.perlu_ingat_aktivitas(hari_kerja, punya_entri=False, absen=bool(row.absen)):
            hasil.append(rules.Pengingat(
                "aktivitas", row.akun_id, row.nip, row.nama,
                f"Anda belum mengisi aktivitas harian {format_tanggal(tanggal)}. Mohon isi sebelum masa tenggang berakhir.",
                f"/aktivitas?tanggal={tanggal.isoformat()}"))
    return hasil


def verifikasi_tertunda(tanggal: date, batas_hari: int, zona: str) -> list[rules.Pengingat]:
    """To the effective atasan on ``tanggal`` (the Plt/Plh while one runs, ``kinerja.atasan``): two queries
    (the waiting entries per pegawai, the atasan's accounts) and one more while a penugasan runs."""
    from kinerja.atasan import atasan_efektif_banyak

    libur = holidays_between(tanggal - timedelta(days=60), tanggal)
    batas = rules.batas_tunggu(tanggal, batas_hari, lambda d: kalender_rules.is_working_day(d, 5, libur))
    menunggu = db.session.execute(
        select(Pegawai, func.count(Aktivitas.id)).join(Aktivitas, Aktivitas.pegawai_id == Pegawai.id)
        .where(Aktivitas.status == "Diajukan", Aktivitas.diajukan_at < _awal_hari(batas, zona))
        .group_by(Pegawai.id)).all()
    atasan = atasan_efektif_banyak([p for p, _ in menunggu], tanggal)
    jumlah: dict[int, int] = {}
    for p, n in menunggu:
        if atasan[p.id] is not None:
            jumlah[atasan[p.id]] = jumlah.get(atasan[p.id], 0) + n
    if not jumlah:
        return []
    stmt = _akun_pegawai().where(Pegawai.id.in_(jumlah)).order_by(Pegawai.nama, Pegawai.id)
    return [rules.Pengingat("verifikasi", r.akun_id, r.nip, r.nama,
                            f"{jumlah[r.pegawai_id]} aktivitas bawahan menunggu verifikasi Anda lebih dari {batas_hari} hari kerja.",
                            "/verifikasi/") for r in db.session.execute(stmt)]


def skp_belum_diajukan(tanggal: date, batas: date | None) -> list[rules.Pengingat]:
    if not rules.skp_terlambat(tanggal, batas, None):
        return []
    stmt = (_akun_pegawai().outerjoin(Skp, and_(Skp.pegawai_id == Pegawai.id, Skp.tahun == batas.year))
            .where(or_(Skp.id.is_(None), Skp.status.not_in(("Diajukan", "Disetujui"))))
            .order_by(Pegawai.nama, Pegawai.id))
    return [rules.Pengingat("skp", r.akun_id, r.nip, r.nama,
                            f"SKP tahun {batas.year} Anda belum diajukan; batasnya {format_tanggal(batas)}.", "/skp")
            for r in db.session.execute(stmt)]


def evaluasi_jatuh_tempo(tanggal: date) -> list[rules.Pengingat]:
    target = tanggal + timedelta(days=rules.HARI_SEBELUM_BATAS_EVALUASI)
    batas = func.coalesce(Evaluasi.batas_pengisian_khusus, Periode.batas_pengisian)
    hasil = []
    for peran, kolom in (("pegawai", Evaluasi.pegawai_id), ("penilai", Evaluasi.penilai_id)):
        status = [s for s, langkah in rules.LANGKAH_EVALUASI.items() if peran in langkah]
        stmt = (_akun_pegawai().join(Evaluasi, kolom == Pegawai.id).join(Periode, Periode.id == Evaluasi.periode_id)
                .add_columns(Evaluasi.id.label("evaluasi_id"), Evaluasi.status, Periode.nama.label("periode"),
                             Periode.tanggal_selesai, Periode.ttd_lebih_awal)
                .where(Evaluasi.status.in_(status), batas == target).order_by(Pegawai.nama, Evaluasi.id))
        for r in db.session.execute(stmt):
            apa = rules.langkah_evaluasi(r.status, peran, rules.ttd_mungkin_sebelum(target, r.tanggal_selesai,
                                                                                     bool(r.ttd_lebih_awal)))
            if apa:
                hasil.append(rules.Pengingat("evaluasi", r.akun_id, r.nip, r.nama,
                                             f"{apa} evaluasi {r.periode} paling lambat {format_tanggal(target)}.",
                                             f"/evaluasi/{r.evaluasi_id}", subjek=str(r.evaluasi_id)))
    return hasil


def tindak_lanjut_besok(tanggal: date) -> list[rules.Pengingat]:
    stmt = (_akun_pegawai().join(TindakLanjut, TindakLanjut.penanggung_jawab_id == Pegawai.id)
            .join(Dialog, Dialog.id == TindakLanjut.dialog_id)
            .add_columns(TindakLanjut.id.label("tl_id"), TindakLanjut.uraian, Dialog.judul, Dialog.id.label("dialog_id"))
            .where(TindakLanjut.batas_waktu == tanggal + timedelta(days=1), TindakLanjut.status != "Selesai",
                   or_(TindakLanjut.diingatkan_pada.is_(None), TindakLanjut.diingatkan_pada != tanggal))
            .order_by(Pegawai.nama, TindakLanjut.id))
    return [rules.Pengingat("dialog", r.akun_id, r.nip, r.nama,
                            f"Tindak lanjut \"{r.uraian[:150]}\" dari dialog \"{r.judul}\" jatuh tempo besok.",
                            f"/dialog/{r.dialog_id}", subjek=str(r.tl_id)) for r in db.session.execute(stmt)]


def _awal_hari(tanggal: date, zona: str) -> datetime:
    return datetime(tanggal.year, tanggal.month, tanggal.day, tzinfo=ZoneInfo(zona)).astimezone(UTC)


def kumpulkan(tanggal: date, now: datetime | None = None) -> Hasil:
    """Every reminder due on ``tanggal`` (nothing written)."""
    inst = instansi()
    zona = inst.zona_waktu if inst else "Asia/Jakarta"
    lokal = to_local(now or utcnow(), zona)
    hasil = Hasil(tanggal)
    jam = inst.jam_pengingat_harian if inst else 15
    if rules.aktivitas_waktunya(True, tanggal, lokal.date(), lokal.hour, jam):
        hasil.pengingat += belum_mengisi(tanggal)
    elif tanggal == lokal.date():
        hasil.menunggu_jam = jam
    hasil.pengingat += verifikasi_tertunda(tanggal, inst.batas_tunggu_verifikasi if inst else 3, zona)
    hasil.pengingat += skp_belum_diajukan(tanggal, inst.batas_pengajuan_skp if inst else None)
    hasil.pengingat += evaluasi_jatuh_tempo(tanggal)
    hasil.pengingat += tindak_lanjut_besok(tanggal)
    return hasil


def _sudah_terkirim(tanggal: date) -> set[str]:
    return set(db.session.execute(select(PengingatTerkirim.kunci).where(PengingatTerkirim.tanggal == tanggal)).scalars())


def kirim(tanggal: date, now: datetime | None = None) -> Hasil:
    """Send the reminders due on ``tanggal`` that were not sent yet, then the e-mail outbox and the
    daily digests.  Commits."""
    hasil = kumpulkan(tanggal, now)
    sudah = _sudah_terkirim(tanggal)
    baru = rules.pilih_baru(hasil.pengingat, sudah, tanggal)
    hasil.sudah = len(hasil.pengingat) - len(baru)
    for p in baru:
        try:
            with db.session.begin_nested():
                db.session.add(PengingatTerkirim(kunci=p.kunci(tanggal), tanggal=tanggal, penerima_id=p.akun_id))
                db.session.flush()
        except IntegrityError:  # another run claimed it at the same moment
            continue
        # follow-ups due belong to the "dialog" kind of Pengaturan Notifikasi, like the former command's
        notify(p.akun_id, p.pesan, p.tautan, jenis="dialog.pengingat" if p.jenis == "dialog" else f"pengingat.{p.jenis}")
        hasil.terkirim += 1
    _tandai_tindak_lanjut(tanggal, [p for p in baru if p.jenis == "dialog"])
    if hasil.terkirim:
        record(None, "notifikasi.pengingat", "pengingat_terkirim", None, aktor_label="sistem",
               sesudah={"tanggal": tanggal.isoformat(), "jumlah": hasil.terkirim})
    db.session.commit()
    if smtp_aktif():  # e-mail goes out in background jobs (flask jobs); immediately in tests
        jadwalkan_pengiriman()
        jadwalkan_ringkasan(tanggal)
    return hasil


def _tandai_tindak_lanjut(tanggal: date, items: list[rules.Pengingat]) -> None:
    """Keep ``diingatkan_pada`` of dialog follow-ups as the former ``dialog kirim-pengingat`` did."""
    ids = [int(p.subjek) for p in items if p.subjek.isdigit()]
    if ids:
        db.session.execute(TindakLanjut.__table__.update().where(TindakLanjut.id.in_(ids)).values(diingatkan_pada=tanggal))
