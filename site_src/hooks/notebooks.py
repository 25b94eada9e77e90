"""MkDocs hook: every answer as a notebook, rendered, downloadable, on Colab.

Thin on purpose: ``site_src.outputs.notebooks`` makes the notebooks. This hook

- writes one per answer page into ``.cache/notebooks/`` (gitignored, never
  committed) and adds it to the site as ``notebooks/<answer>.ipynb``, which
  mkdocs-jupyter renders at ``notebooks/<answer>/`` without running it (the
  outputs are the build's own run of the snippets) and copies beside the page
  for download (``include_source``);
- links each answer to its notebook, the .ipynb file and "Open in Colab";
- keeps the rendered notebook pages private: nbconvert's template loads
  MathJax from a CDN, which these pages do not need (their text has no maths).

Colab opens a notebook from a GitHub repository, so the link points at the
published site's copy on the branch GitHub Pages serves (``gh-pages`` by
default, as ``mkdocs gh-deploy`` makes it); set ``extra.notebooks_branch`` in
mkdocs.yml to change it.
"""

from __future__ import annotations

import html
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pathspec  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from site_src.engine import runner  # noqa: E402
from site_src.engine.errors import SnippetErrors  # noqa: E402
from site_src.engine.worker import STYLE  # noqa: E402
from site_src.outputs import notebooks  # noqa: E402

FOLDER = "notebooks"
DEFAULT_BRANCH = "gh-pages"
_MATHJAX = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S
)
_MERMAID = re.compile(
    r'<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*</script>',
    re.S,
)
_NO_ALT = (
    'alt="No description has been provided for this image"'  # nbconvert's stand-in
)
_state: dict = {}


def _project(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _site_path(answer: str) -> str:
    """Where the .ipynb file is published (mkdocs-jupyter's include_source)."""
    return f"{FOLDER}/{answer}/{answer}.ipynb"


def on_config(config):
    """Notebook pages are linked from their answers, not listed in the nav.

    (mkdocs-jupyter wraps each notebook's File in its own class, which drops
    a File's own inclusion level; the ``not_in_nav`` setting survives it.)
    """
    spec = pathspec.gitignore.GitIgnoreSpec.from_lines([f"/{FOLDER}/*.ipynb"])
    current = config.get("not_in_nav")
    config["not_in_nav"] = current + spec if current else spec
    return config


# Before mkdocs-jupyter's on_files, which turns .ipynb files into pages.
@event_priority(50)
def on_files(files, config):
    project = _project(config)
    cache = project / ".cache"
    out = cache / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    snippets_root = project / "snippets"
    site_url = config.site_url or ""
    _state.clear()
    _state["answers"] = {}
    for file in list(files.documentation_pages()):
        if not file.src_uri.endswith(".md") or not file.abs_src_path:
            continue
        source = Path(file.abs_src_path)
        front = notebooks.answer_front_matter(source)
        if not front.get("question"):
            continue
        answer = Path(file.src_uri).with_suffix("").as_posix()
        names = notebooks.placed_snippets(source.read_text(encoding="utf-8"))
        if not names:
            continue  # an answer without figures (the reading list) has nothing to run
        placed = _placed(names, snippets_root, project)
        helpers = notebooks.helper_modules([p.path for p in placed], snippets_root)
        data = notebooks.data_files([p.path for p in placed] + helpers, snippets_root)
        answer_url = site_url + file.url
        notebook = notebooks.build(
            title=str(front.get("title") or answer),
            answer_url=answer_url,
            snippets=placed,
            helpers=helpers,
            data=data,
            snippets_root=snippets_root,
            style=STYLE,
        )
        target = out / f"{answer}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = notebooks.dumps(notebook)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        uri = f"{FOLDER}/{answer}.ipynb"
        if files.get_file_from_path(uri) is not None:
            raise PluginError(
                f"docs/{uri} exists, but notebooks are made by the build: remove it"
            )
        # A File rooted in .cache/ (not File.generated): mkdocs-jupyter's wrapper
        # finds the source through src_dir, which a generated File lacks.
        files.append(
            File(
                uri,
                src_dir=str(cache),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
        )
        _state["answers"][file.src_uri] = {
            "answer": answer,
            "notebook_uri": uri,
            "alts": notebooks.figure_alts(placed),
        }
    return files


def _placed(
    names: list[str], snippets_root: Path, project: Path
) -> list[notebooks.Placed]:
    paths = [snippets_root / f"{name}.py" for name in names]
    results = {}
    if os.environ.get("WHYRELU_EXECUTE", "1") != "0" and paths:
        # Cached by the snippets hook's run in on_pre_build: nothing runs again.
        try:
            results, _ = runner.run_all(
                [p for p in paths if p.exists()],
                root=snippets_root,
                cache=project / ".cache" / "snippets",
                log=lambda text: None,
            )
        except SnippetErrors as exc:
            raise PluginError(str(exc)) from None
    placed = []
    for name, path in zip(names, paths):
        if not path.exists():
            continue  # the snippets hook reports a missing snippet with its page and line
        snippet = runner.load(path, snippets_root)
        placed.append(
            notebooks.Placed(
                name, path, snippet.meta.title, snippet.meta.claim, results.get(name)
            )
        )
    return placed


def _with_alts(content: str, alts: list[str], src: str) -> str:
    """Give the notebook's figures the snippets' alt texts, in order."""
    found = content.count(_NO_ALT)
    if found != len(alts):
        raise PluginError(
            f"{src}: the rendered notebook has {found} images without alt text, expected {len(alts)}"
        )
    for alt in alts:
        content = content.replace(_NO_ALT, f'alt="{html.escape(alt)}"', 1)
    return content


def _colab(answer: str, config) -> str | None:
    branch = (config.extra or {}).get("notebooks_branch", DEFAULT_BRANCH)
    try:
        return notebooks.colab_url(config.repo_url or "", branch, _site_path(answer))
    except ValueError:  # not a GitHub repository: no Colab link
        return None


def _links(answer: str, page, config, view: bool) -> dict:
    return {
        "view": get_relative_url(f"{FOLDER}/{answer}/", page.url) if view else None,
        "download": get_relative_url(_site_path(answer), page.url),
        "colab": _colab(answer, config),
        "name": f"{Path(answer).name}.ipynb",
    }


def _bar(links: dict, label: str, back: str | None = None, name: str = "") -> str:
    items = []
    if back:
        items.append(f'<a href="{html.escape(back)}">Back to the answer</a>')
    if links.get("view"):
        items.append(
            f'<a href="{html.escape(links["view"])}">View it as a notebook</a>'
        )
    items.append(
        f'<a href="{html.escape(links["download"])}" download="{html.escape(links["name"])}">'
        f"Download {html.escape(links['name'])}</a>"
    )
    if links["colab"]:
        items.append(
            f'<a href="{html.escape(links["colab"])}" rel="noopener">Open in Colab</a>'
        )
    return (
        f'<nav class="wr-run" aria-label="{html.escape(label + (": " + name if name else ""))}">'
        f'<span class="wr-run__label">{html.escape(label)}:</span> '
        + ' <span aria-hidden="true">·</span> '.join(items)
        + "</nav>"
    )


# After the other hooks that edit the content (maths, links).
@event_priority(-50)
def on_page_content(content, page, config, files):
    src = page.file.src_uri
    if src in _state.get("answers", {}):
        # Named after the answer: the print page holds every answer's links.
        bar = _bar(
            _links(_state["answers"][src]["answer"], page, config, view=True),
            "Run this answer yourself",
            name=page.meta.get("title") or page.title or "",
        )
        # Under the answer's title: the first thing after the h1.
        return (
            re.sub(r"(</h1>)", lambda m: m.group(1) + "\n" + bar, content, count=1)
            if "</h1>" in content
            else bar + content
        )
    notebook = next(
        (k for k, v in _state.get("answers", {}).items() if v["notebook_uri"] == src),
        None,
    )
    if notebook is None:
        return content
    entry = _state["answers"][notebook]
    answer = entry["answer"]
    page.meta.setdefault(
        "search", {"exclude": True}
    )  # the answer page is the one to find
    page.edit_url = None  # made by the build: there is no file to edit
    # The theme writes the description into an attribute as it is: no straight
    # double quotes ("smart zip" becomes “smart zip”), and the title once.
    title = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", str(page.title))
    title = title.removeprefix("Notebook: ").replace('"', "\u201d")
    page.meta.setdefault("description", f"The notebook of the answer {title}")
    content = _with_alts(content, entry["alts"], src)
    # A code cell wider than the column scrolls: keyboard users reach it by Tab.
    content = content.replace(
        '<div class="highlight-ipynb hl-python">',
        '<div class="highlight-ipynb hl-python" tabindex="0">',
    )
    content = _MATHJAX.sub("", content)
    content = _MERMAID.sub("", content)
    answer_url = get_relative_url(files.get_file_from_path(notebook).url, page.url)
    return (
        _bar(_links(answer, page, config, view=False), "This notebook", back=answer_url)
        + "\n"
        + content
    )


def on_post_build(config):
    """Every answer's notebook file is in the site (mkdocs-jupyter copies it)."""
    site = Path(config.site_dir)
    missing = [
        _site_path(v["answer"])
        for v in _state.get("answers", {}).values()
        if not (site / _site_path(v["answer"])).is_file()
    ]
    if missing:
        raise PluginError(
            "notebooks missing from the site (is mkdocs-jupyter configured with include_source: true?): "
            + ", ".join(missing)
        )
