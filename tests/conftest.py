"""Shared fixtures: snippet results (through the runner's cache) and a built site.

``make test`` runs the tests in parallel (pytest-xdist, one process per
core). What is expensive is still made once for the whole run: the first
worker to need the snippets' results, an emulated machine's results or the
strict build makes them while the others wait on a lock (:func:`one_at_a_time`),
then the others read them (the snippets from the runner's cache, the site
from a folder every worker shares).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from pathlib import Path

import pytest

from buildkit import ROOT, mkdocs_build
from site_src.engine import machines, runner

BROWSER_TESTS = "tests/browser/"


@pytest.hookimpl(optionalhook=True)  # xdist's hook: no error when xdist is off
def pytest_xdist_make_scheduler(config, log):
    """With ``--dist loadgroup`` (``make test``), every test under
    tests/browser/ runs on one worker: they share one Chromium and one visit
    of every page in both colour schemes (``site_visits``), which each worker
    would otherwise make again. The group is chosen here, by path, because
    xdist's own ``xdist_group`` marker does not take with this pytest (xdist
    renames the test's ``_nodeid``, which pytest 9.2 no longer reads)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class BrowserTestsTogether(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith(BROWSER_TESTS):
                return "browser"
            return super()._split_scope(nodeid)

    return BrowserTestsTogether(config, log)


def pytest_collection_modifyitems(items):
    """A browser test elsewhere would escape the browser group (above) and
    start a second Chromium: refuse it."""
    stray = [
        item.nodeid
        for item in items
        if item.get_closest_marker("browser")
        and not item.nodeid.startswith(BROWSER_TESTS)
    ]
    if stray:
        raise pytest.UsageError(
            f"browser tests belong under {BROWSER_TESTS} (they share one "
            f"Chromium there): {', '.join(stray)}"
        )


def shared_folder(tmp_path_factory) -> Path:
    """A folder every xdist worker of this test run sees (the run's own
    temporary folder without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def one_at_a_time(lock: Path):
    """Hold an exclusive lock on the file ``lock`` (created if need be)."""
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def snippet_run(tmp_path_factory):
    """Every snippet's result, run in parallel once (cached by content).

    ``WHYRELU_MACHINE=old-cpu pytest tests/snippets`` runs the snippet tests
    on an emulated other machine (site_src/engine/machines.py) instead.
    """
    machine = os.environ.get("WHYRELU_MACHINE")
    with one_at_a_time(shared_folder(tmp_path_factory) / "snippets.lock"):
        if machine:
            return machines.run_machine(machine)
        return runner.run_all(strict=False, log=lambda text: None)


@pytest.fixture(scope="session")
def machine_run(tmp_path_factory, snippet_run):
    """``machine_run(name)`` -> every snippet's (results, stats) on the
    emulated machine ``name``, made once (cached by content, like the
    snippets: a warm run costs nothing)."""
    made = {}
    shared = shared_folder(tmp_path_factory)

    def get(name: str):
        if name not in made:
            with one_at_a_time(shared / f"machine-{name}.lock"):
                made[name] = machines.run_machine(name)
        return made[name]

    return get


@pytest.fixture
def snippet(snippet_run):
    """``snippet("answer/claim")`` -> the runner's Result (.results, .stdout, .figures)."""
    results, stats = snippet_run

    def get(name: str) -> runner.Result:
        if name in stats.errors:
            pytest.fail(str(stats.errors[name]), pytrace=False)
        if name not in results:
            pytest.fail(
                f"no snippet named {name!r} (expected snippets/{name}.py)",
                pytrace=False,
            )
        return results[name]

    return get


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, snippet_run) -> Path:
    """The real site, built strictly once per test run (shared by the workers)."""
    shared = shared_folder(tmp_path_factory)
    site, done = shared / "built-site", shared / "built-site.ok"
    with one_at_a_time(shared / "built-site.lock"):
        if not done.exists():
            shutil.rmtree(site, ignore_errors=True)
            proc = mkdocs_build(ROOT, site)
            if proc.returncode != 0:
                pytest.fail(
                    "properdocs build --strict failed:\n" + proc.stdout + proc.stderr,
                    pytrace=False,
                )
            done.touch()
    return site


@pytest.fixture
def scratch_project(tmp_path) -> Path:
    """An empty project that uses the real build machinery (for failure cases)."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "snippets").mkdir()
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.split("\nnav:")[0]
    config = config.replace("site_src/", f"{ROOT}/site_src/").replace(
        "  - site_src\n", f"  - {ROOT}/site_src\n"
    )
    (project / "mkdocs.yml").write_text(config)
    return project


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, dirs_exist_ok=True)
