"""Shared fixtures: snippet results (through the runner's cache) and a built site."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from buildkit import ROOT, mkdocs_build
from site_src.engine import runner


@pytest.fixture(scope="session")
def snippet_run():
    """Every snippet's result, run in parallel once (cached by content).

    ``WHYRELU_MACHINE=old-cpu pytest tests/snippets`` runs the snippet tests
    on an emulated other machine (site_src/engine/machines.py) instead.
    """
    machine = os.environ.get("WHYRELU_MACHINE")
    if machine:
        from site_src.engine import machines

        return machines.run_machine(machine)
    results, stats = runner.run_all(strict=False, log=lambda text: None)
    return results, stats


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
    """The real site, built strictly once per test session."""
    site = tmp_path_factory.mktemp("site") / "site"
    proc = mkdocs_build(ROOT, site)
    if proc.returncode != 0:
        pytest.fail(
            "properdocs build --strict failed:\n" + proc.stdout + proc.stderr,
            pytrace=False,
        )
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
