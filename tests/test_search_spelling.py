"""The search finds both spellings: "initialisation" and "initialization"."""

from __future__ import annotations

import json

import pytest

from site_src.html import spelling


def test_pairs_go_both_ways():
    assert spelling.TWIN["initialisation"] == "initialization"
    assert spelling.TWIN["initialization"] == "initialisation"
    assert spelling.TWIN["normalised"] == "normalized"
    assert spelling.TWIN["centred"] == "centered"
    # Words that only look alike are left alone.
    for word in ("noise", "raise", "precise", "otherwise", "analysis"):
        assert word not in spelling.TWIN


def test_entries_gain_the_other_spelling():
    index = {
        "docs": [
            {
                "location": "a/",
                "title": "He initialisation",
                "text": "<p>Normalised.</p>",
            },
            {"location": "b/", "title": "Nothing", "text": "<p>Plain words.</p>"},
            {"location": "c/", "title": "Xavier", "text": "<p>initialization</p>"},
        ]
    }
    assert spelling.add_twins(index) == 2
    a, b, c = index["docs"]
    assert a["text"].endswith("<p>initialization normalized</p>")
    assert b["text"] == "<p>Plain words.</p>"
    assert "initialisation" in c["text"]


@pytest.mark.slow
def test_built_search_index_has_both_spellings(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    british = [d for d in index["docs"] if "initialisation" in d["text"].lower()]
    assert len(british) >= 5, "the pages use the British spelling"
    for doc in british:
        assert "initialization" in doc["text"].lower(), doc["location"]
    glossary = [d for d in index["docs"] if d["location"] == "glossary/#initialization"]
    assert glossary and "initialization" in glossary[0]["text"].lower()
