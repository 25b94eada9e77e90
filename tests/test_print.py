"""The whole FAQ on one print page (site_src/outputs/print.py, site_src/plugin.py).

Unit tests of the assembly, then the built page itself. The PDF a browser
makes of it is checked in tests/browser/test_print_pdf.py.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from site_src.outputs import notebooks
from site_src.outputs import print as printing

ROOT = Path(__file__).resolve().parents[1]


def _answer(name: str, body: str, sections=()) -> printing.Answer:
    return printing.Answer(
        name=name,
        url=f"{name}/",
        title=name.title(),
        question="Q0",
        html=body,
        sections=list(sections),
    )


# ---------------------------------------------------------------- unit


def test_rebase_moves_relative_urls_between_pages():
    assert printing.rebase("../figures/a/b.svg", "a/", "print/") == "../figures/a/b.svg"
    assert printing.rebase("figures/a/b.svg", "", "print/") == "../figures/a/b.svg"
    assert (
        printing.rebase("../glossary/#relu", "deep/page/", "print/")
        == "../deep/glossary/#relu"
    )
    assert (
        printing.rebase("https://doi.org/10.1/x", "a/", "print/")
        == "https://doi.org/10.1/x"
    )
    assert printing.rebase("#local", "a/", "print/") == "#local"


def test_assemble_keeps_two_answers_apart_on_one_page():
    one = _answer(
        "one",
        (
            '<h1 id="one">One</h1>\n<h2 id="short-answer">Short</h2>'
            '<p><a href="#short-answer">here</a> <a href="../two/#short-answer">two</a> '
            '<a href="../two/">two</a> <a href="../glossary/#relu">ReLU</a>'
            '<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>'
            '<label for="__tabbed_1_1">tab</label><input id="__tabbed_1_1">'
            '<figure class="wr-figure wr-player" data-wr-frames="'
            + html.escape(json.dumps(["../figures/one/f/0.png"]))
            + '">'
            '<img src="../figures/one/f/0.png" alt="x"></figure>'
        ),
        [("short-answer", "Short")],
    )
    two = _answer(
        "two",
        (
            '<h1 id="two">Two</h1><h2 id="short-answer">Short</h2><p id="fn:1">note</p>'
            '<details class="example">\n<summary>Code: <code>snippets/two/fig.py</code></summary>\n'
            '<div class="highlight"><pre><code>print(1)</code></pre></div>\n</details>'
            '<details class="note"><summary>A note</summary><p>kept</p></details>'
        ),
    )
    page = printing.assemble([one, two], "print/")

    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    assert 'id="one--short-answer"' in page and 'id="two--short-answer"' in page
    assert 'href="#one--short-answer"' in page  # a link within the answer
    assert 'href="#two--short-answer"' in page  # to a heading of another answer
    assert 'href="#two"' in page  # to another answer
    assert 'href="../glossary/#relu"' in page  # elsewhere on the site, rebased
    assert 'for="one--__tabbed_1_1"' in page and 'id="one--__tabbed_1_1"' in page
    assert 'href="#one--fn:1"' in page
    assert (
        '<article class="wr-print-answer" id="one"' in page
        and 'aria-labelledby="one--one"' in page
    )
    assert '<h2 id="one--one">One</h2>' in page  # headings move down a level
    assert '<h3 id="one--short-answer">' in page
    frames = json.loads(
        html.unescape(re.search(r'data-wr-frames="([^"]+)"', page).group(1))
    )
    assert frames == ["../figures/one/f/0.png"]
    # A snippet's code box becomes the line naming its file; other boxes stay.
    assert '<p class="wr-print-code">Code: <code>snippets/two/fig.py</code></p>' in page
    assert "print(1)" not in page and "<p>kept</p>" in page
    # The contents list every answer, in order.
    contents = page[: page.index("</nav>")]
    assert contents.index('href="#one"') < contents.index('href="#two"')


# ---------------------------------------------------------------- the built site


def _answers():
    return [
        (p.stem, notebooks.answer_front_matter(p))
        for p in sorted((ROOT / "docs").glob("*.md"))
        if notebooks.answer_front_matter(p).get("question")
    ]


def _nav_order() -> list[str]:
    config = (ROOT / "mkdocs.yml").read_text()
    return re.findall(
        r"^\s*-\s[^#\n]*?:\s*([\w./-]+)\.md\s*$", config.split("\nnav:", 1)[1], re.M
    )


def test_print_page_has_every_answer_in_nav_order_and_every_figure(built_site):
    page = (built_site / "print" / "index.html").read_text(encoding="utf-8")
    answers = _answers()
    assert answers
    positions = []
    for name, front in answers:
        anchor = f'<article class="wr-print-answer" id="{name}"'
        if name not in _nav_order():
            assert anchor not in page, (
                f"{name} is not in the nav, but on the print page"
            )
            continue
        assert anchor in page, f"the print page lacks the answer {name}"
        positions.append((_nav_order().index(name), page.index(anchor), name))
        assert html.escape(str(front["title"]), quote=False) in page, (
            f"the print page lacks the title of {name}"
        )
        answer_page = (built_site / name / "index.html").read_text(encoding="utf-8")
        for src in re.findall(
            r'<figure class="wr-figure[^"]*"[^>]*>\s*<img[^>]*\ssrc="([^"]+)"',
            answer_page,
        ):
            target = urlsplit(urljoin(f"http://site/{name}/", src)).path
            on_print = {
                urlsplit(urljoin("http://site/print/", s)).path
                for s in re.findall(r'<img[^>]*\ssrc="([^"]+)"', page)
            }
            assert target in on_print, (
                f"the print page lacks the figure {target} of {name}"
            )
            assert (built_site / target.lstrip("/")).is_file()
    assert [p[2] for p in sorted(positions)] == [
        p[2] for p in sorted(positions, key=lambda p: p[1])
    ], "the print page does not follow the nav's order"


def test_print_page_ids_are_unique_and_in_page_links_resolve(built_site):
    page = (built_site / "print" / "index.html").read_text(encoding="utf-8")
    main = page[page.index('<article class="md-content__inner') :]
    ids = re.findall(r'\sid="([^"]+)"', page)
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, f"ids used twice on the print page: {duplicates[:10]}"
    known = set(ids)
    broken = sorted(
        {
            h
            for h in re.findall(r'href="#([^"]+)"', main)
            if html.unescape(h) not in known
        }
    )
    assert not broken, f"in-page links to no id: {broken[:10]}"


def test_print_page_is_left_out_of_search(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    assert not [d for d in index["docs"] if d["location"].startswith("print/")]
