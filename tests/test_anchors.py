"""Permanent anchors: no published page or heading id disappears.

``site_src/anchors.txt`` lists every page and ``page#id`` ever published.
A listed anchor may move (a redirect, or the old id kept on the page) but
never vanish. Update the list with ``make anchors`` after adding pages or
headings.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from site_src.outputs import anchors

ROOT = Path(__file__).resolve().parents[1]

PAGE = """<!doctype html><html><head><title>t</title></head><body>
<nav><h2 id="nav-heading">Navigation</h2></nav>
<article class="md-content__inner md-typeset">{body}</article></body></html>"""


def write(site: Path, rel: str, text: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.fixture
def site(tmp_path) -> Path:
    from mkdocs_redirects.plugin import HTML_TEMPLATE

    site = tmp_path / "site"
    write(site, "index.html", PAGE.format(body='<h1 id="home">Home</h1>'))
    write(
        site,
        "new/index.html",
        PAGE.format(
            body='<h1 id="new">New</h1><span id="old-id"></span><h2 id="renamed">R</h2>'
            '<ol class="wr-bib"><li id="ref-key" value="1">x</li></ol>'
        ),
    )
    write(site, "old/index.html", HTML_TEMPLATE.format(url="../new/"))
    write(site, "404.html", PAGE.format(body='<h1 id="404">Not found</h1>'))
    return site


def test_collect_lists_pages_headings_and_reference_entries(site):
    assert anchors.collect(site) == [
        "/",
        "/#home",
        "new/",
        "new/#new",
        "new/#renamed",
        "new/#ref-key",
    ]


def test_moved_pages_with_a_redirect_and_kept_ids_pass(site):
    assert (
        anchors.check(
            site, ["old/", "old/#new", "new/#old-id", "new/#ref-key", "/", "/#home"]
        )
        == []
    )


def test_a_vanished_page_or_id_fails_with_what_to_do(site):
    problems = anchors.check(site, ["gone/", "new/#nope"])
    assert len(problems) == 2
    assert problems[0].startswith("gone/: the page gone/ is gone without a redirect")
    assert "redirect_maps" in problems[0] and "'gone.md: <new page>.md'" in problems[0]
    assert problems[1].startswith("new/#nope: the id #nope is gone")
    assert '<span id="nope"></span>' in problems[1]


def test_a_vanished_reading_list_entry_says_to_keep_the_source(site):
    (problem,) = anchors.check(site, ["new/#ref-gone2020"])
    assert "keep the entry gone2020 in docs/references.bib" in problem


def test_generated_notebook_pages_list_their_address_but_no_heading_ids(site):
    # Their headings come from snippet titles, which contributors reword.
    write(site, "notebooks/x/index.html", PAGE.format(body='<h1 id="a-title">T</h1>'))
    found = anchors.collect(site)
    assert "notebooks/x/" in found
    assert not [a for a in found if a.startswith("notebooks/") and "#" in a]


def test_a_site_built_after_every_edit_is_reused(tmp_path):
    root, site = tmp_path / "repo", tmp_path / "repo" / "site"
    write(root, "docs/a.md", "# A\n")
    write(site, "a/index.html", PAGE.format(body=""))
    old = site.joinpath("a/index.html").stat().st_mtime_ns - 10**9
    os.utime(root / "docs/a.md", ns=(old, old))
    assert anchors.stale_source(site, root) is None
    os.utime(root / "docs/a.md")  # an edit after the build
    os.utime(site / "a/index.html", ns=(old, old))
    assert anchors.stale_source(site, root) == "docs/a.md"
    assert anchors.stale_source(tmp_path / "none", root) is not None
    # A page written after the edit, by a build that began before it: the
    # stamp `make site` leaves says when the build began.
    os.utime(site / "a/index.html")
    write(root, ".cache/site.built", "")
    os.utime(root / ".cache/site.built", ns=(old, old))
    assert anchors.stale_source(site, root) == "docs/a.md"


def test_the_list_file_round_trips(tmp_path):
    path = tmp_path / "anchors.txt"
    anchors.write_list(["b/#x", "a/", "b/", "a/#z", "a/#y", "a/"], path)
    assert anchors.read_list(path) == ["a/", "a/#y", "a/#z", "b/", "b/#x"]
    assert path.read_text().startswith("# Permanent anchors")


def test_redirects_plugin_is_configured():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor(
        "tag:yaml.org,2002:python/", lambda loader, suffix, node: None
    )
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)
    plugins = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert "redirects" in plugins


@pytest.mark.slow
def test_no_listed_anchor_has_disappeared(built_site):
    listed = anchors.read_list()
    assert listed, "site_src/anchors.txt is empty: run make anchors"
    problems = anchors.check(built_site, listed)
    assert not problems, "\n".join(
        problems
        + [
            "Fix each as it says. Only ids that were never published may leave the "
            "list: `make anchors PRUNE=1` drops every anchor that is gone."
        ]
    )


@pytest.mark.slow
def test_every_published_anchor_is_listed(built_site):
    missing = sorted(set(anchors.collect(built_site)) - set(anchors.read_list()))
    assert not missing, (
        f"{len(missing)} published anchors are not in site_src/anchors.txt (run `make anchors` "
        "and commit the list): " + ", ".join(missing[:20])
    )
