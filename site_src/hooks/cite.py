"""MkDocs hook: "Updates and corrections", "Cite this answer" and meta tags.

Thin on purpose: the work is done by ``site_src.markdown.cite``. For every answer (a
page with ``question:`` in its front matter) it reads the git history of the
page and its snippets, appends the two sections to the page, and puts the
citation and link-preview ``<meta>`` tags in ``page.meta["whyrelu_head"]``,
which ``site_src/overrides/main.html`` prints in the page's ``<head>``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.utils.meta import get_data  # noqa: E402

from site_src.markdown import cite  # noqa: E402
from site_src.markdown.pages import SNIPPET_LINE, figure_uri  # noqa: E402
from site_src.markdown.references import code_free_lines  # noqa: E402

_state: dict = {}


def _project(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    if not config.site_url:
        raise PluginError(
            "mkdocs.yml: site_url is not set — citations and link previews need the site's "
            "permanent address; set site_url to where the site is published"
        )
    project = _project(config)
    _state.clear()
    _state["project"] = project
    _state["epoch"] = cite.build_epoch(project)
    return config


def placed_snippets(source: str) -> list[str]:
    """Names of the snippets a page places, in order (outside code)."""
    names = []
    for _, line, in_code in code_free_lines(source):
        if not in_code and (match := SNIPPET_LINE.match(line)):
            names.append(match.group("name"))
    return names


def _preview(names: list[str], page, files, project: Path):
    """(url path, alt, mime type) of the page's preview figure, or None.

    Link previews (Open Graph, Twitter cards) need a raster image: a PNG is
    preferred, the last frame of an animation (its finished state) or a PNG
    rendering of a figure if the runner publishes one; else the first SVG.
    ``preview: <answer>/<claim>`` in the front matter picks the snippet.
    """
    preview = page.meta.get("preview")
    if preview:
        names = [str(preview)]
    rasters, vectors = [], []
    for name in names:
        svg = figure_uri(name, "fig-1.svg")
        if files.get_file_from_path(svg[:-4] + ".png") is not None:
            rasters.append((svg[:-4] + ".png", name))
        frames = sorted(
            f.src_uri
            for f in files
            if f.src_uri.startswith(f"figures/{name}/") and f.src_uri.endswith(".png")
        )
        if frames:
            rasters.append((frames[-1], name))
        if files.get_file_from_path(svg) is not None:
            vectors.append((svg, name))
    for uri, name in rasters[:1] or vectors[:1]:
        mime = "image/png" if uri.endswith(".png") else "image/svg+xml"
        return uri, _alt(project / "snippets" / f"{name}.py"), mime
    if preview:
        raise PluginError(
            f"docs/{page.file.src_uri}: preview: {preview} has no figure — "
            "name a placed snippet that draws one (snippets/<answer>/<claim>)"
        )
    return None


def _alt(path: Path) -> str:
    try:
        from site_src.engine.meta import parse_source

        meta, _ = parse_source(path, path.read_text(encoding="utf-8"))
        return meta.alt_for("")
    except Exception:  # the snippets hook reports broken snippets itself
        return ""


def on_page_markdown(markdown, page, config, files):
    if not page.meta.get("question"):
        return markdown
    project = _state["project"]
    source, _ = get_data(page.file.content_string)
    src = Path(page.file.abs_src_path)
    names = placed_snippets(source)
    paths = [src]
    answer_dir = (
        project / "snippets" / Path(page.file.src_uri).with_suffix("").as_posix()
    )
    if answer_dir.is_dir():
        paths.append(answer_dir)
    paths += [p for n in names if (p := project / "snippets" / f"{n}.py").exists()]
    if "[[bibliography" in source:
        paths.append(Path(config.docs_dir) / "references.bib")
    try:
        history = cite.history(paths, project, _state["epoch"])
    except cite.HistoryError as exc:
        raise PluginError(f"docs/{page.file.src_uri}: {exc}") from None

    site_url = config.site_url
    url = page.canonical_url or urljoin(site_url, page.url)
    authors = page.meta.get("authors") or [config.site_author or config.site_name]
    if isinstance(authors, str):
        authors = [authors]
    slug = re.sub(r"[^a-z0-9]", "", config.site_name.lower()) or "site"
    citation = cite.Citation(
        key=f"{slug}-{Path(page.file.src_uri).with_suffix('').as_posix().replace('/', '-')}",
        title=str(page.meta.get("title") or page.title or ""),
        authors=[str(a) for a in authors],
        site_name=config.site_name,
        url=url,
        question=str(page.meta.get("question") or ""),
        description=str(page.meta.get("description") or config.site_description or ""),
        history=history,
        language=config.theme.get("language") or "en",
        repo_url=config.repo_url or "",
    )
    preview = _preview(names, page, files, project)
    if preview:
        uri, citation.image_alt, citation.image_type = preview
        citation.image = urljoin(site_url, uri)
    page.meta["whyrelu_head"] = citation.head_meta()
    page.meta["whyrelu_citation"] = {
        "bibtex": citation.bibtex(),
        "apa": citation.apa(),
        "url": url,
    }
    return (
        markdown.rstrip()
        + "\n\n"
        + cite.updates_section(citation)
        + "\n"
        + cite.cite_section(citation)
    )
