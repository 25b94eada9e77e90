"""MkDocs hook: expand ``[[answers]]`` into the list of answer pages."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from site_src.markdown import answers  # noqa: E402

_order: list[str] = []


def on_nav(nav, config, files):
    _order[:] = [page.file.src_uri for page in nav.pages]
    return nav


def on_page_markdown(markdown, page, config, files):
    page_dir = str(Path(page.file.src_uri).parent)
    return answers.expand(
        markdown, Path(config.docs_dir), _order, "" if page_dir == "." else page_dir
    )
