"""w2_ttd upgrades a database of the previous release with data: nothing lost (QUALITY R6).

Evaluations get their SKP snapshot (from the version approved when finalised), and issued documents
become version rows; the newest keeps the printed code, so QR codes already on paper still verify.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from kinerja import create_app
from kinerja.config import TestConfig
from kinerja.extensions import db

T0 = datetime(2026, 7, 1, 2, 0)


def _isi(conn, table: str, **values) -> int:
    """Insert a row, filling every other NOT NULL column with a neutral value."""
    t = sa.Table(table, sa.MetaData(), autoload_with=conn)
    for col in t.columns:
        if col.name in values or col.nullable or col.primary_key:
            continue
        kind = col.type
        values[col.name] = (
            False if isinstance(kind, sa.Boolean) else
            T0 if isinstance(kind, sa.DateTime) else
            date(2026, 1, 1) if isinstance(kind, sa.Date) else
            [] if isinstance(kind, sa.JSON) else
            0 if isinstance(kind, sa.Integer | sa.Numeric) else
            f"{table}-{col.name}"[: getattr(kind, "length", None) or 100]
        )
    return conn.execute(sa.insert(t).values(**values).returning(t.c.id)).scalar_one()


def _rhk_isi(rid: int, uraian: str) -> dict:
    return {"id": rid, "jenis": "Utama", "uraian": uraian, "intervensi": "Sasaran dinas", "penugasan_dari": "",
            "perspektif": "", "iki": [{"aspek": "Kuantitas", "indikator": "Jumlah laporan", "target_teks": "12 laporan",
                                      "target_angka": "12.00", "satuan": "laporan"}]}


@pytest.mark.no_db
def test_previous_release_data_gets_snapshots_and_document_versions(tmp_path):
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/lama.db")
    with app.app_context():
        upgrade(revision="0002")
        with db.engine.begin() as conn:
            unit = _isi(conn, "unit_kerja", nama="Seksi", hari_kerja_per_minggu=5, aktif=True)
            peg = _isi(conn, "pegawai", nip="198609262015051001", nama="Pegawai Lama", unit_id=unit, aktif=True)
            skp = _isi(conn, "skp", pegawai_id=peg, tahun=2026, status="Draft", versi=2, dalam_revisi=True,
                       dukungan_sumber_daya=[], skema_pertanggungjawaban=[], konsekuensi=[])
            rhk = _isi(conn, "rhk", skp_id=skp, jenis="Utama", uraian="RHK DIUBAH DALAM REVISI", urutan=1)
            versi = sa.Table("skp_versi", sa.MetaData(), autoload_with=conn)
            for n, (uraian, waktu) in enumerate([("RHK versi satu", datetime(2026, 1, 10)),
                                                 ("RHK versi dua", datetime(2026, 8, 1))], start=1):
                conn.execute(sa.insert(versi).values(skp_id=skp, versi=n, disetujui_at=waktu, isi={
                    "rhk": [_rhk_isi(rhk, uraian)], "perilaku": [{"nomor": 1, "ekspektasi": f"Ekspektasi v{n}"}]}))
            tk = _isi(conn, "tahun_kinerja", tahun=2026, pola="semesteran", aktif=True)
            periode = _isi(conn, "periode", tahun_kinerja_id=tk, kode="S1", nama="Semester I", jenis="semester",
                           tanggal_mulai=date(2026, 1, 1), tanggal_selesai=date(2026, 6, 30),
                           batas_pengisian=date(2026, 7, 15))
            riwayat = [{"versi": 1, "alasan": "ditandatangani", "waktu": "2026-07-03T02:00:00+00:00",
                        "dokumen_c_sha256": "c1" * 32, "dokumen_b_sha256": "b1" * 32},
                       {"versi": 2, "alasan": "keberatan diputus", "waktu": "2026-07-20T02:00:00+00:00",
                        "dokumen_c_sha256": "c2" * 32, "dokumen_b_sha256": "b2" * 32}]
            ev = _isi(conn, "evaluasi", periode_id=periode, pegawai_id=peg, skp_id=skp, status="Keberatan Diputus",
                      kode="kodeTercetak123", final_at=datetime(2026, 7, 2), riwayat_dokumen=riwayat, dokumen_versi=2,
                      dokumen_c_sha256="c2" * 32, dokumen_b_sha256="b2" * 32,
                      dokumen_c_berkas="evaluasi-1-v2-C.pdf", dokumen_b_berkas="evaluasi-1-v2-B.pdf", versi=1)
        upgrade()
        from kinerja.evaluasi import services
        from kinerja.models import Evaluasi, Periode

        item = db.session.get(Evaluasi, ev)
        # The version approved before finalisation, not the later one nor the live revision.
        assert [r.uraian for r in item.rhk_snapshot] == ["RHK versi satu"]
        assert item.rhk_snapshot[0].iki[0].target_teks == "12 laporan"
        assert item.snapshot_skp["versi"] == 1 and item.snapshot_skp["perilaku"][0]["ekspektasi"] == "Ekspektasi v1"
        assert [(d.versi, d.dokumen_c_sha256) for d in item.dokumen] == [(1, "c1" * 32), (2, "c2" * 32)]
        assert item.dokumen[1].kode == "kodeTercetak123" and item.dokumen[0].kode != "kodeTercetak123"
        assert item.dokumen[1].alasan == "keberatan diputuskan pada 20 Juli 2026"
        assert services.find_by_kode("kodeTercetak123").versi == 2
        assert db.session.get(Periode, periode).ttd_lebih_awal is False
        assert item.dokumen[0].diterbitkan_at == datetime(2026, 7, 3, 2, 0, tzinfo=UTC)
        db.session.remove()
        db.engine.dispose()
