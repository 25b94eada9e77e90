"""A changed notebook's page, rendered beside the rest of a ``serve`` rebuild.

mkdocs-jupyter renders a notebook page with nbconvert: Pygments over every
code cell, a Jinja template, then BeautifulSoup over the whole page. For
an answer's notebook that is about a second, and after a snippet edit it is
the largest part of the rebuild, spent on one core while the other waits.

While serving, the plugin hands each notebook whose page mkdocs-jupyter has
not rendered yet to :class:`NotebookRenders`: one helper process, kept for
the whole ``serve``, renders it exactly as mkdocs-jupyter would on a miss of
its own cache and writes the result *as* that cache entry (same file, same
JSON). Meanwhile the build goes on with the other pages; when it reaches the
notebook page it waits for the helper, and mkdocs-jupyter then finds its
cache entry and uses it, by its own code. Nothing the page shows is made
differently: tests/test_notebook_render.py checks the entry against the one
mkdocs-jupyter writes itself, byte for byte.

A failed or stopped render leaves no entry (it is written to a temporary
file and renamed), so mkdocs-jupyter renders the page itself, and reports
any error, as it would without the helper; so does anything else wrong with
the helper. An entry is named after the bytes the helper read, so a
notebook rewritten meanwhile is never rendered under its old name. The
helper starts after ``serve``'s first build (which renders every notebook)
and a one-off ``build`` does not use it: starting the process would cost
what it saves.

The helper keeps what does not change between renders: Jinja's compiled
nbconvert templates, and each code cell's highlighted HTML (Pygments is a
pure function of the cell's source, language and formatter options).
"""

from __future__ import annotations

import concurrent.futures
import json
import logging
import multiprocessing
import os
import signal
import tempfile
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path, PurePath

log = logging.getLogger("mkdocs.plugins.whyrelu")

# How long a page waits for the helper before mkdocs-jupyter renders it
# itself (a render takes about a second; this is for a helper that hangs).
WAIT_S = 30
# The helper's half-written entries (only its own are ever removed).
PART_PREFIX = "whyrelu-"

# mkdocs-jupyter's options that its render passes to nbconvert
# (mkdocs_jupyter/plugin.py, Plugin.on_pre_page). Copied, so it can drift
# with a new mkdocs-jupyter: tests/test_notebook_render.py compares the
# entries with mkdocs-jupyter's own, byte for byte, and fails then.
RENDER_OPTIONS = (
    "kernel_name",
    "theme",
    "allow_errors",
    "show_input",
    "no_input",
    "no_prompt",
    "remove_tag_config",
    "highlight_extra_classes",
    "include_requirejs",
    "custom_mathjax_url",
)


def executes(options: dict, path: str) -> bool:
    """Whether mkdocs-jupyter would execute the notebook at ``path``."""
    if not options["execute"]:
        return False
    return not any(
        PurePath(path).match(pattern) for pattern in options.get("execute_ignore") or ()
    )


def cache_path(options: dict, path: str) -> Path | None:
    """The cache entry mkdocs-jupyter reads for this notebook's bytes (None
    when its cache is off)."""
    if not options["cache"]:
        return None
    return _key_path(options, path, executes(options, path))


def _key_path(options: dict, path: str, execute: bool) -> Path:
    from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path

    key = _compute_cache_key(path, options, execute)
    return Path(_get_cache_path(options["cache_dir"], key)).resolve()


def render(path: str, options: dict, target: str) -> str | None:
    """Render the notebook at ``path`` as mkdocs-jupyter does on a cache miss
    and write its cache entry ``target`` (in the helper process).

    The notebook is read once, into a private copy of the same name, and
    rendered from there: if the build has rewritten it since ``target`` was
    named (a later rebuild), the bytes no longer give ``target``'s key and
    nothing is written (None), so an entry always holds the page of the
    bytes it is named after."""
    _keep_between_renders()
    from mkdocs_jupyter import convert
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens

    with tempfile.TemporaryDirectory(prefix="whyrelu-notebook-") as private:
        copy = str(Path(private) / Path(path).name)
        Path(copy).write_bytes(Path(path).read_bytes())
        execute = executes(options, path)
        if _key_path(options, copy, execute) != Path(target):
            return None
        body = convert.nb2html(
            copy,
            execute=execute,
            **{name: options[name] for name in RENDER_OPTIONS},
        )
        toc_tokens, title = _get_nb_toc_tokens(copy, options["toc_depth"])
    text = json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title})
    write_entry(text, Path(target))
    return target


def write_entry(text: str, target: Path) -> None:
    """Write ``target`` whole or not at all (a temporary file, renamed), with
    the permissions a plain write gives, as mkdocs-jupyter's own entries."""
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    # What a killed helper left half-written, a while ago.
    for part in folder.glob(f"{PART_PREFIX}*.part"):
        try:
            if time.time() - part.stat().st_mtime > 60:
                part.unlink()
        except OSError:
            pass
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=PART_PREFIX, suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_KEPT = False


def _keep_between_renders() -> None:
    """Compiled templates and highlighted cells, kept in the helper process.

    Both are pure. Jinja checks a template's bytecode against its source;
    the code it compiles also depends on the environment's settings, which
    are the same for every environment of one exporter class, so each class
    keeps its own. A highlighted cell is a function of its arguments alone
    (the formatter's options are the only state a new formatter carries)."""
    global _KEPT
    if _KEPT:
        return
    _KEPT = True
    from mkdocs_jupyter import nbconvert2
    from nbconvert.exporters import templateexporter

    from site_src.html.bytecode import TemplateBytecode

    bytecode: dict[tuple, TemplateBytecode] = {}
    create = templateexporter.TemplateExporter._create_environment

    def create_environment(self):
        environment = create(self)
        kind = (type(self), environment.is_async)
        environment.bytecode_cache = bytecode.setdefault(kind, TemplateBytecode())
        return environment

    templateexporter.TemplateExporter._create_environment = create_environment

    highlight = nbconvert2._pygments_highlight
    highlighted: dict[tuple, str] = {}

    def pygments_highlight(
        source, formatter, language="ipython", metadata=None, **lexer_options
    ):
        if lexer_options:
            return highlight(source, formatter, language, metadata, **lexer_options)
        key = (
            source,
            type(formatter),
            repr(sorted(formatter.options.items())),
            language,
            json.dumps(metadata, sort_keys=True, default=repr),
        )
        if key not in highlighted:
            if len(highlighted) > 5000:
                highlighted.clear()
            highlighted[key] = highlight(source, formatter, language, metadata)
        return highlighted[key]

    nbconvert2._pygments_highlight = pygments_highlight


def _follow_parent(parent: int) -> None:
    """End the helper when ``serve`` has ended without stopping it (killed):
    the helper's task queue never closes, so it would wait for ever.

    Ctrl+C in the terminal reaches the helper too (one process group); it
    leaves the stopping to ``serve`` (``on_shutdown``), instead of printing
    a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def warm_up() -> None:
    """Import what a render needs (in the helper process, before the first)."""
    _keep_between_renders()
    import mkdocs_jupyter.convert
    import mkdocs_jupyter.plugin  # noqa: F401


class NotebookRenders:
    """One helper process that renders notebook pages during ``serve``.

    It renders only once started (:meth:`warm`, after ``serve``'s first
    build): that build renders every notebook, which the main process does
    as fast itself, without a helper still starting. Anything wrong with the
    helper leaves the page to mkdocs-jupyter, as if it were not there.
    """

    def __init__(self) -> None:
        self.pool: concurrent.futures.ProcessPoolExecutor | None = None
        self.pending: dict[Path, concurrent.futures.Future] = {}
        self.rendered = 0  # renders finished and used (the tests read it)

    def _pool(self) -> concurrent.futures.ProcessPoolExecutor:
        if self.pool is None:
            # spawn: the serve process has threads (its watcher, its web
            # server), which a forked child must not inherit half-held.
            self.pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_follow_parent,
                initargs=(os.getpid(),),
            )
            self.pool.submit(warm_up)
        return self.pool

    def warm(self) -> None:
        """Start the helper now, so that the first edit does not wait for it."""
        try:
            self._pool()
        except Exception as exc:  # a speed-up only: never a reason to fail
            log.debug(f"whyrelu: no notebook helper ({exc!r})")
            self.pool = None

    def forget(self) -> None:
        """A new build: renders that an earlier build started and never
        waited for (it failed first) are dropped, unless one is running."""
        # The helper may hold one already (marked running): it still writes
        # an entry for its bytes, and a page of this build may use it.
        self.pending = {
            t: f for t, f in self.pending.items() if not f.cancel() and not f.done()
        }

    def start(self, path: str, options: dict) -> None:
        """Begin rendering the notebook at ``path``, unless mkdocs-jupyter
        already has its page (or its cache is off, or the helper is not
        started)."""
        if self.pool is None or executes(options, path):
            # (An executed notebook runs in its folder; the helper's copy is
            # elsewhere. mkdocs.yml does not execute them.)
            return
        try:
            target = cache_path(options, path)
            if target is None or target.exists() or target in self.pending:
                return
            try:
                future = self.pool.submit(render, path, options, str(target))
            except BrokenProcessPool:  # the helper was killed: a new one
                self.pool.shutdown(wait=False)
                self.pool = None
                future = self._pool().submit(render, path, options, str(target))
        except Exception as exc:  # a speed-up only: never a reason to fail
            log.debug(f"whyrelu: no notebook helper ({exc!r}); rendering here")
            return
        self.pending[target] = future

    def wait(self, path: str, options: dict) -> None:
        """Block until the notebook's render (if one was started) has ended.
        A failure is left for mkdocs-jupyter to meet and report itself."""
        if not self.pending:
            return
        try:
            target = cache_path(options, path)
            future = self.pending.pop(target, None)
            if future is None:
                return
            if future.result(timeout=WAIT_S) is not None:
                self.rendered += 1
        except Exception as exc:
            log.debug(f"whyrelu: the notebook helper failed ({exc!r}); rendering here")

    def stop(self) -> None:
        self.pending.clear()
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
