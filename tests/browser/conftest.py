"""Headless Chromium (Debian's, installed by scripts/test) driven by Playwright, offline."""

from __future__ import annotations

import shutil

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "chromium is not installed: scripts/test installs it (apt-get)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OfflinePage:
    """A page whose requests may only reach `allowed` origins; everything else is refused and
    recorded, as are console errors and uncaught exceptions."""

    def __init__(self, browser, allowed: tuple[str, ...]):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.external: list[str] = []
        self.errors: list[str] = []

        def route(route):
            url = route.request.url
            if url.startswith(allowed) or url.startswith(("data:", "blob:", "about:")):
                route.continue_()
            else:
                self.external.append(url)
                route.abort()

        self.page.route("**/*", route)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def close(self):
        self.context.close()


@pytest.fixture
def offline_page(browser):
    pages = []

    def make(*allowed: str) -> OfflinePage:
        page = OfflinePage(browser, allowed)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()
