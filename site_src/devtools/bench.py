"""``make bench``: how fast the site builds, and what the runner costs.

Works on a copy of the project in a temporary folder with its own cache, so
a contributor's cache and working tree are never touched. Prints the figures,
then one JSON line. Targets on the 2-core reference machine: overhead at most
50 ms per snippet; warm/plain build time at most 1.25; parallel efficiency at
least 0.8 when there are more snippets than cores; exactly one snippet run
after one edit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from site_src.engine import runner

ROOT = Path(__file__).resolve().parents[2]
COPY = (
    "docs",
    "snippets",
    "site_src",
    "mkdocs.yml",
    "requirements.lock",
    "CONTRIBUTING.md",
    "README.md",
    "CITATION.cff",
    "LICENSE",
    ".git",
)
EMPTY = '"""Empty.\n\nClaim: nothing.\nFigures: none (measures the runner alone)\n"""\n'


# The generator: ProperDocs, the maintained continuation of MkDocs 1.x. It
# reads mkdocs.yml, loads the same theme and plugins (its command line
# points ``mkdocs.*`` imports at itself), and gives the same site apart from
# the generator tag (tests/test_generator.py compares the two).
GENERATOR = "properdocs"


def mkdocs_build(
    project: Path,
    site_dir: Path,
    env: dict,
    timeout: float | None = None,
    generator: str = GENERATOR,
) -> subprocess.CompletedProcess:
    """Run a strict build of the MkDocs project ``project`` (its mkdocs.yml)
    into ``site_dir`` with ``generator`` (``properdocs``, or ``mkdocs`` for a
    comparison); also used by the tests, through tests/buildkit.py."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            generator,
            "build",
            "--strict",
            "--site-dir",
            str(site_dir),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def build(project: Path, cache: Path, execute: bool = True) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "WHYRELU_CACHE": str(cache)}
    env.setdefault("SOURCE_DATE_EPOCH", "1780000000")
    if not execute:
        env["WHYRELU_EXECUTE"] = "0"
    start = time.perf_counter()
    proc = mkdocs_build(project, project / "site", env)
    seconds = time.perf_counter() - start
    if proc.returncode:
        sys.exit(
            "the build failed, so there is nothing to measure:\n" + proc.stderr[-4000:]
        )
    return seconds


def overhead_ms(workdir: Path) -> float:
    """Per-snippet cost of the runner itself: empty snippets, one worker."""
    walls = {}
    for count in (4, 44):
        root = workdir / f"empty{count}"
        for i in range(count):
            (root / "bench").mkdir(parents=True, exist_ok=True)
            (root / "bench" / f"e{i:02d}.py").write_text(EMPTY)
        _, stats = runner.run_all(
            root=root, cache=workdir / f"cache{count}", workers=1, log=lambda _: None
        )
        walls[count] = stats.wall_s
    return (walls[44] - walls[4]) / 40 * 1000


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="whyrelu-bench-"))
    try:
        project = work / "project"
        project.mkdir()
        for name in COPY:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(
                    src, project / name, ignore=shutil.ignore_patterns("__pycache__")
                )
            elif src.exists():
                shutil.copy2(src, project / name)
        cache = work / "cache"
        figures: dict[str, float] = {}
        figures["plain_build_s"] = build(project, cache, execute=False)
        figures["cold_build_s"] = build(project, cache)
        cold = json.loads((cache / "last-run.json").read_text())
        figures["warm_build_s"] = build(project, cache)
        figures["plain_build_s"] = min(
            figures["plain_build_s"], build(project, cache, execute=False)
        )
        snippets = runner.discover(project / "snippets")
        edited = snippets[0]
        edited.write_text(edited.read_text() + "\n# an edit for the benchmark\n")
        figures["one_edit_build_s"] = build(project, cache)
        figures["one_edit_snippets_run"] = json.loads(
            (cache / "last-run.json").read_text()
        )["ran"]
        figures["snippets"] = len(snippets)
        figures["cold_snippet_cpu_s"] = cold["busy_s"]
        figures["overhead_ms_per_snippet"] = overhead_ms(work)
        cores = os.cpu_count() or 1
        figures["parallel_efficiency"] = (
            cold["busy_s"] / (cores * cold["wall_s"]) if cold["wall_s"] else 0.0
        )
        figures["warm_over_plain"] = figures["warm_build_s"] / figures["plain_build_s"]
        try:
            from site_src.devtools import bench_compress
        except ImportError:
            bench_compress = None
        if bench_compress is not None:
            figures.update(bench_compress.measure())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rounded = {
        k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()
    }
    width = max(map(len, rounded))
    for key, value in rounded.items():
        print(f"{key:<{width}}  {value}")
    print(json.dumps(rounded, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
