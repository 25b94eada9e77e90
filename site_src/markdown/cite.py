"""How to cite an answer, and what changed in it, from the git history.

Plain Python, no MkDocs. For one answer page this module

- reads the history of the page and its snippets with ``git log``
  (:func:`history`): the dates and one-line summaries of its changes;
- builds its citation (:class:`Citation`): BibTeX, an APA-like reference,
  citation meta tags for reference managers and Google Scholar, and Open
  Graph / Twitter card tags for link previews;
- renders the "Updates and corrections" and "Cite this answer" sections that
  the hook appends to every answer.

Everything is deterministic: dates come from commits, never from the clock.
A page with changes that are not committed yet is dated by
``SOURCE_DATE_EPOCH`` (which ``make`` sets to the last commit's time), so two
builds of the same tree give the same bytes.

A commit can speak to readers with a trailer in its message:
``Changelog: <text>`` replaces the commit's subject in the list of changes,
and ``Changelog: skip`` leaves the commit out (a typo fix, a reformat).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

SEP_FIELD = "\x1f"
SEP_RECORD = "\x1e"
SHOWN_CHANGES = 12  # older ones fold into a collapsed block


class HistoryError(Exception):
    """The repository cannot give a trustworthy history (e.g. a shallow clone)."""


@dataclass
class Change:
    date: str  # YYYY-MM-DD (UTC)
    summary: str
    commit: str  # full hash; "" for uncommitted work


@dataclass
class History:
    changes: list[Change]  # newest first
    first: str | None  # date of the first commit (publication), or None
    last: str | None  # date of the last change, or None when undated
    uncommitted: bool = False
    tracked: bool = True  # False outside a git repository


def _git(root: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            env={**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout if proc.returncode == 0 else None


def _day(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%d")


def build_epoch(root: Path) -> int | None:
    """``SOURCE_DATE_EPOCH`` if set, else the time of the last commit."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    head = _git(root, "log", "-1", "--format=%ct")
    return int(head) if head and head.strip().isdigit() else None


def is_shallow(root: Path) -> bool:
    return (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"


@dataclass
class WorkingState:
    """What the history of any file depends on, read once: the commit checked
    out, whether the clone is shallow, and the files ``git status`` lists
    (relative to the repository's top, with the project's folder there)."""

    head: str
    shallow: bool
    prefix: str  # the project's folder within the repository: "" or "a/b/"
    changed: list[str]

    def uncommitted(self, specs: list[str]) -> bool:
        """Whether any of ``specs`` (files or folders, relative to the
        project) has changes that are not committed."""
        full = [self.prefix + spec for spec in specs]
        return any(
            path == spec or path.startswith(spec + "/")
            for path in self.changed
            for spec in full
        )


def working_state(root: Path) -> WorkingState | None:
    """The :class:`WorkingState` of the repository ``root`` is in (two git
    calls), or None outside a repository."""
    found = _git(root, "rev-parse", "HEAD", "--is-shallow-repository", "--show-prefix")
    if found is None:
        return None
    lines = found.split("\n")
    if len(lines) < 3:
        return None
    status = _git(root, "status", "--porcelain", "-z", "--untracked-files=all", ".")
    if status is None:
        return None
    changed = []
    # "XY path" records; a rename or copy has its old path as the next field.
    for field_ in status.split("\0"):
        if len(field_) > 3 and field_[2] == " ":
            changed.append(field_[3:])
        if field_:
            changed.append(field_)  # an old path, or a second spelling: harmless
    return WorkingState(
        head=lines[0].strip(),
        shallow=lines[1].strip() == "true",
        prefix=lines[2].strip(),
        changed=changed,
    )


_LEADING_LABEL = re.compile(
    r"^(?:Answer\s+)?Q\d+(?:/Q\d+)*(?:\s+(?:pages?|text|snippets?|page))?:\s*"
)
_BRACKETED_LABEL = re.compile(r"\s*\(Q\d+(?:/Q\d+)*\)")
_LABEL = re.compile(r"\b(?:Q\d+(?:/Q\d+)*)\b")
_CLAIM = re.compile(r"\bC\d+\b")


def public(subject: str) -> str:
    """A commit subject as readers see it: without the question bank's ids.

    Contributors write "Q3: ..." or "half of C1" in commit subjects; the
    reader never saw that numbering, so the ids are dropped or replaced."""
    text = _LEADING_LABEL.sub("", subject)
    text = _BRACKETED_LABEL.sub("", text)
    text = _LABEL.sub("the answer", text)
    text = _CLAIM.sub("the claim", text)
    return text[:1].upper() + text[1:] if text else subject


def history(paths: list[Path], root: Path, epoch: int | None) -> History:
    """The changes to ``paths`` (files or folders), newest first."""
    specs = sorted({p.resolve().relative_to(root.resolve()).as_posix() for p in paths})
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if not inside or inside.strip() != "true":
        day = _day(epoch) if epoch is not None else None
        return History([], day, day, uncommitted=False, tracked=False)
    if is_shallow(root):
        raise HistoryError(
            "the repository is a shallow clone, so the dates of changes would be wrong — "
            "fetch the whole history (git fetch --unshallow; in GitHub Actions, "
            "actions/checkout with fetch-depth: 0)"
        )
    fmt = (
        SEP_FIELD.join(
            ["%H", "%ct", "%s", "%(trailers:key=Changelog,valueonly,separator=%x1d)"]
        )
        + SEP_RECORD
    )
    log = _git(root, "log", "--no-merges", f"--format={fmt}", "--", *specs) or ""
    changes: list[Change] = []
    dates: list[int] = []
    for record in log.split(SEP_RECORD):
        record = record.strip("\n")
        if not record:
            continue
        commit, stamp, subject, trailer = (record.split(SEP_FIELD) + [""] * 4)[:4]
        dates.append(int(stamp))
        note = trailer.split("\x1d")[0].strip()
        if note.lower() == "skip":
            continue
        changes.append(
            Change(_day(int(stamp)), public(note or subject.strip()), commit)
        )
    status = (
        _git(root, "status", "--porcelain", "--untracked-files=all", "--", *specs) or ""
    )
    uncommitted = bool(status.strip())
    first = _day(min(dates)) if dates else None
    last = _day(max(dates)) if dates else None
    if uncommitted and epoch is not None:
        changes.insert(
            0, Change(_day(epoch), "Changes not yet committed (a preview build).", "")
        )
        last = max(last or "", _day(epoch))
        first = first or _day(epoch)
    return History(changes, first, last, uncommitted=uncommitted)


# ---------------------------------------------------------------- citation


@dataclass
class Citation:
    key: str  # BibTeX key: whyrelu-<page>
    title: str
    authors: list[str]  # "Last, First" or an organisation
    site_name: str
    url: str  # absolute, from site_url
    question: str
    description: str
    history: History
    image: str | None = None  # absolute URL of the preview figure
    image_alt: str = ""
    image_type: str = ""
    language: str = "en"
    repo_url: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def last(self) -> dt.date | None:
        return dt.date.fromisoformat(self.history.last) if self.history.last else None

    def bibtex(self) -> str:
        last = self.last
        lines = [f"@misc{{{self.key},"]
        fields = [
            ("author", " and ".join(_bib_author(a) for a in self.authors)),
            ("title", "{" + _bib_escape(self.title) + "}"),
            (
                "howpublished",
                # The question bank's ids (Q1, ...) are internal: never printed.
                _bib_escape(f"{self.site_name} An executable FAQ"),
            ),
        ]
        if last:
            fields += [("year", str(last.year)), ("month", last.strftime("%b").lower())]
        fields += [("url", self.url)]
        if last:
            fields += [("note", f"Last changed {last.isoformat()}")]
        width = max(len(k) for k, _ in fields)
        for name, value in fields:
            bare = name == "month"
            lines.append(
                f"  {name.ljust(width)} = {value if bare else '{' + value + '}'},"
            )
        lines[-1] = lines[-1].rstrip(",")
        lines.append("}")
        return "\n".join(lines)

    def apa(self) -> str:
        """``Authors. (2026, November 27). Title? Site. URL`` as plain text."""
        last = self.last
        date = f"{last.year}, {last.strftime('%B')} {last.day}" if last else "n.d."
        authors = _apa_authors(self.authors)
        title = self.title if self.title[-1:] in ".?!" else self.title + "."
        site = self.site_name if self.site_name[-1:] in ".?!" else self.site_name + "."
        return f"{authors} ({date}). {title} {site} {self.url}"

    def apa_html(self) -> str:
        last = self.last
        date = f"{last.year}, {last.strftime('%B')} {last.day}" if last else "n.d."
        authors = html.escape(_apa_authors(self.authors))
        title = self.title if self.title[-1:] in ".?!" else self.title + "."
        site = self.site_name if self.site_name[-1:] in ".?!" else self.site_name + "."
        url = html.escape(self.url)
        return (
            f"{authors} ({date}). <em>{html.escape(title)}</em> {html.escape(site)} "
            f'<a href="{url}">{url}</a>'
        )

    def head_meta(self) -> str:
        """``<meta>`` tags for reference managers, Scholar and link previews."""
        tags: list[tuple[str, str, str]] = []  # (attribute, name, content)

        def add(attr: str, name: str, content: str | None) -> None:
            if content:
                tags.append((attr, name, content))

        first = self.history.first.replace("-", "/") if self.history.first else None
        last = self.history.last.replace("-", "/") if self.history.last else None
        add("name", "citation_title", self.title)
        for author in self.authors:
            add("name", "citation_author", _plain_author(author))
        add("name", "citation_publication_date", first)
        add("name", "citation_online_date", last)
        add("name", "citation_publisher", self.site_name)
        add("name", "citation_public_url", self.url)
        add("name", "citation_fulltext_html_url", self.url)
        add("name", "citation_language", self.language)
        add("name", "citation_abstract", self.description)
        add("property", "og:type", "article")
        add("property", "og:site_name", self.site_name)
        add("property", "og:title", self.title)
        add("property", "og:description", self.description)
        add("property", "og:url", self.url)
        add("property", "og:locale", {"en": "en_US"}.get(self.language, self.language))
        add("property", "og:image", self.image)
        add("property", "og:image:type", self.image_type if self.image else None)
        add("property", "og:image:alt", self.image_alt if self.image else None)
        add("property", "article:published_time", self.history.first)
        add("property", "article:modified_time", self.history.last)
        add("name", "twitter:card", "summary_large_image" if self.image else "summary")
        add("name", "twitter:title", self.title)
        add("name", "twitter:description", self.description)
        add("name", "twitter:image", self.image)
        add("name", "twitter:image:alt", self.image_alt if self.image else None)
        return "\n".join(
            f'<meta {attr}="{html.escape(name)}" content="{html.escape(content, quote=True)}">'
            for attr, name, content in tags
        )


def _bib_escape(text: str) -> str:
    return re.sub(r"([&%$#_])", r"\\\1", text)


def _bib_author(author: str) -> str:
    # An organisation is braced whole so BibTeX does not split it into names.
    return author if "," in author else "{" + _bib_escape(author) + "}"


def _plain_author(author: str) -> str:
    if "," in author:
        last, first = (s.strip() for s in author.split(",", 1))
        return f"{first} {last}"
    return author


def _apa_authors(authors: list[str]) -> str:
    names = []
    for author in authors:
        if "," in author:
            last, first = (s.strip() for s in author.split(",", 1))
            initials = " ".join(w[0] + "." for w in first.split())
            names.append(f"{last}, {initials}")
        else:
            names.append(author)
    if not names:
        return ""
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
    return text if text.endswith(".") else text + "."


# ---------------------------------------------------------------- page sections


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|$])", r"\\\1", text)


def _human_date(day: str) -> str:
    date = dt.date.fromisoformat(day)
    return f"{date.day} {date.strftime('%B')} {date.year}"


def updates_section(citation: Citation) -> str:
    """The "Updates and corrections" section, in Markdown."""
    h = citation.history
    lines = ["## Updates and corrections { #updates-and-corrections }", ""]
    if not h.tracked:
        lines += [
            "This copy of the site was built outside a git repository, so its list of "
            "changes is not available.",
            "",
        ]
        return "\n".join(lines)
    lines += [
        '<div class="wr-updates" markdown="block">',
        "",
        "Every change to this answer, its code or its figures, newest first, from the "
        "repository's history. Corrections are listed like any other change.",
        "",
    ]

    def item(change: Change) -> str:
        text = f"- **{change.date}**: {_md_escape(change.summary)}"
        if change.commit and citation.repo_url:
            text += f" ([`{change.commit[:7]}`]({citation.repo_url.rstrip('/')}/commit/{change.commit}))"
        return text

    shown, older = h.changes[:SHOWN_CHANGES], h.changes[SHOWN_CHANGES:]
    lines += [item(c) for c in shown] or ["- No change recorded yet."]
    lines.append("")
    if older:
        lines += [f'??? note "{len(older)} earlier changes"', ""]
        lines += ["    " + item(c) for c in older]
        lines.append("")
    lines += ["</div>", ""]
    return "\n".join(lines)


def cite_section(citation: Citation) -> str:
    """The "Cite this answer" section, in Markdown (tabs with copyable code)."""
    when = (
        f"Last changed on {_human_date(citation.history.last)}."
        if citation.history.last
        else "Not dated."
    )
    bibtex = "\n".join("    " + l for l in citation.bibtex().splitlines())
    apa = "    " + citation.apa()
    return "\n".join(
        [
            "## Cite this answer { #cite-this-answer }",
            "",
            '<div class="wr-cite-block" markdown="block">',
            "",
            f'<p class="wr-cite-ref">{citation.apa_html()}</p>',
            "",
            f"{when} The address above is permanent: headings keep their ids, and a "
            "moved page leaves a redirect behind.",
            "",
            '=== "APA"',
            "",
            "    ```text",
            apa,
            "    ```",
            "",
            '=== "BibTeX"',
            "",
            "    ```bibtex",
            bibtex,
            "    ```",
            "",
            "</div>",
            "",
        ]
    )
