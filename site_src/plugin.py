"""The ``whyrelu`` plugin for MkDocs and ProperDocs: the build machinery.

Registered by ``pyproject.toml`` (entry points ``mkdocs.plugins`` and
``properdocs.plugins``) and listed last under ``plugins:`` in mkdocs.yml::

    plugins:
      - whyrelu:
          execute: true            # run the snippets (false: code only)
          cache: .cache/snippets   # results, by content (relative to mkdocs.yml)
          workers: null            # snippets run at once (null: one per core)
          machine: null            # build as an emulated other machine

Environment variables override the file, for one command:
``WHYRELU_EXECUTE=0``, ``WHYRELU_CACHE=DIR``, ``WHYRELU_WORKERS=N``,
``WHYRELU_MACHINE=NAME``.

Every event handler is a thin adapter: it turns MkDocs' objects into plain
values and calls the passes, which know nothing of MkDocs —
``site_src.markdown.render`` (the Markdown pass), ``site_src.html.postprocess``
(the HTML pass), ``site_src.outputs`` (notebooks, print page). The same passes
run without MkDocs from ``python -m site_src render`` and ``postprocess``.
State lives on the plugin instance. Having ``on_startup``, the instance is
kept across the rebuilds of one ``serve`` (MkDocs' rule), and so is its
:class:`Memo`: the outputs of the costly steps (each page's Markdown pass,
Markdown to HTML, notebooks, maths and glossary links, search entries,
valid HTML, the print page, compiled theme templates), each kept under a
hash of everything it is made from, so that a rebuild redoes only what an
edit changed. A one-off ``build`` starts with an empty memo. ``serve`` also
keeps one snippet fork server (``runner.KeptForkServer``), renders a changed
notebook's page in a helper process beside the rest of the rebuild
(``site_src.outputs.notebook_render``), and looks for saved files more often
than ProperDocs does (``on_serve``).
"""

from __future__ import annotations

import copy
import logging
import os
import re
from pathlib import Path

import pathspec
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure import pages as _pages
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from site_src.engine import runner
from site_src.engine.errors import SnippetError, SnippetErrors
from site_src.engine.style import STYLE
from site_src.html import linkhints
from site_src.html.bytecode import TemplateBytecode
from site_src.html.postprocess import GLOSSARY, HtmlPass, HtmlPassError
from site_src.markdown.render import MarkdownPass, Page, PassError, Site, digest
from site_src.outputs import notebook_pages
from site_src.outputs import print as printing
from site_src.outputs.notebook_pages import FOLDER, NotebookPageError
from site_src.outputs.notebook_render import NotebookRenders

log = logging.getLogger("mkdocs.plugins.whyrelu")

# How often `serve` looks for saved files (see WhyReluPlugin.on_serve).
WATCH_S = 0.1

PRINT_INTRO = (
    '<p class="wr-print-intro">Every answer of this site, with its figures and sources, '
    "on one page. To make a PDF, use your browser's <em>Print</em> command and choose "
    "<em>Save as PDF</em>; navigation, search and buttons are left off the paper.</p>"
)


class WhyReluConfig(base.Config):
    execute = c.Type(bool, default=True)
    cache = c.Type(str, default=".cache/snippets")
    workers = c.Optional(c.Type(int))
    machine = c.Optional(c.Type(str))


def settings(config: WhyReluConfig, environ=os.environ) -> dict:
    """The plugin's settings, environment variables over mkdocs.yml."""
    execute = config.execute
    if "WHYRELU_EXECUTE" in environ:
        execute = environ["WHYRELU_EXECUTE"] != "0"
    workers = config.workers
    if environ.get("WHYRELU_WORKERS"):
        try:
            workers = int(environ["WHYRELU_WORKERS"])
        except ValueError:
            raise PluginError(
                f"WHYRELU_WORKERS={environ['WHYRELU_WORKERS']}: not a whole number"
            ) from None
    if workers is not None and workers < 1:
        raise PluginError(f"whyrelu: workers: {workers} — give 1 or more, or null")
    return {
        "execute": execute,
        # WHYRELU_CACHE lets the benchmark measure a cold build without
        # touching a contributor's cache.
        "cache": environ.get("WHYRELU_CACHE") or config.cache,
        "workers": workers,
        # WHYRELU_MACHINE builds the site as an emulated other machine would
        # (site_src/engine/machines.py): the second-machine check compares
        # its pages.
        "machine": environ.get("WHYRELU_MACHINE") or config.machine,
    }


class _LinkHints(logging.Filter):
    """MkDocs' link and anchor warnings, with their line and what to do."""

    def __init__(self, docs: Path, shown_as: str) -> None:
        super().__init__()
        self.docs, self.shown_as = docs, shown_as

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.INFO:
            text = linkhints.rewrite(record.getMessage(), self.docs, self.shown_as)
            if text:
                record.msg, record.args = text, ()
        return True


def _page(page) -> Page:
    file = page.file
    return Page(
        src_uri=file.src_uri,
        path=Path(file.abs_src_path) if file.abs_src_path else Path(file.src_uri),
        url=page.url,
        meta=page.meta,
        title=page.title or "",
        edit_url=page.edit_url,
        canonical_url=page.canonical_url,
    )


class Memo:
    """Outputs of pure steps under a hash of all their inputs, kept across the
    rebuilds of one ``serve``. An entry no build used is dropped at the end
    of the next one (``sweep``), so the memo holds about one site."""

    def __init__(self) -> None:
        self.entries: dict[str, object] = {}
        self.used: set[str] = set()
        self.hits = self.misses = 0
        self.last = (0, 0)  # (reused, redone) in the last build

    def get(self, key: str, make):
        self.used.add(key)
        if key in self.entries:
            self.hits += 1
            return self.entries[key]
        self.misses += 1
        value = self.entries[key] = make()
        return value

    def sweep(self) -> None:
        for key in self.entries.keys() - self.used:
            del self.entries[key]
        self.used = set()
        self.last = (self.hits, self.misses)
        self.hits = self.misses = 0


class WhyReluPlugin(BasePlugin[WhyReluConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.markdown: MarkdownPass | None = None
        self.html = HtmlPass()
        self.notebooks: dict[str, dict] = {}  # answer page -> its notebook
        self.project = Path.cwd()
        self.memo = Memo()
        self.serving = False
        # The theme's templates, compiled once per serve, not once per rebuild.
        self.bytecode = TemplateBytecode()
        self.glossary_key = ""
        self.parsed: dict = {}  # the runner's parsed snippets (runner.load)
        self.config_key = self.files_key = ""
        self.forkserver: runner.KeptForkServer | None = None
        self.notebook_renders: NotebookRenders | None = None

    def on_startup(self, *, command, dirty):
        # Its presence keeps this instance across `serve` rebuilds.
        self.serving = command == "serve"
        if self.serving and self.forkserver is None:
            self.forkserver = runner.KeptForkServer()
        if self.serving and self.notebook_renders is None:
            self.notebook_renders = NotebookRenders()

    def on_serve(self, server, config, builder):
        """Look for saved files every WATCH_S seconds instead of ProperDocs'
        0.5 s: half the interval, on average, is added to every preview. It
        has no setting for this; its watcher is watchdog's polling observer,
        whose interval is the observer's and each folder's ``timeout``. One
        look at docs/, snippets/ and site_src/ takes a few milliseconds."""
        observer = getattr(server, "observer", None)
        if hasattr(observer, "_timeout") and hasattr(observer, "emitters"):
            observer._timeout = WATCH_S
            for emitter in observer.emitters:
                if hasattr(emitter, "_timeout"):
                    emitter._timeout = WATCH_S
        if self.notebook_renders is not None:
            self.notebook_renders.warm()
        return server

    def on_shutdown(self):
        if self.forkserver is not None:
            self.forkserver.stop()
            self.forkserver = None
        if self.notebook_renders is not None:
            self.notebook_renders.stop()
            self.notebook_renders = None

    # ------------------------------------------------------------ set-up

    def on_config(self, config):
        if not config.site_url:
            raise PluginError(
                "mkdocs.yml: site_url is not set — citations and link previews need "
                "the site's permanent address; set site_url to where the site is published"
            )
        self.project = Path(config.config_file_path).resolve().parent
        self.config_key = digest(
            Path(config.config_file_path).read_bytes(), config.use_directory_urls
        )
        chosen = settings(self.config)
        cache = Path(chosen["cache"])
        self.markdown = MarkdownPass(
            Site(
                project=self.project,
                docs=Path(config.docs_dir),
                site_url=config.site_url or "",
                site_name=config.site_name or "",
                site_author=config.site_author or "",
                site_description=config.site_description or "",
                repo_url=config.repo_url or "",
                language=config.theme.get("language") or "en",
            ),
            execute=chosen["execute"],
            cache=cache if cache.is_absolute() else self.project / cache,
            workers=chosen["workers"],
            machine=chosen["machine"],
            log=log.info,
            parsed=self.parsed,
            forkserver=self.forkserver,
            memo=self.memo.get,
        )
        # Link warnings name the page's line. `serve` makes a new plugin for
        # every rebuild: the previous one's filter goes.
        docs = Path(config.docs_dir).resolve()
        logger = logging.getLogger(_pages.log.name)
        for old in [f for f in logger.filters if isinstance(f, _LinkHints)]:
            logger.removeFilter(old)
        logger.addFilter(
            _LinkHints(docs, os.path.relpath(docs, self.project).replace(os.sep, "/"))
        )
        # Notebook pages are linked from their answers, not listed in the nav.
        # (mkdocs-jupyter wraps each notebook's File in its own class, which
        # drops a File's own inclusion level; ``not_in_nav`` survives it.)
        spec = pathspec.gitignore.GitIgnoreSpec.from_lines([f"/{FOLDER}/*.ipynb"])
        current = config.get("not_in_nav")
        config["not_in_nav"] = current + spec if current else spec
        return config

    def on_pre_build(self, config):
        self._memoise_search(config)
        try:
            self.markdown.run_snippets()
        except (SnippetErrors, SnippetError, PassError) as exc:
            raise PluginError(str(exc)) from None

    def _memoise_search(self, config) -> None:
        """The search plugin parses every page's HTML into sections and strips
        its ``data-search-*`` attributes on every build (a quarter of a
        rebuild). What it adds to the index and leaves in the page depends on
        the page's content, table of contents, address, title, front matter's
        ``search``/``tags`` and the plugin's settings: kept under a hash of
        those."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        original = getattr(search, "on_page_context", None)
        events = config.plugins.events.get("page_context", [])
        if (
            not isinstance(getattr(index, "entries", None), list)
            or original not in events
        ):
            return
        memo, settings_key = self.memo, repr(sorted(dict(search.config).items()))

        def on_page_context(context, *, page, config, nav):
            meta = page.meta
            key = digest(
                "search", settings_key, page.content, page.url, page.title,
                repr([meta.get(k) for k in ("title", "search", "tags")]),
                repr(_toc(page.toc)),
            )  # fmt: skip

            def make():
                start = len(index.entries)
                original(context, page=page, config=config, nav=nav)
                return copy.deepcopy(index.entries[start:]), page.content

            hit = key in memo.entries
            entries, content = memo.get(key, make)
            if hit:
                index.entries += copy.deepcopy(entries)
                page.content = content

        events[events.index(original)] = on_page_context
        origins = getattr(config.plugins, "_event_origins", None)
        if isinstance(origins, dict) and original in origins:
            origins[on_page_context] = origins[original]

    # ------------------------------------------------------------ files

    # Before mkdocs-jupyter's on_files, which turns .ipynb files into pages.
    @event_priority(50)
    def _notebook_files(self, files, config):
        cache = self.project / ".cache"
        out = cache / FOLDER
        out.mkdir(parents=True, exist_ok=True)
        self.notebooks = {}
        if self.notebook_renders is not None:
            self.notebook_renders.forget()
        for file in list(files.documentation_pages()):
            if not file.src_uri.endswith(".md") or not file.abs_src_path:
                continue
            source = Path(file.abs_src_path)
            if not notebook_pages.notebooks.answer_front_matter(source).get("question"):
                continue
            answer = Path(file.src_uri).with_suffix("").as_posix()
            entry = self._notebook(source, answer, config.site_url or "", file, out)
            if entry is None:
                continue
            uri = entry["notebook_uri"]
            if files.get_file_from_path(uri) is not None:
                raise PluginError(
                    f"docs/{uri} exists, but notebooks are made by the build: remove it"
                )
            # A File rooted in .cache/ (not File.generated): mkdocs-jupyter's
            # wrapper finds the source through src_dir, which a generated File lacks.
            notebook = File(
                uri,
                src_dir=str(cache),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
            files.append(notebook)
            self.notebooks[file.src_uri] = entry
            jupyter = self._jupyter(config, notebook)
            if jupyter is not None:
                self.notebook_renders.start(notebook.abs_src_path, jupyter)
        return files

    def _jupyter(self, config, file) -> dict | None:
        """mkdocs-jupyter's settings, while serving, for a notebook it renders."""
        plugin = config.plugins.get("mkdocs-jupyter")
        if (
            self.notebook_renders is None
            or plugin is None
            or not plugin.should_include(file)
        ):
            return None
        return dict(plugin.config)

    def on_pre_page(self, page, config, files):
        # A notebook page whose render the helper began (see on_files): its
        # cache entry is ready when mkdocs-jupyter looks for it.
        if self.notebook_renders is None or not self.notebook_renders.pending:
            return page  # (every page but a changed notebook's, while serving)
        jupyter = self._jupyter(config, page.file)
        if jupyter is not None:
            self.notebook_renders.wait(page.file.abs_src_path, jupyter)
        return page

    def _notebook(self, source: Path, answer: str, site_url: str, file, out: Path):
        """Write the answer's notebook, unless the same page and the same
        snippet results made the file there already (then only its links)."""
        snippets = self.project / "snippets"
        make = lambda: notebook_pages.write_notebook(  # noqa: E731
            source, answer, site_url + file.url, snippets, self.markdown.results,
            out, STYLE,
        )  # fmt: skip
        results = self.markdown.results
        text = source.read_text(encoding="utf-8")
        names = notebook_pages.notebooks.placed_snippets(text)
        if results is None or not all(n in results for n in names):
            return make()  # execution off, or a snippet the pass will report
        # A result's key hashes its snippet, the modules it imports and the
        # data it reads: all the notebook holds besides the page and style.
        key = digest(
            "notebook", text, answer, site_url + file.url, out, repr(STYLE),
            *(f"{n} {results[n].key} {results[n].dir}" for n in names),
        )  # fmt: skip
        target = out / f"{answer}.ipynb"

        def write():
            entry = make()
            return entry, _stat(target)

        made = self.memo.get(key, write)
        if made[1] != _stat(target):  # the file was changed or removed since
            made = self.memo.entries[key] = write()
        return made[0]

    def _site_files(self, files, config):
        # Stylesheets, scripts and the snippets' figures.
        for uri, path in self.markdown.static_files():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        # Every page as written: citations checked with their file's line.
        written = []
        for file in files.documentation_pages():
            markdown, meta = get_data(file.content_string)
            path = Path(file.abs_src_path or file.src_uri)
            written.append((file.src_uri, path, markdown, meta))
        try:
            self.markdown.read_pages(written)
        except (SnippetError, SnippetErrors) as exc:
            raise PluginError(str(exc)) from None
        glossary = files.get_file_from_path(GLOSSARY)
        self.glossary_key = digest(
            glossary.content_string if glossary else None,
            glossary.url if glossary else "",
        )
        try:
            self.html.read_glossary(
                glossary.content_string if glossary else None,
                Path(config.docs_dir) / GLOSSARY,
                glossary.url if glossary else "",
            )
        except HtmlPassError as exc:
            raise PluginError(str(exc)) from None
        # The print page: made by the build, never by hand.
        if files.get_file_from_path(printing.PRINT_URI) is not None:
            raise PluginError(
                f"docs/{printing.PRINT_URI} exists, but the print page is made by "
                "the build: remove it"
            )
        files.append(
            File.generated(
                config,
                printing.PRINT_URI,
                content=printing.PAGE_MARKDOWN,
                inclusion=InclusionLevel.NOT_IN_NAV,
            )
        )
        return files

    on_files = CombinedEvent(_notebook_files, _site_files)

    def on_nav(self, nav, config, files):
        self.markdown.set_order([page.file.src_uri for page in nav.pages])
        # What a page's links resolve against: every file and its address.
        self.files_key = digest(*sorted(f"{f.src_uri} {f.url}" for f in files))
        return nav

    # ------------------------------------------------------------ pages

    def on_page_markdown(self, markdown, page, config, files):
        if page.file.src_uri.endswith(".md"):
            self._memoise_render(page)
        try:
            return self.markdown.page(markdown, _page(page), {f.src_uri for f in files})
        except (SnippetError, SnippetErrors, PassError) as exc:
            raise PluginError(str(exc)) from None

    def _memoise_render(self, page) -> None:
        """Markdown to HTML (a third of a rebuild, syntax highlighting most of
        it), kept under a hash of what it reads: the final Markdown, the
        page's address, mkdocs.yml, every file's address (links) and the
        files it includes (``--8<--``). The link warnings it logged are
        logged again when it is reused."""
        original, memo = page.render, self.memo

        def render(config, files):
            key = self._render_key(page)
            if key is None:
                return original(config, files)

            def make():
                records = _Records()
                logger = logging.getLogger(_pages.log.name)
                logger.addHandler(records)
                try:
                    original(config, files)
                finally:
                    logger.removeHandler(records)
                links = page.links_to_anchors or {}
                return (
                    page.content,
                    copy.deepcopy(page.toc),
                    page._title_from_render,
                    set(page.present_anchor_ids or ()),
                    {f.src_uri: dict(v) for f, v in links.items()},
                    records.records,
                )

            hit = key in memo.entries
            content, toc, title, anchors, links, records = memo.get(key, make)
            if not hit:
                return
            for record in records:  # past this logger's own filter already
                logging.getLogger(_pages.log.name).parent.handle(record)
            page.content = content
            page.toc = copy.deepcopy(toc)
            page._title_from_render = title
            page.present_anchor_ids = set(anchors)
            page.links_to_anchors = {
                files.get_file_from_path(uri): dict(v) for uri, v in links.items()
            }

        page.render = render

    def _render_key(self, page) -> str | None:
        markdown = page.markdown or ""
        included = _INCLUDE.findall(markdown)
        if markdown.count("--8<--") != len(included):
            return None  # a form of include this key does not follow
        parts = []
        for name in included:
            path = Path(name.rsplit(":", 1)[0] if ":" in name else name)
            try:
                parts.append(path.read_bytes())
            except OSError:
                parts.append(None)
        return digest(
            "render", markdown, page.file.src_uri, page.url, self.config_key,
            self.files_key, *included, *parts,
        )  # fmt: skip

    def _content(self, html, page, config, files):
        src, url, answer = page.file.src_uri, page.url, bool(page.meta.get("question"))
        key = digest("content", html, src, url, answer, self.glossary_key)
        try:
            return self.memo.get(key, lambda: self.html.content(html, src, url, answer))
        except HtmlPassError as exc:
            raise PluginError(str(exc)) from None

    # After the other plugins that edit the content.
    @event_priority(-50)
    def _notebook_links(self, content, page, config, files):
        src = page.file.src_uri
        branch = (config.extra or {}).get(
            "notebooks_branch", notebook_pages.DEFAULT_BRANCH
        )
        if src in self.notebooks:
            answer = self.notebooks[src]["answer"]
            colab = notebook_pages.colab(answer, config.repo_url, branch)
            return notebook_pages.answer_content(
                content,
                notebook_pages.links(answer, page.url, colab, view=True),
                page.meta.get("title") or page.title or "",
            )
        answer_page = next(
            (k for k, v in self.notebooks.items() if v["notebook_uri"] == src), None
        )
        if answer_page is None:
            return content
        entry = self.notebooks[answer_page]
        colab = notebook_pages.colab(entry["answer"], config.repo_url, branch)
        # The answer page is the one to find; there is no file to edit.
        page.meta.setdefault("search", {"exclude": True})
        page.edit_url = None
        page.meta.setdefault(
            "description", notebook_pages.notebook_title(str(page.title))
        )
        answer_url = notebook_pages.relative_url(
            files.get_file_from_path(answer_page).url, page.url
        )
        links = notebook_pages.links(entry["answer"], page.url, colab, view=False)
        key = digest("notebook page", content, repr(entry["alts"]), src, repr(links))
        try:
            return self.memo.get(
                digest(key, answer_url),
                lambda: notebook_pages.notebook_content(
                    content, entry["alts"], src, links, answer_url
                ),
            )
        except NotebookPageError as exc:
            raise PluginError(str(exc)) from None

    on_page_content = CombinedEvent(_content, _notebook_links)

    # After every other plugin, so that the answers' content is final.
    @event_priority(-100)
    def on_page_context(self, context, page, config, nav):
        if page.file.src_uri != printing.PRINT_URI:
            return context
        if printing.PLACEHOLDER not in page.content:
            raise PluginError(
                "the print page lost its placeholder: site_src/outputs/print.py "
                "and its page disagree"
            )
        answers, toc = printing.answers_of(
            (
                other.file.src_uri,
                other.url,
                other.meta,
                other.title,
                other.content,
                [
                    (child.id, child.title)
                    for top in other.toc.items
                    for child in top.children
                ],
            )
            for other in nav.pages
            if other.content is not None
        )
        if not answers:
            raise PluginError(
                "the print page found no answer page (front matter `question:`) "
                "in the navigation"
            )
        key = digest("print", repr(answers), page.url, PRINT_INTRO)
        body = self.memo.get(
            key, lambda: printing.assemble(answers, page.url, PRINT_INTRO)
        )
        page.content = page.content.replace(printing.PLACEHOLDER, body)
        page.toc = get_toc(
            [{"level": 1, "id": "print", "name": page.title, "children": toc}]
        )
        context["toc"] = page.toc
        return context

    def on_env(self, env, config, files):
        if self.serving and env.bytecode_cache is None:
            env.bytecode_cache = self.bytecode
        try:
            self.markdown.unused_snippets()
        except SnippetErrors as exc:
            raise PluginError(str(exc)) from None
        return env

    # ------------------------------------------------------------ output

    # Last: after every other plugin has changed the page.
    @event_priority(-100)
    def on_post_page(self, output, page, config):
        return self._valid(output)

    def on_post_template(self, output_content, template_name, config):
        if template_name.endswith(".html"):  # the theme's own pages (404.html)
            return self._valid(output_content)
        return output_content

    def _valid(self, output: str) -> str:
        return self.memo.get(digest("page", output), lambda: self.html.page(output))

    def on_post_build(self, config):
        site = Path(config.site_dir)
        # Every answer's notebook file is in the site (mkdocs-jupyter copies it).
        missing = notebook_pages.missing(
            site, [v["answer"] for v in self.notebooks.values()]
        )
        if missing:
            raise PluginError(
                "notebooks missing from the site (is mkdocs-jupyter configured with "
                "include_source: true?): " + ", ".join(missing)
            )
        self.html.site(site)
        if self.serving:
            log.info(
                f"whyrelu: {self.memo.hits} steps reused, {self.memo.misses} redone"
            )
        self.memo.sweep()
        if len(self.parsed) > 2000:  # old versions of edited files pile up
            self.parsed.clear()


# pymdownx.snippets' one-line include, as site_src/markdown/pages.py writes it.
_INCLUDE = re.compile(r'--8<-- "([^"\n]+)"')


class _Records(logging.Handler):
    """The log records of one step, to log again when its output is reused."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _stat(path: Path):
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_size)


def _toc(items) -> list:
    """A table of contents as plain values (for a memo key)."""
    return [(i.id, i.title, i.url, i.level, _toc(i.children)) for i in items or []]
