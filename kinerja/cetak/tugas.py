"""The Cetak Massal job (huey, through kinerja.jobs)."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from kinerja.cetak import rules
from kinerja.cetak.bangun import AKTOR_SISTEM, Permintaan, bangun
from kinerja.extensions import db
from kinerja.jobs import Konteks, tugas
from kinerja.models import Akun, Periode, UnitKerja


def nama_unduhan(p: Permintaan) -> str:
    periode = db.session.get(Periode, p.periode_id)
    unit = db.session.get(UnitKerja, p.unit_id) if p.unit_id else None
    bagian = [f"cetak-massal-{rules.slug(periode.nama)}-{periode.tahun}", rules.slug(unit.nama) if unit else "dinas"]
    return "-".join(bagian) + (".pdf" if p.format == "pdf" else ".zip")


@tugas("cetak.massal", judul="Cetak Massal", retries=2, retry_delay=30, menulis=False)
def cetak_massal(konteks: Konteks, **params) -> dict:
    p = Permintaan.dari(params)
    aktor = db.session.get(Akun, konteks.peminta_id) if konteks.peminta_id else AKTOR_SISTEM
    relatif = f"cetak/cetak-massal-{konteks.id}.{'pdf' if p.format == 'pdf' else 'zip'}"
    tujuan = Path(current_app.config["UPLOAD_DIR"]) / relatif
    hasil = bangun(p, aktor, current_app.config.get("KINERJA_BASE_URL"), tujuan, konteks)
    konteks.simpan_hasil(relatif, nama_unduhan(p), rules.SIMPAN_HARI)
    return hasil
