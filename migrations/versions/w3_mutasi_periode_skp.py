"""mutasi: several SKPs a year (own period inside the year), one evaluation per SKP in a period,
riwayat jabatan, penugasan Plt/Plh (issue #11 §1–§2).

Existing SKPs get 1 January–31 December of their year.

Revision ID: w3_mutasi_periode_skp
Revises: w3_skala_indeks
"""
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = 'w3_mutasi_periode_skp'
down_revision = "w3_skala_indeks"
branch_labels = None
depends_on = None


def _fk(on: bool) -> None:
    """SQLite: a unique constraint is dropped by re-creating the table, which is referenced by others;
    foreign keys are switched off around it (PRAGMA foreign_keys works only outside a transaction)."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    bind.exec_driver_sql("COMMIT")
    bind.exec_driver_sql(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")
    bind.exec_driver_sql("BEGIN IMMEDIATE")


def upgrade():
    op.add_column('skp', sa.Column('tanggal_mulai', sa.Date(), nullable=True))
    op.add_column('skp', sa.Column('tanggal_selesai', sa.Date(), nullable=True))
    skp = sa.table('skp', sa.column('tahun', sa.Integer()), sa.column('tanggal_mulai', sa.Date()),
                   sa.column('tanggal_selesai', sa.Date()))
    bind = op.get_bind()
    for (tahun,) in bind.execute(sa.select(skp.c.tahun).distinct()).all():
        bind.execute(skp.update().where(skp.c.tahun == tahun).values(
            tanggal_mulai=date(tahun, 1, 1), tanggal_selesai=date(tahun, 12, 31)))
    op.add_column('evaluasi', sa.Column('penentu_predikat', sa.Boolean(), server_default=sa.true(), nullable=False))
    op.add_column('evaluasi', sa.Column('penentu_dipilih_admin', sa.Boolean(), server_default=sa.false(), nullable=False))

    _fk(False)
    with op.batch_alter_table('skp', schema=None) as batch_op:
        batch_op.alter_column('tanggal_mulai', existing_type=sa.Date(), nullable=False)
        batch_op.alter_column('tanggal_selesai', existing_type=sa.Date(), nullable=False)
        batch_op.drop_constraint(batch_op.f('uq_skp_pegawai_id_tahun'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_skp_pegawai_id_tahun_tanggal_mulai'),
                                          ['pegawai_id', 'tahun', 'tanggal_mulai'])
    with op.batch_alter_table('evaluasi', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_evaluasi_periode_id_pegawai_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_evaluasi_periode_id_skp_id'), ['periode_id', 'skp_id'])
    _fk(True)

    op.create_table('riwayat_jabatan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('jenis', sa.String(length=20), nullable=False),
    sa.Column('tanggal_mulai', sa.Date(), nullable=False),
    sa.Column('tanggal_selesai', sa.Date(), nullable=True),
    sa.Column('jabatan_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('atasan_id', sa.Integer(), nullable=True),
    sa.Column('golongan', sa.String(length=8), nullable=True),
    sa.Column('pimpinan', sa.Boolean(), nullable=False),
    sa.Column('nama_jabatan', sa.String(length=200), nullable=False),
    sa.Column('nama_unit', sa.String(length=150), nullable=False),
    sa.Column('nomor_sk', sa.String(length=100), nullable=True),
    sa.Column('keterangan', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['atasan_id'], ['pegawai.id'], name=op.f('fk_riwayat_jabatan_atasan_id_pegawai')),
    sa.ForeignKeyConstraint(['jabatan_id'], ['jabatan.id'], name=op.f('fk_riwayat_jabatan_jabatan_id_jabatan')),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_riwayat_jabatan_pegawai_id_pegawai')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit_kerja.id'], name=op.f('fk_riwayat_jabatan_unit_id_unit_kerja')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_riwayat_jabatan'))
    )
    op.create_index(op.f('ix_riwayat_jabatan_atasan_id'), 'riwayat_jabatan', ['atasan_id'], unique=False)
    op.create_index(op.f('ix_riwayat_jabatan_jabatan_id'), 'riwayat_jabatan', ['jabatan_id'], unique=False)
    op.create_index(op.f('ix_riwayat_jabatan_pegawai_id'), 'riwayat_jabatan', ['pegawai_id'], unique=False)
    op.create_index(op.f('ix_riwayat_jabatan_unit_id'), 'riwayat_jabatan', ['unit_id'], unique=False)
    op.create_index('ix_riwayat_jabatan_pegawai_mulai', 'riwayat_jabatan', ['pegawai_id', 'tanggal_mulai'], unique=False)

    op.create_table('penugasan_plt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('jenis', sa.String(length=3), nullable=False),
    sa.Column('pejabat_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('pegawai_id', sa.Integer(), nullable=True),
    sa.Column('tanggal_mulai', sa.Date(), nullable=False),
    sa.Column('tanggal_selesai', sa.Date(), nullable=False),
    sa.Column('nomor_sk', sa.String(length=100), nullable=True),
    sa.Column('keterangan', sa.String(length=300), nullable=True),
    sa.Column('dibatalkan_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_penugasan_plt_pegawai_id_pegawai')),
    sa.ForeignKeyConstraint(['pejabat_id'], ['pegawai.id'], name=op.f('fk_penugasan_plt_pejabat_id_pegawai')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit_kerja.id'], name=op.f('fk_penugasan_plt_unit_id_unit_kerja')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_penugasan_plt'))
    )
    op.create_index(op.f('ix_penugasan_plt_pegawai_id'), 'penugasan_plt', ['pegawai_id'], unique=False)
    op.create_index(op.f('ix_penugasan_plt_pejabat_id'), 'penugasan_plt', ['pejabat_id'], unique=False)
    op.create_index(op.f('ix_penugasan_plt_unit_id'), 'penugasan_plt', ['unit_id'], unique=False)
    op.create_index('ix_penugasan_plt_rentang', 'penugasan_plt', ['tanggal_mulai', 'tanggal_selesai'], unique=False)


def downgrade():
    op.drop_table('penugasan_plt')
    op.drop_table('riwayat_jabatan')
    _fk(False)
    with op.batch_alter_table('evaluasi', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_evaluasi_periode_id_skp_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_evaluasi_periode_id_pegawai_id'), ['periode_id', 'pegawai_id'])
        batch_op.drop_column('penentu_dipilih_admin')
        batch_op.drop_column('penentu_predikat')
    with op.batch_alter_table('skp', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_skp_pegawai_id_tahun_tanggal_mulai'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_skp_pegawai_id_tahun'), ['pegawai_id', 'tahun'])
        batch_op.drop_column('tanggal_selesai')
        batch_op.drop_column('tanggal_mulai')
    _fk(True)
