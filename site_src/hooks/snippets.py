"""MkDocs hook: run the snippets, place them on pages, publish the figures.

Thin on purpose: the work is done by ``site_src.engine.runner`` and
``site_src.markdown.pages``, which know nothing of MkDocs. Set ``WHYRELU_EXECUTE=0``
to build the pages without running any snippet (code only, no figures).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from site_src.engine import runner  # noqa: E402
from site_src.engine.errors import SnippetError, SnippetErrors, rel  # noqa: E402
from site_src.markdown import explorables, pages  # noqa: E402

log = logging.getLogger("mkdocs.hooks.snippets")
ASSETS = ROOT / "site_src" / "assets"
_state: dict = {}


def _project(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_pre_build(config) -> None:
    _state.clear()
    _state["placement"] = pages.Placement()
    project = _project(config)
    _state["snippets"] = project / "snippets"
    # WHYRELU_CACHE lets the benchmark measure a cold build without
    # touching a contributor's cache.
    _state["cache"] = Path(
        os.environ.get("WHYRELU_CACHE") or project / ".cache" / "snippets"
    )
    if os.environ.get("WHYRELU_EXECUTE", "1") == "0":
        log.info("snippets: execution switched off (WHYRELU_EXECUTE=0)")
        _state["results"] = None
        return
    # WHYRELU_MACHINE builds the site as an emulated other machine would
    # (site_src/engine/machines.py): the second-machine check compares its pages.
    machine = os.environ.get("WHYRELU_MACHINE")
    machine_env = None
    if machine:
        from site_src.engine import machines

        if machine not in machines.MACHINES:
            raise PluginError(
                f"WHYRELU_MACHINE={machine}: no such emulated machine; "
                f"use one of {', '.join(machines.MACHINES)}"
            )
        machine_env = machines.MACHINES[machine]
        _state["cache"] = machines.CACHE / machine
        log.info("snippets: built as %s", machines.describe(machine))
    try:
        _state["results"], stats = runner.run_all(
            root=_state["snippets"],
            cache=_state["cache"],
            log=log.info,
            machine_env=machine_env,
        )
    except SnippetErrors as exc:
        raise PluginError(str(exc)) from None
    stats.save(_state["cache"] / "last-run.json")


def on_files(files, config):
    for asset in sorted(ASSETS.rglob("*")):
        if asset.is_file():
            uri = "assets/whyrelu/" + asset.relative_to(ASSETS).as_posix()
            files.append(File.generated(config, uri, abs_src_path=str(asset)))
    for result in (_state.get("results") or {}).values():
        for figure in result.figures:
            names = figure["files"] if figure["kind"] == "frames" else [figure["file"]]
            names += [figure["preview"]] if "preview" in figure else []
            for name in names:
                uri = pages.figure_uri(result.name, name)
                files.append(
                    File.generated(config, uri, abs_src_path=str(result.dir / name))
                )
    return files


def on_page_markdown(markdown, page, config, files):
    source = (
        Path(page.file.abs_src_path)
        if page.file.abs_src_path
        else Path(page.file.src_uri)
    )
    url_for = lambda uri: get_relative_url(uri, page.url)  # noqa: E731
    first_line = 1 + pages.front_matter_lines(source, markdown)
    try:
        # [[explorable ...]] first: it becomes a [[snippet ...]] line (same
        # line numbers) plus the explorable's data at the end of the page.
        markdown = explorables.expand(
            markdown,
            source,
            _state.get("results"),
            url_for,
            _state["snippets"],
            first_line=first_line,
        )
        return pages.expand(
            markdown,
            source,
            _state.get("results"),
            url_for,
            _state.get("placement"),
            _state["snippets"],
            first_line=first_line,
        )
    except SnippetErrors as exc:
        raise PluginError(str(exc)) from None


def on_env(env, config, files):
    """Every snippet must be placed on a page: an unused one is dead code."""
    placement = _state.get("placement")
    if placement is None:
        return env
    root = _state["snippets"]
    unused = [
        SnippetError(
            path,
            None,
            "no page places this snippet",
            f"add `[[snippet {runner.snippet_name(path, root)}]]` to a page in docs/, "
            f"or delete {rel(path)}",
        )
        for path in runner.discover(root)
        if runner.snippet_name(path, root) not in placement.used
    ]
    if unused:
        raise PluginError(str(SnippetErrors(unused)))
    return env
