"""MkDocs hook: link the first use of each glossary term on every answer.

Thin on purpose: the work is done by ``site_src.html.glossary``. ``on_files``
reads ``docs/glossary.md`` once; ``on_page_content`` links terms in the
rendered HTML of each answer (a page with ``question:`` in its front matter).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from site_src.html import glossary  # noqa: E402

GLOSSARY = "glossary.md"
_state: dict = {}


def on_files(files, config):
    _state.clear()
    file = files.get_file_from_path(GLOSSARY)
    if file is None:
        return files
    try:
        _state["terms"] = glossary.parse(
            file.content_string, Path(config.docs_dir) / GLOSSARY
        )
    except glossary.GlossaryError as exc:
        raise PluginError(str(exc)) from None
    _state["file"] = file
    return files


def on_page_content(html, page, config, files):
    if "terms" not in _state or not page.meta.get("question"):
        return html
    url = get_relative_url(_state["file"].url, page.url)
    return glossary.link_terms(html, _state["terms"], url)
