"""Expand ``[[explorable <answer>/<claim>]]``: a snippet the reader can take apart.

Plain Python, no MkDocs. The line, alone on a line, places the snippet
exactly as ``[[snippet ...]]`` does (same options: its figure is the static
fallback a reader without JavaScript sees, its code the computation the
explorable repeats) and hands the explorable its data: ``RESULTS["explorable"]``
of the snippet (starting state and reference outputs) and the address of its
module, ``site_src/assets/explorables/<claim>.js``.

The data goes into a hidden element appended at the end of the page, so that
the placed line stays one line and every later error still names the line a
contributor sees; ``explorables.js`` finds it, finds the placed snippet by id
and mounts the module there.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

from site_src.engine.errors import SnippetError, SnippetErrors, rel
from site_src.engine.runner import SNIPPETS, Result
from site_src.markdown.pages import fenced

ROOT = Path(__file__).resolve().parents[2]
MODULES = ROOT / "site_src" / "assets" / "explorables"
LINE = re.compile(
    r"^(?P<indent>[ \t]*)\[\[explorable\s+(?P<name>[^\s\]]+)(?P<opts>[^\]]*)\]\]\s*$"
)
DATA_KEY = "explorable"


def module_uri(name: str) -> str:
    """The site path of an explorable's module: ``assets/whyrelu/explorables/<claim>.js``."""
    return f"assets/whyrelu/explorables/{name.split('/', 1)[1]}.js"


def expand(
    markdown: str,
    page_path: Path,
    results: dict[str, Result] | None,
    url_for: Callable[[str], str],
    snippets_root: Path = SNIPPETS,
    modules: Path = MODULES,
    first_line: int = 1,
) -> str:
    """Return ``markdown`` with each explorable line turned into a snippet line.

    ``results`` is None when execution is switched off: the snippet line is
    kept (it shows the code) and no explorable is mounted.
    """
    if "[[explorable" not in markdown:
        return markdown
    errors: list[SnippetError] = []
    out: list[str] = []
    mounts: list[str] = []
    for number, (line, inside) in enumerate(
        fenced(markdown.splitlines()), start=first_line
    ):
        match = None if inside else LINE.match(line)
        if not match:
            if not inside and "[[explorable" in line and "`" not in line:
                errors.append(
                    SnippetError(
                        page_path,
                        number,
                        "`[[explorable ...]]` must stand alone on its line",
                        "write it as `[[explorable <answer>/<claim>]]` on a line of its own",
                    )
                )
            out.append(line)
            continue
        name, indent = match.group("name"), match.group("indent")
        out.append(f"{indent}[[snippet {name}{match.group('opts')}]]")
        try:
            mount = _mount(
                name, page_path, number, results, url_for, snippets_root, modules
            )
        except SnippetError as exc:
            errors.append(exc)
            continue
        if mount:
            mounts.append(mount)
    if errors:
        raise SnippetErrors(errors)
    text = "\n".join(out) + "\n"
    if mounts:
        text += "\n" + "\n".join(mounts) + "\n"
    return text


def _mount(name, page_path, line, results, url_for, root, modules) -> str | None:
    if "/" not in name or not (root / f"{name}.py").exists():
        raise SnippetError(
            page_path,
            line,
            f"places explorable '{name}', whose snippet does not exist "
            f"(no {rel(root / (name + '.py'))})",
            "check the name (snippets/<answer>/<claim>, without .py) or create the snippet",
        )
    module = modules / Path(module_uri(name)).name
    if not module.exists():
        raise SnippetError(
            page_path,
            line,
            f"explorable '{name}' has no module (no {rel(module)})",
            "write the module, or place the snippet with [[snippet ...]] instead",
        )
    if results is None:
        return None
    result = results.get(name)
    if result is None:
        raise SnippetError(
            page_path,
            line,
            f"explorable '{name}' has no result",
            f"its snippet failed or was not run: run it alone with python {rel(root / (name + '.py'))}",
        )
    data = result.results.get(DATA_KEY)
    if not isinstance(data, dict):
        raise SnippetError(
            page_path,
            line,
            f"explorable '{name}': the snippet's RESULTS has no dict '{DATA_KEY}'",
            f"add RESULTS['{DATA_KEY}'] (starting state and reference outputs) to {rel(result.path)}",
        )
    target = "snippet-" + name.replace("/", "-")
    payload = html.escape(json.dumps(data, separators=(",", ":"), allow_nan=False))
    return (
        f'<div class="wr-explorable-data" hidden data-wr-for="{target}" '
        f'data-wr-module="{html.escape(url_for(module_uri(name)))}" '
        f'data-wr-data="{payload}"></div>'
    )
