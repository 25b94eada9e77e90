"""Run one snippet inside a forked child and write what it made to a folder.

Writes into ``out``: ``output.txt`` (everything printed, line by line, so a
killed snippet still leaves its partial output), then either ``result.json``
(figures, RESULTS, exit 0) or ``error.json`` (the exception and the line of
the snippet where it happened, exit 1). On SIGUSR1 it writes its Python
stack to ``stack.txt`` and runs on (the runner then kills it).
"""

from __future__ import annotations

import faulthandler
import io
import json
import os
import signal
import sys
import tempfile
import traceback
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from PIL import Image

from site_src.engine.style import STYLE

FRAME_DPI = 80
STACK_FILE = "stack.txt"
FRAME_COLOURS = 64


def warm_up() -> None:
    """Load what every figure needs (fonts, backends) once, before forking."""
    matplotlib.rcParams.update(STYLE)
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], label="x")
    ax.set_title("warm $x^2$")
    ax.legend()
    fig.savefig(io.BytesIO(), format="svg", metadata={"Date": None})
    _save_frame(fig, io.BytesIO())
    plt.close("all")
    matplotlib.rcdefaults()


def run_snippet(path: str, out: str) -> int:
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    # On SIGUSR1 (the runner's warning before it kills a snippet past its
    # limit) the stack goes to stack.txt, so the error can name the line the
    # snippet was executing. faulthandler writes it from C, so it works even
    # while the snippet is inside a long numpy call.
    stack = open(out_dir / STACK_FILE, "w", encoding="utf-8")
    faulthandler.register(signal.SIGUSR1, file=stack, all_threads=True)
    log = open(out_dir / "output.txt", "w", buffering=1, encoding="utf-8")
    os.dup2(log.fileno(), 1)
    os.dup2(log.fileno(), 2)
    sys.stdout = sys.stderr = log
    snippet = Path(path)
    try:
        namespace = _execute(snippet)
        figures = _save_figures(out_dir)
        results = namespace.get("RESULTS", {})
        if not isinstance(results, dict):
            raise TypeError(f"RESULTS must be a dict, not {type(results).__name__}")
        payload = {"figures": figures, "results": _plain(results)}
        (out_dir / "result.json").write_text(
            json.dumps(payload, indent=1, sort_keys=True)
        )
        return 0
    except BaseException as exc:  # the child reports everything, then exits
        _report(snippet, out_dir, exc)
        return 1
    finally:
        log.flush()


def _execute(snippet: Path) -> dict:
    source = snippet.read_text(encoding="utf-8")
    code = compile(source, str(snippet), "exec")
    lib = snippet.parents[1] / "_lib"
    sys.path[:0] = [str(snippet.parent), str(lib)]
    sys.argv = [str(snippet)]
    # An empty working folder: a snippet that reads from it fails loudly here
    # instead of working by accident on one machine.
    os.chdir(tempfile.mkdtemp(prefix="snippet-cwd-"))
    plt.close("all")
    matplotlib.rcdefaults()
    matplotlib.rcParams.update(STYLE)
    namespace = {"__name__": "__main__", "__file__": str(snippet)}
    exec(code, namespace)
    sys.stdout.flush()
    return namespace


def _save_figures(out_dir: Path) -> list[dict]:
    figures: list[dict] = []
    groups: dict[str, dict] = {}
    static = 0
    for number in plt.get_fignums():
        fig = plt.figure(number)
        label = fig.get_label() or ""
        if label.startswith("frames:"):
            _, group, *rest = label.split(":", 2)
            group = group or "frames"
            entry = groups.get(group)
            if entry is None:
                entry = groups[group] = {
                    "kind": "frames",
                    "group": group,
                    "files": [],
                    "labels": [],
                }
                figures.append(entry)
            name = f"frame-{group}-{len(entry['files']):03d}.png"
            width, height = _save_frame(fig, out_dir / name)
            entry["files"].append(name)
            entry["labels"].append(rest[0] if rest else str(len(entry["labels"])))
            entry["width"], entry["height"] = width, height
        else:
            static += 1
            name = f"fig-{static}.svg"
            fig.savefig(out_dir / name, format="svg", metadata={"Date": None})
            entry = {"kind": "svg", "file": name, "index": static}
            if static == 1:
                # A small raster twin of the first figure: link previews
                # (Open Graph, Twitter cards) do not show SVG.
                _save_frame(fig, out_dir / "preview.png")
                entry["preview"] = "preview.png"
            figures.append(entry)
        plt.close(fig)
    return figures


def _save_frame(fig, path) -> tuple[int, int]:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=FRAME_DPI, metadata={"Software": None})
    image = Image.open(buffer).convert("RGB")
    small = image.quantize(
        colors=FRAME_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    small.save(path, format="PNG", optimize=True)
    return image.width, image.height


def _plain(value):
    """RESULTS as JSON: numpy scalars and arrays become Python numbers and lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    raise TypeError(
        f"RESULTS holds a {type(value).__name__}; use numbers, strings or lists"
    )


def _report(snippet: Path, out_dir: Path, exc: BaseException) -> None:
    frames = traceback.extract_tb(exc.__traceback__)
    line = None
    for frame in frames:
        if Path(frame.filename) == snippet:
            line = frame.lineno
    if isinstance(exc, SyntaxError) and exc.filename == str(snippet):
        line = exc.lineno
    # The traceback from the snippet's own frames on, not the runner's.
    text = "".join(traceback.format_exception(exc))
    marker = f'File "{snippet}"'
    if marker in text:
        text = "Traceback (most recent call last):\n" + text[text.index(marker) - 2 :]
    error = {
        "type": type(exc).__name__,
        "message": str(exc),
        "line": line,
        "traceback": text,
    }
    (out_dir / "error.json").write_text(json.dumps(error, indent=1))
