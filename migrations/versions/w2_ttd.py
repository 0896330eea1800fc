"""ttd: signed means frozen — SKP snapshot per evaluation, document versions, refusal to sign, early signing

Revision ID: w2_ttd
Revises: w2_jejak

Existing evaluations get their snapshot here (nothing lost): the SKP version approved when the
evaluation was finalised (else the latest approved version; else the live SKP rows), and their
issued documents become version rows; the newest keeps the evaluation's printed code.
"""
import secrets
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "w2_ttd"
down_revision = "w2_jejak"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN (no table rebuild): SQLite keeps the tables that reference these ones intact.
    op.add_column("evaluasi", sa.Column("ttd_pegawai_ditolak_at", sa.DateTime(), nullable=True))
    op.add_column("evaluasi", sa.Column("ttd_pegawai_ditolak_catatan", sa.Text(), nullable=True))
    op.add_column("evaluasi", sa.Column("snapshot_skp", sa.JSON(), nullable=True))
    op.add_column("evaluasi", sa.Column("snapshot_skp_at", sa.DateTime(), nullable=True))
    op.add_column("periode", sa.Column("ttd_lebih_awal", sa.Boolean(), nullable=False, server_default=sa.false()))

    op.create_table(
        "evaluasi_rhk",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluasi_id", sa.Integer(), nullable=False),
        sa.Column("rhk_id", sa.Integer(), nullable=False),
        sa.Column("jenis", sa.String(length=10), nullable=False),
        sa.Column("uraian", sa.Text(), nullable=False),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.Column("intervensi", sa.Text(), nullable=True),
        sa.Column("penugasan_dari", sa.String(length=300), nullable=True),
        sa.Column("perspektif", sa.String(length=30), nullable=True),
        sa.ForeignKeyConstraint(["evaluasi_id"], ["evaluasi.id"], name=op.f("fk_evaluasi_rhk_evaluasi_id_evaluasi")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluasi_rhk")),
        sa.UniqueConstraint("evaluasi_id", "rhk_id", name=op.f("uq_evaluasi_rhk_evaluasi_id_rhk_id")),
    )
    with op.batch_alter_table("evaluasi_rhk", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluasi_rhk_evaluasi_id"), ["evaluasi_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evaluasi_rhk_rhk_id"), ["rhk_id"], unique=False)
    op.create_table(
        "evaluasi_iki",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluasi_rhk_id", sa.Integer(), nullable=False),
        sa.Column("aspek", sa.String(length=10), nullable=False),
        sa.Column("indikator", sa.Text(), nullable=False),
        sa.Column("target_teks", sa.String(length=300), nullable=False),
        sa.Column("target_angka", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("satuan", sa.String(length=60), nullable=True),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["evaluasi_rhk_id"], ["evaluasi_rhk.id"],
                                name=op.f("fk_evaluasi_iki_evaluasi_rhk_id_evaluasi_rhk")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluasi_iki")),
    )
    with op.batch_alter_table("evaluasi_iki", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluasi_iki_evaluasi_rhk_id"), ["evaluasi_rhk_id"], unique=False)
    op.create_table(
        "dokumen_evaluasi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluasi_id", sa.Integer(), nullable=False),
        sa.Column("versi", sa.Integer(), nullable=False),
        sa.Column("kode", sa.String(length=32), nullable=False),
        sa.Column("alasan", sa.String(length=200), nullable=False),
        sa.Column("diterbitkan_at", sa.DateTime(), nullable=False),
        sa.Column("dokumen_c_berkas", sa.String(length=120), nullable=True),
        sa.Column("dokumen_c_sha256", sa.String(length=64), nullable=True),
        sa.Column("dokumen_b_berkas", sa.String(length=120), nullable=True),
        sa.Column("dokumen_b_sha256", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["evaluasi_id"], ["evaluasi.id"], name=op.f("fk_dokumen_evaluasi_evaluasi_id_evaluasi")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dokumen_evaluasi")),
        sa.UniqueConstraint("evaluasi_id", "versi", name=op.f("uq_dokumen_evaluasi_evaluasi_id_versi")),
        sa.UniqueConstraint("kode", name=op.f("uq_dokumen_evaluasi_kode")),
    )
    with op.batch_alter_table("dokumen_evaluasi", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dokumen_evaluasi_evaluasi_id"), ["evaluasi_id"], unique=False)

    _isi_data(op.get_bind())


# ------------------------------------------------------------------ data: snapshots and document versions

EVALUASI = sa.table("evaluasi", sa.column("id", sa.Integer), sa.column("skp_id", sa.Integer),
                    sa.column("kode", sa.String), sa.column("final_at", sa.DateTime),
                    sa.column("snapshot_skp", sa.JSON), sa.column("snapshot_skp_at", sa.DateTime),
                    sa.column("riwayat_dokumen", sa.JSON), sa.column("dokumen_at", sa.DateTime),
                    sa.column("dokumen_c_berkas", sa.String), sa.column("dokumen_c_sha256", sa.String),
                    sa.column("dokumen_b_berkas", sa.String), sa.column("dokumen_b_sha256", sa.String))
SKP = sa.table("skp", sa.column("id", sa.Integer), sa.column("pendekatan", sa.String),
               sa.column("jenis_form", sa.String), sa.column("versi", sa.Integer))
SKP_VERSI = sa.table("skp_versi", sa.column("skp_id", sa.Integer), sa.column("versi", sa.Integer),
                     sa.column("disetujui_at", sa.DateTime), sa.column("isi", sa.JSON))
RHK = sa.table("rhk", sa.column("id", sa.Integer), sa.column("skp_id", sa.Integer), sa.column("jenis", sa.String),
               sa.column("uraian", sa.Text), sa.column("urutan", sa.Integer), sa.column("rhk_atasan_id", sa.Integer),
               sa.column("intervensi_teks", sa.Text), sa.column("penugasan_dari", sa.String),
               sa.column("perspektif", sa.String))
IKI = sa.table("iki", sa.column("rhk_id", sa.Integer), sa.column("aspek", sa.String), sa.column("indikator", sa.Text),
               sa.column("target_teks", sa.String), sa.column("target_angka", sa.Numeric(14, 2)),
               sa.column("satuan", sa.String), sa.column("urutan", sa.Integer), sa.column("id", sa.Integer))
PERILAKU = sa.table("perilaku_skp", sa.column("skp_id", sa.Integer), sa.column("nomor", sa.Integer),
                    sa.column("ekspektasi", sa.Text))
EV_RHK = sa.table("evaluasi_rhk", sa.column("id", sa.Integer), sa.column("evaluasi_id", sa.Integer),
                  sa.column("rhk_id", sa.Integer), sa.column("jenis", sa.String), sa.column("uraian", sa.Text),
                  sa.column("urutan", sa.Integer), sa.column("intervensi", sa.Text),
                  sa.column("penugasan_dari", sa.String), sa.column("perspektif", sa.String))
EV_IKI = sa.table("evaluasi_iki", sa.column("evaluasi_rhk_id", sa.Integer), sa.column("aspek", sa.String),
                  sa.column("indikator", sa.Text), sa.column("target_teks", sa.String),
                  sa.column("target_angka", sa.Numeric(14, 2)), sa.column("satuan", sa.String),
                  sa.column("urutan", sa.Integer))
DOKUMEN = sa.table("dokumen_evaluasi", sa.column("evaluasi_id", sa.Integer), sa.column("versi", sa.Integer),
                   sa.column("kode", sa.String), sa.column("alasan", sa.String),
                   sa.column("diterbitkan_at", sa.DateTime), sa.column("dokumen_c_berkas", sa.String),
                   sa.column("dokumen_c_sha256", sa.String), sa.column("dokumen_b_berkas", sa.String),
                   sa.column("dokumen_b_sha256", sa.String))


def _isi_live(conn, skp_id: int) -> dict:
    """The live SKP rows as the approved-version JSON (for data without a stored version)."""
    rows = conn.execute(sa.select(RHK).where(RHK.c.skp_id == skp_id)).mappings().all()
    uraian = {r["id"]: r["uraian"] for r in conn.execute(sa.select(RHK.c.id, RHK.c.uraian)).mappings()}
    rows = sorted(rows, key=lambda r: (r["jenis"] != "Utama", r["urutan"] or 0, r["id"]))
    rhk = []
    for r in rows:
        iki = conn.execute(sa.select(IKI).where(IKI.c.rhk_id == r["id"]).order_by(IKI.c.urutan, IKI.c.id)).mappings()
        rhk.append({"id": r["id"], "jenis": r["jenis"], "uraian": r["uraian"],
                    "intervensi": uraian.get(r["rhk_atasan_id"]) or r["intervensi_teks"] or "",
                    "penugasan_dari": r["penugasan_dari"] or "", "perspektif": r["perspektif"] or "",
                    "iki": [{"aspek": i["aspek"], "indikator": i["indikator"], "target_teks": i["target_teks"],
                             "target_angka": None if i["target_angka"] is None else str(i["target_angka"]),
                             "satuan": i["satuan"] or ""} for i in iki]})
    perilaku = [{"nomor": p["nomor"], "ekspektasi": p["ekspektasi"] or ""}
                for p in conn.execute(sa.select(PERILAKU).where(PERILAKU.c.skp_id == skp_id)).mappings()]
    return {"rhk": rhk, "perilaku": perilaku}


def _tanggal(value) -> str:
    from babel.dates import format_date

    return format_date(value, "d MMMM yyyy", locale="id") if value else ""


def _isi_data(conn) -> None:
    from kinerja.referensi import BERAKHLAK

    now = datetime.utcnow()
    for ev in conn.execute(sa.select(EVALUASI)).mappings().all():
        skp = conn.execute(sa.select(SKP).where(SKP.c.id == ev["skp_id"])).mappings().one()
        versions = conn.execute(sa.select(SKP_VERSI).where(SKP_VERSI.c.skp_id == ev["skp_id"])
                                .order_by(SKP_VERSI.c.versi)).mappings().all()
        chosen = None
        if versions:
            if ev["final_at"] is not None:
                before = [v for v in versions if v["disetujui_at"] is not None and v["disetujui_at"] <= ev["final_at"]]
                chosen = before[-1] if before else None
            chosen = chosen or versions[-1]
        versi, isi = (chosen["versi"], chosen["isi"]) if chosen else (skp["versi"], _isi_live(conn, ev["skp_id"]))
        for urutan, r in enumerate((r for r in isi.get("rhk", []) if r.get("id") is not None), start=1):
            rid = conn.execute(sa.insert(EV_RHK).values(
                evaluasi_id=ev["id"], rhk_id=r["id"], jenis=r.get("jenis") or "Utama", uraian=r.get("uraian") or "",
                urutan=urutan, intervensi=r.get("intervensi") or None, penugasan_dari=r.get("penugasan_dari") or None,
                perspektif=r.get("perspektif") or None).returning(EV_RHK.c.id)).scalar_one()
            for nomor, i in enumerate(r.get("iki", []), start=1):
                conn.execute(sa.insert(EV_IKI).values(
                    evaluasi_rhk_id=rid, aspek=i.get("aspek") or "", indikator=i.get("indikator") or "",
                    target_teks=i.get("target_teks") or "", target_angka=i.get("target_angka") or None,
                    satuan=i.get("satuan") or None, urutan=nomor))
        ekspektasi = {p.get("nomor"): p.get("ekspektasi") or "" for p in isi.get("perilaku", [])}
        perilaku = [{"nomor": n, "nama": nama, "panduan": list(panduan), "ekspektasi": ekspektasi.get(n, "")}
                    for n, (nama, panduan) in enumerate(BERAKHLAK, start=1)]
        conn.execute(sa.update(EVALUASI).where(EVALUASI.c.id == ev["id"]).values(
            snapshot_skp={"versi": versi, "pendekatan": skp["pendekatan"], "jenis_form": skp["jenis_form"],
                          "perilaku": perilaku}, snapshot_skp_at=now))
        _dokumen(conn, ev)


def _dokumen(conn, ev) -> None:
    if not ev["dokumen_c_sha256"]:
        return
    riwayat = sorted(ev["riwayat_dokumen"] or [], key=lambda x: x.get("versi") or 0)
    if not riwayat:
        riwayat = [{"versi": 1, "alasan": "ditandatangani", "waktu": None,
                    "dokumen_c_sha256": ev["dokumen_c_sha256"], "dokumen_b_sha256": ev["dokumen_b_sha256"]}]
    for n, item in enumerate(riwayat):
        last = n == len(riwayat) - 1
        versi = item.get("versi") or n + 1
        waktu = datetime.fromisoformat(item["waktu"]).replace(tzinfo=None) if item.get("waktu") else (
            ev["dokumen_at"] or datetime.utcnow())
        alasan = item.get("alasan") or "diterbitkan"
        alasan = ("keberatan diputuskan pada " if alasan.startswith("keberatan") else "ditandatangani pada ") + _tanggal(waktu)
        conn.execute(sa.insert(DOKUMEN).values(
            evaluasi_id=ev["id"], versi=versi, kode=ev["kode"] if last else secrets.token_urlsafe(12), alasan=alasan,
            diterbitkan_at=waktu,
            dokumen_c_berkas=ev["dokumen_c_berkas"] if last else f"evaluasi-{ev['id']}-v{versi}-C.pdf",
            dokumen_c_sha256=item.get("dokumen_c_sha256"),
            dokumen_b_berkas=ev["dokumen_b_berkas"] if last else f"evaluasi-{ev['id']}-v{versi}-B.pdf",
            dokumen_b_sha256=item.get("dokumen_b_sha256")))


def downgrade():
    with op.batch_alter_table("dokumen_evaluasi", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dokumen_evaluasi_evaluasi_id"))
    op.drop_table("dokumen_evaluasi")
    with op.batch_alter_table("evaluasi_iki", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluasi_iki_evaluasi_rhk_id"))
    op.drop_table("evaluasi_iki")
    with op.batch_alter_table("evaluasi_rhk", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluasi_rhk_rhk_id"))
        batch_op.drop_index(batch_op.f("ix_evaluasi_rhk_evaluasi_id"))
    op.drop_table("evaluasi_rhk")
    with op.batch_alter_table("periode", schema=None) as batch_op:
        batch_op.drop_column("ttd_lebih_awal")
    with op.batch_alter_table("evaluasi", schema=None) as batch_op:
        batch_op.drop_column("snapshot_skp_at")
        batch_op.drop_column("snapshot_skp")
        batch_op.drop_column("ttd_pegawai_ditolak_catatan")
        batch_op.drop_column("ttd_pegawai_ditolak_at")
