"""The texts the compression pages measure on, from snippets/_data/."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "_data"


# --8<-- [start:corpus]
def english_corpus():
    """The site's own Markdown, snapshotted by snippets/_data/make_corpus.py."""
    return (DATA / "site-text.md").read_bytes()


def second_text():
    """The GNU GPL version 3, verbatim (see snippets/_data/gpl-3.README.md)."""
    return (DATA / "gpl-3.txt").read_bytes()


# --8<-- [end:corpus]
