"""MkDocs' link warnings, rewritten to name the line and say what to do."""

from __future__ import annotations

import pytest

from site_src.html import linkhints

PAGE = """---
title: A page
---

# A page { #a-page }

## Short answer { #short-answer }

See [the other page](other.md) and [this](#nowhere).
Also [there](other.md#gone) and [an address](other/).
"""


@pytest.fixture
def docs(tmp_path):
    (tmp_path / "a.md").write_text(PAGE)
    (tmp_path / "other.md").write_text(
        "# Other { #other }\n\n## Caveats { #caveats }\n"
    )
    return tmp_path


def test_missing_page(docs):
    text = linkhints.rewrite(
        "Doc file 'a.md' contains a link 'nope.md', but the target is not found among "
        "documentation files. Did you mean 'other.md'?",
        docs,
    )
    assert text.startswith(
        "docs/a.md: the link 'nope.md' points to no page of the site — "
    )
    assert "did you mean 'other.md'?" in text


def test_missing_page_names_its_line(docs):
    (docs / "a.md").write_text(PAGE.replace("other.md)", "missing.md)"))
    text = linkhints.rewrite(
        "Doc file 'a.md' contains a link 'missing.md', but the target is not found among "
        "documentation files.",
        docs,
    )
    assert text.startswith("docs/a.md:9: ")


def test_missing_anchor_here_lists_the_ids(docs):
    text = linkhints.rewrite(
        "Doc file 'a.md' contains a link '#nowhere', but there is no such anchor on this page.",
        docs,
    )
    assert text == (
        "docs/a.md:9: the link '#nowhere' points to a heading id this page does not have — "
        "use one of its heading ids (#a-page, #short-answer) or add the id to a heading: "
        "`{ #my-id }`"
    )


def test_missing_anchor_on_another_page(docs):
    text = linkhints.rewrite(
        "Doc file 'a.md' contains a link 'other.md#gone', but the doc 'other.md' does not "
        "contain an anchor '#gone'.",
        docs,
    )
    assert text.startswith("docs/a.md:10: the link 'other.md#gone' points to '#gone', ")
    assert "(#other, #caveats)" in text


def test_link_to_an_address(docs):
    text = linkhints.rewrite(
        "Doc file 'a.md' contains an unrecognized relative link 'other/', it was left as "
        "is. Did you mean 'other.md'?",
        docs,
    )
    assert text.startswith(
        "docs/a.md:10: the link 'other/' points to no file — write 'other.md'"
    )


def test_other_messages_are_left_alone(docs):
    assert linkhints.rewrite("Building documentation...", docs) is None
