"""The built site, served on 127.0.0.1 and opened in one headless Chromium.

Session fixtures, each made once:

- ``site_url``: the strict build (``built_site``, or ``WHYRELU_SITE``) served by a threaded
  ``http.server`` on a free port, under the same path as ``site_url`` in
  mkdocs.yml (so 404.html and absolute links behave as when published).
- ``chromium``: a persistent context with a fresh profile in a temp folder,
  background networking off; every request it makes is recorded.
- ``site_visits``: every page of the site visited once in the light and once
  in the dark scheme; what each visit saw (console errors, failed requests,
  images, axe violations, figure text contrast) is kept for the tests.

The browser is Debian's ``/usr/bin/chromium``; set ``WHYRELU_CHROMIUM`` to
use another Chromium or Chrome.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
import time
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import site_check

from site_src.devtools.serve_static import PrefixHandler

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / ".cache" / "screenshots"
MAX_SCREENSHOT_HEIGHT = 12000  # CSS pixels
WEIGHT_REPORT = ROOT / ".cache" / "page-weight.json"
CONTRAST_REPORT = ROOT / ".cache" / "figure-contrast.json"
TIMING_REPORT = ROOT / ".cache" / "browser-timing.json"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--no-first-run",
    "--no-default-browser-check",
    "--font-render-hinting=none",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
DARK_RULES = ["color-contrast", "link-in-text-block"]
# Snippet "Code" boxes opened and checked on the first answer page, in each
# scheme: every box has the same colours, and a box is a thousand elements.
CODE_BOXES = 2
VIEWPORT = {"width": 1280, "height": 900}


def chromium_path() -> str:
    path = os.environ.get("WHYRELU_CHROMIUM", "/usr/bin/chromium")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        found = shutil.which(path)
        if not found:
            pytest.fail(
                f"no Chromium at {path!r}. Install it (`make browser`, or `apt-get install chromium`) "
                "or point the browser tests at one: WHYRELU_CHROMIUM=/path/to/chromium-or-chrome pytest -m browser",
                pytrace=False,
            )
        path = found
    return path


# ---------------------------------------------------------------- site


@pytest.fixture(scope="session")
def site_dir(request) -> Path:
    """The strict build (``built_site`` of tests/conftest.py), or an existing build named by
    ``WHYRELU_SITE`` (e.g. ``make site && WHYRELU_SITE=site pytest -m browser``
    reruns the browser tests without building again; it must be a build of
    this checkout)."""
    existing = os.environ.get("WHYRELU_SITE")
    if existing:
        site = (ROOT / existing).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(
                f"WHYRELU_SITE={existing}: no built site there (no index.html)",
                pytrace=False,
            )
        return site
    return request.getfixturevalue("built_site")


# ---------------------------------------------------------------- server


# Uncompressed, so that the page weight tests count the files' own bytes
# (site_src/devtools/serve_static.Handler adds gzip, for Lighthouse).
_SiteHandler = PrefixHandler


@pytest.fixture(scope="session")
def site_url(site_dir: Path):
    """Base URL of the built site served on 127.0.0.1 (ends with a slash)."""
    prefix = site_check.site_prefix(ROOT / "mkdocs.yml")
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()
    server.server_close()


# ---------------------------------------------------------------- browser


class Browser:
    """One Chromium for the session, and a log of every request it made."""

    def __init__(self, context, site_url: str):
        self.context = context
        self.site_url = site_url
        self.requests: list[tuple[str, str]] = []  # (what was being done, URL)
        self.doing = "starting"
        context.on(
            "request", lambda request: self.requests.append((self.doing, request.url))
        )

    def new_page(self, scheme: str = "light"):
        """A tab that shows the site in ``scheme`` as a first-time reader sees it.

        The theme stores the palette it chose; forgetting it before each load
        lets the emulated ``prefers-color-scheme`` decide, as on a first visit.
        """
        page = self.context.new_page()
        page.set_viewport_size(VIEWPORT)
        page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")
        page.add_init_script(
            "try { for (const k of Object.keys(localStorage)) if (k.endsWith('__palette')) localStorage.removeItem(k) } catch (e) {}"
        )
        return page


@pytest.fixture(scope="session")
def chromium(site_url, tmp_path_factory):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the lock installs it
        pytest.fail(
            "the browser tests need Playwright's Python package (pip install playwright)",
            pytrace=False,
        )
    executable = chromium_path()
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        try:
            context = playwright.chromium.launch_persistent_context(
                str(profile),
                executable_path=executable,
                headless=True,
                args=CHROMIUM_ARGS,
                viewport=VIEWPORT,
                device_scale_factor=1,
                locale="en-GB",
                timezone_id="UTC",
                service_workers="block",
            )
        except Exception as exc:
            pytest.fail(
                f"could not start Chromium at {executable}: {exc}\n"
                "Point the tests at a working Chromium or Chrome with WHYRELU_CHROMIUM=/path/to/browser",
                pytrace=False,
            )
        browser = Browser(context, site_url)
        yield browser
        context.close()


# ---------------------------------------------------------------- visits

_IMAGES_JS = """
async () => {
  const LOADED = ["stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload", "manifest"];
  const images = [...document.images];
  for (const img of images) img.loading = "eager";
  const settle = img => img.complete ? null : new Promise(done => {
    img.addEventListener("load", done, {once: true});
    img.addEventListener("error", done, {once: true});
  });
  await Promise.race([
    Promise.all(images.map(settle)),
    new Promise(done => setTimeout(done, 15000)),
  ]);
  const frames = [...document.querySelectorAll("[data-wr-frames]")].flatMap(
    el => JSON.parse(el.dataset.wrFrames).map(u => new URL(u, document.baseURI).href));
  const frameStatus = await Promise.all(frames.map(
    u => fetch(u).then(r => [u, r.status, r.headers.get("content-type") || ""], e => [u, 0, String(e)])));
  const own = [
    ...images.map(i => i.currentSrc || i.src),
    ...frames,
    ...[...document.querySelectorAll("link[href]")].filter(
      l => [...l.relList].some(r => LOADED.includes(r))).map(l => l.href),
    ...[...document.querySelectorAll("script[src], iframe[src], source[src], video[src], audio[src]")].map(e => e.src),
  ];
  return {
    images: images.map(i => ({src: i.currentSrc || i.src, naturalWidth: i.naturalWidth, alt: i.getAttribute("alt")})),
    frames: frameStatus,
    resources: own,
    scheme: document.body.getAttribute("data-md-color-scheme"),
  };
}
"""

# For every SVG figure: each <text> of the SVG, laid out at the size the
# figure has on the page, with its box (relative to the image) and fill.
_FIGURE_TEXT_JS = """
async () => {
  const out = [];
  const figures = [...document.querySelectorAll("figure.wr-figure img")];
  for (const [index, img] of figures.entries()) {
    const src = img.currentSrc || img.src;
    if (!/\\.svg(\\?|#|$)/.test(src)) continue;
    const rect = img.getBoundingClientRect();
    // A static figure that a live explorable stands in for is hidden: not on screen.
    if (rect.width < 1 || rect.height < 1) continue;
    const doc = new DOMParser().parseFromString(await (await fetch(src)).text(), "image/svg+xml");
    const svg = document.importNode(doc.documentElement, true);
    svg.querySelectorAll("style").forEach(s => s.remove());  // keep its CSS off the page
    svg.setAttribute("width", rect.width);
    svg.setAttribute("height", rect.height);
    const holder = document.createElement("div");
    holder.style.cssText = `position:absolute;left:0;top:0;width:${rect.width}px;height:${rect.height}px;` +
      "visibility:hidden;pointer-events:none;contain:strict";
    holder.appendChild(svg);
    document.body.appendChild(holder);
    const origin = svg.getBoundingClientRect();
    const texts = [];
    for (const t of svg.querySelectorAll("text")) {
      const content = t.textContent.trim();
      if (!content) continue;
      const box = t.getBoundingClientRect();
      if (box.width < 1 || box.height < 1) continue;
      let opacity = 1;
      for (let el = t; el && el !== svg; el = el.parentElement) {
        const style = getComputedStyle(el);
        opacity *= parseFloat(style.opacity);
      }
      const style = getComputedStyle(t);
      opacity *= parseFloat(style.fillOpacity);
      texts.push({
        text: content.slice(0, 40), fill: style.fill, opacity,
        x: box.left - origin.left, y: box.top - origin.top, w: box.width, h: box.height,
        fontPx: parseFloat(style.fontSize) * rect.width / svg.viewBox.baseVal.width,
      });
    }
    holder.remove();
    out.push({index, src, width: rect.width, height: rect.height, texts});
  }
  return out;
}
"""

# ``only``: rule ids to run instead of every rule of ``tags``. ``codeBoxes``:
# also open the first few snippet "Code" boxes and check their colours (a
# closed box is invisible to axe, and code is what readers open).
_AXE_JS = """
async ({tags, only, codeBoxes}) => {
  const options = {resultTypes: ["violations"],
                   runOnly: only ? {type: "rule", values: only} : {type: "tag", values: tags}};
  const result = await axe.run(document, options);
  const boxes = [...document.querySelectorAll(".wr-snippet details")].slice(0, codeBoxes);
  if (boxes.length) {
    boxes.forEach(box => box.open = true);
    const inside = await axe.run({include: boxes}, {resultTypes: ["violations"],
      runOnly: {type: "rule", values: ["color-contrast", "scrollable-region-focusable"]}});
    boxes.forEach(box => box.open = false);
    result.violations.push(...inside.violations.map(v => ({...v, id: v.id + " (in an opened Code box)"})));
  }
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(" "), summary: (n.failureSummary || "").slice(0, 300)})),
    count: v.nodes.length,
  }));
}
"""


def _slug(page_path: str) -> str:
    return (page_path.strip("/").replace("/", "__") or "home").replace(".html", "")


class Visits:
    """What each page showed, per scheme, collected once for the session."""

    def __init__(self, browser: Browser, site: Path):
        self.browser = browser
        self.site = site
        self.pages = site_check.html_pages(site)
        self.answers = site_check.answers(ROOT / "docs")
        self.answer_paths = {a.url for a in self.answers}
        self.first_answer_with_code = next(
            (
                a.url
                for a in self.answers
                if 'class="wr-snippet'
                in (site / a.url / "index.html").read_text(encoding="utf-8")
            ),
            None,
        )
        self.records: dict[tuple[str, str], dict] = {}
        self.figure_texts: dict[str, list] = {}
        self.contrast: list[dict] = []
        self.weights: list[dict] = []

    def run(self) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for scheme in ("light", "dark"):
            page = self.browser.new_page(scheme)
            try:
                for path in self.pages:
                    self.records[(path, scheme)] = self._visit(page, path, scheme)
            finally:
                page.close()
        WEIGHT_REPORT.parent.mkdir(parents=True, exist_ok=True)
        WEIGHT_REPORT.write_text(json.dumps(self.weights, indent=1))
        _MEASURED.extend(self.weights)
        CONTRAST_REPORT.write_text(json.dumps(self.contrast, indent=1))
        TIMING_REPORT.write_text(
            json.dumps(
                {
                    f"{scheme} {path}": {
                        k: round(v, 2) for k, v in r["seconds"].items()
                    }
                    for (path, scheme), r in self.records.items()
                },
                indent=1,
            )
        )

    def _visit(self, page, path: str, scheme: str) -> dict:
        record = {
            "page": path,
            "scheme": scheme,
            "console": [],
            "failed": [],
            "errors": [],
        }

        def on_console(m):
            if m.type == "error":
                record["console"].append(f"{m.text} ({m.location.get('url', '')})")

        def on_error(e):
            record["console"].append(f"uncaught: {e}")

        def on_response(r):
            if r.status >= 400:
                record["failed"].append(f"{r.status} {r.url}")

        on_failed = lambda r: record["failed"].append(f"{r.failure} {r.url}")  # noqa: E731
        page.on("console", on_console)
        page.on("pageerror", on_error)
        page.on("response", on_response)
        page.on("requestfailed", on_failed)
        self.browser.doing = f"{scheme} {path or '(home)'}"
        clock = time.perf_counter
        started = clock()
        record["seconds"] = timings = {}
        try:
            response = page.goto(self.browser.site_url + path, wait_until="load")
            if scheme == "light":
                # And for the network to go quiet, once per page: the theme
                # fetches some things (the search index) after "load". (Not
                # instead of "load": on a long page the network can idle
                # while the document is still being parsed.) On a busy
                # machine that can miss its window once; a second visit that
                # also never goes quiet is an error.
                from playwright.sync_api import TimeoutError as PlaywrightTimeout

                try:
                    page.wait_for_load_state("networkidle")
                except PlaywrightTimeout:
                    record["visited_again"] = True
                    response = page.goto(
                        self.browser.site_url + path, wait_until="load"
                    )
                    page.wait_for_load_state("networkidle")
            if response is None or response.status != 200:
                record["errors"].append(
                    f"status {response.status if response else 'none'}"
                )
            timings["load"] = clock() - started
            loaded = page.evaluate(_IMAGES_JS)
            record.update(loaded)
            timings["images"] = clock() - started - sum(timings.values())
            if path in self.answer_paths:
                page.evaluate("window.scrollTo(0, 0)")
                # Chromium cannot capture a very tall page in one image (it
                # fails and closes the browser): shoot the top of it, and the
                # figures further down one by one (_figures).
                width, height = page.evaluate(
                    "[document.documentElement.clientWidth,"
                    " document.documentElement.scrollHeight]"
                )
                screenshot = page.screenshot(
                    path=str(SCREENSHOTS / f"{_slug(path)}-{scheme}.png"),
                    full_page=True,
                    clip={
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": min(height, MAX_SCREENSHOT_HEIGHT),
                    },
                )
                timings["screenshot"] = clock() - started - sum(timings.values())
                self._figures(page, path, scheme, screenshot)
                timings["figures"] = clock() - started - sum(timings.values())
                if scheme == "light":
                    self._weigh(path, loaded["resources"])
            if scheme == "dark" and path == "print/":
                # The answers again, and paper is printed light: the answer
                # pages' dark runs cover these colours.
                record["axe"] = []
            else:
                page.add_script_tag(path=str(AXE))
                record["axe"] = page.evaluate(
                    _AXE_JS,
                    {
                        "tags": AXE_TAGS,
                        # The dark scheme changes colours only: check those.
                        "only": DARK_RULES if scheme == "dark" else None,
                        "codeBoxes": CODE_BOXES
                        if path == self.first_answer_with_code
                        else 0,
                    },
                )
            timings["axe"] = clock() - started - sum(timings.values())
            # Late console messages (search worker, deferred scripts) still count.
            page.wait_for_timeout(100)
        except Exception as exc:  # report it with the page, keep visiting
            record["errors"].append(f"{type(exc).__name__}: {exc}")
            record.setdefault("axe", [])
        finally:
            for event, handler in (
                ("console", on_console),
                ("pageerror", on_error),
                ("response", on_response),
                ("requestfailed", on_failed),
            ):
                page.remove_listener(event, handler)
        return record

    def _weigh(self, path: str, resources: list[str]) -> None:
        base = self.browser.site_url
        own = []
        for url in resources:
            if url.startswith(base):
                own.append(unquote(urlsplit(url).path)[len(urlsplit(base).path) :])
        self.weights.append(site_check.page_weight(self.site, path, own))

    def _figures(self, page, path: str, scheme: str, screenshot: bytes) -> None:
        """Contrast of every SVG figure's text against what is painted under it.

        The text boxes and fills come from the SVG laid out at the figure's
        size (once per page: the layout is the same in both schemes); the
        background is read from the page's screenshot, where the browser has
        applied the dark-mode filter itself.
        """
        import numpy as np
        from PIL import Image

        if path not in self.figure_texts:
            self.figure_texts[path] = page.evaluate(_FIGURE_TEXT_JS)
        images = page.query_selector_all("figure.wr-figure img")
        shot = np.asarray(Image.open(BytesIO(screenshot)).convert("RGB"))
        for figure in self.figure_texts[path]:
            handle = images[figure["index"]]
            box = page.evaluate(
                "img => { const r = img.getBoundingClientRect();"
                " return [r.left + scrollX, r.top + scrollY, r.width, r.height]; }",
                handle,
            )
            left, top = round(box[0]), round(box[1])
            pixels = shot[top : top + round(box[3]), left : left + round(box[2])]
            if (
                pixels.shape[0] < round(box[3]) - 1
                or pixels.shape[1] < round(box[2]) - 1
            ):
                # Past the end of a very tall page's screenshot: shoot the figure alone.
                handle.scroll_into_view_if_needed()
                pixels = np.asarray(
                    Image.open(
                        BytesIO(handle.screenshot(animations="disabled"))
                    ).convert("RGB")
                )
            # Dark mode inverts figures, except those that keep their colours.
            filtered = page.evaluate(
                "img => getComputedStyle(img).filter !== 'none'", handle
            )
            scale_y = pixels.shape[0] / figure["height"]
            scale_x = pixels.shape[1] / figure["width"]
            card = site_check.dominant_colour(pixels)
            entry = {
                "page": path,
                "scheme": scheme,
                "figure": figure["src"].rsplit("/", 2)[-2:],
                "card": [round(c * 255) for c in card],
                "filtered": filtered,
                "texts": [],
            }
            for text in figure["texts"]:
                pad = 2
                x0 = max(0, int((text["x"] - pad) * scale_x))
                y0 = max(0, int((text["y"] - pad) * scale_y))
                x1 = min(
                    pixels.shape[1], int((text["x"] + text["w"] + pad) * scale_x) + 1
                )
                y1 = min(
                    pixels.shape[0], int((text["y"] + text["h"] + pad) * scale_y) + 1
                )
                if x1 <= x0 or y1 <= y0:
                    continue
                background = site_check.dominant_colour(pixels[y0:y1, x0:x1])
                fill, alpha = site_check.parse_css_colour(text["fill"])
                if filtered:
                    fill = site_check.dark_filter(fill)
                colour = site_check.over(fill, alpha * text["opacity"], background)
                ratio = site_check.contrast_ratio(colour, background)
                entry["texts"].append(
                    {
                        "text": text["text"],
                        "ratio": round(ratio, 2),
                        "fontPx": round(text["fontPx"], 1),
                        "fill": text["fill"],
                        "background": [round(c * 255) for c in background],
                    }
                )
            self.contrast.append(entry)


@pytest.fixture(scope="session")
def site_visits(chromium, site_dir) -> Visits:
    if not AXE.exists():
        pytest.fail(
            f"axe-core is not installed ({AXE} missing): run `npm ci` (make does it)",
            pytrace=False,
        )
    visits = Visits(chromium, site_dir)
    visits.run()
    return visits


# ---------------------------------------------------------------- reports


_MEASURED: list[dict] = []  # page weights measured in this session


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Print the page weights the browser tests measured (no ``-s`` needed)."""
    rows = _MEASURED
    if rows:
        terminalreporter.section("page weight of the answers")
        terminalreporter.write_line(
            site_check.weight_table(rows, site_check.PAGE_WEIGHT_LIMIT)
        )
        terminalreporter.write_line(
            f"(also in {WEIGHT_REPORT.relative_to(ROOT)}; screenshots in {SCREENSHOTS.relative_to(ROOT)}/)"
        )
