"""Every answer as a Jupyter notebook, made from the snippets its page places.

Plain Python, no MkDocs. A notebook is never edited by hand: the build makes
one per answer page (``docs/<answer>.md`` with ``question:`` in its front
matter) from what the page places with ``[[snippet ...]]``, in page order:

1. a Markdown cell: the question, a link back to the answer, how to run it;
2. a code cell with the site's figure style (``site_src.engine.style.STYLE``), so
   the figures look as they do on the page;
3. a cell per shared file the snippets use, written where it is in the
   repository: helper modules they import (``snippets/_lib/*.py`` or beside
   the snippet, as ``%%writefile`` cells) and data files they read
   (``snippets/_data/*``), so that the notebook runs anywhere, Colab
   included, without the repository;
4. per snippet, a Markdown cell (its title, claim and a link to the figure on
   the page) and a code cell with the snippet's whole source, carrying the
   output the build's own run of that snippet made (its printed text and its
   figures), so that the notebook shows the figures before it is run.

The notebooks are made with nbformat: every cell has an explicit id (its
position, ``cell-<n>``, so a rebuild writes the same bytes), and each notebook
is validated against the nbformat 4.5 schema before it is written.

The plugin (``site_src/plugin.py``, with ``notebook_pages``) writes them, hands them to
mkdocs-jupyter to render and links them from each answer.
"""

from __future__ import annotations

import ast
import base64
import html
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
from mkdocs.utils import meta as mkdocs_meta
from nbformat import v4

# The runner's own rule for which files a snippet imports (its cache key
# follows the same modules), so that a notebook ships exactly those.
from site_src.engine.runner import Result
from site_src.engine.runner import _import_names as import_names
from site_src.engine.runner import _local_imports as local_imports
from site_src.markdown import explorables, pages

# mkdocs-jupyter logs two lines per notebook on every build ("Cache hit: ...",
# "Copied jupyter file: ..."), about twenty per rebuild in `make serve`, which
# scrolled the errors away. Its warnings and errors still show.
for _logger in ("mkdocs.plugins.mkdocs_jupyter", "mkdocs.mkdocs-jupyter"):
    logging.getLogger(_logger).setLevel(logging.WARNING)

NBFORMAT = 4
NBFORMAT_MINOR = 5
# Cells whose input the site does not show (mkdocs-jupyter's remove_input_tags).
HIDDEN_INPUT_TAG = "whyrelu-hidden-input"
# Style entries that only matter to the runner's SVG files, not to a reader.
_STYLE_SKIP = ("svg.", "savefig.")


@dataclass
class Placed:
    """A snippet as an answer page places it."""

    name: str  # "<answer>/<claim>"
    path: Path
    title: str
    claim: str
    result: Result | None  # the build's run of it, or None when execution is off


def answer_front_matter(page: Path) -> dict:
    _, data = mkdocs_meta.get_data(page.read_text(encoding="utf-8"))
    return data


def placed_snippets(markdown: str) -> list[str]:
    """Snippet names a page places, in order, each once (fenced code skipped)."""
    names: list[str] = []
    for line, inside in pages.fenced(markdown.splitlines()):
        if inside:
            continue
        # an explorable places its snippet too (site_src/markdown/explorables.py)
        match = pages.SNIPPET_LINE.match(line) or explorables.LINE.match(line)
        if match and match.group("name") not in names:
            names.append(match.group("name"))
    return names


def helper_modules(snippet_paths: list[Path], snippets_root: Path) -> list[Path]:
    """Local modules the snippets import, directly or through each other, in a
    dependency-first order (a helper that imports another comes after it)."""
    order: list[Path] = []
    seen: set[Path] = set()

    def visit(module: Path, stack: tuple[Path, ...]) -> None:
        if module in seen or module in stack:
            return
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for dep in local_imports(
            _in_order(tree), [module.parent, snippets_root / "_lib"]
        ):
            visit(dep, stack + (module,))
        seen.add(module)
        order.append(module)

    for path in snippet_paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for dep in local_imports(
            _in_order(tree), [path.parent, snippets_root / "_lib"]
        ):
            visit(dep, ())
    return order


def third_party(scripts: list[Path], helpers: list[Path]) -> list[str]:
    """The packages a notebook needs besides Python: every top-level name the
    scripts and helper modules import that is neither in the standard
    library nor one of the helpers, and matplotlib (the style cell's).
    Import names; for these packages they are also the names to install."""
    local = {_import_name(h).split(".")[0] for h in helpers}
    found = {"matplotlib"}
    for path in scripts + helpers:
        found.update(import_names(ast.parse(path.read_text(encoding="utf-8"))))
    return sorted(found - local - set(sys.stdlib_module_names))


def _in_order(tree: ast.Module) -> list[str]:
    """The names the runner counts as imports, in the order the code imports
    them (the runner sorts them; a notebook's helper cells follow the code)."""
    counted = set(import_names(tree))
    order = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            order += [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            order.append(node.module.split(".")[0])
    return [name for name in dict.fromkeys(order) if name in counted]


def _import_name(module: Path) -> str:
    """``nncode.coder`` for snippets/_lib/nncode/coder.py, ``relu_kit`` for a module."""
    parts = module.relative_to(_import_root(module)).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__") or module.stem


def _import_root(module: Path) -> Path:
    """The folder to put on sys.path for ``module``: above its package, if any."""
    folder = module.parent
    while (folder / "__init__.py").is_file():
        folder = folder.parent
    return folder


def colab_url(repo_url: str, branch: str, path: str) -> str:
    """The "Open in Colab" address of a notebook at ``path`` on ``branch`` of a
    GitHub repository ``repo_url`` (https://github.com/<owner>/<repo>)."""
    parts = urlsplit(repo_url)
    if parts.netloc.lower() not in ("github.com", "www.github.com"):
        raise ValueError(f"Colab opens notebooks from GitHub; repo_url is {repo_url!r}")
    owner_repo = parts.path.strip("/").removesuffix(".git")
    if owner_repo.count("/") != 1:
        raise ValueError(
            f"repo_url should be https://github.com/<owner>/<repo>, not {repo_url!r}"
        )
    return f"https://colab.research.google.com/github/{owner_repo}/blob/{branch}/{path.lstrip('/')}"


def data_files(sources: list[Path], snippets_root: Path) -> list[Path]:
    """Files of ``snippets/_data/`` that the given sources name."""
    folder = snippets_root / "_data"
    if not folder.is_dir():
        return []
    text = "\n".join(p.read_text(encoding="utf-8") for p in sources)
    return [
        f
        for f in sorted(folder.rglob("*"))
        if f.is_file() and "__pycache__" not in f.parts and f.name in text
    ]


def build(
    *,
    title: str,
    answer_url: str,
    snippets: list[Placed],
    helpers: list[Path],
    data: list[Path],
    snippets_root: Path,
    style: dict,
) -> nbformat.NotebookNode:
    """The notebook (nbformat 4.5, validated) of one answer.

    Helper modules and data files go where they are in the repository,
    under ``snippets/`` in the working folder, so that a module that finds a
    data file beside itself (``Path(__file__)``) finds it there too.
    """
    repo = snippets_root.parent
    cells = [_markdown(_intro(title, answer_url, snippets, helpers, data))]
    cells.append(_code(_style_cell(style)))
    if helpers or data:
        cells.append(_code(_layout_cell(helpers, data, repo)))
    for module in helpers:
        where = module.relative_to(repo).as_posix()
        cells.append(
            _markdown(
                f"Helper module `{where}`, which the scripts below import as "
                f"`{_import_name(module)}`."
            )
        )
        cells.append(
            _code(
                f"%%writefile {where}\n"
                + module.read_text(encoding="utf-8").rstrip("\n"),
                metadata={"whyrelu": {"writes": where}},
            )
        )
    for item in data:
        where = item.relative_to(repo).as_posix()
        payload = base64.b64encode(item.read_bytes()).decode("ascii")
        cells.append(
            _markdown(
                f"Data file `{where}` ({item.stat().st_size:,} bytes), written byte for byte."
            )
        )
        cells.append(
            _code(
                "import base64\nfrom pathlib import Path\n\n"
                f"Path({where!r}).write_bytes(base64.b64decode(\n    {payload!r}\n))",
                # Hidden on the site (mkdocs-jupyter remove_input_tags) and folded in Jupyter.
                metadata={
                    "tags": [HIDDEN_INPUT_TAG],
                    "jupyter": {"source_hidden": True},
                    "whyrelu": {"writes": where},
                },
            )
        )
    for placed in snippets:
        anchor = "snippet-" + placed.name.replace("/", "-")
        cells.append(
            _markdown(
                f"## {placed.title}\n\n**Claim:** {placed.claim}\n\n"
                f"On the page: [{placed.title}]({answer_url}#{anchor}). "
                f"Source: `snippets/{placed.name}.py`."
            )
        )
        source = placed.path.read_text(encoding="utf-8").rstrip("\n")
        if "__file__" in source:
            # A script that reads files beside itself needs to know where it is.
            where = placed.path.relative_to(repo).as_posix()
            source = (
                f"__file__ = {where!r}  # this script's place in the repository\n"
                + source
            )
        cells.append(_code(source, _outputs(placed.result)))
    notebook = v4.new_notebook(
        metadata={
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3",
                "language": "python",
            },
            "language_info": {"name": "python"},
            "whyrelu": {
                "answer": answer_url,
                "generated": "by the site's build from its snippets; do not edit",
            },
        },
    )
    notebook.nbformat, notebook.nbformat_minor = NBFORMAT, NBFORMAT_MINOR
    for n, cell in enumerate(cells):
        cell.id = f"cell-{n}"  # by position: the same ids on every build
    notebook.cells = cells
    nbformat.validate(notebook)  # raises nbformat.ValidationError
    return notebook


def _layout_cell(helpers: list[Path], data: list[Path], repo: Path) -> str:
    folders = sorted({p.parent.relative_to(repo).as_posix() for p in helpers + data})
    imports = sorted({_import_root(p).relative_to(repo).as_posix() for p in helpers})
    return (
        "# The repository's layout in the working folder: the cells below write the\n"
        "# helper modules (and data files) the scripts use into snippets/.\n"
        "import os\nimport sys\n\n"
        f"for folder in {folders!r}:\n"
        "    os.makedirs(folder, exist_ok=True)\n"
        f"for folder in {imports!r}:\n"
        "    sys.path.insert(0, os.path.abspath(folder))"
    )


def figure_alts(snippets: list[Placed]) -> list[str]:
    """The alt text of every figure output of the notebook, in order.

    nbconvert gives notebook images no alt text of their own; the hook puts
    these, the snippets' ``Alt:`` descriptions, on the rendered page.
    """
    alts = []
    for placed in snippets:
        if placed.result is None:
            continue
        meta = placed.result.meta
        for figure in placed.result.figures:
            if figure["kind"] == "frames":
                alt = meta.alt_for(figure["group"])
                alts += [f"{alt} (frame: {label})" for label in figure["labels"]]
            else:
                alts.append(
                    meta.alt_for(str(figure["index"]))
                    if figure["index"] > 1
                    else meta.alt_for("")
                )
    return alts


def dumps(notebook: nbformat.NotebookNode) -> str:
    """The notebook file's text: nbformat's JSON (sorted keys, one-space
    indent, multi-line strings as lists of lines), ending in a newline."""
    return nbformat.writes(notebook, version=NBFORMAT) + "\n"


def _intro(
    title: str,
    answer_url: str,
    snippets: list[Placed],
    helpers: list[Path],
    data: list[Path],
) -> str:
    folders = sorted({f"`snippets/{p.name.split('/')[0]}/`" for p in snippets})
    packages = ", ".join(third_party([p.path for p in snippets], helpers))
    needs = f"Python 3.11 or newer with {packages}"
    if helpers or data:
        names = ", ".join(f"`{h.name}`" for h in helpers + data)
        needs += f"; the first cells write the files the scripts share ({names}) into `snippets/` in the working folder"
    return (
        f"# Notebook: {title}\n\n"
        f"This notebook reproduces every figure of the answer [{title}]({answer_url}) "
        f"on *Why ReLU?*. Each section below holds one of the scripts that page runs, as it "
        f"is in the repository ({', '.join(folders)}). The site's build made this notebook "
        f"from those scripts, and the outputs shown are from the build's own run of them.\n\n"
        f"Run the cells from the top (*Run all*). They need {needs}."
    )


def _style_cell(style: dict) -> str:
    kept = {k: v for k, v in style.items() if not k.startswith(_STYLE_SKIP)}
    body = ",\n".join(f"    {k!r}: {_literal(v)}" for k, v in kept.items())
    return (
        "# The site's figure style (site_src/engine/style.py), so the figures look as on the page.\n"
        "import matplotlib.pyplot as plt\n\n"
        "plt.rcParams.update({\n" + body + ",\n})"
    )


def _literal(value) -> str:
    if isinstance(value, tuple):
        return "(" + ", ".join(_literal(v) for v in value) + ")"
    return repr(value)


def _outputs(result: Result | None) -> list[nbformat.NotebookNode]:
    if result is None:
        return []
    outputs = []
    if result.stdout and result.meta.measures_time_reason:
        # Timings: marked as on the answer page (wr-measured), so the reader
        # sees they are the build machine's and the second-machine check
        # leaves them out; the plain text stays for tools without HTML.
        html_text = (
            f'<pre class="wr-measured" title="{html.escape(pages.MEASURED_NOTE)}">'
            f"{html.escape(result.stdout.rstrip())}</pre>"
        )
        outputs.append(_display({"text/html": html_text, "text/plain": result.stdout}))
    elif result.stdout:
        outputs.append(v4.new_output("stream", name="stdout", text=result.stdout))
    for figure in result.figures:
        if figure["kind"] == "frames":
            for name in figure["files"]:
                data = base64.b64encode((result.dir / name).read_bytes()).decode(
                    "ascii"
                )
                outputs.append(
                    _display({"image/png": data, "text/plain": f"<Figure: {name}>"})
                )
        else:
            svg = (result.dir / figure["file"]).read_text(encoding="utf-8")
            svg = re.sub(r"^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?", "", svg)
            outputs.append(
                _display(
                    {
                        "image/svg+xml": svg,
                        "text/plain": f"<Figure: {figure['file']}>",
                    }
                )
            )
    return outputs


def _display(data: dict) -> nbformat.NotebookNode:
    return v4.new_output("display_data", data=data, metadata={})


def _markdown(text: str) -> nbformat.NotebookNode:
    return v4.new_markdown_cell(text)


def _code(
    text: str,
    outputs: list[nbformat.NotebookNode] | None = None,
    metadata: dict | None = None,
) -> nbformat.NotebookNode:
    return v4.new_code_cell(text, outputs=outputs or [], metadata=metadata or {})
