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
The bib file is read with pybtex (a BibTeX parser, so what it accepts is what
reference managers accept) and its LaTeX turned into text with latexcodec; a
problem is reported with the file and line.
"""

from __future__ import annotations

import codecs
import functools
import html
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
import pybtex.errors
from pybtex.database import BibliographyDataError, Person
from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexSyntaxError

from site_src.engine.errors import SnippetError, SnippetErrors
from site_src.markdown.pages import fenced

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
    fields: dict[str, str]  # lower-case names, raw LaTeX values
    line: int
    persons: dict[str, list[Person]] = field(default_factory=dict)

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    @property
    def year(self) -> str:
        return latex_to_text(self.get("year")) or "n.d."

    @property
    def topic(self) -> str:
        return self.get("keywords").split(",")[0].strip()

    def authors(self) -> list[Person]:
        return self.persons.get("author") or self.persons.get("editor") or []

    def short(self) -> str:
        """``Cybenko (1989)``, ``Glorot & Bengio (2010)``, ``He et al. (2015)``."""
        names = [surname(a) for a in self.authors()]
        if not names:
            who = latex_to_text(self.get("title"))
        elif len(names) == 1:
            who = names[0]
        elif len(names) == 2 and not _is_others(self.authors()[1]):
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


# Where each entry starts, to name its line (pybtex keeps no line numbers).
_ENTRY_START = re.compile(r"^[ \t]*@(\w+)[ \t]*[{(][ \t]*([^\s,]+)[ \t]*,", re.M)
_KEY = re.compile(r"[A-Za-z0-9_:.-]+")


def parse_bibtex(text: str, path: Path = Path(BIB_NAME)) -> dict[str, Entry]:
    """Read ``text`` with pybtex into entries by key, in file order; raise
    BibError (one problem) or SnippetErrors (several), naming the lines."""
    starts: dict[str, list[int]] = {}
    for match in _ENTRY_START.finditer(text):
        if match.group(1).lower() not in ("comment", "preamble", "string"):
            line = text.count("\n", 0, match.start()) + 1
            starts.setdefault(match.group(2), []).append(line)
    with pybtex.errors.capture() as problems:
        data = Parser().parse_string(text)
    errors = [_bib_error(p, path, starts) for p in problems]
    entries: dict[str, Entry] = {}
    for key, item in data.entries.items():
        line = starts.get(key, [0])[0]
        if not _KEY.fullmatch(key):
            errors.append(
                BibError(
                    path,
                    line,
                    f"entry key {key!r} is not a plain name",
                    "use letters, digits, _ : . -",
                )
            )
            continue
        fields = {
            name.lower(): " ".join(str(value).split())
            for name, value in item.fields.items()
        }
        persons = {role.lower(): list(people) for role, people in item.persons.items()}
        entries[key] = Entry(key, item.type.lower(), fields, line, persons)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise SnippetErrors(errors)
    return entries


def _bib_error(problem, path: Path, starts: dict[str, list[int]]) -> BibError:
    if isinstance(problem, PybtexSyntaxError):
        return BibError(
            path,
            problem.lineno or 0,
            f"BibTeX cannot read this: {problem.args[0]}",
            "write @type{key, name = {value}, ...} with every { closed; no "
            "at sign outside an entry (notes go in @comment{...})",
        )
    if isinstance(problem, BibliographyDataError):
        match = re.match(r"repeated bibliography entry: (.+)", str(problem))
        if match:
            key = match.group(1)
            lines = starts.get(key, [0, 0])
            return BibError(
                path,
                lines[1] if len(lines) > 1 else lines[0],
                f"entry '{key}' is defined twice (first at line {lines[0]})",
                "keep one entry per key",
            )
    return BibError(path, 0, f"BibTeX: {problem}", "fix the entry")


# A pure function, called for every field of every entry on every page.
@functools.lru_cache(maxsize=4096)
def latex_to_text(value: str) -> str:
    """A field's LaTeX as Unicode text: accents, dashes, quotes and ties by
    latexcodec; the braces that only group are dropped."""
    text = codecs.decode(value, "ulatex")
    return unicodedata.normalize("NFC", text.replace("{", "").replace("}", ""))


def _is_others(person: Person) -> bool:
    return str(person) == "others"


def surname(author: Person) -> str:
    if _is_others(author):
        return "others"
    return latex_to_text(" ".join(author.prelast_names + author.last_names))


def apa_name(author: Person) -> str:
    """``Montúfar, G.`` from ``Mont{\\'u}far, Guido`` or ``Guido Montúfar``;
    an organisation (``{The Why ReLU? contributors}``) as it is."""
    last = surname(author)
    if author.lineage_names:
        last += ", " + latex_to_text(" ".join(author.lineage_names))
    first = latex_to_text(" ".join(author.first_names + author.middle_names))
    initials = " ".join(
        "-".join(p[0] + "." for p in word.split("-") if p)
        if not word.endswith(".")
        else word
        for word in first.split()
    )
    return f"{last}, {initials}" if initials else last


def apa_authors(entry: Entry) -> str:
    people = entry.authors()
    others = bool(people) and _is_others(people[-1])
    names = [apa_name(a) for a in people if not _is_others(a)]
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


def code_free_lines(markdown: str, first_line: int = 1):
    """Yield (line number, line, in_code) for each line of ``markdown``, the
    first numbered ``first_line`` (1 + the front matter's lines, so numbers
    name lines of the file)."""
    lines = fenced(markdown.splitlines())
    for number, (line, inside) in enumerate(lines, start=first_line):
        yield number, line, inside


def _outside_inline_code(line: str):
    """Split ``line`` into (is_code, text) pieces."""
    last = 0
    for code in INLINE_CODE.finditer(line):
        yield False, line[last : code.start()]
        yield True, code.group(0)
        last = code.end()
    yield False, line[last:]


def citations(markdown: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Every (line, key) cited with ``[@key]`` outside code, in order."""
    found = []
    for number, line, in_code in code_free_lines(markdown, first_line):
        if in_code or "[@" not in line:  # CITE needs "[@": most lines are skipped
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


def expand(
    markdown: str,
    page_path: Path,
    page_uri: str,
    bib: Bibliography,
    first_line: int = 1,
) -> str:
    """Replace citations and directives in one page's Markdown; errors name
    lines counted from ``first_line`` (see :func:`code_free_lines`)."""
    errors: list[SnippetError] = []
    out = []
    cited_here: list[str] = []
    for _, key in citations(markdown):
        if key not in cited_here:
            cited_here.append(key)
    for number, line, in_code in code_free_lines(markdown, first_line):
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
        if "[@" not in line:  # no citation: the line as it is
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
