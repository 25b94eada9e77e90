"""The "Report a mistake" link (site_src/markdown/report.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from site_src.markdown import report


def test_link_opens_the_correction_form_with_the_page_filled_in():
    url = report.issue_url(
        "https://github.com/whyrelu/whyrelu",
        "Why do we need a nonlinearity at all?",
        "https://whyrelu.github.io/whyrelu/why-nonlinearity/",
    )
    parts = urlsplit(url)
    assert (parts.netloc, parts.path) == ("github.com", "/whyrelu/whyrelu/issues/new")
    query = parse_qs(parts.query)
    assert query == {
        "template": ["correction.yml"],
        "title": ["Correction: Why do we need a nonlinearity at all?"],
        "page": ["https://whyrelu.github.io/whyrelu/why-nonlinearity/"],
    }


def test_repository_url_variants():
    assert report.issue_url("https://github.com/a/b.git/", "T", "p").startswith(
        "https://github.com/a/b/issues/new?"
    )
    assert report.issue_url("https://gitlab.com/a/b", "T", "p") is None
    assert report.issue_url("", "T", "p") is None


def test_footer_escapes_and_offers_an_edit():
    html = report.footer(
        'https://github.com/a/b/issues/new?x=1&y="2"', "https://e/x.md"
    )
    assert 'href="https://github.com/a/b/issues/new?x=1&amp;y=&quot;2&quot;"' in html
    assert 'href="https://e/x.md">edit this page</a>' in html
    assert "edit this page" not in report.footer("https://x", None)


def test_only_answers_get_the_link():
    assert report.is_answer({"question": "Q2"})
    assert not report.is_answer({"title": "Home"})
