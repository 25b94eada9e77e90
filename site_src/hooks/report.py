"""MkDocs hook: a "Report a mistake" link at the foot of every answer.

Thin on purpose: ``site_src.markdown.report`` builds the link from ``repo_url``. It
runs after the snippets hook, on pages whose front matter has ``question``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from site_src.markdown import report  # noqa: E402

log = logging.getLogger("mkdocs.hooks.report")


def on_page_markdown(markdown, page, config, files):
    if not report.is_answer(page.meta):
        return markdown
    address = (config.site_url or "/") + page.url
    title = page.meta.get("title") or page.title or page.file.src_uri
    issue = report.issue_url(config.repo_url, title, address)
    if issue is None:
        log.info(
            "report: repo_url is not a GitHub repository; no 'Report a mistake' link"
        )
        return markdown
    return markdown.rstrip("\n") + report.footer(issue, page.edit_url)
