"""Fewer elements in highlighted code, the same colours.

Pygments writes one ``<span>`` per token. On an answer page the listings in
the "Code" boxes are about three quarters of all elements, and every one
costs the browser style and layout work at load (and the theme's script time
on a phone). Most of those spans change nothing on screen:

- a token whose class the theme gives no colour (``w`` whitespace, ``sa``
  the ``f`` of an f-string...) looks exactly like the text around it;
- a name (``n``, ``kc``) is drawn in the theme's code colour
  (``--md-code-hl-name-color: var(--md-code-fg-color)``), the colour of
  plain code text;
- neighbouring tokens drawn in one colour (a string ``s2`` and its
  interpolation ``si``; punctuation, operators and comments, which share
  the theme's light text shade) can share one span.

``simplify`` rewrites each ``<div class="highlight">`` listing accordingly:
the text, every character of it, is unchanged; only the spans around it are
fewer. ``VARIABLES`` is Material's own grouping of Pygments classes by colour
variable and ``SAME_COLOUR`` the variables that hold one colour on this site;
tests/test_codeblocks.py checks both against the installed theme's
stylesheets and a11y.css, so a change of theme or colours that splits them
fails there, not silently on screen.
"""

from __future__ import annotations

import re

# Pygments classes by the colour variable Material gives them (its
# ``.highlight .x{color:var(--md-code-hl-<variable>-color)}`` rules).
VARIABLES: dict[str, tuple[str, ...]] = {
    "operator": ("o", "ow"),
    "punctuation": ("p",),
    "comment": ("c", "c1", "ch", "cm", "cs", "sd"),
    "variable": ("na", "nv", "vc", "vg", "vi"),
    "generic": ("ge", "gh", "go", "gp", "gr", "gs", "gt", "gu"),
    "string": ("cpf", "l", "s", "s1", "s2", "sb", "sc", "si", "ss"),
    "special": ("cp", "se", "sh", "sr", "sx"),
    "number": ("il", "m", "mb", "mf", "mh", "mi", "mo"),
    "keyword": ("k", "kd", "kn", "kp", "kr", "kt", "nd", "ni", "nl", "nt"),
    "constant": ("bp", "nb", "no"),
    "function": ("nc", "ne", "nf", "nn"),
    "name": ("kc", "n"),
}
# Variables that hold one colour on this site, in both schemes: the theme
# sets the first five to its light text shade, and site_src/assets/a11y.css
# darkens all five alike in the light scheme; names are drawn in the code's
# own text colour (``--md-code-hl-name-color: var(--md-code-fg-color)``).
SAME_COLOUR = (("operator", "punctuation", "comment", "variable", "generic"),)
PLAIN = ("name",)
# The span a merged run keeps: one class per colour.
SPAN_CLASS = {
    "operator": "o",
    "string": "s",
    "special": "se",
    "number": "m",
    "keyword": "k",
    "constant": "nb",
    "function": "nf",
}
# Classes with a background or a box: kept as they are, never merged.
KEEP = ("gd", "gi", "hll")


def _canonical() -> dict[str, str | None]:
    colour_of = {}
    for variable in VARIABLES:
        colour_of[variable] = next(
            (same[0] for same in SAME_COLOUR if variable in same), variable
        )
    return {
        cls: None if colour_of[variable] in PLAIN else SPAN_CLASS[colour_of[variable]]
        for variable, classes in VARIABLES.items()
        for cls in classes
    }


# Pygments class -> the class its span keeps (None: no span at all).
CANONICAL = _canonical()

_BLOCK = re.compile(
    r'(<div class="highlight">(?:<span class="filename">.*?</span>)?<pre>'
    r"(?:<span></span>)?<code[^>]*>)(.*?)(</code></pre></div>)",
    re.S,
)
_TOKEN = re.compile(
    r'<span class="([^"]*)">([^<]*)</span>|(<a id="[^"]*"[^>]*></a>)|(<[^>]*>)|([^<]+)'
)
_PYGMENTS_CLASS = re.compile(r"[a-z][a-z0-9]{0,3}")
ANCHOR = "a"  # a line's anchor (pymdownx.highlight anchor_linenums): kept


def _runs(code: str) -> list[tuple[str | None, str]] | None:
    """The listing as (class or None, escaped text) runs, or None when it
    holds markup other than flat token spans (left untouched then)."""
    runs: list[tuple[str | None, str]] = []
    for match in _TOKEN.finditer(code):
        cls, text, anchor, tag, raw = match.groups()
        if anchor is not None:
            runs.append((ANCHOR, anchor))
            continue
        if tag is not None:
            return None  # a nested span, a link, an annotation...
        if raw is not None:
            runs.append((None, raw))
            continue
        if cls in KEEP or not _PYGMENTS_CLASS.fullmatch(cls):
            return None  # a box, a background, the theme's own markup
        runs.append((CANONICAL.get(cls), text))
    return runs


def _merge(runs: list[tuple[str | None, str]]) -> str:
    merged: list[list] = []
    for cls, text in runs:
        if not text:
            continue
        if merged and merged[-1][0] == cls and cls != ANCHOR:
            merged[-1][1] += text
        elif (
            cls not in (None, ANCHOR)
            and len(merged) >= 2
            and merged[-1][0] is None
            and merged[-2][0] == cls
            and not merged[-1][1].strip()
        ):
            # white space between two spans of one colour joins them (it
            # has no colour)
            gap = merged.pop()[1]
            merged[-1][1] += gap + text
        else:
            merged.append([cls, text])
    return "".join(
        text if cls in (None, ANCHOR) else f'<span class="{cls}">{text}</span>'
        for cls, text in merged
    )


def simplify(html: str) -> str:
    """``html`` with every flat Pygments listing written with fewer spans."""

    def block(match: re.Match) -> str:
        runs = _runs(match.group(2))
        if runs is None:
            return match.group(0)
        return match.group(1) + _merge(runs) + match.group(3)

    return _BLOCK.sub(block, html)


# A listing's <code> (in <pre>), unless it already says whether it is focusable.
_CODE = re.compile(r"(<pre\b[^>]*>(?:<span></span>)?<code\b)(?![^>]*\btabindex=)")


def focusable(html: str) -> str:
    """``html`` with every listing's ``<code>`` in the keyboard's reach.

    A listing wider than the screen scrolls sideways, and a keyboard can
    scroll it only when it takes the focus. The theme gives it
    ``tabindex="0"`` when it sets the block up (and takes it away again from
    a block that fits), but with ``content.lazy`` (mkdocs.yml) it sets a
    block up only once the block has come into view: until then a keyboard
    reader tabbing past would skip it. The build makes every listing
    focusable from the start; the theme still removes the tab stop from the
    ones that turn out not to scroll.
    """
    return _CODE.sub(r'\1 tabindex="0"', html)
