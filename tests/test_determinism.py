"""Two runs of a snippet give the same bytes; two builds give the same site."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from buildkit import BUILD_ENV, ROOT, mkdocs_build
from site_src.engine import runner


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_every_snippet_gives_identical_figures_twice(snippet_run, tmp_path):
    """A fresh, uncached run against the cached one, byte for byte."""
    results, stats = snippet_run
    timed = [r.path for r in results.values() if r.meta.measures_time_reason]
    paths = [
        p
        for p in runner.discover()
        if p not in timed and runner.snippet_name(p) in results
    ]
    fresh, _ = runner.run_all(
        paths, cache=tmp_path, use_cache=False, strict=False, log=lambda _: None
    )
    differing = []
    for name, again in fresh.items():
        first = results[name]
        assert [f.name for f in again.figure_paths()] == [
            f.name for f in first.figure_paths()
        ]
        for a, b in zip(first.figure_paths(), again.figure_paths()):
            if a.read_bytes() != b.read_bytes():
                differing.append(f"{name}: {a.name}")
        if first.results != again.results:
            differing.append(f"{name}: RESULTS")
    assert not differing, (
        "not deterministic (seed it; no clock, no set ordering): "
        + ", ".join(differing)
    )


@pytest.mark.slow
def test_two_builds_are_identical(built_site, tmp_path):
    """Same sources and SOURCE_DATE_EPOCH -> byte-identical site/ trees."""
    again = tmp_path / "again"
    proc = mkdocs_build(
        ROOT,
        again,
        env={**BUILD_ENV, "SOURCE_DATE_EPOCH": BUILD_ENV["SOURCE_DATE_EPOCH"]},
    )
    assert proc.returncode == 0, proc.stderr
    first, second = tree_digest(built_site), tree_digest(again)
    assert first.keys() == second.keys()
    changed = [k for k in first if first[k] != second[k]]
    assert not changed, f"files differ between two builds: {changed[:10]}"
