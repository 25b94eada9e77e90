"""The bibliography: docs/references.bib, [@key] citations, the reading list.

Unit tests drive ``site_src.markdown.references`` directly; the ``built_site`` tests
check that every source cited anywhere is in the bib file and on the reading
list of the real site, and that no citation was left unexpanded.
"""

from __future__ import annotations

import re
from pathlib import Path

import pybtex.errors
import pytest
from pybtex.database.input.bibtex import Parser

from buildkit import mkdocs_build
from site_src.engine.errors import SnippetErrors
from site_src.markdown import references as refs

ROOT = Path(__file__).resolve().parents[1]

DOCS = ROOT / "docs"
BIB = DOCS / refs.BIB_NAME

SMALL_BIB = r"""
@comment{a note, in the one form BibTeX has for notes}
@article{one2001, author = {Mont{\'u}far, Guido and Pascanu, R.}, title = {Counting {ReLU} Regions},
  journal = {Journal}, volume = {2}, number = {3}, pages = {1--9}, year = 2001, doi = {10.1/x}}
@misc{two1999, author = {Doe, J.}, title = "A Preprint", year = {1999}, eprint = {1234.5678},
  archiveprefix = {arXiv}, keywords = {b}, annote = {Saves 12\% of G{\"o}del--Escher~text.}}
@book{three2010, author = {{The Group}}, title = {A Book}, publisher = {Press}, year = {2010}, keywords = {a}}
"""


@pytest.fixture
def bib() -> refs.Bibliography:
    b = refs.Bibliography(
        refs.parse_bibtex(SMALL_BIB, Path("small.bib")), Path("small.bib")
    )
    refs.number_entries(b, "", Path("reading-list.md"))
    return b


# ---------------------------------------------------------------- the bib file


def test_bib_file_is_valid_bibtex():
    """Reference managers import it: pybtex, strict, reads every entry, and
    there are no percent-sign comment lines (BibTeX has no such comments; an
    at sign in one starts an entry)."""
    text = BIB.read_text(encoding="utf-8")
    with pybtex.errors.capture() as problems:
        data = Parser().parse_string(text)
    assert not problems, [str(p) for p in problems]
    assert len(data.entries) == len(re.findall(r"^@(?!comment)\w+\{", text, re.M))
    assert not [
        n for n, line in enumerate(text.splitlines(), 1) if line.startswith("%")
    ]
    assert list(data.entries) == list(refs.load(BIB).entries)


def test_bib_file_parses_and_every_entry_is_complete():
    bib = refs.load(BIB)
    assert len(bib.entries) >= 25  # the facts sheet's core sources, at least
    for entry in bib.entries.values():
        where = f"{BIB.name}:{entry.line} ({entry.key})"
        assert entry.get("title"), where
        assert entry.authors(), f"{where}: no author"
        assert entry.get("annote"), f"{where}: no annotation for the reading list"
        assert entry.topic, f"{where}: no keywords (the reading-list section)"
        if entry.type != "misc" or not entry.get("url"):
            assert re.fullmatch(r"\d{4}", entry.get("year")), f"{where}: year"
        if entry.get("doi"):
            assert re.fullmatch(r"10\.\d{4,9}/\S+", entry.get("doi")), where
        if entry.get("eprint"):
            assert re.fullmatch(r"\d{4}\.\d{4,5}|[a-z-]+/\d{7}", entry.get("eprint")), (
                where
            )
        assert entry.links() or entry.type in (
            "inproceedings",
            "mastersthesis",
            "techreport",
            "book",
        ), f"{where}: no DOI, arXiv or URL"


def test_the_facts_sheet_core_sources_are_all_there():
    keys = set(refs.load(BIB).entries)
    core = {
        "cybenko1989",
        "hornik1991",
        "leshno1993",
        "arora2018",
        "telgarsky2016",
        "montufar2014",
        "hanin2019",
        "lu2017width",
        "nair2010",
        "glorot2011",
        "krizhevsky2012",
        "glorot2010",
        "he2015",
        "bengio1994",
        "hochreiter1997",
        "lu2020dying",
        "hendrycks2016",
        "shazeer2020",
        "srivastava2014",
        "ioffe2015",
        "shannon1948",
        "witten1987",
        "rissanen1978",
        "deletang2024",
        "saxe2018",
    }
    assert core <= keys, sorted(core - keys)


def test_every_entry_has_a_section_on_the_reading_list():
    bib = refs.load(BIB)
    reading = (DOCS / refs.READING_LIST).read_text()
    refs.number_entries(
        bib, reading, DOCS / refs.READING_LIST
    )  # raises for an entry on no section
    assert sorted(bib.numbers.values()) == list(range(1, len(bib.entries) + 1))


def test_reading_list_is_answer_q9():
    text = (DOCS / refs.READING_LIST).read_text()
    assert re.search(r"^question: Q9$", text, re.M)


# ---------------------------------------------------------------- parsing and formatting


def test_parse_fields_accents_and_groups(bib):
    one = bib.entries["one2001"]
    assert one.get("pages") == "1--9" and one.get("year") == "2001"
    assert one.short() == "Montúfar & Pascanu (2001)"
    assert refs.apa_authors(one) == "Montúfar, G., & Pascanu, R."
    assert refs.apa_authors(bib.entries["three2010"]) == "The Group"
    text = refs.format_entry(one)
    assert "Counting ReLU Regions" in text and "*2*(3), 1–9." in text
    assert "[doi:10.1/x](https://doi.org/10.1/x)" in text
    assert "[arXiv:1234.5678](https://arxiv.org/abs/1234.5678)" in refs.format_entry(
        bib.entries["two1999"]
    )
    # latexcodec: an escaped percent sign, accents, dashes and ties
    annote = refs.latex_to_text(bib.entries["two1999"].get("annote"))
    assert annote == "Saves 12% of Gödel–Escher\u00a0text."


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("@misc{a, title={x}}\n\n@misc{a, title={y}}", 3, "defined twice"),
        ("@misc{a, title={x}\n", 2, "cannot read this: premature end of file"),
        ("\n@misc{a b, title={x}}", 2, "cannot read this"),
        ("% a note with an @ in it\n@misc{a, title={x}}", 1, "cannot read this"),
    ],
)
def test_bib_errors_name_the_line(text, line, message):
    with pytest.raises(refs.BibError, match=message) as info:
        refs.parse_bibtex(text, Path("x.bib"))
    assert str(info.value).startswith(f"x.bib:{line}:")


# ---------------------------------------------------------------- citing


def test_a_citation_becomes_a_numbered_link(bib):
    out = refs.expand("As shown [@two1999].\n", Path("docs/a.md"), "a.md", bib)
    n = bib.number("two1999")
    assert f'[{n}](reading-list.md#ref-two1999 "Doe (1999): A Preprint")' in out
    assert '<span class="wr-cite">\\[' in out


def test_several_keys_are_sorted_and_a_locator_is_kept(bib):
    out = refs.expand(
        "See [@three2010; @one2001] and [@one2001, Thm. 2].\n",
        Path("a.md"),
        "sub/a.md",
        bib,
    )
    first = out.index("#ref-one2001")
    assert first < out.index("#ref-three2010")
    assert "../reading-list.md#ref-one2001" in out  # relative to docs/sub/
    assert ", Thm. 2\\]" in out


def test_code_is_left_alone(bib):
    source = (
        "Inline `[@one2001]` stays.\n\n```markdown\n[@one2001]\n[[references]]\n```\n"
    )
    assert refs.expand(source, Path("a.md"), "a.md", bib) == source


def test_an_unknown_key_names_the_page_and_line(bib):
    with pytest.raises(SnippetErrors) as info:
        refs.expand("Fine.\n\nBad [@nobody2020].\n", Path("docs/a.md"), "a.md", bib)
    text = str(info.value)
    assert "docs/a.md:3" in text and "nobody2020" in text and "references.bib" in text
    with pytest.raises(SnippetErrors, match="docs/a.md:10:"):  # after 7 lines
        refs.expand("x\n\n[@nobody2020]\n", Path("docs/a.md"), "a.md", bib, 8)


def test_a_bad_citation_in_a_build_names_its_line_in_the_file(scratch_project):
    """Front matter counted, and lines the snippets added above it not."""
    docs, snippets = scratch_project / "docs", scratch_project / "snippets"
    (snippets / "demo").mkdir()
    (snippets / "demo" / "line.py").write_text(
        '"""A line.\n\nClaim: a line.\nAlt: a straight line.\n"""\n'
        "import matplotlib.pyplot as plt\n\nRESULTS = {}\n"
        "fig, ax = plt.subplots()\nax.plot([0, 1], [0, 1])\n"
    )
    (docs / "references.bib").write_text(SMALL_BIB)
    (docs / "index.md").write_text("# Home { #home }\n\nSee [the answer](answer.md).\n")
    front = (
        "---\ntitle: An answer\ndescription: A test.\nquestion: Q0\nclaims: []\n---\n"
    )
    body = "# An answer\n\n[[snippet demo/line]]\n\nAs shown [@one2001; @nobody2020].\n"
    (docs / "answer.md").write_text(front + body)
    line = (front + body).splitlines().index("As shown [@one2001; @nobody2020].") + 1
    proc = mkdocs_build(scratch_project, scratch_project / "site")
    assert proc.returncode != 0
    assert f"answer.md:{line}: cites [@nobody2020]" in proc.stderr, proc.stderr[-3000:]


def test_references_directive_lists_what_the_page_cites(bib):
    out = refs.expand(
        "Text [@two1999] and [@one2001].\n\n[[references]]\n", Path("a.md"), "a.md", bib
    )
    listing = out.split('<ol class="wr-bib"')[1]
    assert listing.index("Counting ReLU") < listing.index("A Preprint")  # by number
    assert "A Book" not in listing
    assert "Annotated on the reading list" in listing
    assert 'id="ref-' not in listing  # ids belong to the reading list only


def test_references_without_citations_is_an_error(bib):
    with pytest.raises(SnippetErrors, match="cites nothing"):
        refs.expand("[[references]]\n", Path("a.md"), "a.md", bib)


def test_bibliography_by_topic_and_numbering(bib):
    reading = "[[bibliography topic=a]]\n\n[[bibliography topic=b]]\n"
    b = refs.Bibliography(bib.entries, bib.path)
    with pytest.raises(SnippetErrors, match="one2001"):  # no topic: on no section
        refs.number_entries(b, reading, Path("reading-list.md"))
    refs.number_entries(b, reading + "\n[[bibliography]]\n", Path("reading-list.md"))
    assert b.numbers == {"three2010": 1, "two1999": 2, "one2001": 3}
    b.cited_in["two1999"] = [("answer.md", "Q1: An answer")]
    out = refs.expand(
        "[[bibliography topic=b]]\n", Path("reading-list.md"), "reading-list.md", b
    )
    assert '<li id="ref-two1999" value="2"' in out
    assert "Cited in: [Q1: An answer](answer.md)." in out


# ---------------------------------------------------------------- the whole site


def cited_keys() -> dict[str, list[str]]:
    """Every [@key] in docs/, outside code: key -> pages."""
    found: dict[str, list[str]] = {}
    for page in sorted(DOCS.rglob("*.md")):
        for _, key in refs.citations(page.read_text(encoding="utf-8")):
            found.setdefault(key, []).append(page.relative_to(DOCS).as_posix())
    return found


def test_every_source_cited_anywhere_is_in_the_bib():
    keys = set(refs.load(BIB).entries)
    missing = {k: v for k, v in cited_keys().items() if k not in keys}
    assert not missing, f"cited but not in docs/{refs.BIB_NAME}: {missing}"


@pytest.mark.slow
def test_every_cited_source_appears_on_the_reading_list(built_site):
    page = (built_site / "reading-list" / "index.html").read_text(encoding="utf-8")
    listed = set(re.findall(r'<li id="ref-([^"]+)"', page))
    assert listed == set(refs.load(BIB).entries)
    assert set(cited_keys()) <= listed


@pytest.mark.slow
def test_no_citation_is_left_unexpanded(built_site):
    for page in sorted(built_site.rglob("*.html")):
        text = re.sub(
            r"<(pre|code)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S
        )
        # Commit messages, quoted in "Updates and corrections", may name the syntax.
        text = re.sub(r'<div class="wr-updates">.*?</div>', "", text, flags=re.S)
        assert not re.search(r"\[@[A-Za-z0-9_:.-]+", text), page.relative_to(built_site)
        assert "[[bibliography" not in text and "[[references]]" not in text, (
            page.relative_to(built_site)
        )


@pytest.mark.slow
def test_citation_links_land_on_reading_list_entries(built_site):
    listed = set(
        re.findall(
            r'<li id="ref-([^"]+)"',
            (built_site / "reading-list" / "index.html").read_text(encoding="utf-8"),
        )
    )
    for page in sorted(built_site.rglob("index.html")):
        for key in re.findall(
            r'href="[^"]*reading-list/#ref-([^"]+)"', page.read_text(encoding="utf-8")
        ):
            assert key in listed, f"{page.relative_to(built_site)} links to #ref-{key}"
