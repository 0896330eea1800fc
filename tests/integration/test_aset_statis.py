"""#17: static assets carry a content hash in their address and are cached for a year."""

import re


def _asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_pages_link_static_assets_with_a_content_hash(client):
    html = client.get("/login").get_data(as_text=True)
    urls = _asset_urls(html)
    assert any(u.startswith("/static/css/app.css?v=") for u in urls)
    assert all(re.search(r"\?v=[0-9a-f]{12}$", u) for u in urls), urls


def test_fingerprinted_asset_is_immutable_for_a_year(client):
    html = client.get("/login").get_data(as_text=True)
    url = next(u for u in _asset_urls(html) if "app.css" in u)
    r = client.get(url)
    assert r.status_code == 200
    assert "max-age=31536000" in r.headers["Cache-Control"]
    assert "immutable" in r.headers["Cache-Control"]
    r.close()


def test_plain_or_stale_address_is_not_cached_for_long(client):
    for url in ("/static/css/app.css", "/static/css/app.css?v=000000000000"):
        r = client.get(url)
        assert r.status_code == 200
        assert "immutable" not in r.headers.get("Cache-Control", "")
        r.close()
