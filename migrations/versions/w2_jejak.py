"""jejak: perangkat tepercaya (cookie perangkat), TOTP dan kode pemulihan, rantai audit ber-HMAC

Revision ID: w2_jejak
Revises: 0002
Create Date: 2026-11-30 02:07:41.510323

Existing audit events keep their unkeyed SHA-256 links (``versi`` 1).  If there are any, one keyed
event (``audit.segel_hmac``) is appended that seals them: its HMAC covers their count and last hash,
so they still verify, but nobody without the audit key can recompute them (or add unkeyed links
after the seal).  The key is the app's (``KINERJA_AUDIT_KEY`` or ``instance/audit_key``): run this
migration with the same settings as the server.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'w2_jejak'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('kode_pemulihan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('akun_id', sa.Integer(), nullable=False),
    sa.Column('kode_hash', sa.String(length=256), nullable=False),
    sa.Column('dibuat_at', sa.DateTime(), nullable=False),
    sa.Column('dipakai_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['akun_id'], ['akun.id'], name=op.f('fk_kode_pemulihan_akun_id_akun')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kode_pemulihan'))
    )
    with op.batch_alter_table('kode_pemulihan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kode_pemulihan_akun_id'), ['akun_id'], unique=False)

    op.create_table('perangkat_tepercaya',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('akun_id', sa.Integer(), nullable=False),
    sa.Column('kode_hash', sa.String(length=64), nullable=False),
    sa.Column('dibuat_at', sa.DateTime(), nullable=False),
    sa.Column('terakhir_dipakai', sa.DateTime(), nullable=False),
    sa.Column('kedaluwarsa_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['akun_id'], ['akun.id'], name=op.f('fk_perangkat_tepercaya_akun_id_akun')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_perangkat_tepercaya')),
    sa.UniqueConstraint('kode_hash', name=op.f('uq_perangkat_tepercaya_kode_hash'))
    )
    with op.batch_alter_table('perangkat_tepercaya', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_perangkat_tepercaya_akun_id'), ['akun_id'], unique=False)

    with op.batch_alter_table('akun', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_rahasia', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('totp_aktif_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('totp_langkah_terakhir', sa.Integer(), nullable=True))

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('versi', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('audit_head', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mac', sa.String(length=64), nullable=True))

    from flask import current_app

    from kinerja.audit.services import seal_legacy_chain

    seal_legacy_chain(op.get_bind(), current_app.config["AUDIT_KEY"])


def downgrade():
    # The seal event stays (as an ordinary row); the chain then no longer verifies as keyed.
    with op.batch_alter_table('audit_head', schema=None) as batch_op:
        batch_op.drop_column('mac')

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('versi')

    with op.batch_alter_table('akun', schema=None) as batch_op:
        batch_op.drop_column('totp_langkah_terakhir')
        batch_op.drop_column('totp_aktif_at')
        batch_op.drop_column('totp_rahasia')

    with op.batch_alter_table('perangkat_tepercaya', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_perangkat_tepercaya_akun_id'))

    op.drop_table('perangkat_tepercaya')
    with op.batch_alter_table('kode_pemulihan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kode_pemulihan_akun_id'))

    op.drop_table('kode_pemulihan')
