"""The serve's notebook helper writes exactly what mkdocs-jupyter writes
(site_src/outputs/notebook_render.py).

The helper renders a changed notebook's page in another process and leaves
the result as mkdocs-jupyter's own cache entry, which mkdocs-jupyter then
reads. So the entry must be the one mkdocs-jupyter would have written itself,
byte for byte, for real answer notebooks, also when the helper's kept
templates and highlighted cells are reused.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest
import yaml

from buildkit import ROOT
from site_src.outputs import notebook_render
from site_src.outputs.notebook_render import NotebookRenders

# smart-zip hides some cells' input (remove_tag_config in mkdocs.yml).
ANSWERS = ("why-nonlinearity", "smart-zip")


def _options(cache_dir: Path) -> dict:
    """mkdocs-jupyter's settings from mkdocs.yml, with its defaults, its
    cache in ``cache_dir``; and the plugin that holds them."""
    from mkdocs_jupyter.plugin import Plugin

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor(
        "tag:yaml.org,2002:python/", lambda loader, suffix, node: None
    )
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)
    ours = next(
        p["mkdocs-jupyter"]
        for p in config["plugins"]
        if isinstance(p, dict) and "mkdocs-jupyter" in p
    )
    plugin = Plugin()
    errors, _ = plugin.load_config({**ours, "cache_dir": str(cache_dir)})
    assert not errors, errors
    return dict(plugin.config), plugin


def _theirs(plugin, path: Path) -> None:
    """mkdocs-jupyter renders the page itself, as in a build (a cache miss)."""
    plugin.on_pre_build(config=None)
    file = types.SimpleNamespace(
        abs_src_path=str(path), src_path=path.name, abs_dest_path=str(path)
    )
    page = types.SimpleNamespace(file=file, abs_url=f"/{path.name}")
    plugin.on_pre_page(page, config=None, files=None)
    assert hasattr(page, "render"), f"mkdocs-jupyter does not render {path}"
    page.render(None, None)
    assert page.content, path


def _entries(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.json"))}


@pytest.mark.slow
def test_the_helper_writes_the_entry_mkdocs_jupyter_writes(built_site, tmp_path):
    # Where the build writes them (.cache/notebooks/), for mkdocs-jupyter's
    # `include` pattern.
    (tmp_path / "notebooks").mkdir()
    paths = [tmp_path / "notebooks" / f"{a}.ipynb" for a in ANSWERS]
    for answer, path in zip(ANSWERS, paths):
        source = built_site / "notebooks" / answer / f"{answer}.ipynb"
        path.write_bytes(source.read_bytes())
    ours, _ = _options(tmp_path / "ours")
    again, _ = _options(tmp_path / "again")
    renders = NotebookRenders()
    mask = os.umask(0o022)  # the helper's, and mkdocs-jupyter's plain writes
    renders.warm()
    try:
        for options in (ours, again):  # the second time from the kept state
            for path in paths:
                renders.start(str(path), options)
            for path in paths:
                renders.wait(str(path), options)
    finally:
        renders.stop()
    theirs, plugin = _options(tmp_path / "theirs")
    try:
        for path in paths:
            _theirs(plugin, path)
    finally:
        os.umask(mask)
    expected = _entries(tmp_path / "theirs")
    assert len(expected) == len(paths)
    assert _entries(tmp_path / "ours") == expected
    assert _entries(tmp_path / "again") == expected
    assert renders.rendered == 2 * len(paths)
    modes = {p.stat().st_mode for p in tmp_path.glob("*/*.json")}
    assert len(modes) == 1, "the helper's entries have other permissions"
    entry = json.loads(next(iter(expected.values())))
    assert entry["content"] and entry["title"]


def test_an_entry_is_found_by_the_notebooks_bytes_and_skipped_when_there(tmp_path):
    options, _ = _options(tmp_path / "cache")
    notebook = tmp_path / "n.ipynb"
    notebook.write_text(
        '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    )
    target = notebook_render.cache_path(options, str(notebook))
    assert target.parent == (tmp_path / "cache").resolve()
    notebook.write_text(notebook.read_text() + "\n")
    assert notebook_render.cache_path(options, str(notebook)) != target
    target = notebook_render.cache_path(options, str(notebook))
    target.parent.mkdir(parents=True)
    target.write_text("{}")
    renders = NotebookRenders()
    try:
        renders.warm()
        renders.start(str(notebook), options)  # mkdocs-jupyter has it already
        assert renders.pending == {}
    finally:
        renders.stop()
    assert notebook_render.cache_path({**options, "cache": False}, "x") is None


def test_nothing_is_rendered_before_the_helper_is_started(tmp_path):
    """serve's first build renders every page itself (see NotebookRenders)."""
    options, _ = _options(tmp_path / "cache")
    notebook = _notebook(tmp_path, "n", "print(1)")
    renders = NotebookRenders()
    renders.start(notebook, options)
    assert renders.pending == {} and renders.pool is None
    renders.wait(notebook, options)


def test_a_broken_notebook_leaves_no_entry_and_no_error(tmp_path):
    """mkdocs-jupyter then renders it itself, and reports what is wrong."""
    options, _ = _options(tmp_path / "cache")
    broken = tmp_path / "broken.ipynb"
    broken.write_text("not a notebook")
    renders = NotebookRenders()
    try:
        renders.warm()
        renders.start(str(broken), options)
        assert renders.pending
        renders.wait(str(broken), options)  # no exception
        assert renders.pending == {} and renders.rendered == 0
    finally:
        renders.stop()
    assert not list((tmp_path / "cache").glob("*")), "a partial entry was left"


def test_a_notebook_rewritten_before_its_render_gives_no_entry(tmp_path):
    """An entry is named after the bytes the helper reads: a notebook the
    next rebuild rewrote meanwhile is not rendered under its old name."""
    options, _ = _options(tmp_path / "cache")
    notebook = _notebook(tmp_path, "n", "print('one')")
    old = notebook_render.cache_path(options, notebook)
    _notebook(tmp_path, "n", "print('two')")
    renders = NotebookRenders()
    try:
        renders.warm()
        made = renders.pool.submit(notebook_render.render, notebook, options, str(old))
        assert made.result() is None
        assert not old.exists()
        new = notebook_render.cache_path(options, notebook)
        made = renders.pool.submit(notebook_render.render, notebook, options, str(new))
        assert made.result() == str(new)
        assert "two" in json.loads(new.read_text())["content"]
    finally:
        renders.stop()


def test_an_entry_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    target = tmp_path / "cache" / "entry.json"
    target.parent.mkdir()
    stale = target.parent / "whyrelu-old.part"  # left by a killed helper
    stale.write_text("{")
    os.utime(stale, (time.time() - 3600,) * 2)
    fresh = target.parent / "whyrelu-new.part"  # another render's, right now
    fresh.write_text("{")
    other = target.parent / "other.part"  # not the helper's
    other.write_text("{")
    os.utime(other, (time.time() - 3600,) * 2)

    def fails(*args):
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(notebook_render.os, "replace", fails)
        with pytest.raises(OSError):
            notebook_render.write_entry('{"content": "x"}', target)
    assert not target.exists()
    left = sorted(p.name for p in target.parent.iterdir())
    assert left == ["other.part", "whyrelu-new.part"]
    mask = os.umask(0o022)  # (under 0o077 a plain write is private too)
    try:
        notebook_render.write_entry('{"content": "x"}', target)
        plain = tmp_path / "plain"
        plain.write_text("")
    finally:
        os.umask(mask)
    assert target.read_text() == '{"content": "x"}'
    assert target.stat().st_mode == plain.stat().st_mode


def test_ctrl_c_is_left_to_serve(tmp_path):
    """Ctrl+C reaches the helper too; it goes on until serve stops it."""
    renders = NotebookRenders()
    try:
        renders.warm()
        helper = renders.pool.submit(os.getpid).result()
        os.kill(helper, signal.SIGINT)
        time.sleep(0.5)
        assert renders.pool.submit(os.getpid).result(timeout=30) == helper
    finally:
        renders.stop()


def test_a_new_build_lets_go_of_what_an_earlier_one_queued(tmp_path):
    options, _ = _options(tmp_path / "cache")
    notebooks = [_notebook(tmp_path, f"n{n}", f"print({n})") for n in range(4)]
    renders = NotebookRenders()
    try:
        renders.warm()
        for notebook in notebooks:
            renders.start(notebook, options)
        assert len(renders.pending) == len(notebooks)
        renders.forget()  # the build failed before its notebook pages
        # the helper holds at most two, one of them running; the rest go
        assert len(renders.pending) <= 2
        assert all(not f.cancelled() for f in renders.pending.values())
        renders.start(notebooks[-1], options)  # the next build, unchanged
        renders.wait(notebooks[-1], options)
        assert notebook_render.cache_path(options, notebooks[-1]).exists()
    finally:
        renders.stop()


def _notebook(folder: Path, name: str, code: str) -> str:
    """A notebook of one code cell, in ``folder/notebooks/`` (for
    mkdocs-jupyter's ``include``); its path."""
    path = folder / "notebooks" / f"{name}.ipynb"
    path.parent.mkdir(exist_ok=True)
    path.write_text(
        json.dumps(
            {
                "cells": [
                    {
                        "cell_type": "code",
                        "execution_count": None,
                        "id": "cell-0",
                        "metadata": {},
                        "outputs": [],
                        "source": code,
                    }
                ],
                "metadata": {
                    "kernelspec": {
                        "display_name": "Python 3",
                        "language": "python",
                        "name": "python3",
                    }
                },
                "nbformat": 4,
                "nbformat_minor": 5,
            }
        )
    )
    return str(path)


def test_a_killed_helper_is_replaced_at_the_next_render(tmp_path):
    """Its render fails (mkdocs-jupyter renders that page itself); the next
    changed notebook starts a new helper."""
    options, _ = _options(tmp_path / "cache")
    notebooks = [_notebook(tmp_path, f"n{n}", f"print({n})") for n in range(2)]
    renders = NotebookRenders()
    try:
        renders.warm()
        renders.pool.submit(os.getpid).result()  # the helper is up
        for pid in list(renders.pool._processes):
            os.kill(pid, signal.SIGKILL)
        # The first render meets the dead helper, or (if the pool has
        # noticed already) a new one: no exception either way.
        renders.start(notebooks[0], options)
        renders.wait(notebooks[0], options)
        renders.start(notebooks[1], options)
        renders.wait(notebooks[1], options)
        assert renders.rendered >= 1
        assert notebook_render.cache_path(options, notebooks[1]).exists()
    finally:
        renders.stop()


def test_the_helper_ends_when_serve_is_killed(tmp_path):
    """A ``serve`` killed without stopping its helper leaves no process behind."""
    script = (
        "import os, sys\n"
        "from site_src.outputs.notebook_render import NotebookRenders\n"
        "renders = NotebookRenders()\n"
        "renders.warm()\n"
        "print(renders.pool.submit(os.getpid).result(), flush=True)\n"
        "os._exit(0)  # as if killed: no stop, no exit handlers\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    helper = int(proc.stdout.split()[-1])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _alive(helper):
        time.sleep(0.2)
    assert not _alive(helper), f"helper {helper} outlived its serve"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")  # Linux: an ended process not yet reaped
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")
