"""One spelling on the pages, both spellings in the search.

The site is written in British spelling ("initialisation"); readers search in
either. :func:`add_twins` gives every search-index entry that contains a word
in one spelling the word in the other spelling too, so that Material's search
(lunr, whose English stemmer does not equate -ise and -ize) finds the section
whichever way the reader types it. The pages themselves are not changed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

# British stems whose -is- is -iz- in American spelling, with their endings.
_ISE_STEMS = [
    "initialis",
    "normalis",
    "regularis",
    "minimis",
    "maximis",
    "optimis",
    "generalis",
    "visualis",
    "parameteris",
    "summaris",
    "linearis",
    "recognis",
    "organis",
    "standardis",
    "characteris",
    "penalis",
    "quantis",
    "tokenis",
    "randomis",
    "discretis",
    "vectoris",
    "memoris",
    "specialis",
]
_ISE_ENDINGS = ["e", "es", "ed", "ing", "er", "ers", "ation", "ations"]
_OTHER = {
    "centre": "center",
    "centres": "centers",
    "centred": "centered",
    "centring": "centering",
    "colour": "color",
    "colours": "colors",
    "coloured": "colored",
    "behaviour": "behavior",
    "behaviours": "behaviors",
    "modelling": "modeling",
    "modelled": "modeled",
    "analyse": "analyze",
    "analysed": "analyzed",
    "analyses": "analyzes",
    "neighbour": "neighbor",
    "neighbours": "neighbors",
    "neighbouring": "neighboring",
    "favour": "favor",
    "labelled": "labeled",
    "labelling": "labeling",
}


def _pairs() -> dict[str, str]:
    british = {
        stem + end: stem[:-1] + "z" + end for stem in _ISE_STEMS for end in _ISE_ENDINGS
    }
    british.update(_OTHER)
    return british


BRITISH_TO_AMERICAN = _pairs()
TWIN = {**BRITISH_TO_AMERICAN, **{a: b for b, a in BRITISH_TO_AMERICAN.items()}}
_WORD = re.compile(r"[A-Za-z]+")


def twins(text: str) -> list[str]:
    """The other spelling of every listed word in ``text``, once each, sorted."""
    found = {TWIN[w.lower()] for w in _WORD.findall(text) if w.lower() in TWIN}
    return sorted(found)


def add_twins(index: dict) -> int:
    """Append the twins to each entry's text; returns how many entries changed."""
    changed = 0
    for doc in index.get("docs", []):
        extra = twins(doc.get("title", "") + " " + doc.get("text", ""))
        if extra:
            # A paragraph of its own at the end: lunr indexes it, and the
            # result preview, which starts at the top of the text, rarely
            # reaches it.
            doc["text"] = doc.get("text", "") + "<p>" + " ".join(extra) + "</p>"
            changed += 1
    return changed


def rewrite_index(path: Path) -> int:
    index = json.loads(path.read_text(encoding="utf-8"))
    changed = add_twins(index)
    path.write_text(
        json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return changed
