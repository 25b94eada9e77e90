"""The Markdown pass: what the build does to each page before it is rendered.

Plain Python, no generator: ``site_src/plugin.py`` calls it from MkDocs
events, and ``python -m site_src render`` calls it over the ``docs/`` folder
to write the expanded Markdown tree another generator can build. In order,
on every page:

1. ``[[explorable ...]]``, ``[[snippet ...]]`` and ``[[value ...]]``
   (``explorables``, ``pages``), with the snippet engine's results;
2. ``[[answers]]`` and ``[[notebooks]]`` (``answers``), in navigation order;
3. ``[@key]``, ``[[bibliography]]``, ``[[references]]`` (``references``);
4. "Updates and corrections", "Cite this answer" and the head's meta tags
   (``cite``), on answers;
5. "Report a mistake" (``report``), on answers.

State lives on a :class:`MarkdownPass` object, one per build. Given a
``memo`` (the plugin's, kept across the rebuilds of one ``serve``), the pass
keeps each page's output under a hash of everything the page reads (its
text, its snippets' results, the bibliography and who cites what, the
answers list, its git history, the site's files), so that a rebuild redoes
only the pages an edit changed.
"""

from __future__ import annotations

import copy
import hashlib
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import yaml

from site_src.engine import runner
from site_src.engine.errors import SnippetError, SnippetErrors, rel
from site_src.markdown import answers, cite, explorables, pages, references, report

ASSETS = Path(__file__).resolve().parents[1] / "assets"
ASSETS_URI = "assets/whyrelu/"
# MkDocs' rule (mkdocs.utils.meta): a YAML block between two lines of dashes.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


def digest(*parts) -> str:
    """A hash of ``parts`` (strings, bytes or None), each told apart from the next."""
    found = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        found.update(b"%d:" % len(data) + data)
    return found.hexdigest()


def _just(key: str, make: Callable):
    """A memo that keeps nothing (a one-off build)."""
    return make()


class PassError(Exception):
    """A page or setting the pass cannot build; the message says what to do."""


def relative_url(url: str, other: str) -> str:
    """``url`` (a site path) as seen from the page at ``other`` (its URL).

    The same rule as MkDocs' ``get_relative_url``: a trailing slash is kept,
    and ``other`` names a folder unless its last part has a dot.
    """
    if other != ".":
        head, tail = posixpath.split(other)
        other = head if "." in tail else other
    found = posixpath.relpath("/" + url, "/" + other)
    return found + "/" if url.endswith("/") else found


def page_url(src_uri: str) -> str:
    """The address of a Markdown page, with directory URLs (MkDocs' default)."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@dataclass
class Site:
    """What the pass needs to know of the site (from mkdocs.yml)."""

    project: Path
    docs: Path
    site_url: str = ""
    site_name: str = ""
    site_author: str = ""
    site_description: str = ""
    repo_url: str = ""
    language: str = "en"


@dataclass
class Page:
    """One page, as the pass sees it. ``meta`` is the page's front matter,
    updated in place (``whyrelu_head``, ``whyrelu_citation``)."""

    src_uri: str
    path: Path
    url: str
    meta: dict
    title: str = ""
    edit_url: str | None = None
    canonical_url: str | None = None


@dataclass
class MarkdownPass:
    """The Markdown pass of one build (``run_snippets`` first, then
    ``read_pages``, ``set_order`` and ``page`` for each page)."""

    site: Site
    execute: bool = True
    cache: Path | None = None
    workers: int | None = None
    machine: str | None = None
    log: Callable[[str], None] = print
    results: dict | None = None
    placement: pages.Placement = field(default_factory=pages.Placement)
    bib: references.Bibliography | None = None
    nav_order: list[str] = field(default_factory=list)
    question_order: dict[str, int] = field(default_factory=dict)
    epoch: int | None = None
    # Parsed snippet files, kept by the plugin across `serve` rebuilds.
    parsed: dict | None = None
    # The snippet fork server kept across `serve` rebuilds (None: one per run).
    forkserver: runner.KeptForkServer | None = None
    # memo(key, make): make()'s value, kept under key across the rebuilds of
    # one `serve` (site_src/plugin.py, Memo); None keeps nothing.
    memo: Callable | None = None
    bib_key: str = ""  # a hash of the bibliography, its numbering, who cites what
    git: cite.WorkingState | None = None  # read once per build, when needed
    git_read: bool = False

    @property
    def snippets(self) -> Path:
        return self.site.project / "snippets"

    # ------------------------------------------------------------ snippets

    def run_snippets(self) -> None:
        """Run every stale snippet (the engine caches the others)."""
        self.epoch = cite.build_epoch(self.site.project)
        cache = self.cache or self.site.project / ".cache" / "snippets"
        if not self.execute:
            self.log("snippets: execution switched off (WHYRELU_EXECUTE=0)")
            self.results = None
            return
        machine_env, native = None, cache
        if self.machine:
            from site_src.engine import machines

            if self.machine not in machines.MACHINES:
                raise PassError(
                    f"machine {self.machine}: no such emulated machine; "
                    f"use one of {', '.join(machines.MACHINES)}"
                )
            machine_env = machines.MACHINES[self.machine]
            cache = machines.cache_for(self.machine)
            self.log(f"snippets: built as {machines.describe(self.machine)}")
        self.cache = cache
        self.results, stats = runner.run_all(
            root=self.snippets,
            cache=cache,
            workers=self.workers,
            log=self.log,
            machine_env=machine_env,
            parsed=self.parsed,
            # a timing measures this computer: never emulated (machines.py)
            measured_cache=native,
            server=self.forkserver,
        )
        stats.save(cache / "last-run.json")

    def static_files(self) -> list[tuple[str, Path]]:
        """(site path, file) of the stylesheets, scripts and figures."""
        found = [
            (ASSETS_URI + asset.relative_to(ASSETS).as_posix(), asset)
            for asset in sorted(ASSETS.rglob("*"))
            if asset.is_file()
        ]
        for result in (self.results or {}).values():
            for figure in result.figures:
                names = (
                    figure["files"] if figure["kind"] == "frames" else [figure["file"]]
                )
                names += [figure["preview"]] if "preview" in figure else []
                for name in names:
                    found.append(
                        (pages.figure_uri(result.name, name), result.dir / name)
                    )
        return found

    def unused_snippets(self) -> None:
        """Every snippet must be placed on a page: an unused one is dead code."""
        root = self.snippets
        unused = [
            SnippetError(
                path,
                None,
                "no page places this snippet",
                f"add `[[snippet {runner.snippet_name(path, root)}]]` to a page in "
                f"docs/, or delete {rel(path)}",
            )
            for path in runner.discover(root)
            if runner.snippet_name(path, root) not in self.placement.used
        ]
        if unused:
            raise SnippetErrors(unused)

    # ------------------------------------------------------------ every page

    def read_pages(self, written: Iterable[tuple[str, Path, str, dict]]) -> None:
        """Read every page once, as written ((src_uri, file, Markdown without
        front matter, front matter)): who cites what, the reading list's
        numbering, and every citation checked with the line of its file."""
        docs = self.site.docs
        bib_path = docs / references.BIB_NAME
        self.bib = None
        if not bib_path.exists():
            return
        remember = self.memo or _just
        bib_text = bib_path.read_text(encoding="utf-8")
        # Entries are only read once parsed; numbers and cited_in are per build.
        bib = references.Bibliography(
            remember(
                digest("bibtex", bib_text, bib_path),
                lambda: references.parse_bibtex(bib_text, bib_path),
            ),
            bib_path,
        )
        reading = docs / references.READING_LIST
        reading_text = reading.read_text(encoding="utf-8") if reading.exists() else ""
        references.number_entries(bib, reading_text, reading)
        checks = []
        for uri, path, markdown, meta in sorted(written, key=lambda w: w[0]):
            # The reader sees the answer's title; its question id (Q1, ...)
            # is internal and only orders the list.
            label = str(meta.get("title") or uri)
            self.question_order[uri] = _question_number(meta.get("question"))
            cites = remember(
                digest("citations", markdown),
                lambda markdown=markdown: references.citations(markdown),
            )
            for _, key in cites:
                cited = bib.cited_in.setdefault(key, [])
                if (uri, label) not in cited:
                    cited.append((uri, label))
            first = 1 + pages.front_matter_lines(path, markdown)
            checks.append((markdown, path, uri, first))
        for cited in bib.cited_in.values():
            cited.sort(key=self._cited_order)  # Q1, Q2, ... Q10, then other pages
        self.bib_key = digest(
            "bib", bib_text, bib_path, reading_text, repr(sorted(bib.cited_in.items()))
        )
        errors: list[SnippetError] = []
        for markdown, path, uri, first in checks:
            try:  # a page that failed is checked again: only passes are kept
                remember(
                    digest("checked", markdown, path, uri, first, self.bib_key),
                    lambda a=(markdown, path, uri, bib, first): bool(
                        references.expand(*a)
                    ),
                )
            except SnippetErrors as exc:
                errors += exc.errors
            except SnippetError as exc:
                errors.append(exc)
        if errors:
            raise SnippetErrors(errors)
        self.bib = bib

    def _cited_order(self, item: tuple[str, str]) -> tuple[int, str]:
        return (self.question_order.get(item[0], 10**6), item[0])

    def set_order(self, nav_order: list[str]) -> None:
        """The pages' order in the navigation (``[[answers]]`` follows it)."""
        self.nav_order[:] = nav_order

    # ------------------------------------------------------------ one page

    def page(self, markdown: str, page: Page, site_files: set[str]) -> str:
        """The page's Markdown with everything placed. ``site_files``: the
        site paths the build publishes (for the link-preview figure)."""
        key = self._page_key(markdown, page, site_files) if self.memo else None
        if key is None:
            return self._page(markdown, page, site_files)
        made: list[bool] = []

        def make():
            made.append(True)
            used = {name: len(where) for name, where in self.placement.used.items()}
            meta = dict(page.meta)
            logged: list[str] = []
            log = self.log
            self.log = lambda text: (logged.append(text), log(text))[1]
            try:
                out = self._page(markdown, page, site_files)
            finally:
                self.log = log
            placed = {
                name: where[used.get(name, 0) :]
                for name, where in self.placement.used.items()
                if len(where) > used.get(name, 0)
            }
            added = {
                k: copy.deepcopy(v)
                for k, v in page.meta.items()
                if k not in meta or meta[k] is not v
            }
            return out, placed, added, logged

        out, placed, added, logged = self.memo(key, make)
        if not made:  # kept: what making it did besides its output, again
            for name, where in placed.items():
                self.placement.used.setdefault(name, []).extend(where)
            page.meta.update(copy.deepcopy(added))
            for text in logged:
                self.log(text)
        return out

    def _page_key(self, markdown: str, page: Page, site_files: set[str]) -> str | None:
        """A hash of everything :meth:`_page` reads, or None (no key: execution
        off, or the page's file unreadable)."""
        if self.results is None:
            return None
        try:
            source = page.path.read_text(encoding="utf-8")
        except OSError:
            return None
        # Its snippets (placed, values, explorables, ``preview:``), by result:
        # a result's key hashes the snippet, its imports and its data.
        meta = repr(page.meta)
        names = [n for n in self.results if n in markdown or n in meta]
        parts = [f"{n} {self.results[n].key} {self.results[n].dir}" for n in names]
        if "[[explorable" in markdown:
            parts += sorted(p.name for p in explorables.MODULES.glob("*"))
        if "[[answers]]" in markdown or "[[notebooks]]" in markdown:
            for src in self.nav_order:  # every answer's front matter
                parts += [src, _read(self.site.docs / src)]
        if page.meta.get("question"):
            parts.append(self._history_key(self._history_paths(page, source)))
        return digest(
            "page", markdown, source, repr(self.site), self.execute, self.machine,
            page.src_uri, page.path, page.url, meta, page.title, page.edit_url,
            page.canonical_url, self.bib_key if self.bib is not None else None,
            self.epoch,
            repr(self.nav_order), *sorted(site_files), "", *parts,
        )  # fmt: skip

    def _page(self, markdown: str, page: Page, site_files: set[str]) -> str:
        markdown = self.snippets_and_values(markdown, page)
        page_dir = str(Path(page.src_uri).parent)
        markdown = answers.expand(
            markdown,
            self.site.docs,
            self.nav_order,
            "" if page_dir == "." else page_dir,
        )
        if self.bib is not None:
            first = 1 + pages.front_matter_lines(page.path, markdown)
            markdown = references.expand(
                markdown, page.path, page.src_uri, self.bib, first
            )
        markdown = self.citation(markdown, page, site_files)
        return self.report_link(markdown, page)

    def snippets_and_values(self, markdown: str, page: Page) -> str:
        def url_for(uri: str) -> str:
            return relative_url(uri, page.url)

        first_line = 1 + pages.front_matter_lines(page.path, markdown)
        # [[explorable ...]] first: it becomes a [[snippet ...]] line (same
        # line numbers) plus the explorable's data at the end of the page.
        markdown = explorables.expand(
            markdown,
            page.path,
            self.results,
            url_for,
            self.snippets,
            first_line=first_line,
        )
        return pages.expand(
            markdown,
            page.path,
            self.results,
            url_for,
            self.placement,
            self.snippets,
            first_line=first_line,
        )

    def citation(self, markdown: str, page: Page, site_files: set[str]) -> str:
        """On an answer: its history, how to cite it, and its head's meta tags."""
        if not page.meta.get("question"):
            return markdown
        source = split_front_matter(page.path.read_text(encoding="utf-8"))[0]
        names = placed_snippets(source)
        paths = self._history_paths(page, page.path.read_text(encoding="utf-8"))
        try:
            history = self._history(paths)
        except cite.HistoryError as exc:
            raise PassError(f"docs/{page.src_uri}: {exc}") from None
        site = self.site
        url = page.canonical_url or urljoin(site.site_url, page.url)
        authors = page.meta.get("authors") or [site.site_author or site.site_name]
        if isinstance(authors, str):
            authors = [authors]
        slug = re.sub(r"[^a-z0-9]", "", site.site_name.lower()) or "site"
        key = Path(page.src_uri).with_suffix("").as_posix().replace("/", "-")
        citation = cite.Citation(
            key=f"{slug}-{key}",
            title=str(page.meta.get("title") or page.title or ""),
            authors=[str(a) for a in authors],
            site_name=site.site_name,
            url=url,
            question=str(page.meta.get("question") or ""),
            description=str(
                page.meta.get("description") or site.site_description or ""
            ),
            history=history,
            language=site.language or "en",
            repo_url=site.repo_url or "",
        )
        preview = self.preview(names, page, site_files)
        if preview:
            uri, citation.image_alt, citation.image_type = preview
            citation.image = urljoin(site.site_url, uri)
        page.meta["whyrelu_head"] = citation.head_meta()
        page.meta["whyrelu_citation"] = {
            "bibtex": citation.bibtex(),
            "apa": citation.apa(),
            "url": url,
        }
        return (
            markdown.rstrip()
            + "\n\n"
            + cite.updates_section(citation)
            + "\n"
            + cite.cite_section(citation)
        )

    def _history_paths(self, page: Page, text: str) -> list[Path]:
        """The files whose git history is the answer's: the page, its
        snippets' folder, the snippets it places, the bibliography if it
        shows one. ``text``: the page's file."""
        project = self.site.project
        source = split_front_matter(text)[0]
        paths = [page.path]
        answer_dir = (
            project / "snippets" / Path(page.src_uri).with_suffix("").as_posix()
        )
        if answer_dir.is_dir():
            paths.append(answer_dir)
        paths += [
            p
            for n in placed_snippets(source)
            if (p := project / "snippets" / f"{n}.py").exists()
        ]
        if "[[bibliography" in source:
            paths.append(self.site.docs / "references.bib")
        return paths

    def _history_key(self, paths: list[Path]) -> str | None:
        """A hash of what ``git log`` and ``git status`` say of ``paths``: the
        commit checked out, and whether any of them has uncommitted changes
        (one ``git status`` of the whole project per build)."""
        if not self.git_read:  # outside a repository too: once
            self.git, self.git_read = cite.working_state(self.site.project), True
        if self.git is None:
            return None
        project = self.site.project.resolve()
        specs = sorted({p.resolve().relative_to(project).as_posix() for p in paths})
        return digest(
            "history", self.git.head, self.git.shallow, self.epoch,
            self.git.uncommitted(specs), *specs,
        )  # fmt: skip

    def _history(self, paths: list[Path]) -> cite.History:
        make = lambda: cite.history(paths, self.site.project, self.epoch)  # noqa: E731
        key = self._history_key(paths) if self.memo else None
        return make() if key is None else self.memo(key, make)

    def preview(self, names: list[str], page: Page, site_files: set[str]):
        """(site path, alt, mime type) of the page's preview figure, or None.

        Link previews (Open Graph, Twitter cards) need a raster image: a PNG
        is preferred, the last frame of an animation (its finished state) or
        a PNG rendering of a figure if the runner publishes one; else the
        first SVG. ``preview: <answer>/<claim>`` in the front matter picks
        the snippet.
        """
        preview = page.meta.get("preview")
        if preview:
            names = [str(preview)]
        rasters, vectors = [], []
        for name in names:
            svg = pages.figure_uri(name, "fig-1.svg")
            if svg[:-4] + ".png" in site_files:
                rasters.append((svg[:-4] + ".png", name))
            frames = sorted(
                uri
                for uri in site_files
                if uri.startswith(f"figures/{name}/") and uri.endswith(".png")
            )
            if frames:
                rasters.append((frames[-1], name))
            if svg in site_files:
                vectors.append((svg, name))
        for uri, name in rasters[:1] or vectors[:1]:
            mime = "image/png" if uri.endswith(".png") else "image/svg+xml"
            return uri, _alt(self.snippets / f"{name}.py"), mime
        if preview:
            raise PassError(
                f"docs/{page.src_uri}: preview: {preview} has no figure — "
                "name a placed snippet that draws one (snippets/<answer>/<claim>)"
            )
        return None

    def report_link(self, markdown: str, page: Page) -> str:
        if not report.is_answer(page.meta):
            return markdown
        address = (self.site.site_url or "/") + page.url
        title = page.meta.get("title") or page.title or page.src_uri
        issue = report.issue_url(self.site.repo_url, title, address)
        if issue is None:
            self.log(
                "report: repo_url is not a GitHub repository; no 'Report a mistake' link"
            )
            return markdown
        return markdown.rstrip("\n") + report.footer(issue, page.edit_url)


def split_front_matter(text: str) -> tuple[str, dict]:
    """(Markdown, front matter) of a page's text, as MkDocs splits it."""
    match = FRONT_MATTER.match(text)
    if not match:
        return text, {}
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return text, {}
    if not isinstance(meta, dict):
        return text, {}
    return text[match.end() :].lstrip("\n"), meta


def placed_snippets(source: str) -> list[str]:
    """Names of the snippets a page places, in order (outside code)."""
    names = []
    for _, line, in_code in references.code_free_lines(source):
        if not in_code and (match := pages.SNIPPET_LINE.match(line)):
            names.append(match.group("name"))
    return names


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _alt(path: Path) -> str:
    try:
        from site_src.engine.meta import parse_source

        meta, _ = parse_source(path, path.read_text(encoding="utf-8"))
        return meta.alt_for("")
    except Exception:  # the snippet pass reports broken snippets itself
        return ""


def _question_number(question) -> int:
    match = re.fullmatch(r"Q(\d+)", str(question or ""))
    return int(match.group(1)) if match else 10**6
