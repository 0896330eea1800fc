"""skala (#17): the day view's "last entry per RHK" read from the index alone.

The quick-entry form remembers, per RHK, the satuan of the pegawai's latest entry: ``max(id)`` per
``rhk_id`` over all of the pegawai's entries (some 250 a year).  Through ix_aktivitas_pegawai_tanggal
that read fetched every one of those rows from the table (~0.25 ms of PostgreSQL CPU on each day view at
10,000 pegawai); (pegawai_id, rhk_id, id) answers it with an index-only scan.

Revision ID: w3_indeks_terakhir
Revises: w3_harian_rutin
"""

from alembic import op

revision = "w3_indeks_terakhir"
down_revision = "w3_harian_rutin"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("aktivitas", schema=None) as batch_op:
        batch_op.create_index("ix_aktivitas_pegawai_rhk_id", ["pegawai_id", "rhk_id", "id"], unique=False)


def downgrade():
    with op.batch_alter_table("aktivitas", schema=None) as batch_op:
        batch_op.drop_index("ix_aktivitas_pegawai_rhk_id")
