"""Say where a broken link is and what to do about it.

MkDocs' link and anchor checks name the page but not the line, and do not
say how to fix the link. :func:`rewrite` turns each of those messages into
the site's one error format, ``docs/page.md:line: what happened — what to
do``, finding the line in the page's source. Plain Python, no MkDocs: the
plugin (``site_src/plugin.py``) applies it to MkDocs' log records.
"""

from __future__ import annotations

import re
from pathlib import Path

_PAGE = r"^Doc file '(?P<page>.+?)' contains "
NOT_FOUND = re.compile(
    _PAGE + r"a link '(?P<url>.+?)', but the target(?: '(?P<target>.+?)')? is not "
    r"found among documentation files\.(?: Did you mean '(?P<suggest>.+?)'\?)?$"
)
NO_ANCHOR_HERE = re.compile(
    _PAGE
    + r"a link '(?P<url>.+?)', but there is no such anchor on this page\.(?P<context>.*)$"
)
NO_ANCHOR_THERE = re.compile(
    _PAGE + r"a link '(?P<url>.+?)', but the doc '(?P<doc>.+?)' does not contain "
    r"an anchor '#(?P<anchor>.+?)'\.$"
)
UNRECOGNIZED = re.compile(
    _PAGE + r"an unrecognized relative link '(?P<url>.+?)', it was left as is\."
    r"(?: Did you mean '(?P<suggest>.+?)'\?)?$"
)
HEADING_ID = re.compile(r"\{[^}\n]*?#([\w-]+)[^}\n]*\}")
MAX_IDS = 8


def rewrite(message: str, docs_dir: Path, shown_as: str = "docs") -> str | None:
    """The message in the site's format, or None when it is not a link warning.

    ``shown_as`` is how ``docs_dir`` is written in the message (relative to
    the project, normally ``docs``).
    """
    for pattern, explain in (
        (NOT_FOUND, _not_found),
        (NO_ANCHOR_HERE, _no_anchor_here),
        (NO_ANCHOR_THERE, _no_anchor_there),
        (UNRECOGNIZED, _unrecognized),
    ):
        match = pattern.match(message)
        if match:
            page = match.group("page")
            line = find_line(docs_dir / page, match.group("url"))
            where = f"{shown_as}/{page}" + (f":{line}" if line else "")
            what, todo = explain(match, docs_dir)
            return f"{where}: {what} — {todo}"
    return None


def find_line(path: Path, url: str) -> int | None:
    """The first line of ``path`` that links to ``url``, if it is there."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for forms in ((f"]({url}", f"]: {url}", f'href="{url}"'), (url,)):
        for number, text in enumerate(lines, start=1):
            if any(form in text for form in forms):
                return number
    return None


def heading_ids(path: Path) -> list[str]:
    """The explicit ids (``{ #id }``) a page's source declares."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    return list(dict.fromkeys(HEADING_ID.findall(text)))


def _ids_hint(path: Path) -> str:
    ids = heading_ids(path)
    if not ids:
        return "give the target heading an id: `## Title { #my-id }`"
    shown = ", ".join(f"#{i}" for i in ids[:MAX_IDS]) + (
        ", ..." if len(ids) > MAX_IDS else ""
    )
    return f"use one of its heading ids ({shown}) or add the id to a heading: `{{ #my-id }}`"


def _not_found(match, docs_dir: Path) -> tuple[str, str]:
    url = match.group("url")
    what = f"the link '{url}' points to no page of the site"
    todo = (
        "link to the page's Markdown file, relative to this page's file "
        "(e.g. `other-answer.md#short-answer`), or remove the link"
    )
    if match.group("suggest"):
        todo = f"did you mean '{match.group('suggest')}'? Otherwise " + todo
    return what, todo


def _no_anchor_here(match, docs_dir: Path) -> tuple[str, str]:
    url = match.group("url")
    return (
        f"the link '{url}' points to a heading id this page does not have",
        _ids_hint(docs_dir / match.group("page")),
    )


def _no_anchor_there(match, docs_dir: Path) -> tuple[str, str]:
    doc, anchor = match.group("doc"), match.group("anchor")
    return (
        f"the link '{match.group('url')}' points to '#{anchor}', which docs/{doc} does not have",
        _ids_hint(docs_dir / doc),
    )


def _unrecognized(match, docs_dir: Path) -> tuple[str, str]:
    url = match.group("url")
    todo = "link to a page's Markdown file (`other-answer.md`), not to its address"
    if match.group("suggest"):
        todo = f"write '{match.group('suggest')}': " + todo
    return f"the link '{url}' points to no file", todo
