"""The app's Jinja environment: Flask's, with template globals whose keys are a plain set.

Jinja compares the rendering context's globals with the imported template's on every ``{% from … import %}``
(``Template._get_default_module``: ``ctx.globals_keys - template.globals.keys()``) and turns the globals into
a set on every render and include.  A template's globals are a ``ChainMap`` (its own, then the
environment's), whose ``keys()`` and iteration are Python code: about 20 µs per import, three imports on
the day view, on every page view.  Here both are a set of the same keys, made from the maps as they are at
that moment (a global added to the environment later is seen, as with the ``ChainMap``)."""

from __future__ import annotations

from collections import ChainMap

from flask.templating import Environment


class _Global(ChainMap):
    def keys(self):
        return set().union(*self.maps)

    def __iter__(self):
        return iter(self.keys())


class GlobalHimpunan:
    """For a Jinja ``Environment`` subclass: its templates' globals are ``_Global``."""

    def make_globals(self, d):
        return _Global({} if d is None else d, self.globals)


class LingkunganJinja(GlobalHimpunan, Environment):
    pass
