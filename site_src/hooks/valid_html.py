"""MkDocs hook: every page the build writes is valid HTML.

Thin on purpose: ``site_src.html.valid_html.fix`` does the work (what it corrects,
and why, is in its docstring); this runs it last on every page, the notebook
pages included, and on the theme's own HTML templates (404.html).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.plugins import event_priority  # noqa: E402

from site_src.html import valid_html  # noqa: E402


@event_priority(-100)  # after every other hook and plugin has changed the page
def on_post_page(output, page, config):
    return valid_html.fix(output)


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):
        return valid_html.fix(output_content)
    return output_content
