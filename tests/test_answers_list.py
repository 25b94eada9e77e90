"""The home page's list of answers is made from the answer pages."""

from __future__ import annotations

from site_src.markdown import answers


def test_lists_pages_with_a_question_in_nav_order(tmp_path):
    (tmp_path / "b.md").write_text(
        "---\ntitle: Bee?\ndescription: Because.\nquestion: Q2\n---\n# B\n"
    )
    (tmp_path / "a.md").write_text(
        "---\ntitle: Ay?\ndescription: >-\n  Since\n  always.\nquestion: Q1\n---\n# A\n"
    )
    (tmp_path / "index.md").write_text("---\ntitle: Home\n---\n[[answers]]\n")
    out = answers.expand("x\n[[answers]]\n", tmp_path, ["index.md", "b.md", "a.md"])
    assert out.index("[Bee?](b.md)") < out.index("[Ay?](a.md)")
    assert ":   Since always." in out and "Home" not in out


def test_home_page_lists_every_answer(built_site):
    html = (built_site / "index.html").read_text()
    from buildkit import ROOT

    for page in sorted((ROOT / "docs").glob("*.md")):
        if "question" in answers.front_matter(page):
            assert f'href="{page.stem}/"' in html, (
                f"the home page does not link {page.name}"
            )


def test_notebooks_list_answers_with_snippets(tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: Ay?\nquestion: Q1\n---\n# A\n\n[[snippet a/one]]\n"
    )
    (tmp_path / "b.md").write_text("---\ntitle: Bee?\nquestion: Q2\n---\n# B\n")
    (tmp_path / "n.md").write_text("---\ntitle: Notebooks\n---\n[[notebooks]]\n")
    out = answers.expand("[[notebooks]]\n", tmp_path, ["a.md", "b.md", "n.md"], "")
    assert "[Ay?](notebooks/a.ipynb)" in out and "([the answer](a.md))" in out
    assert "Bee?" not in out  # no snippet, so no notebook


def test_notebooks_are_reachable_from_home_and_menu(built_site):
    home = (built_site / "index.html").read_text()
    assert 'href="notebooks/"' in home
    listing = (built_site / "notebooks" / "index.html").read_text()
    for page in ("why-nonlinearity", "analogies", "modern-activations"):
        assert f'href="{page}/"' in listing, page  # each notebook, from the list
    # In the menu: the navigation of every page links the list.
    assert 'href="notebooks/"' in home.split('class="md-nav', 1)[1]
