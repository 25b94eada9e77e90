"""The explorable line, [[explorable <answer>/<claim>]] (site_src/markdown/explorables.py)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from site_src.engine.errors import SnippetErrors
from site_src.engine.meta import Meta
from site_src.engine.runner import Result
from site_src.markdown import explorables, pages

DATA = {"start": {"k": 3}, "states": [{"name": "start", "value": 0.1 + 0.2}]}


def fake_result(tmp_path: Path, results: dict) -> Result:
    return Result(
        name="demo/line",
        path=tmp_path / "snippets" / "demo" / "line.py",
        meta=Meta(title="A line", claim="lines are straight.", alts={"": "a line"}),
        key="k",
        dir=tmp_path,
        figures=[{"kind": "svg", "file": "fig-1.svg", "index": 1}],
        results=results,
        stdout="",
        seconds=0.1,
        cached=True,
    )


@pytest.fixture
def dirs(tmp_path):
    (tmp_path / "snippets" / "demo").mkdir(parents=True)
    (tmp_path / "snippets" / "demo" / "line.py").write_text('"""x"""\n')
    (tmp_path / "modules").mkdir()
    (tmp_path / "modules" / "line.js").write_text("export function mount() {}\n")
    return tmp_path / "snippets", tmp_path / "modules"


def expand(text, tmp_path, dirs, results="default", first_line=1):
    if results == "default":
        results = {"demo/line": fake_result(tmp_path, {"explorable": DATA})}
    return explorables.expand(
        text,
        tmp_path / "docs" / "p.md",
        results,
        lambda uri: "../" + uri,
        dirs[0],
        dirs[1],
        first_line=first_line,
    )


def test_the_line_becomes_a_snippet_line_and_the_data_goes_last(tmp_path, dirs):
    out = expand(
        "intro\n\n[[explorable demo/line code=open]]\n\nafter\n", tmp_path, dirs
    )
    lines = out.splitlines()
    # same line numbers for everything the page says
    assert lines[:5] == ["intro", "", "[[snippet demo/line code=open]]", "", "after"]
    data = re.search(r'data-wr-data="([^"]*)"', out).group(1)
    assert json.loads(html.unescape(data)) == DATA  # every digit survives
    assert 'data-wr-for="snippet-demo-line"' in out
    assert 'data-wr-module="../assets/whyrelu/explorables/line.js"' in out
    # and the snippet line is then placed by the ordinary page syntax
    placed = pages.expand(
        out,
        tmp_path / "docs" / "p.md",
        {"demo/line": fake_result(tmp_path, {"explorable": DATA})},
        lambda uri: "../" + uri,
        None,
        dirs[0],
    )
    assert 'id="snippet-demo-line"' in placed


def test_execution_off_keeps_the_snippet_and_mounts_nothing(tmp_path, dirs):
    out = expand("[[explorable demo/line]]\n", tmp_path, dirs, results=None)
    assert out == "[[snippet demo/line]]\n"


def test_fenced_and_inline_code_is_left_alone(tmp_path, dirs):
    text = "```markdown\n[[explorable demo/nothing]]\n```\nuse `[[explorable a/b]]`\n"
    assert expand(text, tmp_path, dirs) == text


@pytest.mark.parametrize(
    "text,results,message",
    [
        ("[[explorable demo/nothing]]", "default", "whose snippet does not exist"),
        ("[[explorable demo/line]] and more", "default", "must stand alone"),
        ("[[explorable demo/line]]", {}, "has no result"),
        ("[[explorable demo/line]]", "no data", "has no dict 'explorable'"),
    ],
)
def test_a_bad_use_names_the_page_and_line(tmp_path, dirs, text, results, message):
    if results == "no data":
        results = {"demo/line": fake_result(tmp_path, {"x": 1})}
    with pytest.raises(SnippetErrors) as info:
        expand("a\n\n" + text + "\n", tmp_path, dirs, results=results, first_line=5)
    first = str(info.value).splitlines()[0]
    assert "p.md:7:" in first and message in first


def test_a_missing_module_is_named(tmp_path, dirs):
    (dirs[1] / "line.js").unlink()
    with pytest.raises(
        SnippetErrors, match=r"p\.md:1: explorable 'demo/line' has no module"
    ):
        expand("[[explorable demo/line]]\n", tmp_path, dirs)
