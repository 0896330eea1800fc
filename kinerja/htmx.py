"""One URL per page: a full page, or the named fragment for a real htmx request."""

from __future__ import annotations

from flask import make_response, render_template, request

from kinerja.konteks import permintaan


def is_htmx_request() -> bool:
    """True for an htmx request that is neither boosted nor a history restore."""
    headers = permintaan().headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-Boosted") != "true"
        and headers.get("HX-History-Restore-Request") != "true"
    )


def render(page: str, fragment: str | None = None, /, status: int = 200, **context):
    """Render ``page``, or ``fragment`` when this is an htmx request.

    The template names are positional-only, so a context variable may be called ``page``.
    """
    template = fragment if fragment and is_htmx_request() else page
    response = make_response(render_template(template, **context), status)
    return response


def render_fragment(fragment: str, /, status: int = 200, trigger: str | None = None, **context):
    response = make_response(render_template(fragment, **context), status)
    if trigger:
        response.headers["HX-Trigger"] = trigger
    return response


def redirect_htmx(url: str):
    """Tell htmx to navigate; plain requests get an ordinary redirect."""
    from flask import redirect

    if request.headers.get("HX-Request") == "true":
        response = make_response("", 204)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url)


def add_vary_header(response):
    response.vary.add("HX-Request")
    return response
