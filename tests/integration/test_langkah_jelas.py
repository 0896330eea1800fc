"""Clear next steps everywhere (issue #15): a refused form lists every error at once at its top, each
linking to its field, through one shared macro (``form_errors`` in templates/_macros/forms.html)."""

from __future__ import annotations

import re

from tests.support.factories import PASSWORD


def _admin(make_browser):
    b = make_browser()
    assert b.login("admin", PASSWORD).status_code == 302
    return b


def test_a_refused_form_lists_every_error_with_links(make_browser, org):
    admin = _admin(make_browser)
    r = admin.post("/pejabat-luar/baru", {})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    m = re.search(r'<div class="alert alert-danger ringkasan-galat"[^>]*>(.*?)</div>', html, re.S)
    assert m, "no error summary"
    ringkasan = m.group(1)
    jumlah = int(re.search(r"(\d+) isian perlu diperbaiki", ringkasan).group(1))
    links = re.findall(r'href="#([\w-]+)"', ringkasan)
    assert jumlah >= 2 and len(links) == jumlah
    for field_id in links:  # each link lands on a real field
        assert f'id="{field_id}"' in html
    assert html.index("isian perlu diperbaiki") < html.index(f'id="{links[0]}"')


def test_a_valid_page_shows_no_summary(make_browser, org):
    assert "isian perlu diperbaiki" not in _admin(make_browser).get("/pejabat-luar/baru").get_data(as_text=True)
