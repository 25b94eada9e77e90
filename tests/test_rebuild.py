"""A rebuild in ``make serve`` publishes nothing stale.

The plugin keeps the outputs of its costly steps across the rebuilds of one
``serve`` (``site_src/plugin.py``, ``Memo``), each under a hash of its inputs.
This test builds a copy of the project twice in one process, as ``serve``
does (the same plugin instance, ``on_startup(command="serve")``), with edits
in between: a page's text, an answer's title (which other pages list), a
new citation (which the reading list shows under its source), a snippet,
and a new file in another answer's snippet folder (which changes only that
answer's git status: "Changes not yet committed"). The second build must
show every edit and be, file for file, the site a clean build of the
edited project makes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from buildkit import BUILD_ENV, ROOT, mkdocs_build
from site_src.devtools.bench import copy_project

PAGE = "why-nonlinearity"
SNIPPET = "why-nonlinearity/deep-linear-collapse"
OTHER = "index"  # lists every answer by its title
CITED = "hornik1991"  # a source the page does not cite yet
UNTOUCHED = "analogies"  # an answer no other edit changes

# Two builds in one process, as `properdocs serve` makes them: the second
# config load returns the same plugin instance (it has on_startup).
TWICE = """
import json, sys
from pathlib import Path

import properdocs.replacement  # noqa: F401  (mkdocs.* imports go to properdocs)
from properdocs.commands.build import build
from properdocs.config import load_config

first, second, edits = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
config = load_config(config_file="mkdocs.yml", site_dir=first)
config.plugins.on_startup(command="serve", dirty=False)
build(config)
# After its first build serve calls on_serve, which starts the notebook helper.
config.plugins["whyrelu"].on_serve(object(), config=config, builder=None)
rendered = config.plugins["whyrelu"].notebook_renders.rendered
for path, old, new in edits:
    if old is None:  # a new file
        Path(path).write_text(new, encoding="utf-8")
        continue
    text = Path(path).read_text(encoding="utf-8")
    assert old in text, (path, old)
    Path(path).write_text(text.replace(old, new, 1), encoding="utf-8")
config = load_config(config_file="mkdocs.yml", site_dir=second)
build(config)
plugin = config.plugins["whyrelu"]
hits, misses = plugin.memo.last
rendered = plugin.notebook_renders.rendered - rendered
plugin.on_shutdown()
print(json.dumps({"reused": hits, "redone": misses, "rendered": rendered}))
"""


def files_of(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_a_rebuild_shows_every_edit_and_matches_a_clean_build(tmp_path, snippet_run):
    cache = tmp_path / "cache"
    shutil.copytree(ROOT / ".cache" / "snippets", cache)  # filled by snippet_run
    env = {**BUILD_ENV, "WHYRELU_CACHE": str(cache)}
    project = copy_project(tmp_path)
    page = project / "docs" / f"{PAGE}.md"
    title = next(
        line for line in page.read_text().splitlines() if line.startswith("title:")
    )
    assert f"[@{CITED}" not in page.read_text()
    edits = [
        (
            str(page),
            "\n## ",
            f"\nA sentence added by the rebuild test [@{CITED}].\n\n## ",
        ),
        (str(page), title, title.rstrip() + " (retitled)"),
        (
            str(project / "snippets" / f"{SNIPPET}.py"),
            '"""\n',
            '"""\n# a comment added by the rebuild test\n',
        ),
        (str(project / "snippets" / UNTOUCHED / "rebuild-test.txt"), None, "new\n"),
    ]
    first, second = tmp_path / "first", tmp_path / "second"
    proc = subprocess.run(
        [sys.executable, "-c", TWICE, str(first), str(second), json.dumps(edits)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    done = json.loads(proc.stdout.splitlines()[-1])
    assert done["reused"] > 0
    # The edited snippet's notebook page was rendered beside the rebuild
    # (site_src/outputs/notebook_render.py): the comparison below covers it.
    assert done["rendered"] >= 1

    # The edits show, where they should.
    before = (first / PAGE / "index.html").read_text()
    after = (second / PAGE / "index.html").read_text()
    for seen in ("added by the rebuild test", "(retitled)"):
        assert seen not in before and seen in after
    assert "(retitled)" in (second / "index.html").read_text()
    assert "(retitled)" in (second / "print" / "index.html").read_text()
    # The reading list (its own text unchanged) names the page under the source.
    reading = (second / "reading-list" / "index.html").read_text()
    entry = reading[reading.index(f'id="ref-{CITED}"') :].split("</li>")[0]
    assert "(retitled)" in entry
    untouched = (second / UNTOUCHED / "index.html").read_text()
    assert "Changes not yet committed" in untouched
    notebook = second / "notebooks" / PAGE / f"{PAGE}.ipynb"
    assert "a comment added by the rebuild test" in notebook.read_text()

    # A clean build of the edited project, in a fresh copy of it (no
    # notebook or mkdocs-jupyter cache), makes the very same site.
    clean_project = tmp_path / "clean"
    shutil.copytree(project, clean_project, ignore=shutil.ignore_patterns(".cache"))
    clean = tmp_path / "clean-site"
    built = mkdocs_build(clean_project, clean, env)
    assert built.returncode == 0, built.stderr[-4000:]
    rebuilt, fresh = files_of(second), files_of(clean)
    assert sorted(rebuilt) == sorted(fresh)
    differ = [name for name in fresh if rebuilt[name] != fresh[name]]
    assert not differ, f"the rebuild differs from a clean build in: {differ[:10]}"


def test_the_plugin_persists_across_serve_rebuilds():
    """MkDocs keeps a plugin with on_startup across rebuilds; without it the
    memo would be lost after every save."""
    from site_src.plugin import WhyReluPlugin

    assert hasattr(WhyReluPlugin, "on_startup")


def test_the_memo_keys_on_every_input():
    from site_src.plugin import Memo, digest

    assert digest("ab", "c") != digest("a", "bc")  # parts are told apart
    assert digest("x", None) != digest("x", "")
    memo, made = Memo(), []
    for text in ("one", "one", "two"):
        memo.get(digest(text), lambda text=text: made.append(text) or text.upper())
    assert made == ["one", "two"] and (memo.hits, memo.misses) == (1, 2)
    memo.sweep()
    memo.get(digest("two"), lambda: "TWO")
    memo.sweep()  # "one" was not used by the last build: dropped
    assert list(memo.entries) == [digest("two")] and memo.last == (1, 0)


def test_serve_keeps_one_fork_server_across_runs(tmp_path):
    """A snippet edit in `serve` does not start a new interpreter with numpy
    and matplotlib: the runs of one serve share a fork server."""
    from site_src.devtools.bench import EMPTY
    from site_src.engine import runner

    (tmp_path / "snippets" / "a").mkdir(parents=True)
    (tmp_path / "snippets" / "a" / "b.py").write_text(EMPTY)
    kept = runner.KeptForkServer()
    try:
        pids = []
        for cache in ("one", "two"):  # an empty cache each time: the snippet runs
            results, stats = runner.run_all(
                root=tmp_path / "snippets",
                cache=tmp_path / cache,
                workers=1,
                log=lambda _: None,
                server=kept,
            )
            assert stats.ran == 1 and "a/b" in results
            pids.append(kept.server.proc.pid)
        assert pids[0] == pids[1]
        server = kept.server
    finally:
        kept.stop()
    assert kept.server is None and server.proc.poll() is not None


def test_a_stopped_run_does_not_leave_its_server_to_the_next(tmp_path):
    """A run stopped while a snippet is still running (an error in the
    build, Ctrl+C) stops the kept server: the next run starts a new one
    rather than reading the old run's news."""
    from site_src.devtools.bench import EMPTY
    from site_src.engine import runner

    (tmp_path / "snippets" / "a").mkdir(parents=True)
    (tmp_path / "snippets" / "a" / "slow.py").write_text(
        EMPTY + "import time\n\ntime.sleep(3)\n"
    )

    def stop_when_running(text):
        if "still running" in text:
            raise KeyboardInterrupt

    kept = runner.KeptForkServer()
    try:
        runner.run_all(
            root=tmp_path / "snippets",
            cache=tmp_path / "one",
            workers=1,
            log=lambda _: None,
            server=kept,
        )  # starts the server
        first = kept.server
        (tmp_path / "snippets" / "a" / "slow.py").write_text(
            EMPTY + "import time\n\ntime.sleep(3)  # edited\n"
        )
        with pytest.raises(KeyboardInterrupt):
            runner.run_all(
                root=tmp_path / "snippets",
                cache=tmp_path / "one",
                workers=1,
                log=stop_when_running,
                progress_s=0.3,
                server=kept,
            )
        assert kept.server is None and first.proc.poll() is not None
    finally:
        kept.stop()


# The plugin as `serve` starts it, then as `build` does; in a process of its
# own, as TWICE, so that no other test's imports of the theme decide which
# generator's plugin classes it sees.
HANDS = """
import properdocs.replacement  # noqa: F401  (mkdocs.* imports go to properdocs)
from properdocs.config import load_config

config = load_config(config_file="mkdocs.yml")
plugin = config.plugins["whyrelu"]
plugin.on_startup(command="serve", dirty=False)
try:
    assert plugin.forkserver is not None, "serve keeps no fork server"
    plugin.on_config(config)
    assert plugin.markdown.forkserver is plugin.forkserver, "not handed to the build"
finally:
    plugin.on_shutdown()
assert plugin.forkserver is None, "the fork server outlived serve"
plugin.on_startup(command="build", dirty=False)
plugin.on_config(config)
assert plugin.forkserver is None and plugin.markdown.forkserver is None, "build kept one"
print("ok")
"""


def test_serve_hands_its_kept_server_to_each_build():
    """The plugin's server reaches the runner through every build's Markdown
    pass (``MarkdownPass.forkserver`` -> ``run_all(server=...)``)."""
    proc = subprocess.run(
        [sys.executable, "-c", HANDS],
        cwd=ROOT,
        env=BUILD_ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-3000:]


def test_browser_tests_are_one_group_of_the_parallel_run(pytestconfig):
    """``make test`` (``--dist loadgroup``) sends every test under
    tests/browser/ to one worker, and only those as one group."""
    # tests/conftest.py as pytest loaded it (a plain `import conftest` may
    # find tests/browser/conftest.py, which has the same module name).
    conftest = next(
        plugin
        for plugin in pytestconfig.pluginmanager.get_plugins()
        if getattr(plugin, "__file__", None) == str(ROOT / "tests" / "conftest.py")
    )
    BROWSER_TESTS = conftest.BROWSER_TESTS
    pytest_xdist_make_scheduler = conftest.pytest_xdist_make_scheduler

    class Config:
        def __init__(self, dist):
            self.values = {"dist": dist, "tx": ["2*popen"]}

        def getvalue(self, name):
            return self.values[name]

    assert pytest_xdist_make_scheduler(Config("load"), None) is None
    scheduler = pytest_xdist_make_scheduler(Config("loadgroup"), None)
    for name in ("test_browser_site.py::test_x", "test_lighthouse.py::test_y[a/]"):
        assert scheduler._split_scope(BROWSER_TESTS + name) == "browser"
    other = "tests/test_notebooks.py::test_z[analogies]"
    assert scheduler._split_scope(other) == other


def test_serve_looks_for_saved_files_every_watch_interval():
    from properdocs.livereload import LiveReloadServer

    from site_src.plugin import WATCH_S, WhyReluPlugin

    server = LiveReloadServer(
        builder=lambda: None, host="127.0.0.1", port=0, root=str(ROOT / "docs")
    )
    server.watch(str(ROOT / "docs"))  # before the plugin's on_serve, as ProperDocs does
    WhyReluPlugin().on_serve(server, None, None)
    server.watch(str(ROOT / "snippets"))  # after it (mkdocs.yml's watch:)
    assert WATCH_S < 0.5
    assert server.observer.timeout == WATCH_S
    assert {emitter.timeout for emitter in server.observer.emitters} == {WATCH_S}
