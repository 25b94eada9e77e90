"""One BibTeX file, cited from every page, listed on the reading list.

Plain Python, no MkDocs. ``docs/references.bib`` holds every source the site
cites. Pages cite with ``[@key]`` (or ``[@a; @b]``, or ``[@key, p. 3]`` with a
locator); :func:`expand` turns each into a numbered link to the entry on the
reading list (``reading-list.md#ref-<key>``). Two directives, alone on a line,
place lists:

- ``[[bibliography]]`` or ``[[bibliography topic=<name>]]`` (on the reading
  list): the annotated entries, all of them or those whose ``keywords`` field
  is ``<name>``, numbered in the order the reading list shows them;
- ``[[references]]`` (on an answer, under its sources heading): the entries
  this page cites, with the same numbers.

Fenced and inline code are left alone, so a page can show the syntax itself.
The BibTeX reader is small on purpose: it reads the subset this file uses
(``@type{key, field = {...}}``, ``"..."`` or bare numbers, ``%`` comments,
common accents) and says where anything else is.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from site_src.errors import SnippetError, SnippetErrors
from site_src.pages import fenced

BIB_NAME = "references.bib"
READING_LIST = "reading-list.md"

CITE = re.compile(
    r"\[(@[A-Za-z0-9_:.-]+(?:\s*;\s*@[A-Za-z0-9_:.-]+)*)(?:\s*,\s*(?P<loc>[^\]]+?))?\s*\]"
)
CITE_KEY = re.compile(r"@([A-Za-z0-9_:.-]+)")
DIRECTIVE = re.compile(
    r"^[ \t]*\[\[(?P<name>bibliography|references)(?P<opts>[^\]]*)\]\][ \t]*$"
)
INLINE_CODE = re.compile(r"(`+).+?\1")

_ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "c": "\u0327",
    "v": "\u030c",
    "u": "\u0306",
    "=": "\u0304",
    ".": "\u0307",
    "H": "\u030b",
}
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class BibError(SnippetError):
    """A problem in the bibliography or in a citation; names file and line."""


@dataclass
class Entry:
    key: str
    type: str
    fields: dict[str, str]
    line: int

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    @property
    def year(self) -> str:
        return latex_to_text(self.get("year")) or "n.d."

    @property
    def topic(self) -> str:
        return self.get("keywords").split(",")[0].strip()

    def authors(self) -> list[str]:
        return split_authors(self.get("author") or self.get("editor"))

    def short(self) -> str:
        """``Cybenko (1989)``, ``Glorot & Bengio (2010)``, ``He et al. (2015)``."""
        names = [surname(a) for a in self.authors()]
        if not names:
            who = latex_to_text(self.get("title"))
        elif len(names) == 1:
            who = names[0]
        elif len(names) == 2 and names[1] != "others":
            who = f"{names[0]} & {names[1]}"
        else:
            who = f"{names[0]} et al."
        return f"{who} ({self.year})"

    def links(self) -> list[tuple[str, str]]:
        """(label, url) pairs: DOI, arXiv, then any other URL."""
        out = []
        if self.get("doi"):
            doi = self.get("doi")
            out.append((f"doi:{doi}", f"https://doi.org/{doi}"))
        eprint = self.get("eprint")
        if eprint and self.get("archiveprefix", "arXiv").lower() == "arxiv":
            out.append((f"arXiv:{eprint}", f"https://arxiv.org/abs/{eprint}"))
        if self.get("url"):
            url = self.get("url")
            out.append((re.sub(r"^https?://(www\.)?", "", url).rstrip("/"), url))
        return out


@dataclass
class Bibliography:
    """The parsed bib file, the reading list's numbering, and who cites what."""

    entries: dict[str, Entry]
    path: Path
    numbers: dict[str, int] = field(default_factory=dict)
    cited_in: dict[str, list[tuple[str, str]]] = field(
        default_factory=dict
    )  # key -> [(src_uri, label)]

    def number(self, key: str) -> int:
        return self.numbers[key]


# ---------------------------------------------------------------- BibTeX


def load(path: Path) -> Bibliography:
    return Bibliography(parse_bibtex(path.read_text(encoding="utf-8"), path), path)


def parse_bibtex(text: str, path: Path = Path(BIB_NAME)) -> dict[str, Entry]:
    """Read ``text`` into entries by key; raise BibError naming the line."""
    entries: dict[str, Entry] = {}
    pos = 0
    while True:
        at = text.find("@", pos)
        if at < 0:
            break
        line_start = text.rfind("\n", 0, at) + 1
        if text[line_start:at].lstrip().startswith("%"):
            pos = text.find("\n", at) + 1 or len(text)
            continue
        line = text.count("\n", 0, at) + 1
        match = re.compile(r"@(\w+)\s*\{").match(text, at)
        if not match:
            raise BibError(
                path, line, "an @ that does not start an entry", "write @type{key, ...}"
            )
        kind = match.group(1).lower()
        end = _matching_brace(text, match.end() - 1, path, line)
        body = text[match.end() : end]
        pos = end + 1
        if kind in ("comment", "preamble", "string"):
            continue
        key, _, rest = body.partition(",")
        key = key.strip()
        if not re.fullmatch(r"[A-Za-z0-9_:.-]+", key):
            raise BibError(
                path,
                line,
                f"entry key {key!r} is not a plain name",
                "use letters, digits, _ : . -",
            )
        if key in entries:
            raise BibError(
                path,
                line,
                f"entry '{key}' is defined twice (first at line {entries[key].line})",
                "keep one entry per key",
            )
        entries[key] = Entry(key, kind, _fields(rest, path, line), line)
    return entries


def _matching_brace(text: str, open_at: int, path: Path, line: int) -> int:
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] == "{" and text[i - 1] != "\\":
            depth += 1
        elif text[i] == "}" and text[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return i
    raise BibError(
        path, line, "this entry's braces are not balanced", "close every { with a }"
    )


def _fields(body: str, path: Path, line: int) -> dict[str, str]:
    fields: dict[str, str] = {}
    i = 0
    name_re = re.compile(r"\s*([A-Za-z][\w-]*)\s*=\s*")
    while True:
        while i < len(body) and body[i] in " \t\r\n,":
            i += 1
        if i >= len(body):
            return fields
        match = name_re.match(body, i)
        if not match:
            raise BibError(
                path,
                line,
                f"cannot read a field at {body[i : i + 30]!r}",
                "write name = {value},",
            )
        name = match.group(1).lower()
        i = match.end()
        if body[i] == "{":
            end = _matching_brace(body, i, path, line)
            value = body[i + 1 : end]
            i = end + 1
        elif body[i] == '"':
            end = body.index('"', i + 1)
            value = body[i + 1 : end]
            i = end + 1
        else:
            value = re.match(r"[\w.-]+", body[i:]).group(0)
            i += len(value)
        fields[name] = " ".join(value.split())


def latex_to_text(value: str) -> str:
    """The few LaTeX forms a bib file needs, as Unicode text."""

    def accent(m: re.Match) -> str:
        return unicodedata_normal(m.group(2) + _ACCENTS[m.group(1)])

    text = re.sub(r"\{?\\([`'^\"~=.])\{?([A-Za-z])\}?\}?", accent, value)
    text = re.sub(r"\{?\\([cvuH])\{([A-Za-z])\}\}?", accent, text)
    text = re.sub(r"\\([&%$#_{}])", r"\1", text)
    text = text.replace("``", "\u201c").replace("''", "\u201d")
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("~", "\u00a0")
    text = text.replace("{", "").replace("}", "")
    return text


def unicodedata_normal(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", text)


def split_authors(value: str) -> list[str]:
    if not value:
        return []
    depth = 0
    parts, current = [], ""
    tokens = re.split(r"(\{|\}|\s+and\s+)", value)
    for token in tokens:
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        if depth == 0 and re.fullmatch(r"\s+and\s+", token or ""):
            parts.append(current.strip())
            current = ""
        else:
            current += token or ""
    parts.append(current.strip())
    return [p for p in parts if p]


def surname(author: str) -> str:
    if author == "others":
        return "others"
    if author.startswith("{") and author.endswith("}"):
        return latex_to_text(author)  # an organisation: {The Why ReLU? contributors}
    if "," in author:
        return latex_to_text(author.split(",")[0].strip())
    return latex_to_text(author.split()[-1])


def apa_name(author: str) -> str:
    """``Montúfar, G.`` from ``Mont{\\'u}far, G.`` or ``G. Montúfar``."""
    if author.startswith("{") and author.endswith("}"):
        return latex_to_text(author)
    if "," in author:
        last, first = (s.strip() for s in author.split(",", 1))
    else:
        *firsts, last = author.split()
        first = " ".join(firsts)
    initials = " ".join(
        "-".join(p[0] + "." for p in word.split("-") if p)
        if not word.endswith(".")
        else word
        for word in latex_to_text(first).split()
    )
    return f"{latex_to_text(last)}, {initials}" if initials else latex_to_text(last)


def apa_authors(entry: Entry) -> str:
    names = entry.authors()
    others = names and names[-1] == "others"
    names = [apa_name(a) for a in names if a != "others"]
    if not names:
        return ""
    if others:
        return ", ".join(names) + ", et al."
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


# ---------------------------------------------------------------- formatting


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|$])", r"\\\1", text)


def _t(entry: Entry, name: str) -> str:
    return _md_escape(latex_to_text(entry.get(name)))


def format_entry(entry: Entry) -> str:
    """An APA-like reference in Markdown (one paragraph, links included)."""
    authors = _md_escape(apa_authors(entry))
    title = _t(entry, "title").rstrip(".")
    year = entry.year
    if entry.get("month"):
        year = f"{year}, {latex_to_text(entry.get('month'))}"
    if authors and not authors.endswith("."):
        authors += "."  # a group author: "OpenAI. (2019)."
    kind = entry.type
    if not authors:  # APA moves the title into the author's place
        parts = [f"*{title}*. ({year})."]
        if entry.get("howpublished"):
            parts.append(f"{_t(entry, 'howpublished')}.")
        kind = "untitled-rest"
    else:
        parts = [f"{authors} ({year})."]
    if kind == "article":
        parts.append(f"{title}.")
        venue = f"*{_t(entry, 'journal')}*"
        if entry.get("volume"):
            venue += f", *{_t(entry, 'volume')}*"
        if entry.get("number"):
            venue += f"({_t(entry, 'number')})"
        if entry.get("pages"):
            venue += f", {_t(entry, 'pages')}"
        parts.append(venue + ".")
    elif kind in ("inproceedings", "incollection", "conference"):
        parts.append(f"{title}.")
        venue = f"In *{_t(entry, 'booktitle')}*"
        extra = []
        if entry.get("series") and entry.get("volume"):
            extra.append(f"{_t(entry, 'series')} {_t(entry, 'volume')}")
        if entry.get("pages"):
            extra.append(f"pp. {_t(entry, 'pages')}")
        if extra:
            venue += f" ({', '.join(extra)})"
        parts.append(venue + ".")
    elif kind == "book":
        parts.append(f"*{title}*.")
        if entry.get("publisher"):
            parts.append(f"{_t(entry, 'publisher')}.")
    elif kind in ("phdthesis", "mastersthesis", "thesis"):
        what = entry.get("type") or (
            "Doctoral dissertation" if kind == "phdthesis" else "Master's thesis"
        )
        parts.append(
            f"*{title}* [{_md_escape(latex_to_text(what))}, {_t(entry, 'school')}]."
        )
    elif kind == "techreport":
        number = f" {_t(entry, 'number')}" if entry.get("number") else ""
        parts.append(
            f"*{title}* (Technical report{number}). {_t(entry, 'institution')}."
        )
    elif kind != "untitled-rest":  # misc, online, software
        parts.append(f"*{title}*.")
        if entry.get("howpublished"):
            parts.append(f"{_t(entry, 'howpublished')}.")
    if entry.get("note") and not entry.get("note").lower().startswith("arxiv"):
        parts.append(f"{_t(entry, 'note')}.")
    for label, url in entry.links():
        parts.append(f"[{_md_escape(label)}]({url})")
    return " ".join(parts)


def entry_block(
    entry: Entry, number: int, annotated: bool, bib: Bibliography, page_uri: str
) -> str:
    """One list item (raw HTML with Markdown inside, for md_in_html)."""
    # Only the reading list's items carry ids: those are the permanent targets of [n].
    ident = f' id="ref-{entry.key}"' if annotated else ""
    lines = [f'<li{ident} value="{number}" markdown="block">', "", format_entry(entry)]
    if annotated and entry.get("annote"):
        lines += [
            "",
            f'<span class="wr-annote">{latex_to_text(entry.get("annote"))}</span>',
        ]
    if annotated:
        cited = bib.cited_in.get(entry.key, [])
        if cited:
            links = ", ".join(
                f"[{_md_escape(label)}]({_rel(uri, page_uri)})" for uri, label in cited
            )
            lines += ["", f"Cited in: {links}."]
    else:
        lines += [
            "",
            f"[Annotated on the reading list]({_rel(READING_LIST, page_uri)}#ref-{entry.key})",
        ]
    lines += ["", "</li>"]
    return "\n".join(lines)


def _rel(target_uri: str, page_uri: str) -> str:
    """A Markdown link from docs/<page_uri> to docs/<target_uri>."""
    return posixpath.relpath(target_uri, posixpath.dirname(page_uri) or ".")


def render_list(
    entries: list[Entry], bib: Bibliography, annotated: bool, page_uri: str
) -> str:
    items = [
        entry_block(e, bib.number(e.key), annotated, bib, page_uri) for e in entries
    ]
    return '<ol class="wr-bib" markdown="block">\n\n' + "\n\n".join(items) + "\n\n</ol>"


# ---------------------------------------------------------------- pages


def code_free_lines(markdown: str):
    """Yield (line number, line, in_code) for each line of ``markdown``."""
    for number, (line, inside) in enumerate(fenced(markdown.splitlines()), start=1):
        yield number, line, inside


def _outside_inline_code(line: str):
    """Split ``line`` into (is_code, text) pieces."""
    last = 0
    for code in INLINE_CODE.finditer(line):
        yield False, line[last : code.start()]
        yield True, code.group(0)
        last = code.end()
    yield False, line[last:]


def citations(markdown: str) -> list[tuple[int, str]]:
    """Every (line, key) cited with ``[@key]`` outside code, in order."""
    found = []
    for number, line, in_code in code_free_lines(markdown):
        if in_code:
            continue
        for is_code, text in _outside_inline_code(line):
            if not is_code:
                for match in CITE.finditer(text):
                    found += [(number, key) for key in CITE_KEY.findall(match.group(1))]
    return found


def directives(markdown: str) -> list[tuple[int, str, dict[str, str]]]:
    found = []
    for number, line, in_code in code_free_lines(markdown):
        if not in_code and (match := DIRECTIVE.match(line)):
            opts = dict(
                item.partition("=")[::2] for item in match.group("opts").split()
            )
            found.append((number, match.group("name"), opts))
    return found


def number_entries(
    bib: Bibliography, reading_list_md: str, reading_list_path: Path
) -> None:
    """Number the entries in the order the reading list shows them."""
    bib.numbers.clear()
    placed_topics: list[str | None] = []
    for line, name, opts in directives(reading_list_md):
        if name != "bibliography":
            continue
        unknown = set(opts) - {"topic"}
        if unknown:
            raise BibError(
                reading_list_path,
                line,
                f"unknown option(s) {sorted(unknown)}",
                "write [[bibliography]] or [[bibliography topic=<name>]]",
            )
        placed_topics.append(opts.get("topic"))
    for topic in placed_topics:
        for entry in bib.entries.values():
            if (topic is None or entry.topic == topic) and entry.key not in bib.numbers:
                bib.numbers[entry.key] = len(bib.numbers) + 1
    missing = [e for e in bib.entries.values() if e.key not in bib.numbers]
    if placed_topics and missing:
        raise SnippetErrors(
            [
                BibError(
                    bib.path,
                    e.line,
                    f"entry '{e.key}' (keywords = {e.topic or 'none'}) is on no "
                    "reading-list section",
                    f"give it the keywords of a [[bibliography topic=...]] in "
                    f"docs/{READING_LIST}, or add a section for it",
                )
                for e in missing
            ]
        )
    for entry in bib.entries.values():
        if entry.key not in bib.numbers:  # no reading list yet: file order
            bib.numbers[entry.key] = len(bib.numbers) + 1


def expand(markdown: str, page_path: Path, page_uri: str, bib: Bibliography) -> str:
    """Replace citations and directives in one page's Markdown."""
    errors: list[SnippetError] = []
    out = []
    cited_here: list[str] = []
    for _, key in citations(markdown):
        if key not in cited_here:
            cited_here.append(key)
    for number, line, in_code in code_free_lines(markdown):
        if in_code:
            out.append(line)
            continue
        directive = DIRECTIVE.match(line)
        if directive:
            try:
                out.append(
                    _directive(directive, number, page_path, page_uri, bib, cited_here)
                )
            except BibError as exc:
                errors.append(exc)
                out.append(line)
            continue
        pieces = []
        for is_code, text in _outside_inline_code(line):
            if not is_code:
                text = CITE.sub(
                    lambda m: _cite(m, number, page_path, page_uri, bib, errors), text
                )
            pieces.append(text)
        out.append("".join(pieces))
    if errors:
        raise SnippetErrors(errors)
    return "\n".join(out) + "\n"


def _cite(
    match: re.Match,
    line: int,
    page_path: Path,
    page_uri: str,
    bib: Bibliography,
    errors,
) -> str:
    keys = CITE_KEY.findall(match.group(1))
    known = [k for k in keys if k in bib.entries]
    if len(known) == len(keys):
        keys = sorted(keys, key=bib.number)  # [3, 5, 6], as a reader expects
    links = []
    for key in keys:
        entry = bib.entries.get(key)
        if entry is None:
            errors.append(
                BibError(
                    page_path,
                    line,
                    f"cites [@{key}], which is not in docs/{BIB_NAME}",
                    f"add an entry '{key}' to docs/{BIB_NAME} or fix the key",
                )
            )
            return match.group(0)
        title = _md_escape(
            f"{entry.short()}: {latex_to_text(entry.get('title'))}"
        ).replace('"', "'")
        url = f"{_rel(READING_LIST, page_uri)}#ref-{key}"
        links.append(f'[{bib.number(key)}]({url} "{title}")')
    loc = match.group("loc")
    inner = ", ".join(links) + (f", {loc.strip()}" if loc else "")
    return f'<span class="wr-cite">\\[{inner}\\]</span>'


def _directive(match, line, page_path, page_uri, bib, cited_here) -> str:
    name = match.group("name")
    opts = dict(item.partition("=")[::2] for item in match.group("opts").split())
    if name == "references":
        if opts:
            raise BibError(
                page_path,
                line,
                "[[references]] takes no options",
                "write [[references]]",
            )
        entries = sorted(
            (bib.entries[k] for k in cited_here if k in bib.entries),
            key=lambda e: bib.number(e.key),
        )
        if not entries:
            raise BibError(
                page_path,
                line,
                "[[references]] on a page that cites nothing",
                "cite sources with [@key] in the text, or remove [[references]]",
            )
        return render_list(entries, bib, annotated=False, page_uri=page_uri)
    topic = opts.get("topic")
    entries = [e for e in bib.entries.values() if topic is None or e.topic == topic]
    if not entries:
        raise BibError(
            page_path,
            line,
            f"no entry in docs/{BIB_NAME} has keywords = {topic}",
            "check the topic name",
        )
    entries.sort(key=lambda e: bib.number(e.key))
    return render_list(entries, bib, annotated=True, page_uri=page_uri)


def escape_attr(text: str) -> str:
    return html.escape(text, quote=True)
