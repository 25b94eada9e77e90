"""Every answer is a notebook that reproduces its figures (site_src/outputs/notebooks.py).

The notebooks come from the built site (``built_site``), as a reader downloads
them. Each one is executed in a fresh Jupyter kernel, one after another (two
cores are shared by everything): no cell may fail, and every snippet's cell
must draw as many figures, and print the same text, as the build's own run.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import nbformat
import pytest
from nbclient import NotebookClient

from site_src.engine import runner
from site_src.engine.meta import DEFAULT_TIMEOUT_S
from site_src.outputs import notebooks

ROOT = Path(__file__).resolve().parents[1]

IMAGE_TYPES = ("image/png", "image/svg+xml", "image/jpeg")


def _answers() -> list[str]:
    """Answer pages that place snippets (the reading list has none to run)."""
    return sorted(
        p.stem
        for p in (ROOT / "docs").glob("*.md")
        if notebooks.answer_front_matter(p).get("question")
        and notebooks.placed_snippets(p.read_text(encoding="utf-8"))
    )


def _site_notebook(site: Path, answer: str) -> Path:
    return site / "notebooks" / answer / f"{answer}.ipynb"


def _snippet_cells(nb) -> list[tuple[str, dict]]:
    """(snippet name, code cell) for every snippet cell, by the Markdown cell before it."""
    found = []
    for before, cell in zip(nb.cells, nb.cells[1:]):
        match = (
            re.search(r"Source: `snippets/(.+?)\.py`", "".join(before.source))
            if before.cell_type == "markdown"
            else None
        )
        if match and cell.cell_type == "code":
            found.append((match.group(1), cell))
    return found


def _images(cell) -> int:
    return sum(
        1
        for o in cell.outputs
        if o.output_type in ("display_data", "execute_result")
        and any(t in o.get("data", {}) for t in IMAGE_TYPES)
    )


def _stdout(cell) -> str:
    return "".join(
        o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout"
    )


# ---------------------------------------------------------------- unit


def test_placed_snippets_in_page_order_once_and_not_in_code_fences():
    page = "\n".join(
        [
            "[[snippet a/one]]",
            "```markdown",
            "[[snippet a/shown-as-code]]",
            "```",
            "  [[snippet a/two code=open]]",
            "[[snippet a/one]]",
        ]
    )
    assert notebooks.placed_snippets(page) == ["a/one", "a/two"]


def test_colab_url_from_repo_url():
    url = notebooks.colab_url(
        "https://github.com/whyrelu/whyrelu/", "gh-pages", "notebooks/x/x.ipynb"
    )
    assert (
        url
        == "https://colab.research.google.com/github/whyrelu/whyrelu/blob/gh-pages/notebooks/x/x.ipynb"
    )
    assert notebooks.colab_url(
        "https://github.com/a/b.git", "main", "/n.ipynb"
    ).endswith("/github/a/b/blob/main/n.ipynb")
    with pytest.raises(ValueError):
        notebooks.colab_url("https://gitlab.com/a/b", "main", "n.ipynb")


def test_the_intro_names_the_packages_the_scripts_import(tmp_path):
    root = tmp_path / "snippets"
    (root / "_lib" / "pack").mkdir(parents=True)
    (root / "ans").mkdir()
    (root / "_lib" / "pack" / "__init__.py").write_text("from . import inner\n")
    (root / "_lib" / "pack" / "inner.py").write_text("import numba\nimport zlib\n")
    (root / "_lib" / "kit.py").write_text("import numpy as np\n")
    snippet = root / "ans" / "fig.py"
    snippet.write_text(
        '"""T.\n\nClaim: c.\nAlt: a.\n"""\nimport json\nimport kit\n'
        "import pack\nfrom scipy.special import erf\n"
    )
    helpers = notebooks.helper_modules([snippet], root)
    assert notebooks.third_party([snippet], helpers) == [
        "matplotlib",
        "numba",
        "numpy",
        "scipy",
    ]


def test_helper_modules_come_before_the_helpers_that_import_them(tmp_path):
    root = tmp_path / "snippets"
    (root / "_lib").mkdir(parents=True)
    (root / "ans").mkdir()
    (root / "_lib" / "base.py").write_text("X = 1\n")
    (root / "_lib" / "top.py").write_text("import base\nimport numpy\n")
    (root / "ans" / "local.py").write_text("import base\n")
    snippet = root / "ans" / "fig.py"
    snippet.write_text(
        '"""T.\n\nClaim: c.\nAlt: a.\n"""\nimport top\nimport local\nimport math\n'
    )
    order = notebooks.helper_modules([snippet], root)
    assert [p.name for p in order] == ["base.py", "top.py", "local.py"]


# ---------------------------------------------------------------- the built site


def test_every_answer_has_a_notebook_and_links_to_it(built_site):
    answers = _answers()
    assert answers, "no answer page (front matter with `question:`) in docs/"
    config = (ROOT / "mkdocs.yml").read_text()
    repo = re.search(r"^repo_url:\s*(\S+)", config, re.M).group(1).rstrip("/")
    owner_repo = urlsplit(repo).path.strip("/")
    for answer in answers:
        notebook = _site_notebook(built_site, answer)
        assert notebook.is_file(), (
            f"{answer}: no notebook at {notebook.relative_to(built_site)}"
        )
        assert (built_site / "notebooks" / answer / "index.html").is_file(), (
            f"{answer}: notebook page not rendered"
        )
        page = (built_site / answer / "index.html").read_text(encoding="utf-8")
        bar = re.search(r'<nav class="wr-run".*?</nav>', page, re.S)
        assert bar, f"{answer}: the answer page has no 'Run this answer yourself' links"
        hrefs = re.findall(r'href="([^"]+)"', bar.group(0))
        base = f"http://site/{answer}/"
        local = [
            urlsplit(urljoin(base, h)).path.lstrip("/")
            for h in hrefs
            if not h.startswith("http")
        ]
        assert f"notebooks/{answer}/{answer}.ipynb" in local, (
            f"{answer}: no download link to the .ipynb in {hrefs}"
        )
        assert f"notebooks/{answer}/" in local, (
            f"{answer}: no link to the rendered notebook in {hrefs}"
        )
        colab = [
            h
            for h in hrefs
            if h.startswith("https://colab.research.google.com/github/")
        ]
        assert colab, f"{answer}: no Open in Colab link in {hrefs}"
        # Colab's address names the repository of repo_url and the file's path in the published site.
        assert colab[0].startswith(
            f"https://colab.research.google.com/github/{owner_repo}/blob/"
        )
        assert colab[0].endswith(f"/notebooks/{answer}/{answer}.ipynb")


def test_notebooks_are_valid_with_ids_by_position(built_site):
    """nbformat validates each notebook file; the cell ids are explicit and
    follow the cells' order, so a rebuild writes the same bytes."""
    for answer in _answers():
        path = _site_notebook(built_site, answer)
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)  # raises nbformat.ValidationError
        assert (notebook.nbformat, notebook.nbformat_minor) == (4, 5)
        ids = [cell.id for cell in notebook.cells]
        assert ids == [f"cell-{n}" for n in range(len(ids))], path.name
        assert path.read_text(encoding="utf-8") == notebooks.dumps(notebook)


def test_notebook_pages_load_nothing_from_other_hosts(built_site):
    for page in sorted((built_site / "notebooks").glob("*/index.html")):
        text = page.read_text(encoding="utf-8")
        assert "mathjax" not in text.lower(), (
            f"{page.relative_to(built_site)} still loads MathJax"
        )
        assert not re.search(r"<script[^>]+src=\"(https?:)?//", text), (
            f"{page.relative_to(built_site)} loads an outside script"
        )
        assert "No description has been provided" not in text, (
            f"{page.relative_to(built_site)}: figure without alt text"
        )


@pytest.mark.slow
@pytest.mark.parametrize("answer", _answers())
def test_notebook_runs_and_reproduces_every_figure(
    answer, built_site, snippet_run, tmp_path, monkeypatch
):
    path = _site_notebook(built_site, answer)
    assert path.is_file(), f"no notebook for {answer}"
    nb = nbformat.read(path, as_version=4)
    expected = {
        name: (_images(cell), _stdout(cell)) for name, cell in _snippet_cells(nb)
    }
    assert expected, f"{answer}: the notebook has no snippet cell"
    results, _ = snippet_run
    for name, (figures, _) in expected.items():
        made = results[name]
        count = sum(
            len(f["files"]) if f["kind"] == "frames" else 1 for f in made.figures
        )
        assert figures == count, (
            f"{name}: the notebook carries {figures} figures, the build made {count}"
        )

    # The kernel: one thread per library (as the runner), its own inline
    # figures (whatever backend this process uses), a scratch folder.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.setenv(var, "1")
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    monkeypatch.delenv("MPLBACKEND", raising=False)
    timeout = max(
        [DEFAULT_TIMEOUT_S]
        + [
            runner.load(ROOT / "snippets" / f"{n}.py", ROOT / "snippets").meta.timeout_s
            for n in expected
        ]
    )
    client = NotebookClient(
        nb,
        # A cell's limit is wall time here: allow what the runner allows a
        # snippet on a busy machine (its limit is CPU time; WALL_FACTOR x idle).
        timeout=int(timeout * runner.WALL_FACTOR),
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()

    for name, cell in _snippet_cells(nb):
        figures, stdout = expected[name]
        assert _images(cell) == figures, (
            f"{name}: ran in the notebook, drew {_images(cell)} figures, not {figures}"
        )
        meta = runner.load(ROOT / "snippets" / f"{name}.py", ROOT / "snippets").meta
        if not meta.measures_time_reason:
            assert _stdout(cell) == stdout, (
                f"{name}: printed something else in the notebook than in the build"
            )
    # It writes the files it declares into its folder, and nothing else.
    written = sorted(
        p.relative_to(tmp_path).as_posix()
        for p in tmp_path.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    declared = sorted(
        c.metadata["whyrelu"]["writes"]
        for c in nb.cells
        if "writes" in c.metadata.get("whyrelu", {})
    )
    assert written == declared, (
        f"the notebook wrote {written} into its folder, and declares {declared}"
    )
    for where in declared:
        assert (tmp_path / where).read_bytes() == (ROOT / where).read_bytes(), (
            f"{where} differs from the repository's"
        )
