from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length


class LoginForm(FlaskForm):
    identitas = StringField("NIP atau Nama Pengguna", validators=[DataRequired("Isi NIP atau nama pengguna."), Length(max=150)])
    kata_sandi = PasswordField("Kata Sandi", validators=[DataRequired("Isi kata sandi."), Length(max=256)])


class GantiSandiForm(FlaskForm):
    sandi_lama = PasswordField("Kata Sandi Saat Ini", validators=[DataRequired("Isi kata sandi saat ini."), Length(max=256)])
    sandi_baru = PasswordField("Kata Sandi Baru", validators=[DataRequired("Isi kata sandi baru."), Length(max=256)])
    ulangi_sandi = PasswordField(
        "Ulangi Kata Sandi Baru",
        validators=[DataRequired("Ulangi kata sandi baru."), EqualTo("sandi_baru", "Kedua kata sandi baru tidak sama.")],
    )


class KodeForm(FlaskForm):
    """The second login step: a 6-digit code from the authenticator app, or a recovery code."""

    kode = StringField("Kode Verifikasi", validators=[DataRequired("Isi kode verifikasi."), Length(max=40)])


class AktifkanDuaLangkahForm(FlaskForm):
    kode = StringField("Kode dari Aplikasi", validators=[DataRequired("Isi 6 angka dari aplikasi autentikator."),
                                                         Length(max=40)])


class NonaktifkanDuaLangkahForm(FlaskForm):
    kata_sandi = PasswordField("Kata Sandi", validators=[DataRequired("Isi kata sandi Anda."), Length(max=256)])
    kode = StringField("Kode Verifikasi", validators=[DataRequired("Isi kode dari aplikasi atau kode pemulihan."),
                                                      Length(max=40)])
