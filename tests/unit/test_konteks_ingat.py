"""``konteks.ingat``: markup and addresses remembered per app — the header menu, the layout's addresses and
the day view's fixed parts all go through it."""

from flask import Flask

from kinerja.konteks import ingat


def _hitung():
    dipanggil = []

    def bangun(*args):
        dipanggil.append(args)
        return f"html{len(dipanggil)}"

    return bangun, dipanggil


def test_built_once_per_key_and_arguments_passed_through():
    app = Flask(__name__)
    bangun, dipanggil = _hitung()
    with app.app_context():
        assert ingat("uji", ("a", "/"), 8, bangun, 1, 2) == "html1"
        assert ingat("uji", ("a", "/"), 8, bangun, 1, 2) == "html1"
        assert ingat("uji", ("b", "/"), 8, bangun, 3) == "html2"
    assert dipanggil == [(1, 2), (3,)]


def test_each_app_has_its_own_memory():
    bangun, dipanggil = _hitung()
    for app in (Flask(__name__), Flask(__name__)):
        with app.app_context():
            ingat("uji", "k", 8, bangun)
    assert len(dipanggil) == 2


def test_forgotten_all_at_once_when_full():
    app = Flask(__name__)
    bangun, dipanggil = _hitung()
    with app.app_context():
        for k in range(3):
            ingat("uji", k, 3, bangun)
        ingat("uji", 3, 3, bangun)  # the fourth key empties the memory first
        assert app.extensions["uji"] == {3: "html4"}
        ingat("uji", 0, 3, bangun)
    assert len(dipanggil) == 5


def test_not_remembered_in_debug_mode():
    app = Flask(__name__)
    app.debug = True
    bangun, dipanggil = _hitung()
    with app.app_context():
        assert ingat("uji", "k", 8, bangun) == "html1"
        assert ingat("uji", "k", 8, bangun) == "html2"
    assert "uji" not in app.extensions
