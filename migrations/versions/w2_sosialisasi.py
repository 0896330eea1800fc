"""sosialisasi dan pengembangan (C11): pengumuman dengan tanda baca, sesi sosialisasi dengan kehadiran,
preferensi panduan, rencana pengembangan kompetensi, umpan balik bimbingan (B.1.8), tindak lanjut evaluasi

Revision ID: w2_sosialisasi
Revises: w2_ttd
Create Date: 2026-11-30 02:12:25

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'w2_sosialisasi'
down_revision = 'w2_dasbor'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('panduan_preferensi',
    sa.Column('akun_id', sa.Integer(), nullable=False),
    sa.Column('checklist_ditutup_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['akun_id'], ['akun.id'], name=op.f('fk_panduan_preferensi_akun_id_akun')),
    sa.PrimaryKeyConstraint('akun_id', name=op.f('pk_panduan_preferensi'))
    )
    op.create_table('pengumuman',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('judul', sa.String(length=200), nullable=False),
    sa.Column('isi', sa.Text(), nullable=False),
    sa.Column('wajib', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('penulis_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('diterbitkan_at', sa.DateTime(), nullable=True),
    sa.Column('diingatkan_at', sa.DateTime(), nullable=True),
    sa.Column('seluruh_dinas', sa.Boolean(), nullable=False),
    sa.Column('sub_unit', sa.Boolean(), nullable=False),
    sa.Column('peran', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['penulis_id'], ['akun.id'], name=op.f('fk_pengumuman_penulis_id_akun')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit_kerja.id'], name=op.f('fk_pengumuman_unit_id_unit_kerja')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pengumuman'))
    )
    with op.batch_alter_table('pengumuman', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pengumuman_penulis_id'), ['penulis_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pengumuman_status'), ['status'], unique=False)
        batch_op.create_index('ix_pengumuman_status_terbit', ['status', 'diterbitkan_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_pengumuman_unit_id'), ['unit_id'], unique=False)

    op.create_table('sesi_sosialisasi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('jenis', sa.String(length=20), nullable=False),
    sa.Column('judul', sa.String(length=200), nullable=False),
    sa.Column('waktu_mulai', sa.DateTime(), nullable=False),
    sa.Column('tempat', sa.String(length=200), nullable=False),
    sa.Column('tautan', sa.String(length=300), nullable=False),
    sa.Column('materi', sa.Text(), nullable=False),
    sa.Column('penyelenggara_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('seluruh_dinas', sa.Boolean(), nullable=False),
    sa.Column('sub_unit', sa.Boolean(), nullable=False),
    sa.Column('peran', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['penyelenggara_id'], ['akun.id'], name=op.f('fk_sesi_sosialisasi_penyelenggara_id_akun')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit_kerja.id'], name=op.f('fk_sesi_sosialisasi_unit_id_unit_kerja')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sesi_sosialisasi'))
    )
    with op.batch_alter_table('sesi_sosialisasi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sesi_sosialisasi_penyelenggara_id'), ['penyelenggara_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sesi_sosialisasi_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sesi_sosialisasi_waktu_mulai'), ['waktu_mulai'], unique=False)

    op.create_table('pengumuman_lampiran',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pengumuman_id', sa.Integer(), nullable=False),
    sa.Column('nama_asli', sa.String(length=200), nullable=False),
    sa.Column('nama_simpan', sa.String(length=60), nullable=False),
    sa.Column('mime', sa.String(length=120), nullable=False),
    sa.Column('ukuran', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['pengumuman_id'], ['pengumuman.id'], name=op.f('fk_pengumuman_lampiran_pengumuman_id_pengumuman'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pengumuman_lampiran')),
    sa.UniqueConstraint('nama_simpan', name=op.f('uq_pengumuman_lampiran_nama_simpan'))
    )
    with op.batch_alter_table('pengumuman_lampiran', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pengumuman_lampiran_pengumuman_id'), ['pengumuman_id'], unique=False)

    op.create_table('pengumuman_penerima',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pengumuman_id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('dibaca_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_pengumuman_penerima_pegawai_id_pegawai')),
    sa.ForeignKeyConstraint(['pengumuman_id'], ['pengumuman.id'], name=op.f('fk_pengumuman_penerima_pengumuman_id_pengumuman'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pengumuman_penerima')),
    sa.UniqueConstraint('pengumuman_id', 'pegawai_id', name=op.f('uq_pengumuman_penerima_pengumuman_id_pegawai_id'))
    )
    with op.batch_alter_table('pengumuman_penerima', schema=None) as batch_op:
        batch_op.create_index('ix_pengumuman_penerima_pegawai_dibaca', ['pegawai_id', 'dibaca_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_pengumuman_penerima_pegawai_id'), ['pegawai_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pengumuman_penerima_pengumuman_id'), ['pengumuman_id'], unique=False)

    op.create_table('sesi_sosialisasi_peserta',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sesi_id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('hadir', sa.Boolean(), nullable=False),
    sa.Column('dicatat_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_sesi_sosialisasi_peserta_pegawai_id_pegawai')),
    sa.ForeignKeyConstraint(['sesi_id'], ['sesi_sosialisasi.id'], name=op.f('fk_sesi_sosialisasi_peserta_sesi_id_sesi_sosialisasi'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit_kerja.id'], name=op.f('fk_sesi_sosialisasi_peserta_unit_id_unit_kerja')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sesi_sosialisasi_peserta')),
    sa.UniqueConstraint('sesi_id', 'pegawai_id', name=op.f('uq_sesi_sosialisasi_peserta_sesi_id_pegawai_id'))
    )
    with op.batch_alter_table('sesi_sosialisasi_peserta', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sesi_sosialisasi_peserta_pegawai_id'), ['pegawai_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sesi_sosialisasi_peserta_sesi_id'), ['sesi_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sesi_sosialisasi_peserta_unit_id'), ['unit_id'], unique=False)

    op.create_table('rencana_pengembangan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('evaluasi_id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('penilai_id', sa.Integer(), nullable=True),
    sa.Column('kompetensi', sa.JSON(), nullable=False),
    sa.Column('kode', sa.String(length=32), nullable=False),
    sa.Column('ttd_penilai_at', sa.DateTime(), nullable=True),
    sa.Column('ttd_pegawai_at', sa.DateTime(), nullable=True),
    sa.Column('snapshot_pegawai', sa.JSON(), nullable=True),
    sa.Column('snapshot_penilai', sa.JSON(), nullable=True),
    sa.Column('dokumen_berkas', sa.String(length=120), nullable=True),
    sa.Column('dokumen_sha256', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['evaluasi_id'], ['evaluasi.id'], name=op.f('fk_rencana_pengembangan_evaluasi_id_evaluasi')),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_rencana_pengembangan_pegawai_id_pegawai')),
    sa.ForeignKeyConstraint(['penilai_id'], ['pegawai.id'], name=op.f('fk_rencana_pengembangan_penilai_id_pegawai')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rencana_pengembangan')),
    sa.UniqueConstraint('evaluasi_id', name=op.f('uq_rencana_pengembangan_evaluasi_id')),
    sa.UniqueConstraint('kode', name=op.f('uq_rencana_pengembangan_kode'))
    )
    with op.batch_alter_table('rencana_pengembangan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rencana_pengembangan_pegawai_id'), ['pegawai_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rencana_pengembangan_penilai_id'), ['penilai_id'], unique=False)

    op.create_table('tindak_lanjut_evaluasi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('evaluasi_id', sa.Integer(), nullable=False),
    sa.Column('jenis', sa.String(length=12), nullable=False),
    sa.Column('uraian', sa.Text(), nullable=False),
    sa.Column('tanggal', sa.Date(), nullable=False),
    sa.Column('nomor_sk', sa.String(length=100), nullable=False),
    sa.Column('dicatat_oleh_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['dicatat_oleh_id'], ['akun.id'], name=op.f('fk_tindak_lanjut_evaluasi_dicatat_oleh_id_akun')),
    sa.ForeignKeyConstraint(['evaluasi_id'], ['evaluasi.id'], name=op.f('fk_tindak_lanjut_evaluasi_evaluasi_id_evaluasi')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tindak_lanjut_evaluasi'))
    )
    with op.batch_alter_table('tindak_lanjut_evaluasi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tindak_lanjut_evaluasi_dicatat_oleh_id'), ['dicatat_oleh_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tindak_lanjut_evaluasi_evaluasi_id'), ['evaluasi_id'], unique=False)

    op.create_table('umpan_balik_bimbingan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('evaluasi_id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('nilai', sa.JSON(), nullable=False),
    sa.Column('kode', sa.String(length=32), nullable=False),
    sa.Column('ttd_pegawai_at', sa.DateTime(), nullable=True),
    sa.Column('snapshot_pegawai', sa.JSON(), nullable=True),
    sa.Column('snapshot_penilai', sa.JSON(), nullable=True),
    sa.Column('dokumen_berkas', sa.String(length=120), nullable=True),
    sa.Column('dokumen_sha256', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['evaluasi_id'], ['evaluasi.id'], name=op.f('fk_umpan_balik_bimbingan_evaluasi_id_evaluasi')),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_umpan_balik_bimbingan_pegawai_id_pegawai')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_umpan_balik_bimbingan')),
    sa.UniqueConstraint('evaluasi_id', name=op.f('uq_umpan_balik_bimbingan_evaluasi_id')),
    sa.UniqueConstraint('kode', name=op.f('uq_umpan_balik_bimbingan_kode'))
    )
    with op.batch_alter_table('umpan_balik_bimbingan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_umpan_balik_bimbingan_pegawai_id'), ['pegawai_id'], unique=False)

    op.create_table('kegiatan_pengembangan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rencana_id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('kesenjangan', sa.String(length=300), nullable=False),
    sa.Column('jenis', sa.String(length=20), nullable=False),
    sa.Column('uraian', sa.String(length=300), nullable=False),
    sa.Column('jp', sa.Integer(), nullable=False),
    sa.Column('target_tanggal', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('tanggal_selesai', sa.Date(), nullable=True),
    sa.Column('bukti_nama_asli', sa.String(length=200), nullable=True),
    sa.Column('bukti_nama_simpan', sa.String(length=60), nullable=True),
    sa.Column('bukti_mime', sa.String(length=120), nullable=True),
    sa.Column('dikonfirmasi_at', sa.DateTime(), nullable=True),
    sa.Column('catatan_atasan', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_kegiatan_pengembangan_pegawai_id_pegawai')),
    sa.ForeignKeyConstraint(['rencana_id'], ['rencana_pengembangan.id'], name=op.f('fk_kegiatan_pengembangan_rencana_id_rencana_pengembangan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kegiatan_pengembangan'))
    )
    with op.batch_alter_table('kegiatan_pengembangan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kegiatan_pengembangan_pegawai_id'), ['pegawai_id'], unique=False)
        batch_op.create_index('ix_kegiatan_pengembangan_pegawai_status', ['pegawai_id', 'status', 'tanggal_selesai'], unique=False)
        batch_op.create_index(batch_op.f('ix_kegiatan_pengembangan_rencana_id'), ['rencana_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kegiatan_pengembangan_status'), ['status'], unique=False)



def downgrade():
    with op.batch_alter_table('kegiatan_pengembangan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kegiatan_pengembangan_status'))
        batch_op.drop_index(batch_op.f('ix_kegiatan_pengembangan_rencana_id'))
        batch_op.drop_index('ix_kegiatan_pengembangan_pegawai_status')
        batch_op.drop_index(batch_op.f('ix_kegiatan_pengembangan_pegawai_id'))

    op.drop_table('kegiatan_pengembangan')
    with op.batch_alter_table('umpan_balik_bimbingan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_umpan_balik_bimbingan_pegawai_id'))

    op.drop_table('umpan_balik_bimbingan')
    with op.batch_alter_table('tindak_lanjut_evaluasi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tindak_lanjut_evaluasi_evaluasi_id'))
        batch_op.drop_index(batch_op.f('ix_tindak_lanjut_evaluasi_dicatat_oleh_id'))

    op.drop_table('tindak_lanjut_evaluasi')
    with op.batch_alter_table('rencana_pengembangan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rencana_pengembangan_penilai_id'))
        batch_op.drop_index(batch_op.f('ix_rencana_pengembangan_pegawai_id'))

    op.drop_table('rencana_pengembangan')
    with op.batch_alter_table('sesi_sosialisasi_peserta', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sesi_sosialisasi_peserta_unit_id'))
        batch_op.drop_index(batch_op.f('ix_sesi_sosialisasi_peserta_sesi_id'))
        batch_op.drop_index(batch_op.f('ix_sesi_sosialisasi_peserta_pegawai_id'))

    op.drop_table('sesi_sosialisasi_peserta')
    with op.batch_alter_table('pengumuman_penerima', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pengumuman_penerima_pengumuman_id'))
        batch_op.drop_index(batch_op.f('ix_pengumuman_penerima_pegawai_id'))
        batch_op.drop_index('ix_pengumuman_penerima_pegawai_dibaca')

    op.drop_table('pengumuman_penerima')
    with op.batch_alter_table('pengumuman_lampiran', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pengumuman_lampiran_pengumuman_id'))

    op.drop_table('pengumuman_lampiran')
    with op.batch_alter_table('sesi_sosialisasi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sesi_sosialisasi_waktu_mulai'))
        batch_op.drop_index(batch_op.f('ix_sesi_sosialisasi_unit_id'))
        batch_op.drop_index(batch_op.f('ix_sesi_sosialisasi_penyelenggara_id'))

    op.drop_table('sesi_sosialisasi')
    with op.batch_alter_table('pengumuman', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pengumuman_unit_id'))
        batch_op.drop_index('ix_pengumuman_status_terbit')
        batch_op.drop_index(batch_op.f('ix_pengumuman_status'))
        batch_op.drop_index(batch_op.f('ix_pengumuman_penulis_id'))

    op.drop_table('pengumuman')
    op.drop_table('panduan_preferensi')
