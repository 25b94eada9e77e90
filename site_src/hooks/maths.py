"""MkDocs hook: turn TeX maths into MathML at build time.

``pymdownx.arithmatex`` (generic mode) marks ``$...$`` and ``$$...$$``; this
hook converts each to MathML, which browsers render natively: no script, no
web font, no request to another host, and it prints.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from site_src.html.maths import MathsError, render_maths  # noqa: E402


def on_page_content(html, page, config, files):
    try:
        return render_maths(html)
    except MathsError as exc:
        raise PluginError(f"docs/{page.file.src_uri}: {exc}") from None
