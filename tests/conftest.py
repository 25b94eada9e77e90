"""Shared fixtures: snippet results (through the runner's cache) and a built site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from site_src import runner  # noqa: E402

BUILD_ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "DISABLE_MKDOCS_2_WARNING": "true",
    "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1780000000"),
}


@pytest.fixture(scope="session")
def snippet_run():
    """Every snippet's result, run in parallel once (cached by content)."""
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
            pytest.fail(f"no snippet named {name!r} (expected snippets/{name}.py)", pytrace=False)
        return results[name]

    return get


def mkdocs_build(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build of ``project`` into ``site_dir``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env or BUILD_ENV,
        capture_output=True,
        text=True,
        timeout=1800,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, snippet_run) -> Path:
    """The real site, built strictly once per test session."""
    site = tmp_path_factory.mktemp("site") / "site"
    proc = mkdocs_build(ROOT, site)
    if proc.returncode != 0:
        pytest.fail("mkdocs build --strict failed:\n" + proc.stdout + proc.stderr, pytrace=False)
    return site


@pytest.fixture
def scratch_project(tmp_path) -> Path:
    """An empty project that uses the real build machinery (for failure cases)."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "snippets").mkdir()
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.split("\nnav:")[0]
    config = config.replace("site_src/", f"{ROOT}/site_src/").replace("  - site_src\n", f"  - {ROOT}/site_src\n")
    (project / "mkdocs.yml").write_text(config)
    return project


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, dirs_exist_ok=True)
