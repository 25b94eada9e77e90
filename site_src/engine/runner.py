"""Run every snippet once, in parallel, cached by content.

Plain Python first: ``python -m site_src.engine.runner [snippet ...]`` runs the
snippets (all of them by default) and prints a summary; the
Markdown pass (``site_src/markdown/render.py``) calls :func:`run_all` the same way.

A result is cached under ``.cache/snippets/<answer>/<claim>/<key>/`` where
the key hashes the snippet, the local modules it imports (transitively), the
data files it reads, this runner, the locked library versions and the Python
version. Only snippets without an entry for their current key run. A failed
run writes nothing to the cache, so the last good entry survives and the next
build tries again.
"""

from __future__ import annotations

import argparse
import ast
import copy
import hashlib
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from site_src.engine.errors import ROOT, SnippetError, SnippetErrors, rel
from site_src.engine.meta import Meta, parse_source

SNIPPETS = ROOT / "snippets"
CACHE = ROOT / ".cache" / "snippets"
LOCK = ROOT / "requirements.lock"
_MACHINERY = (
    "errors.py",
    "meta.py",
    "style.py",
    "worker.py",
    "forkserver.py",
    "runner.py",
)
KEEP_ENTRIES = 3
# A line every PROGRESS_S seconds names the snippets running longer than that.
PROGRESS_S = 10.0
# How long a snippet past its limit gets to write its stack before SIGKILL.
# It takes milliseconds; the margin is for a machine too busy to schedule it
# (the test that the error names the line must not depend on load).
STACK_WAIT_S = 30.0
STACK_FILE = "stack.txt"  # site_src.worker writes it on SIGUSR1
# A snippet's limit is CPU time; one that idles is stopped at this many times
# its limit of wall time.
WALL_FACTOR = 3.0


@dataclass
class Snippet:
    """A snippet on disk, parsed but not yet run."""

    name: str  # "<answer>/<claim>"
    path: Path
    meta: Meta
    key: str


@dataclass
class Result:
    """What one snippet made: figures, printed output and RESULTS."""

    name: str
    path: Path
    meta: Meta
    key: str
    dir: Path
    figures: list[dict]
    results: dict
    stdout: str
    seconds: float
    cached: bool

    def figure_paths(self) -> list[Path]:
        paths = []
        for figure in self.figures:
            files = figure["files"] if figure["kind"] == "frames" else [figure["file"]]
            files += [figure["preview"]] if "preview" in figure else []
            paths += [self.dir / f for f in files]
        return paths


@dataclass
class RunStats:
    total: int = 0
    ran: int = 0
    cached: int = 0
    wall_s: float = 0.0
    busy_s: float = 0.0
    workers: int = 1
    slowest: list[tuple[str, float]] = field(default_factory=list)
    errors: dict[str, SnippetError] = field(default_factory=dict)

    def save(self, path: Path) -> None:
        """The last build's figures, for ``make bench``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            k: getattr(self, k)
            for k in ("total", "ran", "cached", "wall_s", "busy_s", "workers")
        }
        path.write_text(json.dumps(data, indent=1))

    def summary(self) -> str:
        text = (
            f"snippets: {self.ran} ran, {self.cached} from cache, {self.total} in all"
        )
        if self.ran:
            text += f"; {self.wall_s:.1f} s on {self.workers} workers"
            if self.slowest:
                text += "; slowest: " + ", ".join(
                    f"{n} {s:.1f} s" for n, s in self.slowest[:3]
                )
        return text


# ---------------------------------------------------------------- discovery


def discover(root: Path = SNIPPETS) -> list[Path]:
    """Every snippet file: ``<answer>/<claim>.py`` outside ``_``-folders."""
    found = []
    for path in sorted(root.glob("*/*.py")):
        if path.parent.name.startswith(("_", ".")) or path.name.startswith("_"):
            continue
        found.append(path)
    return found


def snippet_name(path: Path, root: Path = SNIPPETS) -> str:
    return path.relative_to(root).with_suffix("").as_posix()


def load(
    path: Path,
    root: Path = SNIPPETS,
    machinery: str | None = None,
    parsed: dict | None = None,
) -> Snippet:
    """The snippet at ``path``, with its cache key. ``machinery``: the digest
    of the runner and locked versions (:func:`_machinery_digest`), when the
    caller loads many snippets and has it already. ``parsed``: a dict the
    caller keeps from one build to the next (``make serve``), which saves
    parsing a file whose text has not changed (the key still hashes every
    file's current bytes)."""
    source = path.read_text(encoding="utf-8")
    found = parsed.get((str(path), source)) if parsed is not None else None
    if found is None:
        meta, tree = parse_source(path, source)
        found = (meta, _import_names(tree))
        if parsed is not None:
            parsed[(str(path), source)] = found
    meta, names = found
    return Snippet(
        snippet_name(path, root),
        path,
        copy.deepcopy(meta),
        _key(path, source, names, root, machinery, parsed),
    )


# ---------------------------------------------------------------- cache keys


def _machinery_digest() -> str:
    digest = hashlib.sha256()
    for name in _MACHINERY:
        digest.update((ROOT / "site_src" / "engine" / name).read_bytes())
    if LOCK.exists():
        digest.update(LOCK.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def _import_names(tree: ast.Module) -> list[str]:
    """The top-level names of the absolute imports in ``tree``, sorted."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return sorted(names)


def _local_imports(names: list[str] | ast.Module, search: list[Path]) -> list[Path]:
    """The local modules (files of ``search``) among the imported ``names``
    (or those of a parsed module)."""
    if isinstance(names, ast.AST):
        names = _import_names(names)
    found = []
    for name in names:
        for folder in search:
            candidate = folder / f"{name}.py"
            if candidate.exists():
                found.append(candidate)
                break
            if (folder / name / "__init__.py").exists():
                # A package: every module in it counts (its own imports are
                # relative, which the search above does not follow).
                found += sorted((folder / name).rglob("*.py"))
                break
    return found


def _key(
    path: Path,
    source: str,
    names: list[str],
    root: Path,
    machinery: str | None = None,
    parsed: dict | None = None,
) -> str:
    digest = hashlib.sha256((machinery or _machinery_digest()).encode())
    digest.update(source.encode())
    search = [path.parent, root / "_lib"]
    seen: set[Path] = set()
    todo = _local_imports(names, search)
    reads_data = "_data" in source
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        text = module.read_text(encoding="utf-8")
        reads_data = reads_data or "_data" in text
        imports = parsed.get(("module", text)) if parsed is not None else None
        if imports is None:
            imports = _import_names(ast.parse(text))
            if parsed is not None:
                parsed[("module", text)] = imports
        todo += _local_imports(imports, [module.parent, root / "_lib"])
    for module in sorted(seen):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    data = root / "_data"
    if reads_data and data.is_dir():
        for item in sorted(p for p in data.rglob("*") if p.is_file()):
            digest.update(
                item.relative_to(data).as_posix().encode() + b"\0" + item.read_bytes()
            )
    return digest.hexdigest()[:20]


def _entry(cache: Path, snippet: Snippet) -> Path:
    return cache / snippet.name / snippet.key


def _load_cached(cache: Path, snippet: Snippet) -> Result | None:
    entry = _entry(cache, snippet)
    meta_file = entry / "result.json"
    if not meta_file.exists():
        return None
    data = json.loads(meta_file.read_text())
    return _result(snippet, entry, data, cached=True)


def _result(snippet: Snippet, entry: Path, data: dict, cached: bool) -> Result:
    stdout = (
        (entry / "output.txt").read_text(encoding="utf-8")
        if (entry / "output.txt").exists()
        else ""
    )
    return Result(
        name=snippet.name,
        path=snippet.path,
        meta=snippet.meta,
        key=snippet.key,
        dir=entry,
        figures=data["figures"],
        results=data["results"],
        stdout=stdout,
        seconds=data.get("seconds", 0.0),
        cached=cached,
    )


def _prune(cache: Path, snippet: Snippet) -> None:
    """Keep the newest few entries of a snippet: old keys are rarely wanted."""
    folder = cache / snippet.name
    entries = sorted(
        (p for p in folder.iterdir() if p.is_dir()),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in entries[KEEP_ENTRIES:]:
        shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------- running


class ForkServer:
    """The parent's side of ``site_src.engine.forkserver``."""

    def __init__(self, machine_env: dict[str, str] | None = None) -> None:
        env = dict(os.environ)
        # One core per snippet: the runner parallelises across snippets.
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env[var] = "1"
        env["MPLBACKEND"] = "Agg"
        env["PYTHONHASHSEED"] = "0"
        # An emulated other machine (site_src.engine.machines): another BLAS kernel,
        # numpy's SIMD cut to its baseline, another BLAS thread count.
        env.update(machine_env or {})
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "site_src.engine.forkserver"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env=env,
        )
        self._buffer = b""
        first = self.read(timeout=120)
        if not first or not first[0].get("ready"):
            raise RuntimeError("the snippet fork server did not start")

    def submit(self, job_id: str, path: Path, out: Path) -> None:
        message = json.dumps({"id": job_id, "path": str(path), "out": str(out)}) + "\n"
        self.proc.stdin.write(message.encode())
        self.proc.stdin.flush()

    def read(self, timeout: float) -> list[dict]:
        fd = self.proc.stdout.fileno()
        messages = []
        ready, _, _ = select.select([fd], [], [], timeout)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                raise RuntimeError("the snippet fork server stopped unexpectedly")
            self._buffer += chunk
            while b"\n" in self._buffer:
                line, self._buffer = self._buffer.split(b"\n", 1)
                messages.append(json.loads(line))
        return messages

    def close(self) -> None:
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


class KeptForkServer:
    """A fork server kept across runs (``run_all(server=...)``): ``serve``
    keeps one, so a snippet edit does not pay for a new interpreter with
    numpy and matplotlib imported (about a second here).

    Each run opens a handle on the one server. A handle closed with jobs
    still running (the run was stopped) stops the server, and so does a
    change to what it was started with (the runner's files, the lock and
    Python, as in the cache key; the emulated machine) or its death: the
    next run then starts a new one. ``stop`` ends it (the end of ``serve``).
    """

    def __init__(self) -> None:
        self.server: ForkServer | None = None
        self.key: str | None = None

    def open(self, machine_env: dict[str, str] | None = None) -> _KeptHandle:
        key = _machinery_digest() + repr(sorted((machine_env or {}).items()))
        if self.server is not None and (
            self.key != key or self.server.proc.poll() is not None
        ):
            self.stop()
        if self.server is None:
            self.server, self.key = ForkServer(machine_env), key
        return _KeptHandle(self)

    def stop(self) -> None:
        if self.server is not None:
            server, self.server = self.server, None
            server.close()


class _KeptHandle:
    """One run's use of a :class:`KeptForkServer` (what ``_run`` calls)."""

    def __init__(self, kept: KeptForkServer) -> None:
        self.kept, self.server = kept, kept.server
        self.proc = self.server.proc
        self.running = 0  # jobs submitted whose end was not read yet

    def submit(self, job_id: str, path: Path, out: Path) -> None:
        self.running += 1
        self.server.submit(job_id, path, out)

    def read(self, timeout: float) -> list[dict]:
        messages = self.server.read(timeout)
        self.running -= sum(1 for m in messages if "status" in m)
        return messages

    def close(self) -> None:
        if self.running and self.kept.server is self.server:
            self.kept.stop()  # a stopped run: its children's news would mislead the next


def run_all(
    paths: list[Path] | None = None,
    *,
    root: Path = SNIPPETS,
    cache: Path = CACHE,
    workers: int | None = None,
    use_cache: bool = True,
    log: Callable[[str], None] | None = None,
    strict: bool = True,
    machine_env: dict[str, str] | None = None,
    progress_s: float = PROGRESS_S,
    parsed: dict | None = None,
    measured_cache: Path | None = None,
    server: KeptForkServer | None = None,
) -> tuple[dict[str, Result], RunStats]:
    """Run the stale snippets (all when ``use_cache`` is false).

    Returns every snippet's result by name, and statistics. With ``strict``
    (the default), raises SnippetErrors listing every snippet that failed;
    the others' results are cached all the same. Otherwise the failures are
    in ``stats.errors`` by snippet name. ``machine_env`` runs the snippets
    under an emulated other machine (give each machine a cache of its own).
    Every ``progress_s`` seconds, ``log`` names the snippets that have been
    running longer than that. ``parsed``: see :func:`load`.

    ``measured_cache`` (with ``machine_env``): a snippet that declares
    ``Measures:`` times *this* computer, and the second-machine check leaves
    it out, so emulating another BLAS for it says nothing. It runs without
    the emulation, in this cache (the native one: a run there is reused).

    ``server``: run on this kept fork server rather than on one started
    for this run and stopped after it.
    """
    log = log or (lambda text: print(text, file=sys.stderr))
    paths = discover(root) if paths is None else [Path(p).resolve() for p in paths]
    workers = workers or os.cpu_count() or 1
    errors: list[SnippetError] = []
    results: dict[str, Result] = {}
    todo: list[Snippet] = []
    # Hashed once for the whole run, not once per snippet.
    machinery = _machinery_digest()
    for path in paths:
        try:
            snippet = load(path, root, machinery, parsed)
        except SnippetError as exc:
            errors.append(exc)
            continue
        cached = _load_cached(cache, snippet) if use_cache else None
        if cached:
            results[snippet.name] = cached
        else:
            todo.append(snippet)

    if machine_env and measured_cache is not None:
        native = [s for s in todo if s.meta.measures_time_reason]
        todo = [s for s in todo if not s.meta.measures_time_reason]
        if native:
            found, native_stats = run_all(
                [s.path for s in native],
                root=root,
                cache=measured_cache,
                workers=workers,
                log=log,
                strict=False,
                progress_s=progress_s,
                parsed=parsed,
                server=server,
            )
            results.update(found)
            errors += native_stats.errors.values()

    stats = RunStats(total=len(paths), cached=len(results), workers=workers)
    if todo:
        started = time.perf_counter()
        log(f"snippets: {len(todo)} to run, {min(workers, len(todo))} at a time")
        ran, failed = _run(todo, cache, workers, log, machine_env, progress_s, server)
        stats.wall_s = time.perf_counter() - started
        results.update(ran)
        errors += failed
        stats.ran = len(todo)
        stats.busy_s = sum(r.seconds for r in ran.values())
        stats.slowest = sorted(
            ((r.name, r.seconds) for r in ran.values()), key=lambda t: -t[1]
        )
    log(stats.summary())
    for error in errors:
        stats.errors[snippet_name(error.path, root)] = error
    if errors and strict:
        raise SnippetErrors(errors)
    return results, stats


def _run(
    todo: list[Snippet],
    cache: Path,
    workers: int,
    log: Callable[[str], None],
    machine_env: dict[str, str] | None = None,
    progress_s: float = PROGRESS_S,
    kept: KeptForkServer | None = None,  # run_all's ``server``
) -> tuple[dict[str, Result], list[SnippetError]]:
    # Longest first (by the last known time) keeps both cores busy to the end.
    todo = sorted(todo, key=lambda s: -_last_seconds(cache, s))
    server = kept.open(machine_env) if kept else ForkServer(machine_env)
    scratch = Path(tempfile.mkdtemp(prefix="snippets-"))
    results: dict[str, Result] = {}
    errors: list[SnippetError] = []
    pending = list(todo)
    running: dict[str, dict] = {}
    done = 0
    last_progress = time.perf_counter()
    try:
        while pending or running:
            while pending and len(running) < workers:
                snippet = pending.pop(0)
                out = scratch / snippet.name.replace("/", "__")
                server.submit(snippet.name, snippet.path, out)
                running[snippet.name] = {
                    "snippet": snippet,
                    "out": out,
                    "start": time.perf_counter(),
                    "pid": None,
                }
            for message in server.read(timeout=0.2):
                job = running.get(message["id"])
                if job is None:
                    continue
                if "pid" in message:
                    job["pid"] = message["pid"]
                    continue
                seconds = time.perf_counter() - job["start"]
                del running[message["id"]]
                done += 1
                outcome = _finish(
                    job["snippet"], job["out"], message["status"], seconds, cache
                )
                if isinstance(outcome, SnippetError):
                    errors.append(outcome)
                    log(f"snippets: {done}/{len(todo)} FAILED {job['snippet'].name}")
                else:
                    results[outcome.name] = outcome
                    log(
                        f"snippets: {done}/{len(todo)} done, {outcome.name} {seconds:.1f} s"
                    )
            now = time.perf_counter()
            if now - last_progress >= progress_s:
                last_progress = now
                slow = [j for j in running.values() if now - j["start"] >= progress_s]
                if slow:
                    log(_progress_line(slow, now))
            for job in list(running.values()):
                _enforce_limit(job, now)
    finally:
        server.close()
        shutil.rmtree(scratch, ignore_errors=True)
    return results, errors


def _progress_line(jobs: list[dict], now: float) -> str:
    """Which snippets are still running, for how long, against their limit."""
    parts = []
    for job in sorted(jobs, key=lambda j: j["start"]):
        cpu = _cpu_seconds(job["pid"]) if job["pid"] else None
        used = f", {cpu:.0f} s of CPU" if cpu is not None else ""
        parts.append(
            f"{job['snippet'].name} {now - job['start']:.0f} s{used} "
            f"(limit {job['snippet'].meta.timeout_s:g} s)"
        )
    return "snippets: still running: " + ", ".join(parts)


def _enforce_limit(job: dict, now: float) -> None:
    """Stop a snippet past its time limit: first its stack, then SIGKILL.

    SIGUSR1 makes the worker write its Python stack to ``stack.txt``
    (faulthandler); once that is there (or after ``STACK_WAIT_S``, if the
    snippet never wrote it) the snippet is killed. The server reports the
    exit, and :func:`_finish` makes the error, naming the line from the stack.
    """
    if not job["pid"] or job.get("killed"):
        return
    limit, wall = job["snippet"].meta.timeout_s, now - job["start"]
    cpu = _cpu_seconds(job["pid"])
    if (wall if cpu is None else cpu) <= limit and wall <= WALL_FACTOR * limit:
        return
    stack = job["out"] / STACK_FILE
    if "warned" not in job:
        job["warned"] = now
        _signal(job["pid"], signal.SIGUSR1)
    elif job.get("stack_seen") or now - job["warned"] > STACK_WAIT_S:
        # One more turn of the loop after the stack appeared: it is complete.
        job["killed"] = True
        _signal(job["pid"], signal.SIGKILL)
    elif stack.exists() and stack.stat().st_size:
        job["stack_seen"] = True


def _cpu_seconds(pid: int) -> float | None:
    """CPU time the process has used (Linux), None where /proc has no answer.

    The time limit counts CPU time, not wall time: on a machine busy with
    other work a snippet gets less of the CPU per second, and its limit must
    not run out for that. (A snippet that waits without computing is stopped
    at WALL_FACTOR times its limit.)
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime + stime


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


_FRAME = re.compile(r'^\s*File "(?P<file>.*)", line (?P<line>\d+) in (?P<func>.*)$')


def _stopped_at(out: Path, snippet: Snippet) -> tuple[int | None, str]:
    """The snippet's line a stopped run was executing, and that line's code.

    The innermost frame in the snippet's own file (faulthandler prints the
    most recent call first); None when the stack never arrived.
    """
    stack = out / STACK_FILE
    text = stack.read_text(errors="replace") if stack.exists() else ""
    for row in text.splitlines():
        match = _FRAME.match(row)
        if match and Path(match["file"]) == snippet.path:
            number = int(match["line"])
            lines = snippet.path.read_text(encoding="utf-8").splitlines()
            code = lines[number - 1].strip() if 0 < number <= len(lines) else ""
            return number, code
    return None, ""


def _finish(snippet: Snippet, out: Path, status: int, seconds: float, cache: Path):
    partial = (
        (out / "output.txt").read_text(encoding="utf-8", errors="replace")
        if (out / "output.txt").exists()
        else ""
    )
    stopped = (-signal.SIGKILL, -signal.SIGUSR1)
    if status in stopped and not (out / "error.json").exists():
        tail = "\n".join(partial.splitlines()[-20:]) or "(it printed nothing)"
        line, code = _stopped_at(out, snippet)
        where = f" while running line {line}: {code}" if line else ""
        return SnippetError(
            snippet.path,
            line,
            f"ran past its time limit of {snippet.meta.timeout_s:g} s and was "
            f"killed{where}",
            "make it faster, or declare a longer limit with a reason in its docstring: "
            "`Timeout: 300 (why it needs longer)`",
            "partial output:\n" + tail,
        )
    if (out / "error.json").exists():
        error = json.loads((out / "error.json").read_text())
        detail = error["traceback"]
        if partial.strip():
            detail = "output before the error:\n" + partial.rstrip() + "\n\n" + detail
        return SnippetError(
            snippet.path,
            error["line"],
            f"the snippet raised {error['type']}: {error['message']}",
            f"fix it and rebuild (run it alone: python {rel(snippet.path)})",
            detail,
        )
    if status != 0 or not (out / "result.json").exists():
        return SnippetError(
            snippet.path,
            None,
            f"the snippet's process ended with status {status} and no result",
            f"run it alone to see why: python {rel(snippet.path)}",
            partial,
        )
    data = json.loads((out / "result.json").read_text())
    if not data["figures"] and not snippet.meta.no_figures_reason:
        return SnippetError(
            snippet.path,
            None,
            "the snippet drew no figure",
            "draw one and leave it open (no savefig, no show), or declare "
            "`Figures: none (why)` in its docstring",
        )
    if data["figures"] and snippet.meta.no_figures_reason:
        return SnippetError(
            snippet.path,
            1,
            "the docstring says `Figures: none` but the snippet drew figures",
            "remove the `Figures:` line or stop drawing",
        )
    (out / STACK_FILE).unlink(missing_ok=True)
    data["seconds"] = round(seconds, 3)
    (out / "result.json").write_text(json.dumps(data, indent=1, sort_keys=True))
    entry = _entry(cache, snippet)
    entry.parent.mkdir(parents=True, exist_ok=True)
    staging = entry.parent / (entry.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(out, staging)
    shutil.rmtree(entry, ignore_errors=True)
    staging.rename(entry)
    _prune(cache, snippet)
    return _result(snippet, entry, data, cached=False)


def _last_seconds(cache: Path, snippet: Snippet) -> float:
    folder = cache / snippet.name
    best = 0.0
    if folder.is_dir():
        for entry in folder.iterdir():
            result = entry / "result.json"
            if result.exists():
                best = max(best, json.loads(result.read_text()).get("seconds", 0.0))
    return best


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_src.engine.runner", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "snippets", nargs="*", type=Path, help="snippet files (default: all)"
    )
    parser.add_argument("--no-cache", action="store_true", help="run even when cached")
    parser.add_argument(
        "--workers", type=int, default=None, help="parallel snippets (default: cores)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    try:
        results, _ = run_all(
            args.snippets or None, use_cache=not args.no_cache, workers=args.workers
        )
    except SnippetErrors as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if args.json:
        print(
            json.dumps(
                {
                    n: {
                        "results": r.results,
                        "figures": [str(p) for p in r.figure_paths()],
                    }
                    for n, r in results.items()
                },
                indent=1,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
