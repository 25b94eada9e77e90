"""The reader never saw the question bank or its numbering.

Pages, the citation blocks (formatted reference and BibTeX), the reading
list, the print page, the notebooks and the search index must not speak of
"the discussion" or show internal ids such as Q6 or C6. The front matter's
``question:`` and ``claims:`` ids are for contributors only.
"""

from __future__ import annotations

import html
import json
import re

import pytest

from site_src.markdown import cite

LABEL = re.compile(r"\b[QC]\d{1,2}\b")
PHRASES = re.compile(r"\bthe (?:discussion|forum|thread)\b|\banswer to Q", re.I)
# The contributor guide documents the front-matter fields themselves.
SKIP = {"contributing"}


def _text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _offences(text: str) -> list[str]:
    found = []
    for pattern in (LABEL, PHRASES):
        for m in pattern.finditer(text):
            found.append(text[max(0, m.start() - 40) : m.end() + 40].replace("\n", " "))
    return found


def test_bibtex_names_no_question_id():
    history = cite.History([], "2026-11-01", "2026-11-27")
    c = cite.Citation(
        key="whyrelu-x",
        title="Why?",
        authors=["The Why ReLU? contributors"],
        site_name="Why ReLU?",
        url="https://x.example/x/",
        question="Q6",
        description="Because.",
        history=history,
    )
    assert not _offences(c.bibtex()) and not _offences(c.apa())


def test_commit_subjects_lose_their_labels():
    """The "Updates and corrections" list shows commit subjects."""
    for subject in (
        "Answer Q5: if-statement, transistor or dropout?",
        "Q3/Q8 pages: fix a value",
        "Q1/Q3: answer the 'sharp breaks' half of C1; cite Maas",
        "Reading list (Q9) built from one BibTeX file",
    ):
        out = cite.public(subject)
        assert not _offences(out), out
        assert out[0].isupper()
    assert cite.public("Fix C++ and Q-learning") == "Fix C++ and Q-learning"


def test_offences_are_found():
    assert _offences("C6, the claim from the discussion")
    assert _offences("Cited in: Q6: Is a network a zip?")
    assert not _offences("C++ and Q-learning, 2Q, QC12a")


@pytest.mark.slow
def test_built_site_shows_no_internal_label(built_site):
    pages = [
        p
        for p in sorted(built_site.rglob("*.html"))
        if p.relative_to(built_site).parts[0] not in SKIP | {"assets"}
    ]
    assert len(pages) > 10
    problems = []
    for page in pages:
        for offence in _offences(_text(page.read_text(encoding="utf-8"))):
            problems.append(f"{page.relative_to(built_site)}: ...{offence}...")
    for notebook in built_site.rglob("*.ipynb"):
        # The cells' text, not the base64 of their figures.
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells)
        for offence in _offences(text):
            problems.append(f"{notebook.relative_to(built_site)}: ...{offence}...")
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    for doc in index["docs"]:
        if doc["location"].split("/")[0] in SKIP:
            continue
        for offence in _offences(_text(doc["title"] + " " + doc["text"])):
            problems.append(f"search index, {doc['location']}: ...{offence}...")
    assert not problems, "internal labels on the site:\n" + "\n".join(problems)
