"""fondasi: organisasi, akun, audit, notifikasi

Revision ID: 0001
Revises: 
Create Date: 2026-11-28 02:33:29.111646

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hash_terakhir', sa.String(length=64), nullable=False),
    sa.Column('jumlah', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    op.create_table('hari_libur',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tanggal', sa.Date(), nullable=False),
    sa.Column('nama', sa.String(length=150), nullable=False),
    sa.Column('jenis', sa.String(length=20), nullable=False),
    sa.Column('sumber', sa.String(length=10), nullable=False),
    sa.Column('keterangan', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hari_libur')),
    sa.UniqueConstraint('tanggal', name=op.f('uq_hari_libur_tanggal'))
    )
    op.create_table('instansi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nama_pemda', sa.String(length=150), nullable=False),
    sa.Column('nama_dinas', sa.String(length=150), nullable=False),
    sa.Column('alamat', sa.String(length=300), nullable=False),
    sa.Column('kota_ttd', sa.String(length=80), nullable=False),
    sa.Column('logo_nama_file', sa.String(length=80), nullable=True),
    sa.Column('zona_waktu', sa.String(length=40), nullable=False),
    sa.Column('target_menit_bulanan', sa.Integer(), nullable=False),
    sa.Column('batas_menit_harian', sa.Integer(), nullable=False),
    sa.Column('masa_tenggang_hari_kerja', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instansi'))
    )
    op.create_table('jabatan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nama', sa.String(length=200), nullable=False),
    sa.Column('jenis', sa.String(length=20), nullable=False),
    sa.Column('jenjang', sa.String(length=30), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jabatan')),
    sa.UniqueConstraint('nama', name=op.f('uq_jabatan_nama'))
    )
    op.create_table('login_throttle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kunci', sa.String(length=200), nullable=False),
    sa.Column('gagal', sa.Integer(), nullable=False),
    sa.Column('jumlah_kunci', sa.Integer(), nullable=False),
    sa.Column('terkunci_sampai', sa.DateTime(), nullable=True),
    sa.Column('terakhir_gagal', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_throttle')),
    sa.UniqueConstraint('kunci', name=op.f('uq_login_throttle_kunci'))
    )
    op.create_table('unit_kerja',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nama', sa.String(length=150), nullable=False),
    sa.Column('singkatan', sa.String(length=30), nullable=True),
    sa.Column('induk_id', sa.Integer(), nullable=True),
    sa.Column('hari_kerja_per_minggu', sa.Integer(), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('hari_kerja_per_minggu IN (5, 6)', name=op.f('ck_unit_kerja_hari_kerja')),
    sa.ForeignKeyConstraint(['induk_id'], ['unit_kerja.id'], name=op.f('fk_unit_kerja_induk_id_unit_kerja')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_kerja'))
    )
    with op.batch_alter_table('unit_kerja', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_kerja_induk_id'), ['induk_id'], unique=False)
        batch_op.create_index('ix_unit_kerja_nama', ['nama'], unique=False)

    op.create_table('pegawai',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nip', sa.String(length=18), nullable=False),
    sa.Column('nama', sa.String(length=150), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('golongan', sa.String(length=8), nullable=True),
    sa.Column('jabatan_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('atasan_id', sa.Integer(), nullable=True),
    sa.Column('pimpinan', sa.Boolean(), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('email', sa.String(length=150), nullable=True),
    sa.Column('tanggal_lahir', sa.Date(), nullable=True),
    sa.Column('jenis_kelamin', sa.String(length=1), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['atasan_id'], ['pegawai.id'], name=op.f('fk_pegawai_atasan_id_pegawai')),
    sa.ForeignKeyConstraint(['jabatan_id'], ['jabatan.id'], name=op.f('fk_pegawai_jabatan_id_jabatan')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit_kerja.id'], name=op.f('fk_pegawai_unit_id_unit_kerja')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pegawai')),
    sa.UniqueConstraint('nip', name=op.f('uq_pegawai_nip'))
    )
    with op.batch_alter_table('pegawai', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pegawai_aktif'), ['aktif'], unique=False)
        batch_op.create_index(batch_op.f('ix_pegawai_atasan_id'), ['atasan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pegawai_jabatan_id'), ['jabatan_id'], unique=False)
        batch_op.create_index('ix_pegawai_nama', ['nama'], unique=False)
        batch_op.create_index(batch_op.f('ix_pegawai_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index('uq_pegawai_pimpinan_unit', ['unit_id'], unique=True, sqlite_where=sa.text('pimpinan'), postgresql_where=sa.text('pimpinan'))

    op.create_table('akun',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=60), nullable=True),
    sa.Column('pegawai_id', sa.Integer(), nullable=True),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('is_admin', sa.Boolean(), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('harus_ganti_sandi', sa.Boolean(), nullable=False),
    sa.Column('session_version', sa.Integer(), nullable=False),
    sa.Column('terakhir_masuk', sa.DateTime(), nullable=True),
    sa.Column('sandi_diganti_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_akun_pegawai_id_pegawai')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_akun')),
    sa.UniqueConstraint('pegawai_id', name=op.f('uq_akun_pegawai_id')),
    sa.UniqueConstraint('username', name=op.f('uq_akun_username'))
    )
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('waktu', sa.DateTime(), nullable=False),
    sa.Column('aktor_id', sa.Integer(), nullable=True),
    sa.Column('aktor_label', sa.String(length=200), nullable=False),
    sa.Column('aksi', sa.String(length=60), nullable=False),
    sa.Column('objek_tipe', sa.String(length=40), nullable=False),
    sa.Column('objek_id', sa.String(length=40), nullable=True),
    sa.Column('sebelum', sa.Text(), nullable=True),
    sa.Column('sesudah', sa.Text(), nullable=True),
    sa.Column('alamat_ip', sa.String(length=64), nullable=True),
    sa.Column('hash_sebelumnya', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['aktor_id'], ['akun.id'], name=op.f('fk_audit_event_aktor_id_akun')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event')),
    sa.UniqueConstraint('hash', name=op.f('uq_audit_event_hash'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_event_aksi', ['aksi'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_aktor_id'), ['aktor_id'], unique=False)
        batch_op.create_index('ix_audit_event_objek', ['objek_tipe', 'objek_id'], unique=False)
        batch_op.create_index('ix_audit_event_waktu', ['waktu'], unique=False)

    op.create_table('notifikasi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('penerima_id', sa.Integer(), nullable=False),
    sa.Column('pesan', sa.String(length=300), nullable=False),
    sa.Column('tautan', sa.String(length=300), nullable=True),
    sa.Column('jenis', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('dibaca_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['penerima_id'], ['akun.id'], name=op.f('fk_notifikasi_penerima_id_akun')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifikasi'))
    )
    with op.batch_alter_table('notifikasi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifikasi_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_notifikasi_penerima_dibaca', ['penerima_id', 'dibaca_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifikasi_penerima_id'), ['penerima_id'], unique=False)



def downgrade():
    with op.batch_alter_table('notifikasi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifikasi_penerima_id'))
        batch_op.drop_index('ix_notifikasi_penerima_dibaca')
        batch_op.drop_index(batch_op.f('ix_notifikasi_created_at'))

    op.drop_table('notifikasi')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_waktu')
        batch_op.drop_index('ix_audit_event_objek')
        batch_op.drop_index(batch_op.f('ix_audit_event_aktor_id'))
        batch_op.drop_index('ix_audit_event_aksi')

    op.drop_table('audit_event')
    op.drop_table('akun')
    with op.batch_alter_table('pegawai', schema=None) as batch_op:
        batch_op.drop_index('uq_pegawai_pimpinan_unit', sqlite_where=sa.text('pimpinan'), postgresql_where=sa.text('pimpinan'))
        batch_op.drop_index(batch_op.f('ix_pegawai_unit_id'))
        batch_op.drop_index('ix_pegawai_nama')
        batch_op.drop_index(batch_op.f('ix_pegawai_jabatan_id'))
        batch_op.drop_index(batch_op.f('ix_pegawai_atasan_id'))
        batch_op.drop_index(batch_op.f('ix_pegawai_aktif'))

    op.drop_table('pegawai')
    with op.batch_alter_table('unit_kerja', schema=None) as batch_op:
        batch_op.drop_index('ix_unit_kerja_nama')
        batch_op.drop_index(batch_op.f('ix_unit_kerja_induk_id'))

    op.drop_table('unit_kerja')
    op.drop_table('login_throttle')
    op.drop_table('jabatan')
    op.drop_table('instansi')
    op.drop_table('hari_libur')
    op.drop_table('audit_head')
