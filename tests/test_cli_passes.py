"""The passes without the plugin: another generator can build the site.

``python -m site_src render`` writes the expanded Markdown tree and a copy of
mkdocs.yml that lists no ``whyrelu`` plugin; ProperDocs builds it as a
generator that runs no plugin of ours would; ``python -m site_src
postprocess`` runs the HTML pass over the result. Every page must read as in
the plugin build (``built_site``), apart from what only the plugin makes
(CONTRIBUTING.md, "Another generator"): the rendered notebooks, the print
page, and what points at them. The snippets' results come from the cache the
plugin build filled, so nothing runs twice.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from buildkit import BUILD_ENV, ROOT
from site_src.engine.machines import page_text

ANSWERS = sorted(
    p.stem for p in (ROOT / "docs").glob("*.md") if "\nquestion:" in p.read_text()
)
# Pages only the plugin makes: mkdocs-jupyter renders the notebooks, and the
# print page is assembled from the other pages' rendered HTML.
LEFT_OUT = {"print/index.html"} | {
    f"notebooks/{a}/index.html"
    for a in ANSWERS
    if "[[snippet " in (ROOT / "docs" / f"{a}.md").read_text()
}
ARTICLE = re.compile(
    r'<article class="md-content__inner md-typeset">.*?</article>', re.S
)
HEAD = re.compile(r"<head>.*?</head>", re.S)
# The answers' links to their notebooks ("Run this answer yourself").
RUN_BAR = re.compile(r'\n?<nav class="wr-run".*?</nav>', re.S)
# The previous/next page links: the print page is not in the nav.
PAGE_SYNTAX = re.compile(
    r"\[\[(?:snippet|value|explorable|bibliography|references)\b|(?<!\\)\[@"
)
NEIGHBOURS = re.compile(r'\s*<link rel="(?:prev|next)" href="[^"]*">')


def run(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *map(str, args)],
        cwd=ROOT,
        env=BUILD_ENV,
        capture_output=True,
        text=True,
        timeout=1800,
    )


@pytest.fixture(scope="module")
def cli_build(tmp_path_factory, built_site) -> Path:
    """render, a build without the plugin, postprocess: the folder of all three."""
    base = tmp_path_factory.mktemp("cli")
    proc = run(
        "-m",
        "site_src",
        "render",
        "--out",
        base / "md",
        "--config-out",
        base / "mkdocs.yml",
    )
    assert proc.returncode == 0, proc.stderr
    proc = run(
        "-m",
        "properdocs",
        "build",
        "-f",
        base / "mkdocs.yml",
        "--site-dir",
        base / "site",
    )
    assert proc.returncode == 0, proc.stderr
    proc = run("-m", "site_src", "postprocess", base / "site", "--docs", base / "md")
    assert proc.returncode == 0, proc.stderr
    return base


def test_the_generated_config_runs_no_plugin_of_ours(cli_build):
    config = yaml.safe_load((cli_build / "mkdocs.yml").read_text())
    names = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert "whyrelu" not in names and "mkdocs-jupyter" not in names
    assert Path(config["docs_dir"]) == cli_build / "md"


def test_the_expanded_answers_hold_no_page_syntax(cli_build):
    for answer in ANSWERS:
        text = (cli_build / "md" / f"{answer}.md").read_text()
        # (An escaped \[@key\] is text: a commit subject in the page's history.)
        left = PAGE_SYNTAX.findall(text)
        assert not left, f"{answer}.md: {', '.join(left)} left unexpanded"
        assert "whyrelu_head:" in text, f"{answer}.md: no citation tags for the head"


def test_only_the_plugins_own_pages_are_left_out(cli_build, built_site):
    plugin = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    cli = {
        p.relative_to(cli_build / "site").as_posix()
        for p in (cli_build / "site").rglob("*.html")
    }
    assert plugin - cli == LEFT_OUT
    assert cli - plugin == set()


def test_every_page_reads_as_in_the_plugin_build(cli_build, built_site):
    differ = []
    for page in sorted(built_site.rglob("*.html")):
        name = page.relative_to(built_site).as_posix()
        if name in LEFT_OUT:
            continue
        plugin = page.read_text(encoding="utf-8")
        cli = (cli_build / "site" / name).read_text(encoding="utf-8")
        a, b = ARTICLE.search(plugin), ARTICLE.search(cli)
        assert bool(a) == bool(b), f"{name}: the content is missing from one build"
        if a and page_text(RUN_BAR.sub("", a.group(0))) != page_text(b.group(0)):
            differ.append(f"{name}: content")
        head_a = NEIGHBOURS.sub("", HEAD.search(plugin).group(0))
        head_b = NEIGHBOURS.sub("", HEAD.search(cli).group(0))
        if head_a != head_b:
            differ.append(f"{name}: head")
    assert not differ, "pages that read differently without the plugin: " + ", ".join(
        differ
    )
