"""skala (#17): the verification inbox's submitted entries per pegawai and day from one index.

The inbox groups the submitted (Diajukan) entries of the pegawai an atasan verifies by pegawai and day.
With only (pegawai_id, tanggal) and (status, pegawai_id, diajukan_at) to choose from, SQLite (with its
statistics) walked ix_aktivitas_pegawai_tanggal: every entry of the year of each pegawai, to keep the
few submitted ones (0.54 ms of a ~5 ms page on bench_verifikasi's data).  (pegawai_id, status, tanggal)
answers the grouping and a page's range (tanggal BETWEEN …) from the index alone (0.15 ms).

Revision ID: w3_indeks_kotak
Revises: w3_indeks_terakhir
"""

from alembic import op

revision = "w3_indeks_kotak"
down_revision = "w3_indeks_terakhir"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("aktivitas", schema=None) as batch_op:
        batch_op.create_index("ix_aktivitas_pegawai_status_tanggal", ["pegawai_id", "status", "tanggal"], unique=False)


def downgrade():
    with op.batch_alter_table("aktivitas", schema=None) as batch_op:
        batch_op.drop_index("ix_aktivitas_pegawai_status_tanggal")
