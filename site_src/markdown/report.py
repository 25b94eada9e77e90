"""The "Report a mistake" line at the foot of every answer.

Plain Python, no MkDocs: :func:`issue_url` builds a link that opens the
repository's correction form (``.github/ISSUE_TEMPLATE/correction.yml``) with
the title and the page's address already filled in, and :func:`footer` the
HTML line that carries it. An answer is a page whose front matter has a
``question``.
"""

from __future__ import annotations

import html
from urllib.parse import quote, urlencode, urlsplit

FORM = "correction.yml"
# The form's field that the link fills in; it must match the form's `id`.
PAGE_FIELD = "page"


def is_answer(meta: dict) -> bool:
    return bool(meta.get("question"))


def issue_url(repo_url: str, page_title: str, page_address: str) -> str | None:
    """A new-issue link on GitHub, or None when the repository is elsewhere."""
    parts = urlsplit(repo_url or "")
    path = parts.path.strip("/").removesuffix(".git")
    if parts.netloc != "github.com" or path.count("/") != 1:
        return None
    query = urlencode(
        {
            "template": FORM,
            "title": f"Correction: {page_title}",
            PAGE_FIELD: page_address,
        },
        quote_via=quote,
    )
    return f"https://github.com/{path}/issues/new?{query}"


def footer(issue: str, edit: str | None) -> str:
    """The HTML line appended to an answer's Markdown."""
    text = (
        f'Found a mistake? <a class="wr-report__link" href="{html.escape(issue)}">'
        "Report a mistake</a> (the form opens with this page filled in)"
    )
    if edit:
        text += f', or <a href="{html.escape(edit)}">edit this page</a> and open a pull request'
    return f'\n\n<p class="wr-report">{text}.</p>\n'
