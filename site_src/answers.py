"""``[[answers]]``: the list of answers, from the pages themselves.

Every page whose front matter has a ``question:`` is an answer; the list
follows the order of the navigation and shows each page's ``description``
(its short answer). A new answer appears on the home page by itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

DIRECTIVE = re.compile(r"^\[\[answers\]\]\s*$", re.M)


def front_matter(path: Path) -> dict:
    if not path.is_file():  # a page the build generates (print.md) is no answer
        return {}
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def answer_list(docs: Path, nav_order: list[str], page_dir: str = "") -> str:
    """Markdown definition list of the answers, links relative to ``page_dir``."""
    items = []
    for src in nav_order:
        meta = front_matter(docs / src)
        if "question" not in meta:
            continue
        link = Path(src).as_posix()
        if page_dir:
            link = "../" * len(Path(page_dir).parts) + link
        description = " ".join(str(meta.get("description", "")).split())
        items.append(f"[{meta.get('title', src)}]({link})\n:   {description}\n")
    return "\n".join(items)


def expand(markdown: str, docs: Path, nav_order: list[str], page_dir: str = "") -> str:
    if not DIRECTIVE.search(markdown):
        return markdown
    listing = answer_list(docs, nav_order, page_dir)
    return DIRECTIVE.sub(lambda _: listing, markdown)
