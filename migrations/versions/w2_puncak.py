"""puncak: pejabat luar instansi (penilai of the top of the tree), signed Penetapan Predikat
Kinerja, paper signatures recorded with their scan, kop surat fields and paper size.

Revision ID: w2_puncak
Revises: w2_ttd
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'w2_puncak'
down_revision = 'w2_sosialisasi'
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
    # Existing tables get their columns with ALTER TABLE ADD COLUMN (no batch re-creation: on SQLite a
    # re-created evaluasi/akun table cannot be dropped while other rows reference it).
    _kolom_pejabat("akun", "pejabat_luar_id")
    op.create_index(op.f('ix_akun_pejabat_luar_id'), 'akun', ['pejabat_luar_id'], unique=True)

    op.add_column('capaian_organisasi', sa.Column('penetap', sa.JSON(), nullable=True))
    op.add_column('capaian_organisasi', sa.Column('kode', sa.String(length=32), nullable=True))
    op.add_column('capaian_organisasi', sa.Column('ttd_at', sa.DateTime(), nullable=True))
    op.add_column('capaian_organisasi', sa.Column('dokumen_berkas', sa.String(length=120), nullable=True))
    op.add_column('capaian_organisasi', sa.Column('dokumen_sha256', sa.String(length=64), nullable=True))
    op.create_index(op.f('ix_capaian_organisasi_kode'), 'capaian_organisasi', ['kode'], unique=True)

    _kolom_pejabat("evaluasi", "penilai_luar_id")
    _kolom_pejabat("evaluasi", "atasan_penilai_luar_id")
    op.add_column('evaluasi', sa.Column('ttd_penilai_manual', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('evaluasi', sa.Column('ttd_penilai_pindaian', sa.String(length=120), nullable=True))
    op.create_index(op.f('ix_evaluasi_atasan_penilai_luar_id'), 'evaluasi', ['atasan_penilai_luar_id'], unique=False)
    op.create_index(op.f('ix_evaluasi_penilai_luar_id'), 'evaluasi', ['penilai_luar_id'], unique=False)

    op.add_column('instansi', sa.Column('kode_pos', sa.String(length=10), nullable=False, server_default=''))
    op.add_column('instansi', sa.Column('telepon', sa.String(length=60), nullable=False, server_default=''))
    op.add_column('instansi', sa.Column('surel', sa.String(length=150), nullable=False, server_default=''))
    op.add_column('instansi', sa.Column('laman', sa.String(length=150), nullable=False, server_default=''))
    op.add_column('instansi', sa.Column('ukuran_kertas', sa.String(length=4), nullable=False, server_default='A4'))

    _kolom_pejabat("pegawai", "penilai_luar_id")
    _kolom_pejabat("pegawai", "atasan_penilai_luar_id")
    op.create_index(op.f('ix_pegawai_atasan_penilai_luar_id'), 'pegawai', ['atasan_penilai_luar_id'], unique=False)
    op.create_index(op.f('ix_pegawai_penilai_luar_id'), 'pegawai', ['penilai_luar_id'], unique=False)

    _kolom_pejabat("skp", "penilai_luar_id")
    op.create_index(op.f('ix_skp_penilai_luar_id'), 'skp', ['penilai_luar_id'], unique=False)


def _kolom_pejabat(table: str, column: str) -> None:
    """A nullable column referencing pejabat_luar, with its named foreign key."""
    name = f"fk_{table}_{column}_pejabat_luar"
    if op.get_bind().dialect.name == "sqlite":  # SQLite: the constraint inline, in the ADD COLUMN itself
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER CONSTRAINT {name} REFERENCES pejabat_luar (id)")
        return
    op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
    op.create_foreign_key(name, table, 'pejabat_luar', [column], ['id'])


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
        batch_op.drop_index(batch_op.f('ix_capaian_organisasi_kode'))
        batch_op.drop_column('dokumen_sha256')
        batch_op.drop_column('dokumen_berkas')
        batch_op.drop_column('ttd_at')
        batch_op.drop_column('kode')
        batch_op.drop_column('penetap')

    with op.batch_alter_table('akun', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_akun_pejabat_luar_id_pejabat_luar'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_akun_pejabat_luar_id'))
        batch_op.drop_column('pejabat_luar_id')

    op.drop_table('pejabat_luar')
