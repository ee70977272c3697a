"""Headless Chromium (Debian's, installed by scripts/test) driven by Playwright, offline."""

from __future__ import annotations

import shutil

import pytest

#: Runs before any script of each page: records every CSP violation the page reports.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
  e.effectiveDirective + " " + e.blockedURI + " " + (e.sample || "")));
"""
#: The two layouts every page is looked at in.
SIZES = {"desktop": (1400, 900), "phone": (390, 844)}
#: Every visible text (HTML and SVG) whose contrast with what is behind it is below WCAG AA
#: (4.5:1; 3:1 for large text): [text, ratio].
LOW_CONTRAST = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                            return (x + 0.05) / (y + 0.05); };
  const behind = el => {
    if (el.matches("svg.timeline .stale-note")) {
      return rgb(getComputedStyle(el.parentNode.querySelector("rect.stale")).fill); }
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) { return c.slice(0, 3); }
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const el of document.body.querySelectorAll("*")) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length || el.closest("title, style, script")) { continue; }
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") { continue; }
    const svg = el instanceof SVGElement;
    const colour = rgb(svg ? style.fill : style.color).slice(0, 3);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const r = ratio(colour, behind(el));
    if (r < needed) { low.push([el.textContent.trim().slice(0, 40), r.toFixed(2)]); }
  }
  return low;
}"""

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

    def watch(self, size: str | None = None) -> OfflinePage:
        """Record CSP violations (and console messages naming the policy, whatever their
        level) from the next page on; with `size` (a key of SIZES), lay the page out at it."""
        self.csp_messages: list[str] = []
        self.page.add_init_script(WATCH_VIOLATIONS)
        self.page.on("console", lambda m: "Content Security Policy" in m.text
                     and self.csp_messages.append(m.text))  # fmt: skip
        if size is not None:
            width, height = SIZES[size]
            self.page.set_viewport_size({"width": width, "height": height})
        return self

    def assert_clean(self):
        """Nothing refused by the policy, nothing sent elsewhere, no console error."""
        assert self.page.evaluate("() => window.__violations") == []
        assert self.csp_messages == []
        assert self.external == []
        assert self.errors == []

    def assert_fits(self):
        """No horizontal overflow: the page fits its width."""
        widths = self.page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert widths[0] <= widths[1], widths

    def assert_readable(self):
        """The page fits its width, and every text has at least WCAG AA contrast."""
        self.assert_fits()
        assert self.page.evaluate(LOW_CONTRAST) == []

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


@pytest.fixture
def watched(offline_page, server):
    """`watched(size)`: a watched offline page on the module's own `server` fixture (only the
    server may be reached), laid out at `size`."""
    return lambda size=None: offline_page(server.url).watch(size)
