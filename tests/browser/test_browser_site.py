"""The built site in a real browser: it loads cleanly, privately and accessibly.

Every page is visited once per colour scheme (see ``conftest.py``); each test
below checks one property over all the visits and lists every page that
breaks it, not only the first.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import site_check

pytestmark = pytest.mark.browser


def _fail_if(problems: list[str], what: str) -> None:
    if problems:
        pytest.fail(f"{what}:\n  " + "\n  ".join(problems), pytrace=False)


def test_the_site_has_pages_and_answers(site_visits):
    # A guard: the other tests pass vacuously on an empty site.
    assert "" in site_visits.pages, "the site has no home page"
    assert site_visits.answers, (
        "no answer page (a docs/*.md page with `question:` in its front matter)"
    )
    missing = [a.url for a in site_visits.answers if a.url not in site_visits.pages]
    assert not missing, f"answer pages missing from the built site: {missing}"


def test_every_page_loads_without_errors(site_visits):
    problems = []
    for (path, scheme), record in site_visits.records.items():
        where = f"{path or '(home)'} [{scheme}]"
        problems += [f"{where}: {e}" for e in record["errors"]]
        problems += [f"{where}: console error: {e}" for e in record["console"]]
        problems += [f"{where}: request failed: {e}" for e in record["failed"]]
    _fail_if(problems, "pages that did not load cleanly")


def test_every_page_uses_its_colour_scheme(site_visits):
    wanted = {"light": "default", "dark": "slate"}
    problems = [
        f"{path or '(home)'}: asked for {scheme}, got data-md-color-scheme={record.get('scheme')!r}"
        for (path, scheme), record in site_visits.records.items()
        if not record["errors"] and record.get("scheme") != wanted[scheme]
    ]
    _fail_if(problems, "pages shown in the wrong colour scheme")


def test_every_image_loads(site_visits):
    problems = []
    for (path, scheme), record in site_visits.records.items():
        if scheme != "light":
            continue
        for image in record.get("images", []):
            if image["naturalWidth"] <= 0:
                problems.append(
                    f"{path or '(home)'}: image did not load: {image['src']}"
                )
            if image["alt"] is None:
                problems.append(
                    f"{path or '(home)'}: image without alt attribute: {image['src']}"
                )
        for url, status, kind in record.get("frames", []):
            if status != 200 or not kind.startswith("image/"):
                problems.append(
                    f"{path or '(home)'}: animation frame {url}: status {status}, type {kind!r}"
                )
    _fail_if(problems, "images that do not load")


def test_no_request_leaves_the_site(site_visits, chromium, site_url):
    host = urlsplit(site_url).netloc
    outside = sorted(
        {
            f"{doing}: {url}"
            for doing, url in chromium.requests
            if not url.startswith(("data:", "blob:", "about:"))
            and urlsplit(url).netloc != host
        }
    )
    _fail_if(
        outside,
        f"requests to hosts other than {host} (fonts, scripts, APIs must come from the site)",
    )
    assert chromium.requests, "the browser made no request at all"


def test_the_html_links_no_outside_resource(site_dir):
    # The same promise, read from the files: a resource a visit did not happen
    # to load (a print stylesheet, a lazy script) would still leave the site.
    resource = re.compile(
        r"<(?:link|script|img|iframe|source|video|audio|embed)\b[^>]*?\b(?:src|href)=[\"']?((?:https?:)?//[^\"'\s>]+)",
        re.I,
    )
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        for match in resource.finditer(text):
            tag = match.group(0)
            if re.match(r"<link\b", tag, re.I) and re.search(
                r"rel=[\"']?(canonical|alternate|me|author|license)", tag, re.I
            ):
                continue  # a link relation, not something the browser loads
            problems.append(f"{page.relative_to(site_dir)}: {match.group(1)}")
    for sheet in sorted(site_dir.rglob("*.css")):
        for url in re.findall(
            r"url\(\s*[\"']?((?:https?:)?//[^\"')\s]+)",
            sheet.read_text(errors="replace"),
        ):
            problems.append(f"{sheet.relative_to(site_dir)}: {url}")
        for url in re.findall(
            r"@import\s+(?:url\()?[\"']?((?:https?:)?//[^\"')\s;]+)",
            sheet.read_text(errors="replace"),
        ):
            problems.append(f"{sheet.relative_to(site_dir)}: @import {url}")
    _fail_if(sorted(set(problems)), "resources loaded from other hosts")


def test_search_finds_each_answer_by_a_word_of_its_question(
    site_visits, chromium, site_url
):
    problems = []
    page = chromium.new_page()
    try:
        for answer in site_visits.answers:
            word = site_check.search_word(answer, site_visits.answers)
            chromium.doing = f"search for {word!r}"
            page.goto(site_url, wait_until="load")
            link = f'.md-search-result a[href^="{site_url}{answer.url}"]'
            # The theme reads the search box when its index (built in a web
            # worker after the page loads) is ready, on each keyup, and a
            # millisecond after the box gains or loses focus, never on input.
            # `fill` focuses the box before it types, so a query filled in
            # after the index was ready, with no key pressed, was usually
            # never searched (it listed nothing at all, in two fresh-clone
            # runs out of four). So: wait until the result line shows the
            # theme's "type to start" placeholder, the sign that the index is
            # ready, then fill the box and press a key.
            try:
                page.wait_for_function(
                    """() => {
                        const meta = document.querySelector(".md-search-result__meta");
                        const config = JSON.parse(document.getElementById("__config").textContent);
                        return meta.textContent.trim() === config.translations["search.result.placeholder"];
                    }""",
                    timeout=60_000,
                )
            except Exception:
                problems.append(f"the search was not ready within 60 s (for {word!r})")
                continue
            page.fill(".md-search__input", word)
            page.press(".md-search__input", "End")
            try:
                # A bound for a miss, not a speed check.
                page.wait_for_selector(link, state="attached", timeout=20_000)
            except Exception:
                found = page.eval_on_selector_all(
                    ".md-search-result a", "els => els.map(e => e.getAttribute('href'))"
                )
                problems.append(
                    f"searching {word!r} did not list {answer.url}; it listed {found}"
                )
    finally:
        page.close()
    _fail_if(problems, "answers the search does not find")


def test_no_serious_accessibility_violation(site_visits):
    problems = []
    for (path, scheme), record in site_visits.records.items():
        for violation in record.get("axe", []):
            if violation["impact"] in ("serious", "critical"):
                nodes = "; ".join(n["target"] for n in violation["nodes"])
                detail = (
                    violation["nodes"][0]["summary"].replace("\n", " ")
                    if violation["nodes"]
                    else ""
                )
                problems.append(
                    f"{path or '(home)'} [{scheme}]: {violation['impact']} {violation['id']} "
                    f"({violation['help']}) on {violation['count']} element(s): {nodes} | {detail}"
                )
    _fail_if(problems, "axe-core violations (serious or critical)")


def test_dark_mode_filter_maths_matches_the_browser(site_visits):
    # The contrast test computes dark-mode text colours with the CSS filter
    # maths; check that maths against the card colour the browser painted.
    # Figures that keep their colours (`Colours: kept`) stay white cards.
    inverted = [round(c * 255) for c in site_check.dark_filter((1.0, 1.0, 1.0))]
    dark = [e for e in site_visits.contrast if e["scheme"] == "dark"]
    assert dark, "no SVG figure was measured in dark mode"
    assert any(e["filtered"] for e in dark), "no dark figure was inverted"
    assert not all(e["filtered"] for e in dark), "no figure kept its colours"
    off = []
    for e in dark:
        expected = inverted if e["filtered"] else [255, 255, 255]
        if max(abs(a - b) for a, b in zip(e["card"], expected)) > 3:
            off.append(
                f"{'/'.join(e['figure'])}: card {e['card']}, expected {expected}"
            )
    _fail_if(off, "dark figure cards whose colour the filter maths does not predict")


def test_figure_text_is_readable_in_both_schemes(site_visits):
    problems = []
    measured = 0
    for entry in site_visits.contrast:
        for text in entry["texts"]:
            measured += 1
            if text["ratio"] < site_check.WCAG_AA:
                problems.append(
                    f"{entry['page']} [{entry['scheme']}] {'/'.join(entry['figure'])}: "
                    f"{text['text']!r} {text['ratio']}:1 (fill {text['fill']} on rgb{tuple(text['background'])})"
                )
    assert measured, "no figure text was measured"
    _fail_if(problems, f"figure text below {site_check.WCAG_AA}:1 contrast")


def test_answer_pages_weigh_under_the_limit(site_visits):
    rows = site_visits.weights
    assert {row["page"] for row in rows} == site_visits.answer_paths, (
        "every answer page is weighed"
    )
    print("\n" + site_check.weight_table(rows, site_check.PAGE_WEIGHT_LIMIT))
    problems = [
        f"{row['page']}: {row['total_bytes'] / 1e6:.2f} MB"
        for row in rows
        if row["total_bytes"] > site_check.PAGE_WEIGHT_LIMIT
    ]
    problems += [
        f"{row['page']}: files it references are missing: {row['missing']}"
        for row in rows
        if row["missing"]
    ]
    _fail_if(problems, "answer pages over the weight limit")


def test_landmarks_can_be_told_apart(site_visits):
    """Two landmarks of one kind need different names (axe landmark-unique,
    "moderate", so not in the test above): the theme's code-block toolbars
    are named by site_src/assets/a11y.js."""
    problems = [
        f"{path or '(home)'} [{scheme}]: "
        + "; ".join(n["target"] for n in violation["nodes"])
        for (path, scheme), record in site_visits.records.items()
        for violation in record.get("axe", [])
        if violation["id"] == "landmark-unique"
    ]
    _fail_if(problems, "landmarks that share a role and a name")
