"""Dialog kinerja use cases.  Each takes the acting user first, checks, writes, audits, commits once.

Reading services (lists, the unit head's overview, the beranda panel) live in
``kinerja.dialog.queries``; this module holds the writes, the scoped loads and
``list_dialog_for_pegawai`` for the evaluation page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, func, or_, select, update
from sqlalchemy.orm import selectinload

from kinerja.audit.services import record
from kinerja.dialog import permissions, rules
from kinerja.dokumen.identitas import snapshot
from kinerja.errors import DomainError, NotFound, PermissionDenied
from kinerja.extensions import db
from kinerja.models import Dialog, Pegawai, PesertaDialog, TindakLanjut
from kinerja.notifikasi.services import notify_pegawai
from kinerja.organisasi.permissions import (
    can_view_pegawai,
    pegawai_id_of,
    subordinate_ids_query,
)
from kinerja.referensi import ZONA_WAKTU
from kinerja.waktu import DEFAULT_ZONE, tanggal_waktu, utcnow

log = logging.getLogger(__name__)

MAKS_TEKS = 5000
DITUTUP = "Dialog ini sudah ditutup; hanya status tindak lanjut yang masih dapat diperbarui."


# ------------------------------------------------------------------ helpers

def zona_instansi() -> str:
    from kinerja.organisasi.services import find_instansi

    inst = find_instansi()
    return (inst.zona_waktu if inst else None) or DEFAULT_ZONE


def local_to_utc(tanggal: date, jam: time, zone: str) -> datetime:
    return datetime.combine(tanggal, jam, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def day_range_utc(mulai: date, selesai: date, zone: str) -> tuple[datetime, datetime]:
    """[start of ``mulai``, start of the day after ``selesai``) in UTC."""
    return local_to_utc(mulai, time.min, zone), local_to_utc(selesai + timedelta(days=1), time.min, zone)


def tanggal_lokal(value: datetime, zone: str) -> date:
    return value.astimezone(ZoneInfo(zone)).date()


def tautan_dialog(dialog_id: int) -> str:
    return f"/dialog/{dialog_id}"


def _own_pegawai_id(actor) -> int:
    own = pegawai_id_of(actor)
    if own is None:
        raise PermissionDenied("Hanya pegawai yang dapat memimpin atau mengikuti dialog kinerja.")
    return own


def _detail_options():
    return (
        selectinload(Dialog.pimpinan).selectinload(Pegawai.jabatan),
        selectinload(Dialog.pimpinan).selectinload(Pegawai.unit),
        selectinload(Dialog.peserta).selectinload(PesertaDialog.pegawai).selectinload(Pegawai.jabatan),
        selectinload(Dialog.tindak_lanjut).selectinload(TindakLanjut.penanggung_jawab),
    )


MAKS_ID = 2**63 - 1  # anything larger cannot be a row id (and SQLite refuses to bind it)


def _load(dialog_id: int) -> Dialog:
    if not 0 < dialog_id <= MAKS_ID:
        raise NotFound()
    dialog = db.session.execute(
        select(Dialog).where(Dialog.id == dialog_id).options(*_detail_options())
    ).scalar_one_or_none()
    if dialog is None:
        raise NotFound()
    return dialog


def get_dialog(actor, dialog_id: int) -> Dialog:
    """The meeting with everything the detail page shows; NotFound when outside the actor's scope."""
    dialog = _load(dialog_id)
    if not permissions.can_view_dialog(actor, dialog):
        raise NotFound()
    return dialog


def _for_leader(actor, dialog_id: int) -> Dialog:
    """Load for a change by the leader: 404 for strangers, 403 for viewers, DomainError when closed."""
    dialog = get_dialog(actor, dialog_id)
    if not permissions.is_pimpinan(actor, dialog):
        raise PermissionDenied("Hanya pimpinan dialog yang dapat mengubah dialog ini.")
    if dialog.ditutup:
        raise DomainError(None, DITUTUP)
    return dialog


def _text(value: str | None, field_name: str, label: str, required: bool = False, maks: int = MAKS_TEKS) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(field_name, f"Isi {label}.")
    if len(value) > maks:
        raise DomainError(field_name, f"{label[0].upper() + label[1:]} terlalu panjang (maksimal {maks} karakter).")
    return value


# ------------------------------------------------------------------ choices for forms

@dataclass(frozen=True)
class PilihanPeserta:
    id: int
    nama: str
    jabatan: str
    langsung: bool


def _bawahan(own: int):
    """Those below ``own``, and those he acts for as Plt/Plh today (kinerja.atasan)."""
    from kinerja.atasan import bertindak_atas_ids

    plt = bertindak_atas_ids(own)
    kondisi = Pegawai.id.in_(subordinate_ids_query(own))
    return or_(kondisi, Pegawai.id.in_(plt)) if plt else kondisi


BATAS_SEMUA_PESERTA = 50  # up to this many subordinates the form lists them all (#17)
PER_CARI_PESERTA = 25


@dataclass(frozen=True)
class PilihanPesertaForm:
    """The participant picker: every subordinate of a small team; for a larger one (a Kepala OPD has a
    thousand) the direct ones and those already chosen, the others found with ``cari_peserta``."""
    items: list[PilihanPeserta]
    dicari: bool = False

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _pilihan(rows, own: int, efektif: set[int] | None) -> list[PilihanPeserta]:
    """Direct subordinates first (while a Plt/Plh runs, his effective ones), then the others, by name."""
    items = [PilihanPeserta(p.id, p.nama, p.nama_jabatan, p.atasan_id == own if efektif is None else p.id in efektif)
             for p in rows]
    return sorted(items, key=lambda i: (not i.langsung,))


def _peserta_terbuka(own: int):
    """(active subordinates query, the direct-subordinate condition, effective direct ids or None)."""
    from kinerja.atasan import ada_penugasan, bawahan_efektif_ids

    efektif = bawahan_efektif_ids(own) if ada_penugasan() else None  # a Plt/Plh's are his direct ones
    langsung = Pegawai.atasan_id == own if efektif is None else Pegawai.id.in_(efektif)
    stmt = (select(Pegawai).where(_bawahan(own), Pegawai.aktif.is_(True))
            .options(selectinload(Pegawai.jabatan)).order_by(Pegawai.nama, Pegawai.id))
    return stmt, langsung, efektif


def subordinate_choices(actor, terpilih=()) -> PilihanPesertaForm:
    """The actor's active subordinates (the only valid participants), direct ones first; above
    ``BATAS_SEMUA_PESERTA`` only the direct ones and ``terpilih``."""
    own = pegawai_id_of(actor)
    if own is None:
        return PilihanPesertaForm([])
    stmt, langsung, efektif = _peserta_terbuka(own)
    banyak = db.session.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one()
    dicari = banyak > BATAS_SEMUA_PESERTA
    if dicari:
        stmt = stmt.where(or_(langsung, Pegawai.id.in_([int(i) for i in terpilih])))
    return PilihanPesertaForm(_pilihan(db.session.execute(stmt).scalars(), own, efektif), dicari)


def cari_peserta(actor, cari: str | None, terpilih=()) -> list[PilihanPeserta]:
    """For "Cari bawahan lain": the ticked subordinates not directly below the actor (kept ticked), then
    up to ``PER_CARI_PESERTA`` others whose nama/NIP matches ``cari``.  Only the actor's subordinates."""
    from kinerja.organisasi.services import cari_nama_nip

    if not permissions.can_lead(actor):
        raise PermissionDenied("Hanya pimpinan yang dapat menjadwalkan dialog kinerja.")
    own = pegawai_id_of(actor)
    stmt, langsung, efektif = _peserta_terbuka(own)
    stmt = stmt.where(~langsung)
    ids = [int(i) for i in terpilih]
    dipilih = list(db.session.execute(stmt.where(Pegawai.id.in_(ids))).scalars()) if ids else []
    kondisi = cari_nama_nip(cari)
    lain = [] if kondisi is None else list(db.session.execute(
        stmt.where(kondisi, Pegawai.id.not_in(ids)).limit(PER_CARI_PESERTA)).scalars())
    return _pilihan(dipilih, own, efektif) + _pilihan(lain, own, efektif)


def penanggung_jawab_choices(dialog: Dialog) -> list[tuple[int, str]]:
    """The leader and the participants of a loaded dialog."""
    items = [(dialog.pimpinan_id, f"{dialog.pimpinan.nama} (pimpinan)")]
    items += [(p.pegawai_id, p.pegawai.nama) for p in dialog.peserta]
    return items


# ------------------------------------------------------------------ schedule

@dataclass
class DialogData:
    jenis: str
    judul: str
    tanggal: date | None
    jam: time | None
    daring: bool = False
    tempat: str = ""
    agenda: str = ""
    pengulangan: str = ""
    peserta_ids: list[int] = field(default_factory=list)


def _check_data(actor, own: int, data: DialogData, zone: str) -> tuple[datetime, set[int]]:
    if data.jenis not in rules.JENIS_DIALOG:
        raise DomainError("jenis", "Pilih jenis dialog dari daftar.")
    data.judul = _text(data.judul, "judul", "topik dialog", required=True, maks=200)
    if data.tanggal is None:
        raise DomainError("tanggal", "Isi tanggal dialog.")
    if not rules.BATAS_TAHUN[0] <= data.tanggal.year <= rules.BATAS_TAHUN[1]:
        raise DomainError("tanggal", "Tanggal dialog di luar rentang yang wajar.")
    if data.jam is None:
        raise DomainError("jam", "Isi jam mulai dialog.")
    data.tempat = _text(data.tempat, "tempat", "tempat", maks=200)
    if not data.tempat:
        if not data.daring:
            raise DomainError("tempat", "Isi tempat dialog, atau centang Daring bila dialog dilakukan daring.")
        data.tempat = "Daring"
    data.agenda = _text(data.agenda, "agenda", "agenda")
    if data.pengulangan not in rules.PENGULANGAN:
        raise DomainError("pengulangan", "Pilih pengulangan dari daftar.")
    chosen = {int(i) for i in data.peserta_ids}
    if not chosen:
        raise DomainError("peserta", "Pilih minimal satu peserta.")
    safe = {i for i in chosen if 0 < i <= MAKS_ID}
    allowed = set() if safe != chosen else set(db.session.execute(
        select(Pegawai.id).where(_bawahan(own), Pegawai.aktif.is_(True), Pegawai.id.in_(chosen))
    ).scalars())
    if chosen - allowed:
        raise DomainError("peserta", "Peserta harus bawahan Anda (langsung atau tidak langsung) yang masih aktif. "
                                     "Muat ulang halaman lalu pilih lagi.")
    return local_to_utc(data.tanggal, data.jam, zone), chosen


def _state(dialog: Dialog) -> dict:
    return {
        "jenis": dialog.jenis, "judul": dialog.judul, "waktu_mulai": dialog.waktu_mulai.isoformat(),
        "daring": dialog.daring, "tempat": dialog.tempat, "pengulangan": dialog.pengulangan,
        "peserta": sorted(dialog.peserta_ids), "status": dialog.status,
    }


def _invite(dialog: Dialog, pegawai_ids, pimpinan_nama: str, zone: str, pesan: str | None = None) -> None:
    waktu = tanggal_waktu(dialog.waktu_mulai, zone)
    for pid in sorted(pegawai_ids):
        notify_pegawai(pid, pesan or f"{pimpinan_nama} mengundang Anda ke dialog kinerja \"{dialog.judul}\" "
                                     f"({dialog.jenis}) pada {waktu}.",
                       tautan_dialog(dialog.id), jenis="dialog.undangan")


def create_dialog(actor, data: DialogData) -> Dialog:
    own = _own_pegawai_id(actor)
    zone = zona_instansi()
    waktu_mulai, chosen = _check_data(actor, own, data, zone)
    dialog = Dialog(pimpinan_id=own, jenis=data.jenis, judul=data.judul, waktu_mulai=waktu_mulai, daring=data.daring,
                    tempat=data.tempat, agenda=data.agenda, pengulangan=data.pengulangan, status="Terjadwal",
                    catatan="", tantangan="", kesepakatan="")
    dialog.peserta = [PesertaDialog(pegawai_id=pid, tanggapan="") for pid in sorted(chosen)]
    db.session.add(dialog)
    db.session.flush()
    record(actor, "dialog.jadwalkan", "dialog", dialog.id, sesudah=_state(dialog))
    _invite(dialog, chosen, actor.nama_tampilan, zone)
    db.session.commit()
    log.info("dialog %s dijadwalkan oleh akun %s", dialog.id, actor.id)
    return dialog


def update_dialog(actor, dialog_id: int, data: DialogData) -> Dialog:
    dialog = _for_leader(actor, dialog_id)
    zone = zona_instansi()
    waktu_mulai, chosen = _check_data(actor, dialog.pimpinan_id, data, zone)
    removed = dialog.peserta_ids - chosen
    owners = {t.penanggung_jawab_id: t.penanggung_jawab.nama for t in dialog.tindak_lanjut}
    blocking = sorted(owners[pid] for pid in removed if pid in owners)
    if blocking:
        raise DomainError("peserta", f"{', '.join(blocking)} masih menjadi penanggung jawab tindak lanjut. "
                                     "Hapus atau alihkan tindak lanjutnya dulu.")
    before = _state(dialog)
    moved = waktu_mulai != dialog.waktu_mulai
    dialog.jenis, dialog.judul, dialog.waktu_mulai = data.jenis, data.judul, waktu_mulai
    dialog.daring, dialog.tempat, dialog.agenda, dialog.pengulangan = data.daring, data.tempat, data.agenda, data.pengulangan
    added = chosen - dialog.peserta_ids
    dialog.peserta = [p for p in dialog.peserta if p.pegawai_id in chosen]
    dialog.peserta += [PesertaDialog(pegawai_id=pid, tanggapan="") for pid in sorted(added)]
    db.session.flush()
    record(actor, "dialog.ubah", "dialog", dialog.id, sebelum=before, sesudah=_state(dialog))
    _invite(dialog, added, actor.nama_tampilan, zone)
    if moved:
        waktu = tanggal_waktu(dialog.waktu_mulai, zone)
        _invite(dialog, chosen - added, actor.nama_tampilan, zone,
                pesan=f"Jadwal dialog kinerja \"{dialog.judul}\" diubah menjadi {waktu}.")
    db.session.commit()
    return dialog


# ------------------------------------------------------------------ record

def save_catatan(actor, dialog_id: int, catatan: str, tantangan: str, kesepakatan: str) -> Dialog:
    dialog = _for_leader(actor, dialog_id)
    values = {
        "catatan": _text(catatan, "catatan", "catatan"),
        "tantangan": _text(tantangan, "tantangan", "tantangan/kendala"),
        "kesepakatan": _text(kesepakatan, "kesepakatan", "kesepakatan"),
    }
    before = {k: getattr(dialog, k) for k in values}
    for key, value in values.items():
        setattr(dialog, key, value)
    record(actor, "dialog.catatan", "dialog", dialog.id, sebelum=before, sesudah=values)
    db.session.commit()
    return dialog


def add_tindak_lanjut(actor, dialog_id: int, uraian: str, penanggung_jawab_id: int | None,
                      batas_waktu: date | None) -> TindakLanjut:
    dialog = _for_leader(actor, dialog_id)
    uraian = _text(uraian, "uraian", "uraian tindak lanjut", required=True, maks=500)
    allowed = {dialog.pimpinan_id} | dialog.peserta_ids
    if penanggung_jawab_id not in allowed:
        raise DomainError("penanggung_jawab_id", "Penanggung jawab harus pimpinan atau peserta dialog ini.")
    problem = rules.batas_waktu_problem(batas_waktu, tanggal_lokal(dialog.waktu_mulai, zona_instansi()))
    if problem:
        raise DomainError("batas_waktu", problem)
    item = TindakLanjut(dialog=dialog, uraian=uraian, penanggung_jawab_id=penanggung_jawab_id,
                        batas_waktu=batas_waktu, status="Belum", catatan_selesai="")
    db.session.add(item)
    db.session.flush()
    record(actor, "dialog.tindak_lanjut.tambah", "dialog_tindak_lanjut", item.id,
           sesudah={"dialog_id": dialog.id, "uraian": uraian, "penanggung_jawab_id": penanggung_jawab_id,
                    "batas_waktu": batas_waktu.isoformat()})
    if penanggung_jawab_id != dialog.pimpinan_id:
        notify_pegawai(penanggung_jawab_id, f"Tindak lanjut baru untuk Anda dari dialog \"{dialog.judul}\": "
                                            f"{uraian[:120]} (batas {batas_waktu:%d-%m-%Y}).",
                       tautan_dialog(dialog.id), jenis="dialog.tindak_lanjut")
    db.session.commit()
    return item


def _followup_of(dialog: Dialog, tindak_lanjut_id: int) -> TindakLanjut:
    item = next((t for t in dialog.tindak_lanjut if t.id == tindak_lanjut_id), None)
    if item is None:
        raise NotFound()
    return item


def remove_tindak_lanjut(actor, dialog_id: int, tindak_lanjut_id: int) -> None:
    dialog = _for_leader(actor, dialog_id)
    item = _followup_of(dialog, tindak_lanjut_id)
    record(actor, "dialog.tindak_lanjut.hapus", "dialog_tindak_lanjut", item.id,
           sebelum={"dialog_id": dialog.id, "uraian": item.uraian, "penanggung_jawab_id": item.penanggung_jawab_id,
                    "batas_waktu": item.batas_waktu.isoformat(), "status": item.status})
    dialog.tindak_lanjut.remove(item)
    db.session.commit()


def set_status_tindak_lanjut(actor, dialog_id: int, tindak_lanjut_id: int, status: str,
                             catatan: str | None = None) -> TindakLanjut:
    """The owner or the leader moves a follow-up along; allowed after the meeting is closed."""
    dialog = get_dialog(actor, dialog_id)
    item = _followup_of(dialog, tindak_lanjut_id)
    if not permissions.can_update_followup(actor, dialog, item.penanggung_jawab_id):
        raise PermissionDenied("Status tindak lanjut hanya dapat diubah oleh penanggung jawabnya atau pimpinan dialog.")
    if status not in rules.STATUS_TINDAK_LANJUT:
        raise DomainError("status", "Pilih status Belum, Proses, atau Selesai.")
    catatan = _text(catatan, "catatan", "catatan penyelesaian", maks=300)
    before = {"status": item.status, "catatan_selesai": item.catatan_selesai}
    item.status = status
    item.catatan_selesai = catatan
    item.selesai_at = (item.selesai_at or utcnow()) if status == "Selesai" else None
    record(actor, "dialog.tindak_lanjut.status", "dialog_tindak_lanjut", item.id, sebelum=before,
           sesudah={"status": status, "catatan_selesai": catatan})
    if status == "Selesai" and before["status"] != "Selesai" and pegawai_id_of(actor) != dialog.pimpinan_id:
        notify_pegawai(dialog.pimpinan_id, f"{actor.nama_tampilan} menyelesaikan tindak lanjut: {item.uraian[:150]}",
                       tautan_dialog(dialog.id), jenis="dialog.tindak_lanjut")
    db.session.commit()
    return item


def save_tanggapan(actor, dialog_id: int, tanggapan: str, hadir: bool, now: datetime | None = None) -> PesertaDialog:
    """A participant's own note and attendance confirmation (while the meeting is open)."""
    dialog = get_dialog(actor, dialog_id)
    own = pegawai_id_of(actor)
    peserta = next((p for p in dialog.peserta if p.pegawai_id == own), None)
    if peserta is None:
        raise PermissionDenied("Hanya peserta dialog yang dapat menulis tanggapan.")
    if dialog.ditutup:
        raise DomainError(None, "Dialog ini sudah ditutup; tanggapan tidak dapat diubah lagi.")
    now = now or utcnow()
    tanggapan = _text(tanggapan, "tanggapan", "tanggapan")
    if hadir and dialog.waktu_mulai > now:
        raise DomainError("hadir", "Kehadiran dapat dikonfirmasi setelah dialog dimulai.")
    before = {"tanggapan": peserta.tanggapan, "hadir": peserta.hadir}
    if tanggapan != peserta.tanggapan:
        peserta.tanggapan, peserta.tanggapan_at = tanggapan, (now if tanggapan else None)
    if hadir != peserta.hadir:
        peserta.hadir_at = now if hadir else None
    record(actor, "dialog.tanggapan", "dialog_peserta", peserta.id, sebelum=before,
           sesudah={"tanggapan": tanggapan, "hadir": hadir})
    db.session.commit()
    return peserta


# ------------------------------------------------------------------ close and recur

def close_dialog(actor, dialog_id: int, now: datetime | None = None) -> tuple[Dialog, Dialog | None]:
    """Close the meeting (read-only afterwards) and, when it recurs, schedule the next occurrence."""
    dialog = _for_leader(actor, dialog_id)
    now = now or utcnow()
    if not rules.dapat_ditutup(dialog.waktu_mulai, now):
        raise DomainError(None, "Dialog belum berlangsung. Tutup dialog setelah pertemuan selesai.")
    if not dialog.catatan.strip():
        raise DomainError("catatan", "Isi catatan dialog sebelum menutupnya.")
    zone = zona_instansi()
    before = _state(dialog)
    dialog.status, dialog.ditutup_at = "Ditutup", now
    _identitas_saat_dialog(dialog, tanggal_lokal(dialog.waktu_mulai, zone))
    record(actor, "dialog.tutup", "dialog", dialog.id, sebelum=before, sesudah=_state(dialog))
    berikutnya = _schedule_next(actor, dialog, now, zone)
    for p in dialog.peserta:
        notify_pegawai(p.pegawai_id, f"Dialog kinerja \"{dialog.judul}\" telah ditutup; notulen dapat dicetak.",
                       tautan_dialog(dialog.id), jenis="dialog.ditutup")
    db.session.commit()
    return dialog, berikutnya


def _identitas_saat_dialog(dialog: Dialog, tanggal: date) -> None:
    """Freeze the identities printed on the notulen as of the meeting's date (issue #11 §1): the leader's
    jabatan then — "Plt. …" / "Plh. …" when on that day he led participants only as an acting official
    (none of them his subordinates on record) — and each participant's jabatan then."""
    from kinerja.atasan import penugasan_atasan_pada, posisi_pada_banyak
    from kinerja.dokumen.identitas import snapshot_bertindak, snapshot_pada, terapkan_riwayat

    riwayat = posisi_pada_banyak([p.pegawai_id for p in dialog.peserta], tanggal)
    tugas = None
    for p in dialog.peserta:
        r = riwayat.get(p.pegawai_id)
        if (r.atasan_id if r is not None else p.pegawai.atasan_id) == dialog.pimpinan_id:
            tugas = None
            break
        t = penugasan_atasan_pada(p.pegawai, tanggal, r)
        if t is not None and t.pejabat_id == dialog.pimpinan_id:
            tugas = tugas or t
    dialog.identitas_pimpinan = (snapshot_bertindak(tugas) if tugas is not None
                                 else snapshot_pada(dialog.pimpinan, tanggal))
    for p in dialog.peserta:
        p.jabatan_saat_dialog = terapkan_riwayat(snapshot(p.pegawai), p.pegawai, riwayat.get(p.pegawai_id))["jabatan"]


def _schedule_next(actor, dialog: Dialog, now: datetime, zone: str) -> Dialog | None:
    if not dialog.pengulangan:
        return None
    tz = ZoneInfo(zone)
    following = rules.next_occurrence(dialog.waktu_mulai.astimezone(tz), dialog.pengulangan, now.astimezone(tz))
    if following is None:
        return None
    aktif = set(db.session.execute(
        select(Pegawai.id).where(Pegawai.id.in_(subordinate_ids_query(dialog.pimpinan_id)), Pegawai.aktif.is_(True),
                                 Pegawai.id.in_(dialog.peserta_ids))
    ).scalars())
    if not aktif:
        return None
    nxt = Dialog(pimpinan_id=dialog.pimpinan_id, jenis=dialog.jenis, judul=dialog.judul,
                 waktu_mulai=following.astimezone(UTC), daring=dialog.daring, tempat=dialog.tempat,
                 agenda=dialog.agenda, pengulangan=dialog.pengulangan, status="Terjadwal", sebelumnya_id=dialog.id,
                 catatan="", tantangan="", kesepakatan="")
    nxt.peserta = [PesertaDialog(pegawai_id=pid, tanggapan="") for pid in sorted(aktif)]
    db.session.add(nxt)
    db.session.flush()
    record(actor, "dialog.jadwalkan_berulang", "dialog", nxt.id, sesudah={**_state(nxt), "sebelumnya_id": dialog.id})
    _invite(nxt, aktif, dialog.pimpinan.nama, zone)
    return nxt


# ------------------------------------------------------------------ notulen

@dataclass
class Notulen:
    dialog: Dialog
    tanggal: date
    jam: str
    pimpinan: dict
    peserta: list[dict]
    tanggapan: list[dict]
    tanggal_ttd: date


def notulen(actor, dialog_id: int) -> Notulen:
    dialog = get_dialog(actor, dialog_id)
    if not dialog.ditutup:
        raise DomainError(None, "Notulen dapat dicetak setelah dialog ditutup oleh pimpinan.")
    zone = zona_instansi()
    pimpinan = dialog.identitas_pimpinan or snapshot(dialog.pimpinan)
    peserta = [{"nama": p.pegawai.nama, "nip": p.pegawai.nip,
                "jabatan": p.jabatan_saat_dialog or p.pegawai.nama_jabatan, "hadir": p.hadir,
                "tanggapan": p.tanggapan} for p in sorted(dialog.peserta, key=lambda p: p.pegawai.nama)]
    mulai = dialog.waktu_mulai.astimezone(ZoneInfo(zone))
    jam = f"{mulai:%H.%M} {ZONA_WAKTU.get(zone, zone).split()[0]}"
    return Notulen(dialog, mulai.date(), jam, pimpinan, peserta, [p for p in peserta if p["tanggapan"]],
                   tanggal_lokal(dialog.ditutup_at or dialog.waktu_mulai, zone))


# ------------------------------------------------------------------ for the evaluation page

def list_dialog_for_pegawai(actor, pegawai_id: int, tanggal_mulai: date, tanggal_selesai: date) -> list[Dialog]:
    """The meetings of a period in which ``pegawai_id`` took part, oldest first.

    Scoped twice: the actor must be allowed to see the pegawai (else PermissionDenied, hidden),
    and only meetings the actor may open are returned (the actor's own, ones they took part in,
    or ones led by someone below them; the admin sees all).
    """
    if not can_view_pegawai(actor, pegawai_id):
        raise PermissionDenied(hide=True)
    mulai, selesai = day_range_utc(tanggal_mulai, tanggal_selesai, zona_instansi())
    stmt = (
        select(Dialog)
        .where(exists().where(PesertaDialog.dialog_id == Dialog.id, PesertaDialog.pegawai_id == pegawai_id))
        .where(Dialog.waktu_mulai >= mulai, Dialog.waktu_mulai < selesai)
        .options(*_detail_options())
        .order_by(Dialog.waktu_mulai, Dialog.id)
    )
    if not permissions.sees_every_dialog(actor):
        own = pegawai_id_of(actor)
        stmt = stmt.where(or_(
            Dialog.pimpinan_id == own,
            Dialog.pimpinan_id.in_(subordinate_ids_query(own)),
            exists().where(PesertaDialog.dialog_id == Dialog.id, PesertaDialog.pegawai_id == own),
        ))
    return list(db.session.execute(stmt).scalars())


# ------------------------------------------------------------------ reminders

def notify_followups_due(today: date) -> int:
    """Notify each owner of an open follow-up due tomorrow; at most once per follow-up per day.

    Safe to run many times a day (cron): the claim is a conditional UPDATE on
    ``diingatkan_pada``, so two concurrent runs cannot both notify.  Commits once.
    """
    besok = today + timedelta(days=1)
    items = db.session.execute(
        select(TindakLanjut).where(
            TindakLanjut.batas_waktu == besok,
            TindakLanjut.status != "Selesai",
            or_(TindakLanjut.diingatkan_pada.is_(None), TindakLanjut.diingatkan_pada != today),
        ).options(selectinload(TindakLanjut.dialog)).order_by(TindakLanjut.id)
    ).scalars().all()
    sent = []
    for item in items:
        claimed = db.session.execute(
            update(TindakLanjut)
            .where(TindakLanjut.id == item.id,
                   or_(TindakLanjut.diingatkan_pada.is_(None), TindakLanjut.diingatkan_pada != today))
            .values(diingatkan_pada=today)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            continue
        notify_pegawai(item.penanggung_jawab_id,
                       f"Pengingat: tindak lanjut \"{item.uraian[:150]}\" dari dialog \"{item.dialog.judul}\" "
                       f"jatuh tempo besok.", tautan_dialog(item.dialog_id), jenis="dialog.pengingat")
        sent.append(item.id)
    if sent:
        record(None, "dialog.pengingat", "dialog_tindak_lanjut", None,
               sesudah={"tanggal": today.isoformat(), "tindak_lanjut": sent}, aktor_label="sistem")
    db.session.commit()
    log.info("pengingat tindak lanjut dialog %s: %d dikirim", today.isoformat(), len(sent))
    return len(sent)
