"""Snapshot the site's own English prose into ``site-text.md``.

Run by hand from the repository root when the pages have changed:

    .venv/bin/python snippets/_data/make_corpus.py

The compression snippets read the snapshot, not the live pages, so that
editing a page does not silently change every compression figure: their
numbers move only when someone commits a new snapshot. Sources: the guide
for contributors and every Markdown page under docs/ (the answers, the
glossary, the reading list), concatenated in file-name order. Every word was
written for this project.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "site-text.md"


def sources():
    yield ROOT / "CONTRIBUTING.md"
    yield from sorted((ROOT / "docs").glob("*.md"))


def main():
    parts = [path.read_bytes().strip() + b"\n" for path in sources()]
    OUT.write_bytes(b"\n".join(parts))
    print(
        f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size} bytes from {len(parts)} files"
    )


if __name__ == "__main__":
    main()
