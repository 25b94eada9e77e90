"""Scaffold a new answer: a page, a first snippet, its test, and a nav entry.

``make new-answer SLUG=leaky-relu TITLE="What does a leaky ReLU fix?"`` calls
``python -m site_src.devtools.scaffold leaky-relu "What does a leaky ReLU fix?"``. The
result builds and passes the tests as it stands, so a contributor starts from
something that works and changes it step by step.

Nothing is written unless everything can be: the slug, the claim name and the
title are checked, and every target file, the nav entry and the new
``mkdocs.yml`` are prepared first. A bad or taken slug is refused with a
message that says what to do, and no file is touched.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

SLUG = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
CLAIM = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*")
QUESTION = re.compile(r"Q[1-9][0-9]*|new")
MAX_SLUG = 60
# Names the site uses for its own pages and folders: a page with one of these
# names would clash with them.
RESERVED = {"index", "contributing", "assets", "figures", "search", "404", "sitemap"}
# A nav title that YAML reads as plain text without quotes.
PLAIN_TITLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.'()/?!-]*")
ANSWERS = re.compile(r"^(?P<indent>[ \t]*)- Answers:[ \t]*$")


class ScaffoldError(Exception):
    """A reason not to scaffold, phrased as what happened and what to do."""


@dataclass
class Plan:
    """Everything ``make new-answer`` will write, prepared before writing."""

    files: dict[Path, str]
    config: Path
    old_config: str
    new_config: str


def snippet_test_name(slug: str) -> str:
    """The test file's name: hyphens become underscores (a Python module)."""
    return f"test_{slug.replace('-', '_')}.py"


def check_names(slug: str, title: str, claim: str, question: str) -> None:
    if not slug:
        raise ScaffoldError(
            'no SLUG given — run: make new-answer SLUG=leaky-relu TITLE="What does a leaky ReLU fix?"'
        )
    if len(slug) > MAX_SLUG or not SLUG.fullmatch(slug):
        raise ScaffoldError(
            f"SLUG '{slug}' is not a valid page name — use lower-case letters and digits "
            f"joined by single hyphens, starting with a letter, at most {MAX_SLUG} "
            "characters (e.g. leaky-relu); it becomes the address docs/<slug>.md"
        )
    if slug in RESERVED:
        raise ScaffoldError(
            f"SLUG '{slug}' is a name the site uses for itself — choose another "
            f"(reserved: {', '.join(sorted(RESERVED))})"
        )
    if not title.strip():
        raise ScaffoldError(
            'no TITLE given — add the question as the page title: TITLE="What does a leaky ReLU fix?"'
        )
    if "\n" in title or "\r" in title:
        raise ScaffoldError("TITLE spans several lines — give it on one line")
    if not CLAIM.fullmatch(claim):
        raise ScaffoldError(
            f"CLAIM '{claim}' is not a valid snippet name — use lower-case words joined "
            "by hyphens or underscores (e.g. dead-units); it becomes snippets/<slug>/<claim>.py"
        )
    if not QUESTION.fullmatch(question):
        raise ScaffoldError(
            f"QUESTION '{question}' is not a question id — use Q1, Q2, ... (the question "
            "bank's number) or leave it out for a new question"
        )


def taken(root: Path, slug: str, config_text: str) -> list[str]:
    """Every reason the slug is already in use, empty when it is free."""
    reasons = []
    for path in (
        root / "docs" / f"{slug}.md",
        root / "docs" / slug,
        root / "snippets" / slug,
        root / "tests" / "snippets" / snippet_test_name(slug),
    ):
        if path.exists():
            reasons.append(f"{path.relative_to(root).as_posix()} exists")
    for number, line in enumerate(config_text.splitlines(), start=1):
        if re.search(rf"(?<![\w/-]){re.escape(slug)}\.md\b", line):
            state = (
                " (commented out: someone is writing it)"
                if line.lstrip().startswith("#")
                else ""
            )
            reasons.append(f"mkdocs.yml:{number} already lists {slug}.md{state}")
    return reasons


def nav_title(title: str) -> str:
    """The title as a YAML mapping key: plain when safe, else double-quoted."""
    if PLAIN_TITLE.fullmatch(title) and not title.endswith((" ", ":")):
        return title
    return json.dumps(title, ensure_ascii=False)


def add_to_nav(config_text: str, title: str, slug: str) -> str:
    """``config_text`` with ``- <title>: <slug>.md`` at the end of Answers."""
    lines = config_text.splitlines(keepends=True)
    start = None
    in_nav = False
    for index, line in enumerate(lines):
        if re.match(r"^nav:\s*$", line):
            in_nav = True
        elif in_nav and ANSWERS.match(line):
            start = index
            break
    if start is None:
        raise ScaffoldError(
            "mkdocs.yml has no `- Answers:` section under `nav:` — add one "
            "(see the nav of the repository's mkdocs.yml), then run make new-answer again"
        )
    base = len(ANSWERS.match(lines[start]).group("indent").expandtabs())
    end = start + 1
    last = start
    entry_indent = None
    while end < len(lines):
        text = lines[end]
        if text.strip():
            indent = len(text) - len(text.lstrip())
            if indent <= base:
                break
            last = end
            stripped = text.lstrip()
            if entry_indent is None and stripped.startswith(("-", "# -", "#-")):
                entry_indent = indent
        end += 1
    entry_indent = entry_indent if entry_indent is not None else base + 4
    entry = " " * entry_indent + f"- {nav_title(title)}: {slug}.md\n"
    if not lines[last].endswith("\n"):
        lines[last] += "\n"
    lines.insert(last + 1, entry)
    return "".join(lines)


def _nav_entries(config_text: str) -> list:
    """The Answers entries of a mkdocs.yml, as YAML reads them (a check)."""
    try:
        import yaml
    except ImportError:  # no PyYAML outside the venv: skip the double check
        return []

    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may use tags such as !ENV; their values do not matter here.
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor(
        "tag:yaml.org,2002:python/", lambda loader, suffix, node: None
    )
    data = yaml.load(config_text, Loader=Loader)
    for item in data.get("nav") or []:
        if isinstance(item, dict) and "Answers" in item:
            return item["Answers"] or []
    return []


def render(template: str, values: dict[str, str]) -> str:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    left = re.search(r"\{\{\w+\}\}", text)
    if left:
        raise RuntimeError(
            f"site_src/templates/{template}: {left.group(0)} was not filled in"
        )
    return text


def plan(root: Path, slug: str, title: str, claim: str, question: str) -> Plan:
    title = title.strip()
    check_names(slug, title, claim, question)
    config = root / "mkdocs.yml"
    if not config.exists():
        raise ScaffoldError(
            f"no mkdocs.yml in {root} — run make new-answer from the repository root"
        )
    config_text = config.read_text(encoding="utf-8")
    reasons = taken(root, slug, config_text)
    if reasons:
        raise ScaffoldError(
            f"SLUG '{slug}' is taken: "
            + "; ".join(reasons)
            + " — choose another slug, "
            f"or edit the existing answer (docs/{slug}.md) instead"
        )
    new_config = add_to_nav(config_text, title, slug)
    entries = _nav_entries(new_config)
    if entries and {title: f"{slug}.md"} not in entries:
        raise RuntimeError(
            f"the nav entry for {slug}.md did not parse back as {title!r}: {entries!r}"
        )
    values = {
        "slug": slug,
        "claim": claim,
        "claim_ident": claim.replace("-", "_"),
        "question": question,
        "title_yaml": json.dumps(title, ensure_ascii=False),
        "title_md": title,
    }
    files = {
        root / "docs" / f"{slug}.md": render("answer.md.tmpl", values),
        root / "snippets" / slug / f"{claim}.py": render("snippet.py.tmpl", values),
        root / "tests" / "snippets" / snippet_test_name(slug): render(
            "test.py.tmpl", values
        ),
    }
    return Plan(files, config, config_text, new_config)


def write(plan: Plan) -> list[Path]:
    """Write the plan; on any failure remove what was written and re-raise."""
    written: list[Path] = []
    made_dirs: list[Path] = []
    try:
        for path, text in plan.files.items():
            for parent in reversed(path.parents):
                if not parent.exists():
                    parent.mkdir()
                    made_dirs.append(parent)
            with path.open("x", encoding="utf-8") as handle:  # never overwrite
                written.append(path)
                handle.write(text)
        if plan.config.read_text(encoding="utf-8") != plan.old_config:
            raise ScaffoldError(
                "mkdocs.yml changed while scaffolding — run make new-answer again"
            )
        staging = plan.config.with_name(".mkdocs.yml.new")
        staging.write_text(plan.new_config, encoding="utf-8")
        os.replace(staging, plan.config)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        for folder in reversed(made_dirs):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        raise
    return [*written, plan.config]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_src.devtools.scaffold",
        description="Scaffold a new answer (what `make new-answer` runs).",
    )
    parser.add_argument("slug", help="the page name, e.g. leaky-relu (docs/<slug>.md)")
    parser.add_argument("title", help="the question, as the page title")
    parser.add_argument(
        "--claim", default="short-answer", help="the first snippet's name"
    )
    parser.add_argument("--question", default="new", help="Q1, Q2, ... or new")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        made = write(plan(args.root, args.slug, args.title, args.claim, args.question))
    except ScaffoldError as exc:
        print(f"make new-answer: {exc}. Nothing was written.", file=sys.stderr)
        return 2
    for path in made:
        verb = "updated" if path.name == "mkdocs.yml" else "created"
        print(f"{verb} {path.relative_to(args.root).as_posix()}")
    slug, claim = args.slug, args.claim
    print(
        f"\nNext: preview with `make serve` and open {preview_url(args.root, slug)} "
        f"(Ctrl+C stops it); edit docs/{slug}.md and "
        f"snippets/{slug}/{claim}.py; check with "
        f"`.venv/bin/pytest tests/snippets/{snippet_test_name(slug)}`."
    )
    return 0


def preview_url(root: Path, slug: str, host: str = "127.0.0.1:8000") -> str:
    """Where `make serve` shows the page: under the path of ``site_url``."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*['\"]?(\S+?)['\"]?\s*$", config, re.M)
    path = re.sub(r"^[a-z]+://[^/]+", "", match[1]) if match else "/"
    prefix = path.strip("/")
    return f"http://{host}/" + (f"{prefix}/" if prefix else "") + f"{slug}/"


if __name__ == "__main__":
    sys.exit(main())
