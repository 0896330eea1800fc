"""Building one Cetak Massal: the list of documents, each PDF, then one ZIP or one merged PDF.

Signed evaluation forms (B, C) are copied from their stored files (``kinerja/dokumen/arsip.py``:
the bytes ``/v/<kode>`` verifies), never re-rendered; everything else is rendered with the same
functions as the single-document buttons (``evaluasi.dokumen.render``, ``skp.services.cetak_pdf``,
``laporan.services.lkh_pdf``).  Used by the job (``kinerja.cetak.tugas``) and by
``flask print-evaluations`` alike; ``kemajuan`` is the job's ``Konteks`` or the CLI's progress bar.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import select

from kinerja.cetak import rules
from kinerja.errors import DomainError, NotFound
from kinerja.extensions import db
from kinerja.models import Evaluasi, Pegawai, Periode, Skp, UnitKerja

# The command line prints everything (it runs on the server, as the operator).
AKTOR_SISTEM = SimpleNamespace(is_authenticated=True, is_admin=True, pegawai_id=None, id=None, login_id="sistem",
                               pegawai=None)


@dataclass(frozen=True)
class Butir:
    """One document of one pegawai."""

    pegawai_id: int
    nip: str
    nama: str
    dokumen: str
    evaluasi_id: int | None = None
    skp_id: int | None = None
    bulan: int | None = None
    tahun: int | None = None

    @property
    def nama_berkas(self) -> str:
        return rules.nama_berkas(self.nip, self.nama, self.dokumen, self.bulan)

    @property
    def judul(self) -> str:
        return rules.DOKUMEN[self.dokumen][0] + (f", bulan {self.bulan:02d}" if self.bulan else "")


@dataclass(frozen=True)
class Permintaan:
    periode_id: int
    dokumen: tuple[str, ...]
    unit_id: int | None = None
    sub_unit: bool = True
    bulan: int | None = None
    format: str = "zip"

    @classmethod
    def dari(cls, params: dict) -> Permintaan:
        return cls(periode_id=int(params["periode_id"]), dokumen=tuple(rules.urai_dokumen(params.get("dokumen"))),
                   unit_id=params.get("unit_id"), sub_unit=bool(params.get("sub_unit", True)),
                   bulan=params.get("bulan"), format=params.get("format") or "zip")

    def params(self) -> dict:
        return {"periode_id": self.periode_id, "dokumen": list(self.dokumen), "unit_id": self.unit_id,
                "sub_unit": self.sub_unit, "bulan": self.bulan, "format": self.format}


def induk_unit() -> dict[int, int | None]:
    return dict(db.session.execute(select(UnitKerja.id, UnitKerja.induk_id).where(UnitKerja.aktif.is_(True))).all())


def rencana(p: Permintaan) -> list[Butir]:
    """Every document to print, pegawai by pegawai (by name), documents in the fixed order."""
    periode = db.session.get(Periode, p.periode_id)
    if periode is None:
        raise DomainError("periode_id", "Periode tidak ditemukan.")
    units = rules.unit_cetak(induk_unit(), p.unit_id, p.sub_unit)
    query = select(Pegawai.id, Pegawai.nip, Pegawai.nama).where(Pegawai.aktif.is_(True))
    if units is not None:
        query = query.where(Pegawai.unit_id.in_(units))
    pegawai = db.session.execute(query.order_by(Pegawai.nama, Pegawai.nip)).all()
    ids = [r.id for r in pegawai]
    evaluasi: dict[int, list[tuple[int, int]]] = {}
    for ev_id, pid, skp_id in db.session.execute(
            select(Evaluasi.id, Evaluasi.pegawai_id, Evaluasi.skp_id)
            .where(Evaluasi.periode_id == periode.id, Evaluasi.pegawai_id.in_(ids)).order_by(Evaluasi.id)):
        evaluasi.setdefault(pid, []).append((ev_id, skp_id))
    skp_tahun = dict(db.session.execute(
        select(Skp.pegawai_id, Skp.id).where(Skp.tahun == periode.tahun, Skp.pegawai_id.in_(ids)).order_by(Skp.id)).all())
    butir: list[Butir] = []
    for r in pegawai:
        evs = evaluasi.get(r.id, [])
        for kode in p.dokumen:
            if kode in ("B", "C"):
                butir += [Butir(r.id, r.nip, r.nama, kode, evaluasi_id=ev_id) for ev_id, _ in evs]
            elif kode == "SKP":
                skp_ids = list(dict.fromkeys(s for _, s in evs)) or ([skp_tahun[r.id]] if r.id in skp_tahun else [])
                butir += [Butir(r.id, r.nip, r.nama, kode, skp_id=s) for s in skp_ids]
            else:
                butir.append(Butir(r.id, r.nip, r.nama, kode, bulan=p.bulan, tahun=periode.tahun))
    return butir


def render_butir(b: Butir, aktor, base_url: str | None) -> bytes:
    """The PDF of one document: the stored signed file when there is one, else rendered now."""
    if b.dokumen in ("B", "C"):
        from kinerja.evaluasi import dokumen

        ev = db.session.get(Evaluasi, b.evaluasi_id)
        stored = dokumen.stored(ev, b.dokumen)
        if stored is not None:
            return stored
        return dokumen.render(ev, b.dokumen, base_url, penonton=aktor)
    if b.dokumen == "SKP":
        from kinerja.skp.services import cetak_pdf

        return cetak_pdf(aktor, b.skp_id)[0]
    from kinerja.laporan.services import lkh_pdf

    return lkh_pdf(aktor, b.pegawai_id, b.tahun, b.bulan)[0]


def _unik(nama: str, terpakai: set[str]) -> str:
    if nama not in terpakai:
        terpakai.add(nama)
        return nama
    dasar, n = nama[:-4], 2
    while f"{dasar}-{n}.pdf" in terpakai:
        n += 1
    terpakai.add(f"{dasar}-{n}.pdf")
    return f"{dasar}-{n}.pdf"


def dokumen_berurutan(butir: Iterable[Butir], aktor, base_url: str | None, kemajuan):
    """(name in the archive, Butir, bytes | None) for each document; None = not printable (skipped)."""
    terpakai: set[str] = set()
    for b in butir:
        try:
            content = render_butir(b, aktor, base_url)
        except (NotFound, DomainError):
            content = None
        db.session.commit()  # ends the read: no long snapshot, and loaded evaluations leave memory
        yield _unik(b.nama_berkas, terpakai), b, content
        kemajuan.maju(keterangan=f"{b.nama} — {b.judul}")


def bangun(p: Permintaan, aktor, base_url: str | None, tujuan: Path, kemajuan) -> dict:
    """Write the ZIP (or merged PDF) to ``tujuan`` atomically; returns a summary for the job row."""
    butir = rencana(p)
    kemajuan.mulai(len(butir), keterangan=f"{len(butir)} dokumen")
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    sementara = tujuan.with_name(tujuan.name + ".sebagian")
    try:
        if p.format == "pdf":
            dicetak, dilewati = _tulis_pdf(dokumen_berurutan(butir, aktor, base_url, kemajuan), sementara)
        else:
            dicetak, dilewati = _tulis_zip(dokumen_berurutan(butir, aktor, base_url, kemajuan), sementara)
        os.replace(sementara, tujuan)
    finally:
        sementara.unlink(missing_ok=True)
    return {"dokumen": dicetak, "dilewati": dilewati, "pegawai": len({b.pegawai_id for b in butir})}


def _tulis_zip(dokumen, tujuan: Path) -> tuple[int, list[str]]:
    dicetak, dilewati = 0, []
    # PDFs are compressed already: stored as they are (fast, and byte-identical inside the archive).
    with zipfile.ZipFile(tujuan, "w", compression=zipfile.ZIP_STORED) as zf:
        for nama, _b, content in dokumen:
            if content is None:
                dilewati.append(nama)
                continue
            zf.writestr(nama, content)
            dicetak += 1
    return dicetak, dilewati


def _tulis_pdf(dokumen, tujuan: Path) -> tuple[int, list[str]]:
    """One PDF: a table of contents (rendered), then every document, each with a bookmark."""
    from pypdf import PdfReader, PdfWriter

    bagian, dilewati = [], []
    for nama, b, content in dokumen:
        if content is None:
            dilewati.append(nama)
            continue
        bagian.append((b, content, len(PdfReader(io.BytesIO(content)).pages)))
    daftar = _daftar_isi(bagian, 1)
    n_daftar = len(PdfReader(io.BytesIO(daftar)).pages)
    if n_daftar != 1:
        daftar = _daftar_isi(bagian, n_daftar)
    writer = PdfWriter()
    writer.append(io.BytesIO(daftar), outline_item="Daftar Isi")
    for b, content, _n in bagian:
        writer.append(io.BytesIO(content), outline_item=f"{b.nama} ({b.nip}) — {b.judul}")
    with open(tujuan, "wb") as fh:
        writer.write(fh)
    return len(bagian), dilewati


def _daftar_isi(bagian, n_daftar: int) -> bytes:
    from kinerja.dokumen import arsip
    from kinerja.dokumen.pdf import render_pdf
    from kinerja.organisasi.services import find_instansi

    halaman = rules.halaman_daftar_isi([n for _b, _c, n in bagian], n_daftar)
    baris = [{"no": i + 1, "nip": b.nip, "nama": b.nama, "judul": b.judul, "halaman": h}
             for i, ((b, _c, _n), h) in enumerate(zip(bagian, halaman, strict=True))]
    with arsip.render_context():
        return render_pdf("dokumen/cetak_daftar_isi.html", baris=baris, instansi=find_instansi(),
                          judul_dokumen="Daftar Isi Cetak Massal")
