"""fitur: periode, skp, aktivitas, verifikasi, dialog, evaluasi

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 03:12:23.303085

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('tahun_kinerja',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('pola', sa.String(length=12), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tahun_kinerja')),
    sa.UniqueConstraint('tahun', name=op.f('uq_tahun_kinerja_tahun'))
    )
    op.create_table('periode',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tahun_kinerja_id', sa.Integer(), nullable=False),
    sa.Column('kode', sa.String(length=8), nullable=False),
    sa.Column('nama', sa.String(length=40), nullable=False),
    sa.Column('jenis', sa.String(length=10), nullable=False),
    sa.Column('tanggal_mulai', sa.Date(), nullable=False),
    sa.Column('tanggal_selesai', sa.Date(), nullable=False),
    sa.Column('batas_pengisian', sa.Date(), nullable=False),
    sa.Column('urutan', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tahun_kinerja_id'], ['tahun_kinerja.id'], name=op.f('fk_periode_tahun_kinerja_id_tahun_kinerja')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_periode')),
    sa.UniqueConstraint('tahun_kinerja_id', 'kode', name=op.f('uq_periode_tahun_kinerja_id_kode'))
    )
    with op.batch_alter_table('periode', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_periode_tahun_kinerja_id'), ['tahun_kinerja_id'], unique=False)

    op.create_table('delegasi_verifikasi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('verifikator_id', sa.Integer(), nullable=False),
    sa.Column('tanggal_mulai', sa.Date(), nullable=False),
    sa.Column('tanggal_selesai', sa.Date(), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('keterangan', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit_kerja.id'], name=op.f('fk_delegasi_verifikasi_unit_id_unit_kerja')),
    sa.ForeignKeyConstraint(['verifikator_id'], ['pegawai.id'], name=op.f('fk_delegasi_verifikasi_verifikator_id_pegawai')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delegasi_verifikasi'))
    )
    with op.batch_alter_table('delegasi_verifikasi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delegasi_verifikasi_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_delegasi_verifikasi_verifikator_id'), ['verifikator_id'], unique=False)

    op.create_table('dialog',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pimpinan_id', sa.Integer(), nullable=False),
    sa.Column('jenis', sa.String(length=30), nullable=False),
    sa.Column('judul', sa.String(length=200), nullable=False),
    sa.Column('waktu_mulai', sa.DateTime(), nullable=False),
    sa.Column('daring', sa.Boolean(), nullable=False),
    sa.Column('tempat', sa.String(length=200), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('catatan', sa.Text(), nullable=False),
    sa.Column('tantangan', sa.Text(), nullable=False),
    sa.Column('kesepakatan', sa.Text(), nullable=False),
    sa.Column('pengulangan', sa.String(length=12), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('ditutup_at', sa.DateTime(), nullable=True),
    sa.Column('sebelumnya_id', sa.Integer(), nullable=True),
    sa.Column('identitas_pimpinan', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['pimpinan_id'], ['pegawai.id'], name=op.f('fk_dialog_pimpinan_id_pegawai')),
    sa.ForeignKeyConstraint(['sebelumnya_id'], ['dialog.id'], name=op.f('fk_dialog_sebelumnya_id_dialog')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dialog')),
    sa.UniqueConstraint('sebelumnya_id', name=op.f('uq_dialog_sebelumnya_id'))
    )
    with op.batch_alter_table('dialog', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dialog_pimpinan_id'), ['pimpinan_id'], unique=False)
        batch_op.create_index('ix_dialog_pimpinan_waktu', ['pimpinan_id', 'waktu_mulai'], unique=False)
        batch_op.create_index(batch_op.f('ix_dialog_status'), ['status'], unique=False)
        batch_op.create_index('ix_dialog_status_waktu', ['status', 'waktu_mulai'], unique=False)
        batch_op.create_index(batch_op.f('ix_dialog_waktu_mulai'), ['waktu_mulai'], unique=False)

    op.create_table('capaian_organisasi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('periode_id', sa.Integer(), nullable=False),
    sa.Column('capaian', sa.String(length=20), nullable=False),
    sa.Column('ditetapkan_oleh_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['ditetapkan_oleh_id'], ['akun.id'], name=op.f('fk_capaian_organisasi_ditetapkan_oleh_id_akun')),
    sa.ForeignKeyConstraint(['periode_id'], ['periode.id'], name=op.f('fk_capaian_organisasi_periode_id_periode')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit_kerja.id'], name=op.f('fk_capaian_organisasi_unit_id_unit_kerja')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capaian_organisasi')),
    sa.UniqueConstraint('unit_id', 'periode_id', name=op.f('uq_capaian_organisasi_unit_id_periode_id'))
    )
    with op.batch_alter_table('capaian_organisasi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_capaian_organisasi_ditetapkan_oleh_id'), ['ditetapkan_oleh_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_capaian_organisasi_periode_id'), ['periode_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_capaian_organisasi_unit_id'), ['unit_id'], unique=False)

    op.create_table('dialog_peserta',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dialog_id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('hadir_at', sa.DateTime(), nullable=True),
    sa.Column('tanggapan', sa.Text(), nullable=False),
    sa.Column('tanggapan_at', sa.DateTime(), nullable=True),
    sa.Column('jabatan_saat_dialog', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['dialog_id'], ['dialog.id'], name=op.f('fk_dialog_peserta_dialog_id_dialog'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_dialog_peserta_pegawai_id_pegawai')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dialog_peserta')),
    sa.UniqueConstraint('dialog_id', 'pegawai_id', name=op.f('uq_dialog_peserta_dialog_id_pegawai_id'))
    )
    with op.batch_alter_table('dialog_peserta', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dialog_peserta_dialog_id'), ['dialog_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dialog_peserta_pegawai_id'), ['pegawai_id'], unique=False)

    op.create_table('dialog_tindak_lanjut',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dialog_id', sa.Integer(), nullable=False),
    sa.Column('uraian', sa.String(length=500), nullable=False),
    sa.Column('penanggung_jawab_id', sa.Integer(), nullable=False),
    sa.Column('batas_waktu', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('catatan_selesai', sa.String(length=300), nullable=False),
    sa.Column('selesai_at', sa.DateTime(), nullable=True),
    sa.Column('diingatkan_pada', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['dialog_id'], ['dialog.id'], name=op.f('fk_dialog_tindak_lanjut_dialog_id_dialog'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['penanggung_jawab_id'], ['pegawai.id'], name=op.f('fk_dialog_tindak_lanjut_penanggung_jawab_id_pegawai')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dialog_tindak_lanjut'))
    )
    with op.batch_alter_table('dialog_tindak_lanjut', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dialog_tindak_lanjut_batas_waktu'), ['batas_waktu'], unique=False)
        batch_op.create_index(batch_op.f('ix_dialog_tindak_lanjut_dialog_id'), ['dialog_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dialog_tindak_lanjut_penanggung_jawab_id'), ['penanggung_jawab_id'], unique=False)
        batch_op.create_index('ix_dialog_tindak_lanjut_pj_status', ['penanggung_jawab_id', 'status', 'batas_waktu'], unique=False)
        batch_op.create_index(batch_op.f('ix_dialog_tindak_lanjut_status'), ['status'], unique=False)
        batch_op.create_index('ix_dialog_tindak_lanjut_status_batas', ['status', 'batas_waktu'], unique=False)

    op.create_table('skp',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('pendekatan', sa.String(length=12), nullable=False),
    sa.Column('jenis_form', sa.String(length=6), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('penilai_id', sa.Integer(), nullable=True),
    sa.Column('atasan_penilai_id', sa.Integer(), nullable=True),
    sa.Column('catatan_pengembalian', sa.Text(), nullable=True),
    sa.Column('versi', sa.Integer(), nullable=False),
    sa.Column('dalam_revisi', sa.Boolean(), nullable=False),
    sa.Column('diajukan_at', sa.DateTime(), nullable=True),
    sa.Column('disetujui_at', sa.DateTime(), nullable=True),
    sa.Column('disetujui_oleh_id', sa.Integer(), nullable=True),
    sa.Column('disetujui_oleh_admin', sa.Boolean(), nullable=False),
    sa.Column('snapshot_pegawai', sa.JSON(), nullable=True),
    sa.Column('snapshot_penilai', sa.JSON(), nullable=True),
    sa.Column('snapshot_atasan_penilai', sa.JSON(), nullable=True),
    sa.Column('dukungan_sumber_daya', sa.JSON(), nullable=False),
    sa.Column('skema_pertanggungjawaban', sa.JSON(), nullable=False),
    sa.Column('konsekuensi', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['atasan_penilai_id'], ['pegawai.id'], name=op.f('fk_skp_atasan_penilai_id_pegawai')),
    sa.ForeignKeyConstraint(['disetujui_oleh_id'], ['akun.id'], name=op.f('fk_skp_disetujui_oleh_id_akun')),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_skp_pegawai_id_pegawai')),
    sa.ForeignKeyConstraint(['penilai_id'], ['pegawai.id'], name=op.f('fk_skp_penilai_id_pegawai')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skp')),
    sa.UniqueConstraint('pegawai_id', 'tahun', name=op.f('uq_skp_pegawai_id_tahun'))
    )
    with op.batch_alter_table('skp', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_skp_atasan_penilai_id'), ['atasan_penilai_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_skp_pegawai_id'), ['pegawai_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_skp_penilai_id'), ['penilai_id'], unique=False)
        batch_op.create_index('ix_skp_tahun_status', ['tahun', 'status'], unique=False)

    op.create_table('evaluasi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('periode_id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('skp_id', sa.Integer(), nullable=False),
    sa.Column('penilai_id', sa.Integer(), nullable=True),
    sa.Column('atasan_penilai_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('kepala_unit', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('kode', sa.String(length=32), nullable=False),
    sa.Column('batas_pengisian_khusus', sa.Date(), nullable=True),
    sa.Column('realisasi_diajukan_at', sa.DateTime(), nullable=True),
    sa.Column('catatan_pengembalian', sa.Text(), nullable=True),
    sa.Column('rating_hasil_kerja', sa.String(length=24), nullable=True),
    sa.Column('rating_perilaku_kerja', sa.String(length=24), nullable=True),
    sa.Column('predikat', sa.String(length=24), nullable=True),
    sa.Column('catatan_rekomendasi', sa.Text(), nullable=True),
    sa.Column('dinilai_at', sa.DateTime(), nullable=True),
    sa.Column('final_at', sa.DateTime(), nullable=True),
    sa.Column('capaian_organisasi', sa.String(length=20), nullable=True),
    sa.Column('snapshot_pegawai', sa.JSON(), nullable=True),
    sa.Column('snapshot_penilai', sa.JSON(), nullable=True),
    sa.Column('snapshot_atasan_penilai', sa.JSON(), nullable=True),
    sa.Column('ttd_pegawai_at', sa.DateTime(), nullable=True),
    sa.Column('ttd_penilai_at', sa.DateTime(), nullable=True),
    sa.Column('tanggal_diterima', sa.Date(), nullable=True),
    sa.Column('keberatan_alasan', sa.Text(), nullable=True),
    sa.Column('keberatan_at', sa.DateTime(), nullable=True),
    sa.Column('penjelasan_penilai', sa.Text(), nullable=True),
    sa.Column('penjelasan_at', sa.DateTime(), nullable=True),
    sa.Column('keputusan_atasan', sa.Text(), nullable=True),
    sa.Column('keputusan_at', sa.DateTime(), nullable=True),
    sa.Column('keputusan_oleh_id', sa.Integer(), nullable=True),
    sa.Column('predikat_awal', sa.String(length=24), nullable=True),
    sa.Column('dokumen_versi', sa.Integer(), nullable=False),
    sa.Column('dokumen_c_berkas', sa.String(length=120), nullable=True),
    sa.Column('dokumen_c_sha256', sa.String(length=64), nullable=True),
    sa.Column('dokumen_b_berkas', sa.String(length=120), nullable=True),
    sa.Column('dokumen_b_sha256', sa.String(length=64), nullable=True),
    sa.Column('dokumen_at', sa.DateTime(), nullable=True),
    sa.Column('riwayat_dokumen', sa.JSON(), nullable=False),
    sa.Column('versi', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['atasan_penilai_id'], ['pegawai.id'], name=op.f('fk_evaluasi_atasan_penilai_id_pegawai')),
    sa.ForeignKeyConstraint(['keputusan_oleh_id'], ['akun.id'], name=op.f('fk_evaluasi_keputusan_oleh_id_akun')),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_evaluasi_pegawai_id_pegawai')),
    sa.ForeignKeyConstraint(['penilai_id'], ['pegawai.id'], name=op.f('fk_evaluasi_penilai_id_pegawai')),
    sa.ForeignKeyConstraint(['periode_id'], ['periode.id'], name=op.f('fk_evaluasi_periode_id_periode')),
    sa.ForeignKeyConstraint(['skp_id'], ['skp.id'], name=op.f('fk_evaluasi_skp_id_skp')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit_kerja.id'], name=op.f('fk_evaluasi_unit_id_unit_kerja')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluasi')),
    sa.UniqueConstraint('kode', name=op.f('uq_evaluasi_kode')),
    sa.UniqueConstraint('periode_id', 'pegawai_id', name=op.f('uq_evaluasi_periode_id_pegawai_id'))
    )
    with op.batch_alter_table('evaluasi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluasi_atasan_penilai_id'), ['atasan_penilai_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluasi_pegawai_id'), ['pegawai_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluasi_penilai_id'), ['penilai_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluasi_periode_id'), ['periode_id'], unique=False)
        batch_op.create_index('ix_evaluasi_periode_status', ['periode_id', 'status'], unique=False)
        batch_op.create_index('ix_evaluasi_periode_unit', ['periode_id', 'unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluasi_predikat'), ['predikat'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluasi_skp_id'), ['skp_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluasi_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluasi_unit_id'), ['unit_id'], unique=False)

    op.create_table('perilaku_skp',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('skp_id', sa.Integer(), nullable=False),
    sa.Column('nomor', sa.Integer(), nullable=False),
    sa.Column('ekspektasi', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['skp_id'], ['skp.id'], name=op.f('fk_perilaku_skp_skp_id_skp')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_perilaku_skp')),
    sa.UniqueConstraint('skp_id', 'nomor', name=op.f('uq_perilaku_skp_skp_id_nomor'))
    )
    with op.batch_alter_table('perilaku_skp', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_perilaku_skp_skp_id'), ['skp_id'], unique=False)

    op.create_table('rhk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('skp_id', sa.Integer(), nullable=False),
    sa.Column('jenis', sa.String(length=10), nullable=False),
    sa.Column('uraian', sa.Text(), nullable=False),
    sa.Column('urutan', sa.Integer(), nullable=False),
    sa.Column('rhk_atasan_id', sa.Integer(), nullable=True),
    sa.Column('intervensi_teks', sa.Text(), nullable=True),
    sa.Column('penugasan_dari', sa.String(length=300), nullable=True),
    sa.Column('perspektif', sa.String(length=30), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['rhk_atasan_id'], ['rhk.id'], name=op.f('fk_rhk_rhk_atasan_id_rhk')),
    sa.ForeignKeyConstraint(['skp_id'], ['skp.id'], name=op.f('fk_rhk_skp_id_skp')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rhk'))
    )
    with op.batch_alter_table('rhk', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rhk_rhk_atasan_id'), ['rhk_atasan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rhk_skp_id'), ['skp_id'], unique=False)
        batch_op.create_index('ix_rhk_skp_urutan', ['skp_id', 'urutan'], unique=False)

    op.create_table('skp_versi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('skp_id', sa.Integer(), nullable=False),
    sa.Column('versi', sa.Integer(), nullable=False),
    sa.Column('disetujui_at', sa.DateTime(), nullable=False),
    sa.Column('disetujui_oleh_id', sa.Integer(), nullable=True),
    sa.Column('isi', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['disetujui_oleh_id'], ['akun.id'], name=op.f('fk_skp_versi_disetujui_oleh_id_akun')),
    sa.ForeignKeyConstraint(['skp_id'], ['skp.id'], name=op.f('fk_skp_versi_skp_id_skp')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skp_versi')),
    sa.UniqueConstraint('skp_id', 'versi', name=op.f('uq_skp_versi_skp_id_versi'))
    )
    with op.batch_alter_table('skp_versi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_skp_versi_skp_id'), ['skp_id'], unique=False)

    op.create_table('aktivitas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('tanggal', sa.Date(), nullable=False),
    sa.Column('jam_mulai', sa.Time(), nullable=False),
    sa.Column('jam_selesai', sa.Time(), nullable=False),
    sa.Column('durasi_menit', sa.Integer(), nullable=False),
    sa.Column('uraian', sa.Text(), nullable=False),
    sa.Column('volume', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('satuan', sa.String(length=60), nullable=False),
    sa.Column('rhk_id', sa.Integer(), nullable=True),
    sa.Column('tugas_atasan', sa.Boolean(), nullable=False),
    sa.Column('tautan_bukti', sa.String(length=500), nullable=True),
    sa.Column('hari_libur', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('diajukan_at', sa.DateTime(), nullable=True),
    sa.Column('diverifikasi_at', sa.DateTime(), nullable=True),
    sa.Column('diverifikasi_oleh_id', sa.Integer(), nullable=True),
    sa.Column('catatan_verifikasi', sa.Text(), nullable=True),
    sa.Column('verdict_bukti', sa.String(length=14), nullable=True),
    sa.Column('versi', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['diverifikasi_oleh_id'], ['pegawai.id'], name=op.f('fk_aktivitas_diverifikasi_oleh_id_pegawai')),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_aktivitas_pegawai_id_pegawai')),
    sa.ForeignKeyConstraint(['rhk_id'], ['rhk.id'], name=op.f('fk_aktivitas_rhk_id_rhk')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aktivitas'))
    )
    with op.batch_alter_table('aktivitas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aktivitas_diverifikasi_oleh_id'), ['diverifikasi_oleh_id'], unique=False)
        batch_op.create_index('ix_aktivitas_pegawai_tanggal', ['pegawai_id', 'tanggal'], unique=False)
        batch_op.create_index('ix_aktivitas_rhk_status', ['rhk_id', 'status'], unique=False)
        batch_op.create_index('ix_aktivitas_status_pegawai', ['status', 'pegawai_id'], unique=False)

    op.create_table('iki',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rhk_id', sa.Integer(), nullable=False),
    sa.Column('aspek', sa.String(length=10), nullable=False),
    sa.Column('indikator', sa.Text(), nullable=False),
    sa.Column('target_teks', sa.String(length=300), nullable=False),
    sa.Column('target_angka', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('satuan', sa.String(length=60), nullable=True),
    sa.Column('urutan', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['rhk_id'], ['rhk.id'], name=op.f('fk_iki_rhk_id_rhk')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_iki'))
    )
    with op.batch_alter_table('iki', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_iki_rhk_id'), ['rhk_id'], unique=False)

    op.create_table('realisasi_rhk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('evaluasi_id', sa.Integer(), nullable=False),
    sa.Column('rhk_id', sa.Integer(), nullable=False),
    sa.Column('realisasi', sa.Text(), nullable=True),
    sa.Column('realisasi_angka', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('tautan', sa.JSON(), nullable=False),
    sa.Column('umpan_balik', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['evaluasi_id'], ['evaluasi.id'], name=op.f('fk_realisasi_rhk_evaluasi_id_evaluasi')),
    sa.ForeignKeyConstraint(['rhk_id'], ['rhk.id'], name=op.f('fk_realisasi_rhk_rhk_id_rhk')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_realisasi_rhk')),
    sa.UniqueConstraint('evaluasi_id', 'rhk_id', name=op.f('uq_realisasi_rhk_evaluasi_id_rhk_id'))
    )
    with op.batch_alter_table('realisasi_rhk', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_realisasi_rhk_evaluasi_id'), ['evaluasi_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_realisasi_rhk_rhk_id'), ['rhk_id'], unique=False)

    op.create_table('umpan_balik_perilaku',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('evaluasi_id', sa.Integer(), nullable=False),
    sa.Column('nomor', sa.Integer(), nullable=False),
    sa.Column('umpan_balik', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['evaluasi_id'], ['evaluasi.id'], name=op.f('fk_umpan_balik_perilaku_evaluasi_id_evaluasi')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_umpan_balik_perilaku')),
    sa.UniqueConstraint('evaluasi_id', 'nomor', name=op.f('uq_umpan_balik_perilaku_evaluasi_id_nomor'))
    )
    with op.batch_alter_table('umpan_balik_perilaku', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_umpan_balik_perilaku_evaluasi_id'), ['evaluasi_id'], unique=False)

    op.create_table('bukti_dukung',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('aktivitas_id', sa.Integer(), nullable=False),
    sa.Column('nama_asli', sa.String(length=200), nullable=False),
    sa.Column('nama_simpan', sa.String(length=80), nullable=False),
    sa.Column('mime', sa.String(length=100), nullable=False),
    sa.Column('ukuran', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['aktivitas_id'], ['aktivitas.id'], name=op.f('fk_bukti_dukung_aktivitas_id_aktivitas')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bukti_dukung')),
    sa.UniqueConstraint('nama_simpan', name=op.f('uq_bukti_dukung_nama_simpan'))
    )
    with op.batch_alter_table('bukti_dukung', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bukti_dukung_aktivitas_id'), ['aktivitas_id'], unique=False)

    op.create_table('komentar_aktivitas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('aktivitas_id', sa.Integer(), nullable=False),
    sa.Column('penulis_id', sa.Integer(), nullable=False),
    sa.Column('isi', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['aktivitas_id'], ['aktivitas.id'], name=op.f('fk_komentar_aktivitas_aktivitas_id_aktivitas')),
    sa.ForeignKeyConstraint(['penulis_id'], ['pegawai.id'], name=op.f('fk_komentar_aktivitas_penulis_id_pegawai')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_komentar_aktivitas'))
    )
    with op.batch_alter_table('komentar_aktivitas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_komentar_aktivitas_aktivitas_id'), ['aktivitas_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_komentar_aktivitas_penulis_id'), ['penulis_id'], unique=False)



def downgrade():
    with op.batch_alter_table('komentar_aktivitas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_komentar_aktivitas_penulis_id'))
        batch_op.drop_index(batch_op.f('ix_komentar_aktivitas_aktivitas_id'))

    op.drop_table('komentar_aktivitas')
    with op.batch_alter_table('bukti_dukung', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bukti_dukung_aktivitas_id'))

    op.drop_table('bukti_dukung')
    with op.batch_alter_table('umpan_balik_perilaku', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_umpan_balik_perilaku_evaluasi_id'))

    op.drop_table('umpan_balik_perilaku')
    with op.batch_alter_table('realisasi_rhk', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_realisasi_rhk_rhk_id'))
        batch_op.drop_index(batch_op.f('ix_realisasi_rhk_evaluasi_id'))

    op.drop_table('realisasi_rhk')
    with op.batch_alter_table('iki', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_iki_rhk_id'))

    op.drop_table('iki')
    with op.batch_alter_table('aktivitas', schema=None) as batch_op:
        batch_op.drop_index('ix_aktivitas_status_pegawai')
        batch_op.drop_index('ix_aktivitas_rhk_status')
        batch_op.drop_index('ix_aktivitas_pegawai_tanggal')
        batch_op.drop_index(batch_op.f('ix_aktivitas_diverifikasi_oleh_id'))

    op.drop_table('aktivitas')
    with op.batch_alter_table('skp_versi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_skp_versi_skp_id'))

    op.drop_table('skp_versi')
    with op.batch_alter_table('rhk', schema=None) as batch_op:
        batch_op.drop_index('ix_rhk_skp_urutan')
        batch_op.drop_index(batch_op.f('ix_rhk_skp_id'))
        batch_op.drop_index(batch_op.f('ix_rhk_rhk_atasan_id'))

    op.drop_table('rhk')
    with op.batch_alter_table('perilaku_skp', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_perilaku_skp_skp_id'))

    op.drop_table('perilaku_skp')
    with op.batch_alter_table('evaluasi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluasi_unit_id'))
        batch_op.drop_index(batch_op.f('ix_evaluasi_status'))
        batch_op.drop_index(batch_op.f('ix_evaluasi_skp_id'))
        batch_op.drop_index(batch_op.f('ix_evaluasi_predikat'))
        batch_op.drop_index('ix_evaluasi_periode_unit')
        batch_op.drop_index('ix_evaluasi_periode_status')
        batch_op.drop_index(batch_op.f('ix_evaluasi_periode_id'))
        batch_op.drop_index(batch_op.f('ix_evaluasi_penilai_id'))
        batch_op.drop_index(batch_op.f('ix_evaluasi_pegawai_id'))
        batch_op.drop_index(batch_op.f('ix_evaluasi_atasan_penilai_id'))

    op.drop_table('evaluasi')
    with op.batch_alter_table('skp', schema=None) as batch_op:
        batch_op.drop_index('ix_skp_tahun_status')
        batch_op.drop_index(batch_op.f('ix_skp_penilai_id'))
        batch_op.drop_index(batch_op.f('ix_skp_pegawai_id'))
        batch_op.drop_index(batch_op.f('ix_skp_atasan_penilai_id'))

    op.drop_table('skp')
    with op.batch_alter_table('dialog_tindak_lanjut', schema=None) as batch_op:
        batch_op.drop_index('ix_dialog_tindak_lanjut_status_batas')
        batch_op.drop_index(batch_op.f('ix_dialog_tindak_lanjut_status'))
        batch_op.drop_index('ix_dialog_tindak_lanjut_pj_status')
        batch_op.drop_index(batch_op.f('ix_dialog_tindak_lanjut_penanggung_jawab_id'))
        batch_op.drop_index(batch_op.f('ix_dialog_tindak_lanjut_dialog_id'))
        batch_op.drop_index(batch_op.f('ix_dialog_tindak_lanjut_batas_waktu'))

    op.drop_table('dialog_tindak_lanjut')
    with op.batch_alter_table('dialog_peserta', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dialog_peserta_pegawai_id'))
        batch_op.drop_index(batch_op.f('ix_dialog_peserta_dialog_id'))

    op.drop_table('dialog_peserta')
    with op.batch_alter_table('capaian_organisasi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_capaian_organisasi_unit_id'))
        batch_op.drop_index(batch_op.f('ix_capaian_organisasi_periode_id'))
        batch_op.drop_index(batch_op.f('ix_capaian_organisasi_ditetapkan_oleh_id'))

    op.drop_table('capaian_organisasi')
    with op.batch_alter_table('dialog', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dialog_waktu_mulai'))
        batch_op.drop_index('ix_dialog_status_waktu')
        batch_op.drop_index(batch_op.f('ix_dialog_status'))
        batch_op.drop_index('ix_dialog_pimpinan_waktu')
        batch_op.drop_index(batch_op.f('ix_dialog_pimpinan_id'))

    op.drop_table('dialog')
    with op.batch_alter_table('delegasi_verifikasi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delegasi_verifikasi_verifikator_id'))
        batch_op.drop_index(batch_op.f('ix_delegasi_verifikasi_unit_id'))

    op.drop_table('delegasi_verifikasi')
    with op.batch_alter_table('periode', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_periode_tahun_kinerja_id'))

    op.drop_table('periode')
    op.drop_table('tahun_kinerja')
