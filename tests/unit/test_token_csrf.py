"""csrf_token() in templates (kinerja.security.token_csrf): flask_wtf's token, signed once per request."""

from flask import g, render_template_string
from flask_wtf.csrf import generate_csrf, validate_csrf

from kinerja import security


def test_the_token_is_flask_wtfs_and_signed_once_per_request(app, monkeypatch):
    with app.test_request_context("/"):
        token = security.token_csrf()
        assert token == generate_csrf() == g.csrf_token
        validate_csrf(token)  # raises when the token is not valid for this session

        def no_second_signing():
            raise AssertionError("generate_csrf dipanggil lagi")

        monkeypatch.setattr(security, "generate_csrf", no_second_signing)
        assert security.token_csrf() == token


def test_every_template_path_uses_the_same_token(app):
    with app.test_request_context("/"):
        html = render_template_string(
            '{% from "_macros/forms.html" import csrf %}{{ csrf_token() }}|{{ csrf() }}')
        token, field = html.split("|")
        assert f'value="{token}"' in field
        assert token == g.csrf_token
