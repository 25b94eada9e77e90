"""The second-machine check: would another computer print the same pages?

A page's numbers come from snippets, and a snippet's floating-point results
can depend on the machine that ran it: the BLAS kernel OpenBLAS picks for the
CPU, the SIMD code numpy dispatches to, the number of BLAS threads, and the
build of the C maths library's exp, sin, cos (glibc picks one for the CPU,
and their last bits differ). This
module runs every snippet again under an *emulated other machine* (the same
computer, with those choices forced another way through environment
variables) and compares what the pages would print:

- every ``[[value ...]]``, formatted exactly as the page prints it;
- the printed output of every placed snippet;
- every figure, by the rule in :func:`svg_difference` (same drawing and
  text, every coordinate within ``SVG_TOLERANCE`` points).

``[[measured ...]]`` values and snippets that declare ``Measures:`` are
measurements of the build machine: the page marks them (class
``wr-measured``) and this check leaves exactly those out.

Each machine's results are cached by content under
``.cache/machines/<machine>/<digest of its settings>/``, like the runner's
own cache, so a warm run costs nothing. Command line::

    python -m site_src.engine.machines                 # the machines make test checks
    python -m site_src.engine.machines --machine all   # every emulated machine
    python -m site_src.engine.machines --list
    python -m site_src.engine.machines snippets/why-nonlinearity/*.py   # some snippets
"""

from __future__ import annotations

import argparse
import hashlib
import html.parser
import platform
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from site_src.engine import runner
from site_src.engine.errors import rel
from site_src.markdown import pages

ROOT = runner.ROOT
CACHE = ROOT / ".cache" / "machines"

# Figures: the same drawing, the same text, every coordinate within this many
# SVG points (1/72 inch; a figure is drawn 6.4 inches wide and shown about
# 700 pixels wide, so half a point is about two thirds of a screen pixel).
SVG_TOLERANCE = 0.5

_X86 = platform.machine().lower() in {"x86_64", "amd64", "i386", "i686"}


def _numpy_dispatch() -> str:
    """Every SIMD target numpy can dispatch to beyond its baseline.

    Disabling them all (``NPY_DISABLE_CPU_FEATURES``) runs numpy's baseline
    code, as on an older CPU. The names differ between numpy versions and
    CPU families, so they are read from numpy itself.
    """
    try:
        from numpy._core import _multiarray_umath as umath
    except ImportError:  # numpy 1.x
        from numpy.core import _multiarray_umath as umath
    return " ".join(getattr(umath, "__cpu_dispatch__", []))


def _machines() -> dict[str, dict[str, str]]:
    simd = _numpy_dispatch()
    machines: dict[str, dict[str, str]] = {}
    # The C library's maths (exp, sin, cos, log1p, which numpy calls where it
    # has no SIMD code of its own) as on a CPU without AVX and fused
    # multiply-add: glibc then picks its SSE2 builds, whose last bits differ
    # from its FMA builds' in a few results in a thousand.
    libm = (
        {"GLIBC_TUNABLES": "glibc.cpu.hwcaps=-AVX2,-FMA,-AVX"}
        if _X86 and platform.libc_ver()[0] == "glibc"
        else {}
    )
    if _X86:
        machines["old-cpu"] = {
            # Another CPU, all at once: OpenBLAS's Prescott kernel (SSE3),
            # numpy's baseline SIMD, the BLAS split over two threads, and
            # the maths library's SSE2 builds.
            "OPENBLAS_CORETYPE": "Prescott",
            "NPY_DISABLE_CPU_FEATURES": simd,
            "OPENBLAS_NUM_THREADS": "2",
            **libm,
        }
        machines["sandybridge"] = {"OPENBLAS_CORETYPE": "Sandybridge"}
        if libm:
            machines["libm-sse2"] = libm
        machines["prescott"] = {"OPENBLAS_CORETYPE": "Prescott"}
        machines["haswell"] = {"OPENBLAS_CORETYPE": "Haswell"}
    else:
        machines["old-cpu"] = {
            "NPY_DISABLE_CPU_FEATURES": simd,
            "OPENBLAS_NUM_THREADS": "2",
        }
    machines["baseline-simd"] = {"NPY_DISABLE_CPU_FEATURES": simd}
    machines["blas-2-threads"] = {"OPENBLAS_NUM_THREADS": "2"}
    return {name: env for name, env in machines.items() if all(env.values())}


MACHINES = _machines()
# What `make test` checks: one machine that changes everything at once, and
# one with just another BLAS kernel (x86 only). `--machine all` runs each
# emulation alone as well.
CHECKED = [name for name in ("old-cpu", "sandybridge") if name in MACHINES]


def cache_for(name: str) -> Path:
    """Where the machine ``name``'s results are cached: a folder per set of
    settings, so that results made under a machine's earlier settings are
    never taken for its present ones."""
    settings = repr(sorted(MACHINES[name].items())).encode()
    return CACHE / name / hashlib.sha256(settings).hexdigest()[:12]


def describe(name: str) -> str:
    env = MACHINES[name]
    return f"{name} ({' '.join(f'{k}={v}' for k, v in env.items())})"


def run_machine(
    name: str,
    root: Path = runner.SNIPPETS,
    cache: Path | None = None,
    log=None,
    paths: list[Path] | None = None,
    measured_cache: Path | None = None,
) -> tuple[dict[str, runner.Result], runner.RunStats]:
    """Every snippet's result on the emulated machine ``name`` (cached).

    A ``Measures:`` snippet (a timing, left out of the comparison) is not
    emulated: it comes from ``measured_cache``, the native cache (by default
    the project's own, for the project's own snippets).
    """
    if measured_cache is None and root == runner.SNIPPETS:
        measured_cache = runner.CACHE
    return runner.run_all(
        paths,
        root=root,
        cache=cache or cache_for(name),
        strict=False,
        log=log or (lambda _: None),
        machine_env=MACHINES[name],
        measured_cache=measured_cache,
    )


# ---------------------------------------------------------------- comparing


@dataclass
class Difference:
    """One thing a page prints that another machine prints otherwise."""

    where: str  # docs/<page>.md:<line>
    what: str  # the value, output or figure
    here: str
    there: str
    machine: str = ""

    def __str__(self) -> str:
        machine = describe(self.machine) if self.machine in MACHINES else "other"
        return (
            f"{self.where}: {self.what}\n"
            f"    this machine: {self.here}\n"
            f"    {machine}: {self.there}"
        )


def _page_lines(page: Path) -> Iterable[tuple[int, str]]:
    """(line number in the file, text) of each line outside fenced code."""
    lines = page.read_text(encoding="utf-8").splitlines()
    for number, (line, inside) in enumerate(pages.fenced(lines), start=1):
        if not inside:
            yield number, pages.INLINE_CODE.sub("", line)


def compare(
    here: dict[str, runner.Result],
    there: dict[str, runner.Result],
    docs: Path = ROOT / "docs",
    machine: str = "",
    failed_there: Iterable[str] = (),
) -> list[Difference]:
    """What the pages under ``docs`` print differently with ``there``'s results."""
    found: list[Difference] = []
    failed_there = set(failed_there)
    for page in sorted(docs.rglob("*.md")):
        for number, line in _page_lines(page):
            where = f"{rel(page)}:{number}"
            for match in pages.VALUE.finditer(line):
                name, key, fmt = match.group("name", "key", "fmt")
                if name not in here:
                    continue  # the build reports a missing snippet itself
                if name in failed_there or name not in there:
                    found.append(
                        Difference(where, f"snippet {name}", "ran", "FAILED", machine)
                    )
                    continue
                a = _formatted(here[name], key, fmt)
                b = _formatted(there[name], key, fmt)
                if a != b:
                    found.append(Difference(where, match.group(0), a, b, machine))
            block = pages.SNIPPET_LINE.match(line)
            if block and block.group("name") in here:
                found += _compare_placed(
                    block.group("name"),
                    block.group("opts"),
                    where,
                    here,
                    there,
                    machine,
                    failed_there,
                )
    return found


def _formatted(result: runner.Result, key: str, fmt: str | None) -> str:
    if key not in result.results:
        return f"(no key {key!r})"
    return pages.format_value(result.results[key], fmt)


def _compare_placed(name, opts, where, here, there, machine, failed_there):
    a = here[name]
    if a.meta.measures_time_reason:
        return []  # a measurement: the page marks it, the check leaves it out
    if name in failed_there or name not in there:
        return [Difference(where, f"snippet {name}", "ran", "FAILED", machine)]
    b = there[name]
    found = []
    if "output=none" not in opts.split() and a.stdout != b.stdout:
        found.append(
            Difference(
                where,
                f"printed output of {name}, {_first_difference(a.stdout, b.stdout)}",
                _line(a.stdout, b.stdout, 0),
                _line(a.stdout, b.stdout, 1),
                machine,
            )
        )
    mine, theirs = a.figure_paths(), b.figure_paths()
    if [p.name for p in mine] != [p.name for p in theirs]:
        found.append(
            Difference(
                where,
                f"figures of {name}",
                ", ".join(p.name for p in mine),
                ", ".join(p.name for p in theirs),
                machine,
            )
        )
        return found
    for p, q in zip(mine, theirs):
        if p.suffix != ".svg" or p.read_bytes() == q.read_bytes():
            continue
        problem = svg_difference(p.read_text(), q.read_text())
        if problem:
            found.append(
                Difference(
                    where,
                    f"figure {name} {p.name}: {problem[0]}",
                    *problem[1:],
                    machine,
                )
            )
    return found


def _first_difference(a: str, b: str) -> str:
    for number, (x, y) in enumerate(zip(a.splitlines(), b.splitlines()), start=1):
        if x != y:
            return f"line {number}"
    return "its length"


def _line(a: str, b: str, which: int) -> str:
    for x, y in zip(a.splitlines(), b.splitlines()):
        if x != y:
            return (x, y)[which]
    return f"{len((a, b)[which].splitlines())} lines"


# ---------------------------------------------------------------- figures

# Matplotlib names markers and clip paths by a hash of their content (a tick
# that moved by a thousandth of a point gets another name); the names carry
# no drawing of their own, so they are numbered by appearance before comparing.
_HASHED_ID = re.compile(r"\b([mp][0-9a-f]{10})\b")
_SVG_PART = re.compile(r"<[^>]*>|[^<]+")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
_IMAGE = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=\s]+)")
_GROUP_ID = re.compile(r'\bid="([a-zA-Z][\w.]*_\d+)"')

# Embedded rasters (imshow): the share of pixels that may differ, each by
# any amount (a class boundary that moved by one pixel somewhere).
RASTER_TOLERANCE = 0.002


def _normalise_ids(svg: str) -> str:
    names: dict[str, str] = {}
    return _HASHED_ID.sub(lambda m: names.setdefault(m.group(1), f"h{len(names)}"), svg)


def _raster_difference(a: str, b: str) -> float:
    """The share of pixels that differ between two base64 PNG images."""
    import base64
    import io

    import numpy as np
    from PIL import Image

    x, y = (
        np.asarray(Image.open(io.BytesIO(base64.b64decode("".join(v.split())))))
        for v in (a, b)
    )
    if x.shape != y.shape:
        return 1.0
    differ = np.any(x != y, axis=-1) if x.ndim == 3 else x != y
    return float(differ.mean())


def svg_difference(a: str, b: str, tolerance: float = SVG_TOLERANCE):
    """None if two SVG figures look the same, else (what, this, other).

    The same: after hashed ids are numbered by appearance, the two files
    have the same elements in the same order, the same text (labels, titles,
    tick labels: compared exactly), every coordinate within ``tolerance``
    points of the other's, and embedded raster images that differ in at most
    ``RASTER_TOLERANCE`` of their pixels.
    """
    a, b = _normalise_ids(a), _normalise_ids(b)
    if a == b:
        return None
    pa, pb = _SVG_PART.findall(a), _SVG_PART.findall(b)
    where = "the figure"
    worst = (0.0, "", "", "")
    for x, y in zip(pa, pb):
        group = _GROUP_ID.search(x)
        if group:
            where = group.group(1)
        if x == y:
            continue
        if not x.startswith("<") or not y.startswith("<"):
            if x.strip() != y.strip():
                return (f"text differs (in {where})", x.strip(), y.strip())
            continue
        ia, ib = _IMAGE.search(x), _IMAGE.search(y)
        if ia and ib:
            share = _raster_difference(ia.group(1), ib.group(1))
            if share > RASTER_TOLERANCE:
                return (
                    f"{share:.2%} of an image's pixels differ (in {where}; "
                    f"tolerance {RASTER_TOLERANCE:.1%})",
                    "",
                    "",
                )
            x, y = x[: ia.start()] + x[ia.end() :], y[: ib.start()] + y[ib.end() :]
        na, nb = _NUMBER.findall(x), _NUMBER.findall(y)
        if _NUMBER.sub("#", x) != _NUMBER.sub("#", y) or len(na) != len(nb):
            return (f"drawing differs (in {where})", x[:80], y[:80])
        for u, v in zip(na, nb):
            gap = abs(float(u) - float(v))
            if gap > worst[0]:
                worst = (gap, u, v, where)
    if len(pa) != len(pb):
        return (
            "drawing differs (another number of elements)",
            f"{len(pa)} parts",
            f"{len(pb)} parts",
        )
    if worst[0] > tolerance:
        return (
            f"a coordinate moved by {worst[0]:.3g} pt (in {worst[3]}; "
            f"tolerance {tolerance:g})",
            worst[1],
            worst[2],
        )
    return None


# ---------------------------------------------------------------- page text


class _Text(html.parser.HTMLParser):
    """Visible text of a page, a line per block, without measured values."""

    SKIP = {"script", "style", "template"}
    VOID = {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr",
    }  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def _hidden(self) -> bool:
        return any(hidden for _, hidden in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        self.stack.append((tag, tag in self.SKIP or "wr-measured" in classes))
        self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break
        self.parts.append("\n")

    def handle_data(self, data):
        if not self._hidden():
            self.parts.append(data)


def page_text(html_text: str) -> list[str]:
    """The lines of visible text of an HTML page, ``wr-measured`` left out."""
    parser = _Text()
    parser.feed(html_text)
    text = "".join(parser.parts)
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def compare_sites(a: Path, b: Path, machine: str = "") -> list[Difference]:
    """Pages of two built sites whose visible text differs."""
    found = []
    names = sorted(
        {p.relative_to(a).as_posix() for p in a.rglob("*.html")}
        | {p.relative_to(b).as_posix() for p in b.rglob("*.html")}
    )
    for name in names:
        pa, pb = a / name, b / name
        if not pa.exists() or not pb.exists():
            found.append(
                Difference(name, "page", str(pa.exists()), str(pb.exists()), machine)
            )
            continue
        la = page_text(pa.read_text(encoding="utf-8"))
        lb = page_text(pb.read_text(encoding="utf-8"))
        if la == lb:
            continue
        for number, (x, y) in enumerate(zip(la, lb), start=1):
            if x != y:
                found.append(
                    Difference(
                        f"{name}, text line {number}", "page text", x, y, machine
                    )
                )
                break
        else:
            found.append(
                Difference(
                    name, "page text", f"{len(la)} lines", f"{len(lb)} lines", machine
                )
            )
    return found


def changed_spans(a: Path, b: Path) -> dict[str, int]:
    """Per page of two built sites: how many runs of text lines differ.

    ``python -m site_src.engine.machines --compare-sites A B`` prints them: the
    count of changed text spans between a default build and one made with
    ``WHYRELU_MACHINE=<machine>`` (measured values left out).
    """
    import difflib

    counts = {}
    for page in sorted(a.rglob("*.html")):
        other = b / page.relative_to(a)
        la = page_text(page.read_text(encoding="utf-8"))
        lb = page_text(other.read_text(encoding="utf-8")) if other.exists() else []
        if la != lb:
            matcher = difflib.SequenceMatcher(None, la, lb, autojunk=False)
            counts[page.relative_to(a).as_posix()] = sum(
                op[0] != "equal" for op in matcher.get_opcodes()
            )
    return counts


# ---------------------------------------------------------------- command line


def check(
    names: list[str], paths: list[Path] | None = None, log=print
) -> list[Difference]:
    """Differences on the emulated machines ``names`` (snippets: all or ``paths``)."""
    here, stats = runner.run_all(paths, strict=False, log=lambda _: None)
    found: list[Difference] = []
    for name in names:
        log(f"machines: running the snippets as {describe(name)}")
        there, other = run_machine(name, log=log, paths=paths)
        found += compare(here, there, machine=name, failed_there=other.errors)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_src.engine.machines", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--machine",
        action="append",
        choices=[*MACHINES, "all"],
        help="an emulated machine (repeatable; default: the ones make test checks)",
    )
    parser.add_argument("--list", action="store_true", help="list the machines")
    parser.add_argument(
        "snippets", nargs="*", type=Path, help="snippet files (default: all)"
    )
    parser.add_argument(
        "--compare-sites",
        nargs=2,
        type=Path,
        metavar=("SITE", "OTHER"),
        help="count the changed text spans between two built sites",
    )
    args = parser.parse_args(argv)
    if args.compare_sites:
        counts = changed_spans(*args.compare_sites)
        for page, count in counts.items():
            print(f"{count:5d} {page}")
        print(f"{sum(counts.values())} changed text spans on {len(counts)} pages")
        return 1 if counts else 0
    if args.list:
        for name in MACHINES:
            mark = " (make test)" if name in CHECKED else ""
            print(describe(name) + mark)
        return 0
    names = args.machine or CHECKED
    if "all" in names:
        names = list(MACHINES)
    found = check(
        names, args.snippets or None, log=lambda text: print(text, file=sys.stderr)
    )
    for difference in found:
        print(difference)
    print(
        f"{len(found)} differences on {len(names)} emulated machine(s)",
        file=sys.stderr,
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
