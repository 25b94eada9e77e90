"""Permanent anchors: every published page and heading id, kept forever.

Plain Python, no MkDocs. ``site_src/anchors.txt`` lists every page address
and every ``page#id`` the site has published (heading ids, and the
``ref-<key>`` ids of the reading list). Citations and other sites link to
them, so none may disappear:

- a page that moves keeps a redirect at its old address (``redirect_maps``
  of the ``redirects`` plugin in ``mkdocs.yml``), and the ids it listed must
  exist on the page the redirect leads to;
- a heading whose id changes keeps the old id as an empty element, e.g.
  ``<span id="old-id"></span>`` on the line above the heading.

``python -m site_src.outputs.anchors check [--site DIR]`` reports every listed anchor
that is gone; ``python -m site_src.outputs.anchors update [--site DIR]`` adds the
anchors of a fresh build to the list (``make anchors``). Without ``--site``
both read ``site/`` when it was built after the last edit of any source (so
``make site`` then ``make anchors`` takes a second), and otherwise build the
site into a temporary folder first. ``update --prune`` (``make anchors
PRUNE=1``) also drops anchors that are gone: only for ids that were never
published.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIST = ROOT / "site_src" / "anchors.txt"
HEADER = """\
# Permanent anchors: every page and heading id this site has published.
# One per line: a page address relative to site_url, or page#id.
# Never delete a line once the site is public. Moving a page needs a redirect
# (redirects plugin, mkdocs.yml); renaming a heading id needs the old id kept
# (<span id="old-id"></span> above the heading). `make anchors` adds new ones.
"""
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Pages the build generates from snippets (the notebooks): their addresses
# are permanent, their heading ids are not (they come from snippet titles,
# which contributors reword). Link to a snippet's permanent place instead:
# #snippet-<answer>-<claim> on its answer page.
GENERATED = ("notebooks/",)
SKIP_FILES = {"404.html"}


class _Ids(HTMLParser):
    """Ids inside the page's article: headings, and reference-list entries."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside <article>
        self.permanent: list[str] = []
        self.all: set[str] = set()
        self.redirect: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            match = re.search(r"url=(.+)$", attrs.get("content") or "", re.I)
            if match:
                self.redirect = match.group(1).strip()
        if tag == "article":
            self.depth += 1
        ident = attrs.get("id")
        if ident:
            self.all.add(ident)
            if self.depth and (tag in HEADINGS or ident.startswith("ref-")):
                self.permanent.append(ident)

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


_PARSED: dict[tuple[Path, int, int], _Ids] = {}


def _parse(path: Path) -> _Ids:
    # Each page is parsed once: checking 450 anchors used to parse a page
    # once per anchor on it (45 s of a 60 s `make anchors`).
    stat = path.stat()
    key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:
        parser = _Ids()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        _PARSED[key] = parser
    return _PARSED[key]


def page_address(site: Path, html_file: Path) -> str:
    rel = html_file.relative_to(site).as_posix()
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def html_files(site: Path) -> list[Path]:
    skip_dirs = {"assets", "search", "figures"}
    return sorted(
        p
        for p in site.rglob("*.html")
        if p.name not in SKIP_FILES and p.relative_to(site).parts[0] not in skip_dirs
    )


def collect(site: Path) -> list[str]:
    """Every page address and page#id the built ``site`` publishes."""
    found: list[str] = []
    for file in html_files(site):
        parsed = _parse(file)
        if parsed.redirect:
            continue  # a redirect stub is not a page of its own
        address = page_address(site, file) or "/"
        found.append(address)
        if address.startswith(GENERATED):
            continue
        found += [f"{address}#{ident}" for ident in dict.fromkeys(parsed.permanent)]
    return found


def read_list(path: Path = LIST) -> list[str]:
    if not path.exists():
        return []
    return [
        l.strip()
        for l in path.read_text(encoding="utf-8").splitlines()
        if l.strip()
        and not l.lstrip().startswith("#")
        and not (l.startswith(GENERATED) and "#" in l)
    ]


def write_list(anchors: list[str], path: Path = LIST) -> None:
    path.write_text(
        HEADER + "".join(f"{a}\n" for a in _sorted(anchors)), encoding="utf-8"
    )


def _sorted(anchors) -> list[str]:
    return sorted(
        set(anchors), key=lambda a: (a.partition("#")[0], a.partition("#")[2] != "", a)
    )


def _resolve(
    site: Path, address: str, hops: int = 0
) -> tuple[Path | None, _Ids | None]:
    """The file a page address serves, after following redirect stubs."""
    rel = address.lstrip("/")
    files = (
        [site / rel / "index.html"]
        if not rel or rel.endswith("/")
        else [site / rel, site / rel / "index.html"]
    )
    for file in files:
        if not file.is_file():
            continue
        parsed = _parse(file)
        if parsed.redirect and hops < 5:
            url_dir = "/" + posixpath.dirname(file.relative_to(site).as_posix())
            target = parsed.redirect.split("#")[0]
            resolved = posixpath.normpath(posixpath.join(url_dir, target)).lstrip("/")
            if target.endswith("/") and resolved and not resolved.endswith("/"):
                resolved += "/"
            return _resolve(site, resolved, hops + 1)
        return file, parsed
    return None, None


def check(site: Path, listed: list[str]) -> list[str]:
    """Problems: one line per listed anchor the built ``site`` no longer has."""
    problems = []
    for anchor in listed:
        address, _, ident = anchor.partition("#")
        file, parsed = _resolve(site, address)
        if file is None:
            problems.append(
                f"{anchor}: the page {address or '/'} is gone without a redirect — restore it, or add "
                f"'{_source_guess(address)}: <new page>.md' under redirects: redirect_maps in mkdocs.yml"
            )
        elif ident and ident not in parsed.all:
            where = file.relative_to(site).as_posix()
            if ident.startswith("ref-"):
                # Reading-list entries are made from docs/references.bib.
                fix = (
                    f"keep the entry {ident[4:]} in docs/references.bib "
                    "(a published source stays on the reading list)"
                )
            else:
                fix = (
                    f'keep it: put <span id="{ident}"></span> above the heading '
                    "that replaced it (ids are permanent)"
                )
            problems.append(f"{anchor}: the id #{ident} is gone from {where} — {fix}")
    return problems


def _source_guess(address: str) -> str:
    address = address.strip("/")
    return f"{address}.md" if address else "index.md"


# What a build reads: a site built after the newest of these is up to date.
SOURCES = (
    "docs",
    "snippets",
    "site_src",
    "mkdocs.yml",
    "requirements.lock",
    "CONTRIBUTING.md",  # docs/contributing.md includes it
)


def stale_source(site: Path, root: Path = ROOT) -> str | None:
    """The first source file newer than the built ``site``, or None if it is fresh.

    ``make site`` stamps ``.cache/site.built`` with the time its build began
    (a build reads the snippets first and writes pages minutes later); without
    the stamp, the oldest page of the site stands for it. A missing site
    counts as stale.
    """
    pages = [p.stat().st_mtime_ns for p in html_files(site)] if site.is_dir() else []
    if not pages:
        return "nothing (there is no site/)"
    stamp = root / ".cache" / "site.built"
    built = min(pages)
    if stamp.is_file():
        built = min(built, stamp.stat().st_mtime_ns)
    for name in SOURCES:
        top = root / name
        files = [top] if top.is_file() else top.rglob("*") if top.is_dir() else []
        for path in files:
            if (
                path.is_file()
                and path != LIST
                and "__pycache__" not in path.parts
                and path.stat().st_mtime_ns > built
            ):
                return path.relative_to(root).as_posix()
    return None


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.setdefault("SOURCE_DATE_EPOCH", "1780000000")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "properdocs",
            "build",
            "--strict",
            "--quiet",
            "--site-dir",
            str(site),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_src.outputs.anchors", description=__doc__.split("\n")[0]
    )
    parser.add_argument("command", choices=["check", "update"])
    parser.add_argument(
        "--site",
        type=Path,
        help="a built site (default: build one into a temporary folder)",
    )
    parser.add_argument(
        "--prune",
        action="store_true",
        help="update: drop anchors that are gone (never-published ids only)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            stale = stale_source(ROOT / "site")
            if stale is None:
                site = ROOT / "site"
                print("anchors: reading site/, built after the last edit")
            else:
                print(f"anchors: site/ is older than {stale}: building the site")
                site = Path(tmp) / "site"
                build(site)
        listed = read_list()
        problems = check(site, listed)
        if args.command == "check":
            for problem in problems:
                print(problem)
            print(f"anchors: {len(listed)} listed, {len(problems)} gone")
            return 1 if problems else 0
        current = collect(site)
        gone = {p.split(":", 1)[0] for p in problems}
        kept = [a for a in listed if not (args.prune and a in gone)]
        new = [a for a in current if a not in set(listed)]
        write_list(kept + current)
        print(
            f"anchors: {len(new)} added, {len(gone) if args.prune else 0} pruned, "
            f"{len(set(kept + current))} listed in {LIST.relative_to(ROOT)}"
        )
        if problems and not args.prune:
            for problem in problems:
                print(problem)
            print(
                "anchors: some listed anchors are gone (above); add redirects or keep "
                "the ids, or, if they were never published, drop them from the list "
                "with `make anchors PRUNE=1`"
            )
            return 1
        return 0


if __name__ == "__main__":
    sys.exit(main())
