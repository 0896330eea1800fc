"""Admin kepegawaian forms: shape only (types, lengths, choices).  The rules live in services."""

from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from kinerja.formulir import FormulirDasar, optional_id  # noqa: F401
from kinerja.referensi import (
    GOLONGAN_PPPK,
    JENIS_HARI_LIBUR,
    JENIS_JABATAN_LABEL,
    JENJANG_FUNGSIONAL,
    PANGKAT_PNS,
    STATUS_KEPEGAWAIAN,
    ZONA_WAKTU,
)

AdminForm = FormulirDasar



def select_choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs → WTForms options."""
    return [SelectChoice(value, label) for value, label in pairs]


def golongan_options(status: str | None) -> list[tuple[str, str]]:
    """PNS/CPNS: "III/a — Penata Muda"; PPPK: I … XVII."""
    if status == "PPPK":
        items = [(g, g) for g in GOLONGAN_PPPK]
    else:
        items = [(g, f"{g} — {nama}") for g, nama in PANGKAT_PNS.items()]
    return [("", "— Pilih pangkat/golongan —")] + items


class InstansiForm(AdminForm):
    nama_pemda = StringField("Nama Pemerintah Daerah", validators=[
        DataRequired("Isi nama pemerintah daerah."), Length(max=150, message="Maksimal 150 karakter.")])
    nama_dinas = StringField("Nama Dinas", validators=[
        DataRequired("Isi nama dinas."), Length(max=150, message="Maksimal 150 karakter.")])
    alamat = TextAreaField("Alamat", validators=[Optional(), Length(max=300, message="Maksimal 300 karakter.")])
    kota_ttd = StringField("Kota Tanda Tangan", validators=[
        DataRequired("Isi nama kota untuk tanda tangan dokumen."), Length(max=80, message="Maksimal 80 karakter.")])
    zona_waktu = SelectField("Zona Waktu", choices=select_choices(ZONA_WAKTU.items()), validate_choice=False, default="Asia/Jakarta")
    target_menit_bulanan = IntegerField("Target Menit Bulanan", default=6750,
                                        validators=[InputRequired("Isi target menit bulanan.")])
    batas_menit_harian = IntegerField("Batas Menit Harian", default=720,
                                      validators=[InputRequired("Isi batas menit harian.")])
    masa_tenggang_hari_kerja = IntegerField("Masa Tenggang (hari kerja)", default=1,
                                            validators=[InputRequired("Isi masa tenggang.")])
    kode_pos = StringField("Kode Pos", validators=[Optional(), Length(max=10, message="Maksimal 10 karakter.")])
    telepon = StringField("Telepon", validators=[Optional(), Length(max=60, message="Maksimal 60 karakter.")])
    surel = StringField("Surel Instansi", validators=[Optional(), Length(max=150, message="Maksimal 150 karakter.")])
    laman = StringField("Laman", validators=[Optional(), Length(max=150, message="Maksimal 150 karakter.")])
    ukuran_kertas = SelectField("Ukuran Kertas Dokumen", default="A4", validate_choice=False,
                                choices=select_choices([("A4", "A4 (210 × 297 mm)"), ("F4", "F4/Folio (215 × 330 mm)")]))
    batas_pengajuan_skp = DateField("Batas Pengajuan SKP", validators=[Optional()])
    # Optional: a form without them (an older page, a script) keeps the stored values.
    jam_pengingat_harian = IntegerField("Jam Pengingat Aktivitas", default=15, validators=[Optional()])
    batas_tunggu_verifikasi = IntegerField("Batas Tunggu Verifikasi (hari kerja)", default=3, validators=[Optional()])


class LogoForm(AdminForm):
    logo = FileField("Berkas Logo (PNG atau JPEG)")


class UnitForm(AdminForm):
    nama = StringField("Nama Unit Kerja", validators=[
        DataRequired("Isi nama unit kerja."), Length(max=150, message="Maksimal 150 karakter.")])
    singkatan = StringField("Singkatan", validators=[Optional(), Length(max=30, message="Maksimal 30 karakter.")])
    induk_id = SelectField("Unit Induk", coerce=optional_id, validate_choice=False,
                           description="Kosongkan untuk unit teratas (dinas).")
    hari_kerja_per_minggu = SelectField("Hari Kerja per Minggu", coerce=optional_id, validate_choice=False,
                                        choices=select_choices([(5, "5 hari (Senin–Jumat)"), (6, "6 hari (Senin–Sabtu)")]),
                                        description="Menentukan hari kerja untuk aktivitas harian pegawai di unit ini.")
    aktif = BooleanField("Aktif", default=True)


class JabatanForm(AdminForm):
    nama = StringField("Nama Jabatan", validators=[
        DataRequired("Isi nama jabatan."), Length(max=200, message="Maksimal 200 karakter.")])
    jenis = SelectField("Jenis Jabatan", validate_choice=False,
                        choices=select_choices([("", "— Pilih jenis —"), *JENIS_JABATAN_LABEL.items()]))
    jenjang = SelectField("Jenjang (khusus fungsional)", validate_choice=False,
                          choices=select_choices([("", "— Tidak ada —")] + [(j, j) for j in JENJANG_FUNGSIONAL]),
                          description="Hanya untuk jabatan fungsional: Ahli Pertama … Ahli Utama, atau Pemula … Penyelia.")


class PegawaiForm(AdminForm):
    """Labels are a contract with the browser tests: keep them exactly."""

    nip = StringField("NIP", validators=[DataRequired("Isi NIP (18 digit)."), Length(max=30, message="NIP terlalu panjang.")])
    nama = StringField("Nama Lengkap (dengan gelar)", validators=[
        DataRequired("Isi nama lengkap."), Length(max=150, message="Nama maksimal 150 karakter.")])
    status = SelectField("Status Kepegawaian", choices=select_choices((s, s) for s in STATUS_KEPEGAWAIAN), validate_choice=False)
    golongan = SelectField("Pangkat/Golongan", validate_choice=False)
    jabatan_id = SelectField("Jabatan", coerce=optional_id, validate_choice=False)
    unit_id = SelectField("Unit Kerja", coerce=optional_id, validate_choice=False)
    atasan_id = SelectField("Atasan Langsung", coerce=optional_id, validate_choice=False)
    email = EmailField("Surel", validators=[Optional(), Length(max=150, message="Surel maksimal 150 karakter.")])
    pimpinan = BooleanField("Pimpinan unit kerja ini")


class HariLiburForm(AdminForm):
    tanggal = DateField("Tanggal", validators=[InputRequired("Isi tanggal.")])
    nama = StringField("Nama Hari Libur", validators=[
        DataRequired("Isi nama hari libur."), Length(max=150, message="Maksimal 150 karakter.")])
    jenis = SelectField("Jenis", choices=select_choices((j, j) for j in JENIS_HARI_LIBUR), validate_choice=False)


class TahunForm(AdminForm):
    tahun = IntegerField("Tahun", validators=[InputRequired("Isi tahun.")])
