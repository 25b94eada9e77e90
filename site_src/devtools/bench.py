"""``make bench``: how fast the site builds, and what the runner costs.

Works on a copy of the project in a temporary folder with its own cache, so
a contributor's cache and working tree are never touched. Prints the figures,
then one JSON line. Targets on the 2-core reference machine: overhead at most
50 ms per snippet; warm/plain build time at most 1.25; parallel efficiency at
least 0.8 when there are more snippets than cores; exactly one snippet run
after one edit. It also runs a real ``make serve`` on the copy and times an
edit of a page and of a snippet until the served page shows it
(``serve_page_edit_s``, ``serve_snippet_edit_s``); ``python -m
site_src.devtools.bench --serve`` measures those alone, from a copy of the
snippet cache.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
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


# ---------------------------------------------------------------- make serve

# The page and snippet the serve figures edit (in the copy, never the real
# ones): an answer page, and a snippet it places with its code shown.
SERVE_PAGE = "why-nonlinearity"
SERVE_SNIPPET = "why-nonlinearity/deep-linear-collapse"
SERVE_EDITS = 3  # edits of each kind; the figure is their median


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (OSError, urllib.error.URLError):
        return ""


def _wait_for(url: str, text: str, timeout: float, server) -> float:
    """Seconds until the page at ``url`` contains ``text`` (polled every 50 ms)."""
    start = time.perf_counter()
    while text not in _fetch(url):
        if server.poll() is not None:
            sys.exit(f"make serve stopped (status {server.returncode}) while measuring")
        if time.perf_counter() - start > timeout:
            sys.exit(f"the served page {url} did not show {text!r} in {timeout:g} s")
        time.sleep(0.05)
    return time.perf_counter() - start


def serve_edits(project: Path, cache: Path) -> dict[str, float]:
    """A real ``properdocs serve`` (as ``make serve`` runs it) on a free port of
    127.0.0.1: seconds from saving a page, then a snippet, of the copy to the
    served page showing the change (median of SERVE_EDITS edits each), and
    the edited snippet's own run time, for comparison."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "WHYRELU_CACHE": str(cache)}
    env.setdefault("SOURCE_DATE_EPOCH", "1780000000")
    with open(project / "serve.log", "w") as log:
        return _serve_edits(project, env, port, log)


def _serve_edits(project: Path, env: dict, port: int, log) -> dict[str, float]:
    from site_src.devtools.scaffold import preview_url

    cache = Path(env["WHYRELU_CACHE"])
    server = subprocess.Popen(
        [sys.executable, "-m", GENERATOR, "serve", "--dev-addr",
         f"127.0.0.1:{port}", "--livereload", "--no-strict"],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    url = preview_url(project, SERVE_PAGE, host=f"127.0.0.1:{port}")
    try:
        _wait_for(url, "</html>", 900, server)
        time.sleep(2)  # let the watcher settle after the first build
        page = project / "docs" / f"{SERVE_PAGE}.md"
        snippet = project / "snippets" / f"{SERVE_SNIPPET}.py"
        page_s, snippet_s, run_s = [], [], []
        for n in range(SERVE_EDITS):
            marker = f"Benchmark edit {n} {time.time_ns()}."
            page.write_text(page.read_text() + f"\n{marker}\n")
            page_s.append(_wait_for(url, marker, 300, server))
            marker = f"benchmark edit {n} {time.time_ns()}"
            snippet.write_text(snippet.read_text() + f"\n# {marker}\n")
            snippet_s.append(_wait_for(url, marker, 600, server))
            run_s.append(json.loads((cache / "last-run.json").read_text())["busy_s"])
            time.sleep(1)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    return {
        "serve_page_edit_s": statistics.median(page_s),
        "serve_snippet_edit_s": statistics.median(snippet_s),
        "serve_snippet_run_s": statistics.median(run_s),
    }


def copy_project(work: Path) -> Path:
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
    return project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_src.devtools.bench",
        description="How fast the site builds and previews, on a copy of the "
        "project (minutes: every snippet runs from an empty cache).",
    )
    parser.add_argument(
        "--serve",
        action="store_true",
        help="only the preview figures (serve_page_edit_s, serve_snippet_edit_s), "
        "from a copy of the snippet cache",
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    work = Path(tempfile.mkdtemp(prefix="whyrelu-bench-"))
    if args.serve:
        # The serve figures alone, starting from a copy of the snippet cache.
        try:
            # In the project's own .cache: the notebooks hook reads the
            # snippets from there whatever WHYRELU_CACHE says.
            project = copy_project(work)
            cache = project / ".cache" / "snippets"
            if (ROOT / ".cache" / "snippets").is_dir():
                shutil.copytree(ROOT / ".cache" / "snippets", cache)
            return _report(serve_edits(project, cache))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    try:
        project = copy_project(work)
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
        figures.update(serve_edits(project, cache))
        try:
            from site_src.devtools import bench_compress
        except ImportError:
            bench_compress = None
        if bench_compress is not None:
            figures.update(bench_compress.measure())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return _report(figures)


def _report(figures: dict[str, float]) -> int:
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
