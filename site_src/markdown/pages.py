"""Expand the page syntax: ``[[snippet a/b]]``, ``[[value a/b:key]]`` and
``[[measured a/b:key]]``.

Plain Python, no MkDocs: :func:`expand` takes a page's Markdown and the
runner's results and returns Markdown that any Python-Markdown site with
``pymdownx.snippets``, ``pymdownx.details``, ``attr_list`` and ``md_in_html``
can render. Fenced and inline code are left alone, so a page can show the
syntax itself.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from site_src.engine.errors import SnippetError, rel
from site_src.engine.runner import SNIPPETS, Result

SNIPPET_LINE = re.compile(
    r"^(?P<indent>[ \t]*)\[\[snippet\s+(?P<name>[^\s\]]+)(?P<opts>[^\]]*)\]\]\s*$"
)
VALUE = re.compile(
    r"\[\[value\s+(?P<name>[^\s:\]]+):(?P<key>[^\s\]]+)(?:\s+(?P<fmt>[^\]]+?))?\s*\]\]"
)
# A value that is a measurement of the build machine (a timing, a count that
# depends on the last bit of a float): shown with a mark, and left out of the
# second-machine check (site_src/engine/machines.py) through its class.
MEASURED = re.compile(
    r"\[\[measured\s+(?P<name>[^\s:\]]+):(?P<key>[^\s\]]+)(?:\s+(?P<fmt>[^\]]+?))?\s*\]\]"
)
BUILD_MACHINE = re.compile(r"\[\[build-machine\]\]")
MEASURED_NOTE = (
    "Measured on the computer that built this page; another computer "
    "measures another value."
)
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def fenced(lines):
    """Yield (line, inside) for each line: inside a fenced code block or not.

    The fence lines themselves count as inside. A fence closes on a line of
    the same character at least as long as the one that opened it.
    """
    fence: str | None = None
    for line in lines:
        match = FENCE.match(line)
        if fence:
            if (
                match
                and match.group(1)[0] == fence[0]
                and len(match.group(1)) >= len(fence)
            ):
                fence = None
            yield line, True
        elif match:
            fence = match.group(1)
            yield line, True
        else:
            yield line, False


INLINE_CODE = re.compile(r"(`+)(?:.+?)\1")
OPTIONS = {
    "code": {"open", "closed", "none"},
    "output": {"shown", "none"},
    "section": None,
}


@dataclass
class Placement:
    """Where a page uses snippets, for the 'unused snippet' check."""

    used: dict[str, list[str]] = field(default_factory=dict)


def figure_uri(result_name: str, file_name: str) -> str:
    """The site path of a figure: ``figures/<answer>/<claim>[-n].svg``."""
    answer, claim = result_name.split("/", 1)
    if file_name == "preview.png":
        return f"figures/{answer}/{claim}.png"
    if file_name.startswith("fig-"):
        number = int(file_name[4:].split(".")[0])
        suffix = "" if number == 1 else f"-{number}"
        return f"figures/{answer}/{claim}{suffix}.svg"
    return f"figures/{answer}/{claim}/{file_name}"


def front_matter_lines(source: Path, markdown: str) -> int:
    """Lines the generator removed above ``markdown`` (the page's front
    matter), found by comparing it with the page's file ``source``: add them
    to a line number counted in ``markdown`` to name the line in the file."""
    try:
        text = source.read_text(encoding="utf-8")
    except OSError:
        return 0
    if not markdown or not text.endswith(markdown):
        return 0
    return text[: len(text) - len(markdown)].count("\n")


def expand(
    markdown: str,
    page_path: Path,
    results: dict[str, Result] | None,
    url_for: Callable[[str], str],
    placement: Placement | None = None,
    snippets_root: Path = SNIPPETS,
    first_line: int = 1,
) -> str:
    """Return ``markdown`` with every snippet and value placed.

    ``results`` is None when execution is switched off: snippets then show
    their code only and values a placeholder. ``url_for`` turns a site path
    (``figures/...``) into a URL relative to the page.
    """
    errors: list[SnippetError] = []
    out: list[str] = []
    # first_line: where ``markdown`` starts in its file (after front matter),
    # so errors name the line a contributor sees in the editor.
    lines = fenced(markdown.splitlines())
    for number, (line, inside) in enumerate(lines, start=first_line):
        if inside:
            out.append(line)
            continue
        try:
            block = SNIPPET_LINE.match(line)
            if block:
                out.append(
                    _place(
                        block,
                        page_path,
                        number,
                        results,
                        url_for,
                        placement,
                        snippets_root,
                    )
                )
            else:
                out.append(_values(line, page_path, number, results, snippets_root))
        except SnippetError as exc:
            errors.append(exc)
            out.append(line)
    if errors:
        from site_src.engine.errors import SnippetErrors

        raise SnippetErrors(errors)
    return "\n".join(out) + "\n"


def _lookup(
    name: str, page_path: Path, line: int, results: dict[str, Result] | None, root: Path
):
    path = root / f"{name}.py"
    if not path.exists():
        raise SnippetError(
            page_path,
            line,
            f"places snippet '{name}', which does not exist (no {rel(path)})",
            "check the name (snippets/<answer>/<claim>, without .py) or create the snippet",
        )
    if results is None:
        return path, None
    result = results.get(name)
    if result is None:
        raise SnippetError(
            page_path,
            line,
            f"snippet '{name}' has no result",
            f"it failed or was not run: run it alone with python {rel(path)}",
        )
    return path, result


def _place(match, page_path, line, results, url_for, placement, root) -> str:
    name = match.group("name")
    indent = match.group("indent")
    options = _options(match.group("opts"), page_path, line)
    path, result = _lookup(name, page_path, line, results, root)
    if placement is not None:
        placement.used.setdefault(name, []).append(f"{rel(page_path)}:{line}")
    anchor = name.replace("/", "-")
    parts: list[str] = []
    if result is not None:
        meta = result.meta
        stop = "" if meta.title.endswith(("?", "!")) else "."
        caption = f"<strong>{html.escape(meta.title)}{stop}</strong> {html.escape(meta.claim)}"
        for figure in result.figures:
            parts.append(_figure_html(result, figure, caption, url_for))
    else:
        parts.append(
            f'<p class="wr-figure-off">Figure of <code>{html.escape(name)}</code> '
            "not drawn: snippet execution is switched off for this build.</p>"
        )
    code = options.get("code", "closed")
    if code != "none" or options.get("output") != "none":
        parts.append(_code_block(name, path, result, options))
    body = "\n\n".join(parts)
    wrapped = f'<div class="wr-snippet" id="snippet-{anchor}" markdown="block">\n\n{body}\n\n</div>'
    return "\n".join(indent + l if l else l for l in wrapped.splitlines())


def _options(text: str, page_path: Path, line: int) -> dict[str, str]:
    options = {}
    for item in text.split():
        key, _, value = item.partition("=")
        allowed = OPTIONS.get(key, ())
        if (
            key not in OPTIONS
            or not value
            or (allowed is not None and value not in allowed)
        ):
            raise SnippetError(
                page_path,
                line,
                f"unknown snippet option '{item}'",
                "use code=open|closed|none, output=shown|none or section=<name> "
                "(CONTRIBUTING.md, the page syntax)",
            )
        options[key] = value
    return options


def _figure_class(result: Result) -> str:
    """Figures are inverted in dark mode unless the snippet keeps its colours."""
    return (
        "wr-figure wr-figure--kept" if result.meta.kept_colours_reason else "wr-figure"
    )


def _figure_html(result: Result, figure: dict, caption: str, url_for) -> str:
    if figure["kind"] == "frames":
        alt = result.meta.alt_for(figure["group"])
        urls = [url_for(figure_uri(result.name, f)) for f in figure["files"]]
        return (
            f'<figure class="{_figure_class(result)} wr-player" data-wr-frames="{html.escape(json.dumps(urls))}" '
            f'data-wr-labels="{html.escape(json.dumps(figure["labels"]))}" data-wr-interval="400">\n'
            f'<img class="wr-player__img" src="{urls[0]}" alt="{html.escape(alt)}" '
            f'width="{figure["width"]}" height="{figure["height"]}">\n'
            f"<figcaption>{caption}</figcaption>\n</figure>"
        )
    index = figure["index"]
    alt = result.meta.alt_for(str(index)) if index > 1 else result.meta.alt_for("")
    url = url_for(figure_uri(result.name, figure["file"]))
    return (
        f'<figure class="{_figure_class(result)}">\n<img src="{url}" alt="{html.escape(alt)}" loading="lazy">\n'
        f"<figcaption>{caption}</figcaption>\n</figure>"
    )


def _code_block(name: str, path: Path, result: Result | None, options: dict) -> str:
    marker = "???+" if options.get("code") == "open" else "???"
    file = f"snippets/{name}.py"  # pymdownx.snippets resolves it from the project root
    section = options.get("section")
    include = f'--8<-- "{file}:{section}"' if section else f'--8<-- "{file}"'
    lines = [f'{marker} example "Code: `{file}`"', ""]
    if options.get("code") != "none":
        lines += ["    ```python", f"    {include}", "    ```", ""]
    if result is not None and result.stdout.strip() and options.get("output") != "none":
        measured = bool(result.meta.measures_time_reason)
        if measured:
            # Timings: marked for the reader, left out of the second-machine check.
            lines += [
                "    Output, measured on the build machine "
                f"({measured_html(build_machine())}):",
                "",
                "    ```{.text .wr-measured}",
            ]
        else:
            lines += ["    Output:", "", "    ```text"]
        lines += [f"    {l}" for l in result.stdout.rstrip().splitlines()]
        lines += ["    ```", ""]
    lines.append(f"    Run it yourself: `python {file}`")
    return "\n".join(lines)


def measured_html(text: str) -> str:
    """A value the page marks as measured on the build machine."""
    return (
        f'<span class="wr-measured" title="{MEASURED_NOTE}">{text}'
        '<sup class="wr-measured__mark" aria-hidden="true">\u2020</sup>'
        '<span class="wr-sr-only"> (measured on the build machine)</span></span>'
    )


def build_machine() -> str:
    """The build machine in a few words: CPU model, cores, numpy and BLAS."""
    import os
    import platform

    model = platform.processor() or platform.machine()
    try:
        for info in Path("/proc/cpuinfo").read_text().splitlines():
            if info.startswith("model name"):
                model = info.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    parts = [model, f"{os.cpu_count()} cores"]
    try:
        import numpy
        from threadpoolctl import threadpool_info

        blas = [
            f"OpenBLAS ({i['architecture']} kernel)"
            if i.get("architecture")
            else i["internal_api"]
            for i in threadpool_info()
            if i.get("user_api") == "blas"
        ]
        parts.append(
            f"numpy {numpy.__version__}" + (f" with {blas[0]}" if blas else "")
        )
    except ImportError:
        pass
    return ", ".join(html.escape(p) for p in parts)


def _values(line: str, page_path: Path, number: int, results, root: Path) -> str:
    if "[[value" not in line and "[[measured" not in line and "[[build-" not in line:
        return line
    # Leave inline code alone: split it out, substitute the rest.
    pieces = []
    last = 0
    for code in INLINE_CODE.finditer(line):
        pieces.append((False, line[last : code.start()]))
        pieces.append((True, code.group(0)))
        last = code.end()
    pieces.append((False, line[last:]))

    def expand_text(text: str) -> str:
        text = VALUE.sub(lambda m: _value(m, page_path, number, results, root), text)
        text = MEASURED.sub(
            lambda m: measured_html(_value(m, page_path, number, results, root)), text
        )
        return BUILD_MACHINE.sub(lambda m: measured_html(build_machine()), text)

    return "".join(text if is_code else expand_text(text) for is_code, text in pieces)


def _value(match, page_path: Path, line: int, results, root: Path) -> str:
    name, key, fmt = match.group("name"), match.group("key"), match.group("fmt")
    _, result = _lookup(name, page_path, line, results, root)
    if result is None:
        return "…"
    if key not in result.results:
        known = ", ".join(sorted(result.results)) or "nothing"
        raise SnippetError(
            page_path,
            line,
            f"{match.group(0)}: the snippet's RESULTS has no key '{key}'",
            f"use one of: {known}; or add it to RESULTS in {rel(result.path)}",
        )
    return format_value(result.results[key], fmt, page_path, line)


def format_value(
    value, fmt: str | None, page_path: Path = Path("?"), line: int = 0
) -> str:
    if fmt is None:
        fmt = ".3g" if isinstance(value, float) else ""
    try:
        text = format(value, fmt)
    except (ValueError, TypeError) as exc:
        raise SnippetError(
            page_path,
            line,
            f"cannot format {value!r} with '{fmt}': {exc}",
            "use a Python format spec such as .3g, .2f, .1e or ,d",
        ) from None
    # Scientific notation reads better as a power of ten on a page.
    sci = re.fullmatch(r"(-?\d(?:\.\d+)?)e([+-])0*(\d+)", text)
    if sci:
        mantissa, sign, exponent = sci.groups()
        power = f"10<sup>{'-' if sign == '-' else ''}{exponent}</sup>"
        text = (
            power if mantissa in ("1", "1.0") else f"{mantissa}&thinsp;×&thinsp;{power}"
        )
    return text
