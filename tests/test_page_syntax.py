"""The page syntax: [[snippet ...]] and [[value ...]] (site_src/markdown/pages.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_src.engine.errors import SnippetErrors
from site_src.engine.meta import Meta
from site_src.engine.runner import Result
from site_src.markdown import pages


def fake_result(tmp_path: Path, name="demo/line", results=None, figures=None) -> Result:
    return Result(
        name=name,
        path=tmp_path / "snippets" / f"{name}.py",
        meta=Meta(
            title="A line", claim="lines are straight.", alts={"": "a straight line"}
        ),
        key="k",
        dir=tmp_path,
        figures=figures
        if figures is not None
        else [{"kind": "svg", "file": "fig-1.svg", "index": 1}],
        results=results
        if results is not None
        else {"slope": 0.123456, "n": 7, "tiny": 3.2e-16},
        stdout="slope 0.12\n",
        seconds=0.1,
        cached=True,
    )


@pytest.fixture
def root(tmp_path):
    (tmp_path / "snippets" / "demo").mkdir(parents=True)
    (tmp_path / "snippets" / "demo" / "line.py").write_text('"""x"""\n')
    return tmp_path / "snippets"


def expand(text, tmp_path, root, results=None, placement=None):
    results = {"demo/line": fake_result(tmp_path)} if results is None else results
    return pages.expand(
        text,
        tmp_path / "docs" / "p.md",
        results,
        lambda uri: "../" + uri,
        placement,
        root,
    )


def test_values_are_formatted(tmp_path, root):
    out = expand(
        "slope [[value demo/line:slope .2f]], n=[[value demo/line:n]], [[value demo/line:slope]]",
        tmp_path,
        root,
    )
    assert "slope 0.12, n=7, 0.123" in out


def test_scientific_values_read_as_powers_of_ten(tmp_path, root):
    out = expand("[[value demo/line:tiny .1e]]", tmp_path, root)
    assert "3.2&thinsp;×&thinsp;10<sup>-16</sup>" in out


def test_code_is_left_alone(tmp_path, root):
    text = "`[[value demo/line:nope]]`\n\n```markdown\n[[snippet demo/nothing]]\n```\n"
    assert expand(text, tmp_path, root) == text


def test_snippet_line_places_figure_code_and_output(tmp_path, root):
    placement = pages.Placement()
    out = expand("[[snippet demo/line]]", tmp_path, root, placement=placement)
    assert '<img src="../figures/demo/line.svg" alt="a straight line"' in out
    assert "<strong>A line.</strong> lines are straight." in out
    assert '--8<-- "snippets/demo/line.py"' in out
    assert "slope 0.12" in out
    assert list(placement.used) == ["demo/line"]


def test_options(tmp_path, root):
    out = expand("[[snippet demo/line code=open section=core]]", tmp_path, root)
    assert "???+ example" in out and '--8<-- "snippets/demo/line.py:core"' in out
    with pytest.raises(
        SnippetErrors, match=r"p\.md:1: unknown snippet option 'colour=red'"
    ):
        expand("[[snippet demo/line colour=red]]", tmp_path, root)


def test_missing_snippet_names_page_and_line(tmp_path, root):
    with pytest.raises(
        SnippetErrors,
        match=r"docs/p\.md:3: places snippet 'demo/gone', which does not exist",
    ):
        expand("a\n\n[[snippet demo/gone]]", tmp_path, root)


def test_missing_key_lists_the_known_ones(tmp_path, root):
    with pytest.raises(
        SnippetErrors, match=r"p\.md:1: .*has no key 'nope'.*use one of: n, slope, tiny"
    ):
        expand("[[value demo/line:nope]]", tmp_path, root)


def test_execution_off_shows_code_and_placeholders(tmp_path, root):
    out = pages.expand(
        "[[snippet demo/line]] x\n\n[[snippet demo/line]]\n[[value demo/line:n]]",
        tmp_path / "p.md",
        None,
        str,
        None,
        root,
    )
    assert "not drawn" in out and "…" in out


def test_frames_become_a_player(tmp_path, root):
    figures = [
        {
            "kind": "frames",
            "group": "fit",
            "files": ["frame-fit-000.png", "frame-fit-001.png"],
            "labels": ["a", "b"],
            "width": 10,
            "height": 5,
        }
    ]
    out = expand(
        "[[snippet demo/line]]",
        tmp_path,
        root,
        results={"demo/line": fake_result(tmp_path, figures=figures)},
    )
    assert 'class="wr-figure wr-player"' in out
    assert "../figures/demo/line/frame-fit-001.png" in out


def test_caption_keeps_a_question_mark(tmp_path, root):
    result = fake_result(tmp_path)
    result.meta.title = "Does it blow up?"
    out = expand("[[snippet demo/line]]", tmp_path, root, results={"demo/line": result})
    assert "<strong>Does it blow up?</strong>" in out


def test_kept_colours_mark_the_figure(tmp_path, root):
    # Dark mode inverts figures; one whose text names its shades opts out.
    result = fake_result(tmp_path)
    result.meta.kept_colours_reason = "the text calls zero white"
    out = expand("[[snippet demo/line]]", tmp_path, root, results={"demo/line": result})
    assert '<figure class="wr-figure wr-figure--kept">' in out
    plain = expand("[[snippet demo/line]]", tmp_path, root)
    assert '<figure class="wr-figure">' in plain and "wr-figure--kept" not in plain
