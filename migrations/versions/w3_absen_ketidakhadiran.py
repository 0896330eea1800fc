"""absen: ketidakhadiran (cuti, dinas luar, sakit, tugas belajar) and rencana aksi per RHK (issue #11 §3/§4).

Revision ID: w3_absen_ketidakhadiran
Revises: w3_mutasi_periode_skp
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'w3_absen_ketidakhadiran'
down_revision = "w3_mutasi_periode_skp"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('ketidakhadiran',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('jenis', sa.String(length=14), nullable=False),
    sa.Column('tanggal_mulai', sa.Date(), nullable=False),
    sa.Column('tanggal_selesai', sa.Date(), nullable=False),
    sa.Column('keterangan', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('sumber', sa.String(length=10), nullable=False),
    sa.Column('dokumen_nama', sa.String(length=200), nullable=True),
    sa.Column('dokumen_simpan', sa.String(length=80), nullable=True),
    sa.Column('dokumen_mime', sa.String(length=100), nullable=True),
    sa.Column('diputus_oleh_id', sa.Integer(), nullable=True),
    sa.Column('diputus_at', sa.DateTime(), nullable=True),
    sa.Column('catatan_keputusan', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['diputus_oleh_id'], ['pegawai.id'], name=op.f('fk_ketidakhadiran_diputus_oleh_id_pegawai')),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_ketidakhadiran_pegawai_id_pegawai')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ketidakhadiran'))
    )
    with op.batch_alter_table('ketidakhadiran', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ketidakhadiran_diputus_oleh_id'), ['diputus_oleh_id'], unique=False)
        batch_op.create_index('ix_ketidakhadiran_pegawai_tanggal', ['pegawai_id', 'tanggal_mulai', 'tanggal_selesai'], unique=False)

    op.create_table('rencana_aksi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rhk_id', sa.Integer(), nullable=False),
    sa.Column('kode', sa.String(length=4), nullable=False),
    sa.Column('tanggal_mulai', sa.Date(), nullable=False),
    sa.Column('tanggal_selesai', sa.Date(), nullable=False),
    sa.Column('uraian', sa.String(length=300), nullable=False),
    sa.Column('target', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('satuan', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['rhk_id'], ['rhk.id'], name=op.f('fk_rencana_aksi_rhk_id_rhk')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rencana_aksi'))
    )
    with op.batch_alter_table('rencana_aksi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rencana_aksi_rhk_id'), ['rhk_id'], unique=False)

    # aktivitas is referenced by other tables: ALTER TABLE ADD COLUMN, never a batch re-creation.
    name = 'fk_aktivitas_rencana_aksi_id_rencana_aksi'
    if op.get_bind().dialect.name == "sqlite":  # SQLite: the constraint inline, in the ADD COLUMN itself
        op.execute(f"ALTER TABLE aktivitas ADD COLUMN rencana_aksi_id INTEGER CONSTRAINT {name} REFERENCES rencana_aksi (id)")
    else:
        op.add_column('aktivitas', sa.Column('rencana_aksi_id', sa.Integer(), nullable=True))
        op.create_foreign_key(name, 'aktivitas', 'rencana_aksi', ['rencana_aksi_id'], ['id'])
    op.create_index(op.f('ix_aktivitas_rencana_aksi_id'), 'aktivitas', ['rencana_aksi_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_aktivitas_rencana_aksi_id'), table_name='aktivitas')
    with op.batch_alter_table('aktivitas', schema=None) as batch_op:
        batch_op.drop_constraint('fk_aktivitas_rencana_aksi_id_rencana_aksi', type_='foreignkey')
        batch_op.drop_column('rencana_aksi_id')

    with op.batch_alter_table('rencana_aksi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rencana_aksi_rhk_id'))

    op.drop_table('rencana_aksi')
    with op.batch_alter_table('ketidakhadiran', schema=None) as batch_op:
        batch_op.drop_index('ix_ketidakhadiran_pegawai_tanggal')
        batch_op.drop_index(batch_op.f('ix_ketidakhadiran_diputus_oleh_id'))

    op.drop_table('ketidakhadiran')
