"""The build's passes without a generator plugin: ``python -m site_src``.

For a generator that runs no MkDocs plugin (Zensical, or any other that reads
Markdown with front matter)::

    python -m site_src render --out build/md --config-out build/mkdocs.yml
    properdocs build -f build/mkdocs.yml --site-dir build/site   # any generator
    python -m site_src postprocess build/site

``render`` runs the snippets and writes the expanded Markdown tree (every
snippet, value, citation, answers list, cite block and report link placed;
the head's citation tags in each answer's front matter, ``whyrelu_head``)
with the stylesheets, scripts and figures; ``--config-out`` also writes a
copy of mkdocs.yml that reads that tree and lists no ``whyrelu`` plugin.
``postprocess`` runs the HTML pass over the built site (maths, glossary
links, valid HTML, search spellings). Left out, because they need the
generator's own machinery: the notebooks (mkdocs-jupyter renders them), the
print page (it assembles the other pages' rendered HTML), link warnings with
line numbers, and live reload. CONTRIBUTING.md, "Another generator", says more.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import urljoin

import yaml

from site_src.engine.errors import SnippetError, SnippetErrors
from site_src.html.postprocess import HtmlPassError, postprocess
from site_src.markdown.render import (
    MarkdownPass,
    Page,
    PassError,
    Site,
    page_url,
    split_front_matter,
)

PLUGIN = "whyrelu"
# Plugins that only work inside MkDocs' build: left out of the generated config.
LEFT_OUT_PLUGINS = {PLUGIN, "mkdocs-jupyter"}
# Pages the plugin makes from others' rendered HTML: left out of the nav.
LEFT_OUT_PAGES = {"print.md"}


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as plain YAML; MkDocs' own tags (``!ENV``, ``!relative``)
    are read as the text they hold."""


_Loader.add_multi_constructor(
    "!", lambda loader, suffix, node: loader.construct_scalar(node)
)


def load_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}


def plugin_settings(config: dict, environ=os.environ) -> dict:
    """The ``whyrelu`` plugin's settings in mkdocs.yml, environment over file
    (the same rules as ``site_src.plugin.settings``)."""
    chosen = {"execute": True, "cache": ".cache/snippets", "workers": None}
    chosen["machine"] = None
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and PLUGIN in entry:
            chosen.update(entry[PLUGIN] or {})
    if "WHYRELU_EXECUTE" in environ:
        chosen["execute"] = environ["WHYRELU_EXECUTE"] != "0"
    if environ.get("WHYRELU_WORKERS"):
        chosen["workers"] = int(environ["WHYRELU_WORKERS"])
    chosen["cache"] = environ.get("WHYRELU_CACHE") or chosen["cache"]
    chosen["machine"] = environ.get("WHYRELU_MACHINE") or chosen["machine"]
    return chosen


def nav_pages(nav) -> list[tuple[str, str]]:
    """(source path, nav title) of the nav's pages, in order."""
    found: list[tuple[str, str]] = []

    def walk(items, title=""):
        if isinstance(items, str):
            if items.endswith(".md"):
                found.append((items, title))
        elif isinstance(items, list):
            for item in items:
                walk(item)
        elif isinstance(items, dict):
            for key, value in items.items():
                walk(value, key)

    walk(nav or [])
    return found


def render(config_file: Path, out: Path, log=print) -> list[str]:
    """Write the expanded Markdown tree of the site ``config_file`` builds
    into ``out`` (emptied first); returns the pages written."""
    config = load_config(config_file)
    project = config_file.resolve().parent
    docs = (project / config.get("docs_dir", "docs")).resolve()
    site_url = config.get("site_url") or ""
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    chosen = plugin_settings(config)
    cache = Path(chosen["cache"])
    md = MarkdownPass(
        Site(
            project=project,
            docs=docs,
            site_url=site_url,
            site_name=config.get("site_name") or "",
            site_author=config.get("site_author") or "",
            site_description=config.get("site_description") or "",
            repo_url=config.get("repo_url") or "",
            language=(config.get("theme") or {}).get("language") or "en",
        ),
        execute=chosen["execute"],
        cache=cache if cache.is_absolute() else project / cache,
        workers=chosen["workers"],
        machine=chosen["machine"],
        log=log,
    )
    md.run_snippets()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    site_files: set[str] = set()
    sources = sorted(p for p in docs.rglob("*") if p.is_file())
    pages = []
    for path in sources:
        uri = path.relative_to(docs).as_posix()
        site_files.add(uri)
        if path.suffix == ".md":
            markdown, meta = split_front_matter(path.read_text(encoding="utf-8"))
            pages.append((uri, path, markdown, meta))
        else:
            _copy(path, out / uri)
    for uri, path in md.static_files():
        site_files.add(uri)
        _copy(path, out / uri)
    md.read_pages(pages)
    titles = dict(nav_pages(config.get("nav")))
    md.set_order([uri for uri, _ in nav_pages(config.get("nav"))])
    repo_url = config.get("repo_url") or ""
    edit_uri = config.get("edit_uri")
    for uri, path, markdown, meta in pages:
        url = page_url(uri)
        page = Page(
            src_uri=uri,
            path=path,
            url=url,
            meta=meta,
            title=str(meta.get("title") or titles.get(uri) or ""),
            edit_url=(
                urljoin(repo_url.rstrip("/") + "/", edit_uri) + uri
                if repo_url and edit_uri
                else None
            ),
            canonical_url=urljoin(site_url, url) if site_url else None,
        )
        expanded = md.page(markdown, page, site_files)
        head = ""
        if meta:
            head = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
            head += "---\n\n"
        target = out / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(head + expanded, encoding="utf-8")
    md.unused_snippets()
    return [uri for uri, *_ in pages]


def generator_config(config_file: Path, out: Path, target: Path) -> None:
    """A copy of ``config_file`` for a generator without the plugin: it reads
    the expanded tree ``out``, and lists neither ``whyrelu`` nor the plugins
    and pages that need it."""
    config = load_config(config_file)
    project = config_file.resolve().parent
    config["docs_dir"] = str(out.resolve())
    theme = config.get("theme") or {}
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((project / theme["custom_dir"]).resolve())
    plugins = []
    for entry in config.get("plugins") or []:
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name not in LEFT_OUT_PLUGINS:
            plugins.append(entry)
    config["plugins"] = plugins
    config.pop("watch", None)
    config["nav"] = _without_pages(config.get("nav") or [])
    # The notebooks list links to notebooks this build does not make.
    config["strict"] = False
    for ext in config.get("markdown_extensions") or []:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            options = ext["pymdownx.snippets"] or {}
            options["base_path"] = [
                str((project / base).resolve()) for base in options.get("base_path", [])
            ]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        "# Made by `python -m site_src render --config-out`: the site without\n"
        "# the whyrelu plugin, from the expanded Markdown tree. Do not edit.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )


def _without_pages(nav):
    if isinstance(nav, list):
        return [
            item
            for item in (_without_pages(i) for i in nav)
            if item not in (None, [], {})
        ]
    if isinstance(nav, dict):
        return {k: v for k, v in ((k, _without_pages(v)) for k, v in nav.items()) if v}
    return None if nav in LEFT_OUT_PAGES else nav


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_src", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("render", help="write the expanded Markdown tree")
    make.add_argument("--out", type=Path, required=True, help="folder to write")
    make.add_argument(
        "-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml"
    )
    make.add_argument(
        "--config-out",
        type=Path,
        help="also write a generator config for the tree (no whyrelu plugin)",
    )
    post = commands.add_parser("postprocess", help="run the HTML pass over a site")
    post.add_argument("site", type=Path, help="the built site's folder")
    post.add_argument(
        "--docs",
        type=Path,
        default=Path("docs"),
        help="the pages the site was built from (front matter: which are answers)",
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "render":
            written = render(args.config_file, args.out, log=_err)
            if args.config_out:
                generator_config(args.config_file, args.out, args.config_out)
            _err(f"render: {len(written)} pages written to {args.out}")
        else:
            changed = postprocess(args.site, args.docs)
            _err(f"postprocess: {len(changed)} pages changed in {args.site}")
    except (SnippetError, SnippetErrors, PassError, HtmlPassError) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def _err(text: str) -> None:
    print(text, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
