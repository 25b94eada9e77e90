"""The HTML pass: what the build does to rendered pages.

Plain Python, no generator: ``site_src/plugin.py`` calls it from MkDocs
events, and ``python -m site_src postprocess SITE_DIR`` runs it over a built
site. In order:

1. on a page's content: TeX to MathML (``maths``), then, on answers, the
   first use of each glossary term linked to the glossary (``glossary``);
2. on every finished HTML page (theme included): fewer spans in highlighted
   code, the same colours, each listing focusable (``codeblocks``), then
   ``valid_html.fix``;
3. on the site: both spellings in the search index (``spelling``); our
   stylesheets made one (``stylesheets``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from site_src.html import (
    codeblocks,
    glossary,
    maths,
    spelling,
    stylesheets,
    valid_html,
)
from site_src.markdown.render import page_url, relative_url, split_front_matter

GLOSSARY = "glossary.md"
# Material puts a page's content in this element, after the edit button.
_ARTICLE = re.compile(
    r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S
)


class HtmlPassError(Exception):
    """A page the HTML pass cannot finish; the message says what to do."""


@dataclass
class HtmlPass:
    """The HTML pass of one build: ``read_glossary`` once, then ``content``
    on each page's content and ``page`` on each finished page."""

    terms: list[glossary.Term] | None = None
    glossary_url: str = ""
    skip: set[str] = field(default_factory=set)

    def read_glossary(self, text: str | None, path: Path, url: str) -> None:
        """Read ``docs/glossary.md`` (its text, or None when there is none)."""
        self.terms = None
        if text is None:
            return
        try:
            self.terms = glossary.parse(text, path)
        except glossary.GlossaryError as exc:
            raise HtmlPassError(str(exc)) from None
        self.glossary_url = url

    def content(self, html: str, src_uri: str, url: str, is_answer: bool) -> str:
        """A page's rendered Markdown: maths, then glossary links on answers."""
        try:
            html = maths.render_maths(html)
        except maths.MathsError as exc:
            raise HtmlPassError(f"docs/{src_uri}: {exc}") from None
        if self.terms is None or not is_answer:
            return html
        return glossary.link_terms(
            html, self.terms, relative_url(self.glossary_url, url)
        )

    @staticmethod
    def page(html: str) -> str:
        """A finished page, as the generator writes it."""
        return valid_html.fix(codeblocks.focusable(codeblocks.simplify(html)))

    @staticmethod
    def site(site_dir: Path) -> None:
        """The built site: the search index learns both spellings; our
        stylesheets are bundled into one."""
        index = site_dir / "search" / "search_index.json"
        if index.is_file():
            spelling.rewrite_index(index)
        try:
            stylesheets.bundle(site_dir)
        except stylesheets.StylesheetError as exc:
            raise HtmlPassError(str(exc)) from None


def html_path(site_dir: Path, src_uri: str) -> Path:
    """Where a generator with directory URLs writes the page ``src_uri``."""
    return site_dir / page_url(src_uri) / "index.html"


def postprocess(site_dir: Path, docs: Path) -> list[str]:
    """Run the HTML pass over a built site whose pages come from ``docs``.

    The page content is what Material puts in ``article.md-content__inner``;
    answers (front matter ``question:``) get their glossary links. Returns the
    site paths of the pages changed.
    """
    html_pass = HtmlPass()
    glossary_md = docs / GLOSSARY
    html_pass.read_glossary(
        glossary_md.read_text(encoding="utf-8") if glossary_md.is_file() else None,
        glossary_md,
        page_url(GLOSSARY),
    )
    answers = {}
    for source in sorted(docs.rglob("*.md")):
        uri = source.relative_to(docs).as_posix()
        _, meta = split_front_matter(source.read_text(encoding="utf-8"))
        answers[html_path(site_dir, uri)] = (uri, bool(meta.get("question")))
    changed = []
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        new = text
        if path in answers:
            uri, is_answer = answers[path]
            new = _ARTICLE.sub(
                lambda m, uri=uri, is_answer=is_answer: (
                    m.group(1)
                    + html_pass.content(m.group(2), uri, page_url(uri), is_answer)
                    + m.group(3)
                ),
                new,
                count=1,
            )
        new = html_pass.page(new)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path.relative_to(site_dir).as_posix())
    html_pass.site(site_dir)
    return changed
