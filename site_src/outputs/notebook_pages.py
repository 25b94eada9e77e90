"""The notebooks on the site: links from each answer, and the rendered pages.

Plain Python, no generator (``site_src/plugin.py`` calls it): every answer
links to its notebook page, the .ipynb file and "Open in Colab"; the rendered
notebook pages (mkdocs-jupyter's) get the snippets' alt texts, a keyboard
stop on wide code cells, and lose nbconvert's MathJax and Mermaid loaders
(these pages have no maths, and the site loads nothing from another host).

Colab opens a notebook from a GitHub repository, so the link points at the
published site's copy on the branch GitHub Pages serves (``gh-pages`` by
default, as ``mkdocs gh-deploy`` makes it); ``extra.notebooks_branch`` in
mkdocs.yml changes it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from site_src.engine import runner
from site_src.markdown.render import relative_url
from site_src.outputs import notebooks

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


class NotebookPageError(Exception):
    """A rendered notebook that does not match its answer."""


def notebook_uri(answer: str) -> str:
    """The notebook's source path in the site's files (rendered at
    ``notebooks/<answer>/``)."""
    return f"{FOLDER}/{answer}.ipynb"


def site_path(answer: str) -> str:
    """Where the .ipynb file is published (mkdocs-jupyter's include_source)."""
    return f"{FOLDER}/{answer}/{answer}.ipynb"


def with_alts(content: str, alts: list[str], src: str) -> str:
    """Give the notebook's figures the snippets' alt texts, in order."""
    found = content.count(_NO_ALT)
    if found != len(alts):
        raise NotebookPageError(
            f"{src}: the rendered notebook has {found} images without alt text, "
            f"expected {len(alts)}"
        )
    for alt in alts:
        content = content.replace(_NO_ALT, f'alt="{html.escape(alt)}"', 1)
    return content


def colab(answer: str, repo_url: str, branch: str) -> str | None:
    try:
        return notebooks.colab_url(repo_url or "", branch, site_path(answer))
    except ValueError:  # not a GitHub repository: no Colab link
        return None


def links(answer: str, page_url: str, colab_url: str | None, view: bool) -> dict:
    return {
        "view": relative_url(f"{FOLDER}/{answer}/", page_url) if view else None,
        "download": relative_url(site_path(answer), page_url),
        "colab": colab_url,
        "name": f"{Path(answer).name}.ipynb",
    }


def bar(links: dict, label: str, back: str | None = None, name: str = "") -> str:
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


def answer_content(content: str, links: dict, title: str) -> str:
    """An answer's content with its notebook links under its title."""
    # Named after the answer: the print page holds every answer's links.
    run = bar(links, "Run this answer yourself", name=title)
    # Under the answer's title: the first thing after the h1.
    if "</h1>" in content:
        return re.sub(r"(</h1>)", lambda m: m.group(1) + "\n" + run, content, count=1)
    return run + content


def notebook_title(title: str) -> str:
    """The description of a notebook page, from its title. The theme writes
    it into an attribute as it is: no straight double quotes ("smart zip"
    becomes “smart zip”)."""
    title = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", title)
    title = title.removeprefix("Notebook: ").replace('"', "\u201d")
    return f"The notebook of the answer {title}"


def notebook_content(
    content: str, alts: list[str], src: str, links: dict, answer_url: str
) -> str:
    """A rendered notebook page's content, corrected, with its links."""
    content = with_alts(content, alts, src)
    # A code cell wider than the column scrolls: keyboard users reach it by Tab.
    content = content.replace(
        '<div class="highlight-ipynb hl-python">',
        '<div class="highlight-ipynb hl-python" tabindex="0">',
    )
    content = _MATHJAX.sub("", content)
    content = _MERMAID.sub("", content)
    return bar(links, "This notebook", back=answer_url) + "\n" + content


def missing(site_dir: Path, answers: list[str]) -> list[str]:
    """The answers' notebook files the site lacks."""
    return [
        site_path(answer)
        for answer in answers
        if not (site_dir / site_path(answer)).is_file()
    ]


def write_notebook(
    source: Path,
    answer: str,
    answer_url: str,
    snippets_root: Path,
    results: dict | None,
    out: Path,
    style: dict,
) -> dict | None:
    """Write the answer's notebook to ``out/<answer>.ipynb`` (only when its
    text changed); returns what the pages need to link it, or None for an
    answer that places no snippet (the reading list has nothing to run)."""
    front = notebooks.answer_front_matter(source)
    names = notebooks.placed_snippets(source.read_text(encoding="utf-8"))
    if not names:
        return None
    placed = []
    for name in names:
        path = snippets_root / f"{name}.py"
        if not path.exists():
            continue  # the snippet pass reports a missing snippet with its page and line
        result = (results or {}).get(name)
        # The build's run already parsed (and hashed) the snippet: parse it
        # again only when there is no result (execution switched off).
        meta = (
            result.meta if result is not None else runner.load(path, snippets_root).meta
        )
        placed.append(notebooks.Placed(name, path, meta.title, meta.claim, result))
    helpers = notebooks.helper_modules([p.path for p in placed], snippets_root)
    data = notebooks.data_files([p.path for p in placed] + helpers, snippets_root)
    notebook = notebooks.build(
        title=str(front.get("title") or answer),
        answer_url=answer_url,
        snippets=placed,
        helpers=helpers,
        data=data,
        snippets_root=snippets_root,
        style=style,
    )
    target = out / f"{answer}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = notebooks.dumps(notebook)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return {
        "answer": answer,
        "notebook_uri": notebook_uri(answer),
        "alts": notebooks.figure_alts(placed),
    }
