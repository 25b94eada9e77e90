"""The site is built with ProperDocs, and ProperDocs gives what MkDocs gave.

MkDocs 1.x has had no release since 1.6.1 (August 2024); ProperDocs is its
maintained continuation and reads the same mkdocs.yml, theme and plugins
(the site's own, ``whyrelu``, included). Every build command (make serve,
make site, the tests, the bench) runs ``properdocs``. MkDocs itself stays installed (Material and the plugins
require it), so the two can be compared here: the whole built tree must be
the same, file for file and byte for byte, apart from the page header's
generator tag.

That second build, in a process of its own, is also the check that the
build is reproducible: the same sources and ``SOURCE_DATE_EPOCH`` give the
same bytes (a date from the clock, a set's order or an unseeded id in any
page would differ between the two builds).
"""

from __future__ import annotations

import re

import pytest

from buildkit import ROOT, mkdocs_build

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="([^"]*)">')


def _files(site):
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def test_every_build_command_runs_properdocs():
    makefile = (ROOT / "Makefile").read_text()
    assert "$(BIN)/python -m properdocs serve" in makefile
    assert "$(BIN)/python -m properdocs build --strict" in makefile
    assert "$(BIN)/mkdocs " not in makefile and "-m mkdocs " not in makefile


@pytest.mark.slow
def test_the_site_says_properdocs_made_it(built_site):
    tags = {
        GENERATOR_TAG.search(page.read_bytes()).group(1).decode()
        for page in built_site.rglob("*.html")
        if GENERATOR_TAG.search(page.read_bytes())
    }
    assert len(tags) == 1, tags
    assert tags.pop().startswith("mkdocs-ProperDocs 1.6.")


@pytest.mark.slow
def test_mkdocs_builds_the_same_site_apart_from_the_generator_tag(built_site, tmp_path):
    site = tmp_path / "site"
    proc = mkdocs_build(ROOT, site, generator="mkdocs")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ours, theirs = _files(built_site), _files(site)
    assert sorted(ours) == sorted(theirs)
    differ = []
    for name, path in ours.items():
        mine, other = path.read_bytes(), theirs[name].read_bytes()
        if name.endswith(".html"):
            mine = GENERATOR_TAG.sub(b"", mine)
            other = GENERATOR_TAG.sub(b"", other)
        if mine != other:
            differ.append(name)
    assert not differ, f"ProperDocs and MkDocs differ on {differ}"
    page = (site / "index.html").read_bytes()
    assert GENERATOR_TAG.search(page).group(1).startswith(b"mkdocs-1.6.")
