"""surel: e-mail of notifications (status per notification), per-kind preferences, reminders sent
(send-reminders is idempotent per day), password-reset tokens (hashed), reminder settings of the instansi.

Revision ID: w3_surel_notifikasi
Revises: w3_jobs_pekerjaan
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'w3_surel_notifikasi'
down_revision = "w3_jobs_pekerjaan"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('pengingat_terkirim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kunci', sa.String(length=120), nullable=False),
    sa.Column('tanggal', sa.Date(), nullable=False),
    sa.Column('penerima_id', sa.Integer(), nullable=False),
    sa.Column('dibuat_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['penerima_id'], ['akun.id'], name=op.f('fk_pengingat_terkirim_penerima_id_akun'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pengingat_terkirim')),
    sa.UniqueConstraint('kunci', name=op.f('uq_pengingat_terkirim_kunci'))
    )
    with op.batch_alter_table('pengingat_terkirim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pengingat_terkirim_penerima_id'), ['penerima_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pengingat_terkirim_tanggal'), ['tanggal'], unique=False)

    op.create_table('preferensi_notifikasi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('akun_id', sa.Integer(), nullable=False),
    sa.Column('jenis', sa.String(length=20), nullable=False),
    sa.Column('saluran', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['akun_id'], ['akun.id'], name=op.f('fk_preferensi_notifikasi_akun_id_akun'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_preferensi_notifikasi')),
    sa.UniqueConstraint('akun_id', 'jenis', name=op.f('uq_preferensi_notifikasi_akun_id_jenis'))
    )
    with op.batch_alter_table('preferensi_notifikasi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_preferensi_notifikasi_akun_id'), ['akun_id'], unique=False)

    op.create_table('token_sandi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('akun_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('garam', sa.String(length=64), nullable=False),
    sa.Column('dibuat_at', sa.DateTime(), nullable=False),
    sa.Column('kedaluwarsa_at', sa.DateTime(), nullable=False),
    sa.Column('dipakai_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['akun_id'], ['akun.id'], name=op.f('fk_token_sandi_akun_id_akun'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_token_sandi')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_token_sandi_token_hash'))
    )
    with op.batch_alter_table('token_sandi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_token_sandi_akun_id'), ['akun_id'], unique=False)

    with op.batch_alter_table('instansi', schema=None) as batch_op:
        batch_op.add_column(sa.Column('batas_pengajuan_skp', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('jam_pengingat_harian', sa.Integer(), server_default='15', nullable=False))
        batch_op.add_column(sa.Column('batas_tunggu_verifikasi', sa.Integer(), server_default='3', nullable=False))

    with op.batch_alter_table('notifikasi', schema=None) as batch_op:
        batch_op.add_column(sa.Column('surel_status', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('surel_at', sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_notifikasi_surel_status'), ['surel_status'], unique=False)



def downgrade():
    with op.batch_alter_table('notifikasi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifikasi_surel_status'))
        batch_op.drop_column('surel_at')
        batch_op.drop_column('surel_status')

    with op.batch_alter_table('instansi', schema=None) as batch_op:
        batch_op.drop_column('batas_tunggu_verifikasi')
        batch_op.drop_column('jam_pengingat_harian')
        batch_op.drop_column('batas_pengajuan_skp')

    with op.batch_alter_table('token_sandi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_token_sandi_akun_id'))

    op.drop_table('token_sandi')
    with op.batch_alter_table('preferensi_notifikasi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_preferensi_notifikasi_akun_id'))

    op.drop_table('preferensi_notifikasi')
    with op.batch_alter_table('pengingat_terkirim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pengingat_terkirim_tanggal'))
        batch_op.drop_index(batch_op.f('ix_pengingat_terkirim_penerima_id'))

    op.drop_table('pengingat_terkirim')
