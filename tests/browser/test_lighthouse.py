"""Lighthouse (mobile preset) on the pages with an explorable, served compressed.

The performance score moves with the machine's load (the main thread's
tasks are timed even under simulated throttling), so it is reported by
``make lighthouse`` and in CONTRIBUTING.md, not asserted here. What is
asserted does not depend on load: what the page asks for while loading.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from site_src.devtools import lighthouse, serve_static

pytestmark = pytest.mark.browser

PAGES = ("universal-approximation/", "depth-and-linear-regions/")
MAX_BYTES = 500_000  # transferred at load, compressed
# Elements on the page at load, as Lighthouse counts them. Before the
# listings were written with fewer spans and without line anchors
# (site_src/html/codeblocks.py) they were 9,622 and 6,480; now about 5,900
# and 4,050. A page that grows past its bound has grown a lot: look at what
# (`make lighthouse` prints the count) before raising it.
MAX_ELEMENTS = {"universal-approximation/": 6_500, "depth-and-linear-regions/": 4_500}


@pytest.fixture(scope="module")
def reports(site_dir):
    if not lighthouse.LIGHTHOUSE.exists():
        pytest.fail(
            "no Lighthouse in node_modules: run `npm ci --ignore-scripts`",
            pytrace=False,
        )
    server, base = serve_static.start(site_dir)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            yield {
                page: lighthouse.summary(
                    lighthouse.run_lighthouse(base + page, Path(tmp) / "report.json"),
                    base,
                )
                for page in PAGES
            }
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_light(reports, page):
    report = reports[page]
    assert not report["other_hosts"], (
        f"{page} asks another host: {report['other_hosts']}"
    )
    assert report["total_bytes"] < MAX_BYTES, (page, report["total_bytes"])
    # the site's own scripts never hold up the first paint (they are deferred)
    ours = [
        r["url"]
        for r in report["render_blocking"]
        if r["url"].endswith(".js") and "assets/whyrelu/" in r["url"]
    ]
    assert not ours, f"{page}: render-blocking scripts {ours}"
    # one stylesheet of ours in the way of the first paint, not seven
    # (site_src/html/stylesheets.py bundles them)
    sheets = [
        r["url"]
        for r in report["render_blocking"]
        if r["url"].endswith(".css") and "assets/whyrelu/" in r["url"]
    ]
    assert len(sheets) <= 1, f"{page}: render-blocking stylesheets of ours {sheets}"
    assert report["dom_elements"] <= MAX_ELEMENTS[page], (
        f"{page}: {report['dom_elements']} elements at load (bound {MAX_ELEMENTS[page]})"
    )
    # the explorable is fetched when it comes near the screen, not at load
    early = [
        u for u in report["urls"] if "/explorables/" in u or "explorables.css" in u
    ]
    assert not early, f"{page}: loaded at once {early}"
    # the largest paint is text of the answer, not an image or a figure
    assert report["lcp_element"].startswith(("<p", "<h1", "<h2")), report["lcp_element"]
