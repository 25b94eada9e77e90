"""Every snippet runs, honours its contract, and is placed on a page."""

from __future__ import annotations

import re

import pytest

from site_src.engine import runner

SNIPPETS = runner.discover()
NAMES = [runner.snippet_name(p) for p in SNIPPETS]


def test_there_are_snippets():
    assert SNIPPETS, "no snippets found under snippets/<answer>/<claim>.py"


@pytest.mark.parametrize("name", NAMES)
def test_snippet_runs(snippet, name):
    result = snippet(name)
    meta = result.meta
    assert meta.title and meta.claim
    if meta.no_figures_reason:
        assert not result.figures
    else:
        assert result.figures, f"{name} drew no figure"
        for figure in result.figures:
            key = figure.get("group") or str(figure.get("index", ""))
            assert meta.alt_for(key if key != "1" else ""), (
                f"{name}: figure {key} has no alt text"
            )
    for path in result.figure_paths():
        assert path.stat().st_size > 0


@pytest.mark.parametrize("path", SNIPPETS, ids=NAMES)
def test_snippet_lives_beside_its_page(path):
    """snippets/<answer>/<claim>.py belongs to docs/<answer>.md."""
    page = runner.ROOT / "docs" / f"{path.parent.name}.md"
    assert page.exists(), f"{path.parent.name}/ has no page docs/{path.parent.name}.md"
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", path.stem), (
        f"name {path.stem!r}: lower-case words and - or _"
    )


@pytest.mark.parametrize("path", SNIPPETS, ids=NAMES)
def test_snippet_is_seeded_and_quiet(path):
    """The contract: no clock (unless it says it measures time), no files, no show()."""
    source = path.read_text()
    meta = runner.load(path).meta
    if not meta.measures_time_reason:
        assert not re.search(
            r"\btime\.(time|perf_counter|monotonic)\b|datetime\.now", source
        ), f"{path.name} reads the clock; declare `Measures: time (why)` if it must"
    assert "savefig(" not in source and "plt.show(" not in source, (
        "the runner saves figures"
    )
    assert "os.environ" not in source and "os.getcwd" not in source
    if re.search(r"np\.random\.(default_rng|seed|RandomState)|\brng\b", source):
        assert (
            re.search(r"default_rng\(\s*(SEED|\d+)", source) or "seed" in source.lower()
        )
