"""Make every built page valid HTML (the Nu HTML Checker finds no error).

Plain Python, no MkDocs: :func:`fix` takes a page's HTML and returns it
corrected; ``site_src/html/postprocess.py`` (the HTML pass) applies it to every page the
build writes, and ``tests/browser/test_nu_checker.py`` runs the checker over
the built site. What it corrects comes from the theme and from nbconvert's
notebook template, not from the answers:

- the theme's toggles are checkboxes with ``autocomplete="off"``, an
  attribute a checkbox may not have (it does nothing there);
- a ``markdown`` attribute that ``md_in_html`` left on an element it did not
  process (a list nested in a block without one) is removed;
- on the notebook pages (nbconvert's "lab" template, through mkdocs-jupyter):
  the ``<style>`` elements in the body move, in order, to the end of the
  head (they come after every stylesheet there, so the cascade is
  unchanged); a ``<style>`` holding a Python list's text (a stray repr whose
  selectors match nothing) is dropped; the copy buttons
  (``<clipboard-copy>``) get ``role="button"``, which their ``aria-label``
  needs, instead of a stray ``,`` attribute; a ``<label for="__toc">`` on a
  page without a table of contents loses its ``for``; and the CSS loses the
  declarations no browser applies (unitless ``0`` times, ``cursor: normal``,
  unprefixed ``box-*``, comma-separated transforms), says ``overflow: auto``
  where it said ``overlay`` (the standard's meaning of that legacy value),
  and drops the WebKit-only scrollbar-track rules that select with
  ``:horizontal`` or ``:vertical``.
"""

from __future__ import annotations

import re

# (Searched for tag by tag: one pattern with a literal start, which the
# regular expression engine finds quickly even in a notebook page's
# megabyte of inline images.)
_INPUT = re.compile(r"<input\b[^<>]*")
_CHECKBOX = re.compile(r'\btype="checkbox"')
_AUTOCOMPLETE_OFF = re.compile(r'\s+autocomplete="off"')
_MARKDOWN_ATTR = re.compile(r'(<[a-zA-Z][\w-]*\b[^<>]*?)\s+markdown="[^"]*"')
_BODY = re.compile(r"<body\b[^>]*>")
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>\s*", re.S)
_CLIPBOARD = re.compile(r'<clipboard-copy(?: ,="")?(?=[^<>]*\baria-label=)')

# Declarations that no browser applies, in the notebook template's CSS.
_CSS_DROP = [
    re.compile(r"(?<=[;{])(?:-webkit-)?transition-(?:delay|duration):0(?:;|(?=}))"),
    re.compile(r"(?<=[;{])cursor:normal(?:;|(?=}))"),
    re.compile(r"(?<=[;{])box-(?:orient|align|pack):[^;{}]*(?:;|(?=}))"),
    re.compile(r"(?<=[;{])(?:-webkit-)?transform:[^;{}]*\),[^;{}]*(?:;|(?=}))"),
    # WebKit's scrollbar pseudo-classes: rules for the notebook app's own
    # scrolling panes, which the static page does not have.
    re.compile(
        r"(?<=[}{])[^{}]*::-webkit-scrollbar[-\w]*:(?:horizontal|vertical)[^{}]*\{[^{}]*\}"
    ),
]
_CSS_OVERLAY = re.compile(r"(?<=[;{])overflow:overlay(?=[;}])")


def fix(html: str) -> str:
    """``html`` with the template errors described above corrected."""
    if 'autocomplete="off"' in html:
        html = _INPUT.sub(_checkbox, html)
    if 'markdown="' in html:
        html = _MARKDOWN_ATTR.sub(r"\1", html)
    if "jupyter-wrapper" in html:
        html = _notebook_page(html)
    return html


def _checkbox(match: re.Match) -> str:
    tag = match.group(0)
    return _AUTOCOMPLETE_OFF.sub("", tag) if _CHECKBOX.search(tag) else tag


def _notebook_page(html: str) -> str:
    body = _BODY.search(html)
    head_end = html.find("</head>")
    if body is None or head_end < 0 or head_end > body.start():
        return html
    styles: list[str] = []

    def take(match: re.Match) -> str:
        css = match.group(1)
        if not css.strip().startswith("['"):  # a Python list's repr, not CSS
            styles.append(f'<style type="text/css">{_css(css)}</style>\n')
        return ""

    rest = _STYLE.sub(take, html[body.start() :])
    rest = _CLIPBOARD.sub('<clipboard-copy role="button"', rest)
    if 'id="__toc"' not in rest:
        rest = rest.replace(
            '<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">'
        )
    head = html[: body.start()]
    head_end = head.rfind("</head>")
    return head[:head_end] + "".join(styles) + head[head_end:] + rest


def _css(css: str) -> str:
    for pattern in _CSS_DROP:
        css = pattern.sub("", css)
    return _CSS_OVERLAY.sub("overflow:auto", css)
