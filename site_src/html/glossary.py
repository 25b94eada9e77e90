"""The glossary, and links from the first use of each term on each answer.

Plain Python, no MkDocs. ``docs/glossary.md`` is the single source: each
term is a level-2 heading with a permanent id, followed by its definition.
Two optional lines under a heading say which words count as a use of it:

- ``Also called: dying ReLU, dead neuron.`` (shown to readers: real synonyms);
- ``<!-- also matches: saturates, saturated -->`` (hidden: other word forms).

A plural made with -s or -es always matches. :func:`link_terms` works on a
page's rendered HTML: it links the first use of each term that sits in body
text, never inside a heading, a link, code, maths, a figure's controls or a
block marked ``wr-noglossary``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

HEADING = re.compile(
    r"^##[ \t]+(?P<term>.+?)[ \t]*\{[ \t]*#(?P<id>[a-z0-9][a-z0-9-]*)[ \t]*\}[ \t]*$"
)
ALSO_CALLED = re.compile(r"^\*?Also called:?\*?:?\s*(?P<words>.+?)\.?\s*$", re.I)
ALSO_MATCHES = re.compile(r"<!--\s*also matches:\s*(?P<words>.*?)\s*-->", re.I)

SKIP_TAGS = {
    "a",
    "code",
    "pre",
    "kbd",
    "samp",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "math",
    "script",
    "style",
    "svg",
    "button",
    "summary",
    "label",
    "select",
    "option",
    "textarea",
    "title",
    "nav",
    "header",
    "footer",
    "abbr",
    "dt",
}
SKIP_CLASSES = {
    "wr-noglossary",
    "wr-cite-block",
    "wr-updates",
    "arithmatex",
    "wr-cite",
    "headerlink",
    "wr-player",
    "md-source",
}
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^>]*)>|<!--.*?-->", re.S)
CLASS_ATTR = re.compile(r"""class\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


class GlossaryError(ValueError):
    pass


@dataclass
class Term:
    id: str
    name: str
    definition: str  # plain text, first paragraph
    forms: list[str] = field(default_factory=list)
    line: int = 0


def parse(text: str, path: Path = Path("docs/glossary.md")) -> list[Term]:
    """The terms of ``glossary.md``, in page order."""
    terms: list[Term] = []
    current: Term | None = None
    paragraph: list[str] = []
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence:
            continue
        match = HEADING.match(line)
        if match:
            if current:
                _finish(current, paragraph)
            current = Term(
                match.group("id"), _strip_md(match.group("term")), "", [], number
            )
            current.forms.append(current.name)
            paragraph = []
            terms.append(current)
            continue
        if line.startswith("#"):
            if current:
                _finish(current, paragraph)
            current, paragraph = None, []
            continue
        if current is None:
            continue
        for words in ALSO_MATCHES.findall(line):
            current.forms += _words(words)
        if ALSO_MATCHES.fullmatch(line.strip()):
            continue
        also = ALSO_CALLED.match(line.strip())
        if also and not current.definition and not paragraph:
            current.forms += _words(_strip_md(also.group("words")))
            continue
        if line.strip():
            if not current.definition:
                paragraph.append(line.strip())
        elif paragraph and not current.definition:
            current.definition = _strip_md(" ".join(paragraph))
            paragraph = []
    if current:
        _finish(current, paragraph)
    seen: dict[str, Term] = {}
    for term in terms:
        if not term.definition:
            raise GlossaryError(
                f"{path}:{term.line}: the term '{term.name}' has no definition — "
                "write a paragraph under its heading"
            )
        if term.id in seen:
            raise GlossaryError(
                f"{path}:{term.line}: the id #{term.id} is used twice — "
                "give each term its own id"
            )
        seen[term.id] = term
        for form in term.forms:
            for other in terms:
                if other is not term and form.lower() in (
                    f.lower() for f in other.forms
                ):
                    raise GlossaryError(
                        f"{path}:{term.line}: '{form}' belongs to two terms "
                        f"('{term.name}' and '{other.name}') — keep it in one"
                    )
    return terms


def _finish(term: Term, paragraph: list[str]) -> None:
    if not term.definition and paragraph:
        term.definition = _strip_md(" ".join(paragraph))


def _words(text: str) -> list[str]:
    return [w.strip() for w in text.split(",") if w.strip()]


_TEX = {
    r"\cdot": "·",
    r"\sigma": "σ",
    r"\Phi": "Φ",
    r"\mapsto": "↦",
    r"\sum": "Σ",
    r"\max": "max",
    r"\log": "log",
    r"\,": " ",
    r"\mathrm": "",
    r"\text": "",
    r"\infty": "∞",
}


def _tex_plain(tex: str) -> str:
    """Inline TeX as readable plain text, for a tooltip."""
    for command, text in _TEX.items():
        tex = tex.replace(command, text)
    while re.search(r"\{[^{}]*\}", tex):
        tex = re.sub(r"\{([^{}]*)\}", r"\1", tex)
    return tex.replace("-", "−")


def _strip_md(text: str) -> str:
    pieces = re.split(r"(\$[^$]*\$)", text)
    out = []
    for piece in pieces:
        if piece.startswith("$") and piece.endswith("$") and len(piece) > 1:
            out.append(_tex_plain(piece[1:-1]))
        else:
            piece = re.sub(
                r"!?\[([^\]]*)\]\([^)]*\)", r"\1", piece
            )  # links: keep the text
            out.append(re.sub(r"[*_`]", "", piece))
    return " ".join("".join(out).split())


def pattern(terms: list[Term]) -> re.Pattern:
    """One regex for every form, longest first, with -s/-es plurals."""
    forms = sorted({f for t in terms for f in t.forms}, key=lambda f: (-len(f), f))
    alternatives = "|".join(
        re.escape(f).replace(r"\ ", r"\s+") + "(?:e?s)?" for f in forms
    )
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)


def form_index(terms: list[Term]) -> dict[str, Term]:
    index = {}
    for term in terms:
        for form in term.forms:
            index[" ".join(form.lower().split())] = term
    return index


def _term_for(text: str, index: dict[str, Term]) -> Term | None:
    key = " ".join(text.lower().split())
    for candidate in (key, key[:-1], key[:-2]):
        if candidate in index:
            return index[candidate]
    return None


def link_terms(
    page_html: str, terms: list[Term], url: str, skip_ids: set[str] = frozenset()
) -> str:
    """Link the first use of each term in ``page_html`` to ``url#<term id>``."""
    if not terms:
        return page_html
    regex = pattern(terms)
    index = form_index(terms)
    done: set[str] = set(skip_ids)
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag, skipped)
    pos = 0

    def skipped() -> bool:
        return any(flag for _, flag in stack)

    def link_text(text: str) -> str:
        if skipped() or not text.strip():
            return text

        def replace(match: re.Match) -> str:
            term = _term_for(match.group(0), index)
            if term is None or term.id in done:
                return match.group(0)
            done.add(term.id)
            title = html.escape(f"{term.name}: {term.definition}", quote=True)
            return (
                f'<a class="wr-term" href="{html.escape(url)}#{term.id}" title="{title}">'
                f"{match.group(0)}</a>"
            )

        return regex.sub(replace, text)

    for tag in TAG.finditer(page_html):
        out.append(link_text(page_html[pos : tag.start()]))
        pos = tag.end()
        out.append(tag.group(0))
        if tag.group(0).startswith("<!--"):
            continue
        closing, name, attrs = tag.group(1), tag.group(2).lower(), tag.group(3)
        if closing:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
            continue
        if name in VOID or attrs.rstrip().endswith("/"):
            continue
        classes = set()
        for match in CLASS_ATTR.finditer(attrs):
            classes.update(
                (match.group(1) or match.group(2) or match.group(3) or "").split()
            )
        stack.append((name, name in SKIP_TAGS or bool(classes & SKIP_CLASSES)))
    out.append(link_text(page_html[pos:]))
    return "".join(out)
