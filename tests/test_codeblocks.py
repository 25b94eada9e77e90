"""site_src.html.codeblocks: fewer spans in highlighted listings, same text, same colours.

The colour groups are checked against the installed theme's stylesheets and
the site's a11y.css: a theme update or a colour change that splits a group
fails here, before a listing looks different on the site.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from site_src.html import codeblocks

ROOT = Path(__file__).resolve().parents[1]
THEME_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
A11Y_CSS = ROOT / "site_src" / "assets" / "a11y.css"

SOURCE = '''"""A docstring
over two lines."""
import numpy as np

def relu(x, name=f"unit {1 + 2}"):
    return np.maximum(x, 0.0)  # the hinge
'''


def _listing(code: str = SOURCE) -> str:
    body = highlight(code, PythonLexer(), HtmlFormatter(nowrap=True))
    return f'<div class="highlight"><pre><span></span><code>{body}</code></pre></div>'


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def _theme_css() -> str:
    return "".join(
        path.read_text(encoding="utf-8") for path in sorted(THEME_CSS.glob("*.css"))
    )


def test_the_text_is_unchanged_and_the_spans_fewer():
    page = "<p>before</p>" + _listing() + "<p>after</p>"
    out = codeblocks.simplify(page)
    assert _text(out) == _text(page)
    assert out.startswith("<p>before</p>") and out.endswith("<p>after</p>")
    assert page.count("<span") == 39 and out.count("<span") == 23
    lines = out.split("<code>", 1)[1].split("\n")
    # a docstring is one span (white space, line breaks too, has no colour)
    assert lines[0] == '<span class="o">"""A docstring'
    # names and white space are plain text; import, module and keyword keep
    # their colours
    assert lines[2] == (
        '<span class="k">import</span> <span class="nf">numpy</span> '
        '<span class="k">as</span> <span class="nf">np</span>'
    )
    # the f of an f-string has no colour of its own; the string and its
    # interpolation braces share one
    assert 'name<span class="o">=</span>f<span class="s">"unit {</span>' in lines[4]
    # punctuation, an operator and a comment share one colour: one span
    assert lines[5].endswith(
        '<span class="m">0.0</span><span class="o">)  # the hinge</span>'
    )


def test_every_listing_of_a_built_page_keeps_its_text(tmp_path):
    page = "".join(_listing(SOURCE * k) for k in (1, 2, 3))
    out = codeblocks.simplify(page)
    assert out.count('<div class="highlight">') == 3
    assert _text(out) == _text(page)
    # idempotent: a second pass changes nothing
    assert codeblocks.simplify(out) == out


@pytest.mark.parametrize(
    "inner",
    [
        '<span class="hll"><span class="n">x</span></span>',  # highlighted line
        '<span class="gi">+x</span>',  # a diff's inserted line has a background
        '<span class="md-annotation">1</span>',  # an annotation marker
    ],
)
def test_listings_with_other_markup_are_left_alone(inner):
    page = f'<div class="highlight"><pre><span></span><code>{inner}</code></pre></div>'
    assert codeblocks.simplify(page) == page


def test_line_anchors_stay_and_split_runs():
    page = (
        '<div class="highlight"><pre><span></span><code>'
        '<a id="l1" name="l1" href="#l1"></a><span class="p">(</span>\n'
        '<a id="l2" name="l2" href="#l2"></a><span class="p">)</span>\n'
        "</code></pre></div>"
    )
    out = codeblocks.simplify(page)
    assert out.count("<a id=") == 2
    assert '<span class="o">(</span>' in out and '<span class="o">)</span>' in out


def test_groups_are_the_themes_own():
    css = _theme_css()
    variable_of = {}
    for selectors, variable in re.findall(
        r"([^{}]*)\{color:var\(--md-code-hl-([a-z]+)-color\)\}", css
    ):
        for cls in re.findall(r"\.highlight \.([a-z0-9]+)(?=,|$)", selectors):
            variable_of[cls] = variable
    ours = {
        cls: variable
        for variable, classes in codeblocks.VARIABLES.items()
        for cls in classes
    }
    assert ours == variable_of


def test_the_variables_taken_as_one_colour_are_one_colour_in_both_schemes():
    css = _theme_css()
    for same in codeblocks.SAME_COLOUR:
        # the theme: one value for all of them, in each of its definitions
        values = {
            frozenset(re.findall(rf"--md-code-hl-{v}-color:([^;}}]+)", css))
            for v in same
        }
        assert len(values) == 1 and all(values), (same, values)
        # the site's overrides: all of them or none, to one value, per scheme
        a11y = A11Y_CSS.read_text(encoding="utf-8")
        for block in re.findall(r"\{([^}]*)\}", a11y):
            set_here = {
                v: re.search(rf"--md-code-hl-{v}-color:\s*([^;]+);", block)
                for v in same
            }
            found = {v: m.group(1).strip() for v, m in set_here.items() if m}
            assert not found or (
                len(found) == len(same) and len(set(found.values())) == 1
            ), found
    for plain in codeblocks.PLAIN:
        assert re.findall(rf"--md-code-hl-{plain}-color:([^;}}]+)", css)
        assert set(re.findall(rf"--md-code-hl-{plain}-color:([^;}}]+)", css)) == {
            "var(--md-code-fg-color)"
        }
        assert f"--md-code-hl-{plain}-color" not in A11Y_CSS.read_text(encoding="utf-8")
    # plain code text is drawn in --md-code-fg-color
    assert re.search(
        r"\.md-typeset code,[^{]*\{[^}]*color:var\(--md-code-fg-color\)", css
    )


def test_every_listing_can_take_the_keyboard_focus():
    page = _listing() + "<pre><code>plain</code></pre>" + "<p><code>inline</code></p>"
    out = codeblocks.focusable(page)
    assert out.count('<code tabindex="0">') == 2
    assert "<p><code>inline</code></p>" in out  # inline code is not a listing
    assert _text(out) == _text(page)
    # a listing that already says so is left as it is; a second pass changes nothing
    assert codeblocks.focusable(out) == out
    kept = '<pre><code tabindex="-1">x</code></pre>'
    assert codeblocks.focusable(kept) == kept
