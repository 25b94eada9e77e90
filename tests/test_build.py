"""The strict build of the real site, and what every page must carry."""

from __future__ import annotations

import re

import yaml

from buildkit import ROOT

DOCS = ROOT / "docs"
HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
FENCE = re.compile(r"^\s*(```|~~~)")


def markdown_headings(path):
    fenced = False
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        match = HEADING.match(line)
        if match and not fenced:
            yield number, match.group(2)


def test_every_heading_has_an_explicit_id():
    missing = [
        f"{path.relative_to(ROOT)}:{number}: {text}"
        for path in sorted(DOCS.rglob("*.md"))
        for number, text in markdown_headings(path)
        if not re.search(r"\{[^}]*#[\w-]+[^}]*\}\s*$", text)
    ]
    assert not missing, (
        "headings need a permanent id, e.g. `## Short answer { #short-answer }`:\n"
        + "\n".join(missing)
    )


def test_strict_build_succeeds_and_publishes_figures(built_site):
    assert (built_site / "index.html").exists()
    figures = list((built_site / "figures").rglob("*.svg"))
    assert figures, "no figure was published"
    for svg in figures:
        text = svg.read_text()
        assert "<dc:date>" not in text, f"{svg.name} carries a date"


def test_pages_load_nothing_from_other_hosts(built_site):
    """No fonts, scripts or styles from a CDN in any built page."""
    offenders = []
    for page in built_site.rglob("*.html"):
        html = page.read_text()
        for match in re.finditer(
            r'<(?:script|link|img)[^>]+(?:src|href)="(https?:)?//([^"/]+)', html
        ):
            tag = match.group(0)
            if "<link" in tag and not re.search(
                r'rel="(?:stylesheet|preload|icon|modulepreload)"', tag
            ):
                continue
            offenders.append(f"{page.relative_to(built_site)}: {match.group(2)}")
    assert not offenders, offenders


def test_every_answer_is_in_the_nav_and_has_front_matter():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!!python", "#"))
    nav_text = str(config["nav"])
    for path in sorted(DOCS.glob("*.md")):
        text = path.read_text()
        if not text.startswith("---"):
            continue
        front = yaml.safe_load(text.split("---", 2)[1])
        if "question" not in front:
            continue
        assert path.name in nav_text, f"{path.name} is not in the nav of mkdocs.yml"
        for key in ("title", "description"):
            assert front.get(key), f"{path.name}: front matter lacks {key}"
        # A question from beyond the discussion answers none of its claims.
        assert isinstance(front.get("claims"), list), (
            f"{path.name}: front matter lacks claims (a list, may be empty)"
        )
