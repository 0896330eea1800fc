"""skala (#17): index review at 10,000 pegawai (docs/EXPLAIN_10000.md).

No list page reads `aktivitas` with a sequential scan (every query uses an index).  The review found
one redundant index on the 2.5-million-row table: ix_aktivitas_status_pegawai (status, pegawai_id)
is a prefix of ix_aktivitas_status_pegawai_diajukan (status, pegawai_id, diajukan_at), which serves
every query that used it.  Dropping it makes each save, submit and verification write one index less.

Revision ID: w3_skala_indeks
Revises: w3_surel_notifikasi
"""

from alembic import op

revision = "w3_skala_indeks"
down_revision = "w3_surel_notifikasi"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("aktivitas", schema=None) as batch_op:
        batch_op.drop_index("ix_aktivitas_status_pegawai")


def downgrade():
    with op.batch_alter_table("aktivitas", schema=None) as batch_op:
        batch_op.create_index("ix_aktivitas_status_pegawai", ["status", "pegawai_id"], unique=False)
