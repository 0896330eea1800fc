"""dasbor: halaman publik Kinerja Organisasi (instansi), indeks waktu verifikasi dan antrean aktivitas

Revision ID: w2_dasbor
Revises: w2_ttd
"""
from alembic import op
import sqlalchemy as sa


revision = "w2_dasbor"
down_revision = "w2_ttd"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("instansi", schema=None) as batch_op:
        batch_op.add_column(sa.Column("halaman_publik", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("aktivitas", schema=None) as batch_op:
        batch_op.create_index("ix_aktivitas_verifikasi_waktu",
                              ["diverifikasi_at", "pegawai_id", "diajukan_at", "diverifikasi_oleh_id"], unique=False)
        batch_op.create_index("ix_aktivitas_status_pegawai_diajukan", ["status", "pegawai_id", "diajukan_at"],
                              unique=False)


def downgrade():
    with op.batch_alter_table("aktivitas", schema=None) as batch_op:
        batch_op.drop_index("ix_aktivitas_status_pegawai_diajukan")
        batch_op.drop_index("ix_aktivitas_verifikasi_waktu")
    with op.batch_alter_table("instansi", schema=None) as batch_op:
        batch_op.drop_column("halaman_publik")
