"""Journeys of logging in and out, by role, on desktop and phone."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.journey import ADMIN, PEGAWAI_NIP, expect_beranda, login, logout, nav

# A demo pegawai no other journey uses: the lockout holds for 15 minutes.
LOCKOUT_NIP = "199610152022032008"  # Putri Ayu Lestari


def test_admin_sees_summary_and_admin_menu_then_logs_out(tab):
    page = tab.page
    login(tab, ADMIN)
    expect_beranda(page)
    expect(page.get_by_role("heading", name="Ringkasan Data Kepegawaian")).to_be_visible()
    expect(page.get_by_text("pegawai aktif", exact=True)).to_be_visible()
    expect(nav(page).get_by_role("link", name="Admin", exact=True)).to_be_visible()
    tab.visit.check("beranda-admin")

    nav(page).get_by_role("link", name="Admin", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin$"))
    tab.visit.check("admin")

    logout(tab)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login"))


def test_pegawai_sees_own_profile_and_no_admin(tab):
    page = tab.page
    login(tab, PEGAWAI_NIP)
    expect_beranda(page)
    profil = page.get_by_role("region", name="Profil Saya")
    expect(profil).to_contain_text("Andi Pratama")
    expect(profil).to_contain_text("19920311 201903 1 007")
    expect(nav(page).get_by_role("link", name="Beranda")).to_be_visible()
    expect(nav(page).get_by_role("link", name="Admin", exact=True)).to_have_count(0)
    tab.visit.check("beranda-pegawai")

    response = page.goto("/admin")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1, name="Akses ditolak")).to_be_visible()
    tab.visit.check("admin-403")


def test_login_locks_after_five_failures(tab):
    page = tab.page
    for attempt in range(5):
        login(tab, LOCKOUT_NIP, "bukan-kata-sandinya", check_form=attempt == 0)
        expect(page.get_by_role("alert")).to_be_visible()
    tab.visit.check("login-gagal")
    login(tab, LOCKOUT_NIP, check_form=False)  # the right password, too late
    expect(page.get_by_role("alert")).to_contain_text("Terlalu banyak percobaan masuk")
    expect(page).to_have_url(re.compile(r"/login"))
    tab.visit.check("login-terkunci")


def test_phone_menu_opens_with_toggler(phone_tab):
    page = phone_tab.page
    login(phone_tab, PEGAWAI_NIP)
    expect_beranda(page)
    toggler = page.get_by_role("button", name="Buka menu")
    expect(toggler).to_be_visible()
    expect(toggler).to_have_attribute("aria-expanded", "false")
    expect(nav(page).get_by_role("button", name="Keluar")).to_be_hidden()
    phone_tab.visit.check("beranda-ponsel")

    toggler.click()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(nav(page).get_by_role("link", name="Beranda")).to_be_visible()
    expect(nav(page).get_by_role("button", name="Keluar")).to_be_visible()
    expect(page.locator("#menu-utama")).to_have_class(re.compile(r"\bshow\b"))  # animation finished
    phone_tab.visit.check("menu-ponsel-terbuka")


def test_htmx_falls_back_to_local_copy_without_csp_violations(tab):
    """The CDN is blocked in every journey: htmx must come from static/vendor/htmx."""
    page = tab.page
    local_htmx = []
    page.on("response", lambda r: local_htmx.append(r.status) if "/static/vendor/htmx/" in r.url else None)
    page.goto("/login")
    # htmx defines window.htmx when its script runs and merges our <meta name="htmx-config"> a moment
    # later, in its ready handler (before it processes the page): wait for that, or this test races it.
    # (a config that is never applied makes this wait time out, so the test still fails).
    page.wait_for_function("() => window.htmx !== undefined && window.htmx.config.allowEval === false")
    assert page.evaluate("window.htmx.version") == "2.0.11"
    assert page.evaluate("window.htmx.config.allowEval") is False
    assert local_htmx == [200]
    tab.visit.check("login-tanpa-cdn")

    login(tab, PEGAWAI_NIP, check_form=False)
    expect_beranda(page)
    assert page.evaluate("typeof window.htmx") == "object"
    tab.visit.check("beranda-tanpa-cdn")


def test_htmx_initialises_when_it_arrives_after_domcontentloaded(tab):
    """The local copy is asked for while the page still parses but arrives after DOMContentLoaded,
    while an image keeps the page "interactive": htmx must still start (it once waited forever)."""
    page = tab.page
    held = {}

    def hold(name):
        return lambda route: held.__setitem__(name, route)

    def login_with_slow_image(route):
        response = route.fetch()
        body = response.text().replace("</main>", '<img src="/static/lambat.png" alt=""></main>', 1)
        route.fulfill(response=response, body=body)

    page.route("**/login", login_with_slow_image)
    page.route("**/static/lambat.png", hold("gambar"))
    page.route("**/static/vendor/bootstrap/bootstrap.bundle.min.js", hold("bootstrap"))
    page.route("**/static/vendor/htmx/**", hold("htmx"))

    def wait_for(name):
        for _ in range(200):
            if name in held:
                return held[name]
            page.wait_for_timeout(25)
        raise AssertionError(f"permintaan {name} tidak pernah dikirim")

    page.goto("/login", wait_until="commit")
    wait_for("bootstrap")  # the parser is blocked on bootstrap: the page is still "loading"
    wait_for("htmx")  # the CDN was refused, so the local copy is asked for now
    assert page.evaluate("document.readyState") == "loading"
    bootstrap = held["bootstrap"]
    bootstrap.fulfill(response=bootstrap.fetch())
    page.wait_for_function("() => document.readyState === 'interactive'")
    htmx = held["htmx"]
    htmx.fulfill(response=htmx.fetch())
    page.wait_for_function("() => window.htmx !== undefined && window.htmx.config.allowEval === false")
    assert page.evaluate("document.readyState") == "interactive"
    held["gambar"].fulfill(status=404, body="")


def test_csp_violation_would_be_caught(tab):
    """The CSP check above is not vacuous: an inline script is refused and reported."""
    page = tab.page
    page.goto("/login")
    page.evaluate("""() => {
        const s = document.createElement("script");
        s.textContent = "window.__inline = 1";
        document.head.appendChild(s);
    }""")
    for _ in range(40):  # the console event arrives asynchronously
        if tab.visit.watch.csp:
            break
        page.wait_for_timeout(50)
    assert page.evaluate("window.__inline") is None
    assert any("script-src" in message for message in tab.visit.watch.csp)
