"""puncak: pejabat luar instansi (penilai of the top of the tree), signed Penetapan Predikat
Kinerja, paper signatures recorded with their scan, kop surat fields and paper size.

Revision ID: w2_puncak
Revises: w2_ttd
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'w2_puncak'
down_revision = 'w2_ttd'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('pejabat_luar',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nama', sa.String(length=150), nullable=False),
    sa.Column('nip', sa.String(length=18), nullable=True),
    sa.Column('pangkat_golongan', sa.String(length=80), nullable=True),
    sa.Column('jabatan', sa.String(length=200), nullable=False),
    sa.Column('instansi', sa.String(length=200), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pejabat_luar'))
    )
    with op.batch_alter_table('akun', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pejabat_luar_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_akun_pejabat_luar_id'), ['pejabat_luar_id'])
        batch_op.create_foreign_key(batch_op.f('fk_akun_pejabat_luar_id_pejabat_luar'), 'pejabat_luar', ['pejabat_luar_id'], ['id'])

    with op.batch_alter_table('capaian_organisasi', schema=None) as batch_op:
        batch_op.add_column(sa.Column('penetap', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('kode', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('ttd_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('dokumen_berkas', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('dokumen_sha256', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_capaian_organisasi_kode'), ['kode'])

    with op.batch_alter_table('evaluasi', schema=None) as batch_op:
        batch_op.add_column(sa.Column('penilai_luar_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('atasan_penilai_luar_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('ttd_penilai_manual', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('ttd_penilai_pindaian', sa.String(length=120), nullable=True))
        batch_op.create_index(batch_op.f('ix_evaluasi_atasan_penilai_luar_id'), ['atasan_penilai_luar_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluasi_penilai_luar_id'), ['penilai_luar_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_evaluasi_penilai_luar_id_pejabat_luar'), 'pejabat_luar', ['penilai_luar_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_evaluasi_atasan_penilai_luar_id_pejabat_luar'), 'pejabat_luar', ['atasan_penilai_luar_id'], ['id'])

    with op.batch_alter_table('instansi', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kode_pos', sa.String(length=10), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('telepon', sa.String(length=60), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('surel', sa.String(length=150), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('laman', sa.String(length=150), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('ukuran_kertas', sa.String(length=4), nullable=False, server_default='A4'))

    with op.batch_alter_table('pegawai', schema=None) as batch_op:
        batch_op.add_column(sa.Column('penilai_luar_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('atasan_penilai_luar_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_pegawai_atasan_penilai_luar_id'), ['atasan_penilai_luar_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pegawai_penilai_luar_id'), ['penilai_luar_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_pegawai_atasan_penilai_luar_id_pejabat_luar'), 'pejabat_luar', ['atasan_penilai_luar_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_pegawai_penilai_luar_id_pejabat_luar'), 'pejabat_luar', ['penilai_luar_id'], ['id'])

    with op.batch_alter_table('skp', schema=None) as batch_op:
        batch_op.add_column(sa.Column('penilai_luar_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_skp_penilai_luar_id'), ['penilai_luar_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_skp_penilai_luar_id_pejabat_luar'), 'pejabat_luar', ['penilai_luar_id'], ['id'])



def downgrade():
    with op.batch_alter_table('skp', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_skp_penilai_luar_id_pejabat_luar'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_skp_penilai_luar_id'))
        batch_op.drop_column('penilai_luar_id')

    with op.batch_alter_table('pegawai', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_pegawai_penilai_luar_id_pejabat_luar'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_pegawai_atasan_penilai_luar_id_pejabat_luar'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_pegawai_penilai_luar_id'))
        batch_op.drop_index(batch_op.f('ix_pegawai_atasan_penilai_luar_id'))
        batch_op.drop_column('atasan_penilai_luar_id')
        batch_op.drop_column('penilai_luar_id')

    with op.batch_alter_table('instansi', schema=None) as batch_op:
        batch_op.drop_column('ukuran_kertas')
        batch_op.drop_column('laman')
        batch_op.drop_column('surel')
        batch_op.drop_column('telepon')
        batch_op.drop_column('kode_pos')

    with op.batch_alter_table('evaluasi', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_evaluasi_atasan_penilai_luar_id_pejabat_luar'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_evaluasi_penilai_luar_id_pejabat_luar'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_evaluasi_penilai_luar_id'))
        batch_op.drop_index(batch_op.f('ix_evaluasi_atasan_penilai_luar_id'))
        batch_op.drop_column('ttd_penilai_pindaian')
        batch_op.drop_column('ttd_penilai_manual')
        batch_op.drop_column('atasan_penilai_luar_id')
        batch_op.drop_column('penilai_luar_id')

    with op.batch_alter_table('capaian_organisasi', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_capaian_organisasi_kode'), type_='unique')
        batch_op.drop_column('dokumen_sha256')
        batch_op.drop_column('dokumen_berkas')
        batch_op.drop_column('ttd_at')
        batch_op.drop_column('kode')
        batch_op.drop_column('penetap')

    with op.batch_alter_table('akun', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_akun_pejabat_luar_id_pejabat_luar'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_akun_pejabat_luar_id'), type_='unique')
        batch_op.drop_column('pejabat_luar_id')

    op.drop_table('pejabat_luar')
