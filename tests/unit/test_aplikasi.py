"""kinerja.Aplikasi: Flask with ``ensure_sync`` remembered per function — the same answers as Flask's."""

import pytest
from flask import Flask

from kinerja import Aplikasi


def test_a_plain_function_is_returned_as_is_every_time():
    app = Aplikasi(__name__)

    def hook():
        return "ok"

    assert app.ensure_sync(hook) is hook
    assert app.ensure_sync(hook) is hook
    assert app.ensure_sync(app.dispatch_request) == app.dispatch_request  # a bound method, made anew each time


def test_a_coroutine_function_gets_what_flask_gives_it():
    app, flask = Aplikasi(__name__), Flask(__name__)

    async def hook():
        return "ok"

    try:
        expected = flask.ensure_sync(hook)()
    except RuntimeError as exc:  # Flask without its "async" extra refuses, and so must we
        with pytest.raises(RuntimeError, match=str(exc)[:30]):
            app.ensure_sync(hook)
        return
    assert app.ensure_sync(hook)() == expected == "ok"


def test_the_memory_is_bounded():
    app = Aplikasi(__name__)
    functions = [(lambda n=n: n) for n in range(app.BATAS_SINKRON + 10)]
    for f in functions:
        assert app.ensure_sync(f) is f
    assert len(app._sinkron) == app.BATAS_SINKRON
    assert app.ensure_sync(functions[-1])() == app.BATAS_SINKRON + 9


def test_the_app_uses_its_own_jinja_environment(app):
    from kinerja.templat import LingkunganJinja

    assert isinstance(app, Aplikasi) and isinstance(app.jinja_env, LingkunganJinja)
