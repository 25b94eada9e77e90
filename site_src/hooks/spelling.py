"""MkDocs hook: the search finds both "initialisation" and "initialization".

Runs after the search plugin has written ``search/search_index.json`` (hooks
come after the plugins) and adds to each entry the other spelling of the
words it contains (``site_src.html.spelling``).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from site_src.html import spelling  # noqa: E402


def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        spelling.rewrite_index(index)
