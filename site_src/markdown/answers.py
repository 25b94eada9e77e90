"""``[[answers]]``: the list of answers, from the pages themselves.

Every page whose front matter has a ``question:`` is an answer; the list
follows the order of the navigation and shows each page's ``description``
(its short answer). A new answer appears on the home page by itself.
``[[notebooks]]`` lists the notebook of every answer that places a snippet
(the build makes one per such answer, ``notebooks/<answer>.ipynb``).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

DIRECTIVE = re.compile(r"^\[\[answers\]\]\s*$", re.M)
NOTEBOOKS = re.compile(r"^\[\[notebooks\]\]\s*$", re.M)
SNIPPET = re.compile(r"^\[\[snippet\s", re.M)


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


def notebook_list(docs: Path, nav_order: list[str], page_dir: str = "") -> str:
    """Markdown list: each answer with figures, linked to its notebook page."""
    items = []
    for src in nav_order:
        meta = front_matter(docs / src)
        if "question" not in meta or not SNIPPET.search(
            (docs / src).read_text(encoding="utf-8")
        ):
            continue
        up = "../" * len(Path(page_dir).parts) if page_dir else ""
        notebook = f"{up}notebooks/{Path(src).with_suffix('.ipynb').as_posix()}"
        items.append(
            f"- [{meta.get('title', src)}]({notebook}) "
            f"([the answer]({up}{Path(src).as_posix()}))"
        )
    return "\n".join(items) + "\n"


def expand(markdown: str, docs: Path, nav_order: list[str], page_dir: str = "") -> str:
    if DIRECTIVE.search(markdown):
        listing = answer_list(docs, nav_order, page_dir)
        markdown = DIRECTIVE.sub(lambda _: listing, markdown)
    if NOTEBOOKS.search(markdown):
        listing = notebook_list(docs, nav_order, page_dir)
        markdown = NOTEBOOKS.sub(lambda _: listing, markdown)
    return markdown
