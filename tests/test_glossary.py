"""The glossary: docs/glossary.md, and the links from each term's first use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_src.html import glossary

ROOT = Path(__file__).resolve().parents[1]

GLOSSARY = ROOT / "docs" / "glossary.md"
URL = "../glossary/"

# The terms the answers lean on (the issue names them); each must be defined.
REQUIRED = {
    "activation": "activation",
    "pre-activation": "pre-activation",
    "linear region": "linear-region",
    "activation pattern": "activation-pattern",
    "saturation": "saturation",
    "vanishing gradient": "vanishing-gradient",
    "dead unit": "dead-unit",
    "entropy rate": "entropy-rate",
    "arithmetic coding": "arithmetic-coding",
    "cross-entropy": "cross-entropy",
}


@pytest.fixture(scope="module")
def terms() -> list[glossary.Term]:
    return glossary.parse(GLOSSARY.read_text(encoding="utf-8"), GLOSSARY)


def link(html_text: str, terms) -> str:
    return glossary.link_terms(html_text, terms, URL)


def linked(html_text: str) -> list[tuple[str, str]]:
    return re.findall(
        r'<a class="wr-term" href="\.\./glossary/#([^"]+)"[^>]*>([^<]*)</a>', html_text
    )


def test_required_terms_are_defined(terms):
    index = glossary.form_index(terms)
    for word, ident in REQUIRED.items():
        term = index.get(word)
        assert term is not None, f"no glossary entry matches '{word}'"
        assert term.id == ident
        assert len(term.definition.split()) >= 12, (
            f"'{word}': the definition is too short to help"
        )


def test_definitions_are_plain_text(terms):
    for term in terms:
        assert "$" not in term.definition and "\\" not in term.definition, term.id
        assert "*" not in term.definition and "](" not in term.definition, term.id


def test_first_use_is_linked_once(terms):
    out = link("<p>The activation of a unit. Another activation.</p>", terms)
    assert linked(out) == [("activation", "activation")]
    assert out.count("wr-term") == 1


def test_longest_term_wins_and_hyphenated_words_stay_whole(terms):
    out = link(
        "<p>A pre-activation, an activation pattern, then an activation.</p>", terms
    )
    assert linked(out) == [
        ("pre-activation", "pre-activation"),
        ("activation-pattern", "activation pattern"),
        ("activation", "activation"),
    ]


def test_plurals_synonyms_and_case(terms):
    out = link("<p>Linear regions appear; a dying ReLU is a Dead neuron.</p>", terms)
    assert ("linear-region", "Linear regions") in linked(out)
    assert ("dead-unit", "dying ReLU") in linked(out)
    assert ("relu", "ReLU") not in linked(out)  # inside "dying ReLU": one link, not two
    assert out.count("wr-term") == 2  # "Dead neuron" is the same term: linked once


def test_no_link_inside_headings_links_code_maths_or_marked_blocks(terms):
    page = (
        '<h2 id="x">Saturation</h2>'
        '<p><a href="#y">saturation</a> <code>saturation</code> '
        "<math><mi>saturation</mi></math></p>"
        '<div class="wr-cite-block"><p>saturation</p></div>'
        "<details><summary>saturation</summary><p>Here: saturation.</p></details>"
    )
    out = link(page, terms)
    assert linked(out) == [("saturation", "saturation")]
    assert out.index("wr-term") > out.index("Here:")


def test_words_inside_other_words_are_not_terms(terms):
    assert (
        linked(
            link(
                "<p>Preactivations, sparsely, rectifiers-like, gradientless.</p>", terms
            )
        )
        == []
    )


def test_link_has_the_definition_as_title(terms):
    out = link("<p>entropy rate</p>", terms)
    title = re.search(r'title="([^"]+)"', out).group(1)
    assert title.startswith("Entropy rate: The entropy per symbol")


def test_glossary_errors_name_the_line():
    with pytest.raises(
        glossary.GlossaryError, match=r"g.md:1: the term 'A' has no definition"
    ):
        glossary.parse("## A { #a }\n\n## B { #b }\n\nB is b.\n", Path("g.md"))
    with pytest.raises(glossary.GlossaryError, match="belongs to two terms"):
        glossary.parse(
            "## A { #a }\n\nAlso called: c.\n\nA.\n\n## C { #c }\n\nC.\n", Path("g.md")
        )


@pytest.mark.slow
def test_answers_link_terms_to_existing_glossary_ids(built_site):
    ids = set(
        re.findall(
            r'<h2 id="([^"]+)"', (built_site / "glossary" / "index.html").read_text()
        )
    )
    answers = [
        p
        for p in sorted(built_site.rglob("index.html"))
        if '<meta name="citation_title"' in p.read_text(encoding="utf-8")
    ]
    assert answers
    for page in answers:
        text = page.read_text(encoding="utf-8")
        links = re.findall(r'<a class="wr-term" href="[^"]*glossary/#([^"]+)"', text)
        where = page.relative_to(built_site)
        assert links, f"{where}: no glossary term linked"
        assert len(links) == len(set(links)), f"{where}: a term is linked twice"
        assert set(links) <= ids, (
            f"{where}: links to missing glossary ids {set(links) - ids}"
        )


EXPLAINED = re.compile(
    r"^Explained in: \[[^\]]+\]\(([a-z0-9-]+)\.md#([a-z0-9-]+)\)\.$", re.M
)


def test_every_term_links_back_to_the_section_that_explains_it(terms):
    """Each entry ends with "Explained in: [section](page.md#id)." and the
    section exists (it is a published anchor)."""
    text = GLOSSARY.read_text(encoding="utf-8")
    published = set(
        (ROOT / "site_src" / "anchors.txt").read_text(encoding="utf-8").splitlines()
    )
    blocks = re.split(r"^## ", text, flags=re.M)[1:]
    assert len(blocks) == len(terms)
    for term, block in zip(terms, blocks):
        found = EXPLAINED.findall(block)
        assert len(found) == 1, (
            f"'{term.name}': one 'Explained in:' line, found {len(found)}"
        )
        page, anchor = found[0]
        assert (ROOT / "docs" / f"{page}.md").is_file(), (
            f"'{term.name}': no page {page}"
        )
        assert f"{page}/#{anchor}" in published, (
            f"'{term.name}': no section {page}#{anchor}"
        )
        # The link is a paragraph of its own, not part of the hover definition.
        assert "Explained in" not in term.definition


def test_glossary_agrees_with_the_page_on_dead_units(terms):
    """The dead-units section says a deeper unit can come back (rarely)
    and a first-layer unit stays dead; the glossary must not say "never"."""
    dead = next(t for t in terms if t.id == "dead-unit")
    page = (ROOT / "docs" / "is-relu-wasteful.md").read_text(encoding="utf-8")
    assert "bring it back" in page and "stays dead" in page
    assert "occasionally come back" in dead.definition
    assert "stays" in dead.definition and "cannot come back" not in dead.definition


def test_one_spelling_per_term_on_the_pages():
    """The site writes British spelling; American forms appear only in quoted
    titles (the bibliography), code, and the glossary's "Also called" lines."""
    from site_src.html import spelling

    american = set(spelling.BRITISH_TO_AMERICAN.values())
    offenders = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        if page.name == "contributing.md":
            continue
        inside_code = False
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith(("```", "~~~")):
                inside_code = not inside_code
            if inside_code or line.startswith(("Also called:", "<!--")):
                continue
            prose = re.sub(
                r"`[^`]*`|\$[^$]*\$|\[@[^\]]*\]|\([^)]*\.md[^)]*\)|\{ #[^}]*\}",
                "",
                line,
            )
            for word in re.findall(r"[A-Za-z]+", prose):
                if word.lower() in american:
                    offenders.append(f"{page.name}:{number}: {word}")
    assert not offenders, "American spelling on a page: " + "; ".join(offenders)
