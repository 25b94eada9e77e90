"""MkDocs hook: cite from docs/references.bib and build the reading list.

Thin on purpose: the work is done by ``site_src.markdown.references``. ``on_files``
reads the bib file and every page once (who cites what, the reading list's
numbering) and checks every citation and directive there, on the page as
written, so that an error names the line of the file (front matter counted)
whatever the other hooks later do to the page; ``on_page_markdown`` expands
``[@key]``, ``[[bibliography]]`` and ``[[references]]`` on each page.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.utils.meta import get_data  # noqa: E402

from site_src.engine.errors import SnippetError, SnippetErrors  # noqa: E402
from site_src.markdown import pages, references  # noqa: E402

_state: dict = {}


def on_files(files, config):
    _state.clear()
    docs = Path(config.docs_dir)
    bib_path = docs / references.BIB_NAME
    if not bib_path.exists():
        return files
    try:
        bib = references.load(bib_path)
        reading = docs / references.READING_LIST
        if reading.exists():
            references.number_entries(bib, reading.read_text(encoding="utf-8"), reading)
        else:
            references.number_entries(bib, "", reading)
        written = []
        for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
            markdown, meta = get_data(file.content_string)
            # The reader sees the answer's title; its question id (Q1, ...)
            # is internal and only orders the list.
            label = str(meta.get("title") or file.src_uri)
            _order[file.src_uri] = _question_number(meta.get("question"))
            for _, key in references.citations(markdown):
                cited = bib.cited_in.setdefault(key, [])
                if (file.src_uri, label) not in cited:
                    cited.append((file.src_uri, label))
            path = _source(file)
            first = 1 + pages.front_matter_lines(path, markdown)
            written.append((markdown, path, file.src_uri, first))
        for cited in bib.cited_in.values():
            cited.sort(key=_question_order)  # Q1, Q2, ... Q10, then other pages
        errors: list[SnippetError] = []
        for markdown, path, uri, first in written:
            try:
                references.expand(markdown, path, uri, bib, first_line=first)
            except SnippetErrors as exc:
                errors += exc.errors
            except SnippetError as exc:
                errors.append(exc)
        if errors:
            raise SnippetErrors(errors)
    except (SnippetError, SnippetErrors) as exc:
        raise PluginError(str(exc)) from None
    _state["bib"] = bib
    return files


_order: dict[str, int] = {}


def _question_number(question) -> int:
    match = re.fullmatch(r"Q(\d+)", str(question or ""))
    return int(match.group(1)) if match else 10**6


def _question_order(item: tuple[str, str]) -> tuple[int, str]:
    return (_order.get(item[0], 10**6), item[0])


def _source(file) -> Path:
    return Path(file.abs_src_path or file.src_uri)


def on_page_markdown(markdown, page, config, files):
    bib = _state.get("bib")
    if bib is None:
        return markdown
    path = _source(page.file)
    first = 1 + pages.front_matter_lines(path, markdown)
    try:
        return references.expand(markdown, path, page.file.src_uri, bib, first)
    except (SnippetError, SnippetErrors) as exc:
        raise PluginError(str(exc)) from None
