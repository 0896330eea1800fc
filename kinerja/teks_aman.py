"""HTML-escaped text as a plain ``str``, for markup written in Python f-strings (issue #17).

``markupsafe.escape`` returns a ``Markup`` object: about thirty Python steps per call, twenty of them in
``Markup.__new__``.  Markup built in Python (the day view's rows, the inbox's table) escapes each text and
puts it straight into an f-string that becomes ONE ``Markup`` at the end, so the object is made and thrown
away at once, about fifty times per day view.  ``aman`` gives the same characters as a ``str``: the same
five entities (``&amp; &lt; &gt; &#39; &#34;``), by markupsafe's own escaping routine where it has one;
an object with ``__html__`` (already markup) and anything not a ``str`` still go through ``escape``.
``tests/unit/test_teks_aman.py`` pins it against ``markupsafe.escape``."""

from __future__ import annotations

import markupsafe
from markupsafe import escape


def _ganti(s: str) -> str:
    return (s.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


# markupsafe 3's escaping of a str (C speedups, else its pure-Python version); the same replacements otherwise.
_escape_str = getattr(markupsafe, "_escape_inner", _ganti)


def aman(nilai) -> str:
    """``str(markupsafe.escape(nilai))``: the text safe inside HTML content and quoted attributes."""
    if type(nilai) is str:  # not a Markup (a str subclass: already safe, kept as it is by escape)
        return _escape_str(nilai)
    return str(escape(nilai))
