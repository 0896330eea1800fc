"""kinerja.templat: template globals whose keys are a set (Jinja compares them on every ``{% from %}``
import) and that still behave like Jinja's own ``ChainMap`` of the template's and the environment's."""

from __future__ import annotations

from collections import ChainMap

import jinja2
from flask import render_template_string

from kinerja.templat import GlobalHimpunan, LingkunganJinja, _Global

TEMPLAT = {
    "makro.html": "{% macro sapa(nama) %}Halo {{ nama }} dari {{ dinas }}{% endmacro %}",
    "halaman.html": '{% from "makro.html" import sapa %}{{ sapa("Andi") }} · {{ versi }}',
    "dengan.html": '{% from "makro.html" import sapa with context %}{{ sapa("Budi") }}',
}


class _Uji(GlobalHimpunan, jinja2.Environment):
    pass


def _lingkungan(kelas) -> jinja2.Environment:
    env = kelas(loader=jinja2.DictLoader(TEMPLAT))
    env.globals["dinas"] = "Diskominfo"
    return env


def test_the_globals_keys_are_a_set_of_the_same_keys_as_jinjas_chainmap():
    tpl = _lingkungan(_Uji).get_template("halaman.html")
    assert isinstance(tpl.globals, _Global) and isinstance(tpl.globals.keys(), set)
    jinja = ChainMap(*tpl.globals.maps)
    assert tpl.globals.keys() == set(jinja.keys()) and set(tpl.globals) == set(jinja)
    assert dict(tpl.globals) == dict(jinja)


def test_imports_render_exactly_as_with_jinjas_own_globals():
    kita, jinja = _lingkungan(_Uji), _lingkungan(jinja2.Environment)

    def langkah(env):
        hasil = [env.get_template("halaman.html").render(versi="1"),
                 env.get_template("dengan.html").render(dinas="Bappeda")]
        env.globals["versi"] = "global"  # a global added after the templates were loaded
        env.globals["dinas"] = "Inspektorat"
        hasil += [env.get_template("halaman.html").render(), env.get_template("halaman.html").render(versi="2"),
                  env.get_template("dengan.html").render()]
        return hasil

    hasil = langkah(kita)
    assert hasil == langkah(jinja)
    assert hasil[0] == "Halo Andi dari Diskominfo · 1" and hasil[1] == "Halo Budi dari Bappeda"
    assert hasil[2].endswith("· global")


def test_the_app_uses_it(app):
    assert isinstance(app.jinja_env, LingkunganJinja)
    with app.test_request_context("/"):
        html = render_template_string('{% from "_macros/ui.html" import badge %}{{ badge("Draf", "secondary") }}')
    assert "Draf" in html
