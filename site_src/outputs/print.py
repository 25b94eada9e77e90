"""The whole FAQ as one page, ready for a browser to print or save as PDF.

Plain Python, no MkDocs: :func:`assemble` takes the rendered HTML of every
answer page (in reading order) and returns one HTML body with a table of
contents, each answer in its own ``<article>``, and every id, in-page link
and cross-page link rewritten so that the answers can sit side by side:

- ids are prefixed with the answer's name (``short-answer`` on two pages
  becomes ``why-nonlinearity--short-answer`` and ``...``), and every
  reference to an id (``href="#..."``, ``for``, ``aria-*``) follows;
- a link to another answer becomes a link into this page;
- other relative URLs (figures, frames, the glossary) are rebased from the
  answer's address to the print page's;
- headings move down one level, under the print page's own title.

The plugin (``site_src/plugin.py``) adds the page and feeds it.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PRINT_URI = "print.md"
PLACEHOLDER = "<!-- whyrelu:print-body -->"

PAGE_MARKDOWN = f"""---
title: The whole FAQ on one page
description: Every answer of the site on one page, with its figures and sources, ready to print or save as PDF.
search:
  exclude: true
---

# The whole FAQ on one page {{ #print }}

{PLACEHOLDER}
"""

_ID = re.compile(r'(\sid=")([^"]+)(")')
_IDREFS = re.compile(
    r'(\s(?:for|aria-labelledby|aria-describedby|aria-controls|aria-owns|aria-details)=")([^"]+)(")'
)
_URL_ATTR = re.compile(r'(\s(?:href|src|poster|data-wr-frames)=")([^"]*)(")')
_HEADING = re.compile(r"<(/?)h([1-6])\b")
# A snippet's collapsible "Code" box: its title names the file; the listing
# stays on the answer page (paper has no room for it).
# (site_src/markdown/pages.py makes it: an "example" box titled "Code: `snippets/...`".)
_CODE_BOX = re.compile(
    r'<details class="example">\s*<summary>(Code: <code>snippets/[^<]+</code>)</summary>.*?</details>',
    re.S,
)


@dataclass
class Answer:
    """One answer page as it goes into the print page."""

    name: str  # its file name without .md: the id prefix
    url: str  # its site URL, e.g. "why-nonlinearity/"
    title: str
    question: str
    html: str  # the rendered content of the page
    sections: list[tuple[str, str]] = field(
        default_factory=list
    )  # (id, title) of its h2s


def answers_of(pages) -> tuple[list[Answer], list[dict]]:
    """The answers among ``pages`` (in navigation order), and the print page's
    contents entries. Each page: (source path, URL, front matter, title,
    rendered content, (id, title) of each h2)."""
    answers: list[Answer] = []
    toc: list[dict] = []
    for src_uri, url, meta, title, content, sections in pages:
        if not meta.get("question") or content is None:
            continue
        name = Path(src_uri).with_suffix("").as_posix()
        answers.append(
            Answer(
                name=name,
                url=url,
                title=meta.get("title") or title or name,
                question=str(meta["question"]),
                html=content,
                sections=sections,
            )
        )
        toc.append(
            {
                "level": 2,
                "id": name,
                "name": meta.get("title") or title or name,
                "children": [
                    {
                        "level": 3,
                        "id": f"{name}--{sid}",
                        "name": heading,
                        "children": [],
                    }
                    for sid, heading in sections
                ],
            }
        )
    return answers, toc


def assemble(answers: list[Answer], print_url: str = "print/", intro: str = "") -> str:
    """The print page's body: an introduction, the contents, every answer."""
    by_url = {a.url: a for a in answers}
    parts = []
    if intro:
        parts.append(intro)
    parts.append(_contents(answers))
    for answer in answers:
        body, title_id = _rewrite(answer, by_url, print_url)
        parts.append(
            f'<article class="wr-print-answer" id="{html.escape(answer.name)}" '
            f'aria-labelledby="{html.escape(title_id)}">\n'
            f"{body}\n</article>"
        )
    return "\n".join(parts)


def _contents(answers: list[Answer]) -> str:
    """The answers, one line each: on paper, a contents page, not four.

    (Their sections are in the page's sidebar on screen.)"""
    items = "\n".join(
        f'<li><a href="#{html.escape(a.name)}">{html.escape(a.title)}</a></li>'
        for a in answers
    )
    return (
        '<nav class="wr-print-contents" aria-labelledby="contents">\n'
        f'<h2 id="contents">Contents</h2>\n<ol>\n{items}\n</ol>\n</nav>'
    )


def _rewrite(
    answer: Answer, by_url: dict[str, Answer], print_url: str
) -> tuple[str, str]:
    """The answer's HTML for the print page, and the id of its title."""
    prefix = answer.name + "--"
    text = _without_listings(answer.html)
    # The answer's first heading names the article (aria-labelledby).
    title = re.search(r'<h1\b[^>]*\sid="([^"]+)"', text)
    if title is None:
        text = re.sub(r"<h1\b", '<h1 id="title"', text, count=1)
    title_id = prefix + (title.group(1) if title else "title")
    text = _ID.sub(lambda m: m.group(1) + prefix + m.group(2) + m.group(3), text)
    text = _IDREFS.sub(
        lambda m: (
            m.group(1) + " ".join(prefix + i for i in m.group(2).split()) + m.group(3)
        ),
        text,
    )
    text = _URL_ATTR.sub(
        lambda m: (
            m.group(1)
            + _url(m.group(2), m.group(1), answer, by_url, print_url)
            + m.group(3)
        ),
        text,
    )
    text = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + 1)}", text)
    return text, title_id


def _without_listings(text: str) -> str:
    """Each snippet's code box becomes one line naming its file."""
    return _CODE_BOX.sub(lambda m: f'<p class="wr-print-code">{m.group(1)}</p>', text)


def _url(
    value: str,
    attribute: str,
    answer: Answer,
    by_url: dict[str, Answer],
    print_url: str,
) -> str:
    if "data-wr-frames" in attribute:
        urls = json.loads(html.unescape(value))
        return html.escape(json.dumps([rebase(u, answer.url, print_url) for u in urls]))
    raw = html.unescape(value)
    if raw.startswith("#"):
        return (
            html.escape("#" + answer.name + "--" + raw[1:]) if len(raw) > 1 else value
        )
    parts = urlsplit(raw)
    if parts.scheme or parts.netloc or raw.startswith("/") or not raw:
        return value
    target = _resolve(parts.path, answer.url)
    other = by_url.get(target)
    if other is not None and not parts.query:
        anchor = other.name + ("--" + parts.fragment if parts.fragment else "")
        return html.escape("#" + anchor)
    return html.escape(rebase(raw, answer.url, print_url))


def _resolve(path: str, page_url: str) -> str:
    """A relative ``path`` seen from ``page_url``, as a site path."""
    base = (
        posixpath.dirname("/" + page_url)
        if not page_url.endswith("/")
        else "/" + page_url
    )
    joined = posixpath.normpath(posixpath.join(base, path)) if path else "/" + page_url
    if path.endswith("/") or not path:
        joined = joined.rstrip("/") + "/"
    joined = joined.lstrip("/")
    return "" if joined in ("./", ".") else joined


def rebase(url: str, from_url: str, to_url: str) -> str:
    """Rewrite a relative ``url`` written on page ``from_url`` for page ``to_url``."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("/", "#")) or not parts.path:
        return url
    target = _resolve(parts.path, from_url)
    base = (
        "/" + to_url if to_url.endswith("/") else posixpath.dirname("/" + to_url) + "/"
    )
    relative = posixpath.relpath("/" + target, base)
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    if relative == "./" or relative == ".":
        relative = "./"
    suffix = ("?" + parts.query if parts.query else "") + (
        "#" + parts.fragment if parts.fragment else ""
    )
    return relative + suffix
