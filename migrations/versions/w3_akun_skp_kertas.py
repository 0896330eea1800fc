"""akun: the paper approval of a top-of-tree SKP recorded by the admin (date and scan).

Revision ID: w3_akun_skp_kertas
Revises: w3_absen_ketidakhadiran
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'w3_akun_skp_kertas'
down_revision = "w3_absen_ketidakhadiran"
branch_labels = None
depends_on = None


def upgrade():
    # ADD COLUMN (nullable) works on SQLite and PostgreSQL without re-creating the table.
    op.add_column('skp', sa.Column('persetujuan_kertas_tanggal', sa.Date(), nullable=True))
    op.add_column('skp', sa.Column('persetujuan_kertas_pindaian', sa.String(length=120), nullable=True))


def downgrade():
    with op.batch_alter_table('skp') as batch_op:
        batch_op.drop_column('persetujuan_kertas_pindaian')
        batch_op.drop_column('persetujuan_kertas_tanggal')
